import { builder } from '../../graphql/builder.ts';
import { DecisionRuleEnum, ModalityEnum, RegistryEnum, ResultDisclosureEnum } from '../../graphql/enums.ts';
import { AggregationMethod, FrameworkStatus } from '../../generated/prisma/enums.ts';
import { certificationAdminFilter } from '../../auth/policies.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { Context } from '../../graphql/context.ts';
import { AppError } from '../../lib/errors.ts';
import { batchLoad } from '../../graphql/loaders.ts';
import {
  createCertificationSchema,
  frameworkContentSchema,
  publishedSuccessRate,
  updateCertificationSchema,
  type SuccessRate,
} from './certification.rules.ts';
import {
  createCertification,
  createFrameworkDraft,
  publishFramework,
  replaceFrameworkDraft,
  updateCertification,
} from './certification.service.ts';
import { importFranceCompetences } from './france-competences.service.ts';
import { FranceCompetencesImportResult, MAX_CSV_BYTES } from './france-competences.graphql.ts';
import { outcomeCountsByYear } from '../statistics/statistics.service.ts';
import { sumCounts } from '../statistics/statistics.rules.ts';

const AggregationMethodEnum = builder.enumType(AggregationMethod, { name: 'AggregationMethod' });
const FrameworkStatusEnum = builder.enumType(FrameworkStatus, { name: 'FrameworkStatus' });

// Framework lists are short (a handful of blocks, competences and criteria): a lower multiplier than the
// default keeps the whole catalogue query well under the complexity limit.
const FRAMEWORK_LIST = { field: 1, multiplier: 5 };

builder.prismaObject('Criterion', {
  description: "Critère d'évaluation: what a juror scores.",
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    description: t.exposeString('description'),
  }),
});

builder.prismaObject('Competence', {
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    title: t.exposeString('title'),
    modality: t.expose('modality', { type: ModalityEnum }),
    minimumScore: t.exposeFloat('minimumScore'),
    criteria: t.relation('criteria', { query: { orderBy: { position: 'asc' } }, complexity: FRAMEWORK_LIST }),
  }),
});

builder.prismaObject('Block', {
  description: 'Bloc de compétences.',
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    title: t.exposeString('title'),
    competences: t.relation('competences', { query: { orderBy: { position: 'asc' } }, complexity: FRAMEWORK_LIST }),
  }),
});

const FrameworkRef = builder.prismaObject('FrameworkVersion', {
  name: 'Framework',
  description:
    'A version of the skills framework (référentiel). DRAFT versions are editable (admins only); publishing freezes a version for good.',
  fields: (t) => ({
    id: t.exposeID('id'),
    version: t.exposeInt('version'),
    status: t.expose('status', { type: FrameworkStatusEnum }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    scaleMin: t.exposeInt('scaleMin'),
    scaleMax: t.exposeInt('scaleMax'),
    scaleLabels: t.expose('scaleLabels', { type: 'JSON', nullable: true }),
    blocks: t.relation('blocks', { query: { orderBy: { position: 'asc' } }, complexity: FRAMEWORK_LIST }),
  }),
});

const SuccessRateRef = builder.objectRef<SuccessRate>('SuccessRate').implement({
  description: 'Published success rate: attempts whose current decision was published, and those CERTIFIED among them.',
  fields: (t) => ({
    rate: t.exposeFloat('rate', { description: 'From 0 to 1.' }),
    certified: t.exposeInt('certified'),
    published: t.exposeInt('published'),
  }),
});

// Select mode, the columns every list shows read by plain resolvers: see the Attempt type (candidate.graphql.ts).
export const CertificationRef = builder.prismaObject('Certification', {
  select: { id: true, code: true, registry: true, title: true },
  fields: (t) => ({
    id: t.id({ resolve: (certification) => certification.id }),
    code: t.string({ resolve: (certification) => certification.code }),
    registry: t.field({ type: RegistryEnum, resolve: (certification) => certification.registry }),
    title: t.string({ resolve: (certification) => certification.title }),
    level: t.exposeInt('level', { nullable: true }),
    decisionRule: t.expose('decisionRule', { type: DecisionRuleEnum }),
    active: t.exposeBoolean('active'),
    oralTotalMinutes: t.exposeInt('oralTotalMinutes'),
    oralPresentationMinutes: t.exposeInt('oralPresentationMinutes'),
    oralQuestionsMinutes: t.exposeInt('oralQuestionsMinutes'),
    aggregationMethod: t.expose('aggregationMethod', { type: AggregationMethodEnum }),
    disagreementThreshold: t.exposeFloat('disagreementThreshold'),
    minJurySize: t.exposeInt('minJurySize'),
    successRateMinCandidates: t.exposeInt('successRateMinCandidates'),
    appealWindowDays: t.exposeInt('appealWindowDays'),
    resultDisclosure: t.expose('resultDisclosure', { type: ResultDisclosureEnum }),
    maxAttempts: t.exposeInt('maxAttempts', { nullable: true, description: 'Attempts allowed per candidate, retakes included; null = unlimited.' }),
    validityMonths: t.int({
      nullable: true,
      select: { validityMonths: true },
      description: "Validity in months from the jury (the CDC's dateFinValidite); null = permanent.",
      resolve: (certification) => certification.validityMonths,
    }),
    assessedQuestionnaire: t.exposeBoolean('assessedQuestionnaire', { description: 'QUESTIONNAIRE competences are scored by the timed questionnaire, not by the jury.' }),
    questionnaireMinutes: t.exposeInt('questionnaireMinutes', { description: 'Duration of the assessed questionnaire (QUESTIONNAIRE competences), server-timed.' }),
    questionnaireQuestions: t.exposeInt('questionnaireQuestions', { description: 'Questions drawn for the assessed questionnaire (at least one per QUESTIONNAIRE competence).' }),
    successRate: t.field({
      type: SuccessRateRef,
      nullable: true,
      description: 'All jury years together; null until at least successRateMinCandidates results are published.',
      select: { successRateMinCandidates: true },
      // The same count as Certification.successRates and certificationSuccessRates (statistics.service.ts):
      // published, current decisions, one per attempt; batched, one statement for the whole list.
      resolve: async (certification, _args, ctx) => {
        const years = await batchLoad(ctx, 'Certification.outcomeCounts', (ids) => outcomeCountsByYear(ctx.prisma, ids), certification.id);
        const { decided, certified } = sumCounts(years ?? []);
        return publishedSuccessRate({ certified, published: decided }, certification.successRateMinCandidates);
      },
    }),
    version: t.exposeInt('version', { description: 'Pass it back to updateCertification (optimistic concurrency).' }),
    currentFramework: t.field({
      type: FrameworkRef,
      nullable: true,
      description: 'The latest published framework version.',
      // Loaded in the same query as the certification (no N+1).
      select: (_args, _ctx, nestedSelection) => ({
        frameworks: nestedSelection({ where: { status: 'PUBLISHED' }, orderBy: { version: 'desc' }, take: 1 }),
      }),
      resolve: (certification) => certification.frameworks[0] ?? null,
    }),
  }),
});

builder.queryField('certifications', (t) =>
  t.prismaField({
    type: ['Certification'],
    description: 'The public catalogue of certifications.',
    authScopes: { public: true },
    args: { activeOnly: t.arg.boolean({ required: false, defaultValue: true }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.certification.findMany({
        ...query,
        where: args.activeOnly === false ? {} : { active: true },
        orderBy: { code: 'asc' },
      }),
  }),
);

// ─── Administration (admin scope): certifications and framework versions ───

const CreateCertificationInput = builder
  .inputType('CreateCertificationInput', {
    fields: (t) => ({
      registry: t.field({ type: RegistryEnum }),
      code: t.string({ description: 'RNCP + digits, RS + digits, CQP…, CLEA or CLEA-<variant>.' }),
      title: t.string(),
      level: t.int({ required: false }),
      rncpCode: t.string({ required: false, description: 'CQP or CléA also registered in the RNCP: its RNCP code (opens VAE).' }),
      decisionRule: t.field({ type: DecisionRuleEnum }),
      aggregationMethod: t.field({ type: AggregationMethodEnum, required: false }),
      disagreementThreshold: t.float({ required: false }),
      oralTotalMinutes: t.int({ required: false, description: 'Must equal presentation + questions (default 30 = 15 + 15).' }),
      oralPresentationMinutes: t.int({ required: false }),
      oralQuestionsMinutes: t.int({ required: false }),
      minJurySize: t.int({ required: false, description: 'At least 2.' }),
      successRateMinCandidates: t.int({ required: false, description: 'Publish the success rate from this many results (default 10).' }),
      active: t.boolean({ required: false }),
      resultDisclosure: t.field({ type: ResultDisclosureEnum, required: false, description: 'What candidates see of their result (default AGREED_SCORES).' }),
      appealWindowDays: t.int({ required: false, description: 'Days after publication to contest a result (1 to 365, default 30).' }),
      maxAttempts: t.int({ required: false, description: 'Attempts allowed per candidate, retakes included (1 to 100); null or absent = unlimited.' }),
      validityMonths: t.int({ required: false, description: "Validity in months from the jury (1 to 1200), transmitted to the CDC as dateFinValidite; null or absent = permanent." }),
      assessedQuestionnaire: t.boolean({ required: false, description: 'QUESTIONNAIRE competences scored by the timed questionnaire (default false: by the jury).' }),
      questionnaireMinutes: t.int({ required: false, description: 'Assessed questionnaire duration (default 30).' }),
      questionnaireQuestions: t.int({ required: false, description: 'Assessed questionnaire questions drawn (default 20).' }),
    }),
  })
  .validate(createCertificationSchema);

const UpdateCertificationInput = builder
  .inputType('UpdateCertificationInput', {
    description: 'Only the fields given change. Registry and code never change.',
    fields: (t) => ({
      title: t.string({ required: false }),
      level: t.int({ required: false }),
      rncpCode: t.string({ required: false, description: 'CQP or CléA only; empty or null clears it.' }),
      decisionRule: t.field({ type: DecisionRuleEnum, required: false }),
      aggregationMethod: t.field({ type: AggregationMethodEnum, required: false }),
      disagreementThreshold: t.float({ required: false }),
      oralTotalMinutes: t.int({ required: false }),
      oralPresentationMinutes: t.int({ required: false }),
      oralQuestionsMinutes: t.int({ required: false }),
      minJurySize: t.int({ required: false }),
      successRateMinCandidates: t.int({ required: false }),
      active: t.boolean({ required: false }),
      resultDisclosure: t.field({ type: ResultDisclosureEnum, required: false }),
      appealWindowDays: t.int({ required: false, description: 'Days after publication to contest a result (1 to 365).' }),
      maxAttempts: t.int({ required: false, description: 'null = unlimited.' }),
      validityMonths: t.int({ required: false, description: 'Validity in months from the jury (CDC dateFinValidite); null = permanent.' }),
      assessedQuestionnaire: t.boolean({ required: false }),
      questionnaireMinutes: t.int({ required: false }),
      questionnaireQuestions: t.int({ required: false }),
    }),
  })
  .validate(updateCertificationSchema);

const CriterionInput = builder.inputType('CriterionInput', {
  fields: (t) => ({ code: t.string(), description: t.string() }),
});
const CompetenceInput = builder.inputType('CompetenceInput', {
  fields: (t) => ({
    code: t.string({ description: 'Unique within the framework version.' }),
    title: t.string(),
    modality: t.field({ type: ModalityEnum }),
    minimumScore: t.float({ description: 'Minimum required score, within the scale.' }),
    criteria: t.field({ type: [CriterionInput] }),
  }),
});
const BlockInput = builder.inputType('BlockInput', {
  fields: (t) => ({
    code: t.string({ description: 'e.g. RNCP38596BC02' }),
    title: t.string(),
    competences: t.field({ type: [CompetenceInput] }),
  }),
});
const FrameworkContentInput = builder
  .inputType('FrameworkContentInput', {
    description: 'The whole content of a draft version: it replaces what the draft held.',
    fields: (t) => ({
      scaleMin: t.int(),
      scaleMax: t.int(),
      scaleLabels: t.field({ type: 'JSON', required: false, description: 'e.g. {"0": "Non acquis", "4": "Maîtrisé"}' }),
      blocks: t.field({ type: [BlockInput] }),
    }),
  })
  .validate(frameworkContentSchema);

const frameworkById = (ctx: Context, query: { include?: Prisma.FrameworkVersionInclude; select?: Prisma.FrameworkVersionSelect }, id: string) =>
  ctx.prisma.frameworkVersion.findFirstOrThrow({ ...query, where: { id, certification: certificationAdminFilter(ctx.viewer) } });

builder.queryField('frameworkVersions', (t) =>
  t.prismaField({
    type: [FrameworkRef],
    description: 'Every version of a certification’s framework, newest first (drafts included).',
    authScopes: { admin: true },
    args: { certificationId: t.arg.id() },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.frameworkVersion.findMany({
        ...query,
        where: { certificationId: String(args.certificationId), certification: certificationAdminFilter(ctx.viewer) },
        orderBy: { version: 'desc' },
      }),
  }),
);

builder.queryField('frameworkVersion', (t) =>
  t.prismaField({
    type: FrameworkRef,
    nullable: true,
    authScopes: { admin: true },
    args: { id: t.arg.id() },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.frameworkVersion.findFirst({ ...query, where: { id: String(args.id), certification: certificationAdminFilter(ctx.viewer) } }),
  }),
);

builder.mutationField('createCertification', (t) =>
  t.prismaField({
    type: 'Certification',
    description: 'Creates a certification (ALREADY_EXISTS when the code is taken). Its framework starts with createFrameworkDraft.',
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateCertificationInput }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await createCertification(ctx, ctx.viewer!, args.input as never);
      return ctx.prisma.certification.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('updateCertification', (t) =>
  t.prismaField({
    type: 'Certification',
    description: 'Updates a certification if it is still at `version`; else CONFLICT with `extensions.current`.',
    authScopes: { admin: true },
    args: { id: t.arg.id(), version: t.arg.int(), input: t.arg({ type: UpdateCertificationInput }) },
    resolve: async (query, _root, args, ctx) => {
      await updateCertification(ctx, ctx.viewer!, String(args.id), args.version, args.input as never);
      return ctx.prisma.certification.findUniqueOrThrow({ ...query, where: { id: String(args.id) } });
    },
  }),
);

builder.mutationField('createFrameworkDraft', (t) =>
  t.prismaField({
    type: FrameworkRef,
    description: 'Creates the next version as a DRAFT, copied from the latest version unless copyFromLatest is false. One draft at a time.',
    authScopes: { admin: true },
    args: { certificationId: t.arg.id(), copyFromLatest: t.arg.boolean({ required: false, defaultValue: true }) },
    resolve: async (query, _root, args, ctx) => {
      const draft = await ctx.prisma.$transaction((tx) =>
        createFrameworkDraft(tx, ctx.viewer!, String(args.certificationId), { copyFromLatest: args.copyFromLatest !== false }),
      );
      return frameworkById(ctx, query, draft.id);
    },
  }),
);

builder.mutationField('updateFrameworkDraft', (t) =>
  t.prismaField({
    type: FrameworkRef,
    description: 'Replaces the content of a DRAFT version. A published version is frozen: INVALID_STATE.',
    authScopes: { admin: true },
    args: { id: t.arg.id(), input: t.arg({ type: FrameworkContentInput }) },
    resolve: async (query, _root, args, ctx) => {
      await replaceFrameworkDraft(ctx, ctx.viewer!, String(args.id), args.input as never);
      return frameworkById(ctx, query, String(args.id));
    },
  }),
);

builder.mutationField('publishFramework', (t) =>
  t.prismaField({
    type: FrameworkRef,
    description:
      'Publishes a complete DRAFT (every block has a competence, every competence a criterion): new registrations use it; running attempts keep theirs.',
    authScopes: { admin: true },
    args: { id: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      await publishFramework(ctx, ctx.viewer!, String(args.id));
      return frameworkById(ctx, query, String(args.id));
    },
  }),
);

builder.mutationField('importFranceCompetences', (t) =>
  t.field({
    type: FranceCompetencesImportResult,
    description: `Imports certifications and their blocks from France Compétences open-data CSV exports (the files' text; each at most ${MAX_CSV_BYTES} bytes, and the whole request within MAX_BODY_BYTES). All or nothing: a malformed row refuses the import with its line number.`,
    authScopes: { admin: true },
    args: {
      standardCsv: t.arg.string({ description: 'Content of export_fiches_CSV_Standard_*.csv' }),
      blocksCsv: t.arg.string({ description: 'Content of export_fiches_CSV_Blocs_De_Compétences_*.csv' }),
      codes: t.arg.stringList({ description: 'The fiches to import, e.g. ["RNCP38596"] (at most 50).' }),
    },
    resolve: (_root, args, ctx) => {
      if (args.codes.length === 0 || args.codes.length > 50) throw new AppError('LIMIT_EXCEEDED', { details: `codes: 1..50` });
      return importFranceCompetences(ctx, ctx.viewer!, args);
    },
  }),
);
