// VAE evidence over plain HTTP, with the project-file upload machinery (project-file/upload.http.ts):
// - POST /uploads/experience-evidence?periodId=… with the candidate's `Authorization: Bearer …`, `multipart/form-data`
//   with a `file` part: PDF, DOCX, ODT, PPTX, DOC (as project files) or PNG / JPEG (a scanned certificate of
//   employment, a payslip), checked on the content, at most MAX_UPLOAD_BYTES. Only the candidate's own period, while
//   it is pending and the attempt not yet scheduled. A new upload replaces the previous evidence. Answer: 201
//   `{ "periodId", "fileId" }`.
// - GET /downloads/experience-evidence/<periodId> with the bearer token of the candidate, their partner or an
//   admin of the certifier: the file (404 for anyone else, as for an unknown id).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { AppServices } from '../../graphql/context.ts';
import type { Logger } from '../../lib/logger.ts';
import { credentialFrom } from '../../auth/viewer.ts';
import { attemptFilter } from '../../auth/policies.ts';
import { AppError } from '../../lib/errors.ts';
import { localeFromHeader, runWithLocale } from '../../lib/request-context.ts';
import { fileStorage } from '../../storage/storage.ts';
import { createUploadHandler } from '../project-file/upload.http.ts';
import { acceptedMimeType } from '../project-file/project-file.rules.ts';
import { evidenceTarget, recordEvidence } from './vae.service.ts';

export const EVIDENCE_UPLOAD_PATH = '/uploads/experience-evidence';
export const EVIDENCE_DOWNLOAD_PREFIX = '/downloads/experience-evidence/';
export const evidenceDownloadPath = (periodId: string) => `${EVIDENCE_DOWNLOAD_PREFIX}${periodId}`;

const IMAGES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg' };

export function createEvidenceUploadHandler(services: AppServices, log: Logger) {
  return createUploadHandler(services, log, {
    maxBytes: services.config.limits.maxUploadBytes,
    label: 'experience evidence',
    typeMessage: 'upload.evidenceType',
    accept: (ext, filename) => (ext && IMAGES[ext]) || acceptedMimeType(ext, filename),
    authorize: (viewer, url) => evidenceTarget(services.prisma, viewer, url.searchParams.get('periodId')),
    record: (viewer, target, file) => recordEvidence(services, viewer, target.periodId, file),
  });
}

const STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

export function createEvidenceDownloadHandler(services: AppServices) {
  return (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> =>
    runWithLocale(localeFromHeader(req.headers['accept-language']), async () => {
      const refuse = (error: AppError) => {
        res.writeHead(STATUS[error.code] ?? 400, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ errors: [{ message: error.message, extensions: error.extensions }] }));
      };
      const viewer = await services.viewers.resolve(credentialFrom(req.headers.authorization));
      if (!viewer) return refuse(new AppError('UNAUTHENTICATED'));
      const id = url.pathname.slice(EVIDENCE_DOWNLOAD_PREFIX.length);
      const period = /^[0-9a-f-]{36}$/.test(id)
        ? await services.prisma.experiencePeriod.findFirst({
            where: { id, attempt: attemptFilter(viewer) },
            select: { evidenceFile: { select: { storageKey: true, filename: true, mimeType: true, size: true } } },
          })
        : null;
      const file = period?.evidenceFile;
      if (!file) return refuse(new AppError('NOT_FOUND'));
      const storage = await fileStorage(services.config.dataDir);
      res.writeHead(200, {
        'content-type': file.mimeType,
        'content-length': String(file.size),
        'content-disposition': `attachment; filename="${file.filename.replace(/["\\\r\n]/g, '_')}"`,
        'x-content-type-options': 'nosniff',
      });
      await pipeline(storage.read(file.storageKey), res);
    });
}
