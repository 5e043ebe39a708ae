import type { AttemptState } from '../graphql/types';

/** The six steps a candidate sees, in order. */
export const JOURNEY_STEPS = ['registered', 'file', 'slot', 'oral', 'result', 'certificate'] as const;
export type JourneyStep = (typeof JOURNEY_STEPS)[number];
export type StepStatus = 'done' | 'current' | 'upcoming';

/**
 * The step each attempt state belongs to. Steps before it are done, later ones upcoming.
 * FILE_SUBMITTED and FILE_ACKNOWLEDGED are both the "dossier" stage (the hint under the timeline
 * says what happens next); DECIDED and RESULT_PUBLISHED are both the "résultat" stage, and so is FROZEN (a
 * fraud report under an admin's review holds the result back). WITHDRAWN has no current step.
 */
export const STEP_OF_STATE: Record<Exclude<AttemptState, 'WITHDRAWN'>, JourneyStep> = {
  REGISTERED: 'registered',
  FILE_SUBMITTED: 'file',
  FILE_ACKNOWLEDGED: 'file',
  SCHEDULED: 'slot',
  IN_EVALUATION: 'oral',
  DECIDED: 'result',
  RESULT_PUBLISHED: 'result',
  FROZEN: 'result',
};

export interface JourneyStepView {
  step: JourneyStep;
  status: StepStatus;
}

export interface JourneyView {
  steps: JourneyStepView[];
  withdrawn: boolean;
}

export function journeyFor(state: AttemptState): JourneyView {
  if (state === 'WITHDRAWN') {
    return { withdrawn: true, steps: JOURNEY_STEPS.map((step) => ({ step, status: 'upcoming' })) };
  }
  const current = JOURNEY_STEPS.indexOf(STEP_OF_STATE[state]);
  return {
    withdrawn: false,
    steps: JOURNEY_STEPS.map((step, index) => ({
      step,
      status: index < current ? 'done' : index === current ? 'current' : 'upcoming',
    })),
  };
}

// ─── VAE (validation des acquis de l'expérience) and acquired blocks ───

/** The four VAE steps a candidate sees, in order. */
export const VAE_STEPS = ['experience', 'eligibility', 'evaluation', 'blocks'] as const;
export type VaeStep = (typeof VAE_STEPS)[number];

export interface VaeFacts {
  state: AttemptState;
  /** Periods declared, and how many are still to be checked. */
  periods: number;
  pendingPeriods: number;
  eligible: boolean;
  /** The result, once the candidate may see it (published). */
  resultPublished: boolean;
}

export interface VaeStepView {
  step: VaeStep;
  status: StepStatus;
}

/**
 * experience declared → eligibility checked → evaluation → per-block result. Experience is done once a period is
 * declared; eligibility once the accepted periods make the year (current while periods await review or fall
 * short); evaluation is current from the booking to the decision; the per-block result once published.
 */
export function vaeStepsFor(facts: VaeFacts): VaeStepView[] {
  let current: number;
  if (facts.resultPublished) current = VAE_STEPS.length;
  else if (!facts.periods) current = 0;
  else if (!facts.eligible) current = 1;
  else current = 2; // eligible: the evaluation (booking, interview or observation, decision) is next or under way
  return VAE_STEPS.map((step, index) => ({ step, status: index < current ? 'done' : index === current ? 'current' : 'upcoming' }));
}

export interface AcquiredBlockItem {
  blockCode: string;
  acquiredAt: string;
  source: 'DECISION' | 'EQUIVALENCE';
  viaEquivalence: { certificationCode: string; blockCode: string } | null;
}

/** Acquired blocks, oldest first, then by code (the order the server gives, re-established for safety). */
export function sortAcquired<T extends AcquiredBlockItem>(blocks: readonly T[]): T[] {
  return [...blocks].sort((a, b) => a.acquiredAt.localeCompare(b.acquiredAt) || a.blockCode.localeCompare(b.blockCode));
}
