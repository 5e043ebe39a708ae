// Pure rules of the assessed questionnaire: deadline, lateness, draw size, scale score, and how the decision
// rules use the questionnaire score for competences assessed by questionnaire.
import { describe, expect, it } from 'vitest';
import { decide, RULES_VERSION, type FrameworkShape } from '../scoring/decision.rules.ts';
import { assessedQuestionCount, assessedResults, isTimeUp, questionnaireDeadline, QUESTIONNAIRE_OPEN_STATES, scoreOnScale } from './quiz.rules.ts';

const framework: FrameworkShape = {
  blocks: [
    {
      code: 'BC01',
      title: 'Bloc 1',
      competences: [
        { id: 'c1', code: 'C1', title: 'Oral', minimumScore: 2, criteria: [{ id: 'k1' }] },
        { id: 'c2', code: 'C2', title: 'QCM', minimumScore: 2, byQuestionnaire: true, criteria: [] },
      ],
    },
    { code: 'BC02', title: 'Bloc 2', competences: [{ id: 'c3', code: 'C3', title: 'QCM', minimumScore: 2, byQuestionnaire: true, criteria: [] }] },
  ],
};

describe('questionnaire timing', () => {
  it('adds the candidate’s extra time to the certification’s duration', () => {
    const start = new Date('2026-03-02T09:00:00Z');
    expect(questionnaireDeadline(start, 30)).toEqual(new Date('2026-03-02T09:30:00Z'));
    expect(questionnaireDeadline(start, 30, 10)).toEqual(new Date('2026-03-02T09:40:00Z'));
  });

  it('counts an answer at the deadline instant, refuses one a millisecond later', () => {
    const deadline = new Date('2026-03-02T09:30:00Z');
    expect(isTimeUp(deadline, deadline)).toBe(false);
    expect(isTimeUp(deadline, new Date(deadline.getTime() + 1))).toBe(true);
    expect(isTimeUp(null, new Date())).toBe(false);
  });

  it('opens once the file is acknowledged and closes at the decision', () => {
    expect(QUESTIONNAIRE_OPEN_STATES).toEqual(['FILE_ACKNOWLEDGED', 'SCHEDULED', 'IN_EVALUATION']);
  });
});

describe('questionnaire scores', () => {
  it('draws at least one question per competence', () => {
    expect(assessedQuestionCount(20, 3)).toBe(20);
    expect(assessedQuestionCount(2, 3)).toBe(3);
  });

  it('maps the share of right answers onto the framework scale', () => {
    expect(scoreOnScale(0, 0, 4)).toBe(0);
    expect(scoreOnScale(100, 0, 4)).toBe(4);
    expect(scoreOnScale(67, 0, 4)).toBe(2.68);
    expect(scoreOnScale(50, 1, 5)).toBe(3);
    const results = assessedResults({ correct: 1, total: 2, percent: 50, competences: [{ competenceId: 'c2', code: 'C2', title: 'QCM', correct: 1, total: 2, percent: 50, revise: true }] }, 0, 4);
    expect(results.competences[0].score).toBe(2);
  });
});

describe('decision with a questionnaire', () => {
  it('takes the questionnaire score for questionnaire competences and ignores any agreed score for them', () => {
    const result = decide({ rule: 'ALL_COMPETENCES', framework, agreed: { c1: 3, c2: 0, c3: 0 }, questionnaire: { c2: 4, c3: 2 } });
    expect(result.outcome).toBe('CERTIFIED');
    expect(result.ruleVersion).toBe(RULES_VERSION.ALL_COMPETENCES);
    expect(result.blocks.flatMap((b) => b.competences).map((c) => [c.code, c.source, c.score])).toEqual([
      ['C1', 'ORAL', 3],
      ['C2', 'QUESTIONNAIRE', 4],
      ['C3', 'QUESTIONNAIRE', 2],
    ]);
  });

  it('fails ALL_COMPETENCES on a failing questionnaire competence, and on a missing questionnaire', () => {
    const failing = decide({ rule: 'ALL_COMPETENCES', framework, agreed: { c1: 4 }, questionnaire: { c2: 4, c3: 1.5 } });
    expect(failing.outcome).toBe('NOT_CERTIFIED');
    expect(failing.explanation.en).toContain('C3');
    const missing = decide({ rule: 'ALL_COMPETENCES', framework, agreed: { c1: 4, c2: 4, c3: 4 } });
    expect(missing.outcome).toBe('NOT_CERTIFIED');
    expect(missing.blocks.flatMap((b) => b.competences).filter((c) => c.score === null).map((c) => c.code)).toEqual(['C2', 'C3']);
  });

  it('leaves only the failing questionnaire block unvalidated under BY_BLOCK', () => {
    const result = decide({ rule: 'BY_BLOCK', framework, agreed: { c1: 3 }, questionnaire: { c2: 2, c3: 0 } });
    expect(result.outcome).toBe('PARTIALLY_CERTIFIED');
    expect(result.validatedBlockCodes).toEqual(['BC01']);
  });

  it('scores a QUESTIONNAIRE competence by the jury when the certification has no assessed questionnaire', () => {
    const oralOnly: FrameworkShape = { blocks: framework.blocks.map((b) => ({ ...b, competences: b.competences.map((c) => ({ ...c, byQuestionnaire: false })) })) };
    expect(decide({ rule: 'ALL_COMPETENCES', framework: oralOnly, agreed: { c1: 3, c2: 3, c3: 3 }, questionnaire: { c2: 0, c3: 0 } }).outcome).toBe('CERTIFIED');
  });
});
