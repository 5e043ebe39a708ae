// Retakes: after a failed, published result the candidate (or an admin of the certifier) opens a new attempt.
// It starts REGISTERED on the certification's current published framework, numbered after the last one and
// linked to the failed one (previousAttemptId is unique: one retake per attempt). BY_BLOCK retakes cover only
// the blocks not yet acquired; earlier AcquiredBlock rows are never touched, so they keep their dates and the
// decision of the retake counts them (decision.rules.ts `acquiredBlockCodes`). A retake asks for a new project
// file: the journey starts over at REGISTERED, since the jury failed the candidate on the evidence they had.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { retakeOpenerFilter } from '../../auth/policies.ts';
import type { AppServices } from '../../graphql/context.ts';
import { appendEvent, publishAll } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import { appendAudit, actorOf } from '../../lib/audit.ts';
import { AppError } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { candidateRecipients, notify, partnerRecipients } from '../notification/notification.service.ts';
import { planRetake, type RetakePlan, type RetakeRefusal } from './retake.rules.ts';
import { acquiredBlockCodesAt } from '../cqp/acquired-blocks.ts';

type Db = PrismaClient | Prisma.TransactionClient;
type Deps = Pick<AppServices, 'prisma' | 'pubsub'>;

const RETAKE_SOURCE = {
  id: true,
  state: true,
  candidateId: true,
  certificationId: true,
  attemptNumber: true,
  accessRoute: true,
  funding: true,
  candidate: { select: { partnerId: true, fileNumber: true, firstName: true, birthName: true, usageName: true } },
  certification: {
    select: {
      code: true,
      title: true,
      decisionRule: true,
      maxAttempts: true,
      frameworks: {
        where: { status: 'PUBLISHED' },
        orderBy: { version: 'desc' },
        take: 1,
        select: { id: true, blocks: { orderBy: { position: 'asc' }, select: { code: true } } },
      },
    },
  },
  result: { select: { publishedAt: true, decision: { select: { outcome: true } } } },
  fraudReports: { where: { status: 'CONFIRMED' }, select: { id: true }, take: 1 },
} as const satisfies Prisma.AttemptSelect;

type RetakeSource = Prisma.AttemptGetPayload<{ select: typeof RETAKE_SOURCE }>;

export interface RetakeAvailability extends RetakePlan {
  attemptId: string;
  maxAttempts: number | null;
  attemptsUsed: number;
}

async function planFor(db: Db, attempt: RetakeSource): Promise<RetakeAvailability & { frameworkVersionId: string | null; nextAttemptNumber: number }> {
  const [siblings, acquired] = await Promise.all([
    db.attempt.findMany({ where: { candidateId: attempt.candidateId, certificationId: attempt.certificationId }, select: { attemptNumber: true } }),
    // Own blocks and blocks acquired by equivalence (CQP bridges, modules/cqp).
    acquiredBlockCodesAt(db, attempt.candidateId, attempt.certificationId),
  ]);
  const framework = attempt.certification.frameworks[0] ?? null;
  const lastNumber = Math.max(...siblings.map((sibling) => sibling.attemptNumber));
  const plan = planRetake({
    state: attempt.state,
    publishedOutcome: attempt.result?.publishedAt ? attempt.result.decision.outcome : null,
    fraudConfirmed: attempt.fraudReports.length > 0,
    newerAttemptExists: lastNumber > attempt.attemptNumber,
    attemptsUsed: siblings.length,
    maxAttempts: attempt.certification.maxAttempts,
    rule: attempt.certification.decisionRule,
    frameworkBlockCodes: framework?.blocks.map((block) => block.code) ?? [],
    acquiredBlockCodes: acquired,
  });
  return {
    ...plan,
    attemptId: attempt.id,
    maxAttempts: attempt.certification.maxAttempts,
    attemptsUsed: siblings.length,
    frameworkVersionId: framework?.id ?? null,
    nextAttemptNumber: lastNumber + 1,
  };
}

/** The typed error for a refusal (MAX_ATTEMPTS_REACHED carries the limit, ALREADY_RETAKEN its own code). */
export function retakeRefusalError(refusal: RetakeRefusal, maxAttempts: number | null): AppError {
  if (refusal === 'MAX_ATTEMPTS_REACHED') return new AppError('MAX_ATTEMPTS_REACHED', { max: maxAttempts }, { maxAttempts });
  if (refusal === 'ALREADY_RETAKEN') return new AppError('RETAKE_ALREADY_OPENED');
  return new AppError('RETAKE_UNAVAILABLE', { reason: retakeRefusalText(refusal, maxAttempts) }, { reason: refusal });
}

export const retakeRefusalText = (refusal: RetakeRefusal, maxAttempts: number | null) => translate(`retake.reason.${refusal}`, { max: maxAttempts });

/** Whether the attempt may be retaken and what a retake would cover; null when the viewer may not open one. */
export async function retakeAvailabilityFor(prisma: PrismaClient, viewer: Viewer | null, attemptId: string): Promise<RetakeAvailability | null> {
  const attempt = await prisma.attempt.findFirst({ where: { AND: [{ id: attemptId }, retakeOpenerFilter(viewer)] }, select: RETAKE_SOURCE });
  if (!attempt) return null;
  const { frameworkVersionId: _framework, nextAttemptNumber: _next, ...availability } = await planFor(prisma, attempt);
  return availability;
}

/** Opens the retake of a failed, published attempt. Returns the new attempt's id. */
export async function openRetake(deps: Deps, viewer: Viewer | null, attemptId: string): Promise<string> {
  if (viewer?.kind !== 'user' || (viewer.role !== 'CANDIDATE' && viewer.role !== 'ADMIN')) throw new AppError('FORBIDDEN');
  try {
    const { retakeId, events } = await deps.prisma.$transaction(async (tx) => {
      const attempt = await tx.attempt.findFirst({ where: { AND: [{ id: attemptId }, retakeOpenerFilter(viewer)] }, select: RETAKE_SOURCE });
      if (!attempt) throw new AppError('NOT_FOUND');
      const plan = await planFor(tx, attempt);
      if (plan.refusal) throw retakeRefusalError(plan.refusal, plan.maxAttempts);
      if (!plan.frameworkVersionId) throw new AppError('RETAKE_UNAVAILABLE', { reason: translate('validation.unknownCertification', { code: attempt.certification.code }) });
      const retake = await tx.attempt.create({
        data: {
          candidateId: attempt.candidateId,
          certificationId: attempt.certificationId,
          frameworkVersionId: plan.frameworkVersionId,
          attemptNumber: plan.nextAttemptNumber,
          previousAttemptId: attempt.id,
          accessRoute: attempt.accessRoute,
          funding: attempt.funding,
          blockCodesInScope: plan.blockCodesInScope,
          registeredById: viewer.userId,
        },
        select: { id: true },
      });
      await appendAudit(tx, {
        ...actorOf(viewer),
        action: 'attempt.retakeOpened',
        entityType: 'Attempt',
        entityId: retake.id,
        data: { previousAttemptId: attempt.id, attemptNumber: plan.nextAttemptNumber, blockCodesInScope: plan.blockCodesInScope, frameworkVersionId: plan.frameworkVersionId },
      });
      const { candidate, certification } = attempt;
      const covered = plan.coveredBlockCodes.join(', ');
      const data = {
        attemptId: retake.id,
        candidateId: attempt.candidateId,
        candidateName: `${candidate.firstName} ${candidate.usageName || candidate.birthName}`,
        fileNumber: candidate.fileNumber,
        certificationCode: certification.code,
        certificationTitle: certification.title,
        attemptNumber: plan.nextAttemptNumber,
        scopeFr: plan.blockCodesInScope.length ? `les blocs ${covered}` : 'toute la certification',
        scopeEn: plan.blockCodesInScope.length ? `blocks ${covered}` : 'the whole certification',
      };
      const dedupeKey = `retake-opened:${retake.id}`;
      await notify(tx, { template: 'RETAKE_OPENED', data, dedupeKey, recipients: await candidateRecipients(tx, attempt.candidateId) });
      await notify(tx, { template: 'PARTNER_RETAKE_OPENED', data, dedupeKey, recipients: await partnerRecipients(tx, candidate.partnerId) });
      const event = await appendEvent(tx, rooms.partner(candidate.partnerId), 'RETAKE_OPENED', {
        candidateId: attempt.candidateId,
        attemptId: retake.id,
        previousAttemptId: attempt.id,
      });
      return { retakeId: retake.id, events: [event] };
    });
    publishAll(deps.pubsub, events);
    return retakeId;
  } catch (error) {
    // Two requests at once (a double click): the loser hits previousAttemptId's (or the attempt number's) unique index.
    if (isUniqueViolation(error)) throw new AppError('RETAKE_ALREADY_OPENED');
    throw error;
  }
}
