// Pure rules of the quizzes and their question bank: what a valid question is (per kind), the balanced
// random draw across competences (seedable for tests), answer validation and grading per kind, the score per
// competence and what to revise. Practice quizzes never feed any decision; the assessed questionnaire's
// per-competence scale score does (for QUESTIONNAIRE competences, see decision.rules.ts).
import { parse } from 'csv-parse/sync';
import type { AttemptState, QuestionKind } from '../../generated/prisma/enums.ts';
import { round2 } from '../scoring/decision.rules.ts';
import type { FieldIssue } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';

export const QUESTION_KINDS = ['SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'TRUE_FALSE', 'NUMERIC'] as const;
export const DEFAULT_QUESTION_COUNT = 10;
export const MAX_QUESTION_COUNT = 50;
export const MAX_IMPORT_ROWS = 500;
export const MAX_IMPORT_BYTES = 1_000_000;
/** Below this share of right answers, a competence is suggested for revision. */
export const REVISE_BELOW_PERCENT = 60;

export interface Choice {
  id: string;
  label: string;
}

export const TRUE_FALSE_CHOICES: Choice[] = [
  { id: 'true', label: 'Vrai' },
  { id: 'false', label: 'Faux' },
];

/** What is stored in `QuizQuestion.correctAnswer`: a choice id, choice ids, or a number with a tolerance. */
export type CorrectAnswer = string | string[] | { value: number; tolerance: number };

/** A question as an admin writes it (createQuizQuestion, updateQuizQuestion, one row of an import). */
export interface QuestionDraft {
  kind?: unknown;
  prompt?: unknown;
  choices?: unknown;
  /** SINGLE_CHOICE: a choice id; MULTIPLE_CHOICE: choice ids; TRUE_FALSE: true/false; NUMERIC: a number or { value, tolerance }. */
  correct?: unknown;
  explanation?: unknown;
}

export interface NormalizedQuestion {
  kind: QuestionKind;
  prompt: string;
  choices: Choice[] | null;
  correctAnswer: CorrectAnswer;
  explanation: string | null;
}

const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.trim().length > 0 && value.trim().length <= max;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Validates a question draft. Issue paths are relative to the draft (prefix them for an import row). */
export function normalizeQuestion(draft: QuestionDraft): { question?: NormalizedQuestion; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const issue = (path: (string | number)[], key: Parameters<typeof translate>[0], params?: Record<string, unknown>) =>
    issues.push({ path, message: translate(key, params) });

  const kind = draft.kind as QuestionKind;
  if (!QUESTION_KINDS.includes(kind)) issue(['kind'], 'quiz.kind', { kinds: QUESTION_KINDS.join(', ') });
  if (!isText(draft.prompt, 2000)) issue(['prompt'], 'quiz.prompt');
  if (draft.explanation != null && !isText(draft.explanation, 4000)) issue(['explanation'], 'quiz.explanation');

  let choices: Choice[] | null = null;
  let correctAnswer: CorrectAnswer | undefined;
  if (kind === 'SINGLE_CHOICE' || kind === 'MULTIPLE_CHOICE') {
    const raw = draft.choices;
    if (!Array.isArray(raw) || raw.length < 2 || raw.length > 10) {
      issue(['choices'], 'quiz.choices');
    } else {
      const seen = new Set<string>();
      choices = [];
      raw.forEach((choice, index) => {
        const id = (choice as Choice)?.id;
        const label = (choice as Choice)?.label;
        if (!isText(id, 40) || seen.has(id.trim())) issue(['choices', index, 'id'], 'quiz.choiceId');
        else seen.add(id.trim());
        if (!isText(label, 500)) issue(['choices', index, 'label'], 'quiz.choiceLabel');
        if (isText(id, 40) && isText(label, 500)) choices!.push({ id: id.trim(), label: label.trim() });
      });
      const ids = new Set(choices.map((choice) => choice.id));
      if (kind === 'SINGLE_CHOICE') {
        if (typeof draft.correct !== 'string' || !ids.has(draft.correct)) issue(['correct'], 'quiz.correctSingle');
        else correctAnswer = draft.correct;
      } else {
        const correct = draft.correct;
        if (!Array.isArray(correct) || correct.length === 0 || !correct.every((id) => typeof id === 'string' && ids.has(id)) || new Set(correct).size !== correct.length) {
          issue(['correct'], 'quiz.correctMultiple');
        } else correctAnswer = [...(correct as string[])].sort();
      }
    }
  } else if (kind === 'TRUE_FALSE') {
    choices = TRUE_FALSE_CHOICES;
    const correct = draft.correct;
    if (correct === true || correct === 'true') correctAnswer = 'true';
    else if (correct === false || correct === 'false') correctAnswer = 'false';
    else issue(['correct'], 'quiz.correctTrueFalse');
  } else if (kind === 'NUMERIC') {
    const correct = draft.correct as { value?: unknown; tolerance?: unknown } | number;
    if (isNumber(correct)) correctAnswer = { value: correct, tolerance: 0 };
    else if (correct && typeof correct === 'object' && isNumber(correct.value) && (correct.tolerance == null || (isNumber(correct.tolerance) && correct.tolerance >= 0))) {
      correctAnswer = { value: correct.value, tolerance: (correct.tolerance as number | undefined) ?? 0 };
    } else issue(['correct'], 'quiz.correctNumeric');
  }
  if (issues.length || correctAnswer === undefined) return { issues };
  return {
    issues,
    question: {
      kind,
      prompt: (draft.prompt as string).trim(),
      choices,
      correctAnswer,
      explanation: draft.explanation == null ? null : (draft.explanation as string).trim(),
    },
  };
}

/** Parses the JSON text of an import: an array of rows. A top-level problem is one issue at ['questions']. */
export function parseImport(text: string): { rows: Record<string, unknown>[]; issues: FieldIssue[] } {
  if (text.length > MAX_IMPORT_BYTES) return { rows: [], issues: [{ path: ['questions'], message: translate('quiz.importTooLarge', { max: MAX_IMPORT_BYTES }) }] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { rows: [], issues: [{ path: ['questions'], message: translate('quiz.importMalformed', { detail: (error as Error).message }) }] };
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > MAX_IMPORT_ROWS) {
    return { rows: [], issues: [{ path: ['questions'], message: translate('quiz.importShape', { max: MAX_IMPORT_ROWS }) }] };
  }
  const issues: FieldIssue[] = [];
  parsed.forEach((row, index) => {
    if (!row || typeof row !== 'object' || Array.isArray(row)) issues.push({ path: ['questions', index], message: translate('quiz.importRow') });
  });
  return { rows: parsed as Record<string, unknown>[], issues };
}

// ───────────────────────────── Random draw ─────────────────────────────

export type Rng = () => number;

/** A small seedable generator (mulberry32), for reproducible draws in tests. */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle into a new array. */
export function shuffle<T>(items: readonly T[], rng: Rng = Math.random): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

/**
 * Draws `count` questions (or all of them when fewer), balanced across competences: competences are taken in
 * turn (in a random order), each giving a random question not yet drawn, so the counts per competence differ by
 * at most one unless a competence runs out of questions. The result is shuffled: its order is the presentation order.
 */
export function drawQuestions<T extends { id: string; competenceId: string }>(pool: readonly T[], count: number, rng: Rng = Math.random): T[] {
  const byCompetence = new Map<string, T[]>();
  for (const question of pool) {
    const list = byCompetence.get(question.competenceId) ?? [];
    list.push(question);
    byCompetence.set(question.competenceId, list);
  }
  const queues = shuffle([...byCompetence.values()], rng).map((list) => shuffle(list, rng));
  const drawn: T[] = [];
  const target = Math.min(count, pool.length);
  while (drawn.length < target) {
    for (const queue of queues) {
      if (drawn.length >= target) break;
      const next = queue.shift();
      if (next) drawn.push(next);
    }
  }
  return shuffle(drawn, rng);
}

/**
 * Draws like `drawQuestions`, and draws again (a few times) when the order equals one already presented to the
 * candidate: the same order is never served twice, unless the bank is too small to allow another.
 */
export function drawNewOrder<T extends { id: string; competenceId: string }>(pool: readonly T[], count: number, previous: readonly (readonly string[])[], rng: Rng = Math.random): T[] {
  const seen = new Set(previous.map((ids) => ids.join('\n')));
  let drawn = drawQuestions(pool, count, rng);
  for (let tries = 0; tries < 50 && seen.has(drawn.map((q) => q.id).join('\n')); tries++) drawn = drawQuestions(pool, count, rng);
  return drawn;
}

// ───────────────────────────── Answers and grading ─────────────────────────────

/** A candidate's answer as stored in `QuizAnswer.answer`. */
export interface GivenAnswer {
  choiceIds?: string[] | null;
  number?: number | null;
}

export interface GradableQuestion {
  kind: QuestionKind;
  choices: unknown;
  correctAnswer: unknown;
}

/** Checks an answer's shape against its question; returns the stored form or an issue message. */
export function validateAnswer(question: GradableQuestion, answer: GivenAnswer): { answer?: GivenAnswer; message?: string } {
  if (question.kind === 'NUMERIC') {
    if (typeof answer.number !== 'number' || !Number.isFinite(answer.number) || answer.choiceIds?.length) return { message: translate('quiz.answerNumeric') };
    return { answer: { number: answer.number } };
  }
  const ids = new Set(((question.choices as Choice[] | null) ?? []).map((choice) => choice.id));
  const chosen = answer.choiceIds ?? [];
  if (answer.number != null || !chosen.every((id) => ids.has(id)) || new Set(chosen).size !== chosen.length) return { message: translate('quiz.answerChoice') };
  if (question.kind === 'MULTIPLE_CHOICE') {
    if (chosen.length === 0) return { message: translate('quiz.answerChoice') };
  } else if (chosen.length !== 1) return { message: translate('quiz.answerOneChoice') };
  return { answer: { choiceIds: [...chosen].sort() } };
}

/** Whether a (validated) answer is right. No answer is wrong. */
export function isCorrect(question: GradableQuestion, answer: GivenAnswer | null | undefined): boolean {
  if (!answer) return false;
  const correct = question.correctAnswer as CorrectAnswer | number;
  switch (question.kind) {
    case 'NUMERIC': {
      const expected = typeof correct === 'number' ? { value: correct, tolerance: 0 } : (correct as { value: number; tolerance?: number });
      return typeof answer.number === 'number' && Math.abs(answer.number - expected.value) <= (expected.tolerance ?? 0) + 1e-9;
    }
    case 'MULTIPLE_CHOICE': {
      const expected = [...(Array.isArray(correct) ? correct : [correct as string])].sort();
      const chosen = [...(answer.choiceIds ?? [])].sort();
      return expected.length === chosen.length && expected.every((id, index) => id === chosen[index]);
    }
    default: {
      const expected = Array.isArray(correct) ? correct[0] : String(correct);
      return answer.choiceIds?.length === 1 && answer.choiceIds[0] === expected;
    }
  }
}

/** The correct answer in the shape of a given answer (for the review after submission). */
export function correctAsAnswer(question: GradableQuestion): GivenAnswer {
  const correct = question.correctAnswer as CorrectAnswer | number;
  if (question.kind === 'NUMERIC') return { number: typeof correct === 'number' ? correct : (correct as { value: number }).value };
  return { choiceIds: Array.isArray(correct) ? [...correct].sort() : [String(correct)] };
}

// ───────────────────────────── Scores ─────────────────────────────

export interface CompetenceRef {
  id: string;
  code: string;
  title: string;
  position?: number;
}

export interface CompetenceScore {
  competenceId: string;
  code: string;
  title: string;
  correct: number;
  total: number;
  percent: number;
  revise: boolean;
}

export interface QuizResults {
  correct: number;
  total: number;
  percent: number;
  competences: CompetenceScore[];
}

const percentOf = (correct: number, total: number) => (total === 0 ? 0 : Math.round((correct / total) * 100));

/** Scores per competence (in framework order) from each drawn question's correctness. */
export function scoreByCompetence(items: { competence: CompetenceRef; correct: boolean }[]): QuizResults {
  const byId = new Map<string, { ref: CompetenceRef; correct: number; total: number }>();
  for (const item of items) {
    const entry = byId.get(item.competence.id) ?? { ref: item.competence, correct: 0, total: 0 };
    entry.total += 1;
    if (item.correct) entry.correct += 1;
    byId.set(item.competence.id, entry);
  }
  const competences = [...byId.values()]
    .sort((a, b) => (a.ref.position ?? 0) - (b.ref.position ?? 0) || a.ref.code.localeCompare(b.ref.code))
    .map(({ ref, correct, total }) => {
      const percent = percentOf(correct, total);
      return { competenceId: ref.id, code: ref.code, title: ref.title, correct, total, percent, revise: percent < REVISE_BELOW_PERCENT };
    });
  const correct = items.filter((item) => item.correct).length;
  return { correct, total: items.length, percent: percentOf(correct, items.length), competences };
}

/** The competences to revise, weakest first. */
export function revisionSuggestions(results: QuizResults): CompetenceScore[] {
  return results.competences.filter((c) => c.revise).sort((a, b) => a.percent - b.percent || a.code.localeCompare(b.code));
}

export interface ProgressPoint {
  quizId: string;
  submittedAt: Date;
  percent: number;
  correct: number;
  total: number;
}

export interface CompetenceProgress {
  competenceId: string;
  code: string;
  title: string;
  points: ProgressPoint[];
  latestPercent: number;
  bestPercent: number;
  /** Latest minus first, in points of percentage (0 with a single quiz). */
  trend: number;
}

/** Progress per competence over submitted quizzes (oldest first). */
export function progressByCompetence(quizzes: { id: string; submittedAt: Date; results: QuizResults }[]): CompetenceProgress[] {
  const ordered = [...quizzes].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  const byId = new Map<string, { score: CompetenceScore; points: ProgressPoint[] }>();
  for (const quiz of ordered) {
    for (const score of quiz.results.competences) {
      const entry = byId.get(score.competenceId) ?? { score, points: [] };
      entry.points.push({ quizId: quiz.id, submittedAt: quiz.submittedAt, percent: score.percent, correct: score.correct, total: score.total });
      byId.set(score.competenceId, entry);
    }
  }
  return [...byId.values()]
    .map(({ score, points }) => ({
      competenceId: score.competenceId,
      code: score.code,
      title: score.title,
      points,
      latestPercent: points.at(-1)!.percent,
      bestPercent: Math.max(...points.map((p) => p.percent)),
      trend: points.at(-1)!.percent - points[0].percent,
    }))
    .sort((a, b) => a.code.localeCompare(b.code, undefined, { numeric: true }));
}

// ───────────────────────────── Assessed questionnaire ─────────────────────────────

/**
 * The attempt states in which the candidate may take (or be granted again) the assessed questionnaire: once
 * the file is acknowledged and until the jury decides. After the decision it would no longer count.
 */
export const QUESTIONNAIRE_OPEN_STATES: readonly AttemptState[] = ['FILE_ACKNOWLEDGED', 'SCHEDULED', 'IN_EVALUATION'];

/** The server deadline: the certification's duration plus the candidate's extra time (accommodation). */
export function questionnaireDeadline(startedAt: Date, minutes: number, extraTimeMinutes = 0): Date {
  return new Date(startedAt.getTime() + (minutes + extraTimeMinutes) * 60_000);
}

/** An answer saved at `now` is late once the deadline has passed (the deadline instant itself still counts). */
export const isTimeUp = (deadlineAt: Date | null, now: Date) => deadlineAt !== null && now.getTime() > deadlineAt.getTime();

/** How many questions to draw: the configured count, but at least one per assessed competence. */
export const assessedQuestionCount = (configured: number, competenceCount: number) => Math.max(configured, competenceCount);

/** A share of right answers converted to the framework's scale (0 % → scaleMin, 100 % → scaleMax), rounded to 2 decimals. */
export function scoreOnScale(percent: number, scaleMin: number, scaleMax: number): number {
  return round2(scaleMin + ((scaleMax - scaleMin) * percent) / 100);
}

/** One competence of a graded assessed questionnaire: the per-competence score plus its value on the scale. */
export interface AssessedCompetenceScore extends CompetenceScore {
  score: number;
}

/** Adds the scale score to each competence of graded results. */
export function assessedResults(results: QuizResults, scaleMin: number, scaleMax: number): QuizResults & { competences: AssessedCompetenceScore[] } {
  return { ...results, competences: results.competences.map((c) => ({ ...c, score: scoreOnScale(c.percent, scaleMin, scaleMax) })) };
}

// ───────────────────────────── CSV import of questions ─────────────────────────────

export const CSV_COLUMNS = ['competenceCode', 'kind', 'prompt', 'choices', 'correct', 'explanation'] as const;
const CSV_REQUIRED = ['competenceCode', 'kind', 'prompt', 'correct'];

/** One import row (JSON or CSV) with the path its issues carry: ["questions", index] or ["line", n]. */
export interface ImportRow {
  at: (string | number)[];
  row: Record<string, unknown>;
}

/** `32`, `32,5` or `32~0.5` (value ~ tolerance) → { value, tolerance }; null when not a number. */
function csvNumber(text: string): { value: number; tolerance: number } | null {
  const [value, tolerance = '0'] = text.split('~').map((part) => part.trim().replace(',', '.'));
  if (!/^-?\d+(\.\d+)?$/.test(value) || !/^\d+(\.\d+)?$/.test(tolerance)) return null;
  return { value: Number(value), tolerance: Number(tolerance) };
}

/**
 * Parses a CSV import (format in docs/modules/quiz.md): a header naming the columns competenceCode, kind, prompt,
 * choices, correct, explanation; `;` or `,` as separator (from the header line); choices as
 * `id=label|id=label`; correct as a choice id, `id|id` (multiple choice), true/false, or a number with an
 * optional `~tolerance`. Issues carry ["line", n, column] with the row's line number in the file.
 */
export function parseCsvImport(text: string): { rows: ImportRow[]; issues: FieldIssue[] } {
  if (text.length > MAX_IMPORT_BYTES) return { rows: [], issues: [{ path: ['csv'], message: translate('quiz.importTooLarge', { max: MAX_IMPORT_BYTES }) }] };
  const headerLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = headerLine.includes(';') ? ';' : ',';
  let records: { record: Record<string, string>; info: { lines: number }; raw: string }[];
  try {
    records = parse(text, { delimiter, columns: (header: string[]) => header.map((name) => name.trim()), bom: true, info: true, raw: true, skip_empty_lines: true, trim: true }) as never;
  } catch (error) {
    const line = Number((error as { lines?: number }).lines ?? 0);
    return { rows: [], issues: [{ path: ['line', line], message: translate('quiz.csvMalformed', { detail: String((error as Error).message ?? error).replace(/^.*?: /, '') }) }] };
  }
  const header = headerLine.split(delimiter).map((name) => name.trim().replace(/^"|"$/g, ''));
  if (CSV_REQUIRED.some((column) => !header.includes(column))) return { rows: [], issues: [{ path: ['line', 1], message: translate('quiz.csvHeader', { columns: CSV_COLUMNS.join(delimiter) }) }] };
  if (records.length === 0 || records.length > MAX_IMPORT_ROWS) return { rows: [], issues: [{ path: ['csv'], message: translate('quiz.csvShape', { max: MAX_IMPORT_ROWS }) }] };
  const issues: FieldIssue[] = [];
  const rows = records.map(({ record, info, raw }): ImportRow => {
    // info.lines is the record's last line; a quoted field may span several.
    const line = info.lines - (raw.replace(/\r?\n$/, '').match(/\n/g) ?? []).length;
    const kind = record.kind?.trim().toUpperCase();
    const choices = record.choices
      ? record.choices.split('|').map((pair) => {
          const [id, ...label] = pair.split('=');
          return { id: id.trim(), label: label.join('=').trim() };
        })
      : undefined;
    let correct: unknown = record.correct;
    if (kind === 'MULTIPLE_CHOICE') correct = record.correct.split('|').map((id) => id.trim()).filter(Boolean);
    else if (kind === 'TRUE_FALSE') correct = record.correct.trim().toLowerCase();
    else if (kind === 'NUMERIC') {
      correct = csvNumber(record.correct);
      if (correct === null) issues.push({ path: ['line', line, 'correct'], message: translate('quiz.csvNumber') });
    }
    return { at: ['line', line], row: { competenceCode: record.competenceCode, kind, prompt: record.prompt, choices, correct, explanation: record.explanation || undefined } };
  });
  return { rows, issues };
}
