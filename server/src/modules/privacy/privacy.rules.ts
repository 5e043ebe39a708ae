// When a candidate's personal data must be kept (legal retention), so that erasure is refused with the reason.
import type { AttemptState, CdcPassageStatus, Outcome } from '../../generated/prisma/enums.ts';

export const RETENTION_REASONS = ['ATTEMPT_IN_PROGRESS', 'CERTIFICATION_AWARDED', 'CDC_TRANSMISSION_OWED'] as const;
export type RetentionReason = (typeof RETENTION_REASONS)[number];

/** Final states: nothing more will be decided about the attempt (a frozen one may still be reviewed). */
const FINAL: readonly AttemptState[] = ['RESULT_PUBLISHED', 'WITHDRAWN'];

/**
 * Why the candidate's identity must be kept: an attempt still running (or frozen for review); a certification
 * or blocks awarded (the certifier keeps its holders' records and answers verifications); a passage still owed
 * to the Caisse des Dépôts. Empty when erasure is allowed.
 */
export function erasureBlockers(
  attempts: { state: AttemptState; decisions: { outcome: Outcome; supersededById: string | null }[]; cdcPassage: { status: CdcPassageStatus } | null }[],
): RetentionReason[] {
  const reasons = new Set<RetentionReason>();
  for (const attempt of attempts) {
    if (!FINAL.includes(attempt.state)) reasons.add('ATTEMPT_IN_PROGRESS');
    if (attempt.decisions.some((decision) => !decision.supersededById && decision.outcome !== 'NOT_CERTIFIED')) reasons.add('CERTIFICATION_AWARDED');
    if (attempt.cdcPassage && attempt.cdcPassage.status !== 'ACCEPTED') reasons.add('CDC_TRANSMISSION_OWED');
  }
  return RETENTION_REASONS.filter((reason) => reasons.has(reason));
}
