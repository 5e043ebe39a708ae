// Pure rules for complaints ("réclamations", seed 000): who handles a complaint, what a filing and an answer
// must contain. The moderation states, the mandatory reason and the 30-day deadline are lib/case-state.ts,
// shared with appeals.
import { z } from 'zod';
import type { CaseState, ComplaintSubject } from '../../generated/prisma/enums.ts';
import { message, translate } from '../../lib/messages.ts';

export const STATEMENT_MIN = 20;
export const STATEMENT_MAX = 5000;
export const ANSWER_MAX = 5000;
export const REASON_MAX = 2000;

export const fileComplaintSchema = z.object({
  subject: z.enum(['TRAINING', 'CERTIFICATION_PROCESS']),
  statement: z.string().trim().min(STATEMENT_MIN, { error: message('complaint.statement') }).max(STATEMENT_MAX, { error: message('complaint.statement') }),
  attemptId: z.string().uuid().nullable().optional(),
});
export type FileComplaint = z.infer<typeof fileComplaintSchema>;

export const answerSchema = z.string().trim().min(1, { error: message('complaint.answer') }).max(ANSWER_MAX, { error: message('complaint.answer') });
export const reasonSchema = z.string().trim().max(REASON_MAX, { error: message('complaint.reason') }).nullable().optional();

/**
 * TRAINING complaints go to the candidate's own training organisation (the partner that registered them) and
 * to nobody else; CERTIFICATION_PROCESS complaints to the certifier's admins only.
 */
export function complaintPartnerId(subject: ComplaintSubject, candidatePartnerId: string): string | null {
  return subject === 'TRAINING' ? candidatePartnerId : null;
}

/** The state's name for messages and notifications. */
export const complaintStateLabel = (state: CaseState, locale?: 'fr' | 'en') => translate(`complaint.state.${state}`, {}, locale);
