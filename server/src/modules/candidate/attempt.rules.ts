// The attempt's state machine as an explicit table. Services move an attempt only through
// `assertAttemptTransition`; anything not in the table is refused with INVALID_STATE.
import type { AttemptState } from '../../generated/prisma/enums.ts';
import { AppError } from '../../lib/errors.ts';

/** States in which an attempt is still running: it may be frozen (fraud, investigation) or withdrawn. */
export const LIVE_ATTEMPT_STATES = [
  'REGISTERED',
  'FILE_SUBMITTED',
  'FILE_ACKNOWLEDGED',
  'SCHEDULED',
  'IN_EVALUATION',
  'DECIDED',
] as const satisfies readonly AttemptState[];

const STOP: AttemptState[] = ['FROZEN', 'WITHDRAWN'];

/**
 * from → allowed targets. FILE_SUBMITTED → FILE_SUBMITTED is a re-upload before acknowledgment (a new
 * project-file version); SCHEDULED → FILE_ACKNOWLEDGED is a cancelled booking; RESULT_PUBLISHED → IN_EVALUATION
 * is the re-evaluation oral an upheld appeal opens (its decision then goes DECIDED → RESULT_PUBLISHED again).
 * FROZEN and WITHDRAWN are final here: nothing moves a frozen attempt on but `assertUnfreeze` (an admin
 * dismissing the fraud report that froze it).
 */
export const ATTEMPT_TRANSITIONS: Readonly<Record<AttemptState, readonly AttemptState[]>> = {
  REGISTERED: ['FILE_SUBMITTED', ...STOP],
  // Back to REGISTERED: an admin returned the file as incomplete (a new version starts a new 5-day clock).
  FILE_SUBMITTED: ['FILE_SUBMITTED', 'FILE_ACKNOWLEDGED', 'REGISTERED', ...STOP],
  FILE_ACKNOWLEDGED: ['SCHEDULED', ...STOP],
  SCHEDULED: ['IN_EVALUATION', 'FILE_ACKNOWLEDGED', ...STOP],
  IN_EVALUATION: ['DECIDED', ...STOP],
  // Back to evaluation: the president reopens deliberation before anyone signed the minutes.
  DECIDED: ['RESULT_PUBLISHED', 'IN_EVALUATION', ...STOP],
  // Re-evaluation after an upheld appeal (modules/appeal).
  RESULT_PUBLISHED: ['IN_EVALUATION'],
  FROZEN: [],
  WITHDRAWN: [],
};

export function canTransitionAttempt(from: AttemptState, to: AttemptState): boolean {
  return ATTEMPT_TRANSITIONS[from].includes(to);
}

/** Throws INVALID_STATE (with the current state) unless `from → to` is in the table. */
export function assertAttemptTransition(from: AttemptState, to: AttemptState): void {
  if (!canTransitionAttempt(from, to)) throw new AppError('INVALID_STATE', { state: from }, { state: from, to });
}

/** A dismissed fraud report returns a FROZEN attempt to the live state it was frozen in, and only that way. */
export function assertUnfreeze(from: AttemptState, to: AttemptState): void {
  if (from !== 'FROZEN' || !(LIVE_ATTEMPT_STATES as readonly AttemptState[]).includes(to)) {
    throw new AppError('INVALID_STATE', { state: from }, { state: from, to });
  }
}
