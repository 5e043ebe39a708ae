// Complaints in the schema: filing (candidates), reading with row rules (a partner only the TRAINING complaints
// routed to it, admins all of their certifier's with the 30-day deadline), moderation, and `complaintEvents`,
// one live and replayable stream per audience (the candidate, the partner incl. API keys, the admins).
import { z } from 'zod';
import { builder } from '../../graphql/builder.ts';
import { CaseStateEnum, ComplaintSubjectEnum } from '../../graphql/enums.ts';
import { attemptFilter, complaintFilter } from '../../auth/policies.ts';
import { viewerPartnerId, type Viewer } from '../../auth/viewer.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { CASE_AT_RISK_WITHIN_DAYS, caseDeadline, openCaseAtRiskWhere } from '../../lib/case-state.ts';
import { AppError } from '../../lib/errors.ts';
import { roomEvents } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import type { RoomEvent } from '../../realtime/pubsub.ts';
import { answerSchema, fileComplaintSchema, reasonSchema } from './complaint.rules.ts';
import { fileComplaint, moveComplaint } from './complaint.service.ts';

const ComplaintRef = builder.prismaObject('Complaint', {
  description:
    'A complaint ("réclamation"): TRAINING complaints go to the candidate\'s training organisation, CERTIFICATION_PROCESS ones to the certifier\'s admins; answered within 30 days.',
  fields: (t) => ({
    id: t.exposeID('id'),
    subject: t.expose('subject', { type: ComplaintSubjectEnum }),
    statement: t.exposeString('statement'),
    state: t.expose('state', { type: CaseStateEnum }),
    answer: t.exposeString('answer', { nullable: true, description: 'The reasoned answer the candidate reads (upheld or rejected).' }),
    moderationReason: t.exposeString('moderationReason', { nullable: true, description: 'Why the complaint was closed, when a reason was given.' }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime' }),
    answerBy: t.expose('answerBy', { type: 'DateTime', description: 'Submission + 30 days.' }),
    answeredAt: t.expose('answeredAt', { type: 'DateTime', nullable: true }),
    version: t.exposeInt('version', { description: 'Pass it as expectedVersion to moderate (optimistic concurrency).' }),
    daysLeft: t.int({ nullable: true, description: 'Whole days left to answer (negative once late); null once answered.', resolve: (c) => caseDeadline(c).daysLeft }),
    late: t.boolean({ description: 'Still open after its deadline.', resolve: (c) => caseDeadline(c).late }),
    atRisk: t.boolean({ description: `Still open and late, or due within ${CASE_AT_RISK_WITHIN_DAYS} days.`, resolve: (c) => caseDeadline(c).atRisk }),
    candidateName: t.string({
      select: { candidate: { select: { firstName: true, birthName: true, usageName: true } } },
      resolve: ({ candidate }) => `${candidate.firstName} ${candidate.usageName || candidate.birthName}`,
    }),
    candidate: t.relation('candidate'),
    partner: t.relation('partner', { nullable: true, description: 'The training organisation a TRAINING complaint is routed to.' }),
    attempt: t.prismaField({
      type: 'Attempt',
      nullable: true,
      description: 'The attempt the complaint is about, when the candidate named one.',
      select: { attemptId: true },
      resolve: (query, complaint, _args, ctx) =>
        complaint.attemptId ? ctx.prisma.attempt.findFirst({ ...query, where: { AND: [{ id: complaint.attemptId }, attemptFilter(ctx.viewer)] } }) : null,
    }),
  }),
});

const FileComplaintInput = builder
  .inputType('FileComplaintInput', {
    fields: (t) => ({
      subject: t.field({ type: ComplaintSubjectEnum }),
      statement: t.string({ description: '20 to 5,000 characters.' }),
      attemptId: t.id({ required: false, description: 'One of your attempts, when the complaint is about it.' }),
    }),
  })
  .validate(fileComplaintSchema);

builder.mutationField('fileComplaint', (t) =>
  t.prismaField({
    type: ComplaintRef,
    description: 'Files a complaint as the signed-in candidate; answer due within 30 days.',
    authScopes: { candidate: true },
    args: { input: t.arg({ type: FileComplaintInput }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await fileComplaint(ctx, ctx.viewer, args.input as never);
      return ctx.prisma.complaint.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

const moderationArgs = (t: Parameters<Parameters<typeof builder.mutationField>[1]>[0]) => ({
  id: t.arg.id(),
  expectedVersion: t.arg.int(),
});

builder.mutationField('startComplaintReview', (t) =>
  t.prismaField({
    type: ComplaintRef,
    description: 'SUBMITTED → UNDER_REVIEW: by the partner a TRAINING complaint is routed to, or an admin of the certifier.',
    authScopes: { partner: true, admin: true },
    args: moderationArgs(t),
    resolve: async (query, _root, args, ctx) => {
      await moveComplaint(ctx, ctx.viewer, String(args.id), args.expectedVersion, 'UNDER_REVIEW');
      return ctx.prisma.complaint.findUniqueOrThrow({ ...query, where: { id: String(args.id) } });
    },
  }),
);

builder.mutationField('answerComplaint', (t) =>
  t.prismaField({
    type: ComplaintRef,
    description: 'UNDER_REVIEW → UPHELD (upheld: true) or REJECTED, with the answer the candidate reads (mandatory).',
    authScopes: { partner: true, admin: true },
    args: { ...moderationArgs(t), upheld: t.arg.boolean(), answer: t.arg.string({ validate: answerSchema }) },
    resolve: async (query, _root, args, ctx) => {
      await moveComplaint(ctx, ctx.viewer, String(args.id), args.expectedVersion, args.upheld ? 'UPHELD' : 'REJECTED', { answer: args.answer });
      return ctx.prisma.complaint.findUniqueOrThrow({ ...query, where: { id: String(args.id) } });
    },
  }),
);

builder.mutationField('closeComplaint', (t) =>
  t.prismaField({
    type: ComplaintRef,
    description: 'UPHELD | REJECTED → CLOSED, with an optional reason.',
    authScopes: { partner: true, admin: true },
    args: { ...moderationArgs(t), reason: t.arg.string({ required: false, validate: reasonSchema }) },
    resolve: async (query, _root, args, ctx) => {
      await moveComplaint(ctx, ctx.viewer, String(args.id), args.expectedVersion, 'CLOSED', { reason: args.reason });
      return ctx.prisma.complaint.findUniqueOrThrow({ ...query, where: { id: String(args.id) } });
    },
  }),
);

builder.queryField('myComplaints', (t) =>
  t.prismaField({
    type: [ComplaintRef],
    description: "The signed-in candidate's complaints, newest first.",
    authScopes: { candidate: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.complaint.findMany({ ...query, where: complaintFilter(ctx.viewer), orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }], take: 200 }),
  }),
);

function complaintListWhere(
  viewer: Viewer | null,
  args: { state?: string | null; subject?: string | null; atRisk?: boolean | null },
  now = new Date(),
): Prisma.ComplaintWhereInput {
  return {
    AND: [
      complaintFilter(viewer),
      args.state ? { state: args.state as never } : {},
      args.subject ? { subject: args.subject as never } : {},
      args.atRisk ? openCaseAtRiskWhere(now) : {},
    ],
  };
}

builder.queryField('complaints', (t) =>
  t.prismaConnection({
    type: ComplaintRef,
    cursor: 'id',
    description:
      "Complaints the caller handles or follows, earliest deadline first: a partner only the TRAINING complaints about its own candidates, an admin every complaint of the certifier. `atRisk: true` keeps the open ones late or due within 7 days.",
    authScopes: { partner: true, admin: true },
    args: {
      state: t.arg({ type: CaseStateEnum, required: false }),
      subject: t.arg({ type: ComplaintSubjectEnum, required: false }),
      atRisk: t.arg.boolean({ required: false }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.complaint.findMany({ ...query, where: complaintListWhere(ctx.viewer, args), orderBy: [{ answerBy: 'asc' }, { id: 'asc' }] }),
    totalCount: (_connection, args, ctx) => ctx.prisma.complaint.count({ where: complaintListWhere(ctx.viewer, args) }),
  }),
);

builder.queryField('complaint', (t) =>
  t.prismaField({
    type: ComplaintRef,
    nullable: true,
    description: 'One complaint, if the caller may see it (else null).',
    authScopes: { authenticated: true },
    args: { id: t.arg.id() },
    resolve: (query, _root, args, ctx) => ctx.prisma.complaint.findFirst({ ...query, where: { AND: [{ id: String(args.id) }, complaintFilter(ctx.viewer)] } }),
  }),
);

// ─── Live ───

const ComplaintEventRef = builder.objectRef<RoomEvent>('ComplaintEvent').implement({
  description: 'A complaint filed or moved on. `seq` orders the events of your stream; pass the last one seen as `since`.',
  fields: (t) => ({
    seq: t.exposeInt('seq'),
    type: t.exposeString('type', { description: 'COMPLAINT_FILED or COMPLAINT_STATE_CHANGED.' }),
    at: t.field({ type: 'DateTime', resolve: (event) => event.at }),
    complaintId: t.id({ resolve: (event) => String(event.payload.complaintId) }),
    from: t.field({ type: CaseStateEnum, nullable: true, resolve: (event) => (event.payload.from as never) ?? null }),
    to: t.field({ type: CaseStateEnum, nullable: true, resolve: (event) => (event.payload.to as never) ?? null }),
  }),
});

builder.objectField(ComplaintEventRef, 'complaint', (t) =>
  t.prismaField({
    type: ComplaintRef,
    nullable: true,
    // Re-read with the subscriber's own row rules: events carry ids, never rows.
    resolve: (query, event, _args, ctx) =>
      ctx.prisma.complaint.findFirst({ ...query, where: { AND: [{ id: String(event.payload.complaintId) }, complaintFilter(ctx.viewer)] } }),
  }),
);

/** The stream a viewer follows: their partner's (users and API keys), their certifier's (admins), their own (candidates). */
function complaintRoomFor(viewer: Viewer | null): string {
  const partnerId = viewerPartnerId(viewer);
  if (partnerId) return rooms.complaints('partner', partnerId);
  if (viewer?.kind === 'user' && viewer.role === 'ADMIN') return rooms.complaints('certifier', viewer.certifierId);
  if (viewer?.kind === 'user' && viewer.role === 'CANDIDATE' && viewer.candidateId) return rooms.complaints('candidate', viewer.candidateId);
  throw new AppError('FORBIDDEN');
}

builder.subscriptionField('complaintEvents', (t) =>
  t.field({
    type: ComplaintEventRef,
    description:
      "Live complaints: a partner's (TRAINING complaints about its candidates), the certifier's (admins: all), or the candidate's own. With `since`, first replays the events after that sequence.",
    authScopes: { partner: true, admin: true, candidate: true },
    args: { since: t.arg.int({ required: false, validate: z.number().int().min(0).nullable().optional() }) },
    subscribe: (_root, args, ctx) => roomEvents(ctx.prisma, ctx.pubsub, complaintRoomFor(ctx.viewer), args.since),
    resolve: (event) => event,
  }),
);
