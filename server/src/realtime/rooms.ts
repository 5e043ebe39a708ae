// The room registry: every real-time topic is declared here, typed, in one place.
export const rooms = {
  /** Everything about one partner's candidates (registrations, state changes). */
  partner: (partnerId: string) => `partner:${partnerId}` as const,
  /** One candidate's journey. */
  candidate: (candidateId: string) => `candidate:${candidateId}` as const,
  /** One live oral: presence, phase, scoring progress, deliberation. */
  oral: (oralId: string) => `oral:${oralId}` as const,
  /** The schedule one person follows: a candidate's bookings, a juror's orals, a partner's candidates' bookings. */
  schedule: (owner: 'candidate' | 'juror' | 'partner', id: string) => `schedule:${owner}:${id}` as const,
  /** Free places of a certification's slots, for candidates choosing one and admins planning sessions. */
  slots: (certificationId: string) => `slots:${certificationId}` as const,
  /** One appeal's moderation, for its candidate and the certifier's admins (appealEvents). */
  appeal: (appealId: string) => `appeal:${appealId}` as const,
  /** The certifier admins' queue of appeals (appealQueueEvents). */
  appealQueue: (certifierId: string) => `appeals:${certifierId}` as const,
  /** Complaints a candidate filed, a partner receives (TRAINING), or a certifier's admins follow (all). */
  complaints: (owner: 'candidate' | 'partner' | 'certifier', id: string) => `complaints:${owner}:${id}` as const,
  /** One user's in-app notifications (notificationEvents). */
  notifications: (userId: string) => `notifications:${userId}` as const,
  /** Wakes the notification delivery workers after a commit that created notifications; never logged. */
  notificationOutbox: () => 'outbox:notifications' as const,
};

export const CANDIDATE_EVENT_TYPES = ['CANDIDATE_REGISTERED', 'CANDIDATE_UPDATED', 'ATTEMPT_STATE_CHANGED', 'RETAKE_OPENED'] as const;
export type CandidateEventType = (typeof CANDIDATE_EVENT_TYPES)[number];
