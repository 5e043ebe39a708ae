// Passages that change after they were opened: a decision replaced after an appeal, a certificate revoked, a
// holder's identity rectified. Called from the appeal, certificate and candidate modules inside their own
// transactions (the dependency is one-way: those modules → cdc; this file imports nothing of theirs).
// - not yet sent (PENDING, REJECTED, WITHDRAWN): follows the new decision by itself — withdrawn from the queue
//   when no longer owed, re-dated (and re-sent with the new data) when still owed;
// - SENT, awaiting its report: marked with what the portal will need; the report settles it (KO: withdrawn or
//   corrected as usual; OK: it joins the worklist);
// - ACCEPTED: the CDC holds it, only its portal can change it ("Modifier ou supprimer un passage de
//   certification", by idTechnique): the passage joins the worklist, MODIFY (with the values to enter) or
//   DELETE, until an admin records it done (recordCdcPortalAction).
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { appendAudit } from '../../lib/audit.ts';
import { AppError } from '../../lib/errors.ts';
import { translate, type MessageKey } from '../../lib/messages.ts';
import { TRANSMITTED_REGISTRIES, idTechniqueFor, transmitByFor } from './cdc.rules.ts';

type Tx = Prisma.TransactionClient;

export type PortalAction = 'MODIFY' | 'DELETE';
export type PortalReason = 'DECISION_OVERTURNED' | 'DECISION_CHANGED' | 'CERTIFICATE_REVOKED' | 'IDENTITY_RECTIFIED';

export type CdcFollowUp = 'NONE' | 'OPENED' | 'REDATED' | 'WITHDRAWN' | 'REOPENED' | 'TO_MODIFY' | 'TO_DELETE';

const PASSAGE = { id: true, status: true, lastBatchId: true, portalAction: true } as const;

async function event(tx: Tx, passageId: string, kind: string, message: string | null, now: Date) {
  await tx.cdcPassageEvent.create({ data: { passageId, kind, message, at: now } });
}

/** Puts a sent or accepted passage on the portal worklist (a DELETE is never weakened into a MODIFY). */
async function toPortal(tx: Tx, passage: { id: string; portalAction: string | null }, action: PortalAction, reason: PortalReason, now: Date, extra: Prisma.CdcPassageUpdateInput = {}) {
  const kept: PortalAction = passage.portalAction === 'DELETE' && action === 'MODIFY' ? 'DELETE' : action;
  await tx.cdcPassage.update({ where: { id: passage.id }, data: { portalAction: kept, portalActionReason: reason, portalActionSince: now, ...extra } });
  await event(tx, passage.id, kept === 'DELETE' ? 'TO_DELETE' : 'TO_MODIFY', translate(`cdc.portal.reason.${reason}` as MessageKey, {}, 'fr'), now);
  return kept === 'DELETE' ? 'TO_DELETE' : 'TO_MODIFY';
}

/**
 * The CDC passage after a decision changed (an appeal's re-evaluation replaced it): opened if the new decision
 * certifies and there was none; still owed → re-dated (never sent: it simply goes with the new data; sent or
 * accepted: to MODIFY on the portal); no longer owed → deleted if never sent, WITHDRAWN if sent and refused or
 * corrected, to DELETE on the portal if the CDC holds (or may hold) it.
 */
export async function cdcFollowDecision(
  tx: Tx,
  attempt: { id: string; registry: string },
  decision: { outcome: string; juryDate: Date },
  now = new Date(),
  reason: PortalReason = 'DECISION_OVERTURNED',
): Promise<CdcFollowUp> {
  const passage = await tx.cdcPassage.findUnique({ where: { attemptId: attempt.id }, select: PASSAGE });
  const owed = decision.outcome === 'CERTIFIED' && (TRANSMITTED_REGISTRIES as readonly string[]).includes(attempt.registry);
  const dates = { juryDate: decision.juryDate, transmitBy: transmitByFor(decision.juryDate) };
  if (!passage) {
    if (!owed) return 'NONE';
    await tx.cdcPassage.create({ data: { attemptId: attempt.id, idTechnique: idTechniqueFor(attempt.id), ...dates } });
    return 'OPENED';
  }
  switch (passage.status) {
    case 'PENDING':
    case 'REJECTED':
      if (owed) {
        await tx.cdcPassage.update({ where: { id: passage.id }, data: dates });
        return 'REDATED';
      }
      if (passage.status === 'PENDING' && !passage.lastBatchId) {
        await tx.cdcPassageEvent.deleteMany({ where: { passageId: passage.id } });
        await tx.cdcPassage.delete({ where: { id: passage.id } });
        return 'WITHDRAWN';
      }
      // Sent before and refused by the CDC: it holds nothing; not sent again.
      await tx.cdcPassage.update({ where: { id: passage.id }, data: { status: 'WITHDRAWN', rejectionMessage: null } });
      await event(tx, passage.id, 'WITHDRAWN', translate(`cdc.portal.reason.${reason}` as MessageKey, {}, 'fr'), now);
      return 'WITHDRAWN';
    case 'WITHDRAWN':
      if (!owed) return 'NONE';
      await tx.cdcPassage.update({ where: { id: passage.id }, data: { ...dates, status: 'PENDING', portalAction: null, portalActionReason: null, portalActionSince: null, withdrawRequestedAt: null } });
      await event(tx, passage.id, 'REOPENED', translate(`cdc.portal.reason.${reason}` as MessageKey, {}, 'fr'), now);
      return 'REOPENED';
    case 'SENT':
    case 'ACCEPTED':
      if (owed) return toPortal(tx, passage, 'MODIFY', reason === 'DECISION_OVERTURNED' ? 'DECISION_CHANGED' : reason, now, { ...dates, withdrawRequestedAt: null });
      return toPortal(tx, passage, 'DELETE', reason, now, { withdrawRequestedAt: now });
  }
}

/** A certificate of the whole certification was revoked (by an admin, or for fraud): the holder is no longer certified. */
export async function cdcCertificateRevoked(tx: Tx, attemptId: string, now = new Date()): Promise<CdcFollowUp> {
  const attempt = await tx.attempt.findUnique({ where: { id: attemptId }, select: { id: true, certification: { select: { registry: true } } } });
  const passage = await tx.cdcPassage.findUnique({ where: { attemptId }, select: { juryDate: true } });
  if (!attempt || !passage) return 'NONE';
  return cdcFollowDecision(tx, { id: attempt.id, registry: attempt.certification.registry }, { outcome: 'REVOKED', juryDate: passage.juryDate }, now, 'CERTIFICATE_REVOKED');
}

/**
 * A holder's identity was rectified: passages not yet sent go with the new identity by themselves; sent or
 * accepted ones are to MODIFY on the portal. Returns the passages put on the worklist.
 */
export async function cdcIdentityRectified(tx: Tx, candidateId: string, now = new Date()): Promise<number> {
  const passages = await tx.cdcPassage.findMany({ where: { attempt: { candidateId }, status: { in: ['SENT', 'ACCEPTED'] } }, select: PASSAGE });
  // Dated just after the correction that caused it, so that the history lists them in that order.
  for (const passage of passages) await toPortal(tx, passage, 'MODIFY', 'IDENTITY_RECTIFIED', new Date(now.getTime() + 1));
  return passages.length;
}

/**
 * What a report does to a passage whose decision changed while it was SENT: accepted → it stays on the worklist
 * (the CDC now holds the old data); refused → a DELETE is moot (WITHDRAWN), a MODIFY is moot too (the
 * correction re-sends the current data).
 */
export async function settleAfterReport(tx: Tx, batchId: string, now: Date): Promise<void> {
  const refused = await tx.cdcPassage.findMany({ where: { lastBatchId: batchId, status: 'REJECTED', portalAction: { not: null } }, select: { id: true, portalAction: true } });
  for (const passage of refused) {
    const withdraw = passage.portalAction === 'DELETE';
    await tx.cdcPassage.update({
      where: { id: passage.id },
      data: { portalAction: null, portalActionReason: null, portalActionSince: null, ...(withdraw ? { status: 'WITHDRAWN', rejectionMessage: null } : {}) },
    });
    // Dated just after the report's REJECTED entry, so that the history lists them in that order.
    if (withdraw) await event(tx, passage.id, 'WITHDRAWN', null, new Date(now.getTime() + 1));
  }
}

export interface PortalActor {
  certifierId: string;
  actorId: string | null;
  actorKind: string;
}

/**
 * An admin records that the portal action of an accepted passage was done: the worklist entry is cleared, the
 * history says so, the audit trail too. A deletion makes the passage WITHDRAWN.
 */
export async function recordCdcPortalAction(prisma: PrismaClient, actor: PortalActor, passageId: string, note: string | null, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const passage = await tx.cdcPassage.findFirst({
      where: { id: passageId, attempt: { certification: { certifierId: actor.certifierId } } },
      select: { id: true, status: true, idTechnique: true, portalAction: true, portalActionReason: true },
    });
    if (!passage) throw new AppError('NOT_FOUND');
    if (!passage.portalAction || passage.status !== 'ACCEPTED') {
      throw new AppError('INVALID_STATE', { state: translate('cdc.portal.none') }, { state: passage.portalAction ? passage.status : 'NO_PORTAL_ACTION' });
    }
    const deleted = passage.portalAction === 'DELETE';
    const claimed = await tx.cdcPassage.updateMany({
      where: { id: passage.id, portalAction: passage.portalAction },
      data: { portalAction: null, portalActionReason: null, portalActionSince: null, ...(deleted ? { status: 'WITHDRAWN' } : {}), updatedAt: now },
    });
    if (claimed.count === 0) throw new AppError('CONFLICT');
    await event(tx, passage.id, deleted ? 'PORTAL_DELETED' : 'PORTAL_MODIFIED', note, now);
    await appendAudit(tx, {
      actorId: actor.actorId,
      actorKind: actor.actorKind,
      action: deleted ? 'cdc.portalDeleted' : 'cdc.portalModified',
      entityType: 'CdcPassage',
      entityId: passage.id,
      data: { idTechnique: passage.idTechnique, action: passage.portalAction, reason: passage.portalActionReason, note },
    });
  });
}
