// The question bank (admins) and the practice quiz (candidates). Grading happens here, on the server, at
// submission: until then no correct answer or explanation leaves the database for a candidate, and
// `QuizAnswer.correct` stays null. Practice quizzes never feed a decision: the scoring and decision code never
// reads QuizAttempt or QuizAnswer (test/api/quiz.test.ts proves it).
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { certificationAdminFilter, quizAttemptFilter } from '../../auth/policies.ts';
import { appendAudit } from '../../lib/audit.ts';
import { AppError, validationFailed, type FieldIssue } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';
import { actorOf } from '../candidate/candidate.service.ts';
import { assertAdmin } from '../jury/jury.service.ts';
import {
  DEFAULT_QUESTION_COUNT,
  MAX_QUESTION_COUNT,
  correctAsAnswer,
  drawNewOrder,
  isCorrect,
  normalizeQuestion,
  parseImport,
  progressByCompetence,
  revisionSuggestions,
  scoreByCompetence,
  validateAnswer,
  type Choice,
  type CompetenceProgress,
  type CompetenceScore,
  type GivenAnswer,
  type NormalizedQuestion,
  type QuestionDraft,
  type QuizResults,
  type Rng,
} from './quiz.rules.ts';

type Tx = Prisma.TransactionClient;

interface Deps {
  prisma: PrismaClient;
}

// ───────────────────────────── Question bank (admins) ─────────────────────────────

async function adminFramework(tx: Tx | PrismaClient, viewer: Viewer | null, frameworkVersionId: string, path: (string | number)[] = ['frameworkVersionId']) {
  const framework = await tx.frameworkVersion.findFirst({
    where: { id: frameworkVersionId, certification: certificationAdminFilter(viewer) },
    select: { id: true, competences: { select: { id: true, code: true } } },
  });
  if (!framework) throw validationFailed([{ path, message: translate('error.NOT_FOUND') }]);
  return framework;
}

function normalized(draft: QuestionDraft, prefix: (string | number)[] = []): { question?: NormalizedQuestion; issues: FieldIssue[] } {
  const result = normalizeQuestion(draft);
  return { question: result.question, issues: result.issues.map((issue) => ({ ...issue, path: [...prefix, ...issue.path] })) };
}

const questionData = (question: NormalizedQuestion) => ({
  kind: question.kind,
  prompt: question.prompt,
  choices: (question.choices ?? undefined) as Prisma.InputJsonValue | undefined,
  correctAnswer: question.correctAnswer as Prisma.InputJsonValue,
  explanation: question.explanation,
});

export interface QuestionInput extends QuestionDraft {
  frameworkVersionId: string;
  competenceId: string;
}

export async function createQuizQuestion(deps: Deps, viewer: Viewer | null, input: QuestionInput): Promise<string> {
  assertAdmin(viewer);
  return deps.prisma.$transaction(async (tx) => {
    const framework = await adminFramework(tx, viewer, input.frameworkVersionId);
    const { question, issues } = normalized(input);
    if (!framework.competences.some((c) => c.id === input.competenceId)) issues.unshift({ path: ['competenceId'], message: translate('quiz.competence', { code: input.competenceId }) });
    if (issues.length || !question) throw validationFailed(issues);
    const created = await tx.quizQuestion.create({ data: { frameworkVersionId: framework.id, competenceId: input.competenceId, ...questionData(question) }, select: { id: true } });
    await appendAudit(tx, { ...actorOf(viewer), action: 'quizQuestion.created', entityType: 'QuizQuestion', entityId: created.id, data: { ...question, competenceId: input.competenceId } });
    return created.id;
  });
}

async function adminQuestion(tx: Tx, viewer: Viewer | null, id: string) {
  const question = await tx.quizQuestion.findFirst({ where: { id, frameworkVersion: { certification: certificationAdminFilter(viewer) } }, select: { id: true, frameworkVersionId: true, retiredAt: true } });
  if (!question) throw new AppError('NOT_FOUND');
  return question;
}

/** Replaces a question's content. Quizzes already submitted keep their grades (stored per answer). */
export async function updateQuizQuestion(deps: Deps, viewer: Viewer | null, id: string, input: Omit<QuestionInput, 'frameworkVersionId'>): Promise<string> {
  assertAdmin(viewer);
  return deps.prisma.$transaction(async (tx) => {
    const existing = await adminQuestion(tx, viewer, id);
    const framework = await adminFramework(tx, viewer, existing.frameworkVersionId);
    const { question, issues } = normalized(input);
    if (!framework.competences.some((c) => c.id === input.competenceId)) issues.unshift({ path: ['competenceId'], message: translate('quiz.competence', { code: input.competenceId }) });
    if (issues.length || !question) throw validationFailed(issues);
    await tx.quizQuestion.update({ where: { id }, data: { competenceId: input.competenceId, ...questionData(question), choices: (question.choices ?? null) as never } });
    await appendAudit(tx, { ...actorOf(viewer), action: 'quizQuestion.updated', entityType: 'QuizQuestion', entityId: id, data: { ...question, competenceId: input.competenceId } });
    return id;
  });
}

/** Retires a question: never drawn again; quizzes that hold it keep it. */
export async function retireQuizQuestion(deps: Deps, viewer: Viewer | null, id: string, now = new Date()): Promise<string> {
  assertAdmin(viewer);
  return deps.prisma.$transaction(async (tx) => {
    const existing = await adminQuestion(tx, viewer, id);
    if (existing.retiredAt) return id;
    await tx.quizQuestion.update({ where: { id }, data: { retiredAt: now } });
    await appendAudit(tx, { ...actorOf(viewer), action: 'quizQuestion.retired', entityType: 'QuizQuestion', entityId: id, data: {} });
    return id;
  });
}

/**
 * Imports questions from JSON text: an array of { competenceCode, kind, prompt, choices, correct, explanation }.
 * All or nothing: every row is validated first, and any issue (path ["questions", index, field]) writes nothing.
 */
export async function importQuizQuestions(deps: Deps, viewer: Viewer | null, frameworkVersionId: string, text: string): Promise<string[]> {
  assertAdmin(viewer);
  return deps.prisma.$transaction(async (tx) => {
    const framework = await adminFramework(tx, viewer, frameworkVersionId);
    const byCode = new Map(framework.competences.map((c) => [c.code, c.id]));
    const { rows, issues } = parseImport(text);
    if (issues.length && rows.length === 0) throw validationFailed(issues);
    const questions: { competenceId: string; question: NormalizedQuestion }[] = [];
    rows.forEach((row, index) => {
      if (!row || typeof row !== 'object' || Array.isArray(row)) return;
      const competenceId = byCode.get(String(row.competenceCode ?? ''));
      if (!competenceId) issues.push({ path: ['questions', index, 'competenceCode'], message: translate('quiz.competence', { code: String(row.competenceCode ?? '') }) });
      const result = normalized(row, ['questions', index]);
      issues.push(...result.issues);
      if (competenceId && result.question) questions.push({ competenceId, question: result.question });
    });
    if (issues.length) throw validationFailed(issues);
    const ids: string[] = [];
    for (const { competenceId, question } of questions) {
      ids.push((await tx.quizQuestion.create({ data: { frameworkVersionId: framework.id, competenceId, ...questionData(question) }, select: { id: true } })).id);
    }
    await appendAudit(tx, { ...actorOf(viewer), action: 'quizQuestion.imported', entityType: 'FrameworkVersion', entityId: framework.id, data: { count: ids.length, questionIds: ids } });
    return ids;
  });
}

// ───────────────────────────── Practice quiz (candidates) ─────────────────────────────

function ownCandidateId(viewer: Viewer | null): string {
  if (viewer?.kind !== 'user' || viewer.role !== 'CANDIDATE' || !viewer.candidateId) throw new AppError('FORBIDDEN');
  return viewer.candidateId;
}

/**
 * Starts a practice quiz for one of the candidate's attempts, or resumes the open one (not yet submitted):
 * a reload or a dropped connection finds the same questions in the same order, with the answers saved so far.
 * Returns the quiz id.
 */
export async function startPracticeQuiz(deps: Deps, viewer: Viewer | null, attemptId: string, questionCount = DEFAULT_QUESTION_COUNT, rng?: Rng): Promise<string> {
  const candidateId = ownCandidateId(viewer);
  if (!Number.isInteger(questionCount) || questionCount < 1 || questionCount > MAX_QUESTION_COUNT) {
    throw validationFailed([{ path: ['questionCount'], message: translate('quiz.questionCount', { max: MAX_QUESTION_COUNT }) }]);
  }
  const attempt = await deps.prisma.attempt.findFirst({ where: { id: attemptId, candidateId }, select: { id: true, frameworkVersionId: true } });
  if (!attempt) throw new AppError('NOT_FOUND');
  const openQuiz = () =>
    deps.prisma.quizAttempt.findFirst({ where: { candidateId, attemptId: attempt.id, purpose: 'PRACTICE', submittedAt: null }, orderBy: [{ startedAt: 'asc' }, { id: 'asc' }], select: { id: true } });
  const open = await openQuiz();
  if (open) return open.id;

  const pool = await deps.prisma.quizQuestion.findMany({ where: { frameworkVersionId: attempt.frameworkVersionId, retiredAt: null }, select: { id: true, competenceId: true } });
  if (pool.length === 0) throw validationFailed([{ path: ['attemptId'], message: translate('quiz.noQuestions') }]);
  const previous = await deps.prisma.quizAttempt.findMany({ where: { candidateId, attemptId: attempt.id, purpose: 'PRACTICE' }, select: { questionIds: true } });
  const drawn = drawNewOrder(pool, questionCount, previous.map((quiz) => quiz.questionIds), rng);
  const created = await deps.prisma.quizAttempt.create({ data: { candidateId, attemptId: attempt.id, purpose: 'PRACTICE', questionIds: drawn.map((q) => q.id) }, select: { id: true } });
  // Two starts racing (two tabs): keep the oldest open quiz, drop ours.
  const oldest = await openQuiz();
  if (oldest && oldest.id !== created.id) {
    await deps.prisma.quizAttempt.deleteMany({ where: { id: created.id, submittedAt: null } });
    return oldest.id;
  }
  return created.id;
}

async function lockOwnQuiz(tx: Tx, candidateId: string, quizId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "QuizAttempt" WHERE "id" = ${quizId} AND "candidateId" = ${candidateId} AND "purpose" = 'PRACTICE' FOR UPDATE`;
  if (rows.length === 0) throw new AppError('NOT_FOUND');
  return tx.quizAttempt.findUniqueOrThrow({ where: { id: quizId }, select: { id: true, questionIds: true, submittedAt: true } });
}

/** Autosaves one answer (one row per quiz and question; saving again replaces it). Not graded until submission. */
export async function answerQuizQuestion(deps: Deps, viewer: Viewer | null, quizId: string, questionId: string, given: GivenAnswer, now = new Date()): Promise<void> {
  const candidateId = ownCandidateId(viewer);
  await deps.prisma.$transaction(async (tx) => {
    const quiz = await lockOwnQuiz(tx, candidateId, quizId);
    if (quiz.submittedAt) throw new AppError('INVALID_STATE', { state: translate('quiz.submitted') });
    if (!quiz.questionIds.includes(questionId)) throw validationFailed([{ path: ['questionId'], message: translate('quiz.notInQuiz') }]);
    const question = await tx.quizQuestion.findUniqueOrThrow({ where: { id: questionId }, select: { kind: true, choices: true, correctAnswer: true } });
    const checked = validateAnswer(question, given);
    if (!checked.answer) throw validationFailed([{ path: ['answer'], message: checked.message! }]);
    const answer = checked.answer as Prisma.InputJsonValue;
    await tx.quizAnswer.upsert({
      where: { quizAttemptId_questionId: { quizAttemptId: quiz.id, questionId } },
      create: { quizAttemptId: quiz.id, questionId, answer, answeredAt: now },
      update: { answer, answeredAt: now },
    });
  });
}

/** Grades the quiz on the server and stores the per-competence results. Submitting again changes nothing. */
export async function submitPracticeQuiz(deps: Deps, viewer: Viewer | null, quizId: string, now = new Date()): Promise<void> {
  const candidateId = ownCandidateId(viewer);
  await deps.prisma.$transaction(async (tx) => {
    const quiz = await lockOwnQuiz(tx, candidateId, quizId);
    if (quiz.submittedAt) return;
    const questions = await tx.quizQuestion.findMany({
      where: { id: { in: quiz.questionIds } },
      select: { id: true, kind: true, choices: true, correctAnswer: true, competence: { select: { id: true, code: true, title: true, position: true } } },
    });
    const answers = await tx.quizAnswer.findMany({ where: { quizAttemptId: quiz.id }, select: { id: true, questionId: true, answer: true } });
    const answerOf = new Map(answers.map((a) => [a.questionId, a]));
    const byId = new Map(questions.map((q) => [q.id, q]));
    const graded = quiz.questionIds.flatMap((id) => {
      const question = byId.get(id);
      if (!question) return [];
      const answer = answerOf.get(id);
      return [{ question, answer, correct: isCorrect(question, answer?.answer as GivenAnswer | undefined) }];
    });
    for (const item of graded) {
      if (item.answer) await tx.quizAnswer.update({ where: { id: item.answer.id }, data: { correct: item.correct } });
    }
    const results = scoreByCompetence(graded.map((item) => ({ competence: item.question.competence, correct: item.correct })));
    await tx.quizAttempt.update({ where: { id: quiz.id }, data: { submittedAt: now, results: results as unknown as Prisma.InputJsonValue } });
  });
}

// ───────────────────────────── Views ─────────────────────────────

export interface QuizQuestionView {
  id: string;
  position: number;
  kind: string;
  prompt: string;
  choices: Choice[];
  competence: { id: string; code: string; title: string };
  myAnswer: GivenAnswer | null;
  /** Only once the quiz is submitted. */
  review: { correct: boolean; correctAnswer: GivenAnswer; explanation: string | null } | null;
}

export interface PracticeQuizView {
  id: string;
  attemptId: string | null;
  certificationCode: string | null;
  certificationTitle: string | null;
  startedAt: Date;
  submittedAt: Date | null;
  questionCount: number;
  answeredCount: number;
  questions: QuizQuestionView[];
  results: QuizResults | null;
  revisionSuggestions: CompetenceScore[];
}

const QUIZ_SELECT = {
  id: true,
  attemptId: true,
  startedAt: true,
  submittedAt: true,
  questionIds: true,
  results: true,
  attempt: { select: { certification: { select: { code: true, title: true } } } },
  answers: { select: { questionId: true, answer: true, correct: true } },
} as const;

/**
 * Loads quizzes the viewer may see, as the client sees them. The correct answers and explanations are read
 * from the database only for submitted quizzes: an open quiz cannot leak them through any field.
 */
export async function loadPracticeQuizzes(prisma: PrismaClient, viewer: Viewer | null, where: Prisma.QuizAttemptWhereInput, take = 100): Promise<PracticeQuizView[]> {
  const quizzes = await prisma.quizAttempt.findMany({
    where: { AND: [where, quizAttemptFilter(viewer), { purpose: 'PRACTICE' }] },
    select: QUIZ_SELECT,
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take,
  });
  const submittedIds = new Set(quizzes.filter((q) => q.submittedAt).flatMap((q) => q.questionIds));
  const openIds = new Set(quizzes.filter((q) => !q.submittedAt).flatMap((q) => q.questionIds));
  const base = { id: true, kind: true, prompt: true, choices: true, competence: { select: { id: true, code: true, title: true } } } as const;
  const [open, submitted] = await Promise.all([
    prisma.quizQuestion.findMany({ where: { id: { in: [...openIds].filter((id) => !submittedIds.has(id)) } }, select: base }),
    prisma.quizQuestion.findMany({ where: { id: { in: [...submittedIds] } }, select: { ...base, correctAnswer: true, explanation: true } }),
  ]);
  const byId = new Map<string, (typeof open)[number] & { correctAnswer?: unknown; explanation?: string | null }>([...open, ...submitted].map((q) => [q.id, q]));
  return quizzes.map((quiz) => {
    const answers = new Map(quiz.answers.map((a) => [a.questionId, a]));
    const questions = quiz.questionIds.flatMap((id, position): QuizQuestionView[] => {
      const question = byId.get(id);
      if (!question) return [];
      const answer = answers.get(id);
      return [
        {
          id: question.id,
          position,
          kind: question.kind,
          prompt: question.prompt,
          choices: (question.choices as Choice[] | null) ?? [],
          competence: question.competence,
          myAnswer: (answer?.answer as GivenAnswer | undefined) ?? null,
          review:
            quiz.submittedAt && 'correctAnswer' in question
              ? { correct: answer?.correct ?? false, correctAnswer: correctAsAnswer(question as never), explanation: question.explanation ?? null }
              : null,
        },
      ];
    });
    const results = quiz.submittedAt ? (quiz.results as unknown as QuizResults | null) : null;
    return {
      id: quiz.id,
      attemptId: quiz.attemptId,
      certificationCode: quiz.attempt?.certification.code ?? null,
      certificationTitle: quiz.attempt?.certification.title ?? null,
      startedAt: quiz.startedAt,
      submittedAt: quiz.submittedAt,
      questionCount: quiz.questionIds.length,
      answeredCount: quiz.answers.length,
      questions,
      results,
      revisionSuggestions: results ? revisionSuggestions(results) : [],
    };
  });
}

export async function loadPracticeQuiz(prisma: PrismaClient, viewer: Viewer | null, id: string): Promise<PracticeQuizView | null> {
  return (await loadPracticeQuizzes(prisma, viewer, { id }, 1))[0] ?? null;
}

/** Per competence, the scores over the submitted practice quizzes of an attempt (oldest first). */
export async function practiceProgress(prisma: PrismaClient, viewer: Viewer | null, attemptId: string): Promise<CompetenceProgress[]> {
  const quizzes = await prisma.quizAttempt.findMany({
    where: { AND: [{ attemptId, purpose: 'PRACTICE', submittedAt: { not: null } }, quizAttemptFilter(viewer)] },
    select: { id: true, submittedAt: true, results: true },
    orderBy: { submittedAt: 'asc' },
    take: 500,
  });
  return progressByCompetence(quizzes.filter((q) => q.results).map((q) => ({ id: q.id, submittedAt: q.submittedAt!, results: q.results as unknown as QuizResults })));
}
