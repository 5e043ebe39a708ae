// The candidate an Attempt row was loaded under, for row rules that need the candidate's partner.
//
// Attempt.result and Attempt.certificates check, per row, that the viewer may see the attempt's candidate; for a
// partner that is the candidate's partnerId, which an attempt row does not hold. Read under each attempt it costs a
// join per attempt. Under Candidate.attempts the candidate is the parent row, already read: Candidate.attempts
// records it for each of its attempt rows, and those two fields then select no join (`underCandidateAttempts`,
// decided from the field's place in the query plan). The rule itself is unchanged: the same partnerId is compared.

/** Attempt row → the candidate row it was loaded under (Candidate.attempts). Weak: rows go with their request. */
const candidateOfAttempt = new WeakMap<object, { id: string; partnerId: string }>();

export function recordCandidateOfAttempts<T extends object>(candidate: { id: string; partnerId: string }, attempts: T[]): T[] {
  for (const attempt of attempts) candidateOfAttempt.set(attempt, candidate);
  return attempts;
}

/**
 * The partner of an attempt's candidate, for a partner's row rule: the joined candidate's when it was selected,
 * else the one the attempt was loaded under, else '' (matches no partner: the rule denies).
 */
export function candidatePartnerOf(attempt: { candidate?: { partnerId?: string } }): string {
  return attempt.candidate?.partnerId ?? candidateOfAttempt.get(attempt)?.partnerId ?? '';
}

/** The plan position plugin-prisma's selection walker passes a field's selection (see requested-fields.ts). */
export interface SelectionPosition {
  parent?: { type?: { name?: string }; field?: { name?: string } };
}

/** Whether the field being selected is on an Attempt loaded by Candidate.attempts (its candidate then recorded). */
export function underCandidateAttempts(position: SelectionPosition | undefined): boolean {
  return position?.parent?.type?.name === 'Candidate' && position.parent.field?.name === 'attempts';
}
