// Pure rules for retakes ("nouvelle tentative"): when a failed attempt may be retaken and what the new attempt
// covers. BY_BLOCK (CQP, VAE, seed 004): only the blocks not yet acquired — acquired blocks stay acquired with
// their dates; ALL_COMPETENCES (seed 000, no partial validation): everything is re-sat.
import type { AttemptState, DecisionRule, Outcome } from '../../generated/prisma/enums.ts';

export const RETAKE_REFUSALS = ['FRAUD', 'NOT_PUBLISHED', 'CERTIFIED', 'ALREADY_RETAKEN', 'MAX_ATTEMPTS_REACHED', 'NOTHING_TO_RETAKE'] as const;
export type RetakeRefusal = (typeof RETAKE_REFUSALS)[number];

export interface RetakeFacts {
  state: AttemptState;
  /** The outcome of the attempt's result once published; null before publication (or without result). */
  publishedOutcome: Outcome | null;
  /** A fraud report on the attempt was confirmed. */
  fraudConfirmed: boolean;
  /** The candidate already has a later attempt at this certification. */
  newerAttemptExists: boolean;
  /** Attempts the candidate has at this certification (this one included). */
  attemptsUsed: number;
  /** Certification.maxAttempts: null = unlimited. */
  maxAttempts: number | null;
  rule: DecisionRule;
  /** Block codes of the certification's current published framework, in order. */
  frameworkBlockCodes: string[];
  /** Blocks the candidate has acquired at this certification (AcquiredBlock). */
  acquiredBlockCodes: string[];
}

export interface RetakePlan {
  available: boolean;
  /** Why not, the first rule that refuses (null when available). */
  refusal: RetakeRefusal | null;
  /** What the new attempt stores as Attempt.blockCodesInScope (empty = every block). */
  blockCodesInScope: string[];
  /** The blocks the new attempt would cover, spelled out (every block for ALL_COMPETENCES). */
  coveredBlockCodes: string[];
  /** Attempts left after this one, before a retake is opened; null = unlimited. */
  attemptsLeft: number | null;
}

export function planRetake(facts: RetakeFacts): RetakePlan {
  const acquired = new Set(facts.acquiredBlockCodes);
  const byBlock = facts.rule === 'BY_BLOCK';
  const coveredBlockCodes = byBlock ? facts.frameworkBlockCodes.filter((code) => !acquired.has(code)) : [...facts.frameworkBlockCodes];
  const attemptsLeft = facts.maxAttempts === null ? null : Math.max(0, facts.maxAttempts - facts.attemptsUsed);
  const refusal = firstRefusal(facts, coveredBlockCodes.length, attemptsLeft);
  return {
    available: refusal === null,
    refusal,
    blockCodesInScope: byBlock ? coveredBlockCodes : [],
    coveredBlockCodes,
    attemptsLeft,
  };
}

function firstRefusal(facts: RetakeFacts, covered: number, attemptsLeft: number | null): RetakeRefusal | null {
  if (facts.state === 'FROZEN' || facts.fraudConfirmed) return 'FRAUD';
  if (facts.state !== 'RESULT_PUBLISHED' || facts.publishedOutcome === null) return 'NOT_PUBLISHED';
  if (facts.publishedOutcome === 'CERTIFIED') return 'CERTIFIED';
  if (facts.newerAttemptExists) return 'ALREADY_RETAKEN';
  if (attemptsLeft === 0) return 'MAX_ATTEMPTS_REACHED';
  if (covered === 0) return 'NOTHING_TO_RETAKE';
  return null;
}
