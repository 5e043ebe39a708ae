import { describe, expect, it } from 'vitest';
import { FEEDBACK_QUESTION_SET, FEEDBACK_REPORT_MIN_ANSWERS, feedbackInputSchema, feedbackReportOf, isFeedbackOpenState, ratingsOf, storedRatings } from './feedback.rules.ts';

const all = (rating: number) => FEEDBACK_QUESTION_SET.questions.map((question) => ({ question, rating }));
const row = (rating: number, comment: string | null = null) => ({ ratings: storedRatings({ ratings: all(rating), comment }), comment });

describe('feedback opening', () => {
  it('opens once the jury has decided, and only then', () => {
    expect(isFeedbackOpenState('DECIDED')).toBe(true);
    expect(isFeedbackOpenState('RESULT_PUBLISHED')).toBe(true);
    for (const state of ['REGISTERED', 'FILE_SUBMITTED', 'FILE_ACKNOWLEDGED', 'SCHEDULED', 'IN_EVALUATION', 'FROZEN', 'WITHDRAWN'] as const) {
      expect(isFeedbackOpenState(state), state).toBe(false);
    }
  });
});

describe('feedback input', () => {
  it('accepts one rating from 1 to 5 per question, trims the comment and drops an empty one', () => {
    expect(feedbackInputSchema.parse({ ratings: all(1), comment: '  Bien.  ' })).toEqual({ ratings: all(1), comment: 'Bien.' });
    expect(feedbackInputSchema.parse({ ratings: all(5), comment: '   ' }).comment).toBeNull();
    expect(feedbackInputSchema.parse({ ratings: all(5) }).comment).toBeNull();
  });

  it('refuses out-of-range and fractional ratings and long comments, each on its path', () => {
    const ratings = all(3);
    ratings[0] = { ...ratings[0], rating: 0 };
    ratings[1] = { ...ratings[1], rating: 2.5 };
    const result = feedbackInputSchema.safeParse({ ratings, comment: 'x'.repeat(2001) });
    expect(result.error!.issues.map((issue) => issue.path.join('.'))).toEqual(['ratings.0.rating', 'ratings.1.rating', 'comment']);
  });

  it('refuses a repeated question and names the missing ones', () => {
    const ratings = all(3);
    ratings[6] = { question: 'jury', rating: 4 };
    const result = feedbackInputSchema.safeParse({ ratings });
    expect(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['ratings.6.question', 'Question notée deux fois : jury.'],
      ['ratings', 'Notez chaque question ; il manque : overall.'],
    ]);
  });
});

describe('stored ratings', () => {
  it('carry the question-set version and read back in question order', () => {
    const stored = storedRatings({ ratings: [...all(4)].reverse(), comment: null });
    expect(stored.questionSetVersion).toBe(1);
    expect(ratingsOf(stored)).toEqual({ questionSetVersion: 1, ratings: all(4) });
  });

  it('read unversioned rows by the keys they share with the current set, ignoring anything else', () => {
    expect(ratingsOf({ information: 5, jury: 4, conditions: 9, training: 1 })).toEqual({
      questionSetVersion: 1,
      ratings: [
        { question: 'information', rating: 5 },
        { question: 'jury', rating: 4 },
      ],
    });
    expect(ratingsOf(null).ratings).toEqual([]);
  });
});

describe('the anonymous report', () => {
  it('averages, distributes and lists comments in alphabetical (not chronological) order from 5 answers', () => {
    const rows = [row(5, 'Très bien'), row(4), row(4, 'Accueil parfait'), row(2, 'Convocation tardive'), row(5)];
    const report = feedbackReportOf(rows);
    expect(report).toMatchObject({ answers: 5, withheld: false, minAnswers: FEEDBACK_REPORT_MIN_ANSWERS, commentCount: 3 });
    expect(report.comments).toEqual(['Accueil parfait', 'Convocation tardive', 'Très bien']);
    expect(report.questions[0]).toEqual({ question: 'information', answers: 5, average: 4, distribution: [0, 1, 0, 2, 2] });
  });

  it('gives counts only below the threshold', () => {
    const report = feedbackReportOf([row(5, 'Seul commentaire'), row(1)]);
    expect(report).toMatchObject({ answers: 2, withheld: true, commentCount: 1, comments: [] });
    expect(report.questions.every((question) => question.answers === 2 && question.average === null && question.distribution === null)).toBe(true);
  });

  it('has no average for a question nobody answered (older rows)', () => {
    const rows = Array.from({ length: 5 }, () => ({ ratings: { information: 3 }, comment: null }));
    const report = feedbackReportOf(rows);
    expect(report.questions.find((question) => question.question === 'welcome')).toEqual({ question: 'welcome', answers: 0, average: null, distribution: [0, 0, 0, 0, 0] });
  });
});
