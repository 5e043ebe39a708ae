import type { AttemptState } from '../graphql/types';

/** The six steps a candidate sees, in order. */
export const JOURNEY_STEPS = ['registered', 'file', 'slot', 'oral', 'result', 'certificate'] as const;
export type JourneyStep = (typeof JOURNEY_STEPS)[number];
export type StepStatus = 'done' | 'current' | 'upcoming';

/**
 * The step each attempt state belongs to. Steps before it are done, later ones upcoming.
 * FILE_SUBMITTED and FILE_ACKNOWLEDGED are both the "dossier" stage (the hint under the timeline
 * says what happens next); DECIDED and RESULT_PUBLISHED are both the "résultat" stage; FROZEN is the
 * last stage (certificate). WITHDRAWN has no current step.
 */
export const STEP_OF_STATE: Record<Exclude<AttemptState, 'WITHDRAWN'>, JourneyStep> = {
  REGISTERED: 'registered',
  FILE_SUBMITTED: 'file',
  FILE_ACKNOWLEDGED: 'file',
  SCHEDULED: 'slot',
  IN_EVALUATION: 'oral',
  DECIDED: 'result',
  RESULT_PUBLISHED: 'result',
  FROZEN: 'certificate',
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
