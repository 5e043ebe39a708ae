// Orals as jurors and admins see them; juries, the pool of jurors, eligibility with reasons, conflicts.
import { z } from 'zod';
import { builder } from '../../graphql/builder.ts';
import { FraudReviewStatusEnum, IdentityDocumentTypeEnum, JuryKindEnum, JuryRoleEnum, OralPhaseEnum, RepresentationEnum } from '../../graphql/enums.ts';
import { certificationAdminFilter, oralFilter } from '../../auth/policies.ts';
import { rooms } from '../../realtime/rooms.ts';
import { INELIGIBILITY_CODES, type Ineligibility } from './jury.rules.ts';
import { assignJury, composeJury, declareConflict, jurorEligibility, setMyAvailability, updateJurorProfile, updateJuryMembers, type JuryNowIneligible } from './jury.service.ts';

builder.prismaObject('Oral', {
  description: 'One 30-minute oral of one attempt before a jury.',
  fields: (t) => ({
    id: t.exposeID('id'),
    scheduledAt: t.expose('scheduledAt', { type: 'DateTime' }),
    phase: t.expose('phase', { type: OralPhaseEnum }),
    identityCheckedAt: t.expose('identityCheckedAt', { type: 'DateTime', nullable: true }),
    identityDocumentType: t.expose('identityDocumentType', { type: IdentityDocumentTypeEnum, nullable: true, description: 'Only the type of document checked; never its image.' }),
    fraudReview: t.field({
      type: FraudReviewStatusEnum,
      nullable: true,
      description: 'Status of the latest fraud report on this oral (null when none): PENDING while the attempt is frozen for review.',
      select: { fraudReports: { select: { status: true }, orderBy: { reportedAt: 'desc' }, take: 1 } },
      resolve: (oral) => oral.fraudReports[0]?.status ?? null,
    }),
    jury: t.relation('jury', { authScopes: { admin: true, juror: true }, description: 'Admins and jurors only (candidates and partners never see who sits on a jury).' }),
    candidateId: t.id({ select: { attempt: { select: { candidateId: true } } }, resolve: (oral) => oral.attempt.candidateId }),
    candidateName: t.string({
      select: { attempt: { select: { candidate: { select: { firstName: true, birthName: true, usageName: true } } } } },
      resolve: (oral) => {
        const { firstName, birthName, usageName } = oral.attempt.candidate;
        return `${firstName} ${usageName ?? birthName}`;
      },
    }),
    certification: t.prismaField({
      type: 'Certification',
      resolve: (query, oral, _args, ctx) =>
        ctx.prisma.certification.findFirstOrThrow({ ...query, where: { attempts: { some: { id: oral.attemptId } } } }),
    }),
    myRole: t.field({
      type: JuryRoleEnum,
      nullable: true,
      description: "The caller's role on this oral's jury (null when not a juror of it).",
      select: (_args, ctx) => ({
        jury: { select: { members: { where: { jurorId: ctx.viewer?.kind === 'user' ? ctx.viewer.userId : '' }, select: { role: true } } } },
      }),
      resolve: (oral) => oral.jury.members[0]?.role ?? null,
    }),
  }),
});

builder.queryField('myOrals', (t) =>
  t.prismaField({
    type: ['Oral'],
    description: 'Orals of the juries the signed-in juror sits on, by date.',
    authScopes: { juror: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.oral.findMany({ ...query, where: oralFilter(ctx.viewer), orderBy: { scheduledAt: 'asc' } }),
  }),
);

builder.queryField('oral', (t) =>
  t.prismaField({
    type: 'Oral',
    nullable: true,
    description: 'One oral, if the caller may see it (a juror only orals of juries they sit on).',
    authScopes: { authenticated: true },
    args: { id: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      // The room's sequence is read first, so that `eventSeq` never runs ahead of the snapshot.
      const sequence = await ctx.prisma.roomSequence.findUnique({ where: { room: rooms.oral(String(args.id)) } });
      const oral = await ctx.prisma.oral.findFirst({ ...query, where: { AND: [{ id: String(args.id) }, oralFilter(ctx.viewer)] } });
      return oral && Object.assign(oral, { eventSeqBeforeRead: sequence?.lastSeq ?? 0 });
    },
  }),
);

// ───────────────────────────── Juries, jurors, eligibility, conflicts (issue 4) ─────────────────────────────

const JurorSummary = builder.prismaObject('User', {
  variant: 'JurorSummary',
  description: 'A juror as other staff see them.',
  fields: (t) => ({
    id: t.exposeID('id'),
    displayName: t.exposeString('displayName'),
    profession: t.string({ nullable: true, select: { jurorProfile: { select: { profession: true } } }, resolve: (user) => user.jurorProfile?.profession ?? null }),
    employer: t.string({ nullable: true, select: { jurorProfile: { select: { employer: true } } }, resolve: (user) => user.jurorProfile?.employer ?? null }),
    isCertifierEmployee: t.boolean({
      authScopes: { admin: true },
      description: 'Admins only.',
      select: { jurorProfile: { select: { isCertifierEmployee: true } } },
      resolve: (user) => user.jurorProfile?.isCertifierEmployee ?? false,
    }),
    trainerAt: t.prismaField({
      type: ['Partner'],
      authScopes: { admin: true },
      description: 'Admins only: training organisations the juror trains at (never for their candidates).',
      resolve: (query, user, _args, ctx) => ctx.prisma.partner.findMany({ ...query, where: { trainers: { some: { jurorId: user.id } } }, orderBy: { name: 'asc' } }),
    }),
    profile: t.relation('jurorProfile', {
      nullable: true,
      authScopes: { admin: true },
      description: 'Admins only: the whole juror profile (null until anything was recorded).',
    }),
  }),
});

builder.prismaObject('JurorProfile', {
  description: 'What the independence rules and the planning know about a juror.',
  fields: (t) => ({
    profession: t.exposeString('profession', { nullable: true }),
    employer: t.exposeString('employer', { nullable: true }),
    isCertifierEmployee: t.exposeBoolean('isCertifierEmployee', { description: 'An employee of the certifier may never sit on a jury.' }),
    trainerAt: t.prismaField({
      type: ['Partner'],
      description: 'Training organisations the juror trains or trained at (never for their candidates).',
      resolve: (query, profile, _args, ctx) => ctx.prisma.partner.findMany({ ...query, where: { trainers: { some: { jurorId: profile.userId } } }, orderBy: { name: 'asc' } }),
    }),
    certifications: t.prismaField({
      type: ['Certification'],
      description: 'Certifications the juror may assess; empty: not restricted.',
      resolve: (query, profile, _args, ctx) =>
        ctx.prisma.certification.findMany({ ...query, where: { jurorCertifications: { some: { jurorId: profile.userId } } }, orderBy: { code: 'asc' } }),
    }),
    availableDays: t.stringList({
      description: "Days ('YYYY-MM-DD', Europe/Paris) the juror is available for orals, in order; empty: not declared, not restricted.",
      select: { availability: { select: { day: true }, orderBy: { day: 'asc' } } },
      resolve: (profile) => profile.availability.map((row) => row.day.toISOString().slice(0, 10)),
    }),
    conflicts: t.relation('conflicts', { description: 'Conflicts of interest the juror declared.', query: { orderBy: { declaredAt: 'desc' } } }),
  }),
});

const JuryIneligibilityRef = builder.objectRef<JuryNowIneligible>('JuryIneligibility');
const JurorProfileUpdate = builder.objectRef<{ jurorId: string; ineligibleJuries: JuryNowIneligible[] }>('JurorProfileUpdate');

builder.prismaObject('Jury', {
  description: 'A jury: one president and members from the pool of jurors, for a session or for single orals.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: JuryKindEnum }),
    version: t.exposeInt('version', { description: 'Pass it back to updateJuryMembers (optimistic concurrency).' }),
    certification: t.relation('certification'),
    examSession: t.relation('examSession', { nullable: true }),
    members: t.relation('members', { query: { orderBy: [{ role: 'asc' }, { id: 'asc' }] } }),
    orals: t.relation('orals', { query: { orderBy: { scheduledAt: 'asc' } } }),
  }),
});

builder.prismaObject('JuryMember', {
  fields: (t) => ({
    role: t.expose('role', { type: JuryRoleEnum }),
    representation: t.expose('representation', { type: RepresentationEnum, nullable: true }),
    juror: t.relation('juror', { type: JurorSummary }),
  }),
});

const IneligibilityCodeEnum = builder.enumType('IneligibilityCode', {
  values: {
    CERTIFIER_EMPLOYEE: { description: 'An employee of the certification body never sits on a jury.' },
    TRAINER_OF_PARTNER: { description: "The juror trains (or trained) at the candidate's training organisation." },
    DECLARED_CONFLICT: { description: 'The juror declared a conflict of interest with the candidate or their training organisation.' },
    CONTESTED_ORAL_JUROR: { description: 'The juror sat on the jury of the oral an upheld appeal contested (a re-evaluation needs an entirely new jury).' },
    NOT_QUALIFIED_FOR_CERTIFICATION: { description: "The juror's profile lists the certifications they may assess, and not this one." },
    UNAVAILABLE: { description: "The juror's profile lists the days they are available, and not a day of these orals." },
  } satisfies Record<(typeof INELIGIBILITY_CODES)[number], unknown>,
});

const IneligibilityRef = builder.objectRef<Ineligibility>('Ineligibility').implement({
  description: 'Why a juror may not examine a candidate (also listed in `extensions.ineligible` of JUROR_INELIGIBLE errors).',
  fields: (t) => ({
    code: t.field({ type: IneligibilityCodeEnum, resolve: (reason) => reason.code }),
    message: t.exposeString('message'),
  }),
});

interface EligibilityShape {
  jurorId: string;
  displayName: string;
  eligible: boolean;
  reasons: Ineligibility[];
}

export const JurorEligibility = builder.objectRef<EligibilityShape>('JurorEligibility').implement({
  fields: (t) => ({
    eligible: t.exposeBoolean('eligible'),
    reasons: t.field({ type: [IneligibilityRef], resolve: (item) => item.reasons }),
  }),
});
builder.objectField(JurorEligibility, 'juror', (t) =>
  t.prismaField({
    type: JurorSummary,
    resolve: (query, item, _args, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: item.jurorId } }),
  }),
);

JuryIneligibilityRef.implement({
  description: 'A jury the juror sits on (orals not started, still to come) that their profile now excludes them from, and why.',
  fields: (t) => ({
    reasons: t.field({ type: [IneligibilityRef], resolve: (item) => item.reasons }),
  }),
});
builder.objectField(JuryIneligibilityRef, 'jury', (t) =>
  t.prismaField({ type: 'Jury', resolve: (query, item, _args, ctx) => ctx.prisma.jury.findUniqueOrThrow({ ...query, where: { id: item.juryId } }) }),
);
JurorProfileUpdate.implement({
  description: 'The saved profile, and the juries it now makes the juror ineligible for (change their members before the orals).',
  fields: (t) => ({
    ineligibleJuries: t.field({ type: [JuryIneligibilityRef], resolve: (update) => update.ineligibleJuries }),
  }),
});
builder.objectField(JurorProfileUpdate, 'juror', (t) =>
  t.prismaField({ type: JurorSummary, resolve: (query, update, _args, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: update.jurorId } }) }),
);

builder.queryField('juror', (t) =>
  t.prismaField({
    type: JurorSummary,
    nullable: true,
    description: "Admins: one of the certifier's jurors (null for anyone else).",
    authScopes: { admin: true },
    args: { id: t.arg.id() },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.user.findFirst({ ...query, where: { id: String(args.id), role: 'JUROR', certifierId: ctx.viewer?.certifierId ?? '' } }),
  }),
);

builder.queryField('myJurorProfile', (t) =>
  t.prismaField({
    type: 'JurorProfile',
    nullable: true,
    description: "The signed-in juror's own profile (null until anything was recorded).",
    authScopes: { juror: true },
    resolve: (query, _root, _args, ctx) => ctx.prisma.jurorProfile.findUnique({ ...query, where: { userId: ctx.viewer?.kind === 'user' ? ctx.viewer.userId : '' } }),
  }),
);

builder.queryField('juries', (t) =>
  t.prismaField({
    type: ['Jury'],
    description: "Admins: the certifier's juries (of one certification or session when given), newest first.",
    authScopes: { admin: true },
    args: { certificationId: t.arg.id({ required: false }), examSessionId: t.arg.id({ required: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.jury.findMany({
        ...query,
        where: {
          certification: certificationAdminFilter(ctx.viewer),
          ...(args.certificationId ? { certificationId: String(args.certificationId) } : {}),
          ...(args.examSessionId ? { examSessionId: String(args.examSessionId) } : {}),
        },
        orderBy: { createdAt: 'desc' },
        take: 500,
      }),
  }),
);

builder.queryField('jurors', (t) =>
  t.prismaField({
    type: [JurorSummary],
    description: "Admins: the certifier's pool of jurors, by name.",
    authScopes: { admin: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.user.findMany({
        ...query,
        where: { role: 'JUROR', disabledAt: null, certifierId: ctx.viewer?.certifierId ?? '' },
        orderBy: { displayName: 'asc' },
      }),
  }),
);

builder.queryField('jurorEligibility', (t) =>
  t.field({
    type: [JurorEligibility],
    nullable: true,
    description: 'Admins: every juror, with whether they may examine this attempt’s candidate and why not (null when the attempt is unknown).',
    authScopes: { admin: true },
    args: { attemptId: t.arg.id() },
    resolve: (_root, args, ctx) => jurorEligibility(ctx.prisma, ctx.viewer, String(args.attemptId)),
  }),
);

const JuryMemberInput = builder.inputType('JuryMemberInput', {
  fields: (t) => ({
    jurorId: t.id(),
    role: t.field({ type: JuryRoleEnum }),
    representation: t.field({ type: RepresentationEnum, required: false, description: 'Joint juries: employer or employee side.' }),
  }),
});

const membersArg = (t: Parameters<Parameters<typeof builder.mutationField>[1]>[0]) =>
  t.arg({ type: [JuryMemberInput], validate: z.array(z.any()).min(1).max(20) });
const toMembers = (members: { jurorId: string | number; role: 'PRESIDENT' | 'MEMBER'; representation?: 'EMPLOYER' | 'EMPLOYEE' | 'QUALIFIED_PERSON' | null }[]) =>
  members.map((member) => ({ ...member, jurorId: String(member.jurorId) }));

const ComposeJuryInput = builder.inputType('ComposeJuryInput', {
  fields: (t) => ({
    certificationId: t.id(),
    examSessionId: t.id({ required: false, description: "The session's jury examines its bookings; without one, assign the jury to orals one by one." }),
    name: t.string({ validate: z.string().trim().min(1).max(200) }),
    kind: t.field({ type: JuryKindEnum, required: false }),
  }),
});

builder.mutationField('composeJury', (t) =>
  t.prismaField({
    type: 'Jury',
    description: "Admins: a new jury. Exactly one president, at least the certification's minimum size, and no juror the independence rules exclude.",
    authScopes: { admin: true },
    args: { input: t.arg({ type: ComposeJuryInput }), members: membersArg(t) },
    resolve: async (query, _root, args, ctx) => {
      const id = await composeJury(ctx, ctx.viewer, {
        ...args.input,
        certificationId: String(args.input.certificationId),
        examSessionId: args.input.examSessionId ? String(args.input.examSessionId) : null,
        members: toMembers(args.members),
      });
      return ctx.prisma.jury.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('updateJuryMembers', (t) =>
  t.prismaField({
    type: 'Jury',
    description: 'Admins: replaces the members of a jury whose orals have not started; they must be eligible for each of its candidates.',
    authScopes: { admin: true },
    args: { juryId: t.arg.id(), expectedVersion: t.arg.int(), members: membersArg(t) },
    resolve: async (query, _root, args, ctx) => {
      await updateJuryMembers(ctx, ctx.viewer, String(args.juryId), args.expectedVersion, toMembers(args.members));
      return ctx.prisma.jury.findUniqueOrThrow({ ...query, where: { id: String(args.juryId) } });
    },
  }),
);

builder.mutationField('assignJury', (t) =>
  t.prismaField({
    type: 'Oral',
    description: "Admins: puts a booked attempt's oral before a jury (JUROR_INELIGIBLE with the reasons when the rules forbid it).",
    authScopes: { admin: true },
    args: { attemptId: t.arg.id(), juryId: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      const oralId = await assignJury(ctx, ctx.viewer, String(args.attemptId), String(args.juryId));
      return ctx.prisma.oral.findUniqueOrThrow({ ...query, where: { id: oralId } });
    },
  }),
);

builder.prismaObject('ConflictDeclaration', {
  description: 'A conflict of interest a juror declared, with a candidate or a training organisation.',
  fields: (t) => ({
    id: t.exposeID('id'),
    reason: t.exposeString('reason'),
    declaredAt: t.expose('declaredAt', { type: 'DateTime' }),
    partner: t.relation('partner', { nullable: true }),
    candidateName: t.string({
      nullable: true,
      select: { candidate: { select: { firstName: true, birthName: true, usageName: true } } },
      resolve: (row) => (row.candidate ? `${row.candidate.firstName} ${row.candidate.usageName ?? row.candidate.birthName}` : null),
    }),
  }),
});

builder.queryField('myConflicts', (t) =>
  t.prismaField({
    type: ['ConflictDeclaration'],
    description: 'The conflicts of interest the signed-in juror declared.',
    authScopes: { juror: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.conflictDeclaration.findMany({ ...query, where: { jurorId: ctx.viewer?.kind === 'user' ? ctx.viewer.userId : '' }, orderBy: { declaredAt: 'desc' } }),
  }),
);

builder.queryField('partners', (t) =>
  t.prismaField({
    type: ['Partner'],
    description: "The certifier's training organisations (admins; jurors, to declare a conflict).",
    authScopes: { admin: true, juror: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.partner.findMany({ ...query, where: { certifierId: ctx.viewer?.certifierId ?? '' }, orderBy: { name: 'asc' } }),
  }),
);

const ConflictInput = builder.inputType('ConflictInput', {
  description: 'Exactly one of candidateId (a candidate of your orals) and partnerId.',
  fields: (t) => ({
    candidateId: t.id({ required: false }),
    partnerId: t.id({ required: false }),
    reason: t.string({ validate: z.string().trim().min(3).max(1000) }),
  }),
});

builder.mutationField('declareConflict', (t) =>
  t.prismaField({
    type: 'ConflictDeclaration',
    description: 'Jurors: declares a conflict of interest; from then on the juror may not examine that candidate or organisation.',
    authScopes: { juror: true },
    args: { input: t.arg({ type: ConflictInput }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await declareConflict(ctx, ctx.viewer, {
        candidateId: input.candidateId ? String(input.candidateId) : null,
        partnerId: input.partnerId ? String(input.partnerId) : null,
        reason: input.reason,
      });
      return ctx.prisma.conflictDeclaration.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

const JurorProfileInput = builder.inputType('JurorProfileInput', {
  description: 'Only the fields given change.',
  fields: (t) => ({
    profession: t.string({ required: false, validate: z.string().trim().max(200) }),
    employer: t.string({ required: false, validate: z.string().trim().max(200) }),
    isCertifierEmployee: t.boolean({ required: false, description: 'An employee of the certifier may never sit on a jury.' }),
    trainerAtPartnerIds: t.idList({ required: false, description: 'Replaces the training organisations the juror trains at.', validate: z.array(z.any()).max(100) }),
    certificationIds: t.idList({ required: false, description: 'Replaces the certifications the juror may assess (empty: not restricted).', validate: z.array(z.any()).max(200) }),
    availableDays: t.stringList({ required: false, description: "Replaces the days ('YYYY-MM-DD') the juror is available (empty: not declared).", validate: z.array(z.string()).max(750) }),
  }),
});

builder.mutationField('updateJurorProfile', (t) =>
  t.field({
    type: JurorProfileUpdate,
    description:
      'Admins: what the independence rules know about a juror (employment, trainer links, certifications they may assess, availability). ' +
      'Answers the juries the juror sits on that the profile now excludes them from.',
    authScopes: { admin: true },
    args: { jurorId: t.arg.id(), input: t.arg({ type: JurorProfileInput }) },
    resolve: async (_root, args, ctx) => {
      const jurorId = String(args.jurorId);
      const ineligibleJuries = await updateJurorProfile(ctx, ctx.viewer, jurorId, {
        ...args.input,
        trainerAtPartnerIds: args.input.trainerAtPartnerIds?.map(String),
        certificationIds: args.input.certificationIds?.map(String),
      });
      return { jurorId, ineligibleJuries };
    },
  }),
);

builder.mutationField('setMyAvailability', (t) =>
  t.field({
    type: JurorProfileUpdate,
    description: "Jurors: the days ('YYYY-MM-DD') they are available for orals, replacing the earlier list; answers the juries this makes them ineligible for.",
    authScopes: { juror: true },
    args: { availableDays: t.arg.stringList({ validate: z.array(z.string()).max(750) }) },
    resolve: async (_root, args, ctx) => {
      const ineligibleJuries = await setMyAvailability(ctx, ctx.viewer, args.availableDays);
      return { jurorId: ctx.viewer?.kind === 'user' ? ctx.viewer.userId : '', ineligibleJuries };
    },
  }),
);
