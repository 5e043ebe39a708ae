// Candidate feedback ("retour à chaud") on the certification process, jury included: given by the candidate of the
// attempt once the oral is over, exactly once per attempt (Feedback.attemptId is unique, so even two concurrent
// submissions leave one row), audited without its content. Admins of the certifier read only the anonymous
// aggregate report, never a row.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { certificationAdminFilter } from '../../auth/policies.ts';
import type { AppServices } from '../../graphql/context.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { appendAudit, actorOf } from '../../lib/audit.ts';
import { AppError } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';
import { assertAdmin } from '../jury/jury.service.ts';
import { FEEDBACK_REPORT_MIN_ANSWERS, feedbackReportOf, isFeedbackOpenState, ratingsOf, storedRatings, type FeedbackReport, type FeedbackSubmission } from './feedback.rules.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/** ALREADY_EXISTS, with a message that says what exists. */
function feedbackAlreadyGiven(): AppError {
  const error = new AppError('ALREADY_EXISTS', {}, { reason: 'FEEDBACK_ALREADY_GIVEN' });
  error.message = translate('feedback.alreadyGiven');
  return error;
}

/** The candidate id of a signed-in candidate; anyone else may not give feedback. */
function ownCandidateId(viewer: Viewer | null): string {
  if (viewer?.kind !== 'user' || viewer.role !== 'CANDIDATE' || !viewer.candidateId) throw new AppError('FORBIDDEN');
  return viewer.candidateId;
}

/** Records the candidate's feedback on one of their attempts whose oral is over. Returns the feedback id. */
export async function submitFeedback(deps: Pick<AppServices, 'prisma'>, viewer: Viewer | null, attemptId: string, input: FeedbackSubmission): Promise<string> {
  const candidateId = ownCandidateId(viewer);
  try {
    return await deps.prisma.$transaction(async (tx) => {
      const attempt = await tx.attempt.findFirst({ where: { id: attemptId, candidateId }, select: { id: true, state: true, feedback: { select: { id: true } } } });
      if (!attempt) throw new AppError('NOT_FOUND');
      if (attempt.feedback) throw feedbackAlreadyGiven();
      if (!isFeedbackOpenState(attempt.state)) throw new AppError('INVALID_STATE', { state: translate('feedback.notYet') }, { state: attempt.state });
      const feedback = await tx.feedback.create({ data: { attemptId: attempt.id, ratings: storedRatings(input), comment: input.comment }, select: { id: true } });
      // The audit names the row, never the ratings or the comment.
      await appendAudit(tx, { ...actorOf(viewer!), action: 'feedback.submitted', entityType: 'Feedback', entityId: feedback.id, data: { attemptId: attempt.id } });
      return feedback.id;
    });
  } catch (error) {
    // Two submissions at once: both passed the check, the unique attemptId refused the second.
    if (isUniqueViolation(error)) throw feedbackAlreadyGiven();
    throw error;
  }
}

export interface OwnFeedbackView {
  id: string;
  questionSetVersion: number;
  ratings: { question: string; rating: number }[];
  comment: string | null;
  submittedAt: Date;
}

/** The feedback of several attempts as their own candidate sees it (one statement); nobody else sees a row. */
export async function ownFeedbackFor(db: Db, viewer: Viewer | null, attemptIds: readonly string[]): Promise<Map<string, OwnFeedbackView>> {
  const views = new Map<string, OwnFeedbackView>();
  if (viewer?.kind !== 'user' || viewer.role !== 'CANDIDATE' || !viewer.candidateId || attemptIds.length === 0) return views;
  const rows = await db.feedback.findMany({
    where: { attemptId: { in: [...new Set(attemptIds)] }, attempt: { candidateId: viewer.candidateId } },
    select: { id: true, attemptId: true, ratings: true, comment: true, createdAt: true },
  });
  for (const row of rows) views.set(row.attemptId, { id: row.id, ...ratingsOf(row.ratings), comment: row.comment, submittedAt: row.createdAt });
  return views;
}

/**
 * The anonymous report of a certification's feedback (admins of the certifier), for the answers given in one
 * calendar year (Europe/Paris) or all years. Only the ratings and the comments' text are read, so nothing in the
 * report can point to a candidate, an attempt, a partner or a date.
 */
export async function feedbackReport(db: Db, viewer: Viewer | null, certificationId: string, year: number | null): Promise<FeedbackReport & { certificationId: string; year: number | null }> {
  assertAdmin(viewer);
  const certification = await db.certification.findFirst({ where: { id: certificationId, ...certificationAdminFilter(viewer) }, select: { id: true } });
  if (!certification) throw new AppError('NOT_FOUND');
  const rows = await db.$queryRaw<{ ratings: unknown; comment: string | null }[]>`
    SELECT f."ratings", f."comment"
      FROM "Feedback" f JOIN "Attempt" a ON a."id" = f."attemptId"
     WHERE a."certificationId" = ${certification.id}
       AND (${year}::int IS NULL OR EXTRACT(YEAR FROM (f."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris')::int = ${year}::int)`;
  if (year !== null) return { certificationId: certification.id, year, ...feedbackReportOf(rows) };
  // Complementary suppression: the all-years report is withheld when it minus the published years would isolate
  // fewer than the minimum answers (the withheld years hold between 1 and FEEDBACK_REPORT_MIN_ANSWERS − 1 in all).
  const perYear = await db.$queryRaw<{ year: number; answers: number }[]>`
    SELECT EXTRACT(YEAR FROM (f."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris')::int AS "year", COUNT(*)::int AS "answers"
      FROM "Feedback" f JOIN "Attempt" a ON a."id" = f."attemptId"
     WHERE a."certificationId" = ${certification.id}
     GROUP BY 1`;
  const withheldYears = perYear.map((row) => Number(row.answers)).filter((answers) => answers < FEEDBACK_REPORT_MIN_ANSWERS);
  const isolated = withheldYears.reduce((sum, answers) => sum + answers, 0);
  return { certificationId: certification.id, year, ...feedbackReportOf(rows, FEEDBACK_REPORT_MIN_ANSWERS, isolated > 0 && isolated < FEEDBACK_REPORT_MIN_ANSWERS) };
}
