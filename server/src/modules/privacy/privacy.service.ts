// Personal data (GDPR): a candidate downloads everything the platform holds about them; an admin erases a
// candidate's personal data where no legal retention applies, keeping the anonymised decisions for statistics.
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { appendAudit, actorOf } from '../../lib/audit.ts';
import { AppError } from '../../lib/errors.ts';
import { UNUSABLE_PASSWORD_HASH } from '../../auth/password.ts';
import type { FileStorage } from '../../storage/storage.ts';
import { erasureBlockers } from './privacy.rules.ts';
import { attemptResultsFor } from '../result/result.service.ts';

/** Everything held about the signed-in candidate, as one JSON document (no other person's data). */
export async function personalDataExport(prisma: PrismaClient, viewer: Viewer | null) {
  if (viewer?.kind !== 'user' || viewer.role !== 'CANDIDATE' || !viewer.candidateId) throw new AppError('FORBIDDEN');
  const candidate = await prisma.candidate.findUniqueOrThrow({
    where: { id: viewer.candidateId },
    select: {
      fileNumber: true, email: true, birthName: true, usageName: true, firstName: true, firstName2: true, firstName3: true,
      birthDate: true, sex: true, birthInseeCode: true, birthPostalCode: true, birthCity: true, birthCountryCode: true, birthCountryName: true,
      cpfFileNumber: true, phone: true, createdAt: true, updatedAt: true,
      partner: { select: { name: true, siret: true } },
      accommodation: { select: { kinds: true, extraTimeMinutes: true, notes: true, updatedAt: true } },
      acquiredBlocks: { select: { blockCode: true, acquiredAt: true, certification: { select: { code: true } } } },
      complaints: { select: { subject: true, statement: true, state: true, answer: true, submittedAt: true, answeredAt: true } },
      rectificationRequests: { orderBy: { createdAt: 'asc' }, select: { changes: true, comment: true, state: true, decisionReason: true, createdAt: true, decidedAt: true } },
      attempts: {
        orderBy: { createdAt: 'asc' },
        select: {
          id: true, attemptNumber: true, state: true, accessRoute: true, funding: true, createdAt: true,
          certification: { select: { code: true, title: true } },
          projectFiles: { select: { version: true, submittedAt: true, acknowledgedAt: true, file: { select: { filename: true, size: true, sha256: true } } } },
          booking: { select: { createdAt: true, slot: { select: { startsAt: true, durationMinutes: true } } } },
          orals: { select: { scheduledAt: true, phase: true, identityCheckedAt: true, identityDocumentType: true } },
          feedback: { select: { ratings: true, comment: true, createdAt: true } },
          appeals: { select: { state: true, statement: true, submittedAt: true, decidedAt: true } },
          cdcPassage: { select: { idTechnique: true, status: true, juryDate: true, acceptedAt: true } },
          experiencePeriods: {
            orderBy: { startDate: 'asc' },
            select: { employer: true, jobTitle: true, startDate: true, endDate: true, activities: true, accepted: true, reviewReason: true, checkedAt: true, evidenceFile: { select: { filename: true, size: true, sha256: true } } },
          },
          cleaFile: {
            select: {
              outcome: true, outcomeReason: true, decidedAt: true,
              evaluations: { orderBy: { evaluatedAt: 'asc' }, select: { kind: true, evaluatedAt: true, supersededAt: true, results: { select: { blockCode: true, mastered: true, comment: true } } } },
              trainingLines: { select: { blockCode: true, toTrain: true, createdAt: true } },
              portfolios: { select: { issuedAt: true, modules: true } },
            },
          },
        },
      },
      quizAttempts: { select: { purpose: true, startedAt: true, submittedAt: true, results: true } },
    },
  });
  // The jury's decision only as the candidate's own result view shows it: once published, and with what the
  // certification's resultDisclosure allows (never before publication, never a per-competence score it withholds).
  const results = await attemptResultsFor(prisma, viewer, candidate.attempts.map((attempt) => attempt.id));
  const attempts = candidate.attempts.map(({ id, ...attempt }) => {
    const view = results.get(id);
    const result = view
      ? { outcome: view.outcome, validatedBlockCodes: view.validatedBlockCodes, blocks: view.blocks, explanation: view.explanation, juryDate: view.juryDate, juryNames: view.juryNames, publishedAt: view.publishedAt, disclosure: view.disclosure, contestUntil: view.contestUntil }
      : null;
    return { ...attempt, result };
  });
  return { exportedAt: new Date().toISOString(), candidate: { ...candidate, attempts } };
}

/** What stands in place of an erased free text (appeal or complaint statements). */
const ERASED_TEXT = '[effacé / erased]';

/**
 * Blanks a candidate's identity and what they wrote (appeal and complaint statements, VAE experience periods) or
 * what was written about them (CléA evaluators' comments), removes their accommodation, files (project files,
 * appeal attachments, VAE evidence), notifications and sign-in, and marks them anonymised.
 * Decisions, results and statistics stay (they name nobody once the identity is gone). Refused with the
 * reasons while a legal retention applies (see privacy.rules.ts).
 */
export async function erasePersonalData(
  deps: { prisma: PrismaClient; storage: FileStorage },
  viewer: Viewer | null,
  candidateId: string,
  now = new Date(),
): Promise<void> {
  if (viewer?.kind !== 'user' || viewer.role !== 'ADMIN') throw new AppError('FORBIDDEN');
  const { prisma } = deps;
  const removedKeys = await prisma.$transaction(async (tx) => {
    const candidate = await tx.candidate.findFirst({
      where: { id: candidateId, partner: { certifierId: viewer.certifierId } },
      select: {
        id: true,
        userId: true,
        email: true,
        anonymisedAt: true,
        attempts: { select: { state: true, decisions: { select: { outcome: true, supersededById: true } }, cdcPassage: { select: { status: true } } } },
      },
    });
    if (!candidate) throw new AppError('NOT_FOUND');
    if (candidate.anonymisedAt) throw new AppError('INVALID_STATE', { state: 'ANONYMISED' }, { state: 'ANONYMISED' });
    const blockers = erasureBlockers(candidate.attempts);
    if (blockers.length) throw new AppError('INVALID_STATE', { state: blockers.join(', ') }, { retention: blockers });
    await tx.candidate.update({
      where: { id: candidate.id },
      data: {
        email: `erased-${candidate.id}@invalid`,
        birthName: 'ANONYME',
        usageName: null,
        firstName: 'Anonyme',
        firstName2: null,
        firstName3: null,
        birthDate: null,
        sex: null,
        birthInseeCode: null,
        birthPostalCode: null,
        birthCity: null,
        birthCountryCode: null,
        birthCountryName: null,
        cpfFileNumber: null,
        phone: null,
        anonymisedAt: now,
      },
    });
    await tx.accommodation.deleteMany({ where: { candidateId: candidate.id } });
    // Rectification requests hold identity values.
    await tx.rectificationRequest.deleteMany({ where: { candidateId: candidate.id } });
    // The project files and appeal attachments: rows now, stored content after commit (unless another row
    // shares the same content).
    const projectFiles = await tx.projectFile.findMany({ where: { attempt: { candidateId: candidate.id } }, select: { id: true, file: { select: { id: true, storageKey: true } } } });
    const attachments = await tx.appealAttachment.findMany({ where: { appeal: { attempt: { candidateId: candidate.id } } }, select: { id: true, file: { select: { id: true, storageKey: true } } } });
    await tx.projectFile.deleteMany({ where: { id: { in: projectFiles.map((file) => file.id) } } });
    await tx.appealAttachment.deleteMany({ where: { id: { in: attachments.map((attachment) => attachment.id) } } });
    // VAE experience periods: what the candidate declared about their career, and its evidence files.
    const evidence = await tx.experiencePeriod.findMany({ where: { attempt: { candidateId: candidate.id }, evidenceFileId: { not: null } }, select: { evidenceFile: { select: { id: true, storageKey: true } } } });
    await tx.experiencePeriod.updateMany({ where: { attempt: { candidateId: candidate.id } }, data: { employer: ERASED_TEXT, jobTitle: ERASED_TEXT, activities: ERASED_TEXT, evidenceFileId: null } });
    const files = [...projectFiles, ...attachments, ...evidence.map((period) => ({ file: period.evidenceFile! }))];
    await tx.storedFile.deleteMany({
      where: { id: { in: files.map((file) => file.file.id) }, projectFiles: { none: {} }, appealAttachments: { none: {} }, experiencePeriods: { none: {} } },
    });
    // What they wrote (appeals, complaints) and what was written to them (notifications) may name them.
    await tx.appeal.updateMany({ where: { attempt: { candidateId: candidate.id } }, data: { statement: ERASED_TEXT } });
    await tx.complaint.updateMany({ where: { candidateId: candidate.id }, data: { statement: ERASED_TEXT, answer: null } });
    await tx.notification.deleteMany({ where: { OR: [...(candidate.userId ? [{ userId: candidate.userId }] : []), { email: candidate.email }] } });
    const keys = [...new Set(files.map((file) => file.file.storageKey))];
    const stillUsed = new Set((await tx.storedFile.findMany({ where: { storageKey: { in: keys } }, select: { storageKey: true } })).map((row) => row.storageKey));
    await tx.feedback.updateMany({ where: { attempt: { candidateId: candidate.id } }, data: { comment: null } });
    // CléA evaluators' comments are about the person; the per-module results stay (anonymised, like decisions).
    await tx.cleaModuleResult.updateMany({ where: { evaluation: { file: { attempt: { candidateId: candidate.id } } } }, data: { comment: null } });
    if (candidate.userId) {
      await tx.user.update({
        where: { id: candidate.userId },
        data: { email: `erased-${candidate.userId}@invalid`, displayName: 'Anonyme', passwordHash: UNUSABLE_PASSWORD_HASH, disabledAt: now },
      });
      await tx.session.updateMany({ where: { userId: candidate.userId, revokedAt: null }, data: { revokedAt: now } });
    }
    // The audit entry names the row, never the person.
    await appendAudit(tx, { ...actorOf(viewer), action: 'candidate.personalDataErased', entityType: 'Candidate', entityId: candidate.id, data: {} });
    return keys.filter((key) => !stillUsed.has(key));
  });
  // Demo rows point at content that was never stored: a missing file is not an error.
  await Promise.all(removedKeys.filter((key) => key.startsWith('files/')).map((key) => deps.storage.remove(key).catch(() => undefined)));
}
