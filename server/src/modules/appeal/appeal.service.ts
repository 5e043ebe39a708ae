// Appeals ("contestations"): the candidate contests a published result, through the signed link sent with it
// (no login, single use) or from their portal, within the certification's appeal window. Admins moderate them
// (lib/case-state: SUBMITTED → UNDER_REVIEW → UPHELD | REJECTED → CLOSED, reason mandatory, answer due in 30
// days). An upheld appeal opens a re-evaluation oral before an entirely new jury; at its last signature the new
// decision replaces the contested one (`completeReEvaluation`, called by signMinutes). Every change is one
// transaction with its audit entry, the candidate's notification and the events of the appeal's room and of
// the admins' queue, published after commit.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { CaseState } from '../../generated/prisma/enums.ts';
import type { Viewer } from '../../auth/viewer.ts';
import type { AppServices } from '../../graphql/context.ts';
import type { RoomEvent } from '../../realtime/pubsub.ts';
import { appealFilter, attemptFilter, certificationAdminFilter } from '../../auth/policies.ts';
import { appendEvent, publishAll } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import { appendAudit, actorOf } from '../../lib/audit.ts';
import { answerByFor, canMoveCase, caseReasonRequired, openCaseAtRiskWhere } from '../../lib/case-state.ts';
import { AppError, validationFailed, type FieldIssue } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';
import { stateLabel } from '../../lib/state-labels.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { ATTEMPT_ROW, transitionAttempt } from '../candidate/attempt.service.ts';
import { CANDIDATE_FACTS, assertAdmin, candidateFacts, checkComposition, juryAssignment, juryEvents } from '../jury/jury.service.ts';
import { adminRecipients, candidateRecipients, notify } from '../notification/notification.service.ts';
import { contestUntilFor, publishByFor } from '../result/result.rules.ts';
import { cdcFollowDecision, type CdcFollowUp } from '../cdc/cdc.follow.ts';
import { revokeCertificatesOfReplacedDecision } from '../certificate/certificate.service.ts';
import {
  MAX_ATTACHMENTS,
  REASON_MAX,
  STATEMENT_MAX,
  STATEMENT_MIN,
  appealLinkFor,
  appealTokenHash,
  decisionValues,
  readAppealToken,
  signAppealToken,
  ATTACHMENTS_MAX_TOTAL_BYTES_PER_RESULT,
  MAX_ATTACHMENTS_PER_RESULT,
  attachmentFits,
} from './appeal.rules.ts';

type Tx = Prisma.TransactionClient;
type Deps = Pick<AppServices, 'prisma' | 'pubsub' | 'secret'>;
type UserViewer = Extract<Viewer, { kind: 'user' }>;

export interface AppealInput {
  statement: string;
  /** Ids returned by POST /uploads/appeal-attachment for this result. */
  attachmentIds?: string[] | null;
}

const invalidState = (state: string) => new AppError('INVALID_STATE', { state: stateLabel(state) }, { state });
const tokenKey = (deps: Pick<AppServices, 'secret'>) => deps.secret.derive('appeal-token');

// ───────────────────────────── The contest link ─────────────────────────────

/**
 * At publication (result.service publishOne): a signed link valid until the end of the appeal window, stored
 * hashed. Returns the absolute link and its expiry for the candidate's RESULT_PUBLISHED notification.
 */
export async function createAppealLink(
  tx: Tx,
  deps: Pick<AppServices, 'secret' | 'config'>,
  result: { id: string; attemptId: string; publishedAt: Date },
): Promise<{ appealUrl: string; contestUntil: string }> {
  const { certification } = await tx.attempt.findUniqueOrThrow({ where: { id: result.attemptId }, select: { certification: { select: { appealWindowDays: true } } } });
  const expiresAt = contestUntilFor(result.publishedAt, certification.appealWindowDays);
  const token = signAppealToken(tokenKey(deps), result.id, expiresAt);
  await tx.appealToken.create({ data: { resultId: result.id, tokenHash: appealTokenHash(token), expiresAt } });
  return { appealUrl: appealLinkFor(deps.config.publicUrl, token), contestUntil: expiresAt.toISOString() };
}

/** The stored, signed, unexpired, unused token; NOT_FOUND (forged, altered, unknown), TOKEN_EXPIRED or TOKEN_USED. */
async function validToken(tx: Tx | PrismaClient, deps: Pick<AppServices, 'secret'>, token: string, now: Date) {
  const reading = readAppealToken(tokenKey(deps), token, now);
  if (reading.status === 'INVALID') throw new AppError('NOT_FOUND');
  if (reading.status === 'EXPIRED') throw new AppError('TOKEN_EXPIRED', {}, { expiredAt: reading.expiresAt.toISOString() });
  const row = await tx.appealToken.findUnique({ where: { tokenHash: appealTokenHash(token) }, select: { id: true, resultId: true, usedAt: true } });
  if (!row || row.resultId !== reading.resultId) throw new AppError('NOT_FOUND');
  if (row.usedAt) throw new AppError('TOKEN_USED');
  return { ...row, expiresAt: reading.expiresAt };
}

const CONTESTED_RESULT = {
  id: true,
  publishedAt: true,
  decisionId: true,
  decision: { select: { outcome: true } },
  attempt: {
    select: {
      ...ATTEMPT_ROW,
      certification: { select: { code: true, title: true, appealWindowDays: true, certifierId: true } },
      candidate: { select: { partnerId: true, firstName: true, birthName: true, usageName: true } },
    },
  },
} as const;
type ContestedResult = Prisma.ResultGetPayload<{ select: typeof CONTESTED_RESULT }>;

export interface AppealLinkView {
  resultId: string;
  attemptId: string;
  certificationCode: string;
  certificationTitle: string;
  outcome: ContestedResult['decision']['outcome'];
  publishedAt: Date;
  contestUntil: Date;
}

/** What a contest link is about (public: the link is the credential). */
export async function appealByToken(deps: Deps, token: string, now = new Date()): Promise<AppealLinkView> {
  const row = await validToken(deps.prisma, deps, token, now);
  const result = await deps.prisma.result.findUnique({ where: { id: row.resultId }, select: CONTESTED_RESULT });
  if (!result?.publishedAt) throw new AppError('NOT_FOUND');
  return {
    resultId: result.id,
    attemptId: result.attempt.id,
    certificationCode: result.attempt.certification.code,
    certificationTitle: result.attempt.certification.title,
    outcome: result.decision.outcome,
    publishedAt: result.publishedAt,
    contestUntil: contestUntilFor(result.publishedAt, result.attempt.certification.appealWindowDays),
  };
}

// ───────────────────────────── Submission ─────────────────────────────

function inputIssues(input: AppealInput): { statement: string; attachmentIds: string[]; issues: FieldIssue[] } {
  const statement = input.statement.trim();
  const attachmentIds = [...new Set(input.attachmentIds ?? [])];
  const issues: FieldIssue[] = [];
  if (statement.length < STATEMENT_MIN || statement.length > STATEMENT_MAX) {
    issues.push({ path: ['input', 'statement'], message: translate('appeal.statement', { min: STATEMENT_MIN, max: STATEMENT_MAX }) });
  }
  if (attachmentIds.length > MAX_ATTACHMENTS) issues.push({ path: ['input', 'attachmentIds'], message: translate('appeal.attachments', { max: MAX_ATTACHMENTS }) });
  return { statement, attachmentIds, issues };
}

/** Inside the appeal window, on a published result whose attempt is not being re-evaluated. */
export function assertContestable(result: { publishedAt: Date | null; attempt: { state: string; certification: { appealWindowDays: number } } }, now: Date): Date {
  if (!result.publishedAt) throw invalidState(translate('appeal.notPublished'));
  const until = contestUntilFor(result.publishedAt, result.attempt.certification.appealWindowDays);
  if (now.getTime() > until.getTime()) throw new AppError('APPEAL_WINDOW_CLOSED', { until: until.toISOString().slice(0, 10) }, { contestUntil: until.toISOString() });
  if (result.attempt.state !== 'RESULT_PUBLISHED') throw invalidState(result.attempt.state);
  return until;
}

async function insertAppeal(
  tx: Tx,
  viewer: Viewer | null,
  result: ContestedResult,
  input: { statement: string; attachmentIds: string[] },
  now: Date,
  via: 'LINK' | 'PORTAL',
): Promise<{ appealId: string; events: RoomEvent[] }> {
  const appeal = await tx.appeal.create({
    data: {
      attemptId: result.attempt.id,
      decisionId: result.decisionId,
      statement: input.statement,
      submittedAt: now,
      answerBy: answerByFor(now),
      // Unique: a second open appeal of this result (even a concurrent one) fails here.
      openResultId: result.id,
    },
    select: { id: true },
  });
  if (input.attachmentIds.length) {
    // Only attachments uploaded for this very result and not yet used by another appeal.
    const attached = await tx.appealAttachment.updateMany({
      where: { id: { in: input.attachmentIds }, resultId: result.id, appealId: null },
      data: { appealId: appeal.id },
    });
    if (attached.count !== input.attachmentIds.length) {
      throw validationFailed([{ path: ['input', 'attachmentIds'], message: translate('appeal.attachments', { max: MAX_ATTACHMENTS }) }]);
    }
  }
  await appendAudit(tx, {
    ...(viewer ? actorOf(viewer) : { actorId: null, actorKind: 'appealLink' }),
    action: 'appeal.submitted',
    entityType: 'Appeal',
    entityId: appeal.id,
    // The statement stays out of the audit trail (it may describe people); its length says it was given.
    data: { to: 'SUBMITTED', resultId: result.id, decisionId: result.decisionId, via, statementLength: input.statement.length, attachments: input.attachmentIds.length },
  });
  const { candidate, certification } = result.attempt;
  const data = {
    appealId: appeal.id,
    attemptId: result.attempt.id,
    state: 'SUBMITTED',
    reason: null,
    candidateName: `${candidate.firstName} ${candidate.usageName || candidate.birthName}`,
    certificationCode: certification.code,
    certificationTitle: certification.title,
  };
  const events: RoomEvent[] = [];
  await notify(tx, { template: 'APPEAL_STATE_CHANGED', data, dedupeKey: `appeal:${appeal.id}:SUBMITTED`, recipients: await candidateRecipients(tx, result.attempt.candidateId) }, events);
  await notify(tx, { template: 'APPEAL_SUBMITTED', data, dedupeKey: `appeal:${appeal.id}:SUBMITTED`, recipients: await adminRecipients(tx, certification.certifierId) }, events);
  const payload = { appealId: appeal.id, attemptId: result.attempt.id, state: 'SUBMITTED' };
  events.push(
    await appendEvent(tx, rooms.appeal(appeal.id), 'APPEAL_SUBMITTED', payload),
    await appendEvent(tx, rooms.appealQueue(certification.certifierId), 'APPEAL_SUBMITTED', payload),
  );
  return { appealId: appeal.id, events };
}

/** Runs a submission; a unique violation on openResultId (another open appeal, even concurrent) is APPEAL_ALREADY_OPEN. */
async function submitting(deps: Deps, run: (tx: Tx) => Promise<{ appealId: string; events: RoomEvent[] }>): Promise<string> {
  try {
    const { appealId, events } = await deps.prisma.$transaction(run);
    publishAll(deps.pubsub, events);
    return appealId;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('APPEAL_ALREADY_OPEN');
    throw error;
  }
}

async function assertNoOpenAppeal(tx: Tx, resultId: string) {
  if (await tx.appeal.count({ where: { openResultId: resultId } })) throw new AppError('APPEAL_ALREADY_OPEN');
}

/** From the portal: the logged-in candidate contests the published result of one of their attempts. */
export async function submitAppeal(deps: Deps, viewer: Viewer | null, attemptId: string, input: AppealInput, now = new Date()): Promise<string> {
  if (viewer?.kind !== 'user' || viewer.role !== 'CANDIDATE') throw new AppError('FORBIDDEN');
  const checked = inputIssues(input);
  return submitting(deps, async (tx) => {
    const result = await tx.result.findFirst({ where: { attemptId, attempt: attemptFilter(viewer) }, select: CONTESTED_RESULT });
    if (!result) throw new AppError('NOT_FOUND');
    assertContestable(result, now);
    await assertNoOpenAppeal(tx, result.id);
    if (checked.issues.length) throw validationFailed(checked.issues);
    return insertAppeal(tx, viewer, result, checked, now, 'PORTAL');
  });
}

/**
 * Through the link (no login). Single use: the token is marked used by a conditional update in the same
 * transaction as the appeal (a concurrent second use waits for the row, then finds it used: TOKEN_USED).
 */
export async function submitAppealWithToken(deps: Deps, token: string, input: AppealInput, now = new Date()): Promise<string> {
  const row = await validToken(deps.prisma, deps, token, now);
  const checked = inputIssues(input);
  return submitting(deps, async (tx) => {
    const result = await tx.result.findUnique({ where: { id: row.resultId }, select: CONTESTED_RESULT });
    if (!result) throw new AppError('NOT_FOUND');
    assertContestable(result, now);
    await assertNoOpenAppeal(tx, result.id);
    if (checked.issues.length) throw validationFailed(checked.issues);
    const marked = await tx.appealToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (marked.count === 0) throw new AppError('TOKEN_USED');
    const submitted = await insertAppeal(tx, null, result, checked, now, 'LINK');
    await tx.appealToken.update({ where: { id: row.id }, data: { appealId: submitted.appealId } });
    return submitted;
  });
}

/** The result an attachment upload is for: the candidate's own (portal), or the one a valid link names. */
export async function attachmentTarget(deps: Deps, viewer: Viewer | null, params: { attemptId?: string | null; token?: string | null }, now = new Date()) {
  let result: ContestedResult | null;
  if (params.token) {
    const row = await validToken(deps.prisma, deps, params.token, now);
    result = await deps.prisma.result.findUnique({ where: { id: row.resultId }, select: CONTESTED_RESULT });
  } else {
    if (!viewer) throw new AppError('UNAUTHENTICATED');
    if (viewer.kind !== 'user' || viewer.role !== 'CANDIDATE') throw new AppError('FORBIDDEN');
    if (!params.attemptId) throw validationFailed([{ path: ['attemptId'], message: translate('validation.required') }]);
    result = await deps.prisma.result.findFirst({ where: { attemptId: params.attemptId, attempt: attemptFilter(viewer) }, select: CONTESTED_RESULT });
  }
  if (!result) throw new AppError('NOT_FOUND');
  assertContestable(result, now);
  // Refused before the body is received (nothing is written to storage); checked again when recorded.
  await assertAttachmentRoom(deps.prisma, result.id, 0);
  return { resultId: result.id };
}

/** LIMIT_EXCEEDED when the result already holds as many attachments (count or bytes) as it may. */
async function assertAttachmentRoom(db: Tx | PrismaClient, resultId: string, incomingBytes: number): Promise<void> {
  const rows = await db.appealAttachment.findMany({ where: { resultId }, select: { file: { select: { size: true } } } });
  const existing = { count: rows.length, bytes: rows.reduce((sum, row) => sum + row.file.size, 0) };
  if (!attachmentFits(existing, incomingBytes)) {
    throw new AppError('LIMIT_EXCEEDED', { details: translate('upload.appealAttachmentsFull', { count: MAX_ATTACHMENTS_PER_RESULT, megabytes: ATTACHMENTS_MAX_TOTAL_BYTES_PER_RESULT / 1024 / 1024 }) });
  }
}

export interface StoredAttachment {
  storageKey: string;
  filename: string;
  mimeType: string;
  size: number;
  sha256: string;
}

/** Records an uploaded attachment for a result; it joins an appeal when a submission names it. */
export async function recordAttachment(deps: Deps, viewer: Viewer | null, resultId: string, file: StoredAttachment): Promise<{ attachmentId: string }> {
  return deps.prisma.$transaction(async (tx) => {
    // The result's row is locked so that simultaneous uploads are counted one after the other.
    await tx.$queryRaw`SELECT id FROM "Result" WHERE id = ${resultId} FOR UPDATE`;
    await assertAttachmentRoom(tx, resultId, file.size);
    const stored = await tx.storedFile.create({ data: { ...file, uploadedById: viewer?.kind === 'user' ? viewer.userId : null }, select: { id: true } });
    const attachment = await tx.appealAttachment.create({ data: { resultId, fileId: stored.id }, select: { id: true } });
    return { attachmentId: attachment.id };
  });
}

// ───────────────────────────── Moderation ─────────────────────────────

const MODERATED_APPEAL = {
  id: true,
  state: true,
  version: true,
  attemptId: true,
  reEvaluatedAt: true,
  reEvaluationOralId: true,
  decisionId: true,
  attempt: {
    select: {
      ...ATTEMPT_ROW,
      certificationId: true,
      certification: { select: { code: true, title: true, certifierId: true, minJurySize: true } },
      candidate: { select: { ...CANDIDATE_FACTS, accommodation: { select: { extraTimeMinutes: true } } } },
    },
  },
  decision: { select: { oral: { select: { jury: { select: { members: { select: { jurorId: true } } } } } } } },
} as const;
type ModeratedAppeal = Prisma.AppealGetPayload<{ select: typeof MODERATED_APPEAL }>;

async function moderatedAppeal(tx: Tx | PrismaClient, viewer: UserViewer, appealId: string): Promise<ModeratedAppeal> {
  const appeal = await tx.appeal.findFirst({ where: { id: appealId, attempt: { certification: certificationAdminFilter(viewer) } }, select: MODERATED_APPEAL });
  if (!appeal) throw new AppError('NOT_FOUND');
  return appeal;
}

/** Bumps the appeal's version if it is still the one the admin read, else CONFLICT with the current state. */
async function bumpAppeal(tx: Tx, appeal: { id: string }, expectedVersion: number, data: Prisma.AppealUpdateManyMutationInput) {
  const { count } = await tx.appeal.updateMany({ where: { id: appeal.id, version: expectedVersion }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) {
    const current = await tx.appeal.findUniqueOrThrow({ where: { id: appeal.id }, select: { state: true, version: true } });
    throw new AppError('CONFLICT', {}, { current });
  }
}

/** The events of one appeal change: its own room (candidate and admins) and the admins' queue. */
async function appealEvents(tx: Tx, appeal: ModeratedAppeal, type: string, payload: Record<string, unknown>): Promise<RoomEvent[]> {
  const body = { appealId: appeal.id, attemptId: appeal.attemptId, ...payload };
  return [await appendEvent(tx, rooms.appeal(appeal.id), type, body), await appendEvent(tx, rooms.appealQueue(appeal.attempt.certification.certifierId), type, body)];
}

async function notifyCandidate(tx: Tx, appeal: ModeratedAppeal, state: CaseState, reason: string | null, events: RoomEvent[]) {
  const { candidate, certification } = appeal.attempt;
  await notify(tx, {
    template: 'APPEAL_STATE_CHANGED',
    data: {
      appealId: appeal.id,
      attemptId: appeal.attemptId,
      state,
      reason,
      candidateName: `${candidate.firstName} ${candidate.usageName || candidate.birthName}`,
      certificationCode: certification.code,
      certificationTitle: certification.title,
    },
    dedupeKey: `appeal:${appeal.id}:${state}`,
    recipients: await candidateRecipients(tx, appeal.attempt.candidateId),
  }, events);
}

/** One moderation step (admins of the certifier), at `expectedVersion`; UPHELD and REJECTED need a reason. */
export async function moveAppeal(deps: Deps, viewer: Viewer | null, appealId: string, expectedVersion: number, to: CaseState, reason?: string | null, now = new Date()): Promise<void> {
  assertAdmin(viewer);
  const explained = reason?.trim() || null;
  const events = await deps.prisma.$transaction(async (tx) => {
    const appeal = await moderatedAppeal(tx, viewer, appealId);
    if (appeal.version !== expectedVersion) throw new AppError('CONFLICT', {}, { current: { state: appeal.state, version: appeal.version } });
    if (!canMoveCase(appeal.state, to)) throw invalidState(appeal.state);
    if (caseReasonRequired(to) && (!explained || explained.length > REASON_MAX)) {
      throw validationFailed([{ path: ['reason'], message: translate('appeal.reason', { max: REASON_MAX }) }]);
    }
    // An upheld appeal is closed once its re-evaluation replaced the contested decision.
    if (appeal.state === 'UPHELD' && to === 'CLOSED' && !appeal.reEvaluatedAt) throw invalidState(translate('appeal.reEvaluationPending'));
    await bumpAppeal(tx, appeal, expectedVersion, {
      state: to,
      ...(caseReasonRequired(to) ? { moderationReason: explained, decidedAt: now, decidedById: viewer.userId } : {}),
      ...(to === 'CLOSED' ? { closedAt: now } : {}),
      // A rejected or closed appeal no longer blocks another appeal of the result.
      ...(to === 'REJECTED' || to === 'CLOSED' ? { openResultId: null } : {}),
    });
    await appendAudit(tx, { ...actorOf(viewer), action: 'appeal.stateChanged', entityType: 'Appeal', entityId: appeal.id, data: { from: appeal.state, to, reason: explained } });
    const events: RoomEvent[] = [];
    await notifyCandidate(tx, appeal, to, caseReasonRequired(to) ? explained : null, events);
    return [...events, ...(await appealEvents(tx, appeal, 'APPEAL_STATE_CHANGED', { from: appeal.state, state: to }))];
  });
  publishAll(deps.pubsub, events);
}

// ───────────────────────────── Re-evaluation ─────────────────────────────

const contestedJurors = (appeal: ModeratedAppeal) => new Set(appeal.decision.oral?.jury.members.map((member) => member.jurorId) ?? []);

/** For an oral that re-evaluates an upheld appeal, the jurors of the contested oral (else none). */
export async function contestedJurorsOfReEvaluation(tx: Tx, oralId: string): Promise<Set<string>> {
  const appeal = await tx.appeal.findUnique({ where: { reEvaluationOralId: oralId }, select: MODERATED_APPEAL });
  return appeal ? contestedJurors(appeal) : new Set();
}

/** The jurors of the contested oral (none may sit on the re-evaluation), for the jury picker. */
export async function contestedJurorIdsOf(prisma: PrismaClient, viewer: Viewer | null, appealId: string) {
  assertAdmin(viewer);
  const appeal = await moderatedAppeal(prisma, viewer, appealId);
  return { attemptId: appeal.attemptId, contested: contestedJurors(appeal) };
}

/**
 * An upheld appeal: a re-evaluation oral of the same attempt before `juryId`, which must be complete,
 * independent of the candidate and without any juror of the contested oral. The attempt goes back
 * RESULT_PUBLISHED → IN_EVALUATION; the oral then runs the usual flow (identity, scoring, decision, signatures).
 */
export async function openReEvaluation(deps: Deps, viewer: Viewer | null, appealId: string, expectedVersion: number, juryId: string, scheduledAt: Date, now = new Date()): Promise<string> {
  assertAdmin(viewer);
  if (scheduledAt.getTime() < now.getTime() - 60_000) throw validationFailed([{ path: ['scheduledAt'], message: translate('appeal.scheduledAt') }]);
  const { oralId, events } = await deps.prisma.$transaction(async (tx) => {
    const appeal = await moderatedAppeal(tx, viewer, appealId);
    if (appeal.state !== 'UPHELD' || appeal.reEvaluationOralId) throw invalidState(appeal.reEvaluationOralId ? translate('appeal.reEvaluationPending') : appeal.state);
    const jury = await tx.jury.findFirst({ where: { id: juryId, certificationId: appeal.attempt.certificationId }, select: { id: true, members: { select: { jurorId: true, role: true } } } });
    if (!jury) throw new AppError('NOT_FOUND');
    const assignment = await juryAssignment(tx, { id: null, certificationId: appeal.attempt.certificationId, examSessionId: null }, [scheduledAt]);
    await checkComposition(tx, viewer.certifierId, appeal.attempt.certification.minJurySize, jury.members, [candidateFacts(appeal.attempt.candidate)], contestedJurors(appeal), assignment);
    const events: RoomEvent[] = [
      await transitionAttempt(tx, viewer, appeal.attempt, 'IN_EVALUATION', { action: 'attempt.reEvaluationOpened', data: { appealId: appeal.id } }),
    ];
    const oral = await tx.oral.create({
      data: { attemptId: appeal.attemptId, juryId: jury.id, scheduledAt, extraTimeMinutes: appeal.attempt.candidate.accommodation?.extraTimeMinutes ?? 0 },
      select: { id: true },
    });
    await bumpAppeal(tx, appeal, expectedVersion, { reEvaluationOralId: oral.id });
    await appendAudit(tx, { ...actorOf(viewer), action: 'appeal.reEvaluationOpened', entityType: 'Appeal', entityId: appeal.id, data: { oralId: oral.id, juryId: jury.id, scheduledAt: scheduledAt.toISOString() } });
    events.push(...(await juryEvents(tx, jury.members.map((member) => member.jurorId), 'ORAL_SCHEDULED', { oralId: oral.id, scheduledAt: scheduledAt.toISOString() })));
    events.push(...(await appealEvents(tx, appeal, 'APPEAL_REEVALUATION_OPENED', { state: appeal.state })));
    return { oralId: oral.id, events };
  });
  publishAll(deps.pubsub, events);
  return oralId;
}

/**
 * The CDC passage after a replaced decision (one per attempt, never duplicated): the CDC module decides (opened,
 * re-dated, withdrawn from the queue, or put on the portal worklist to modify or delete; see cdc.follow.ts).
 */
export function followCdcPassage(tx: Tx, attempt: { id: string; registry: string }, decision: { outcome: string; juryDate: Date }, now = new Date()): Promise<CdcFollowUp> {
  return cdcFollowDecision(tx, attempt, decision, now, 'DECISION_OVERTURNED');
}

/**
 * At the last signature of an oral (signMinutes): if it is the re-evaluation of an upheld appeal, its decision
 * replaces the contested one — the old decision is superseded, the Result points to the new one and waits for
 * publication again, acquired blocks follow the new decision, the CDC passage follows, and `decision.replaced`
 * records the old and new values. Returns null for an ordinary oral (the caller then creates the Result).
 */
export async function completeReEvaluation(
  tx: Tx,
  actorId: string,
  oral: { id: string; attempt: { id: string; candidateId: string; certificationId: string; certification: { registry: string } } },
  decision: { id: string; outcome: ContestedResult['decision']['outcome']; validatedBlockCodes: string[]; details: unknown; juryDate: Date },
  now: Date,
): Promise<RoomEvent[] | null> {
  const appeal = await tx.appeal.findUnique({ where: { reEvaluationOralId: oral.id }, select: MODERATED_APPEAL });
  if (!appeal) return null;
  const result = await tx.result.findUniqueOrThrow({ where: { attemptId: oral.attempt.id }, select: { id: true, decision: { select: { id: true, outcome: true, validatedBlockCodes: true, details: true } } } });
  const old = result.decision;
  await tx.decision.update({ where: { id: old.id }, data: { supersededById: decision.id } });
  await tx.result.update({ where: { id: result.id }, data: { decisionId: decision.id, publishBy: publishByFor(decision.juryDate), publishedAt: null, publishedById: null } });
  // Blocks acquired by the contested decision follow the new one (blocks acquired in earlier attempts stay).
  await tx.acquiredBlock.deleteMany({ where: { decisionId: old.id } });
  if (decision.validatedBlockCodes.length) {
    await tx.acquiredBlock.createMany({
      data: decision.validatedBlockCodes.map((blockCode) => ({
        candidateId: oral.attempt.candidateId,
        certificationId: oral.attempt.certificationId,
        blockCode,
        acquiredAt: decision.juryDate,
        decisionId: decision.id,
      })),
      skipDuplicates: true,
    });
  }
  const cdc = await followCdcPassage(tx, { id: oral.attempt.id, registry: oral.attempt.certification.registry }, decision, now);
  await appendAudit(tx, {
    actorId,
    actorKind: 'user',
    action: 'decision.replaced',
    entityType: 'Result',
    entityId: result.id,
    data: { attemptId: oral.attempt.id, appealId: appeal.id, oldDecisionId: old.id, newDecisionId: decision.id, old: decisionValues(old), new: decisionValues(decision), cdc },
  });
  // The old decision's certificates no longer hold; the new one's, if positive, come with its publication.
  const certificateEvents = await revokeCertificatesOfReplacedDecision(tx, { actorId, actorKind: 'user' }, { oldDecisionId: old.id, newDecisionId: decision.id }, now);
  // The appeal no longer blocks another one; an admin closes it.
  await tx.appeal.update({ where: { id: appeal.id }, data: { reEvaluatedAt: now, openResultId: null, version: { increment: 1 } } });
  await appendAudit(tx, { actorId, actorKind: 'user', action: 'appeal.reEvaluated', entityType: 'Appeal', entityId: appeal.id, data: { oldDecisionId: old.id, newDecisionId: decision.id, outcome: decision.outcome } });
  return [...certificateEvents, ...(await appealEvents(tx, appeal, 'APPEAL_REEVALUATED', { state: appeal.state, outcome: decision.outcome }))];
}

// ───────────────────────────── Reading ─────────────────────────────

/** The admins' queue: the viewer's appeals, of one state, or unanswered and late or due within the at-risk window. */
export function appealQueueWhere(viewer: Viewer | null, args: { state?: CaseState | null; atRisk?: boolean | null }, now = new Date()): Prisma.AppealWhereInput {
  return {
    AND: [
      appealFilter(viewer),
      args.state ? { state: args.state } : {},
      args.atRisk ? openCaseAtRiskWhere(now) : {},
    ],
  };
}

/** Whether the viewer may follow this appeal (its candidate, or an admin of the certifier). */
export async function canFollowAppeal(prisma: PrismaClient, viewer: Viewer | null, appealId: string): Promise<boolean> {
  return (await prisma.appeal.count({ where: { AND: [{ id: appealId }, appealFilter(viewer)] } })) > 0;
}

export interface AppealHistoryEntry {
  at: Date;
  action: string;
  state: CaseState | null;
  reason: string | null;
}

/** Appeals' steps, from their audit chains (only the state, the reason and the date: never who), in one statement. */
export async function appealHistories(prisma: PrismaClient, appealIds: readonly string[]): Promise<Map<string, AppealHistoryEntry[]>> {
  const entries = await prisma.auditEntry.findMany({
    where: { entityType: 'Appeal', entityId: { in: [...new Set(appealIds)] } },
    orderBy: { seq: 'asc' },
    select: { entityId: true, at: true, action: true, data: true },
  });
  const histories = new Map<string, AppealHistoryEntry[]>(appealIds.map((id) => [id, []]));
  for (const entry of entries) {
    const data = (entry.data ?? {}) as { to?: CaseState; reason?: string | null };
    histories.get(entry.entityId)?.push({ at: entry.at, action: entry.action, state: data.to ?? null, reason: data.reason ?? null });
  }
  return histories;
}

/** Which of these attempts have an open appeal (one statement). */
export async function attemptsWithOpenAppeal(prisma: PrismaClient, attemptIds: readonly string[]): Promise<Map<string, boolean>> {
  const open = await prisma.appeal.findMany({ where: { attemptId: { in: [...new Set(attemptIds)] }, openResultId: { not: null } }, select: { attemptId: true } });
  const found = new Set(open.map((row) => row.attemptId));
  return new Map(attemptIds.map((id) => [id, found.has(id)]));
}
