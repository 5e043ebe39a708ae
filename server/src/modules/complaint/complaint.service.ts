// Complaints ("réclamations", seed 000): a signed-in candidate files one about their training (routed to their
// own training organisation) or about the certification process (routed to the certifier's admins). The
// handler moderates it through lib/case-state.ts: SUBMITTED → UNDER_REVIEW → UPHELD | REJECTED (with the
// answer the candidate reads) → CLOSED. The certifier's admins follow every complaint and its 30-day deadline
// and may moderate any of them. Each change is written with its audit entry, its notifications and its events
// (the candidate's, the partner's for TRAINING, the certifier's admins') in one transaction, events after commit.
import type { CaseState, Prisma } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { complaintModeratorFilter } from '../../auth/policies.ts';
import type { AppServices } from '../../graphql/context.ts';
import type { RoomEvent } from '../../realtime/pubsub.ts';
import { appendEvent, publishAll } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import { appendAudit, actorOf } from '../../lib/audit.ts';
import { answerByFor, canMoveCase, caseReasonRequired } from '../../lib/case-state.ts';
import { AppError, validationFailed } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';
import { adminRecipients, candidateRecipients, notify, partnerRecipients } from '../notification/notification.service.ts';
import { complaintPartnerId, complaintStateLabel, type FileComplaint } from './complaint.rules.ts';

type Tx = Prisma.TransactionClient;
type Deps = Pick<AppServices, 'prisma' | 'pubsub'>;

/** The rooms a complaint's events go to: its candidate, the certifier's admins, and its partner when routed to one. */
async function complaintEvents(
  tx: Tx,
  complaint: { id: string; candidateId: string; partnerId: string | null },
  certifierId: string,
  type: 'COMPLAINT_FILED' | 'COMPLAINT_STATE_CHANGED',
  payload: Record<string, unknown>,
): Promise<RoomEvent[]> {
  const body = { complaintId: complaint.id, ...payload };
  const events = [
    await appendEvent(tx, rooms.complaints('candidate', complaint.candidateId), type, body),
    await appendEvent(tx, rooms.complaints('certifier', certifierId), type, body),
  ];
  if (complaint.partnerId) events.push(await appendEvent(tx, rooms.complaints('partner', complaint.partnerId), type, body));
  return events;
}

const CANDIDATE_SUMMARY = { firstName: true, birthName: true, usageName: true, fileNumber: true, partnerId: true, partner: { select: { certifierId: true } } } as const;
const nameOf = (candidate: { firstName: string; birthName: string; usageName: string | null }) => `${candidate.firstName} ${candidate.usageName || candidate.birthName}`;

/** Files a complaint as the signed-in candidate. Returns its id. */
export async function fileComplaint(deps: Deps, viewer: Viewer | null, input: FileComplaint, now = new Date()): Promise<string> {
  if (viewer?.kind !== 'user' || viewer.role !== 'CANDIDATE' || !viewer.candidateId) throw new AppError('FORBIDDEN');
  const candidateId = viewer.candidateId;
  const { id, events } = await deps.prisma.$transaction(async (tx) => {
    const candidate = await tx.candidate.findUniqueOrThrow({ where: { id: candidateId }, select: CANDIDATE_SUMMARY });
    if (input.attemptId) {
      const attempt = await tx.attempt.findFirst({ where: { id: input.attemptId, candidateId }, select: { id: true } });
      if (!attempt) throw validationFailed([{ path: ['input', 'attemptId'], message: translate('error.NOT_FOUND') }]);
    }
    const partnerId = complaintPartnerId(input.subject, candidate.partnerId);
    const complaint = await tx.complaint.create({
      data: {
        candidateId,
        attemptId: input.attemptId ?? null,
        partnerId,
        subject: input.subject,
        statement: input.statement,
        submittedAt: now,
        answerBy: answerByFor(now),
      },
      select: { id: true, candidateId: true, partnerId: true, answerBy: true },
    });
    await appendAudit(tx, {
      ...actorOf(viewer),
      action: 'complaint.filed',
      entityType: 'Complaint',
      entityId: complaint.id,
      data: { subject: input.subject, partnerId, attemptId: input.attemptId ?? null, answerBy: complaint.answerBy.toISOString() },
    });
    const data = { complaintId: complaint.id, candidateName: nameOf(candidate), fileNumber: candidate.fileNumber, answerBy: complaint.answerBy.toISOString() };
    await notify(tx, {
      template: partnerId ? 'COMPLAINT_FILED_PARTNER' : 'COMPLAINT_FILED_ADMIN',
      data,
      dedupeKey: `complaint-filed:${complaint.id}`,
      recipients: partnerId ? await partnerRecipients(tx, partnerId) : await adminRecipients(tx, candidate.partner.certifierId),
    });
    const events = await complaintEvents(tx, complaint, candidate.partner.certifierId, 'COMPLAINT_FILED', { subject: input.subject });
    return { id: complaint.id, events };
  });
  publishAll(deps.pubsub, events);
  return id;
}

const AUDIT_ACTION: Record<CaseState, string> = {
  SUBMITTED: 'complaint.filed',
  UNDER_REVIEW: 'complaint.reviewStarted',
  UPHELD: 'complaint.upheld',
  REJECTED: 'complaint.rejected',
  CLOSED: 'complaint.closed',
};

/**
 * Moves a complaint on (the partner it is routed to, or an admin of the certifier), if it is still at
 * `expectedVersion`. UPHELD and REJECTED need the answer the candidate reads; CLOSED takes an optional reason.
 */
export async function moveComplaint(
  deps: Deps,
  viewer: Viewer | null,
  complaintId: string,
  expectedVersion: number,
  to: CaseState,
  text: { answer?: string | null; reason?: string | null } = {},
  now = new Date(),
): Promise<void> {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  const events = await deps.prisma.$transaction(async (tx) => {
    const complaint = await tx.complaint.findFirst({
      where: { AND: [{ id: complaintId }, complaintModeratorFilter(viewer)] },
      select: { id: true, state: true, version: true, candidateId: true, partnerId: true, submittedAt: true, candidate: { select: CANDIDATE_SUMMARY } },
    });
    if (!complaint) throw new AppError('NOT_FOUND');
    const current = { state: complaint.state, version: complaint.version };
    if (complaint.version !== expectedVersion) throw new AppError('CONFLICT', {}, { current });
    if (!canMoveCase(complaint.state, to)) throw new AppError('INVALID_STATE', { state: complaintStateLabel(complaint.state) }, { state: complaint.state, to });
    const answer = text.answer?.trim() || null;
    if (caseReasonRequired(to) && !answer) throw validationFailed([{ path: ['answer'], message: translate('complaint.answer') }]);
    const answered = to === 'UPHELD' || to === 'REJECTED';
    const updated = await tx.complaint.updateMany({
      where: { id: complaint.id, version: expectedVersion },
      data: {
        state: to,
        version: { increment: 1 },
        ...(answered ? { answer, answeredAt: now } : {}),
        ...(to === 'CLOSED' && text.reason?.trim() ? { moderationReason: text.reason.trim() } : {}),
      },
    });
    if (updated.count === 0) throw new AppError('CONFLICT', {}, { current: await tx.complaint.findUnique({ where: { id: complaint.id }, select: { state: true, version: true } }) });
    await appendAudit(tx, {
      ...actorOf(viewer),
      action: AUDIT_ACTION[to],
      entityType: 'Complaint',
      entityId: complaint.id,
      data: { from: complaint.state, to, ...(answered ? { answer } : {}), ...(to === 'CLOSED' ? { reason: text.reason?.trim() || null } : {}) },
    });
    await notify(tx, {
      template: 'COMPLAINT_STATE_CHANGED',
      data: {
        complaintId: complaint.id,
        candidateName: nameOf(complaint.candidate),
        submittedAt: complaint.submittedAt.toISOString(),
        state: to,
        stateFr: complaintStateLabel(to, 'fr'),
        stateEn: complaintStateLabel(to, 'en'),
        answer: answered ? answer : null,
      },
      dedupeKey: `complaint:${complaint.id}:${to}`,
      recipients: await candidateRecipients(tx, complaint.candidateId),
    });
    return complaintEvents(tx, complaint, complaint.candidate.partner.certifierId, 'COMPLAINT_STATE_CHANGED', { from: complaint.state, to });
  });
  publishAll(deps.pubsub, events);
}
