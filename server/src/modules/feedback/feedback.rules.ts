// Pure rules of the candidate's feedback ("retour à chaud"): the versioned question set about the certification
// process (jury included, never the training), the input schema, when feedback is open, and the anonymous
// aggregate report with its privacy threshold.
import { z } from 'zod';
import type { AttemptState } from '../../generated/prisma/enums.ts';
import { translate } from '../../lib/messages.ts';

/**
 * The questions of version 1, about the certification process and the jury. Ids are stored as keys of
 * `Feedback.ratings` (beside `questionSetVersion`); a new wording or a new question makes a new version, so
 * that answers given to different questions are never averaged together by mistake.
 */
export const FEEDBACK_QUESTION_SET = {
  version: 1,
  questions: ['information', 'organisation', 'welcome', 'jury', 'questions', 'conditions', 'overall'],
} as const;
export type FeedbackQuestionId = (typeof FEEDBACK_QUESTION_SET.questions)[number];

export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const MAX_COMMENT_LENGTH = 2000;

/**
 * Below this many answers, the report gives counts only: no averages, no distribution, no comments. A constant
 * rather than the certification's successRateMinCandidates: that setting is the admins' own (they could lower it
 * to 1 and read one candidate's answers), while this floor protects candidates from the very people reading the
 * report.
 */
export const FEEDBACK_REPORT_MIN_ANSWERS = 5;

/**
 * Feedback opens once the oral is over, that is once the jury has decided (the minutes are signed: DECIDED), and
 * stays open after publication. "À chaud": the candidate need not wait for the result. IN_EVALUATION is refused
 * because the oral or the deliberation may still be running; FROZEN and WITHDRAWN attempts have no finished oral.
 */
const FEEDBACK_OPEN_STATES: readonly AttemptState[] = ['DECIDED', 'RESULT_PUBLISHED'];
export const isFeedbackOpenState = (state: AttemptState) => FEEDBACK_OPEN_STATES.includes(state);

/** What the candidate sends, once normalised. */
export interface FeedbackSubmission {
  ratings: { question: FeedbackQuestionId; rating: number }[];
  comment: string | null;
}

export const feedbackInputSchema = z
  .object({
    ratings: z.array(
      z.object({
        question: z.enum(FEEDBACK_QUESTION_SET.questions),
        rating: z
          .number()
          .int()
          .refine((rating) => rating >= RATING_MIN && rating <= RATING_MAX, { error: () => translate('feedback.rating', { min: RATING_MIN, max: RATING_MAX }) }),
      }),
    ),
    comment: z
      .string()
      .trim()
      .max(MAX_COMMENT_LENGTH, { error: () => translate('feedback.comment', { max: MAX_COMMENT_LENGTH }) })
      .nullish()
      .transform((comment) => comment || null),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.ratings.forEach((answer, index) => {
      if (seen.has(answer.question)) ctx.addIssue({ code: 'custom', path: ['ratings', index, 'question'], message: translate('feedback.duplicate', { question: answer.question }) });
      seen.add(answer.question);
    });
    const missing = FEEDBACK_QUESTION_SET.questions.filter((question) => !seen.has(question));
    if (missing.length > 0) ctx.addIssue({ code: 'custom', path: ['ratings'], message: translate('feedback.missing', { questions: missing.join(', ') }) });
  });

/** The JSON stored in `Feedback.ratings`: the question-set version and one rating per question id. */
export function storedRatings(submission: FeedbackSubmission): Record<string, number> {
  return {
    questionSetVersion: FEEDBACK_QUESTION_SET.version,
    ...Object.fromEntries(submission.ratings.map((answer) => [answer.question, answer.rating])),
  };
}

const isRating = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= RATING_MIN && (value as number) <= RATING_MAX;

/**
 * Reads stored ratings back as the current question set's answers. Rows written before the set was versioned
 * (the demo's first answers) carry no version: their keys that match a question of version 1 are kept.
 */
export function ratingsOf(stored: unknown): { questionSetVersion: number; ratings: { question: FeedbackQuestionId; rating: number }[] } {
  const object = stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const questionSetVersion = isRating(object.questionSetVersion) ? object.questionSetVersion : FEEDBACK_QUESTION_SET.version;
  const ratings = FEEDBACK_QUESTION_SET.questions.flatMap((question) => (isRating(object[question]) ? [{ question, rating: object[question] as number }] : []));
  return { questionSetVersion, ratings };
}

export interface QuestionReport {
  question: FeedbackQuestionId;
  answers: number;
  /** Rounded to 2 decimals; null when withheld or when nobody answered this question. */
  average: number | null;
  /** Answers per rating, index 0 = rating 1 … index 4 = rating 5; null when withheld. */
  distribution: number[] | null;
}

export interface FeedbackReport {
  questionSetVersion: number;
  answers: number;
  minAnswers: number;
  /** True below minAnswers: counts only, no averages, distributions or comments. */
  withheld: boolean;
  questions: QuestionReport[];
  commentCount: number;
  /** The comments' text only, in a fixed non-chronological order (alphabetical), never linked to anyone. */
  comments: string[];
}

/** Aggregates feedback rows into the anonymous report. Only ratings and comment text come in: nothing to leak. */
export function feedbackReportOf(rows: { ratings: unknown; comment: string | null }[], minAnswers = FEEDBACK_REPORT_MIN_ANSWERS, suppressed = false): FeedbackReport {
  // `suppressed`: withheld by complementary suppression (the all-years report beside a small withheld year), although large enough.
  const withheld = suppressed || rows.length < minAnswers;
  const parsed = rows.map((row) => ratingsOf(row.ratings).ratings);
  const questions = FEEDBACK_QUESTION_SET.questions.map((question): QuestionReport => {
    const values = parsed.flatMap((ratings) => ratings.filter((answer) => answer.question === question).map((answer) => answer.rating));
    const distribution = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, index) => values.filter((value) => value === RATING_MIN + index).length);
    const average = values.length ? Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 100) / 100 : null;
    return { question, answers: values.length, average: withheld ? null : average, distribution: withheld ? null : distribution };
  });
  const texts = rows.map((row) => row.comment?.trim()).filter((comment): comment is string => Boolean(comment));
  return {
    questionSetVersion: FEEDBACK_QUESTION_SET.version,
    answers: rows.length,
    minAnswers,
    withheld,
    questions,
    commentCount: texts.length,
    comments: withheld ? [] : [...texts].sort((a, b) => a.localeCompare(b, 'fr')),
  };
}
