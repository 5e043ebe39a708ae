// Results: an admin of the certifier publishes a result once the minutes are signed and locked. The attempt
// moves DECIDED → RESULT_PUBLISHED through the transition table (audit + the partner's ATTEMPT_STATE_CHANGED),
// the result records who published it and when, and RESULT_PUBLISHED goes to the candidate's and the partner's
// schedule rooms. Everything is written in one transaction; events go out after commit.
import { asksForAny } from '../../graphql/requested-fields.ts';
import { candidatePartnerOf } from '../../graphql/loaded-under.ts';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { viewerPartnerId, type Viewer } from '../../auth/viewer.ts';
import { attemptFilter, certificationAdminFilter, managesCertification, ownsCandidate } from '../../auth/policies.ts';
import type { RoomEvent } from '../../realtime/pubsub.ts';
import type { AppServices } from '../../graphql/context.ts';
import { appendEvent, publishAll } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import { appendAudit, actorOf } from '../../lib/audit.ts';
import { AppError, validationFailed } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';
import { stateLabel } from '../../lib/state-labels.ts';
import { ATTEMPT_ROW, transitionAttempt } from '../candidate/attempt.service.ts';
import { assertAdmin } from '../jury/jury.service.ts';
import { createAppealLink } from '../appeal/appeal.service.ts';
import { candidateRecipients, notify, partnerRecipients } from '../notification/notification.service.ts';
import { issueCertificatesForPublishedResult } from '../certificate/certificate.service.ts';
import { contestPathFor, contestUntilFor, decisionView, disclosesJuryNames, publicationStatus, type DecisionView } from './result.rules.ts';

type Tx = Prisma.TransactionClient;

/** What publication needs: the database, pub/sub, and (for certificates and appeal links) config and secret. */
type Deps = Pick<AppServices, 'prisma' | 'pubsub' | 'config' | 'secret'>;

/** At most this many results in one bulk publication. */
export const MAX_BULK_PUBLISH = 200;

const invalidState = (state: string) => new AppError('INVALID_STATE', { state: stateLabel(state) }, { state });

async function publishOne(deps: Deps, tx: Tx, viewer: Extract<Viewer, { kind: 'user' }>, resultId: string, now: Date, events: RoomEvent[]): Promise<void> {
  const result = await tx.result.findFirst({
    where: { id: resultId, attempt: { certification: certificationAdminFilter(viewer) } },
    select: {
      id: true,
      publishBy: true,
      publishedAt: true,
      decisionId: true,
      decision: { select: { outcome: true, oral: { select: { phase: true, lockedAt: true, minutes: { select: { lockedAt: true } } } } } },
      attempt: {
        select: {
          ...ATTEMPT_ROW,
          certification: { select: { code: true, title: true } },
          candidate: { select: { partnerId: true, fileNumber: true, firstName: true, birthName: true, usageName: true } },
        },
      },
    },
  });
  if (!result) throw new AppError('NOT_FOUND');
  if (result.publishedAt || result.attempt.state === 'RESULT_PUBLISHED') throw invalidState('RESULT_PUBLISHED');
  if (result.attempt.state !== 'DECIDED') throw invalidState(result.attempt.state);
  // Only a decision whose minutes every juror signed (the oral is SIGNED and locked) can be published.
  const oral = result.decision.oral;
  if (!oral || oral.phase !== 'SIGNED' || !oral.lockedAt || !oral.minutes?.lockedAt) throw invalidState(oral?.phase ?? 'DECIDED');

  const marked = await tx.result.updateMany({ where: { id: result.id, publishedAt: null }, data: { publishedAt: now, publishedById: viewer.userId } });
  if (marked.count === 0) throw invalidState('RESULT_PUBLISHED'); // published concurrently
  const { late } = publicationStatus(result, now);
  events.push(
    await transitionAttempt(tx, viewer, result.attempt, 'RESULT_PUBLISHED', {
      action: 'result.published',
      data: { resultId: result.id, decisionId: result.decisionId },
    }),
  );
  await appendAudit(tx, {
    ...actorOf(viewer),
    action: 'result.published',
    entityType: 'Result',
    entityId: result.id,
    data: { attemptId: result.attempt.id, decisionId: result.decisionId, outcome: result.decision.outcome, publishBy: result.publishBy.toISOString(), late },
  });
  const { candidate, certification } = result.attempt;
  const notificationData = {
    attemptId: result.attempt.id,
    candidateId: result.attempt.candidateId,
    candidateName: `${candidate.firstName} ${candidate.usageName || candidate.birthName}`,
    fileNumber: candidate.fileNumber,
    certificationCode: certification.code,
    certificationTitle: certification.title,
  };
  await notify(tx, {
    template: 'RESULT_PUBLISHED',
    // The candidate's own contest link (never in the partner's notification).
    data: { ...notificationData, ...(await createAppealLink(tx, deps, { id: result.id, attemptId: result.attempt.id, publishedAt: now })) },
    // Per decision: a result published again after an appeal's re-evaluation notifies again.
    dedupeKey: `result-published:${result.id}:${result.decisionId}`,
    recipients: await candidateRecipients(tx, result.attempt.candidateId),
  }, events);
  await notify(tx, {
    template: 'PARTNER_RESULT_PUBLISHED',
    data: notificationData,
    dedupeKey: `result-published:${result.id}:${result.decisionId}`,
    recipients: await partnerRecipients(tx, candidate.partnerId),
  }, events);
  const payload = { attemptId: result.attempt.id, resultId: result.id };
  events.push(await appendEvent(tx, rooms.schedule('candidate', result.attempt.candidateId), 'RESULT_PUBLISHED', payload));
  events.push(
    await appendEvent(tx, rooms.schedule('partner', result.attempt.candidate.partnerId), 'RESULT_PUBLISHED', { ...payload, candidateId: result.attempt.candidateId }),
  );
  await issueCertificatesForPublishedResult(tx, deps, viewer, result.decisionId, now, events);
}

/** Publishes one result (admin of the certifier): DECIDED → RESULT_PUBLISHED, candidate and partner notified. */
export async function publishResult(deps: Deps, viewer: Viewer | null, resultId: string, now = new Date()): Promise<void> {
  return publishResults(deps, viewer, [resultId], now);
}

/** Publishes several results, all or nothing: the first refusal aborts the whole batch. */
export async function publishResults(deps: Deps, viewer: Viewer | null, resultIds: string[], now = new Date()): Promise<void> {
  assertAdmin(viewer);
  const ids = [...new Set(resultIds)];
  if (ids.length === 0) throw validationFailed([{ path: ['resultIds'], message: translate('validation.required') }]);
  if (ids.length > MAX_BULK_PUBLISH) throw new AppError('LIMIT_EXCEEDED', { details: `${ids.length} > ${MAX_BULK_PUBLISH}` });
  const events: RoomEvent[] = [];
  await deps.prisma.$transaction(async (tx) => {
    for (const id of ids) await publishOne(deps, tx, viewer, id, now, events);
  });
  publishAll(deps.pubsub, events);
}

// ─── Reading a result ───

export interface AttemptResultView extends DecisionView {
  id: string;
  attemptId: string;
  published: boolean;
  publishBy: Date;
  publishedAt: Date | null;
  disclosure: 'DECISION_ONLY' | 'AGREED_SCORES' | 'AGREED_SCORES_AND_JURY_NAMES';
  contestUntil: Date | null;
  contestPath: string;
}

/**
 * The result of an attempt as the viewer may see it: the candidate and their partner once published, admins of
 * the certifier before too; anyone else (jurors included) null. Built through decisionView's whitelist.
 */
export async function attemptResultFor(prisma: PrismaClient | Tx, viewer: Viewer | null, attemptId: string): Promise<AttemptResultView | null> {
  return (await attemptResultsFor(prisma, viewer, [attemptId])).get(attemptId) ?? null;
}

/**
 * The results of several attempts in one statement (Attempt.result batches through it), with the same row
 * rules as one: absent from the map when the caller may not see it.
 */
export async function attemptResultsFor(
  prisma: PrismaClient | Tx,
  viewer: Viewer | null,
  attemptIds: readonly string[],
): Promise<Map<string, AttemptResultView>> {
  const views = new Map<string, AttemptResultView>();
  if (!viewer || attemptIds.length === 0) return views;
  const isAdmin = viewer.kind === 'user' && viewer.role === 'ADMIN';
  const isOwnerSide = viewer.kind !== 'user' || viewer.role === 'CANDIDATE' || viewer.role === 'PARTNER';
  if (!isAdmin && !isOwnerSide) return views;
  const results = await prisma.result.findMany({
    where: {
      attemptId: { in: [...new Set(attemptIds)] },
      attempt: isAdmin ? { certification: certificationAdminFilter(viewer) } : attemptFilter(viewer),
      ...(isAdmin ? {} : { publishedAt: { not: null } }),
    },
    select: { ...RESULT_VIEW, attemptId: true, attempt: { select: { certification: { select: { resultDisclosure: true, appealWindowDays: true } } } } },
  });
  for (const result of results) views.set(result.attemptId, resultView(result.attemptId, result, result.attempt.certification));
  return views;
}

/** The columns of a result that its view is built from. */
const RESULT_VIEW = {
  id: true,
  publishBy: true,
  publishedAt: true,
  decision: {
    select: {
      outcome: true,
      validatedBlockCodes: true,
      details: true,
      juryDate: true,
      oral: { select: { jury: { select: { members: { select: { role: true, juror: { select: { displayName: true } } } } } } } },
    },
  },
} satisfies Prisma.ResultSelect;

type ResultViewRow = Prisma.ResultGetPayload<{ select: typeof RESULT_VIEW }>;

/**
 * A result row as Attempt.result may read it: only the columns its requested fields need (attemptResultSelect).
 * A view built from it leaves what was not read undefined or empty; graphql-js never serves those fields.
 */
type SparseResultRow = Pick<ResultViewRow, 'publishedAt'> &
  Partial<Pick<ResultViewRow, 'id' | 'publishBy'>> & {
    decision: Pick<ResultViewRow['decision'], 'outcome'> & Partial<Omit<ResultViewRow['decision'], 'outcome'>>;
  };
type SparseCertification = { certifierId?: string; resultDisclosure?: AttemptResultView['disclosure']; appealWindowDays?: number };

function resultView(attemptId: string, result: SparseResultRow, certification: SparseCertification | undefined): AttemptResultView {
  // Unread (not asked for): the most discreet disclosure, so nothing is ever shown on a guess.
  const disclosure = certification?.resultDisclosure ?? 'DECISION_ONLY';
  const appealWindowDays = certification?.appealWindowDays;
  const members = disclosesJuryNames(disclosure) ? (result.decision.oral?.jury.members ?? []) : [];
  // The president first, then the others by name.
  const names = [...members]
    .sort((a, b) => Number(b.role === 'PRESIDENT') - Number(a.role === 'PRESIDENT') || a.juror.displayName.localeCompare(b.juror.displayName))
    .map((member) => member.juror.displayName);
  const stored = result.decision;
  // Written out rather than spread: on Node 20 `{ ...view, more }` costs about a microsecond per added key, and a
  // page builds a hundred of these.
  const decision = decisionView({ outcome: stored.outcome, validatedBlockCodes: stored.validatedBlockCodes ?? [], details: stored.details, juryDate: stored.juryDate! }, disclosure, names);
  return {
    outcome: decision.outcome,
    validatedBlockCodes: decision.validatedBlockCodes,
    blocks: decision.blocks,
    explanation: decision.explanation,
    juryDate: decision.juryDate,
    juryNames: decision.juryNames,
    id: result.id!,
    attemptId,
    published: result.publishedAt !== null,
    publishBy: result.publishBy!,
    publishedAt: result.publishedAt,
    disclosure,
    contestUntil: result.publishedAt && appealWindowDays !== undefined ? contestUntilFor(result.publishedAt, appealWindowDays) : null,
    contestPath: contestPathFor(attemptId),
  };
}

/**
 * What `Attempt.result` reads in the attempt's own query (a Pothos selection, so that a page of attempts comes
 * with its results in one statement): the result, and the columns its row rules test.
 */
export const ATTEMPT_RESULT_SELECT = {
  id: true,
  candidateId: true,
  candidate: { select: { partnerId: true } },
  certification: { select: { certifierId: true, resultDisclosure: true, appealWindowDays: true } },
  result: { select: RESULT_VIEW },
} satisfies Prisma.AttemptSelect;

/**
 * What Attempt.result reads for `viewer` when the fields asked for beneath it are `requested` (undefined:
 * unknown, then ATTEMPT_RESULT_SELECT): the columns its row rule reads for that viewer (an admin's certifier, a
 * partner's candidate's partner, unless the attempt was loaded under its candidate, a candidate's id), the publication date, the outcome, and the rest only for the
 * fields that show it. The costly parts are the decision's details (blocks, explanation: a JSON document per
 * result) and the jury (juryNames: three joins); a list showing outcomes reads neither.
 */
export function attemptResultSelect(viewer: Viewer | null, requested: ReadonlySet<string> | undefined, underCandidateAttempts = false): typeof ATTEMPT_RESULT_SELECT {
  if (requested === undefined) return ATTEMPT_RESULT_SELECT;
  const asks = (...fields: string[]) => asksForAny(requested, fields);
  const admin = viewer?.kind === 'user' && viewer.role === 'ADMIN';
  const certification = {
    ...(admin ? { certifierId: true } : {}),
    ...(asks('blocks', 'juryNames', 'disclosure') ? { resultDisclosure: true } : {}),
    ...(asks('contestUntil') ? { appealWindowDays: true } : {}),
  };
  const decision = {
    outcome: true,
    ...(asks('validatedBlockCodes') ? { validatedBlockCodes: true } : {}),
    ...(asks('juryDate') ? { juryDate: true } : {}),
    ...(asks('blocks', 'explanation') ? { details: true } : {}),
    ...(asks('juryNames') ? { oral: RESULT_VIEW.decision.select.oral } : {}),
  };
  const select = {
    id: true,
    candidateId: true,
    // A partner's rule reads the candidate's partner: from the candidate row the attempt was loaded under, if any.
    ...(viewerPartnerId(viewer) !== null && !underCandidateAttempts ? { candidate: { select: { partnerId: true } } } : {}),
    ...(Object.keys(certification).length > 0 ? { certification: { select: certification } } : {}),
    result: { select: { publishedAt: true, ...(asks('id') ? { id: true } : {}), ...(asks('publishBy') ? { publishBy: true } : {}), decision: { select: decision } } },
  };
  return select as unknown as typeof ATTEMPT_RESULT_SELECT;
}

/**
 * The result of an attempt read with ATTEMPT_RESULT_SELECT, under attemptResultsFor's row rules (in memory,
 * policies.ownsCandidate / managesCertification): admins of the certifier, published or not; the candidate and
 * their partner once published; anyone else (jurors included) null.
 */
/** An attempt as Attempt.result reads it (attemptResultSelect: what the viewer's rule and the fields need). */
export type AttemptResultRow = {
  id: string;
  candidateId: string;
  candidate?: { partnerId: string };
  certification?: SparseCertification;
  result: SparseResultRow | null;
};

export function attemptResultOfRow(viewer: Viewer | null, attempt: AttemptResultRow): AttemptResultView | null {
  const { result, certification } = attempt;
  if (!result || !viewer) return null;
  // A column not read for this viewer plays no part in its rule: the fallbacks deny.
  const visible = managesCertification(viewer, { certifierId: certification?.certifierId ?? '' })
    || (result.publishedAt !== null && ownsCandidate(viewer, { id: attempt.candidateId, partnerId: candidatePartnerOf(attempt) }));
  return visible ? resultView(attempt.id, result, certification) : null;
}
