// The question bank (admins) and the practice quiz (candidates) in the schema. Candidates see questions
// through `PracticeQuizQuestion`, which has no correct answer and no explanation: those appear only in its
// `review`, filled once the quiz is submitted. `QuizQuestion` (with the answers) is reachable by admins only.
import { builder } from '../../graphql/builder.ts';
import { QuestionKind } from '../../generated/prisma/enums.ts';
import { certificationAdminFilter } from '../../auth/policies.ts';
import { AppError } from '../../lib/errors.ts';
import { DEFAULT_QUESTION_COUNT, type Choice, type CompetenceProgress, type CompetenceScore, type GivenAnswer, type ProgressPoint, type QuizResults } from './quiz.rules.ts';
import {
  answerQuizQuestion,
  createQuizQuestion,
  importQuizQuestions,
  importQuizQuestionsCsv,
  loadPracticeQuiz,
  loadPracticeQuizzes,
  practiceProgress,
  retireQuizQuestion,
  startPracticeQuiz,
  submitPracticeQuiz,
  updateQuizQuestion,
  type PracticeQuizView,
  type QuizQuestionView,
} from './quiz.service.ts';

export const QuestionKindEnum = builder.enumType(QuestionKind, {
  name: 'QuestionKind',
  description: 'SINGLE_CHOICE (one choice id), MULTIPLE_CHOICE (several), TRUE_FALSE (choices "true"/"false"), NUMERIC (a number, with a tolerance).',
});

const QuizChoice = builder.objectRef<Choice>('QuizChoice').implement({
  fields: (t) => ({ id: t.exposeString('id'), label: t.exposeString('label') }),
});

const choicesOf = (value: unknown): Choice[] => (Array.isArray(value) ? (value as Choice[]) : []);

// ───────────────────────────── Question bank (admins) ─────────────────────────────

builder.prismaObject('QuizQuestion', {
  description: 'A question of the bank, with its correct answer: admins only.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: QuestionKindEnum }),
    prompt: t.exposeString('prompt'),
    choices: t.field({ type: [QuizChoice], select: { choices: true }, resolve: (q) => choicesOf(q.choices) }),
    correctAnswer: t.expose('correctAnswer', {
      type: 'JSON',
      authScopes: { admin: true },
      description: 'A choice id (single choice, true/false), choice ids (multiple choice), or { value, tolerance } (numeric).',
    }),
    explanation: t.exposeString('explanation', { nullable: true, authScopes: { admin: true } }),
    retiredAt: t.expose('retiredAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    competence: t.relation('competence'),
  }),
});

builder.queryField('quizQuestions', (t) =>
  t.prismaField({
    type: ['QuizQuestion'],
    description: 'Admins: the question bank of a framework version (retired questions too when asked), by competence.',
    authScopes: { admin: true },
    args: { frameworkVersionId: t.arg.id(), includeRetired: t.arg.boolean({ required: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.quizQuestion.findMany({
        ...query,
        where: {
          frameworkVersionId: String(args.frameworkVersionId),
          frameworkVersion: { certification: certificationAdminFilter(ctx.viewer) },
          ...(args.includeRetired ? {} : { retiredAt: null }),
        },
        orderBy: [{ competence: { position: 'asc' } }, { createdAt: 'asc' }, { id: 'asc' }],
        take: 2000,
      }),
  }),
);

const QuizChoiceInput = builder.inputType('QuizChoiceInput', {
  fields: (t) => ({ id: t.string(), label: t.string() }),
});

const questionFields = (t: any) => ({
  competenceId: t.id(),
  kind: t.field({ type: QuestionKindEnum }),
  prompt: t.string(),
  choices: t.field({ type: [QuizChoiceInput], required: false, description: 'Single and multiple choice (2 to 10). True/false gets "true"/"false".' }),
  correctChoiceIds: t.stringList({ required: false, description: 'Single choice and true/false: one id ("true"/"false"); multiple choice: one or more.' }),
  correctNumber: t.float({ required: false, description: 'Numeric questions: the expected value.' }),
  tolerance: t.float({ required: false, description: 'Numeric questions: accepted distance from the value (default 0).' }),
  explanation: t.string({ required: false, description: 'Shown to the candidate after submission.' }),
});

const CreateQuizQuestionInput = builder.inputType('CreateQuizQuestionInput', {
  fields: (t) => ({ frameworkVersionId: t.id(), ...questionFields(t) }),
});
const UpdateQuizQuestionInput = builder.inputType('UpdateQuizQuestionInput', { fields: (t) => questionFields(t) });

interface QuestionArgs {
  competenceId: string | number;
  kind: string;
  prompt: string;
  choices?: Choice[] | null;
  correctChoiceIds?: string[] | null;
  correctNumber?: number | null;
  tolerance?: number | null;
  explanation?: string | null;
}

/** The GraphQL input in the shape of an import row (`correct` per kind). */
function draftOf(input: QuestionArgs) {
  const correct =
    input.kind === 'NUMERIC'
      ? input.correctNumber == null
        ? undefined
        : { value: input.correctNumber, tolerance: input.tolerance ?? 0 }
      : input.kind === 'MULTIPLE_CHOICE'
        ? input.correctChoiceIds
        : input.correctChoiceIds?.length === 1
          ? input.correctChoiceIds[0]
          : undefined;
  return { competenceId: String(input.competenceId), kind: input.kind, prompt: input.prompt, choices: input.choices ?? undefined, correct, explanation: input.explanation };
}

builder.mutationField('createQuizQuestion', (t) =>
  t.prismaField({
    type: 'QuizQuestion',
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateQuizQuestionInput }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await createQuizQuestion(ctx, ctx.viewer, { ...draftOf(input as QuestionArgs), frameworkVersionId: String(input.frameworkVersionId) });
      return ctx.prisma.quizQuestion.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('updateQuizQuestion', (t) =>
  t.prismaField({
    type: 'QuizQuestion',
    description: 'Replaces the content of a question. Submitted quizzes keep their grades.',
    authScopes: { admin: true },
    args: { id: t.arg.id(), input: t.arg({ type: UpdateQuizQuestionInput }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await updateQuizQuestion(ctx, ctx.viewer, String(args.id), draftOf(args.input as QuestionArgs));
      return ctx.prisma.quizQuestion.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('retireQuizQuestion', (t) =>
  t.prismaField({
    type: 'QuizQuestion',
    description: 'Retires a question: it is never drawn again.',
    authScopes: { admin: true },
    args: { id: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      const id = await retireQuizQuestion(ctx, ctx.viewer, String(args.id));
      return ctx.prisma.quizQuestion.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('importQuizQuestions', (t) =>
  t.prismaField({
    type: ['QuizQuestion'],
    description:
      'Imports questions, all or nothing, from JSON text: an array of { competenceCode, kind, prompt, choices, correct, explanation } (see docs/modules/quiz.md). Errors carry paths ["questions", index, field].',
    authScopes: { admin: true },
    args: { frameworkVersionId: t.arg.id(), json: t.arg.string() },
    resolve: async (query, _root, args, ctx) => {
      const ids = await importQuizQuestions(ctx, ctx.viewer, String(args.frameworkVersionId), args.json);
      const rows = await ctx.prisma.quizQuestion.findMany({ ...query, where: { id: { in: ids } } });
      const order = new Map(ids.map((id, index) => [id, index]));
      return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    },
  }),
);

builder.mutationField('importQuizQuestionsCsv', (t) =>
  t.prismaField({
    type: ['QuizQuestion'],
    description:
      'Imports questions, all or nothing, from CSV text: header competenceCode;kind;prompt;choices;correct;explanation (`;` or `,`), choices as id=label|id=label, correct as an id, id|id, true/false or a number with ~tolerance (see docs/modules/quiz.md). Errors carry paths ["line", n, column].',
    authScopes: { admin: true },
    args: { frameworkVersionId: t.arg.id(), csv: t.arg.string() },
    resolve: async (query, _root, args, ctx) => {
      const ids = await importQuizQuestionsCsv(ctx, ctx.viewer, String(args.frameworkVersionId), args.csv);
      const rows = await ctx.prisma.quizQuestion.findMany({ ...query, where: { id: { in: ids } } });
      const order = new Map(ids.map((id, index) => [id, index]));
      return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    },
  }),
);

// ───────────────────────────── Practice quiz (candidates) ─────────────────────────────

export const QuizAnswerValue = builder.objectRef<GivenAnswer>('QuizAnswerValue').implement({
  description: 'An answer: choice ids (choice and true/false questions) or a number.',
  fields: (t) => ({
    choiceIds: t.stringList({ nullable: true, resolve: (a) => a.choiceIds ?? null }),
    number: t.float({ nullable: true, resolve: (a) => a.number ?? null }),
  }),
});

const QuizCompetence = builder.objectRef<{ id: string; code: string; title: string }>('QuizCompetence').implement({
  fields: (t) => ({ id: t.exposeID('id'), code: t.exposeString('code'), title: t.exposeString('title') }),
});

const QuizReview = builder.objectRef<NonNullable<QuizQuestionView['review']>>('PracticeQuizReview').implement({
  description: 'After submission only: whether the answer was right, the right answer and the explanation.',
  fields: (t) => ({
    correct: t.exposeBoolean('correct'),
    correctAnswer: t.field({ type: QuizAnswerValue, resolve: (r) => r.correctAnswer }),
    explanation: t.exposeString('explanation', { nullable: true }),
  }),
});

export const PracticeQuizQuestion = builder.objectRef<QuizQuestionView>('PracticeQuizQuestion').implement({
  description: 'A question as the candidate sees it: never its correct answer before submission.',
  fields: (t) => ({
    id: t.exposeID('id'),
    position: t.exposeInt('position'),
    kind: t.field({ type: QuestionKindEnum, resolve: (q) => q.kind as QuestionKind }),
    prompt: t.exposeString('prompt'),
    choices: t.field({ type: [QuizChoice], resolve: (q) => q.choices }),
    competence: t.field({ type: QuizCompetence, resolve: (q) => q.competence }),
    myAnswer: t.field({ type: QuizAnswerValue, nullable: true, resolve: (q) => q.myAnswer }),
    review: t.field({ type: QuizReview, nullable: true, description: 'Null until the quiz is submitted.', resolve: (q) => q.review }),
  }),
});

const CompetenceScoreRef = builder.objectRef<CompetenceScore>('PracticeCompetenceScore').implement({
  fields: (t) => ({
    competenceId: t.exposeID('competenceId'),
    code: t.exposeString('code'),
    title: t.exposeString('title'),
    correct: t.exposeInt('correct'),
    total: t.exposeInt('total'),
    percent: t.exposeInt('percent'),
    revise: t.exposeBoolean('revise', { description: 'Below 60 %: suggested for revision.' }),
  }),
});

const QuizResultsRef = builder.objectRef<QuizResults>('PracticeQuizResults').implement({
  fields: (t) => ({
    correct: t.exposeInt('correct'),
    total: t.exposeInt('total'),
    percent: t.exposeInt('percent'),
    competences: t.field({ type: [CompetenceScoreRef], resolve: (r) => r.competences }),
  }),
});

const PracticeQuiz = builder.objectRef<PracticeQuizView>('PracticeQuiz').implement({
  description: 'A practice quiz: preparation only, it never counts in any evaluation or decision.',
  fields: (t) => ({
    id: t.exposeID('id'),
    attemptId: t.id({ nullable: true, resolve: (q) => q.attemptId }),
    certificationCode: t.exposeString('certificationCode', { nullable: true }),
    certificationTitle: t.exposeString('certificationTitle', { nullable: true }),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', nullable: true }),
    questionCount: t.exposeInt('questionCount'),
    answeredCount: t.exposeInt('answeredCount'),
    questions: t.field({ type: [PracticeQuizQuestion], description: 'In presentation order.', resolve: (q) => q.questions }),
    results: t.field({ type: QuizResultsRef, nullable: true, description: 'Per-competence scores, once submitted.', resolve: (q) => q.results }),
    revisionSuggestions: t.field({ type: [CompetenceScoreRef], description: 'Competences below 60 %, weakest first (empty before submission).', resolve: (q) => q.revisionSuggestions }),
  }),
});

const ProgressPointRef = builder.objectRef<ProgressPoint>('PracticeProgressPoint').implement({
  fields: (t) => ({
    quizId: t.exposeID('quizId'),
    submittedAt: t.expose('submittedAt', { type: 'DateTime' }),
    percent: t.exposeInt('percent'),
    correct: t.exposeInt('correct'),
    total: t.exposeInt('total'),
  }),
});

const CompetenceProgressRef = builder.objectRef<CompetenceProgress>('PracticeCompetenceProgress').implement({
  fields: (t) => ({
    competenceId: t.exposeID('competenceId'),
    code: t.exposeString('code'),
    title: t.exposeString('title'),
    points: t.field({ type: [ProgressPointRef], description: 'One per submitted quiz, oldest first.', resolve: (p) => p.points }),
    latestPercent: t.exposeInt('latestPercent'),
    bestPercent: t.exposeInt('bestPercent'),
    trend: t.exposeInt('trend', { description: 'Latest minus first percentage.' }),
  }),
});

const mustLoad = async (ctx: { prisma: any; viewer: any }, id: string) => {
  const quiz = await loadPracticeQuiz(ctx.prisma, ctx.viewer, id);
  if (!quiz) throw new AppError('NOT_FOUND');
  return quiz;
};

builder.queryField('practiceQuiz', (t) =>
  t.field({
    type: PracticeQuiz,
    nullable: true,
    description: "A practice quiz: the candidate's own (admins: their certifier's candidates'); null otherwise.",
    authScopes: { candidate: true, admin: true },
    args: { id: t.arg.id() },
    resolve: (_root, args, ctx) => loadPracticeQuiz(ctx.prisma, ctx.viewer, String(args.id)),
  }),
);

builder.queryField('myPracticeQuizzes', (t) =>
  t.field({
    type: [PracticeQuiz],
    description: "The candidate's practice quizzes (optionally one attempt's), latest first.",
    authScopes: { candidate: true },
    args: { attemptId: t.arg.id({ required: false }) },
    resolve: (_root, args, ctx) => loadPracticeQuizzes(ctx.prisma, ctx.viewer, args.attemptId ? { attemptId: String(args.attemptId) } : {}),
  }),
);

builder.queryField('practiceProgress', (t) =>
  t.field({
    type: [CompetenceProgressRef],
    description: 'Per competence, the practice scores over the submitted quizzes of an attempt.',
    authScopes: { candidate: true, admin: true },
    args: { attemptId: t.arg.id() },
    resolve: (_root, args, ctx) => practiceProgress(ctx.prisma, ctx.viewer, String(args.attemptId)),
  }),
);

builder.mutationField('startPracticeQuiz', (t) =>
  t.field({
    type: PracticeQuiz,
    description: `Starts a practice quiz of questionCount questions (default ${DEFAULT_QUESTION_COUNT}) drawn at random, balanced across competences, or resumes the open one of this attempt with its saved answers.`,
    authScopes: { candidate: true },
    args: { attemptId: t.arg.id(), questionCount: t.arg.int({ required: false }) },
    resolve: async (_root, args, ctx) => mustLoad(ctx, await startPracticeQuiz(ctx, ctx.viewer, String(args.attemptId), args.questionCount ?? DEFAULT_QUESTION_COUNT)),
  }),
);

export const QuizAnswerInput = builder.inputType('QuizAnswerInput', {
  fields: (t) => ({
    choiceIds: t.stringList({ required: false, description: 'Choice questions: the chosen ids (exactly one for single choice and true/false).' }),
    number: t.float({ required: false, description: 'Numeric questions.' }),
  }),
});

builder.mutationField('answerQuizQuestion', (t) =>
  t.field({
    type: PracticeQuiz,
    description: 'Autosaves the answer to one question of an open practice quiz (saving again replaces it). Not graded until submission.',
    authScopes: { candidate: true },
    args: { quizId: t.arg.id(), questionId: t.arg.id(), answer: t.arg({ type: QuizAnswerInput }) },
    resolve: async (_root, args, ctx) => {
      await answerQuizQuestion(ctx, ctx.viewer, String(args.quizId), String(args.questionId), { choiceIds: args.answer.choiceIds ?? null, number: args.answer.number ?? null }, new Date(), 'PRACTICE');
      return mustLoad(ctx, String(args.quizId));
    },
  }),
);

builder.mutationField('submitPracticeQuiz', (t) =>
  t.field({
    type: PracticeQuiz,
    description: 'Grades the practice quiz on the server: per-competence scores, explanations and what to revise. Idempotent.',
    authScopes: { candidate: true },
    args: { quizId: t.arg.id() },
    resolve: async (_root, args, ctx) => {
      await submitPracticeQuiz(ctx, ctx.viewer, String(args.quizId));
      return mustLoad(ctx, String(args.quizId));
    },
  }),
);
