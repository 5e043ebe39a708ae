// Public certificate documents, no login (they exist to be checked by anyone holding the link):
//   GET /credentials/<id>                          the signed credential (JSON-LD, application/vc)
//   GET /credentials/<id>/status                   revocation of credentials issued before the status list (codes only)
//   GET /certificates/<id>.pdf                     the printable PDF
//   GET /issuers/<certifierId>                     the issuer profile (Open Badges Profile) with its public keys
//   GET /issuers/<certifierId>/did.json            the issuer's DID document (did:web), every key current and retired
//   GET /issuers/<certifierId>/status/revocation   its signed BitstringStatusListCredential
//   GET /issuers/<certifierId>/logo.svg, badge.svg the bundled images (issuer logo unless CERTIFIER_LOGO_URL, badge)
//   GET /achievements/<code>[/<block>]             the Achievement as JSON-LD when Accept prefers JSON (else the web app)
// Unknown ids answer 404 `{"errors":[{message, extensions:{code}}]}` in the request's language.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppServices } from '../../graphql/context.ts';
import { AppError } from '../../lib/errors.ts';
import { localeFromHeader, runWithLocale } from '../../lib/request-context.ts';
import {
  CREDENTIAL_CONTEXT,
  CREDENTIAL_MEDIA_TYPE,
  credentialStatusUrl,
  credentialUrl,
  issuerUrl,
  REVOCATION_LIST_TYPE,
  verificationPageUrl,
  WHOLE_CERTIFICATION,
} from './certificate.rules.ts';
import { currentStatusList, holderNameOfRow, issuerKeys, issuerLogoUrl, publicAchievement, publicCertificate } from './certificate.service.ts';
import { didDocument, issuerDid } from './certificate.jsonld.ts';
import { renderCertificatePdf } from './certificate.pdf.ts';

export const CERTIFICATE_HTTP_PREFIXES = ['/credentials/', '/certificates/', '/issuers/'] as const;
export const ACHIEVEMENT_PREFIX = '/achievements/';
/** The media type of a DID document (DID Core §6.3, JSON-LD representation). */
export const DID_MEDIA_TYPE = 'application/did+ld+json';

const LOGO_SVG = readFileSync(new URL('./assets/logo.svg', import.meta.url));
const BADGE_SVG = readFileSync(new URL('./assets/badge.svg', import.meta.url));

const UUID = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';
const CREDENTIAL = new RegExp(`^/credentials/${UUID}$`);
const STATUS = new RegExp(`^/credentials/${UUID}/status$`);
const PDF = new RegExp(`^/certificates/${UUID}\\.pdf$`);
const ISSUER = new RegExp(`^/issuers/${UUID}$`);
const DID_DOCUMENT = new RegExp(`^/issuers/${UUID}/did\\.json$`);
const STATUS_LIST = new RegExp(`^/issuers/${UUID}/status/revocation$`);
const IMAGE = new RegExp(`^/issuers/${UUID}/(logo|badge)\\.svg$`);
const ACHIEVEMENT = /^\/achievements\/([^/]+)(?:\/([^/]+))?$/;

/** The quality the Accept header gives a media type (its best matching range: exact, `type/*`, `*\/*`). */
function acceptQuality(accept: string, mediaType: string): number {
  const [type] = mediaType.split('/');
  let best = -1;
  let quality = 0;
  for (const part of accept.split(',')) {
    const [range, ...params] = part.trim().toLowerCase().split(';').map((piece) => piece.trim());
    const specificity = range === mediaType ? 3 : range === `${type}/*` ? 2 : range === '*/*' ? 1 : 0;
    if (specificity === 0 || specificity < best) continue;
    const q = params.find((param) => param.startsWith('q='));
    const value = q ? Number(q.slice(2)) : 1;
    if (specificity > best || value > quality) quality = Number.isFinite(value) ? value : 0;
    best = specificity;
  }
  return quality;
}

/** Whether the request's Accept prefers JSON-LD or JSON to HTML (a browser's `text/html, …, *\/*;q=0.8` does not). */
export function prefersJson(accept: string | undefined): boolean {
  if (!accept) return false;
  const json = Math.max(acceptQuality(accept, 'application/ld+json'), acceptQuality(accept, 'application/json'));
  return json > 0 && json > acceptQuality(accept, 'text/html');
}

/** `/achievements/…` is the catalogue page of the web app, unless the request prefers JSON: then ours. */
export function isAchievementJsonRequest(req: IncomingMessage, pathname: string): boolean {
  return pathname.startsWith(ACHIEVEMENT_PREFIX) && prefersJson(req.headers.accept);
}

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
        return sendJson(res, 200, CREDENTIAL_MEDIA_TYPE, row.credential);
      }
      if ((match = STATUS.exec(path))) {
        const row = await publicCertificate(prisma, match[1]);
        if (!row) return notFound(res);
        return sendJson(res, 200, 'application/json', {
          id: credentialStatusUrl(config.publicUrl, row.id),
          type: REVOCATION_LIST_TYPE,
          issuer: issuerUrl(config.publicUrl, row.attempt.certification.certifier.id),
          // Only the code: the admin's own words are never published.
          revokedCredentials: row.revokedAt
            ? [{ id: credentialUrl(config.publicUrl, row.id), revocationDate: row.revokedAt.toISOString(), revocationReason: row.revocationCode ?? 'ISSUER_DECISION' }]
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
        const keys = await issuerKeys(prisma, config.publicUrl, certifier.id);
        const did = issuerDid(config.publicUrl, certifier.id);
        return sendJson(res, 200, 'application/ld+json', {
          '@context': [...CREDENTIAL_CONTEXT],
          id: did,
          type: ['Profile'],
          name: certifier.name,
          url: issuerUrl(config.publicUrl, certifier.id),
          image: { id: config.certifierLogoUrl ?? issuerLogoUrl(config.publicUrl, certifier.id), type: 'Image', caption: certifier.name },
          otherIdentifier: [{ type: 'IdentifierEntry', identifier: certifier.siret, identifierType: 'ext:SIRET' }],
          // Every key that ever signed for this issuer (its DID document, did.json, lists the same).
          verificationMethod: keys.map((key) => ({
            id: key.verificationMethod,
            type: 'Multikey',
            controller: did,
            publicKeyMultibase: key.publicKeyMultibase,
            created: key.createdAt.toISOString(),
            // Not `revoked` (which would distrust what it signed): a retired key only stops signing.
            ...(key.retiredAt ? { retired: key.retiredAt.toISOString() } : {}),
          })),
        });
      }
      if ((match = DID_DOCUMENT.exec(path))) {
        const certifier = await prisma.certifier.findUnique({ where: { id: match[1].toLowerCase() }, select: { id: true } });
        if (!certifier) return notFound(res);
        const keys = await issuerKeys(prisma, config.publicUrl, certifier.id);
        const did = issuerDid(config.publicUrl, certifier.id);
        return sendJson(res, 200, DID_MEDIA_TYPE, didDocument(did, keys, [issuerUrl(config.publicUrl, certifier.id)]));
      }
      if ((match = STATUS_LIST.exec(path))) {
        const list = await currentStatusList(services, match[1].toLowerCase());
        if (!list) return notFound(res);
        return sendJson(res, 200, CREDENTIAL_MEDIA_TYPE, list);
      }
      if ((match = IMAGE.exec(path))) {
        if (!(await prisma.certifier.findUnique({ where: { id: match[1].toLowerCase() }, select: { id: true } }))) return notFound(res);
        const svg = match[2] === 'logo' ? LOGO_SVG : BADGE_SVG;
        res.writeHead(200, { 'content-type': 'image/svg+xml', 'content-length': String(svg.byteLength), ...PUBLIC_HEADERS });
        return void res.end(svg);
      }
      if ((match = ACHIEVEMENT.exec(path))) {
        let code: string, blockCode: string | null;
        try {
          code = decodeURIComponent(match[1]);
          blockCode = match[2] ? decodeURIComponent(match[2]) : null;
        } catch {
          return notFound(res);
        }
        const view = await publicAchievement(prisma, config.publicUrl, code, blockCode);
        if (!view) return notFound(res);
        return sendJson(res, 200, 'application/ld+json', { '@context': [...CREDENTIAL_CONTEXT], ...view.achievement, creator: { id: view.issuerDid, type: ['Profile'], name: view.issuerName } });
      }
      return notFound(res);
    });
}
