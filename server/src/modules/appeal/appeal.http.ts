// Appeal attachments over plain HTTP, with the project-file upload machinery (project-file/upload.http.ts):
// - POST /uploads/appeal-attachment?attemptId=… with the candidate's `Authorization: Bearer …` (portal), or
//   POST /uploads/appeal-attachment?token=<contest link token> without login; `multipart/form-data` with a
//   `file` part: PDF, PNG or JPEG (checked on the content), at most 10 MB (and MAX_UPLOAD_BYTES). Only while
//   the result may be contested. Answer: 201 `{ "attachmentId" }`, to pass in `AppealInput.attachmentIds`.
// - GET /downloads/appeal-attachments/<attachmentId> with the bearer token of the appeal's candidate or of an
//   admin of the certifier: the file (404 for anyone else, as for an unknown id).
import type { AppServices } from '../../graphql/context.ts';
import type { Logger } from '../../lib/logger.ts';
import { appealFilter } from '../../auth/policies.ts';
import { createStoredFileDownloadHandler, createUploadHandler } from '../project-file/upload.http.ts';
import { ATTACHMENT_MAX_BYTES } from './appeal.rules.ts';
import { attachmentTarget, recordAttachment } from './appeal.service.ts';

export const APPEAL_UPLOAD_PATH = '/uploads/appeal-attachment';
export const APPEAL_DOWNLOAD_PREFIX = '/downloads/appeal-attachments/';
export const appealAttachmentPath = (attachmentId: string) => `${APPEAL_DOWNLOAD_PREFIX}${attachmentId}`;

const ACCEPTED_TYPES: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg' };

export function createAppealAttachmentUploadHandler(services: AppServices, log: Logger) {
  return createUploadHandler(services, log, {
    maxBytes: Math.min(ATTACHMENT_MAX_BYTES, services.config.limits.maxUploadBytes),
    label: 'appeal attachment',
    typeMessage: 'upload.appealType',
    accept: (ext) => (ext ? (ACCEPTED_TYPES[ext] ?? null) : null),
    authorize: (viewer, url) => attachmentTarget(services, viewer, { attemptId: url.searchParams.get('attemptId'), token: url.searchParams.get('token') }),
    record: (viewer, target, file) => recordAttachment(services, viewer, target.resultId, file),
  });
}

export function createAppealAttachmentDownloadHandler(services: AppServices) {
  return createStoredFileDownloadHandler(services, APPEAL_DOWNLOAD_PREFIX, async (viewer, id) => {
    const attachment = await services.prisma.appealAttachment.findFirst({ where: { id, appeal: appealFilter(viewer) }, select: { file: { select: { storageKey: true, filename: true, mimeType: true, size: true } } } });
    return attachment?.file;
  });
}
