// The live oral room: state, grid, own scores, co-jurors' progress and presence, deliberation (revealed
// only from the DELIBERATION phase), decision, minutes and signatures; mutations to score, drive phases,
// agree, decide and sign; and the room's event stream with replay.
import { z } from 'zod';
import { builder } from '../../graphql/builder.ts';
import { JuryRoleEnum, OralPhaseEnum } from '../../graphql/enums.ts';
import type { Context } from '../../graphql/context.ts';
import { AppError } from '../../lib/errors.ts';
import { appendEvent, publishAll, roomEvents } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import { PresenceTracker } from '../../realtime/presence.ts';
import type { RoomEvent } from '../../realtime/pubsub.ts';
import { phaseEndsAt, scoresRevealed } from './oral.rules.ts';
import { questionnaireScores, type QuestionnaireScore } from '../quiz/quiz.service.ts';
import { QuestionnaireScoreRef } from '../quiz/questionnaire.graphql.ts';
import {
  decideOral,
  deliberationState,
  moveOralPhase,
  scoreCriterion,
  setAgreedScore,
  signMinutes,
} from './scoring.service.ts';

type RoomAccess = 'member' | 'admin' | null;

/** Jury members see the room; admins see it read-only; nobody else does. */
async function roomAccess(ctx: Context, oralId: string): Promise<RoomAccess> {
  const viewer = ctx.viewer;
  if (viewer?.kind !== 'user') return null;
  if (viewer.role === 'ADMIN') return 'admin';
  if (viewer.role !== 'JUROR') return null;
  const member = await ctx.prisma.juryMember.findFirst({
    where: { jurorId: viewer.userId, jury: { orals: { some: { id: oralId } } } },
    select: { id: true },
  });
  return member ? 'member' : null;
}

builder.prismaObject('Score', {
  description: "One juror's score on one criterion.",
  fields: (t) => ({
    jurorId: t.exposeID('jurorId'),
    criterionId: t.exposeID('criterionId'),
    value: t.exposeFloat('value', { nullable: true }),
    comment: t.exposeString('comment', { nullable: true }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

interface OralJurorShape {
  jurorId: string;
  displayName: string;
  role: 'PRESIDENT' | 'MEMBER';
  scoredCount: number;
  connected: boolean;
}

const OralJuror = builder.objectRef<OralJurorShape>('OralJuror').implement({
  description: "A co-juror's role, progress (criteria scored) and presence; never their values before deliberation.",
  fields: (t) => ({
    jurorId: t.exposeID('jurorId'),
    displayName: t.exposeString('displayName'),
    role: t.expose('role', { type: JuryRoleEnum }),
    scoredCount: t.exposeInt('scoredCount'),
    connected: t.exposeBoolean('connected'),
  }),
});

interface CompetenceDeliberationShape {
  competenceId: string;
  code: string;
  title: string;
  minimumScore: number;
  byJuror: { jurorId: string; value: number | null }[];
  aggregate: number | null;
  spread: number | null;
  flagged: boolean;
  agreedValue: number | null;
  justification: string | null;
  byQuestionnaire: boolean;
  questionnaire: QuestionnaireScore | null;
}

const JurorValue = builder.objectRef<{ jurorId: string; value: number | null }>('JurorValue').implement({
  fields: (t) => ({ jurorId: t.exposeID('jurorId'), value: t.exposeFloat('value', { nullable: true }) }),
});

const CompetenceDeliberation = builder.objectRef<CompetenceDeliberationShape>('CompetenceDeliberation').implement({
  fields: (t) => ({
    competenceId: t.exposeID('competenceId'),
    code: t.exposeString('code'),
    title: t.exposeString('title'),
    minimumScore: t.exposeFloat('minimumScore'),
    byJuror: t.field({ type: [JurorValue], resolve: (item) => item.byJuror, description: "Each juror's competence score (mean of their criteria)." }),
    aggregate: t.exposeFloat('aggregate', { nullable: true, description: "The certification's aggregation (mean or median; for consensus, the mean as a guide)." }),
    spread: t.exposeFloat('spread', { nullable: true }),
    flagged: t.exposeBoolean('flagged', { description: 'Jurors disagree by more than the configured spread.' }),
    agreedValue: t.exposeFloat('agreedValue', { nullable: true }),
    justification: t.exposeString('justification', { nullable: true }),
    byQuestionnaire: t.exposeBoolean('byQuestionnaire', { description: 'Scored by the assessed questionnaire (read-only for the jury), never by an agreed score.' }),
    questionnaire: t.field({ type: QuestionnaireScoreRef, nullable: true, description: 'QUESTIONNAIRE competences: the graded questionnaire result (null until graded).', resolve: (item) => item.questionnaire }),
  }),
});

interface DeliberationShape {
  aggregationMethod: string;
  disagreementThreshold: number;
  competences: CompetenceDeliberationShape[];
  oralId: string;
}

const Deliberation = builder.objectRef<DeliberationShape>('Deliberation').implement({
  fields: (t) => ({
    aggregationMethod: t.exposeString('aggregationMethod'),
    disagreementThreshold: t.exposeFloat('disagreementThreshold'),
    competences: t.field({ type: [CompetenceDeliberation], resolve: (d) => d.competences }),
  }),
});

builder.objectField(Deliberation, 'scores', (t) =>
  t.prismaField({
    type: ['Score'],
    description: "Every juror's criterion scores side by side.",
    resolve: (query, d, _args, ctx) => ctx.prisma.score.findMany({ ...query, where: { oralId: d.oralId }, orderBy: [{ criterionId: 'asc' }, { jurorId: 'asc' }] }),
  }),
);

builder.prismaObject('Decision', {
  fields: (t) => ({
    id: t.exposeID('id'),
    outcome: t.exposeString('outcome'),
    rule: t.exposeString('rule'),
    ruleVersion: t.exposeString('ruleVersion'),
    validatedBlockCodes: t.exposeStringList('validatedBlockCodes'),
    details: t.expose('details', { type: 'JSON', description: 'Per block and competence: score, minimum, validated; and the explanation.' }),
    juryDate: t.expose('juryDate', { type: 'DateTime' }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime' }),
  }),
});

builder.prismaObject('MinutesSignature', {
  fields: (t) => ({
    jurorId: t.exposeID('jurorId'),
    signedAt: t.expose('signedAt', { type: 'DateTime' }),
  }),
});

builder.prismaObject('Minutes', {
  description: 'Procès-verbal: generated from the decision, signed by every juror, then locked.',
  fields: (t) => ({
    contentHash: t.exposeString('contentHash', { description: 'Pass it to signMinutes: a juror signs exactly what they read.' }),
    content: t.expose('content', { type: 'JSON' }),
    generatedAt: t.expose('generatedAt', { type: 'DateTime' }),
    lockedAt: t.expose('lockedAt', { type: 'DateTime', nullable: true }),
    signatures: t.relation('signatures', { query: { orderBy: { signedAt: 'asc' } } }),
  }),
});

builder.prismaObjectFields('Oral', (t) => ({
  version: t.exposeInt('version', { description: 'Pass it as expectedVersion when changing shared state.' }),
  eventSeq: t.int({
    description:
      "The room's last event sequence, read before the rest of this snapshot: subscribe with `since: eventSeq` to miss nothing (at worst one change is replayed twice).",
    resolve: async (oral, _args, ctx) =>
      (oral as { eventSeqBeforeRead?: number }).eventSeqBeforeRead ??
      (await ctx.prisma.roomSequence.findUnique({ where: { room: rooms.oral(oral.id) } }))?.lastSeq ??
      0,
  }),
  phaseStartedAt: t.expose('phaseStartedAt', { type: 'DateTime', nullable: true }),
  extraTimeMinutes: t.exposeInt('extraTimeMinutes'),
  lockedAt: t.expose('lockedAt', { type: 'DateTime', nullable: true }),
  serverNow: t.field({ type: 'DateTime', description: 'Server time: the reference for the countdown.', resolve: () => new Date() }),
  phaseEndsAt: t.field({
    type: 'DateTime',
    nullable: true,
    select: { attempt: { select: { certification: { select: { oralPresentationMinutes: true, oralQuestionsMinutes: true } } } } },
    resolve: (oral) =>
      phaseEndsAt(oral.phase, oral.phaseStartedAt, {
        presentationMinutes: oral.attempt.certification.oralPresentationMinutes,
        questionsMinutes: oral.attempt.certification.oralQuestionsMinutes,
        extraTimeMinutes: oral.extraTimeMinutes,
      }),
  }),
  grid: t.prismaField({
    type: 'FrameworkVersion',
    description: "The grid: the attempt's framework version (blocks → competences → criteria).",
    resolve: (query, oral, _args, ctx) =>
      ctx.prisma.frameworkVersion.findFirstOrThrow({ ...query, where: { attempts: { some: { id: oral.attemptId } } } }),
  }),
  criteriaCount: t.int({
    resolve: (oral, _args, ctx) =>
      ctx.prisma.criterion.count({ where: { competence: { frameworkVersion: { attempts: { some: { id: oral.attemptId } } } } } }),
  }),
  myScores: t.prismaField({
    type: ['Score'],
    description: "The signed-in juror's own scores.",
    resolve: (query, oral, _args, ctx) =>
      ctx.viewer?.kind === 'user'
        ? ctx.prisma.score.findMany({ ...query, where: { oralId: oral.id, jurorId: ctx.viewer.userId } })
        : [],
  }),
  jurors: t.field({
    type: [OralJuror],
    resolve: async (oral, _args, ctx) => {
      if (!(await roomAccess(ctx, oral.id))) return [];
      const [members, counts, connected] = await Promise.all([
        ctx.prisma.juryMember.findMany({
          where: { juryId: oral.juryId },
          select: { jurorId: true, role: true, juror: { select: { displayName: true } } },
          orderBy: [{ role: 'desc' }, { jurorId: 'asc' }],
        }),
        ctx.prisma.score.groupBy({ by: ['jurorId'], where: { oralId: oral.id, value: { not: null } }, _count: { _all: true } }),
        PresenceTracker.connected(ctx.prisma, oral.id),
      ]);
      const countOf = new Map(counts.map((row) => [row.jurorId, row._count._all]));
      return members.map((member) => ({
        jurorId: member.jurorId,
        displayName: member.juror.displayName,
        role: member.role,
        scoredCount: countOf.get(member.jurorId) ?? 0,
        connected: connected.has(member.jurorId),
      }));
    },
  }),
  deliberation: t.field({
    type: Deliberation,
    nullable: true,
    description: 'All values side by side with aggregates and disagreement flags: null until the president opens deliberation.',
    select: { jury: { select: { members: { select: { jurorId: true } } } }, attempt: { select: { frameworkVersionId: true, certification: { select: { aggregationMethod: true, disagreementThreshold: true } } } } },
    resolve: async (oral, _args, ctx) => {
      if (!scoresRevealed(oral.phase) || !(await roomAccess(ctx, oral.id))) return null;
      const { certification } = oral.attempt;
      const [{ shape, aggregates }, agreed, questionnaire] = await Promise.all([
        deliberationState(ctx.prisma, {
          id: oral.id,
          jurorIds: oral.jury.members.map((member) => member.jurorId),
          frameworkVersionId: oral.attempt.frameworkVersionId,
          aggregationMethod: certification.aggregationMethod,
          disagreementThreshold: certification.disagreementThreshold,
        }),
        ctx.prisma.agreedScore.findMany({ where: { oralId: oral.id } }),
        ctx.prisma.$transaction((tx) => questionnaireScores(tx, oral.attemptId)),
      ]);
      const competences = shape.blocks.flatMap((block) => block.competences);
      return {
        oralId: oral.id,
        aggregationMethod: certification.aggregationMethod,
        disagreementThreshold: certification.disagreementThreshold,
        competences: aggregates.map((aggregate) => {
          const competence = competences.find((item) => item.id === aggregate.competenceId)!;
          const row = agreed.find((item) => item.competenceId === aggregate.competenceId);
          return {
            competenceId: aggregate.competenceId,
            code: aggregate.code,
            title: competence.title,
            minimumScore: competence.minimumScore,
            byJuror: Object.entries(aggregate.byJuror).map(([jurorId, value]) => ({ jurorId, value })),
            aggregate: aggregate.aggregate,
            spread: aggregate.spread,
            flagged: aggregate.flagged,
            agreedValue: row?.agreedValue ?? null,
            justification: row?.justification ?? null,
            byQuestionnaire: competence.byQuestionnaire ?? false,
            questionnaire: questionnaire.get(aggregate.competenceId) ?? null,
          };
        }),
      };
    },
  }),
  decision: t.prismaField({
    type: 'Decision',
    nullable: true,
    resolve: async (query, oral, _args, ctx) =>
      (await roomAccess(ctx, oral.id)) ? ctx.prisma.decision.findUnique({ ...query, where: { oralId: oral.id } }) : null,
  }),
  minutes: t.prismaField({
    type: 'Minutes',
    nullable: true,
    resolve: async (query, oral, _args, ctx) =>
      (await roomAccess(ctx, oral.id)) ? ctx.prisma.minutes.findUnique({ ...query, where: { oralId: oral.id } }) : null,
  }),
}));

// ───────────────────────────── Mutations ─────────────────────────────

/** The oral after a change, with what the caller selected. */
export const reloadOral = (ctx: Context, query: object, id: string) => ctx.prisma.oral.findUniqueOrThrow({ ...query, where: { id } });

const ScoreCriterionInput = builder.inputType('ScoreCriterionInput', {
  fields: (t) => ({
    oralId: t.id(),
    criterionId: t.id(),
    value: t.float({ required: false, description: 'On the grid scale; null clears the score; omitted keeps it (comment-only save).' }),
    comment: t.string({ required: false, validate: z.string().max(2000) }),
  }),
});

builder.mutationField('scoreCriterion', (t) =>
  t.prismaField({
    type: 'Score',
    description: "Autosaves the signed-in juror's score (and optional comment) on one criterion.",
    authScopes: { juror: true },
    args: { input: t.arg({ type: ScoreCriterionInput }) },
    // The saved row is returned as is: no second read on the hot path.
    resolve: (_query, _root, { input }, ctx) =>
      scoreCriterion(ctx, ctx.viewer, {
        oralId: String(input.oralId),
        criterionId: String(input.criterionId),
        value: input.value,
        comment: input.comment,
      }),
  }),
);

builder.mutationField('moveOralPhase', (t) =>
  t.prismaField({
    type: 'Oral',
    description: 'President only: moves the oral to its next phase (identity checked → presentation → questions → deliberation).',
    authScopes: { juror: true },
    args: { oralId: t.arg.id(), to: t.arg({ type: OralPhaseEnum }), expectedVersion: t.arg.int() },
    resolve: async (query, _root, args, ctx) => {
      const { id } = await moveOralPhase(ctx, ctx.viewer, String(args.oralId), args.to, args.expectedVersion);
      return reloadOral(ctx, query, id);
    },
  }),
);

const AgreedScoreInput = builder.inputType('AgreedScoreInput', {
  fields: (t) => ({
    oralId: t.id(),
    competenceId: t.id(),
    value: t.float(),
    justification: t.string({ required: false, validate: z.string().max(2000) }),
    expectedVersion: t.int(),
  }),
});

builder.mutationField('setAgreedScore', (t) =>
  t.prismaField({
    type: 'Oral',
    description: 'President only, during deliberation: the agreed score of a competence (justified when it departs from the aggregate).',
    authScopes: { juror: true },
    args: { input: t.arg({ type: AgreedScoreInput }) },
    resolve: async (query, _root, { input }, ctx) => {
      const { id } = await setAgreedScore(ctx, ctx.viewer, { ...input, oralId: String(input.oralId), competenceId: String(input.competenceId) });
      return reloadOral(ctx, query, id);
    },
  }),
);

builder.mutationField('decideOral', (t) =>
  t.prismaField({
    type: 'Oral',
    description: "President only: computes the decision from the agreed scores under the certification's rule and generates the minutes.",
    authScopes: { juror: true },
    args: { oralId: t.arg.id(), expectedVersion: t.arg.int() },
    resolve: async (query, _root, args, ctx) => {
      const { id } = await decideOral(ctx, ctx.viewer, String(args.oralId), args.expectedVersion);
      return reloadOral(ctx, query, id);
    },
  }),
);

builder.mutationField('signMinutes', (t) =>
  t.prismaField({
    type: 'Oral',
    description: 'Each juror signs the minutes they read (by content hash); the last signature locks the oral.',
    authScopes: { juror: true },
    args: { oralId: t.arg.id(), contentHash: t.arg.string({ validate: z.string().regex(/^[0-9a-f]{64}$/) }) },
    resolve: async (query, _root, args, ctx) => {
      const { id } = await signMinutes(ctx, ctx.viewer, String(args.oralId), args.contentHash);
      return reloadOral(ctx, query, id);
    },
  }),
);

// ───────────────────────────── Events ─────────────────────────────

const OralEvent = builder.objectRef<RoomEvent>('OralEvent').implement({
  description: 'A change in the oral room. Carries ids and progress, never score values; reload the room as needed.',
  fields: (t) => ({
    seq: t.exposeInt('seq'),
    type: t.exposeString('type'),
    at: t.field({ type: 'DateTime', resolve: (event) => event.at }),
    jurorId: t.id({ nullable: true, resolve: (event) => (event.payload.jurorId as string | undefined) ?? null }),
    payload: t.field({ type: 'JSON', resolve: (event) => event.payload }),
  }),
});

builder.objectField(OralEvent, 'oral', (t) =>
  t.prismaField({
    type: 'Oral',
    nullable: true,
    resolve: (query, event, _args, ctx) => ctx.prisma.oral.findUnique({ ...query, where: { id: event.room.slice('oral:'.length) } }),
  }),
);

async function announcePresence(ctx: Context, oralId: string, jurorId: string, connected: boolean) {
  const event = await ctx.prisma.$transaction((tx) => appendEvent(tx, rooms.oral(oralId), 'PRESENCE_CHANGED', { jurorId, connected }));
  publishAll(ctx.pubsub, [event]);
}

/** The room's events; a juror's open subscription also marks them present until it closes. */
async function oralRoomStream(ctx: Context, oralId: string, since: number | null | undefined) {
  const access = await roomAccess(ctx, oralId);
  if (!access) throw new AppError('NOT_FOUND');
  const jurorId = access === 'member' && ctx.viewer?.kind === 'user' ? ctx.viewer.userId : null;
  if (!jurorId) return roomEvents(ctx.prisma, ctx.pubsub, rooms.oral(oralId), since);
  let presenceId: string | undefined;
  return roomEvents(ctx.prisma, ctx.pubsub, rooms.oral(oralId), since, {
    open: async () => {
      presenceId = await ctx.presence.enter(oralId, jurorId);
      await announcePresence(ctx, oralId, jurorId, true);
    },
    close: async () => {
      if (!presenceId) return;
      await ctx.presence.leave(presenceId).catch(() => undefined);
      const stillConnected = await PresenceTracker.connected(ctx.prisma, oralId).catch(() => new Set([jurorId]));
      if (!stillConnected.has(jurorId)) await announcePresence(ctx, oralId, jurorId, false).catch(() => undefined);
    },
  });
}

builder.subscriptionField('oralEvents', (t) =>
  t.field({
    type: OralEvent,
    description: "The oral room's events. With `since`, first replays the events after that sequence (no gap, no duplicate).",
    authScopes: { juror: true, admin: true },
    args: { oralId: t.arg.id(), since: t.arg.int({ required: false }) },
    subscribe: (_root, args, ctx) => oralRoomStream(ctx, String(args.oralId), args.since),
    resolve: (event) => event,
  }),
);
