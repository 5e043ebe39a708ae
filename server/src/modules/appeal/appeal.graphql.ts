// Appeals in the schema: the public contest link (`appealByToken`, `submitAppealWithToken`), the candidate's
// portal (`submitAppeal`, `attemptAppeals`), the admins' queue and moderation (`appeals`, `appeal`,
// `startAppealReview`, `decideAppeal`, `closeAppeal`), the re-evaluation (`reEvaluationJurors`,
// `openReEvaluation`) and the live events (`appealEvents`, `appealQueueEvents`). Partners only see
// `Attempt.appealOpen`.
import { builder } from '../../graphql/builder.ts';
import { CaseStateEnum, OutcomeEnum } from '../../graphql/enums.ts';
import { appealFilter } from '../../auth/policies.ts';
import { CASE_AT_RISK_WITHIN_DAYS, caseDeadline } from '../../lib/case-state.ts';
import { AppError } from '../../lib/errors.ts';
import { roomEvents } from '../../realtime/event-log.ts';
import { batchLoad } from '../../graphql/loaders.ts';
import { rooms } from '../../realtime/rooms.ts';
import type { RoomEvent } from '../../realtime/pubsub.ts';
import type { CaseState } from '../../generated/prisma/enums.ts';
import { CertificationRef } from '../certification/certification.graphql.ts';
import { JurorEligibility } from '../jury/jury.graphql.ts';
import { jurorEligibility } from '../jury/jury.service.ts';
import { appealAttachmentPath } from './appeal.http.ts';
import {
  appealByToken,
  appealHistories,
  attemptsWithOpenAppeal,
  appealQueueWhere,
  canFollowAppeal,
  contestedJurorIdsOf,
  moveAppeal,
  openReEvaluation,
  submitAppeal,
  submitAppealWithToken,
  type AppealHistoryEntry,
  type AppealLinkView,
} from './appeal.service.ts';
import { MAX_ATTACHMENTS, STATEMENT_MAX, STATEMENT_MIN, isAppealOpen } from './appeal.rules.ts';

const AppealHistoryEntryRef = builder.objectRef<AppealHistoryEntry>('AppealHistoryEntry').implement({
  description: 'One step of an appeal: the state it reached (null for a step that is not a state change) and the reason given.',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    action: t.exposeString('action', { description: 'appeal.submitted, appeal.stateChanged, appeal.reEvaluationOpened, appeal.reEvaluated.' }),
    state: t.expose('state', { type: CaseStateEnum, nullable: true }),
    reason: t.exposeString('reason', { nullable: true }),
  }),
});

const AppealAttachmentRef = builder.prismaObject('AppealAttachment', {
  fields: (t) => ({
    id: t.exposeID('id'),
    filename: t.string({ select: { file: { select: { filename: true } } }, resolve: (row) => row.file.filename }),
    mimeType: t.string({ select: { file: { select: { mimeType: true } } }, resolve: (row) => row.file.mimeType }),
    size: t.int({ select: { file: { select: { size: true } } }, resolve: (row) => row.file.size }),
    downloadPath: t.string({ description: 'GET with the bearer token (the candidate, or an admin).', resolve: (row) => appealAttachmentPath(row.id) }),
  }),
});

const AppealRef = builder.prismaObject('Appeal', {
  description: 'A contestation of a result: for its candidate and the certifier’s admins (never partners or jurors).',
  fields: (t) => ({
    id: t.exposeID('id'),
    state: t.expose('state', { type: CaseStateEnum }),
    statement: t.exposeString('statement'),
    moderationReason: t.exposeString('moderationReason', { nullable: true, description: 'Why it was upheld or rejected (mandatory for both).' }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime' }),
    answerBy: t.expose('answerBy', { type: 'DateTime', description: 'Answer deadline: submission + 30 days.' }),
    daysLeft: t.int({ nullable: true, description: 'Whole days left to answer (negative once late); null once answered.', resolve: (appeal) => caseDeadline(appeal).daysLeft }),
    late: t.boolean({ resolve: (appeal) => caseDeadline(appeal).late }),
    atRisk: t.boolean({ description: `Unanswered and late or due within ${CASE_AT_RISK_WITHIN_DAYS} days.`, resolve: (appeal) => caseDeadline(appeal).atRisk }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
    reEvaluatedAt: t.expose('reEvaluatedAt', { type: 'DateTime', nullable: true, description: "When the re-evaluation's decision replaced the contested one." }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    open: t.boolean({
      description: 'Blocks another appeal of the result: submitted, under review, or upheld until re-evaluated.',
      select: { reEvaluatedAt: true },
      resolve: (appeal) => isAppealOpen(appeal),
    }),
    version: t.exposeInt('version', { description: 'Pass it as expectedVersion to moderate.' }),
    viaLink: t.boolean({ description: 'Submitted through the contest link (else from the portal).', select: { token: { select: { id: true } } }, resolve: (appeal) => appeal.token !== null }),
    attemptId: t.exposeID('attemptId'),
    reEvaluationOralId: t.exposeID('reEvaluationOralId', { nullable: true }),
    candidateName: t.string({
      select: { attempt: { select: { candidate: { select: { firstName: true, birthName: true, usageName: true } } } } },
      resolve: ({ attempt: { candidate } }) => `${candidate.firstName} ${candidate.usageName ?? candidate.birthName}`,
    }),
    certification: t.field({
      type: CertificationRef,
      select: (_args, _ctx, nestedSelection) => ({ attempt: { select: { certification: nestedSelection(true) } } }),
      resolve: (appeal) => appeal.attempt.certification,
    }),
    contestedOutcome: t.field({ type: OutcomeEnum, select: { decision: { select: { outcome: true } } }, resolve: (appeal) => appeal.decision.outcome }),
    attachments: t.relation('attachments', { type: AppealAttachmentRef }),
    history: t.field({
      type: [AppealHistoryEntryRef],
      // Batched: one statement for every appeal of the page.
      resolve: async (appeal, _args, ctx) => (await batchLoad(ctx, 'Appeal.history', (ids) => appealHistories(ctx.prisma, ids), appeal.id)) ?? [],
    }),
  }),
});

builder.prismaObjectFields('Attempt', (t) => ({
  appealOpen: t.boolean({
    description: 'An appeal of this attempt’s result is in progress (what its partner sees of appeals).',
    resolve: async (attempt, _args, ctx) => (await batchLoad(ctx, 'Attempt.appealOpen', (ids) => attemptsWithOpenAppeal(ctx.prisma, ids), attempt.id)) ?? false,
  }),
}));

// ───────────────────────────── The contest link (public) ─────────────────────────────

const AppealLinkRef = builder.objectRef<AppealLinkView>('AppealLink').implement({
  description: 'What a contest link is about, and until when it may be used.',
  fields: (t) => ({
    resultId: t.exposeID('resultId'),
    attemptId: t.exposeID('attemptId'),
    certificationCode: t.exposeString('certificationCode'),
    certificationTitle: t.exposeString('certificationTitle'),
    outcome: t.expose('outcome', { type: OutcomeEnum }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime' }),
    contestUntil: t.expose('contestUntil', { type: 'DateTime' }),
  }),
});

const AppealInput = builder.inputType('AppealInput', {
  fields: (t) => ({
    statement: t.string({ description: `${STATEMENT_MIN} to ${STATEMENT_MAX} characters.` }),
    attachmentIds: t.idList({ required: false, description: `At most ${MAX_ATTACHMENTS}, from POST /uploads/appeal-attachment for this result.` }),
  }),
});
const appealInput = (input: { statement: string; attachmentIds?: (string | number)[] | null }) => ({
  statement: input.statement,
  attachmentIds: input.attachmentIds?.map(String) ?? [],
});

builder.queryField('appealByToken', (t) =>
  t.field({
    type: AppealLinkRef,
    description: 'Public: the result a contest link is for. NOT_FOUND (forged, altered), TOKEN_EXPIRED, TOKEN_USED.',
    authScopes: { public: true },
    args: { token: t.arg.string() },
    resolve: (_root, args, ctx) => appealByToken(ctx, args.token),
  }),
);

builder.mutationField('submitAppealWithToken', (t) =>
  t.prismaField({
    type: AppealRef,
    description: 'Public: contests the result of a contest link (single use), within the appeal window.',
    authScopes: { public: true },
    args: { token: t.arg.string(), input: t.arg({ type: AppealInput }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await submitAppealWithToken(ctx, args.token, appealInput(args.input));
      return ctx.prisma.appeal.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

// ───────────────────────────── The candidate's portal ─────────────────────────────

builder.mutationField('submitAppeal', (t) =>
  t.prismaField({
    type: AppealRef,
    description: 'The candidate contests the published result of one of their attempts, within the appeal window; one open appeal per result.',
    authScopes: { candidate: true },
    args: { attemptId: t.arg.id(), input: t.arg({ type: AppealInput }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await submitAppeal(ctx, ctx.viewer, String(args.attemptId), appealInput(args.input));
      return ctx.prisma.appeal.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.queryField('attemptAppeals', (t) =>
  t.prismaField({
    type: [AppealRef],
    description: "An attempt's appeals, newest first (its candidate, or an admin of the certifier).",
    authScopes: { candidate: true, admin: true },
    args: { attemptId: t.arg.id() },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.appeal.findMany({ ...query, where: { AND: [{ attemptId: String(args.attemptId) }, appealFilter(ctx.viewer)] }, orderBy: { submittedAt: 'desc' } }),
  }),
);

builder.queryField('appeal', (t) =>
  t.prismaField({
    type: AppealRef,
    nullable: true,
    authScopes: { candidate: true, admin: true },
    args: { id: t.arg.id() },
    resolve: (query, _root, args, ctx) => ctx.prisma.appeal.findFirst({ ...query, where: { AND: [{ id: String(args.id) }, appealFilter(ctx.viewer)] } }),
  }),
);

// ───────────────────────────── Moderation (admins) ─────────────────────────────

builder.queryField('appeals', (t) =>
  t.prismaConnection({
    type: AppealRef,
    cursor: 'id',
    description: `The certifier's appeals, earliest answer deadline first; \`atRisk: true\` keeps the unanswered ones late or due within ${CASE_AT_RISK_WITHIN_DAYS} days.`,
    authScopes: { admin: true },
    args: { state: t.arg({ type: CaseStateEnum, required: false }), atRisk: t.arg.boolean({ required: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.appeal.findMany({ ...query, where: appealQueueWhere(ctx.viewer, args), orderBy: [{ answerBy: 'asc' }, { id: 'asc' }] }),
    totalCount: (_connection, args, ctx) => ctx.prisma.appeal.count({ where: appealQueueWhere(ctx.viewer, args) }),
  }),
);

const moderation = (name: string, description: string, to: CaseState | null) =>
  builder.mutationField(name, (t) =>
    t.prismaField({
      type: AppealRef,
      description,
      authScopes: { admin: true },
      args: {
        id: t.arg.id(),
        expectedVersion: t.arg.int(),
        ...(to === null ? { upheld: t.arg.boolean(), reason: t.arg.string() } : {}),
      },
      resolve: async (query, _root, args, ctx) => {
        const decided = args as { upheld?: boolean; reason?: string };
        const target = to ?? (decided.upheld ? 'UPHELD' : 'REJECTED');
        await moveAppeal(ctx, ctx.viewer, String(args.id), args.expectedVersion, target, decided.reason);
        return ctx.prisma.appeal.findUniqueOrThrow({ ...query, where: { id: String(args.id) } });
      },
    }),
  );

moderation('startAppealReview', 'SUBMITTED → UNDER_REVIEW.', 'UNDER_REVIEW');
moderation('decideAppeal', 'UNDER_REVIEW → UPHELD (upheld: true) or REJECTED, with the reason the candidate reads (mandatory for both).', null);
moderation('closeAppeal', 'REJECTED → CLOSED, or UPHELD → CLOSED once its re-evaluation replaced the contested decision.', 'CLOSED');

builder.queryField('reEvaluationJurors', (t) =>
  t.field({
    type: [JurorEligibility],
    description: "Every juror of the certifier, with whether they may sit on the appeal's re-evaluation and why not (independence, or a juror of the contested oral).",
    authScopes: { admin: true },
    args: { appealId: t.arg.id() },
    resolve: async (_root, args, ctx) => {
      const { attemptId, contested } = await contestedJurorIdsOf(ctx.prisma, ctx.viewer, String(args.appealId));
      return (await jurorEligibility(ctx.prisma, ctx.viewer, attemptId, contested)) ?? [];
    },
  }),
);

builder.mutationField('openReEvaluation', (t) =>
  t.prismaField({
    type: AppealRef,
    description:
      'An upheld appeal: a re-evaluation oral of the same attempt before `juryId`, a jury with none of the contested oral’s jurors (JUROR_INELIGIBLE otherwise, with the reasons). The attempt goes back to IN_EVALUATION.',
    authScopes: { admin: true },
    args: { appealId: t.arg.id(), expectedVersion: t.arg.int(), juryId: t.arg.id(), scheduledAt: t.arg({ type: 'DateTime' }) },
    resolve: async (query, _root, args, ctx) => {
      await openReEvaluation(ctx, ctx.viewer, String(args.appealId), args.expectedVersion, String(args.juryId), args.scheduledAt);
      return ctx.prisma.appeal.findUniqueOrThrow({ ...query, where: { id: String(args.appealId) } });
    },
  }),
);

// ───────────────────────────── Live ─────────────────────────────

const AppealEventRef = builder.objectRef<RoomEvent>('AppealEvent').implement({
  description: 'APPEAL_SUBMITTED, APPEAL_STATE_CHANGED, APPEAL_REEVALUATION_OPENED or APPEAL_REEVALUATED; re-read `appeal` with your own rights.',
  fields: (t) => ({
    seq: t.exposeInt('seq'),
    type: t.exposeString('type'),
    at: t.exposeString('at'),
    appealId: t.id({ resolve: (event) => String(event.payload.appealId) }),
    state: t.field({ type: CaseStateEnum, nullable: true, resolve: (event) => (event.payload.state as CaseState | undefined) ?? null }),
    appeal: t.prismaField({
      type: AppealRef,
      nullable: true,
      resolve: (query, event, _args, ctx) => ctx.prisma.appeal.findFirst({ ...query, where: { AND: [{ id: String(event.payload.appealId) }, appealFilter(ctx.viewer)] } }),
    }),
  }),
});

builder.subscriptionField('appealEvents', (t) =>
  t.field({
    type: AppealEventRef,
    description: "One appeal's changes, for its candidate and the certifier's admins. With `since`, replays first.",
    authScopes: { candidate: true, admin: true },
    args: { appealId: t.arg.id(), since: t.arg.int({ required: false }) },
    subscribe: async (_root, args, ctx) => {
      const appealId = String(args.appealId);
      if (!(await canFollowAppeal(ctx.prisma, ctx.viewer, appealId))) throw new AppError('NOT_FOUND');
      return roomEvents(ctx.prisma, ctx.pubsub, rooms.appeal(appealId), args.since);
    },
    resolve: (event) => event,
  }),
);

builder.subscriptionField('appealQueueEvents', (t) =>
  t.field({
    type: AppealEventRef,
    description: "Every change of the certifier's appeals (admins). With `since`, replays first.",
    authScopes: { admin: true },
    args: { since: t.arg.int({ required: false }) },
    subscribe: (_root, args, ctx) => {
      const viewer = ctx.viewer;
      if (viewer?.kind !== 'user' || viewer.role !== 'ADMIN') throw new AppError('FORBIDDEN');
      return roomEvents(ctx.prisma, ctx.pubsub, rooms.appealQueue(viewer.certifierId), args.since);
    },
    resolve: (event) => event,
  }),
);
