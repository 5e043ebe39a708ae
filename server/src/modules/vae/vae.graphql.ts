// VAE in the schema: experience periods and eligibility on a VAE attempt (the candidate, their partner read-only,
// admins of the certifier), the admins' review queue, and the per-block modalities the jury records.
import { builder } from '../../graphql/builder.ts';
import { ModalityEnum } from '../../graphql/enums.ts';
import { attemptFilter } from '../../auth/policies.ts';
import { periodStatus, VAE_MODALITIES, monthsIn, type Eligibility } from './experience.rules.ts';
import {
  declareExperiencePeriod,
  eligibilityForAttempt,
  eligibilityReasonText,
  periodsToReviewWhere,
  periodsWhere,
  recordVaeBlockModalities,
  reviewExperiencePeriod,
} from './vae.service.ts';
import { evidenceDownloadPath } from './vae.http.ts';

const PeriodStatusEnum = builder.enumType('ExperiencePeriodStatus', {
  description: 'PENDING until an admin checks the period; ACCEPTED periods count towards the 12 months.',
  values: ['PENDING', 'ACCEPTED', 'REFUSED'] as const,
});

const VaeIneligibleReasonEnum = builder.enumType('VaeIneligibleReason', {
  values: ['ROUTE_CLOSED', 'NOT_ENOUGH_EXPERIENCE'] as const,
});

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

builder.prismaObject('ExperiencePeriod', {
  description: 'VAE: a period of experience related to the certification, declared by the candidate and checked by an admin.',
  fields: (t) => ({
    id: t.exposeID('id'),
    employer: t.exposeString('employer', { description: 'Employer, or the activity (volunteering, association…).' }),
    jobTitle: t.exposeString('jobTitle'),
    activities: t.exposeString('activities', { description: 'The activities related to the certification.' }),
    startDate: t.string({ description: 'YYYY-MM-DD', resolve: (period) => isoDay(period.startDate) }),
    endDate: t.string({ description: 'YYYY-MM-DD (included)', resolve: (period) => isoDay(period.endDate) }),
    months: t.float({ description: 'Length in months (2 decimals).', resolve: (period) => Math.round(monthsIn({ start: period.startDate, end: period.endDate }) * 100) / 100 }),
    status: t.field({ type: PeriodStatusEnum, resolve: (period) => periodStatus(period.accepted) }),
    reviewReason: t.exposeString('reviewReason', { nullable: true }),
    reviewedAt: t.expose('checkedAt', { type: 'DateTime', nullable: true }),
    declaredAt: t.expose('createdAt', { type: 'DateTime' }),
    evidenceFilename: t.string({
      nullable: true,
      select: { evidenceFile: { select: { filename: true } } },
      resolve: (period) => period.evidenceFile?.filename ?? null,
    }),
    evidencePath: t.string({
      nullable: true,
      description: 'GET with your bearer token to download the evidence (the candidate, their partner, admins).',
      resolve: (period) => (period.evidenceFileId ? evidenceDownloadPath(period.id) : null),
    }),
    attempt: t.relation('attempt'),
  }),
});

const VaeEligibilityRef = builder.objectRef<Eligibility>('VaeEligibility').implement({
  description: 'Whether a VAE attempt is admissible: an RNCP-registered certification and ≥ 12 months of accepted experience (overlaps counted once).',
  fields: (t) => ({
    eligible: t.exposeBoolean('eligible'),
    reason: t.field({ type: VaeIneligibleReasonEnum, nullable: true, resolve: (e) => e.reason }),
    reasonMessage: t.string({ nullable: true, description: "Why not, in the request's language.", resolve: (e) => eligibilityReasonText(e) }),
    acceptedMonths: t.exposeFloat('acceptedMonths'),
    requiredMonths: t.exposeInt('requiredMonths'),
    pendingMonths: t.exposeFloat('pendingMonths'),
    pendingPeriods: t.exposeInt('pendingPeriods'),
    acceptedPeriods: t.exposeInt('acceptedPeriods'),
    refusedPeriods: t.exposeInt('refusedPeriods'),
  }),
});

interface BlockModalities {
  blockCode: string;
  modalities: (typeof VAE_MODALITIES)[number][];
}
const VaeBlockModalitiesRef = builder.objectRef<BlockModalities>('VaeBlockModalities').implement({
  description: 'VAE: how the jury evaluated one block (interview, observation at work, written document).',
  fields: (t) => ({
    blockCode: t.exposeString('blockCode'),
    modalities: t.field({ type: [ModalityEnum], resolve: (row) => row.modalities }),
  }),
});

builder.prismaObjectFields('Attempt', (t) => ({
  experiencePeriods: t.prismaField({
    type: ['ExperiencePeriod'],
    description: "VAE: the candidate's declared experience at this certification (every attempt of the chain), oldest first.",
    select: { candidateId: true, certificationId: true },
    resolve: (query, attempt, _args, ctx) =>
      ctx.prisma.experiencePeriod.findMany({ ...query, where: { AND: [periodsWhere(attempt), { attempt: attemptFilter(ctx.viewer) }] }, orderBy: [{ startDate: 'asc' }, { createdAt: 'asc' }] }),
  }),
  vaeEligibility: t.field({
    type: VaeEligibilityRef,
    nullable: true,
    description: 'VAE attempts only (null for another access route).',
    resolve: (attempt, _args, ctx) => eligibilityForAttempt(ctx.prisma, attempt.id),
  }),
  vaeBlockModalities: t.field({
    type: [VaeBlockModalitiesRef],
    description: "VAE: the modalities the jury recorded per block at this attempt's latest oral.",
    resolve: async (attempt, _args, ctx) => {
      const oral = await ctx.prisma.oral.findFirst({ where: { attemptId: attempt.id }, orderBy: { scheduledAt: 'desc' }, select: { id: true } });
      if (!oral) return [];
      const rows = await ctx.prisma.vaeBlockAssessment.findMany({ where: { oralId: oral.id }, orderBy: { blockCode: 'asc' }, select: { blockCode: true, modalities: true } });
      return rows as BlockModalities[];
    },
  }),
}));

builder.prismaObjectFields('Oral', (t) => ({
  vaeBlockModalities: t.field({
    type: [VaeBlockModalitiesRef],
    description: 'VAE: the modalities recorded per block of this oral.',
    resolve: async (oral, _args, ctx) =>
      (await ctx.prisma.vaeBlockAssessment.findMany({ where: { oralId: oral.id }, orderBy: { blockCode: 'asc' }, select: { blockCode: true, modalities: true } })) as BlockModalities[],
  }),
}));

const ExperiencePeriodInput = builder.inputType('ExperiencePeriodInput', {
  fields: (t) => ({
    employer: t.string({ description: 'Employer, or the activity (1 to 200 characters).' }),
    jobTitle: t.string({ description: '1 to 200 characters.' }),
    activities: t.string({ description: 'Activities related to the certification (1 to 5,000 characters).' }),
    startDate: t.field({ type: 'DateTime', description: 'The day counts (time ignored, UTC).' }),
    endDate: t.field({ type: 'DateTime', description: 'Included; not in the future.' }),
  }),
});

builder.mutationField('declareExperiencePeriod', (t) =>
  t.prismaField({
    type: 'ExperiencePeriod',
    description: 'The candidate declares a period of experience on their VAE attempt (before it is scheduled). Then upload its evidence: POST /uploads/experience-evidence?periodId=…',
    authScopes: { candidate: true },
    args: { attemptId: t.arg.id(), input: t.arg({ type: ExperiencePeriodInput }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await declareExperiencePeriod(ctx, ctx.viewer, String(args.attemptId), args.input);
      return ctx.prisma.experiencePeriod.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('reviewExperiencePeriod', (t) =>
  t.prismaField({
    type: 'ExperiencePeriod',
    description: 'An admin accepts or refuses a pending period (reason mandatory to refuse). Refused with INVALID_STATE once reviewed.',
    authScopes: { admin: true },
    args: { periodId: t.arg.id(), accepted: t.arg.boolean(), reason: t.arg.string({ required: false }) },
    resolve: async (query, _root, args, ctx) => {
      await reviewExperiencePeriod(ctx, ctx.viewer, String(args.periodId), args.accepted, args.reason ?? null);
      return ctx.prisma.experiencePeriod.findUniqueOrThrow({ ...query, where: { id: String(args.periodId) } });
    },
  }),
);

builder.queryField('experiencePeriodsToReview', (t) =>
  t.prismaField({
    type: ['ExperiencePeriod'],
    description: "Admins: VAE experience periods of the certifier's candidates, PENDING by default (null = every status), oldest first.",
    authScopes: { admin: true },
    args: { status: t.arg({ type: PeriodStatusEnum, required: false, defaultValue: 'PENDING' }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.experiencePeriod.findMany({ ...query, where: periodsToReviewWhere(ctx.viewer, args.status ?? null), orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 500 }),
  }),
);

builder.mutationField('recordVaeBlockModalities', (t) =>
  t.prismaField({
    type: 'Oral',
    description: 'The president of a VAE oral records which modalities were used for a block in scope (INTERVIEW, OBSERVATION, WRITTEN); needed for every such block before decideOral.',
    authScopes: { juror: true },
    args: { oralId: t.arg.id(), blockCode: t.arg.string(), modalities: t.arg({ type: [ModalityEnum] }), expectedVersion: t.arg.int() },
    resolve: async (query, _root, args, ctx) => {
      await recordVaeBlockModalities(ctx, ctx.viewer, String(args.oralId), args.blockCode, args.modalities, args.expectedVersion);
      return ctx.prisma.oral.findUniqueOrThrow({ ...query, where: { id: String(args.oralId) } });
    },
  }),
);
