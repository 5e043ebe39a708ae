// VAE evidence over plain HTTP, with the project-file upload machinery (project-file/upload.http.ts):
// - POST /uploads/experience-evidence?periodId=… with the candidate's `Authorization: Bearer …`, `multipart/form-data`
//   with a `file` part: PDF, DOCX, ODT, PPTX, DOC (as project files) or PNG / JPEG (a scanned certificate of
//   employment, a payslip), checked on the content, at most MAX_UPLOAD_BYTES. Only the candidate's own period, while
//   it is pending and the attempt not yet scheduled. A new upload replaces the previous evidence. Answer: 201
//   `{ "periodId", "fileId" }`.
// - GET /downloads/experience-evidence/<periodId> with the bearer token of the candidate, their partner or an
//   admin of the certifier: the file (404 for anyone else, as for an unknown id).
import type { AppServices } from '../../graphql/context.ts';
import type { Logger } from '../../lib/logger.ts';
import { attemptFilter } from '../../auth/policies.ts';
import { createStoredFileDownloadHandler, createUploadHandler } from '../project-file/upload.http.ts';
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

export function createEvidenceDownloadHandler(services: AppServices) {
  return createStoredFileDownloadHandler(services, EVIDENCE_DOWNLOAD_PREFIX, async (viewer, id) => {
    const period = await services.prisma.experiencePeriod.findFirst({
      where: { id, attempt: attemptFilter(viewer) },
      select: { evidenceFile: { select: { storageKey: true, filename: true, mimeType: true, size: true } } },
    });
    return period?.evidenceFile;
  });
}
