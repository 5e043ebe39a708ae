// The question bank (admins), the practice quiz and the assessed questionnaire (candidates). Grading happens
// here, on the server, at submission (or once the questionnaire's deadline has passed): until then no correct
// answer or explanation leaves the database for a candidate, and `QuizAnswer.correct` stays null. Practice
// quizzes never feed a decision: the scoring code reads only the assessed questionnaire, through
// `questionnaireScores` (test/api/quiz.test.ts and test/api/questionnaire.test.ts prove it).
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { AttemptState, QuestionKind, QuizPurpose } from '../../generated/prisma/enums.ts';
import { randomUUID } from 'node:crypto';
import type { Viewer } from '../../auth/viewer.ts';
import type { RawSql } from '../../db/database.ts';
import { attemptFilter, candidateFilter, certificationAdminFilter, quizAttemptFilter } from '../../auth/policies.ts';
import { appendAudit, actorOf } from '../../lib/audit.ts';
import { AppError, validationFailed, type FieldIssue } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';
import { stateLabel } from '../../lib/state-labels.ts';
import type { PubSub, RoomEvent } from '../../realtime/pubsub.ts';
import { publishAll } from '../../realtime/event-log.ts';
import { assertAdmin } from '../jury/jury.service.ts';
import { attemptNotificationData, candidateRecipients, notify } from '../notification/notification.service.ts';
import {
  QUESTIONNAIRE_OPEN_STATES,
  assessedQuestionCount,
  assessedResults,
  drawQuestions,
  isTimeUp,
  questionnaireDeadline,
  type AssessedCompetenceScore,
  DEFAULT_QUESTION_COUNT,
  MAX_QUESTION_COUNT,
  correctAsAnswer,
  drawNewOrder,
  isCorrect,
  normalizeQuestion,
  parseCsvImport,
  parseImport,
  progressByCompetence,
  revisionSuggestions,
  scoreByCompetence,
  validateAnswer,
  type Choice,
  type CompetenceProgress,
  type CompetenceScore,
  type GivenAnswer,
  type ImportRow,
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
  const { rows, issues } = parseImport(text);
  return importRows(deps, viewer, frameworkVersionId, {
    rows: rows.flatMap((row, index) => (row && typeof row === 'object' && !Array.isArray(row) ? [{ at: ['questions', index], row }] : [])),
    issues,
    empty: rows.length === 0,
  }, 'json');
}

/** Imports questions from CSV text (format in docs/modules/quiz.md), all or nothing; issues carry ["line", n, column]. */
export async function importQuizQuestionsCsv(deps: Deps, viewer: Viewer | null, frameworkVersionId: string, text: string): Promise<string[]> {
  const { rows, issues } = parseCsvImport(text);
  return importRows(deps, viewer, frameworkVersionId, { rows, issues, empty: rows.length === 0 }, 'csv');
}

async function importRows(deps: Deps, viewer: Viewer | null, frameworkVersionId: string, parsed: { rows: ImportRow[]; issues: FieldIssue[]; empty: boolean }, format: 'json' | 'csv'): Promise<string[]> {
  assertAdmin(viewer);
  return deps.prisma.$transaction(async (tx) => {
    const framework = await adminFramework(tx, viewer, frameworkVersionId);
    const byCode = new Map(framework.competences.map((c) => [c.code, c.id]));
    const issues = [...parsed.issues];
    if (issues.length && parsed.empty) throw validationFailed(issues);
    const questions: { competenceId: string; question: NormalizedQuestion }[] = [];
    for (const { at, row } of parsed.rows) {
      const competenceId = byCode.get(String(row.competenceCode ?? ''));
      if (!competenceId) issues.push({ path: [...at, 'competenceCode'], message: translate('quiz.competence', { code: String(row.competenceCode ?? '') }) });
      const result = normalized(row, at);
      issues.push(...result.issues);
      if (competenceId && result.question) questions.push({ competenceId, question: result.question });
    }
    // One message per field (a CSV number already reported stays reported once).
    const seen = new Set<string>();
    const unique = issues.filter((issue) => !seen.has(issue.path.join('.')) && seen.add(issue.path.join('.')));
    // CSV: in the order of the file's lines.
    if (format === 'csv') unique.sort((a, b) => Number(a.path[1] ?? 0) - Number(b.path[1] ?? 0));
    if (unique.length) throw validationFailed(unique);
    const ids: string[] = [];
    for (const { competenceId, question } of questions) {
      ids.push((await tx.quizQuestion.create({ data: { frameworkVersionId: framework.id, competenceId, ...questionData(question) }, select: { id: true } })).id);
    }
    await appendAudit(tx, { ...actorOf(viewer!), action: 'quizQuestion.imported', entityType: 'FrameworkVersion', entityId: framework.id, data: { format, count: ids.length, questionIds: ids } });
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

const LOCKED_QUIZ_SELECT = { id: true, purpose: true, attemptId: true, questionIds: true, deadlineAt: true, submittedAt: true, supersededAt: true } as const;
type LockedQuiz = Prisma.QuizAttemptGetPayload<{ select: typeof LOCKED_QUIZ_SELECT }>;

/**
 * The candidate's quiz (practice or assessed; `purpose` when the caller expects one), locked for this
 * transaction: answers and grading serialise on it. One statement: it is on the autosave's hot path.
 */
async function lockOwnQuiz(tx: Tx, candidateId: string, quizId: string, purpose?: QuizPurpose): Promise<LockedQuiz> {
  const [quiz] = await tx.$queryRaw<LockedQuiz[]>`
    SELECT "id", "purpose"::text AS "purpose", "attemptId", "questionIds", "deadlineAt", "submittedAt", "supersededAt"
    FROM "QuizAttempt" WHERE "id" = ${quizId} AND "candidateId" = ${candidateId} FOR UPDATE`;
  if (!quiz || (purpose && quiz.purpose !== purpose)) throw new AppError('NOT_FOUND');
  return quiz;
}

/**
 * Autosaves one answer (one row per quiz and question; saving again replaces it). Not graded until submission.
 * Assessed questionnaire: an answer after the server deadline is refused with QUESTIONNAIRE_TIME_UP, and the
 * questionnaire is graded (committed) with the answers saved in time.
 *
 * The hot path (1,000 candidates at once) is two single statements and no interactive transaction (the
 * embedded database has one connection): a read of the quiz and the question to check and validate, then an
 * upsert guarded in SQL by the same conditions under the quiz's row lock, so that a submission or a deadline
 * passing between the two is never overwritten. A refused upsert goes back through the checks for its error.
 */
export async function answerQuizQuestion(deps: Deps & { raw: RawSql }, viewer: Viewer | null, quizId: string, questionId: string, given: GivenAnswer, now = new Date(), purpose?: QuizPurpose): Promise<SavedAnswer> {
  const candidateId = ownCandidateId(viewer);
  const statements = preparedAnswer(deps.raw);
  for (let tries = 0; tries < 2; tries++) {
    const [quiz] = await statements.read([quizId, candidateId, questionId]);
    if (!quiz || (purpose && quiz.purpose !== purpose)) throw new AppError('NOT_FOUND');
    const deadlineAt = quiz.deadlineMs === null ? null : new Date(quiz.deadlineMs);
    if (quiz.superseded) throw new AppError('INVALID_STATE', { state: translate('questionnaire.superseded') });
    if (quiz.purpose === 'ASSESSED' && isTimeUp(deadlineAt, now)) {
      if (!quiz.submitted) await deps.prisma.$transaction((tx) => settleExpiredQuestionnaires(tx, [quiz.attemptId!], now));
      throw new AppError('QUESTIONNAIRE_TIME_UP');
    }
    if (quiz.submitted) throw new AppError('INVALID_STATE', { state: translate('quiz.submitted') });
    if (!quiz.kind) throw validationFailed([{ path: ['questionId'], message: translate('quiz.notInQuiz') }]);
    const checked = validateAnswer({ kind: quiz.kind, choices: quiz.choices, correctAnswer: null }, given);
    if (!checked.answer) throw validationFailed([{ path: ['answer'], message: checked.message! }]);
    const [saved] = await statements.upsert([quizId, now.toISOString(), randomUUID(), questionId, JSON.stringify(checked.answer)]);
    // The count is read from the statement's snapshot: it does not include a row this statement inserted.
    if (saved) return { quizId, questionId, answer: checked.answer, answeredCount: saved.answeredBefore + (saved.inserted ? 1 : 0), deadlineAt };
  }
  throw new AppError('INVALID_STATE', { state: translate('quiz.submitted') });
}

/** The autosave's read: the quiz's state and, when the question belongs to the quiz, its kind and choices. */
const ANSWER_READ = `SELECT a."purpose"::text AS "purpose", a."attemptId", (extract(epoch FROM a."deadlineAt") * 1000)::float8 AS "deadlineMs",
       a."submittedAt" IS NOT NULL AS "submitted", a."supersededAt" IS NOT NULL AS "superseded", q."kind"::text AS "kind", q."choices"
FROM "QuizAttempt" a LEFT JOIN "QuizQuestion" q ON q."id" = $3 AND q."id" = ANY(a."questionIds")
WHERE a."id" = $1 AND a."candidateId" = $2`;

/** The autosave's write, guarded under the quiz's row lock (open, not superseded, deadline not passed). */
const ANSWER_UPSERT = `WITH quiz AS (
  SELECT "id" FROM "QuizAttempt"
  WHERE "id" = $1 AND "submittedAt" IS NULL AND "supersededAt" IS NULL AND ("deadlineAt" IS NULL OR "deadlineAt" >= ($2::timestamptz AT TIME ZONE 'UTC'))
  FOR UPDATE
)
INSERT INTO "QuizAnswer" ("id", "quizAttemptId", "questionId", "answer", "answeredAt")
SELECT $3, quiz."id", $4, $5::jsonb, ($2::timestamptz AT TIME ZONE 'UTC') FROM quiz
ON CONFLICT ("quizAttemptId", "questionId") DO UPDATE SET "answer" = EXCLUDED."answer", "answeredAt" = EXCLUDED."answeredAt"
RETURNING (xmax = 0) AS "inserted", (SELECT count(*)::int FROM "QuizAnswer" WHERE "quizAttemptId" = $1) AS "answeredBefore"`;

interface AnswerReadRow {
  purpose: QuizPurpose;
  attemptId: string | null;
  deadlineMs: number | null;
  submitted: boolean;
  superseded: boolean;
  kind: QuestionKind | null;
  choices: unknown;
}

const answerStatements = new WeakMap<RawSql, { read: (params: unknown[]) => Promise<AnswerReadRow[]>; upsert: (params: unknown[]) => Promise<{ inserted: boolean; answeredBefore: number }[]> }>();
function preparedAnswer(raw: RawSql) {
  let statements = answerStatements.get(raw);
  if (!statements) {
    statements = {
      read: raw.prepare<AnswerReadRow>('certijury_quiz_answer_read', ANSWER_READ, ['text', 'text', 'text']),
      upsert: raw.prepare('certijury_quiz_answer_upsert', ANSWER_UPSERT, ['text', 'text', 'text', 'text', 'text']),
    };
    answerStatements.set(raw, statements);
  }
  return statements;
}

/** What an autosave answers: just enough for the client to update its copy (the questionnaire's hot path). */
export interface SavedAnswer {
  quizId: string;
  questionId: string;
  answer: GivenAnswer;
  answeredCount: number;
  deadlineAt: Date | null;
}

/**
 * Grades a (locked, unsubmitted) quiz on the server: marks each answer right or wrong and stores the
 * per-competence results; an assessed questionnaire's results also carry each competence's score on the
 * framework's scale, which the decision uses. `auditAction` is the assessed questionnaire's audit entry.
 */
type Actor = { actorId: string | null; actorKind: string };
const SYSTEM_ACTOR: Actor = { actorId: null, actorKind: 'system' };

async function gradeQuiz(tx: Tx, quiz: LockedQuiz, submittedAt: Date, audit?: { actor: Actor; action: string }): Promise<QuizResults> {
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
  let results: QuizResults = scoreByCompetence(graded.map((item) => ({ competence: item.question.competence, correct: item.correct })));
  if (quiz.purpose === 'ASSESSED') {
    const scale = await tx.frameworkVersion.findFirstOrThrow({ where: { attempts: { some: { id: quiz.attemptId! } } }, select: { scaleMin: true, scaleMax: true } });
    results = assessedResults(results, scale.scaleMin, scale.scaleMax);
  }
  await tx.quizAttempt.update({ where: { id: quiz.id }, data: { submittedAt, results: results as unknown as Prisma.InputJsonValue } });
  if (audit) await appendAudit(tx, { ...audit.actor, action: audit.action, entityType: 'QuizAttempt', entityId: quiz.id, data: { attemptId: quiz.attemptId, results } });
  return results;
}

/** Grades the practice quiz on the server and stores the per-competence results. Submitting again changes nothing. */
export async function submitPracticeQuiz(deps: Deps, viewer: Viewer | null, quizId: string, now = new Date()): Promise<void> {
  const candidateId = ownCandidateId(viewer);
  await deps.prisma.$transaction(async (tx) => {
    const quiz = await lockOwnQuiz(tx, candidateId, quizId, 'PRACTICE');
    if (quiz.submittedAt) return;
    await gradeQuiz(tx, quiz, now);
  });
}

// ───────────────────────────── Assessed questionnaire ─────────────────────────────

/** The attempt, locked: starts and retry grants of its questionnaire serialise on it (one questionnaire per passage). */
async function lockAttempt(tx: Tx, where: Prisma.AttemptWhereInput, attemptId: string) {
  const visible = await tx.attempt.findFirst({ where: { AND: [{ id: attemptId }, where] }, select: { id: true } });
  if (!visible) throw new AppError('NOT_FOUND');
  await tx.$queryRaw`SELECT "id" FROM "Attempt" WHERE "id" = ${attemptId} FOR UPDATE`;
  return tx.attempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: {
      id: true,
      state: true,
      candidateId: true,
      frameworkVersionId: true,
      certification: { select: { assessedQuestionnaire: true, questionnaireMinutes: true, questionnaireQuestions: true } },
      candidate: { select: { accommodation: { select: { extraTimeMinutes: true } } } },
    },
  });
}

/** The questionnaire that counts for an attempt: the latest one no admin has superseded. */
const currentQuestionnaire = (tx: Tx, attemptId: string) =>
  tx.quizAttempt.findFirst({ where: { attemptId, purpose: 'ASSESSED', supersededAt: null }, orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], select: LOCKED_QUIZ_SELECT });

function assertQuestionnaireOpen(state: AttemptState) {
  if (!QUESTIONNAIRE_OPEN_STATES.includes(state)) throw new AppError('INVALID_STATE', { state: stateLabel(state) });
}

/**
 * Starts the attempt's assessed questionnaire: questions drawn at random, balanced across the framework's
 * QUESTIONNAIRE competences, with a server deadline (the certification's duration plus the candidate's extra
 * time). The open questionnaire is resumed (same questions, saved answers); once submitted or timed out, a new
 * start is refused with QUESTIONNAIRE_ALREADY_TAKEN until an admin grants another try. Returns the quiz id.
 */
export async function startAssessedQuestionnaire(deps: Deps, viewer: Viewer | null, attemptId: string, now = new Date(), rng?: Rng): Promise<string> {
  const candidateId = ownCandidateId(viewer);
  return deps.prisma.$transaction(async (tx) => {
    const attempt = await lockAttempt(tx, { candidateId }, attemptId);
    const current = await currentQuestionnaire(tx, attempt.id);
    if (current) {
      if (current.submittedAt || isTimeUp(current.deadlineAt, now)) throw new AppError('QUESTIONNAIRE_ALREADY_TAKEN');
      return current.id;
    }
    assertQuestionnaireOpen(attempt.state);
    const competences = attempt.certification.assessedQuestionnaire
      ? await tx.competence.findMany({ where: { frameworkVersionId: attempt.frameworkVersionId, modality: 'QUESTIONNAIRE' }, select: { id: true, code: true } })
      : [];
    if (competences.length === 0) throw validationFailed([{ path: ['attemptId'], message: translate('questionnaire.none') }]);
    const pool = await tx.quizQuestion.findMany({ where: { competenceId: { in: competences.map((c) => c.id) }, retiredAt: null }, select: { id: true, competenceId: true } });
    const empty = competences.filter((c) => !pool.some((q) => q.competenceId === c.id)).map((c) => c.code);
    if (empty.length) throw validationFailed([{ path: ['attemptId'], message: translate('questionnaire.noQuestions', { codes: empty.join(', ') }) }]);
    const { certification } = attempt;
    const drawn = drawQuestions(pool, assessedQuestionCount(certification.questionnaireQuestions, competences.length), rng);
    const deadlineAt = questionnaireDeadline(now, certification.questionnaireMinutes, attempt.candidate.accommodation?.extraTimeMinutes ?? 0);
    const created = await tx.quizAttempt.create({
      data: { candidateId, attemptId: attempt.id, purpose: 'ASSESSED', questionIds: drawn.map((q) => q.id), startedAt: now, deadlineAt },
      select: { id: true },
    });
    await appendAudit(tx, { ...actorOf(viewer!), action: 'questionnaire.started', entityType: 'QuizAttempt', entityId: created.id, data: { attemptId: attempt.id, questionCount: drawn.length, deadlineAt: deadlineAt.toISOString() } });
    return created.id;
  });
}

/** Submits and grades the candidate's assessed questionnaire. Idempotent; after the deadline it is graded as of the deadline. */
export async function submitAssessedQuestionnaire(deps: Deps, viewer: Viewer | null, quizId: string, now = new Date()): Promise<void> {
  const candidateId = ownCandidateId(viewer);
  await deps.prisma.$transaction(async (tx) => {
    const quiz = await lockOwnQuiz(tx, candidateId, quizId, 'ASSESSED');
    if (quiz.submittedAt) return;
    if (isTimeUp(quiz.deadlineAt, now)) await gradeQuiz(tx, quiz, quiz.deadlineAt!, { actor: SYSTEM_ACTOR, action: 'questionnaire.timeUp' });
    else await gradeQuiz(tx, quiz, now, { actor: actorOf(viewer!), action: 'questionnaire.submitted' });
  });
}

/** Grades the attempt's questionnaires whose deadline passed unsubmitted (no background timer: any read settles them). */
export async function settleExpiredQuestionnaires(tx: Tx, attemptIds: string[], now = new Date()): Promise<void> {
  if (attemptIds.length === 0) return;
  const expired = await tx.quizAttempt.findMany({ where: { attemptId: { in: attemptIds }, purpose: 'ASSESSED', submittedAt: null, deadlineAt: { lt: now } }, select: { id: true } });
  for (const { id } of expired) {
    await tx.$queryRaw`SELECT "id" FROM "QuizAttempt" WHERE "id" = ${id} FOR UPDATE`;
    const quiz = await tx.quizAttempt.findUniqueOrThrow({ where: { id }, select: LOCKED_QUIZ_SELECT });
    if (!quiz.submittedAt) await gradeQuiz(tx, quiz, quiz.deadlineAt!, { actor: SYSTEM_ACTOR, action: 'questionnaire.timeUp' });
  }
}

export interface QuestionnaireScore {
  competenceId: string;
  code: string;
  /** On the framework's scale: what the decision compares with the competence's minimum. */
  score: number;
  percent: number;
  correct: number;
  total: number;
}

/**
 * The graded questionnaire scores of an attempt, per QUESTIONNAIRE competence id, from the questionnaire that
 * counts (settling an expired one first). A competence without a graded questionnaire is absent.
 */
export async function questionnaireScores(tx: Tx, attemptId: string, now = new Date()): Promise<Map<string, QuestionnaireScore>> {
  await settleExpiredQuestionnaires(tx, [attemptId], now);
  const current = await tx.quizAttempt.findFirst({
    where: { attemptId, purpose: 'ASSESSED', supersededAt: null, submittedAt: { not: null } },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    select: { results: true },
  });
  const results = current?.results as unknown as { competences: AssessedCompetenceScore[] } | null;
  return new Map((results?.competences ?? []).map((c) => [c.competenceId, { competenceId: c.competenceId, code: c.code, score: c.score, percent: c.percent, correct: c.correct, total: c.total }]));
}

export const RETRY_REASON = { min: 3, max: 2000 } as const;

/**
 * Admins: allows the candidate another questionnaire for this attempt (e.g. a technical incident). The
 * questionnaire taken so far stops counting (kept, with the reason), the candidate is notified; audited.
 */
export async function grantQuestionnaireRetry(deps: Deps & { pubsub: PubSub }, viewer: Viewer | null, attemptId: string, reason: string, now = new Date()): Promise<void> {
  assertAdmin(viewer);
  const trimmed = reason?.trim() ?? '';
  if (trimmed.length < RETRY_REASON.min || trimmed.length > RETRY_REASON.max) throw validationFailed([{ path: ['reason'], message: translate('questionnaire.reason', RETRY_REASON) }]);
  const events: RoomEvent[] = [];
  await deps.prisma.$transaction(async (tx) => {
    const attempt = await lockAttempt(tx, attemptFilter(viewer), attemptId);
    assertQuestionnaireOpen(attempt.state);
    const current = await currentQuestionnaire(tx, attempt.id);
    if (!current) throw new AppError('INVALID_STATE', { state: translate('questionnaire.nothingToRetry') });
    await tx.quizAttempt.update({ where: { id: current.id }, data: { supersededAt: now, supersededReason: trimmed } });
    await appendAudit(tx, { ...actorOf(viewer!), action: 'questionnaire.retryGranted', entityType: 'Attempt', entityId: attempt.id, data: { supersededQuizId: current.id, reason: trimmed } });
    await notify(tx, {
      template: 'QUESTIONNAIRE_RETRY_GRANTED',
      data: { ...(await attemptNotificationData(tx, attempt.id)), reason: trimmed },
      dedupeKey: `questionnaire-retry:${current.id}`,
      recipients: await candidateRecipients(tx, attempt.candidateId),
    }, events);
  });
  publishAll(deps.pubsub, events);
}

/** A questionnaire as the candidate sees it: never a correct answer, even after submission (the bank is reused). */
export interface AssessedQuestionnaireView extends Omit<PracticeQuizView, 'revisionSuggestions' | 'deadlineAt'> {
  deadlineAt: Date;
  timeUp: boolean;
  /** Results show once the attempt's result is published (the jury decides first); admins see them when graded. */
  resultsPublished: boolean;
}

/** The questionnaire that counts for an attempt (settling an expired one), or null when not started. */
export async function loadAssessedQuestionnaire(prisma: PrismaClient, viewer: Viewer | null, attemptId: string, now = new Date()): Promise<AssessedQuestionnaireView | null> {
  const attempt = await prisma.attempt.findFirst({ where: { id: attemptId, candidate: candidateFilter(viewer) }, select: { id: true, state: true } });
  if (!attempt || !(viewer?.kind === 'user' && (viewer.role === 'CANDIDATE' || viewer.role === 'ADMIN'))) return null;
  await prisma.$transaction((tx) => settleExpiredQuestionnaires(tx, [attempt.id], now));
  const [quiz] = await loadQuizzes(prisma, viewer, { attemptId: attempt.id, supersededAt: null }, 'ASSESSED', 1);
  if (!quiz) return null;
  const resultsPublished = attempt.state === 'RESULT_PUBLISHED' || viewer.role === 'ADMIN';
  const { revisionSuggestions: _hidden, ...rest } = quiz;
  return {
    ...rest,
    results: resultsPublished ? quiz.results : null,
    deadlineAt: quiz.deadlineAt!,
    timeUp: !quiz.submittedAt && isTimeUp(quiz.deadlineAt, now),
    resultsPublished,
  };
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
  /** Assessed questionnaire: the server deadline (null for practice). */
  deadlineAt: Date | null;
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
  deadlineAt: true,
  submittedAt: true,
  questionIds: true,
  results: true,
  attempt: { select: { certification: { select: { code: true, title: true } } } },
  answers: { select: { questionId: true, answer: true, correct: true } },
} as const;

/**
 * Loads quizzes the viewer may see, as the client sees them. The correct answers and explanations are read
 * from the database only for submitted practice quizzes: an open quiz, or any assessed questionnaire (its
 * questions are drawn again for other candidates), cannot leak them through any field.
 */
async function loadQuizzes(prisma: PrismaClient, viewer: Viewer | null, where: Prisma.QuizAttemptWhereInput, purpose: QuizPurpose, take: number): Promise<PracticeQuizView[]> {
  const quizzes = await prisma.quizAttempt.findMany({
    where: { AND: [where, quizAttemptFilter(viewer), { purpose }] },
    select: QUIZ_SELECT,
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take,
  });
  const reviewed = purpose === 'PRACTICE' ? quizzes.filter((q) => q.submittedAt) : [];
  const submittedIds = new Set(reviewed.flatMap((q) => q.questionIds));
  const openIds = new Set(quizzes.flatMap((q) => q.questionIds));
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
            quiz.submittedAt && purpose === 'PRACTICE' && 'correctAnswer' in question
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
      deadlineAt: quiz.deadlineAt,
      submittedAt: quiz.submittedAt,
      questionCount: quiz.questionIds.length,
      answeredCount: quiz.answers.length,
      questions,
      results,
      revisionSuggestions: results ? revisionSuggestions(results) : [],
    };
  });
}

export const loadPracticeQuizzes = (prisma: PrismaClient, viewer: Viewer | null, where: Prisma.QuizAttemptWhereInput, take = 100) => loadQuizzes(prisma, viewer, where, 'PRACTICE', take);

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
