import { describe, expect, it } from 'vitest';
import { planRetake, type RetakeFacts } from './retake.rules.ts';

const failedByBlock: RetakeFacts = {
  state: 'RESULT_PUBLISHED',
  publishedOutcome: 'PARTIALLY_CERTIFIED',
  fraudConfirmed: false,
  newerAttemptExists: false,
  attemptsUsed: 1,
  maxAttempts: null,
  rule: 'BY_BLOCK',
  frameworkBlockCodes: ['BC01', 'BC02', 'BC03'],
  acquiredBlockCodes: ['BC01', 'BC02'],
};

describe('planRetake', () => {
  it('BY_BLOCK: covers only the blocks not yet acquired', () => {
    expect(planRetake(failedByBlock)).toEqual({ available: true, refusal: null, blockCodesInScope: ['BC03'], coveredBlockCodes: ['BC03'], attemptsLeft: null });
  });

  it('ALL_COMPETENCES: covers everything (stored as the empty scope)', () => {
    const plan = planRetake({ ...failedByBlock, rule: 'ALL_COMPETENCES', publishedOutcome: 'NOT_CERTIFIED', acquiredBlockCodes: ['BC01'] });
    expect(plan).toMatchObject({ available: true, blockCodesInScope: [], coveredBlockCodes: ['BC01', 'BC02', 'BC03'] });
  });

  it('refuses, in this order: fraud, unpublished, certified, already retaken, limit, nothing left', () => {
    expect(planRetake({ ...failedByBlock, state: 'FROZEN' }).refusal).toBe('FRAUD');
    expect(planRetake({ ...failedByBlock, fraudConfirmed: true }).refusal).toBe('FRAUD');
    expect(planRetake({ ...failedByBlock, state: 'DECIDED' }).refusal).toBe('NOT_PUBLISHED');
    expect(planRetake({ ...failedByBlock, publishedOutcome: null }).refusal).toBe('NOT_PUBLISHED');
    expect(planRetake({ ...failedByBlock, publishedOutcome: 'CERTIFIED' }).refusal).toBe('CERTIFIED');
    expect(planRetake({ ...failedByBlock, newerAttemptExists: true, maxAttempts: 1 }).refusal).toBe('ALREADY_RETAKEN');
    expect(planRetake({ ...failedByBlock, maxAttempts: 1 })).toMatchObject({ refusal: 'MAX_ATTEMPTS_REACHED', attemptsLeft: 0 });
    expect(planRetake({ ...failedByBlock, acquiredBlockCodes: ['BC01', 'BC02', 'BC03'] }).refusal).toBe('NOTHING_TO_RETAKE');
  });

  it('counts the attempts left against the limit', () => {
    expect(planRetake({ ...failedByBlock, maxAttempts: 3 })).toMatchObject({ available: true, attemptsLeft: 2 });
  });
});
