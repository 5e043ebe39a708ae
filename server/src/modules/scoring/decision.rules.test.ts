import { describe, expect, it } from 'vitest';
import { aggregateCompetences, decide, type FrameworkShape } from './decision.rules.ts';

const framework: FrameworkShape = {
  blocks: [
    {
      code: 'BC01',
      title: 'Bloc 1',
      competences: [
        { id: 'c1', code: 'C1', title: 'C1', minimumScore: 3, criteria: [{ id: 'k1' }, { id: 'k2' }] },
        { id: 'c2', code: 'C2', title: 'C2', minimumScore: 2, criteria: [{ id: 'k3' }] },
      ],
    },
    {
      code: 'BC02',
      title: 'Bloc 2',
      competences: [{ id: 'c3', code: 'C3', title: 'C3', minimumScore: 2.5, criteria: [{ id: 'k4' }] }],
    },
  ],
};

describe('aggregation', () => {
  const scores = [
    { jurorId: 'a', criterionId: 'k1', value: 4 },
    { jurorId: 'a', criterionId: 'k2', value: 2 },
    { jurorId: 'b', criterionId: 'k1', value: 1 },
    { jurorId: 'b', criterionId: 'k2', value: 1 },
    { jurorId: 'c', criterionId: 'k1', value: 2 },
    { jurorId: 'c', criterionId: 'k2', value: 2 },
    { jurorId: 'a', criterionId: 'k3', value: 3 },
    { jurorId: 'b', criterionId: 'k3', value: 3 },
    { jurorId: 'b', criterionId: 'k4', value: null },
  ];

  it('averages each juror over their criteria, then aggregates across jurors', () => {
    const [c1, c2, c3] = aggregateCompetences(framework, ['a', 'b', 'c'], scores, 'MEAN', 1);
    expect(c1.byJuror).toEqual({ a: 3, b: 1, c: 2 });
    expect(c1.aggregate).toBe(2);
    expect(c2.byJuror).toEqual({ a: 3, b: 3, c: null });
    expect(c2.aggregate).toBe(3);
    expect(c3.aggregate).toBeNull();
    expect(c3.spread).toBeNull();
  });

  it('uses the median when configured', () => {
    const [c1] = aggregateCompetences(framework, ['a', 'b', 'c'], scores, 'MEDIAN', 1);
    expect(c1.aggregate).toBe(2);
    const [even] = aggregateCompetences(framework, ['a', 'b'], scores, 'MEDIAN', 1);
    expect(even.aggregate).toBe(2);
  });

  it('flags a spread strictly above the threshold only', () => {
    const [c1, c2] = aggregateCompetences(framework, ['a', 'b', 'c'], scores, 'MEAN', 2);
    expect(c1.spread).toBe(2);
    expect(c1.flagged).toBe(false);
    expect(aggregateCompetences(framework, ['a', 'b', 'c'], scores, 'MEAN', 1.5)[0].flagged).toBe(true);
    expect(c2.flagged).toBe(false);
  });
});

describe('ALL_COMPETENCES', () => {
  it('certifies when every competence is exactly at its minimum', () => {
    const result = decide({ rule: 'ALL_COMPETENCES', framework, agreed: { c1: 3, c2: 2, c3: 2.5 } });
    expect(result.outcome).toBe('CERTIFIED');
    expect(result.ruleVersion).toBe('all-competences@2');
    expect(result.validatedBlockCodes).toEqual(['BC01', 'BC02']);
  });

  it('refuses when one competence is just below, with no partial validation', () => {
    const result = decide({ rule: 'ALL_COMPETENCES', framework, agreed: { c1: 3, c2: 1.99, c3: 4 } });
    expect(result.outcome).toBe('NOT_CERTIFIED');
    expect(result.validatedBlockCodes).toEqual([]);
    expect(result.explanation.fr).toContain('C2');
  });

  it('counts a competence with no agreed score as not validated', () => {
    expect(decide({ rule: 'ALL_COMPETENCES', framework, agreed: { c1: 4, c2: 4 } }).outcome).toBe('NOT_CERTIFIED');
  });

  it('compares rounded scores (2.999999 counts as 3)', () => {
    expect(decide({ rule: 'ALL_COMPETENCES', framework, agreed: { c1: 2.999999, c2: 2, c3: 3 } }).outcome).toBe('CERTIFIED');
  });
});

describe('BY_BLOCK', () => {
  it('certifies when every block is validated', () => {
    const result = decide({ rule: 'BY_BLOCK', framework, agreed: { c1: 3, c2: 2, c3: 3 } });
    expect(result.outcome).toBe('CERTIFIED');
    expect(result.validatedBlockCodes).toEqual(['BC01', 'BC02']);
  });

  it('awards some blocks when others fail or are missing entirely', () => {
    const result = decide({ rule: 'BY_BLOCK', framework, agreed: { c1: 3, c2: 2 } });
    expect(result.outcome).toBe('PARTIALLY_CERTIFIED');
    expect(result.validatedBlockCodes).toEqual(['BC01']);
    expect(result.blocks.find((b) => b.code === 'BC02')?.validated).toBe(false);
  });

  it('awards nothing when no block is validated', () => {
    expect(decide({ rule: 'BY_BLOCK', framework, agreed: { c1: 2, c2: 2, c3: 1 } }).outcome).toBe('NOT_CERTIFIED');
  });

  it('keeps earlier acquired blocks and certifies once the missing ones are validated', () => {
    const retake = decide({ rule: 'BY_BLOCK', framework, agreed: { c3: 3 }, acquiredBlockCodes: ['BC01'], blockCodesInScope: ['BC02'] });
    expect(retake.outcome).toBe('CERTIFIED');
    expect(retake.validatedBlockCodes).toEqual(['BC02']);
    expect(retake.blocks[0]).toMatchObject({ acquiredEarlier: true, inScope: false, validated: true });
  });

  it('does not count an out-of-scope block as validated', () => {
    const result = decide({ rule: 'BY_BLOCK', framework, agreed: { c1: 4, c2: 4, c3: 4 }, blockCodesInScope: ['BC01'] });
    expect(result.outcome).toBe('PARTIALLY_CERTIFIED');
    expect(result.validatedBlockCodes).toEqual(['BC01']);
  });
});
