// Moderation of appeals ("contestations") and complaints ("réclamations"): one state machine for both.
// SUBMITTED → UNDER_REVIEW → UPHELD | REJECTED → CLOSED. Upholding or rejecting always carries a reason, which
// the candidate reads. The answer is due 30 days after submission.
import type { CaseState } from '../generated/prisma/enums.ts';
import { addDays, atRiskBefore, deadline, type Deadline } from './deadlines.ts';

export const ANSWER_WITHIN_DAYS = 30;
/** An open case is at risk when its answer is late or due within this many days. */
export const CASE_AT_RISK_WITHIN_DAYS = 7;

const NEXT: Record<CaseState, readonly CaseState[]> = {
  SUBMITTED: ['UNDER_REVIEW'],
  UNDER_REVIEW: ['UPHELD', 'REJECTED'],
  UPHELD: ['CLOSED'],
  REJECTED: ['CLOSED'],
  CLOSED: [],
};

export const OPEN_CASE_STATES: readonly CaseState[] = ['SUBMITTED', 'UNDER_REVIEW'];

export function canMoveCase(from: CaseState, to: CaseState): boolean {
  return NEXT[from].includes(to);
}

/** A decision (upheld or rejected) must be explained to the candidate. */
export function caseReasonRequired(to: CaseState): boolean {
  return to === 'UPHELD' || to === 'REJECTED';
}

export function answerByFor(submittedAt: Date): Date {
  return addDays(submittedAt, ANSWER_WITHIN_DAYS);
}

/** The answer deadline: done once the case left the open states (upheld, rejected or closed). */
export function caseDeadline(item: { state: CaseState; answerBy: Date }, now: Date = new Date()): Deadline {
  return deadline(item.answerBy, !OPEN_CASE_STATES.includes(item.state), CASE_AT_RISK_WITHIN_DAYS, now);
}

/** The database filter matching `caseDeadline().atRisk`: open cases late or due within the at-risk window. */
export function openCaseAtRiskWhere(now: Date = new Date()) {
  return { state: { in: [...OPEN_CASE_STATES] }, answerBy: { lt: atRiskBefore(CASE_AT_RISK_WITHIN_DAYS, now) } };
}
