// The VAE steps of the candidate's journey timeline (client/src/domain/journey.ts), as pure functions.
import { describe, expect, it } from 'vitest';
import { sortAcquired, vaeStepsFor, type VaeFacts } from '../../client/src/domain/journey.ts';

const facts = (over: Partial<VaeFacts>): VaeFacts => ({ state: 'REGISTERED', periods: 0, pendingPeriods: 0, eligible: false, resultPublished: false, ...over });
const statuses = (f: VaeFacts) => vaeStepsFor(f).map((step) => `${step.step}:${step.status}`);

describe('VAE journey steps', () => {
  it('experience declared → eligibility checked → evaluation → per-block result', () => {
    expect(statuses(facts({}))).toEqual(['experience:current', 'eligibility:upcoming', 'evaluation:upcoming', 'blocks:upcoming']);
    expect(statuses(facts({ periods: 2, pendingPeriods: 2 }))).toEqual(['experience:done', 'eligibility:current', 'evaluation:upcoming', 'blocks:upcoming']);
    expect(statuses(facts({ periods: 1, eligible: true, state: 'FILE_ACKNOWLEDGED' }))).toEqual(['experience:done', 'eligibility:done', 'evaluation:current', 'blocks:upcoming']);
    expect(statuses(facts({ periods: 1, eligible: true, state: 'RESULT_PUBLISHED', resultPublished: true }))).toEqual(['experience:done', 'eligibility:done', 'evaluation:done', 'blocks:done']);
  });

  it('orders acquired blocks by date, then code', () => {
    const blocks = [
      { blockCode: 'B2', acquiredAt: '2026-03-01T00:00:00.000Z', source: 'DECISION' as const, viaEquivalence: null },
      { blockCode: 'A9', acquiredAt: '2025-01-01T00:00:00.000Z', source: 'EQUIVALENCE' as const, viaEquivalence: { certificationCode: 'CQP1', blockCode: 'X' } },
      { blockCode: 'B1', acquiredAt: '2026-03-01T00:00:00.000Z', source: 'DECISION' as const, viaEquivalence: null },
    ];
    expect(sortAcquired(blocks).map((b) => b.blockCode)).toEqual(['A9', 'B1', 'B2']);
  });
});
