// Results in the schema: the admins' list of results to publish (with the 10-day deadline), publication, and
// `Attempt.result`: what the candidate and their partner see once published (admins before), as the
// certification's `resultDisclosure` allows. Never an individual juror's score.
import { builder } from '../../graphql/builder.ts';
import { OutcomeEnum, ResultDisclosureEnum } from '../../graphql/enums.ts';
import { certificationAdminFilter } from '../../auth/policies.ts';
import type { BlockView, CompetenceView } from './result.rules.ts';
import { atRiskCutoff, publicationStatus } from './result.rules.ts';
import { CertificationRef } from '../certification/certification.graphql.ts';
import { selectForRequestedFields } from '../../graphql/requested-fields.ts';
import { underCandidateAttempts } from '../../graphql/loaded-under.ts';
import { attemptResultOfRow, attemptResultSelect, type AttemptResultRow, MAX_BULK_PUBLISH, publishResult, publishResults, type AttemptResultView } from './result.service.ts';

const LocalizedTextRef = builder.objectRef<{ fr: string; en: string }>('LocalizedText').implement({
  description: 'A text in French (first) and English.',
  fields: (t) => ({ fr: t.exposeString('fr'), en: t.exposeString('en') }),
});

const ResultCompetenceRef = builder.objectRef<CompetenceView>('ResultCompetence').implement({
  fields: (t) => ({
    code: t.exposeString('code'),
    title: t.exposeString('title'),
    validated: t.exposeBoolean('validated'),
    minimumScore: t.exposeFloat('minimumScore', { nullable: true }),
    agreedScore: t.exposeFloat('agreedScore', { nullable: true, description: "The jury's agreed score; null when the certification shows the decision only." }),
  }),
});

const ResultBlockRef = builder.objectRef<BlockView>('ResultBlock').implement({
  fields: (t) => ({
    code: t.exposeString('code'),
    title: t.exposeString('title'),
    inScope: t.exposeBoolean('inScope', { description: 'Assessed in this attempt (false: acquired earlier, or outside its scope).' }),
    acquiredEarlier: t.exposeBoolean('acquiredEarlier'),
    validated: t.exposeBoolean('validated'),
    competences: t.field({ type: [ResultCompetenceRef], resolve: (block) => block.competences }),
  }),
});

const AttemptResultRef = builder.objectRef<AttemptResultView>('AttemptResult').implement({
  description:
    "The jury's decision as the candidate sees it: per block and competence validated or not, the agreed score and the jury's names as the certification's resultDisclosure allows; never an individual juror's score.",
  fields: (t) => ({
    id: t.exposeID('id'),
    published: t.exposeBoolean('published'),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    publishBy: t.expose('publishBy', { type: 'DateTime', description: 'Publication deadline: oral + 10 days.' }),
    outcome: t.expose('outcome', { type: OutcomeEnum }),
    validatedBlockCodes: t.exposeStringList('validatedBlockCodes'),
    blocks: t.field({ type: [ResultBlockRef], resolve: (result) => result.blocks }),
    explanation: t.field({ type: LocalizedTextRef, description: "The rule's explanation of the decision.", resolve: (result) => result.explanation }),
    juryDate: t.expose('juryDate', { type: 'DateTime' }),
    juryNames: t.exposeStringList('juryNames', { nullable: true, description: 'Only when the certification discloses them (AGREED_SCORES_AND_JURY_NAMES).' }),
    disclosure: t.expose('disclosure', { type: ResultDisclosureEnum }),
    contestUntil: t.expose('contestUntil', { type: 'DateTime', nullable: true, description: "Publication + the certification's appeal window." }),
    contestPath: t.exposeString('contestPath', { description: 'Where the candidate contests the result.' }),
  }),
});

builder.prismaObjectFields('Attempt', (t) => ({
  result: t.field({
    type: AttemptResultRef,
    nullable: true,
    description: 'The result: for the candidate and their partner once published, for admins of the certifier before; null otherwise.',
    // Read in the attempt's own statement (a selection merged into the parent query), with attemptResultsFor's
    // row rules applied in memory on the columns read with it.
    // Only the parts the requested fields read (requested-fields.ts): a list of outcomes skips details and jury.
    ...selectForRequestedFields((ctx, requested, position) => attemptResultSelect(ctx.viewer, requested, underCandidateAttempts(position))),
    // The row holds what attemptResultSelect selected (the extension is untyped, hence the cast).
    resolve: (attempt, _args, ctx) => attemptResultOfRow(ctx.viewer, attempt as unknown as AttemptResultRow),
  }),
}));

const ResultPublicationRef = builder.prismaObject('Result', {
  name: 'ResultPublication',
  description: 'A signed decision to publish to the candidate within 10 days of the oral (admins).',
  fields: (t) => ({
    id: t.exposeID('id'),
    publishBy: t.expose('publishBy', { type: 'DateTime', description: 'Oral + 10 days.' }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    daysLeft: t.int({ nullable: true, description: 'Whole days left (negative once late); null once published.', resolve: (result) => publicationStatus(result).daysLeft }),
    late: t.boolean({ description: 'Unpublished and past its deadline.', resolve: (result) => publicationStatus(result).late }),
    atRisk: t.boolean({ description: 'Unpublished and late or due within 2 days.', resolve: (result) => publicationStatus(result).atRisk }),
    outcome: t.field({ type: OutcomeEnum, select: { decision: { select: { outcome: true } } }, resolve: (result) => result.decision.outcome }),
    candidateName: t.string({
      select: { attempt: { select: { candidate: { select: { firstName: true, birthName: true, usageName: true } } } } },
      resolve: ({ attempt: { candidate } }) => `${candidate.firstName} ${candidate.usageName ?? candidate.birthName}`,
    }),
    // The attempt's certification, in the list's own query (relationJoins).
    certification: t.field({
      type: CertificationRef,
      select: (_args, _ctx, nestedSelection) => ({ attempt: { select: { certification: nestedSelection(true) } } }),
      resolve: (result) => result.attempt.certification,
    }),
    attempt: t.relation('attempt'),
  }),
});

builder.queryField('resultsToPublish', (t) =>
  t.prismaField({
    type: [ResultPublicationRef],
    description: 'Signed decisions not yet published (attempts in DECIDED), earliest deadline first; `atRisk: true` keeps only the late ones and those due within 2 days.',
    authScopes: { admin: true },
    args: { atRisk: t.arg.boolean({ required: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.result.findMany({
        ...query,
        where: {
          publishedAt: null,
          attempt: { state: 'DECIDED', certification: certificationAdminFilter(ctx.viewer) },
          ...(args.atRisk ? { publishBy: { lt: atRiskCutoff() } } : {}),
        },
        orderBy: [{ publishBy: 'asc' }, { id: 'asc' }],
        take: 1000,
      }),
  }),
);

builder.mutationField('publishResult', (t) =>
  t.prismaField({
    type: ResultPublicationRef,
    description: 'Publishes a signed result: the attempt moves DECIDED → RESULT_PUBLISHED; the candidate and their partner are notified (RESULT_PUBLISHED).',
    authScopes: { admin: true },
    args: { resultId: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      await publishResult(ctx, ctx.viewer, String(args.resultId));
      return ctx.prisma.result.findUniqueOrThrow({ ...query, where: { id: String(args.resultId) } });
    },
  }),
);

builder.mutationField('publishResults', (t) =>
  t.prismaField({
    type: [ResultPublicationRef],
    description: `Publishes several signed results, all or nothing (at most ${MAX_BULK_PUBLISH}).`,
    authScopes: { admin: true },
    args: { resultIds: t.arg.idList() },
    resolve: async (query, _root, args, ctx) => {
      const ids = args.resultIds.map(String);
      await publishResults(ctx, ctx.viewer, ids);
      return ctx.prisma.result.findMany({ ...query, where: { id: { in: ids } }, orderBy: { publishBy: 'asc' } });
    },
  }),
);
