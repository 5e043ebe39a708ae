// Live co-scoring use cases. Each change runs in one transaction that also appends the audit entry and
// the oral room's event (with its sequence number); events are published after commit. Shared state
// (phase, agreed scores, decision) is guarded by the oral's version: a stale write is refused with
// CONFLICT carrying the current phase and version.
import { createHash, randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { OralPhase } from '../../generated/prisma/enums.ts';
import type { Viewer } from '../../auth/viewer.ts';
import type { RawSql } from '../../db/database.ts';
import { publishAll } from '../../realtime/event-log.ts';
import { transitionAttempt } from '../candidate/attempt.service.ts';
import { rooms } from '../../realtime/rooms.ts';
import { auditCtes, auditParams } from '../../lib/audit.ts';
import { AppError, validationFailed } from '../../lib/errors.ts';
import { retryTransientConflicts } from '../../db/errors.ts';
import { translate } from '../../lib/messages.ts';
import { stateLabel } from '../../lib/state-labels.ts';
import { canMovePhase, scoringOpen } from './oral.rules.ts';
import { aggregateCompetences, decide, round2, type FrameworkShape } from './decision.rules.ts';
import { TRANSMITTED_REGISTRIES, idTechniqueFor, transmitByFor } from '../cdc/cdc.rules.ts';
import { completeReEvaluation } from '../appeal/appeal.service.ts';
import { publishByFor } from '../result/result.rules.ts';
import { questionnaireScores } from '../quiz/quiz.service.ts';
import { acquiredBlockCodesAt } from '../cqp/acquired-blocks.ts';
import { vaeDecisionCheck } from '../vae/vae.service.ts';
import {
  assertPresident,
  audit,
  bumpVersion,
  conflict,
  jurorId,
  oralForJuror,
  runAsPresident,
  runInOral,
  type LoadedOral,
  type OralDeps as Deps,
} from './oral-transaction.ts';

type Tx = Prisma.TransactionClient;

export async function loadFramework(tx: Tx | PrismaClient, frameworkVersionId: string) {
  const framework = await tx.frameworkVersion.findUniqueOrThrow({
    where: { id: frameworkVersionId },
    include: {
      certification: { select: { assessedQuestionnaire: true } },
      blocks: {
        orderBy: { position: 'asc' },
        include: {
          competences: {
            orderBy: { position: 'asc' },
            include: { criteria: { orderBy: { position: 'asc' }, select: { id: true, code: true } } },
          },
        },
      },
    },
  });
  const shape: FrameworkShape = {
    blocks: framework.blocks.map((block) => ({
      code: block.code,
      title: block.title,
      competences: block.competences.map((competence) => ({
        id: competence.id,
        code: competence.code,
        title: competence.title,
        minimumScore: competence.minimumScore,
        byQuestionnaire: framework.certification.assessedQuestionnaire && competence.modality === 'QUESTIONNAIRE',
        criteria: competence.criteria,
      })),
    })),
  };
  return { framework, shape };
}

// ───────────────────────────── Scoring ─────────────────────────────

export interface ScoreInput {
  oralId: string;
  criterionId: string;
  /** undefined keeps the saved value (e.g. a comment-only save); null clears it. */
  value?: number | null;
  /** undefined keeps the saved comment; null clears it. */
  comment?: string | null;
}

export interface SavedScore {
  id: string;
  oralId: string;
  jurorId: string;
  criterionId: string;
  value: number | null;
  comment: string | null;
  updatedAt: Date;
}

// What never changes for a given oral (the framework version of its attempt; a published framework is
// frozen) is cached, so that an autosave is one SQL statement in the common case. Membership is not cached:
// juries change, and the statement itself checks that the juror sits on the oral's jury.
const oralFrameworkCache = new LRUCache<string, string>({ max: 50_000 });
const gridCache = new LRUCache<string, { scaleMin: number; scaleMax: number; criteria: Set<string> }>({ max: 1_000 });

async function frameworkOfOral(prisma: PrismaClient, oralId: string): Promise<string | null> {
  const cached = oralFrameworkCache.get(oralId);
  if (cached) return cached;
  const oral = await prisma.oral.findUnique({ where: { id: oralId }, select: { attempt: { select: { frameworkVersionId: true } } } });
  if (!oral) return null;
  oralFrameworkCache.set(oralId, oral.attempt.frameworkVersionId);
  return oral.attempt.frameworkVersionId;
}

/** NOT_FOUND unless the juror sits on the oral's jury (so that a refusal reveals nothing to outsiders). */
async function assertJuryMember(prisma: PrismaClient, oralId: string, juror: string): Promise<void> {
  const member = await prisma.juryMember.findFirst({ where: { jurorId: juror, jury: { orals: { some: { id: oralId } } } }, select: { id: true } });
  if (!member) throw new AppError('NOT_FOUND');
}

async function gridOf(prisma: PrismaClient, frameworkVersionId: string) {
  const cached = gridCache.get(frameworkVersionId);
  if (cached) return cached;
  const framework = await prisma.frameworkVersion.findUniqueOrThrow({
    where: { id: frameworkVersionId },
    select: { scaleMin: true, scaleMax: true, status: true, competences: { select: { criteria: { select: { id: true } } } } },
  });
  const grid = {
    scaleMin: framework.scaleMin,
    scaleMax: framework.scaleMax,
    criteria: new Set(framework.competences.flatMap((competence) => competence.criteria.map((criterion) => criterion.id))),
  };
  if (framework.status !== 'DRAFT') gridCache.set(frameworkVersionId, grid);
  return grid;
}

/**
 * One atomic statement: locks the oral's row FOR KEY SHARE (the lock order above: a president's change in progress
 * is waited for, then the phase and lock are checked again on the row it committed), checks that the juror
 * sits on the oral's jury and that scoring is open, upserts
 * the juror's own row, computes their progress, numbers and logs the room event, and appends the audit
 * entry. Nothing is written unless the check passes.
 */
const SCORE_STATEMENT = `WITH guard AS (
  SELECT o."id" FROM "Oral" o JOIN "JuryMember" m ON m."juryId" = o."juryId" AND m."jurorId" = $2
  WHERE o."id" = $1 AND o."phase" IN ('PRESENTATION', 'QUESTIONS', 'DELIBERATION') AND o."lockedAt" IS NULL
  FOR KEY SHARE OF o
),
score AS (
  INSERT INTO "Score" ("id", "oralId", "jurorId", "criterionId", "value", "comment", "updatedAt")
  SELECT $3, $1, $2, $4, $5::float8, $6, ($7::timestamptz AT TIME ZONE 'UTC') FROM guard
  ON CONFLICT ("oralId", "jurorId", "criterionId") DO UPDATE SET
    "value" = CASE WHEN $10::boolean THEN EXCLUDED."value" ELSE "Score"."value" END,
    "comment" = CASE WHEN $8::boolean THEN EXCLUDED."comment" ELSE "Score"."comment" END,
    "updatedAt" = EXCLUDED."updatedAt"
  RETURNING "id", "value", "comment", "updatedAt"
),
progress AS (
  SELECT (SELECT count(*) FROM "Score" s WHERE s."oralId" = $1 AND s."jurorId" = $2 AND s."value" IS NOT NULL AND s."criterionId" <> $4)
       + (CASE WHEN score."value" IS NULL THEN 0 ELSE 1 END) AS "scoredCount"
  FROM score
),
room_seq AS (
  INSERT INTO "RoomSequence" ("room", "lastSeq") SELECT $9, 1 FROM score
  ON CONFLICT ("room") DO UPDATE SET "lastSeq" = "RoomSequence"."lastSeq" + 1
  RETURNING "lastSeq"
),
room_event AS (
  INSERT INTO "EventLogEntry" ("room", "seq", "type", "payload", "createdAt")
  SELECT $9, room_seq."lastSeq", 'SCORE_CHANGED', jsonb_build_object('jurorId', $2::text, 'scoredCount', progress."scoredCount"),
         ($7::timestamptz AT TIME ZONE 'UTC')
  FROM room_seq, progress
  RETURNING "seq"
),
${auditCtes(11, 'score')}
SELECT score."id", score."value", score."comment", progress."scoredCount"::int AS "scoredCount", room_event."seq"
FROM score, progress, room_event, audit_entry`;

const SCORE_PARAM_TYPES = ['text', 'text', 'text', 'text', 'float8', 'text', 'text', 'boolean', 'text', 'boolean', ...Array(8).fill('text')];
const preparedScore = new WeakMap<RawSql, (params: unknown[]) => Promise<SavedScoreRow[]>>();

interface SavedScoreRow {
  id: string;
  value: number | null;
  comment: string | null;
  scoredCount: number;
  seq: number;
}

/** Autosave of one juror's score on one criterion (their own row: jurors never overwrite each other). */
export async function scoreCriterion(deps: Deps, viewer: Viewer | null, input: ScoreInput): Promise<SavedScore> {
  const juror = jurorId(viewer);
  const frameworkVersionId = await frameworkOfOral(deps.prisma, input.oralId);
  if (!frameworkVersionId) throw new AppError('NOT_FOUND');
  const grid = await gridOf(deps.prisma, frameworkVersionId);
  if (!grid.criteria.has(input.criterionId)) {
    await assertJuryMember(deps.prisma, input.oralId, juror);
    throw validationFailed([{ path: ['criterionId'], message: translate('error.NOT_FOUND') }]);
  }
  if (input.value !== null && input.value !== undefined && (input.value < grid.scaleMin || input.value > grid.scaleMax)) {
    await assertJuryMember(deps.prisma, input.oralId, juror);
    throw validationFailed([{ path: ['value'], message: translate('validation.scale', { min: grid.scaleMin, max: grid.scaleMax }) }]);
  }
  const now = new Date();
  const room = rooms.oral(input.oralId);
  let execute = preparedScore.get(deps.raw);
  if (!execute) {
    execute = deps.raw.prepare<SavedScoreRow>('certijury_score_criterion', SCORE_STATEMENT, SCORE_PARAM_TYPES);
    preparedScore.set(deps.raw, execute);
  }
  const run = execute;
  const params = [
    input.oralId,
    juror,
    randomUUID(),
    input.criterionId,
    input.value ?? null,
    input.comment ?? null,
    now.toISOString(),
    input.comment !== undefined,
    room,
    input.value !== undefined,
    ...auditParams(
      {
        actorId: juror,
        actorKind: 'user',
        action: 'score.changed',
        entityType: 'Oral',
        entityId: input.oralId,
        data: {
          criterionId: input.criterionId,
          ...(input.value !== undefined ? { value: input.value } : {}),
          ...(input.comment !== undefined ? { comment: input.comment } : {}),
        },
      },
      now,
    ),
  ];
  const rows = await retryTransientConflicts(() => run(params));
  const saved = rows[0];
  if (!saved) {
    // The check failed: say why (rare path).
    const oral = await deps.prisma.oral.findFirst({
      where: { id: input.oralId, jury: { members: { some: { jurorId: juror } } } },
      select: { phase: true },
    });
    if (!oral) throw new AppError('NOT_FOUND');
    throw new AppError('INVALID_STATE', { state: stateLabel(oral.phase) });
  }
  // Progress only: other jurors must not learn the value before deliberation.
  const payload = { jurorId: juror, scoredCount: Number(saved.scoredCount) };
  publishAll(deps.pubsub, [{ room, seq: Number(saved.seq), type: 'SCORE_CHANGED', payload, at: now.toISOString() }]);
  return {
    id: saved.id,
    oralId: input.oralId,
    jurorId: juror,
    criterionId: input.criterionId,
    value: saved.value === null ? null : Number(saved.value),
    comment: saved.comment,
    updatedAt: now,
  };
}

// ───────────────────────────── Phases ─────────────────────────────

export async function moveOralPhase(deps: Deps, viewer: Viewer | null, oralId: string, to: OralPhase, expectedVersion: number) {
  return runAsPresident(deps, viewer, oralId, expectedVersion, async (tx, oral, juror, emit, alsoPublish) => {
    if (!canMovePhase(oral.phase, to)) throw new AppError('INVALID_STATE', { state: stateLabel(oral.phase) });
    if (oral.phase === 'DECIDED') alsoPublish(await reopenDeliberation(tx, viewer, oral));
    const now = new Date();
    const version = await bumpVersion(tx, oral, expectedVersion, { phase: to, phaseStartedAt: now });
    if (to === 'PRESENTATION' && oral.attempt.state === 'SCHEDULED') {
      alsoPublish(await transitionAttempt(tx, viewer, oral.attempt, 'IN_EVALUATION', { action: 'attempt.evaluationStarted', data: { oralId } }));
    }
    await audit(tx, juror, 'oral.phase', oral.id, { from: oral.phase, to });
    await emit('PHASE_CHANGED', { phase: to, version });
    return { id: oral.id };
  });
}

/** Back from DECIDED before anyone signed: the draft decision and minutes are withdrawn. */
async function reopenDeliberation(tx: Tx, viewer: Viewer | null, oral: LoadedOral) {
  const minutes = await tx.minutes.findUnique({ where: { oralId: oral.id }, include: { _count: { select: { signatures: true } } } });
  if (minutes && minutes._count.signatures > 0) throw new AppError('INVALID_STATE', { state: stateLabel('SIGNING') });
  await tx.minutes.deleteMany({ where: { oralId: oral.id } });
  await tx.decision.deleteMany({ where: { oralId: oral.id } });
  return transitionAttempt(tx, viewer, oral.attempt, 'IN_EVALUATION', { action: 'attempt.deliberationReopened', data: { oralId: oral.id } });
}

// ───────────────────────────── Deliberation ─────────────────────────────

export async function deliberationState(tx: Tx | PrismaClient, oral: { id: string; jurorIds: string[]; frameworkVersionId: string; aggregationMethod: LoadedOral['attempt']['certification']['aggregationMethod']; disagreementThreshold: number }) {
  const [{ shape }, scores] = await Promise.all([
    loadFramework(tx, oral.frameworkVersionId),
    tx.score.findMany({ where: { oralId: oral.id }, select: { jurorId: true, criterionId: true, value: true } }),
  ]);
  const aggregates = aggregateCompetences(shape, oral.jurorIds, scores, oral.aggregationMethod, oral.disagreementThreshold);
  return { shape, scores, aggregates };
}

export interface AgreedScoreInput {
  oralId: string;
  competenceId: string;
  value: number;
  justification?: string | null;
  expectedVersion: number;
}

export async function setAgreedScore(deps: Deps, viewer: Viewer | null, input: AgreedScoreInput) {
  return runAsPresident(deps, viewer, input.oralId, input.expectedVersion, async (tx, oral, juror, emit) => {
    if (oral.phase !== 'DELIBERATION') throw new AppError('INVALID_STATE', { state: stateLabel(oral.phase) });
    const { certification } = oral.attempt;
    const { aggregates, shape } = await deliberationState(tx, {
      id: oral.id,
      jurorIds: oral.jury.members.map((member) => member.jurorId),
      frameworkVersionId: oral.attempt.frameworkVersionId,
      aggregationMethod: certification.aggregationMethod,
      disagreementThreshold: certification.disagreementThreshold,
    });
    const aggregate = aggregates.find((item) => item.competenceId === input.competenceId);
    if (!aggregate) throw validationFailed([{ path: ['competenceId'], message: translate('error.NOT_FOUND') }]);
    // A competence assessed by questionnaire is scored by its graded questionnaire, never by the jury.
    if (shape.blocks.some((block) => block.competences.some((c) => c.id === input.competenceId && c.byQuestionnaire))) {
      throw validationFailed([{ path: ['competenceId'], message: translate('questionnaire.agreedRefused', { code: aggregate.code }) }]);
    }
    const framework = await tx.frameworkVersion.findUniqueOrThrow({ where: { id: oral.attempt.frameworkVersionId }, select: { scaleMin: true, scaleMax: true } });
    if (input.value < framework.scaleMin || input.value > framework.scaleMax) {
      throw validationFailed([{ path: ['value'], message: translate('validation.scale', { min: framework.scaleMin, max: framework.scaleMax }) }]);
    }
    const justification = input.justification?.trim() || null;
    const departs = aggregate.aggregate === null || Math.abs(round2(input.value) - aggregate.aggregate) > 0.001;
    if (departs && certification.aggregationMethod !== 'CONSENSUS' && !justification) {
      throw validationFailed([{ path: ['justification'], message: translate('validation.justificationRequired') }]);
    }
    await tx.agreedScore.upsert({
      where: { oralId_competenceId: { oralId: oral.id, competenceId: input.competenceId } },
      create: {
        oralId: oral.id,
        competenceId: input.competenceId,
        aggregationMethod: certification.aggregationMethod,
        aggregateValue: aggregate.aggregate,
        spread: aggregate.spread,
        flagged: aggregate.flagged,
        agreedValue: input.value,
        justification,
        setById: juror,
      },
      update: {
        aggregateValue: aggregate.aggregate,
        spread: aggregate.spread,
        flagged: aggregate.flagged,
        agreedValue: input.value,
        justification,
        setById: juror,
      },
    });
    const version = await bumpVersion(tx, oral, input.expectedVersion);
    await audit(tx, juror, 'oral.agreedScore', oral.id, {
      competenceId: input.competenceId,
      aggregate: aggregate.aggregate,
      agreed: input.value,
      justification,
    });
    await emit('AGREED_SCORE_SET', { competenceId: input.competenceId, version });
    return { id: oral.id };
  });
}

// ───────────────────────────── Decision and minutes ─────────────────────────────

const canonicalJson = (value: unknown): string =>
  value === null || typeof value !== 'object'
    ? JSON.stringify(value ?? null)
    : Array.isArray(value)
      ? `[${value.map(canonicalJson).join(',')}]`
      : `{${Object.keys(value as object)
          .sort()
          .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
          .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
          .join(',')}}`;

export const minutesHash = (content: unknown) => createHash('sha256').update(canonicalJson(content)).digest('hex');

export async function decideOral(deps: Deps, viewer: Viewer | null, oralId: string, expectedVersion: number) {
  return runAsPresident(deps, viewer, oralId, expectedVersion, async (tx, oral, juror, emit, alsoPublish) => {
    if (oral.phase !== 'DELIBERATION') throw new AppError('INVALID_STATE', { state: stateLabel(oral.phase) });
    const { attempt } = oral;
    const { certification } = attempt;
    const jurorIds = oral.jury.members.map((member) => member.jurorId);
    const [{ shape, aggregates }, agreedRows, acquired, candidate, jurors, scoreRows, questionnaire] = await Promise.all([
      deliberationState(tx, {
        id: oral.id,
        jurorIds,
        frameworkVersionId: attempt.frameworkVersionId,
        aggregationMethod: certification.aggregationMethod,
        disagreementThreshold: certification.disagreementThreshold,
      }),
      tx.agreedScore.findMany({ where: { oralId: oral.id } }),
      // Own blocks and blocks acquired by equivalence in another certification (CQP bridges, modules/cqp).
      acquiredBlockCodesAt(tx, attempt.candidateId, attempt.certificationId),
      tx.candidate.findUniqueOrThrow({ where: { id: attempt.candidateId }, select: { firstName: true, birthName: true, usageName: true, fileNumber: true } }),
      tx.user.findMany({ where: { id: { in: jurorIds } }, select: { id: true, displayName: true } }),
      tx.score.findMany({ where: { oralId: oral.id }, select: { jurorId: true, criterionId: true, value: true, comment: true } }),
      questionnaireScores(tx, attempt.id),
    ]);
    const agreed = Object.fromEntries(agreedRows.map((row) => [row.competenceId, row.agreedValue]));
    const result = decide({
      rule: certification.decisionRule,
      framework: shape,
      agreed,
      questionnaire: Object.fromEntries([...questionnaire.values()].map((q) => [q.competenceId, q.score])),
      blockCodesInScope: attempt.blockCodesInScope,
      acquiredBlockCodes: acquired,
    });
    const missing = result.blocks
      .filter((block) => block.inScope)
      .flatMap((block) => block.competences)
      .filter((competence) => competence.score === null);
    const missingQuestionnaire = missing.filter((competence) => competence.source === 'QUESTIONNAIRE').map((competence) => competence.code);
    if (missingQuestionnaire.length) throw new AppError('QUESTIONNAIRE_MISSING', { codes: missingQuestionnaire.join(', ') });
    if (missing.length) {
      throw validationFailed([{ path: ['agreedScores'], message: translate('validation.agreedScoresMissing', { codes: missing.map((competence) => competence.code).join(', ') }) }]);
    }
    // VAE: eligible, and the modalities used recorded for every block assessed (modules/vae).
    const vaeModalities = await vaeDecisionCheck(tx, attempt.id, oral.id, result.blocks.filter((block) => block.inScope).map((block) => block.code));
    const juryDate = oral.scheduledAt;
    const decision = await tx.decision.create({
      data: {
        attemptId: attempt.id,
        oralId: oral.id,
        frameworkVersionId: attempt.frameworkVersionId,
        rule: result.rule,
        ruleVersion: result.ruleVersion,
        outcome: result.outcome,
        details: JSON.parse(JSON.stringify({ blocks: result.blocks, explanation: result.explanation, ...(vaeModalities ? { vaeModalities } : {}) })),
        validatedBlockCodes: result.validatedBlockCodes,
        juryDate,
      },
    });
    const names = new Map(jurors.map((user) => [user.id, user.displayName]));
    // Normalised through JSON so that the hash covers exactly what is stored (and what jurors read).
    const content = JSON.parse(JSON.stringify({
      oralId: oral.id,
      certification: { code: certification.code, title: certification.title },
      candidate: { name: `${candidate.firstName} ${candidate.usageName ?? candidate.birthName}`, fileNumber: candidate.fileNumber },
      juryDate: juryDate.toISOString(),
      identity: { checkedAt: oral.identityCheckedAt?.toISOString() ?? null, documentType: oral.identityDocumentType },
      jury: oral.jury.members.map((member) => ({ jurorId: member.jurorId, name: names.get(member.jurorId) ?? '', role: member.role })),
      aggregationMethod: certification.aggregationMethod,
      disagreementThreshold: certification.disagreementThreshold,
      scores: scoreRows,
      competences: aggregates.map((aggregate) => {
        const row = agreedRows.find((item) => item.competenceId === aggregate.competenceId);
        return { ...aggregate, agreed: row?.agreedValue ?? null, justification: row?.justification ?? null, questionnaire: questionnaire.get(aggregate.competenceId) ?? null };
      }),
      decision: {
        id: decision.id,
        rule: result.rule,
        ruleVersion: result.ruleVersion,
        outcome: result.outcome,
        validatedBlockCodes: result.validatedBlockCodes,
        blocks: result.blocks,
        explanation: result.explanation,
        ...(vaeModalities ? { vaeModalities } : {}),
      },
    })) as Prisma.InputJsonObject;
    const contentHash = minutesHash(content);
    await tx.minutes.create({ data: { oralId: oral.id, content, contentHash } });
    const version = await bumpVersion(tx, oral, expectedVersion, { phase: 'DECIDED', phaseStartedAt: new Date() });
    alsoPublish(await transitionAttempt(tx, viewer, attempt, 'DECIDED', { action: 'attempt.decided', data: { oralId: oral.id, decisionId: decision.id } }));
    await audit(tx, juror, 'oral.decided', oral.id, { decisionId: decision.id, outcome: result.outcome, ruleVersion: result.ruleVersion, contentHash });
    await emit('DECIDED', { decisionId: decision.id, outcome: result.outcome, version });
    return { id: oral.id };
  });
}

/**
 * Each juror signs the minutes they read (by hash); the last signature locks the oral. Signatures are
 * serialised on the oral's row (runInOral), so exactly one of them counts the full set and locks.
 */
export async function signMinutes(deps: Deps, viewer: Viewer | null, oralId: string, contentHash: string) {
  const juror = jurorId(viewer);
  return runInOral(
    deps,
    async (tx, emit, alsoPublish) => {
      const oral = await oralForJuror(tx, oralId, juror);
      // A repeated signature (double tap, second device, retry after a lost answer) answers as the first did.
      if (oral.phase === 'SIGNED') {
        const own = await tx.minutesSignature.findFirst({ where: { jurorId: juror, contentHash, minutes: { oralId: oral.id } }, select: { id: true } });
        if (own) return { id: oral.id };
      }
      if (oral.phase !== 'DECIDED') throw new AppError('INVALID_STATE', { state: stateLabel(oral.phase) });
      const minutes = await tx.minutes.findUniqueOrThrow({ where: { oralId: oral.id }, include: { signatures: true } });
      if (minutes.contentHash !== contentHash) throw conflict(oral);
      if (minutes.signatures.some((signature) => signature.jurorId === juror)) return { id: oral.id };
      await tx.minutesSignature.create({ data: { minutesId: minutes.id, jurorId: juror, contentHash } });
      await audit(tx, juror, 'minutes.signed', oral.id, { contentHash });
      const signed = minutes.signatures.length + 1;
      await emit('MINUTES_SIGNED', { jurorId: juror, signed, of: oral.jury.members.length });
      if (signed < oral.jury.members.length) return { id: oral.id };

      // Last signature: lock everything; the decision becomes a result to publish.
      const now = new Date();
      const version = await bumpVersion(tx, oral, oral.version, { phase: 'SIGNED', phaseStartedAt: now, lockedAt: now });
      await tx.minutes.update({ where: { id: minutes.id }, data: { lockedAt: now } });
      const decision = await tx.decision.findUniqueOrThrow({ where: { oralId: oral.id } });
      // The re-evaluation of an upheld appeal replaces the contested decision (modules/appeal); any other oral
      // creates the attempt's result.
      const replaced = await completeReEvaluation(tx, juror, oral, decision, now);
      if (replaced) replaced.forEach(alsoPublish);
      else {
        await tx.result.create({
          data: { attemptId: oral.attempt.id, decisionId: decision.id, publishBy: publishByFor(oral.scheduledAt) },
        });
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
        // A certified holder of an RNCP or RS certification is owed to the CDC within 3 months of the jury.
        if (decision.outcome === 'CERTIFIED' && TRANSMITTED_REGISTRIES.includes(oral.attempt.certification.registry)) {
          await tx.cdcPassage.create({
            data: { attemptId: oral.attempt.id, idTechnique: idTechniqueFor(oral.attempt.id), juryDate: decision.juryDate, transmitBy: transmitByFor(decision.juryDate) },
          });
        }
      }
      await audit(tx, juror, 'oral.signed', oral.id, { decisionId: decision.id });
      await emit('PHASE_CHANGED', { phase: 'SIGNED', version });
      return { id: oral.id };
    },
    oralId,
  );
}
