// Public certificate documents, no login (they exist to be checked by anyone holding the link):
//   GET /credentials/<id>          the signed credential (JSON-LD, application/vc+ld+json)
//   GET /credentials/<id>/status   its 1EdTech revocation list entry
//   GET /certificates/<id>.pdf     the printable PDF
//   GET /issuers/<certifierId>     the issuer profile with its public keys (current and retired)
// Unknown ids answer 404 `{"errors":[{message, extensions:{code}}]}` in the request's language.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppServices } from '../../graphql/context.ts';
import { AppError } from '../../lib/errors.ts';
import { localeFromHeader, runWithLocale } from '../../lib/request-context.ts';
import { CREDENTIAL_CONTEXT, credentialStatusUrl, credentialUrl, issuerUrl, REVOCATION_LIST_TYPE, verificationPageUrl, WHOLE_CERTIFICATION } from './certificate.rules.ts';
import { holderNameOfRow, issuerKeys, publicCertificate } from './certificate.service.ts';
import { renderCertificatePdf } from './certificate.pdf.ts';

export const CERTIFICATE_HTTP_PREFIXES = ['/credentials/', '/certificates/', '/issuers/'] as const;

const UUID = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';
const CREDENTIAL = new RegExp(`^/credentials/${UUID}$`);
const STATUS = new RegExp(`^/credentials/${UUID}/status$`);
const PDF = new RegExp(`^/certificates/${UUID}\\.pdf$`);
const ISSUER = new RegExp(`^/issuers/${UUID}$`);

/** Public documents: any origin may read them (verifiers, wallets). */
const PUBLIC_HEADERS = { 'access-control-allow-origin': '*', 'cache-control': 'no-cache' };

function sendJson(res: ServerResponse, status: number, contentType: string, body: unknown) {
  res.writeHead(status, { 'content-type': `${contentType}; charset=utf-8`, ...PUBLIC_HEADERS });
  res.end(JSON.stringify(body, null, 2));
}

const notFound = (res: ServerResponse) => {
  const error = new AppError('NOT_FOUND');
  sendJson(res, 404, 'application/json', { errors: [{ message: error.message, extensions: error.extensions }] });
};

export function isCertificateHttpPath(pathname: string): boolean {
  return CERTIFICATE_HTTP_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

export function createCertificateHttpHandler(services: AppServices) {
  const { prisma, config } = services;
  return (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> =>
    runWithLocale(localeFromHeader(req.headers['accept-language']), async () => {
      const path = url.pathname;
      let match: RegExpExecArray | null;
      if ((match = CREDENTIAL.exec(path))) {
        const row = await publicCertificate(prisma, match[1]);
        if (!row) return notFound(res);
        return sendJson(res, 200, 'application/vc+ld+json', row.credential);
      }
      if ((match = STATUS.exec(path))) {
        const row = await publicCertificate(prisma, match[1]);
        if (!row) return notFound(res);
        return sendJson(res, 200, 'application/json', {
          id: credentialStatusUrl(config.publicUrl, row.id),
          type: REVOCATION_LIST_TYPE,
          issuer: issuerUrl(config.publicUrl, row.attempt.certification.certifier.id),
          revokedCredentials: row.revokedAt
            ? [{ id: credentialUrl(config.publicUrl, row.id), revocationDate: row.revokedAt.toISOString(), revocationReason: row.revocationReason }]
            : [],
        });
      }
      if ((match = PDF.exec(path))) {
        const row = await publicCertificate(prisma, match[1]);
        if (!row) return notFound(res);
        const details = await prisma.certificate.findUniqueOrThrow({
          where: { id: row.id },
          select: { decision: { select: { juryDate: true, validatedBlockCodes: true, frameworkVersion: { select: { blocks: { select: { code: true, title: true }, orderBy: { position: 'asc' } } } } } } },
        });
        const blocks = details.decision.frameworkVersion.blocks;
        const titleOf = (code: string) => blocks.find((block) => block.code === code)?.title ?? code;
        const pdf = await renderCertificatePdf({
          certificateId: row.id,
          holderName: holderNameOfRow(row),
          issuerName: row.attempt.certification.certifier.name,
          certificationCode: row.attempt.certification.code,
          certificationTitle: row.attempt.certification.title,
          block: row.scope === WHOLE_CERTIFICATION ? null : { code: row.scope, title: titleOf(row.scope) },
          validatedBlocks: (details.decision.validatedBlockCodes.length ? details.decision.validatedBlockCodes : blocks.map((block) => block.code)).map((code) => ({ code, title: titleOf(code) })),
          issuedAt: row.issuedAt,
          juryDate: details.decision.juryDate,
          verificationUrl: verificationPageUrl(config.publicUrl, row.id),
          revokedAt: row.revokedAt,
        });
        res.writeHead(200, {
          'content-type': 'application/pdf',
          'content-length': String(pdf.byteLength),
          'content-disposition': `inline; filename="certificat-${row.id}.pdf"`,
          ...PUBLIC_HEADERS,
        });
        return void res.end(Buffer.from(pdf));
      }
      if ((match = ISSUER.exec(path))) {
        const certifier = await prisma.certifier.findUnique({ where: { id: match[1].toLowerCase() }, select: { id: true, name: true, siret: true } });
        if (!certifier) return notFound(res);
        const keys = await issuerKeys(prisma, certifier.id);
        const id = issuerUrl(config.publicUrl, certifier.id);
        return sendJson(res, 200, 'application/ld+json', {
          '@context': [...CREDENTIAL_CONTEXT],
          id,
          type: ['Profile'],
          name: certifier.name,
          otherIdentifier: [{ type: 'IdentifierEntry', identifier: certifier.siret, identifierType: 'ext:SIRET' }],
          // Every key that ever signed for this issuer: a certificate verifies with the key its proof names.
          verificationMethod: keys.map((key) => ({
            id: key.verificationMethod,
            type: 'Multikey',
            controller: id,
            publicKeyMultibase: key.publicKeyMultibase,
            created: key.createdAt.toISOString(),
            // Not `revoked` (which would distrust what it signed): a retired key only stops signing.
            ...(key.retiredAt ? { retired: key.retiredAt.toISOString() } : {}),
          })),
        });
      }
      return notFound(res);
    });
}
