import { builder } from '../../graphql/builder.ts';
import { DecisionRuleEnum, ModalityEnum, RegistryEnum } from '../../graphql/enums.ts';

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
  description: 'A published, frozen version of the skills framework (référentiel).',
  fields: (t) => ({
    id: t.exposeID('id'),
    version: t.exposeInt('version'),
    scaleMin: t.exposeInt('scaleMin'),
    scaleMax: t.exposeInt('scaleMax'),
    blocks: t.relation('blocks', { query: { orderBy: { position: 'asc' } }, complexity: FRAMEWORK_LIST }),
  }),
});

builder.prismaObject('Certification', {
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    registry: t.expose('registry', { type: RegistryEnum }),
    title: t.exposeString('title'),
    level: t.exposeInt('level', { nullable: true }),
    decisionRule: t.expose('decisionRule', { type: DecisionRuleEnum }),
    active: t.exposeBoolean('active'),
    oralTotalMinutes: t.exposeInt('oralTotalMinutes'),
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
