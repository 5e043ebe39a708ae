// The room registry: every real-time topic is declared here, typed, in one place.
export const rooms = {
  /** Everything about one partner's candidates (registrations, state changes). */
  partner: (partnerId: string) => `partner:${partnerId}` as const,
  /** One candidate's journey. */
  candidate: (candidateId: string) => `candidate:${candidateId}` as const,
  /** One live oral: presence, phase, scoring progress, deliberation. */
  oral: (oralId: string) => `oral:${oralId}` as const,
};

export const CANDIDATE_EVENT_TYPES = ['CANDIDATE_REGISTERED', 'CANDIDATE_UPDATED', 'ATTEMPT_STATE_CHANGED'] as const;
export type CandidateEventType = (typeof CANDIDATE_EVENT_TYPES)[number];
