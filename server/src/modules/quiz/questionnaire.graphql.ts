// The assessed questionnaire in the schema (QUESTIONNAIRE competences). The candidate sees questions through
// `PracticeQuizQuestion`, whose `review` (correct answer, explanation) stays null for an assessed questionnaire,
// even once submitted: the bank is drawn again for other candidates. The per-competence result shows to the
// candidate once the attempt's result is published; jurors read it in the oral room (Deliberation).
import { builder } from '../../graphql/builder.ts';
import { AppError } from '../../lib/errors.ts';
import { quizAttemptFilter } from '../../auth/policies.ts';
import type { Context } from '../../graphql/context.ts';
import type { AssessedCompetenceScore, QuizResults } from './quiz.rules.ts';
import { PracticeQuizQuestion, QuizAnswerInput, QuizAnswerValue } from './quiz.graphql.ts';
import {
  answerQuizQuestion,
  grantQuestionnaireRetry,
  loadAssessedQuestionnaire,
  startAssessedQuestionnaire,
  submitAssessedQuestionnaire,
  type AssessedQuestionnaireView,
  type QuestionnaireScore,
  type SavedAnswer,
} from './quiz.service.ts';

/** A graded QUESTIONNAIRE competence, as the jury reads it beside the oral's competences (read-only). */
export const QuestionnaireScoreRef = builder.objectRef<QuestionnaireScore>('QuestionnaireScore').implement({
  description: "The graded assessed questionnaire's result for one competence: its score on the framework's scale enters the decision.",
  fields: (t) => ({
    competenceId: t.exposeID('competenceId'),
    code: t.exposeString('code'),
    score: t.exposeFloat('score', { description: "On the framework's scale (0 % right → scale minimum, 100 % → maximum)." }),
    percent: t.exposeInt('percent'),
    correct: t.exposeInt('correct'),
    total: t.exposeInt('total'),
  }),
});

const AssessedCompetenceScoreRef = builder.objectRef<AssessedCompetenceScore>('AssessedCompetenceScore').implement({
  fields: (t) => ({
    competenceId: t.exposeID('competenceId'),
    code: t.exposeString('code'),
    title: t.exposeString('title'),
    correct: t.exposeInt('correct'),
    total: t.exposeInt('total'),
    percent: t.exposeInt('percent'),
    score: t.exposeFloat('score', { description: "On the framework's scale." }),
  }),
});

const AssessedResultsRef = builder.objectRef<QuizResults>('AssessedQuestionnaireResults').implement({
  fields: (t) => ({
    correct: t.exposeInt('correct'),
    total: t.exposeInt('total'),
    percent: t.exposeInt('percent'),
    competences: t.field({ type: [AssessedCompetenceScoreRef], resolve: (r) => r.competences as AssessedCompetenceScore[] }),
  }),
});

const AssessedQuestionnaire = builder.objectRef<AssessedQuestionnaireView>('AssessedQuestionnaire').implement({
  description: 'The timed questionnaire of an attempt (QUESTIONNAIRE competences). Its result enters the jury decision.',
  fields: (t) => ({
    id: t.exposeID('id'),
    attemptId: t.id({ nullable: true, resolve: (q) => q.attemptId }),
    certificationCode: t.exposeString('certificationCode', { nullable: true }),
    certificationTitle: t.exposeString('certificationTitle', { nullable: true }),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    deadlineAt: t.expose('deadlineAt', { type: 'DateTime', description: 'Server deadline: later answers are refused (QUESTIONNAIRE_TIME_UP).' }),
    serverNow: t.field({ type: 'DateTime', description: 'Server time: the reference for the countdown.', resolve: () => new Date() }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', nullable: true, description: 'Submission, or the deadline when time ran out.' }),
    timeUp: t.exposeBoolean('timeUp'),
    questionCount: t.exposeInt('questionCount'),
    answeredCount: t.exposeInt('answeredCount'),
    questions: t.field({ type: [PracticeQuizQuestion], description: 'In presentation order; `review` is always null.', resolve: (q) => q.questions }),
    resultsPublished: t.exposeBoolean('resultsPublished', { description: "Candidates see the results once the attempt's result is published." }),
    results: t.field({ type: AssessedResultsRef, nullable: true, resolve: (q) => q.results }),
  }),
});

const QuestionnaireAnswerSaved = builder.objectRef<SavedAnswer>('QuestionnaireAnswerSaved').implement({
  description: 'An autosaved answer: what the client needs to update its copy of the questionnaire.',
  fields: (t) => ({
    quizId: t.exposeID('quizId'),
    questionId: t.exposeID('questionId'),
    myAnswer: t.field({ type: QuizAnswerValue, resolve: (saved) => saved.answer }),
    answeredCount: t.exposeInt('answeredCount'),
    deadlineAt: t.expose('deadlineAt', { type: 'DateTime', nullable: true }),
    serverNow: t.field({ type: 'DateTime', resolve: () => new Date() }),
  }),
});

const mustLoad = async (ctx: Context, attemptId: string) => {
  const questionnaire = await loadAssessedQuestionnaire(ctx.prisma, ctx.viewer, attemptId);
  if (!questionnaire) throw new AppError('NOT_FOUND');
  return questionnaire;
};

/** The attempt a visible quiz belongs to (NOT_FOUND otherwise). */
async function attemptOfQuiz(ctx: Context, quizId: string): Promise<string> {
  const quiz = await ctx.prisma.quizAttempt.findFirst({ where: { AND: [{ id: quizId, purpose: 'ASSESSED' }, quizAttemptFilter(ctx.viewer)] }, select: { attemptId: true } });
  if (!quiz?.attemptId) throw new AppError('NOT_FOUND');
  return quiz.attemptId;
}

builder.queryField('assessedQuestionnaire', (t) =>
  t.field({
    type: AssessedQuestionnaire,
    nullable: true,
    description: "The attempt's questionnaire that counts (the candidate's own; admins: their certifier's candidates'); null when not started.",
    authScopes: { candidate: true, admin: true },
    args: { attemptId: t.arg.id() },
    resolve: (_root, args, ctx) => loadAssessedQuestionnaire(ctx.prisma, ctx.viewer, String(args.attemptId)),
  }),
);

builder.mutationField('startAssessedQuestionnaire', (t) =>
  t.field({
    type: AssessedQuestionnaire,
    description:
      'Starts the timed questionnaire of an attempt (file acknowledged, oral scheduled or in evaluation), or resumes the open one. Once submitted or timed out: QUESTIONNAIRE_ALREADY_TAKEN unless an admin granted another try.',
    authScopes: { candidate: true },
    args: { attemptId: t.arg.id() },
    resolve: async (_root, args, ctx) => {
      await startAssessedQuestionnaire(ctx, ctx.viewer, String(args.attemptId));
      return mustLoad(ctx, String(args.attemptId));
    },
  }),
);

builder.mutationField('answerQuestionnaireQuestion', (t) =>
  t.field({
    type: QuestionnaireAnswerSaved,
    description: 'Saves one answer of the open questionnaire (saving again replaces it). After the deadline: QUESTIONNAIRE_TIME_UP, and the questionnaire is graded.',
    authScopes: { candidate: true },
    args: { quizId: t.arg.id(), questionId: t.arg.id(), answer: t.arg({ type: QuizAnswerInput }) },
    resolve: (_root, args, ctx) =>
      answerQuizQuestion(ctx, ctx.viewer, String(args.quizId), String(args.questionId), { choiceIds: args.answer.choiceIds ?? null, number: args.answer.number ?? null }, new Date(), 'ASSESSED'),
  }),
);

builder.mutationField('submitAssessedQuestionnaire', (t) =>
  t.field({
    type: AssessedQuestionnaire,
    description: 'Submits the questionnaire: graded on the server, per competence on the scale. Idempotent.',
    authScopes: { candidate: true },
    args: { quizId: t.arg.id() },
    resolve: async (_root, args, ctx) => {
      const attemptId = await attemptOfQuiz(ctx, String(args.quizId));
      await submitAssessedQuestionnaire(ctx, ctx.viewer, String(args.quizId));
      return mustLoad(ctx, attemptId);
    },
  }),
);

builder.mutationField('grantQuestionnaireRetry', (t) =>
  t.field({
    type: 'Boolean',
    description: 'Admins: allows another questionnaire for this attempt (before the decision); the previous one stops counting. Audited; the candidate is notified.',
    authScopes: { admin: true },
    args: { attemptId: t.arg.id(), reason: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      await grantQuestionnaireRetry(ctx, ctx.viewer, String(args.attemptId), args.reason);
      return true;
    },
  }),
);
