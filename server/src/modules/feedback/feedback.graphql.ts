// Feedback in the schema: the question set, submitFeedback (the candidate), Attempt.feedback and
// Attempt.feedbackOpen (the candidate's own), and the admins' anonymous feedbackReport.
import { builder } from '../../graphql/builder.ts';
import type { Context } from '../../graphql/context.ts';
import { batchLoad } from '../../graphql/loaders.ts';
import { yearArgument } from '../statistics/statistics.rules.ts';
import { FEEDBACK_QUESTION_SET, feedbackInputSchema, isFeedbackOpenState, MAX_COMMENT_LENGTH, RATING_MAX, RATING_MIN, type FeedbackReport, type QuestionReport } from './feedback.rules.ts';
import { feedbackReport, ownFeedbackFor, submitFeedback, type OwnFeedbackView } from './feedback.service.ts';

const FeedbackQuestionEnum = builder.enumType('FeedbackQuestion', {
  description: 'A question of the feedback on the certification process (jury included, never the training).',
  values: Object.fromEntries(FEEDBACK_QUESTION_SET.questions.map((question) => [question.toUpperCase(), { value: question }])) as Record<
    Uppercase<(typeof FEEDBACK_QUESTION_SET.questions)[number]>,
    { value: (typeof FEEDBACK_QUESTION_SET.questions)[number] }
  >,
});

const FeedbackQuestionSetRef = builder.objectRef<typeof FEEDBACK_QUESTION_SET>('FeedbackQuestionSet').implement({
  description: 'The current, versioned question set. Every question is rated from ratingMin to ratingMax.',
  fields: (t) => ({
    version: t.exposeInt('version'),
    questions: t.field({ type: [FeedbackQuestionEnum], resolve: (set) => [...set.questions] }),
    ratingMin: t.int({ resolve: () => RATING_MIN }),
    ratingMax: t.int({ resolve: () => RATING_MAX }),
    maxCommentLength: t.int({ resolve: () => MAX_COMMENT_LENGTH }),
  }),
});

builder.queryField('feedbackQuestionSet', (t) =>
  t.field({ type: FeedbackQuestionSetRef, authScopes: { authenticated: true }, resolve: () => FEEDBACK_QUESTION_SET }),
);

const FeedbackRatingRef = builder.objectRef<{ question: string; rating: number }>('FeedbackRating').implement({
  fields: (t) => ({
    question: t.field({ type: FeedbackQuestionEnum, resolve: (answer) => answer.question as never }),
    rating: t.exposeInt('rating'),
  }),
});

const AttemptFeedbackRef = builder.objectRef<OwnFeedbackView>('AttemptFeedback').implement({
  description: 'The feedback the candidate gave on this attempt (only they see it).',
  fields: (t) => ({
    id: t.exposeID('id'),
    questionSetVersion: t.exposeInt('questionSetVersion'),
    ratings: t.field({ type: [FeedbackRatingRef], resolve: (feedback) => feedback.ratings }),
    comment: t.exposeString('comment', { nullable: true }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime' }),
  }),
});

const loadOwnFeedback = (ctx: Context, attemptId: string) =>
  batchLoad(ctx, 'Attempt.feedback', (ids) => ownFeedbackFor(ctx.prisma, ctx.viewer, ids), attemptId);

builder.prismaObjectFields('Attempt', (t) => ({
  feedback: t.field({
    type: AttemptFeedbackRef,
    nullable: true,
    description: 'The candidate’s own feedback on this attempt; null for anyone else (admins read only the anonymous report).',
    resolve: (attempt, _args, ctx) => loadOwnFeedback(ctx, attempt.id),
  }),
  feedbackOpen: t.boolean({
    description: 'True when the signed-in candidate may give feedback on this attempt now: the oral is over (DECIDED or RESULT_PUBLISHED) and no feedback was given yet.',
    select: { candidateId: true, state: true },
    resolve: async (attempt, _args, ctx) => {
      const viewer = ctx.viewer;
      if (viewer?.kind !== 'user' || viewer.role !== 'CANDIDATE' || viewer.candidateId !== attempt.candidateId) return false;
      if (!isFeedbackOpenState(attempt.state)) return false;
      return (await loadOwnFeedback(ctx, attempt.id)) === null;
    },
  }),
}));

const FeedbackRatingInput = builder.inputType('FeedbackRatingInput', {
  fields: (t) => ({
    question: t.field({ type: FeedbackQuestionEnum }),
    rating: t.int({ description: `From ${RATING_MIN} to ${RATING_MAX}.` }),
  }),
});

const FeedbackInput = builder
  .inputType('FeedbackInput', {
    description: 'One rating for every question of the current set, and an optional comment.',
    fields: (t) => ({
      ratings: t.field({ type: [FeedbackRatingInput] }),
      comment: t.string({ required: false, description: `At most ${MAX_COMMENT_LENGTH} characters.` }),
    }),
  })
  .validate(feedbackInputSchema);

builder.mutationField('submitFeedback', (t) =>
  t.prismaField({
    type: 'Attempt',
    description:
      'The candidate gives their feedback on the certification process of one of their attempts, once the oral is over (DECIDED or RESULT_PUBLISHED), exactly once (ALREADY_EXISTS the second time).',
    authScopes: { candidate: true },
    args: { attemptId: t.arg.id(), input: t.arg({ type: FeedbackInput }) },
    resolve: async (query, _root, args, ctx) => {
      await submitFeedback(ctx, ctx.viewer, String(args.attemptId), args.input as never);
      return ctx.prisma.attempt.findUniqueOrThrow({ ...query, where: { id: String(args.attemptId) } });
    },
  }),
);

const QuestionReportRef = builder.objectRef<QuestionReport>('FeedbackQuestionReport').implement({
  fields: (t) => ({
    question: t.field({ type: FeedbackQuestionEnum, resolve: (report) => report.question }),
    answers: t.exposeInt('answers'),
    average: t.exposeFloat('average', { nullable: true, description: 'null when the report is withheld, or nobody answered.' }),
    distribution: t.exposeIntList('distribution', { nullable: true, description: 'Answers per rating, rating 1 first; null when withheld.' }),
  }),
});

const FeedbackReportRef = builder.objectRef<FeedbackReport & { certificationId: string; year: number | null }>('FeedbackReport').implement({
  description:
    'Anonymous aggregate of the candidates’ feedback: nothing links an answer to a candidate, an attempt, a partner or a date. Below minAnswers answers, counts only.',
  fields: (t) => ({
    certificationId: t.exposeID('certificationId'),
    year: t.exposeInt('year', { nullable: true }),
    questionSetVersion: t.exposeInt('questionSetVersion'),
    answers: t.exposeInt('answers'),
    minAnswers: t.exposeInt('minAnswers'),
    withheld: t.exposeBoolean('withheld', { description: 'Fewer than minAnswers answers: no averages, distributions or comments.' }),
    questions: t.field({ type: [QuestionReportRef], resolve: (report) => report.questions }),
    commentCount: t.exposeInt('commentCount'),
    comments: t.exposeStringList('comments', { description: 'The comments’ text in a fixed, non-chronological (alphabetical) order; empty when withheld.' }),
  }),
});

builder.queryField('feedbackReport', (t) =>
  t.field({
    type: FeedbackReportRef,
    description: 'Admins of the certifier: the anonymous feedback report of a certification for the answers given in `year` (Europe/Paris), or all years.',
    authScopes: { admin: true },
    args: { certificationId: t.arg.id(), year: t.arg.int({ required: false }) },
    resolve: (_root, args, ctx) => feedbackReport(ctx.prisma, ctx.viewer, String(args.certificationId), yearArgument(args.year)),
  }),
);
