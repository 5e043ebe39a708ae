import { describe, expect, it } from 'vitest';
import {
  drawNewOrder,
  drawQuestions,
  isCorrect,
  normalizeQuestion,
  parseImport,
  progressByCompetence,
  revisionSuggestions,
  scoreByCompetence,
  seededRng,
  shuffle,
  validateAnswer,
} from './quiz.rules.ts';

// 3 competences: A has 6 questions, B 4, C 2.
const pool = [
  ...Array.from({ length: 6 }, (_, i) => ({ id: `a${i}`, competenceId: 'A' })),
  ...Array.from({ length: 4 }, (_, i) => ({ id: `b${i}`, competenceId: 'B' })),
  ...Array.from({ length: 2 }, (_, i) => ({ id: `c${i}`, competenceId: 'C' })),
];
const countBy = (items: { competenceId: string }[]) => items.reduce<Record<string, number>>((acc, q) => ({ ...acc, [q.competenceId]: (acc[q.competenceId] ?? 0) + 1 }), {});

describe('draw', () => {
  it('balances across competences: counts differ by at most one while each has questions left', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const six = countBy(drawQuestions(pool, 6, seededRng(seed)));
      expect(six).toEqual({ A: 2, B: 2, C: 2 });
      const nine = countBy(drawQuestions(pool, 9, seededRng(seed)));
      expect(nine.C).toBe(2); // C runs out at 2; A and B share the other 7 evenly
      expect([nine.A, nine.B].sort()).toEqual([3, 4]);
      const four = Object.values(countBy(drawQuestions(pool, 4, seededRng(seed))));
      expect(Math.max(...four) - Math.min(...four)).toBeLessThanOrEqual(1);
    }
  });
  it('never draws a question twice, and draws all of a small bank', () => {
    const all = drawQuestions(pool, 50, seededRng(7));
    expect(all).toHaveLength(pool.length);
    expect(new Set(all.map((q) => q.id)).size).toBe(pool.length);
  });
  it('is reproducible with a seed, and two draws differ in order', () => {
    const ids = (seed: number) => drawQuestions(pool, 12, seededRng(seed)).map((q) => q.id);
    expect(ids(42)).toEqual(ids(42));
    expect(ids(42)).not.toEqual(ids(43));
    expect([...ids(42)].sort()).toEqual([...ids(43)].sort());
  });
  it('mixes competences instead of grouping them', () => {
    const order = drawQuestions(pool, 6, seededRng(3)).map((q) => q.competenceId).join('');
    expect(order).not.toMatch(/^(AA|BB|CC)(AA|BB|CC)(AA|BB|CC)$/);
  });
  it('never serves an order already presented when another one exists', () => {
    const small = [{ id: 'x', competenceId: 'A' }, { id: 'y', competenceId: 'B' }];
    const rng = seededRng(1);
    for (let i = 0; i < 20; i++) {
      expect(drawNewOrder(small, 2, [['x', 'y']], rng).map((q) => q.id)).toEqual(['y', 'x']);
    }
    const previous: string[][] = [];
    for (let i = 0; i < 30; i++) {
      const ids = drawNewOrder(pool, 6, previous, rng).map((q) => q.id);
      expect(previous.map((p) => p.join())).not.toContain(ids.join());
      previous.push(ids);
    }
  });
  it('shuffles without losing items', () => {
    expect(shuffle([1, 2, 3, 4, 5], seededRng(9)).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('questions', () => {
  const choices = [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }];
  const paths = (draft: Record<string, unknown>) => normalizeQuestion(draft).issues.map((i) => i.path.join('.'));
  it('accepts each kind and normalises the correct answer', () => {
    expect(normalizeQuestion({ kind: 'SINGLE_CHOICE', prompt: 'Q', choices, correct: 'b' }).question?.correctAnswer).toBe('b');
    expect(normalizeQuestion({ kind: 'MULTIPLE_CHOICE', prompt: 'Q', choices, correct: ['c', 'a'] }).question?.correctAnswer).toEqual(['a', 'c']);
    expect(normalizeQuestion({ kind: 'TRUE_FALSE', prompt: 'Q', correct: false }).question).toMatchObject({ correctAnswer: 'false', choices: [{ id: 'true' }, { id: 'false' }] });
    expect(normalizeQuestion({ kind: 'NUMERIC', prompt: 'Q', correct: 3 }).question?.correctAnswer).toEqual({ value: 3, tolerance: 0 });
    expect(normalizeQuestion({ kind: 'NUMERIC', prompt: 'Q', correct: { value: 3.5, tolerance: 0.5 } }).question?.correctAnswer).toEqual({ value: 3.5, tolerance: 0.5 });
  });
  it('names each invalid field', () => {
    expect(paths({ kind: 'ESSAY', prompt: 'Q' })).toEqual(['kind']);
    expect(paths({ kind: 'SINGLE_CHOICE', prompt: ' ', choices, correct: 'z' })).toEqual(['prompt', 'correct']);
    expect(paths({ kind: 'SINGLE_CHOICE', prompt: 'Q', choices: [{ id: 'a', label: 'A' }], correct: 'a' })).toEqual(['choices']);
    expect(paths({ kind: 'SINGLE_CHOICE', prompt: 'Q', choices: [{ id: 'a', label: 'A' }, { id: 'a', label: '' }], correct: 'a' })).toEqual(['choices.1.id', 'choices.1.label']);
    expect(paths({ kind: 'MULTIPLE_CHOICE', prompt: 'Q', choices, correct: [] })).toEqual(['correct']);
    expect(paths({ kind: 'TRUE_FALSE', prompt: 'Q', correct: 'yes' })).toEqual(['correct']);
    expect(paths({ kind: 'NUMERIC', prompt: 'Q', correct: { value: 1, tolerance: -1 } })).toEqual(['correct']);
  });
  it('parses an import: malformed JSON, not an array, a row not an object', () => {
    expect(parseImport('[{').issues[0].path).toEqual(['questions']);
    expect(parseImport('{}').issues[0].path).toEqual(['questions']);
    expect(parseImport('[{}, 3]').issues.map((i) => i.path)).toEqual([['questions', 1]]);
  });
});

describe('answers and grading', () => {
  const single = { kind: 'SINGLE_CHOICE' as const, choices: [{ id: 'a' }, { id: 'b' }], correctAnswer: 'b' };
  const multiple = { kind: 'MULTIPLE_CHOICE' as const, choices: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], correctAnswer: ['a', 'c'] };
  const trueFalse = { kind: 'TRUE_FALSE' as const, choices: [{ id: 'true' }, { id: 'false' }], correctAnswer: 'true' };
  const numeric = { kind: 'NUMERIC' as const, choices: null, correctAnswer: { value: 10, tolerance: 0.5 } };
  it('validates the shape of an answer per kind', () => {
    expect(validateAnswer(single, { choiceIds: ['a', 'b'] }).message).toBeTruthy();
    expect(validateAnswer(single, { choiceIds: ['z'] }).message).toBeTruthy();
    expect(validateAnswer(multiple, { choiceIds: [] }).message).toBeTruthy();
    expect(validateAnswer(multiple, { choiceIds: ['c', 'a'] }).answer).toEqual({ choiceIds: ['a', 'c'] });
    expect(validateAnswer(numeric, { choiceIds: ['a'] }).message).toBeTruthy();
    expect(validateAnswer(numeric, { number: 9.6 }).answer).toEqual({ number: 9.6 });
  });
  it('grades each kind', () => {
    expect(isCorrect(single, { choiceIds: ['b'] })).toBe(true);
    expect(isCorrect(single, { choiceIds: ['a'] })).toBe(false);
    expect(isCorrect(multiple, { choiceIds: ['c', 'a'] })).toBe(true);
    expect(isCorrect(multiple, { choiceIds: ['a'] })).toBe(false); // partial is wrong
    expect(isCorrect(multiple, { choiceIds: ['a', 'b', 'c'] })).toBe(false);
    expect(isCorrect(trueFalse, { choiceIds: ['true'] })).toBe(true);
    expect(isCorrect(trueFalse, { choiceIds: ['false'] })).toBe(false);
    expect(isCorrect(numeric, { number: 10.5 })).toBe(true);
    expect(isCorrect(numeric, { number: 9.4 })).toBe(false);
    expect(isCorrect({ ...numeric, correctAnswer: 4 }, { number: 4 })).toBe(true);
    expect(isCorrect(single, null)).toBe(false); // unanswered
  });
});

describe('scores', () => {
  const C1 = { id: '1', code: 'C1', title: 'One', position: 1 };
  const C2 = { id: '2', code: 'C2', title: 'Two', position: 2 };
  it('scores per competence and suggests those below 60 %', () => {
    const results = scoreByCompetence([
      { competence: C2, correct: true },
      { competence: C1, correct: true },
      { competence: C1, correct: false },
      { competence: C1, correct: false },
      { competence: C2, correct: true },
    ]);
    expect(results).toMatchObject({ correct: 3, total: 5, percent: 60 });
    expect(results.competences).toEqual([
      { competenceId: '1', code: 'C1', title: 'One', correct: 1, total: 3, percent: 33, revise: true },
      { competenceId: '2', code: 'C2', title: 'Two', correct: 2, total: 2, percent: 100, revise: false },
    ]);
    expect(revisionSuggestions(results).map((c) => c.code)).toEqual(['C1']);
  });
  it('tracks progress per competence over quizzes', () => {
    const first = scoreByCompetence([{ competence: C1, correct: false }, { competence: C2, correct: true }]);
    const second = scoreByCompetence([{ competence: C1, correct: true }, { competence: C2, correct: true }]);
    const progress = progressByCompetence([
      { id: 'q2', submittedAt: new Date('2027-01-02'), results: second },
      { id: 'q1', submittedAt: new Date('2027-01-01'), results: first },
    ]);
    expect(progress.map((p) => [p.code, p.points.map((x) => x.quizId), p.latestPercent, p.bestPercent, p.trend])).toEqual([
      ['C1', ['q1', 'q2'], 100, 100, 100],
      ['C2', ['q1', 'q2'], 100, 100, 0],
    ]);
  });
});
