// Project file use cases: record an uploaded file as the attempt's next version (REGISTERED or
// FILE_SUBMITTED → FILE_SUBMITTED), and acknowledge it (FILE_SUBMITTED → FILE_ACKNOWLEDGED), each with its
// audit entry and the partner's event in the same transaction, published after commit.
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../auth/viewer.ts';
import type { PubSub } from '../../realtime/pubsub.ts';
import { publishAll } from '../../realtime/event-log.ts';
import { certificationAdminFilter, projectFileUploadFilter } from '../../auth/policies.ts';
import { AppError } from '../../lib/errors.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { ATTEMPT_ROW, transitionAttempt } from '../candidate/attempt.service.ts';
import { acknowledgmentDueAt } from './project-file.rules.ts';
import { attemptNotificationData, candidateRecipients, notify, partnerRecipients } from '../notification/notification.service.ts';

interface Deps {
  prisma: PrismaClient;
  pubsub: PubSub;
}

export interface StoredUpload {
  storageKey: string;
  filename: string;
  mimeType: string;
  size: number;
  sha256: string;
}

/** The attempt an upload is for, if the viewer may upload for it (else NOT_FOUND, existence not revealed). */
export async function findUploadableAttempt(prisma: PrismaClient, viewer: Viewer, attemptId: string) {
  const attempt = await prisma.attempt.findFirst({ where: { AND: [{ id: attemptId }, projectFileUploadFilter(viewer)] }, select: ATTEMPT_ROW });
  if (!attempt) throw new AppError('NOT_FOUND');
  return attempt;
}

export async function submitProjectFile(
  deps: Deps,
  viewer: Viewer,
  attemptId: string,
  upload: StoredUpload,
  now = new Date(),
): Promise<{ projectFileId: string; version: number }> {
  try {
    const { result, events } = await deps.prisma.$transaction(async (tx) => {
      const attempt = await tx.attempt.findFirst({ where: { AND: [{ id: attemptId }, projectFileUploadFilter(viewer)] }, select: ATTEMPT_ROW });
      if (!attempt) throw new AppError('NOT_FOUND');
      const last = await tx.projectFile.findFirst({ where: { attemptId }, orderBy: { version: 'desc' }, select: { version: true } });
      const version = (last?.version ?? 0) + 1;
      const file = await tx.storedFile.create({
        data: { ...upload, uploadedById: viewer.kind === 'user' ? viewer.userId : null, createdAt: now },
        select: { id: true },
      });
      const projectFile = await tx.projectFile.create({
        data: { attemptId, version, fileId: file.id, submittedAt: now, acknowledgeBy: acknowledgmentDueAt(now) },
        select: { id: true },
      });
      const event = await transitionAttempt(tx, viewer, attempt, 'FILE_SUBMITTED', {
        action: 'projectFile.submitted',
        data: { projectFileId: projectFile.id, version, sha256: upload.sha256, size: upload.size, mimeType: upload.mimeType },
      });
      return { result: { projectFileId: projectFile.id, version }, events: [event] };
    });
    publishAll(deps.pubsub, events);
    return result;
  } catch (error) {
    // Two uploads for one attempt at the same time: one wins version n+1, the other is told to retry.
    if (isUniqueViolation(error)) throw new AppError('CONFLICT');
    throw error;
  }
}

/** An admin acknowledges the latest version of a project file: FILE_SUBMITTED → FILE_ACKNOWLEDGED. */
export async function acknowledgeProjectFile(deps: Deps, viewer: Viewer, projectFileId: string, now = new Date()): Promise<void> {
  if (viewer.kind !== 'user' || viewer.role !== 'ADMIN') throw new AppError('FORBIDDEN');
  const events = await deps.prisma.$transaction(async (tx) => {
    const file = await tx.projectFile.findFirst({
      where: { id: projectFileId, attempt: { certification: certificationAdminFilter(viewer) } },
      select: { id: true, version: true, acknowledgedAt: true, attempt: { select: ATTEMPT_ROW } },
    });
    if (!file) throw new AppError('NOT_FOUND');
    if (file.acknowledgedAt) throw new AppError('INVALID_STATE', { state: 'ACKNOWLEDGED' }, { state: 'ACKNOWLEDGED' });
    const latest = await tx.projectFile.findFirst({ where: { attemptId: file.attempt.id }, orderBy: { version: 'desc' }, select: { id: true } });
    if (latest?.id !== file.id) throw new AppError('INVALID_STATE', { state: 'SUPERSEDED' }, { state: 'SUPERSEDED' });
    const marked = await tx.projectFile.updateMany({ where: { id: file.id, acknowledgedAt: null }, data: { acknowledgedAt: now, acknowledgedById: viewer.userId } });
    if (marked.count === 0) throw new AppError('CONFLICT');
    const events = [
      await transitionAttempt(tx, viewer, file.attempt, 'FILE_ACKNOWLEDGED', {
        action: 'projectFile.acknowledged',
        data: { projectFileId: file.id, version: file.version },
      }),
    ];
    await notify(tx, {
      template: 'PROJECT_FILE_ACKNOWLEDGED',
      data: { ...(await attemptNotificationData(tx, file.attempt.id)), projectFileId: file.id, version: file.version },
      dedupeKey: `project-file-acknowledged:${file.id}`,
      recipients: await candidateRecipients(tx, file.attempt.candidateId),
    }, events);
    return events;
  });
  publishAll(deps.pubsub, events);
}

/**
 * An admin returns the latest version as incomplete, with the reason: FILE_SUBMITTED → REGISTERED. The candidate
 * and the partner are told; the candidate's next upload is a new version with a new 5-day acknowledgment clock.
 */
export async function returnProjectFile(deps: Deps, viewer: Viewer, projectFileId: string, comment: string, now = new Date()): Promise<void> {
  if (viewer.kind !== 'user' || viewer.role !== 'ADMIN') throw new AppError('FORBIDDEN');
  const events = await deps.prisma.$transaction(async (tx) => {
    const file = await tx.projectFile.findFirst({
      where: { id: projectFileId, attempt: { certification: certificationAdminFilter(viewer) } },
      select: { id: true, version: true, acknowledgedAt: true, returnedAt: true, attempt: { select: { ...ATTEMPT_ROW, candidate: { select: { partnerId: true } } } } },
    });
    if (!file) throw new AppError('NOT_FOUND');
    if (file.acknowledgedAt || file.returnedAt) {
      const state = file.acknowledgedAt ? 'ACKNOWLEDGED' : 'RETURNED';
      throw new AppError('INVALID_STATE', { state }, { state });
    }
    const latest = await tx.projectFile.findFirst({ where: { attemptId: file.attempt.id }, orderBy: { version: 'desc' }, select: { id: true } });
    if (latest?.id !== file.id) throw new AppError('INVALID_STATE', { state: 'SUPERSEDED' }, { state: 'SUPERSEDED' });
    const marked = await tx.projectFile.updateMany({
      where: { id: file.id, acknowledgedAt: null, returnedAt: null },
      data: { returnedAt: now, returnedById: viewer.userId, returnComment: comment },
    });
    if (marked.count === 0) throw new AppError('CONFLICT');
    const events = [
      await transitionAttempt(tx, viewer, file.attempt, 'REGISTERED', {
        action: 'projectFile.returned',
        data: { projectFileId: file.id, version: file.version },
      }),
    ];
    const data = { ...(await attemptNotificationData(tx, file.attempt.id)), projectFileId: file.id, version: file.version, comment };
    await notify(tx, { template: 'PROJECT_FILE_RETURNED', data, dedupeKey: `project-file-returned:${file.id}`, recipients: await candidateRecipients(tx, file.attempt.candidateId) }, events);
    await notify(tx, { template: 'PROJECT_FILE_RETURNED_PARTNER', data, dedupeKey: `project-file-returned-partner:${file.id}`, recipients: await partnerRecipients(tx, file.attempt.candidate.partnerId) }, events);
    return events;
  });
  publishAll(deps.pubsub, events);
}
