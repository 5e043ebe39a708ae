// GDPR rectification (issue 19, part 6): a candidate asks to correct their identity — at any time, and it is the
// only way once a jury decided on one of their attempts (the identity then appears in minutes, results,
// certificates and the CDC transmission). They propose the whole corrected identity (checked as at registration);
// an admin of the certifier approves it (the values are written) or rejects it with a reason. Each step is
// audited with the names of the fields, never their values, and the other side is notified.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../auth/viewer.ts';
import type { PubSub, RoomEvent } from '../../realtime/pubsub.ts';
import { publishAll } from '../../realtime/event-log.ts';
import { actorOf, appendAudit } from '../../lib/audit.ts';
import { AppError, validationFailed } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';
import { IDENTITY_FIELDS, type CandidateIdentityInput, type IdentityField } from '../candidate/candidate.rules.ts';
import { changedIdentityFields, checkedIdentity, writeIdentity } from '../candidate/candidate.service.ts';
import { adminRecipients, candidateRecipients, notify } from '../notification/notification.service.ts';

type Tx = Prisma.TransactionClient;

interface Deps {
  prisma: PrismaClient;
  pubsub: PubSub;
}

/** Stored values: JSON, dates as ISO strings. */
type StoredIdentity = Record<IdentityField, string | null>;

const toStored = (data: Record<IdentityField, unknown>): StoredIdentity =>
  Object.fromEntries(IDENTITY_FIELDS.map((field) => [field, data[field] instanceof Date ? (data[field] as Date).toISOString() : ((data[field] as string | null) ?? null)])) as StoredIdentity;

const fromStored = (stored: StoredIdentity): Record<IdentityField, unknown> =>
  Object.fromEntries(IDENTITY_FIELDS.map((field) => [field, field === 'birthDate' && stored[field] ? new Date(stored[field]!) : (stored[field] ?? null)])) as Record<IdentityField, unknown>;

/** The candidate's row, locked: one pending request per candidate, even for two simultaneous ones. */
async function lockCandidate(tx: Tx, candidateId: string) {
  await tx.$queryRaw`SELECT "id" FROM "Candidate" WHERE "id" = ${candidateId} FOR UPDATE`;
}

const nameOf = (candidate: { firstName: string; birthName: string; usageName: string | null }) => `${candidate.firstName} ${candidate.usageName ?? candidate.birthName}`;

export async function requestRectification(deps: Deps, viewer: Viewer | null, identity: CandidateIdentityInput, comment: string): Promise<string> {
  if (viewer?.kind !== 'user' || viewer.role !== 'CANDIDATE' || !viewer.candidateId) throw new AppError('FORBIDDEN');
  const candidateId = viewer.candidateId;
  const checked = checkedIdentity(viewer, identity, ['identity']);
  const { id, events } = await deps.prisma.$transaction(async (tx) => {
    await lockCandidate(tx, candidateId);
    const candidate = await tx.candidate.findUnique({
      where: { id: candidateId },
      select: { id: true, anonymisedAt: true, fileNumber: true, firstName: true, birthName: true, usageName: true, partner: { select: { certifierId: true } } },
    });
    if (!candidate || candidate.anonymisedAt) throw new AppError('NOT_FOUND');
    const fields = await changedIdentityFields(tx, candidateId, checked.data);
    if (!fields.length) throw validationFailed([{ path: ['identity'], message: translate('rectification.noChange') }]);
    if (await tx.rectificationRequest.count({ where: { candidateId, state: 'PENDING' } })) throw new AppError('ALREADY_EXISTS');
    const request = await tx.rectificationRequest.create({
      data: { candidateId, requestedById: viewer.userId, changes: toStored(checked.data), comment },
      select: { id: true },
    });
    await appendAudit(tx, { ...actorOf(viewer), action: 'candidate.rectificationRequested', entityType: 'Candidate', entityId: candidateId, data: { requestId: request.id, fields } });
    const events: RoomEvent[] = [];
    await notify(
      tx,
      {
        template: 'RECTIFICATION_REQUESTED',
        data: { candidateName: nameOf(candidate), fileNumber: candidate.fileNumber, requestId: request.id },
        dedupeKey: `rectification-requested:${request.id}`,
        recipients: await adminRecipients(tx, candidate.partner.certifierId),
      },
      events,
    );
    return { id: request.id, events };
  });
  publishAll(deps.pubsub, events);
  return id;
}

/** An admin approves (the requested identity is written) or rejects (with a reason) a pending request. */
export async function decideRectification(deps: Deps, viewer: Viewer | null, requestId: string, approve: boolean, reason: string | null): Promise<void> {
  if (viewer?.kind !== 'user' || viewer.role !== 'ADMIN') throw new AppError('FORBIDDEN');
  if (!approve && !reason) throw validationFailed([{ path: ['reason'], message: translate('rectification.reasonRequired') }]);
  const events = await deps.prisma.$transaction(async (tx) => {
    const request = await tx.rectificationRequest.findFirst({
      where: { id: requestId, candidate: { partner: { certifierId: viewer.certifierId } } },
      select: { id: true, state: true, changes: true, candidate: { select: { id: true, partnerId: true, anonymisedAt: true } } },
    });
    if (!request) throw new AppError('NOT_FOUND');
    await lockCandidate(tx, request.candidate.id);
    const decided = await tx.rectificationRequest.updateMany({
      where: { id: request.id, state: 'PENDING' },
      data: { state: approve ? 'APPROVED' : 'REJECTED', decidedById: viewer.userId, decidedAt: new Date(), decisionReason: reason },
    });
    if (decided.count === 0) throw new AppError('INVALID_STATE', { state: translate(`rectification.state.${request.state}`) });
    if (request.candidate.anonymisedAt) throw new AppError('INVALID_STATE', { state: translate('rectification.erased') });
    const events: RoomEvent[] = [];
    const data = fromStored(request.changes as StoredIdentity);
    const fields = approve
      ? await writeIdentity(tx, viewer, request.candidate, { data, birthPlaceConfirmedAt: null, confirmedCode: null }, 'candidate.rectificationApproved', { requestId: request.id }, events)
      : await changedIdentityFields(tx, request.candidate.id, data);
    if (!approve || !fields.length) {
      await appendAudit(tx, {
        ...actorOf(viewer),
        action: approve ? 'candidate.rectificationApproved' : 'candidate.rectificationRejected',
        entityType: 'Candidate',
        entityId: request.candidate.id,
        data: { requestId: request.id, fields },
      });
    }
    await notify(
      tx,
      {
        template: 'RECTIFICATION_DECIDED',
        data: { approved: approve, reason, requestId: request.id },
        dedupeKey: `rectification-decided:${request.id}`,
        recipients: await candidateRecipients(tx, request.candidate.id),
      },
      events,
    );
    return events;
  });
  publishAll(deps.pubsub, events);
}
