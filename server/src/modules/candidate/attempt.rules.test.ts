import { describe, expect, it } from 'vitest';
import { AttemptState } from '../../generated/prisma/enums.ts';
import { ATTEMPT_TRANSITIONS, LIVE_ATTEMPT_STATES, assertAttemptTransition, assertUnfreeze, canTransitionAttempt } from './attempt.rules.ts';

const ALL = Object.values(AttemptState);
const HAPPY_PATH = ['REGISTERED', 'FILE_SUBMITTED', 'FILE_ACKNOWLEDGED', 'SCHEDULED', 'IN_EVALUATION', 'DECIDED', 'RESULT_PUBLISHED'] as const;

/** The expected table, written independently of the implementation. */
function expected(from: AttemptState, to: AttemptState): boolean {
  const index = HAPPY_PATH.indexOf(from as never);
  if (index >= 0 && HAPPY_PATH[index + 1] === to) return true;
  if (from === 'FILE_SUBMITTED' && to === 'FILE_SUBMITTED') return true; // re-upload before acknowledgment
  if (from === 'FILE_SUBMITTED' && to === 'REGISTERED') return true; // file returned as incomplete
  if (from === 'DECIDED' && to === 'IN_EVALUATION') return true; // deliberation reopened before signatures
  if (from === 'SCHEDULED' && to === 'FILE_ACKNOWLEDGED') return true; // booking cancelled
  if (from === 'RESULT_PUBLISHED' && to === 'IN_EVALUATION') return true; // re-evaluation after an upheld appeal
  if ((to === 'FROZEN' || to === 'WITHDRAWN') && (LIVE_ATTEMPT_STATES as readonly string[]).includes(from)) return true;
  return false;
}

describe('attempt transitions', () => {
  it('covers every state', () => {
    expect(Object.keys(ATTEMPT_TRANSITIONS).sort()).toEqual([...ALL].sort());
  });

  for (const from of ALL) {
    for (const to of ALL) {
      const allowed = expected(from, to);
      it(`${from} → ${to} is ${allowed ? 'allowed' : 'refused'}`, () => {
        expect(canTransitionAttempt(from, to)).toBe(allowed);
        if (allowed) expect(() => assertAttemptTransition(from, to)).not.toThrow();
        else expect(() => assertAttemptTransition(from, to)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
      });
    }
  }

  it('lets nothing leave a final state, and a published result only to a re-evaluation', () => {
    for (const final of ['FROZEN', 'WITHDRAWN'] as const) expect(ATTEMPT_TRANSITIONS[final]).toEqual([]);
    expect(ATTEMPT_TRANSITIONS.RESULT_PUBLISHED).toEqual(['IN_EVALUATION']);
  });

  it('unfreezes only from FROZEN, only to a live state', () => {
    for (const from of ALL) {
      for (const to of ALL) {
        const allowed = from === 'FROZEN' && (LIVE_ATTEMPT_STATES as readonly string[]).includes(to);
        if (allowed) expect(() => assertUnfreeze(from, to)).not.toThrow();
        else expect(() => assertUnfreeze(from, to)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
      }
    }
  });
});
