// GET /downloads/cdc-batches/<batchId>.xml with an admin's `Authorization: Bearer …`: the exported XML file,
// streamed from the file store. 401 / 403 / 404 answer `{"errors":[{message, extensions:{code}}]}` in the
// request's language.
// POST /uploads/cdc-report with an admin's bearer token: the CDC's processing report as `multipart/form-data`
// (one part named `file`), streamed to the file store (busboy, at most CDC_REPORT_MAX_BYTES, default 50 MB:
// 413 beyond), then imported as `importCdcReport` does. 201 `{ batchId, duplicate, summary }`; refusals
// 400 VALIDATION_FAILED (with `fields`, e.g. a DOCTYPE or a foreign namespace), 401, 403, 409 INVALID_STATE,
// 413 LIMIT_EXCEEDED, 415 (not XML text).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { AppServices } from '../../graphql/context.ts';
import { credentialFrom } from '../../auth/viewer.ts';
import { cdcBatchFilter, scopesFor } from '../../auth/policies.ts';
import { AppError } from '../../lib/errors.ts';
import { translate, type MessageKey } from '../../lib/messages.ts';
import { localeFromHeader, runWithLocale } from '../../lib/request-context.ts';
import { fileStorage } from '../../storage/storage.ts';
import type { Logger } from '../../lib/logger.ts';
import { createUploadHandler } from '../project-file/upload.http.ts';
import { importCdcReport } from './cdc.service.ts';
import { decodeReport } from './cdc.report.ts';

export const CDC_REPORT_UPLOAD_PATH = '/uploads/cdc-report';

export const CDC_DOWNLOAD_PREFIX = '/downloads/cdc-batches/';

const STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

function refuse(res: ServerResponse, error: AppError) {
  res.writeHead(STATUS[error.code] ?? 400, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ errors: [{ message: error.message, extensions: error.extensions }] }));
}

export function createCdcDownloadHandler(services: AppServices) {
  return (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> =>
    runWithLocale(localeFromHeader(req.headers['accept-language']), async () => {
      const viewer = await services.viewers.resolve(credentialFrom(req.headers.authorization));
      if (!viewer) return refuse(res, new AppError('UNAUTHENTICATED'));
      if (!scopesFor(viewer).admin) return refuse(res, new AppError('FORBIDDEN'));
      const id = /^([0-9a-f-]{36})\.xml$/.exec(url.pathname.slice(CDC_DOWNLOAD_PREFIX.length))?.[1];
      const batch = id
        ? await services.prisma.cdcBatch.findFirst({ where: { AND: [{ id }, cdcBatchFilter(viewer)] }, select: { fileName: true, storageKey: true, sizeBytes: true } })
        : null;
      if (!batch?.storageKey) return refuse(res, new AppError('NOT_FOUND'));
      const storage = await fileStorage(services.config.dataDir);
      res.writeHead(200, {
        'content-type': 'application/xml; charset=utf-8',
        'content-disposition': `attachment; filename="${batch.fileName}"`,
        ...(batch.sizeBytes !== null ? { 'content-length': String(batch.sizeBytes) } : {}),
      });
      await pipeline(storage.read(batch.storageKey), res);
    });
}

/** The processing report upload (admins of the certifier). */
export function createCdcReportUploadHandler(services: AppServices, log: Logger) {
  return createUploadHandler(services, log, {
    maxBytes: services.config.cdc.reportMaxBytes,
    label: 'CDC report',
    typeMessage: 'cdc.report.type',
    // XML is text: file-type finds nothing in it, or "xml"; anything it recognises otherwise (zip, pdf…) is refused.
    accept: (detected) => (detected === undefined || detected === 'xml' ? 'application/xml' : null),
    async authorize(viewer) {
      if (!viewer) throw new AppError('UNAUTHENTICATED');
      if (viewer.kind !== 'user' || !scopesFor(viewer).admin) throw new AppError('FORBIDDEN');
      return { certifierId: viewer.certifierId, actorId: viewer.userId, actorKind: 'user' };
    },
    async record(_viewer, actor, file) {
      const storage = await fileStorage(services.config.dataDir);
      const chunks: Buffer[] = [];
      for await (const chunk of storage.read(file.storageKey)) chunks.push(chunk as Buffer);
      const xml = decodeReport(Buffer.concat(chunks));
      const imported = await importCdcReport({ prisma: services.prisma, storage }, actor, xml, { fileName: file.filename, maxBytes: services.config.cdc.reportMaxBytes });
      // As the GraphQL answer: each unknown idTechnique with its reason in the request's language.
      const unknown = imported.summary.unknown.map((row) => ({ ...row, message: translate(`cdc.unknown.${row.reason}` as MessageKey) }));
      return { ...imported, summary: { ...imported.summary, unknown } };
    },
  });
}
