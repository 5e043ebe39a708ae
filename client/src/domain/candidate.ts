import type { Attempt, AttemptState, Candidate } from '../graphql/types';

/** "Prénom NOM" using the usage name when there is one (French administrative convention). */
export function candidateDisplayName(candidate: Pick<Candidate, 'firstName' | 'birthName' | 'usageName'>): string {
  const lastName = candidate.usageName?.trim() || candidate.birthName;
  return `${candidate.firstName} ${lastName.toLocaleUpperCase('fr-FR')}`;
}

/** The birth name, when it differs from the name used day to day. */
export function distinctBirthName(candidate: Pick<Candidate, 'birthName' | 'usageName'>): string | null {
  const usage = candidate.usageName?.trim();
  if (!usage || usage.toLocaleLowerCase('fr-FR') === candidate.birthName.toLocaleLowerCase('fr-FR')) return null;
  return candidate.birthName.toLocaleUpperCase('fr-FR');
}

/** Attempts, most recent first (by attempt number, then creation date). */
export function sortAttemptsRecentFirst<T extends Pick<Attempt, 'attemptNumber' | 'createdAt'>>(attempts: readonly T[]): T[] {
  return [...attempts].sort(
    (a, b) => b.attemptNumber - a.attemptNumber || Date.parse(b.createdAt) - Date.parse(a.createdAt),
  );
}

export function latestAttempt(candidate: Pick<Candidate, 'attempts'>): Attempt | null {
  return sortAttemptsRecentFirst(candidate.attempts)[0] ?? null;
}

export interface CandidateFilter {
  state: AttemptState | null;
  certificationId: string | null;
}

/** Client-side mirror of the server filter, used to place live updates in a filtered list. */
export function candidateMatchesFilter(candidate: Candidate, filter: CandidateFilter): boolean {
  if (!filter.state && !filter.certificationId) return true;
  return candidate.attempts.some(
    (attempt) =>
      (!filter.state || attempt.state === filter.state) &&
      (!filter.certificationId || attempt.certification.id === filter.certificationId),
  );
}
