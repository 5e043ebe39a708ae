// Moving an attempt from one state to another: the transition table decides (attempt.rules.ts), the write
// is conditional on the version read (a concurrent change makes it CONFLICT), and the audit entry and the
// partner's ATTEMPT_STATE_CHANGED event are written in the caller's transaction (publish after commit).
import type { AttemptState, Prisma } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../auth/viewer.ts';
import type { RoomEvent } from '../../realtime/pubsub.ts';
import { appendEvent } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import { appendAudit, actorOf } from '../../lib/audit.ts';
import { AppError } from '../../lib/errors.ts';
import { assertAttemptTransition, assertUnfreeze } from './attempt.rules.ts';

export interface AttemptRow {
  id: string;
  state: AttemptState;
  version: number;
  candidateId: string;
  candidate: { partnerId: string };
}

export const ATTEMPT_ROW = { id: true, state: true, version: true, candidateId: true, candidate: { select: { partnerId: true } } } as const;

export async function transitionAttempt(
  tx: Prisma.TransactionClient,
  viewer: Viewer | null,
  attempt: AttemptRow,
  to: AttemptState,
  audit: { action: string; data?: Record<string, unknown> },
  /** 'unfreeze': back from FROZEN after a dismissed fraud report (the only way out of FROZEN). */
  kind: 'move' | 'unfreeze' = 'move',
): Promise<RoomEvent> {
  if (kind === 'unfreeze') assertUnfreeze(attempt.state, to);
  else assertAttemptTransition(attempt.state, to);
  const updated = await tx.attempt.updateMany({
    where: { id: attempt.id, version: attempt.version, state: attempt.state },
    data: { state: to, version: { increment: 1 } },
  });
  if (updated.count === 0) {
    const current = await tx.attempt.findUnique({ where: { id: attempt.id }, select: { state: true, version: true } });
    throw new AppError('CONFLICT', {}, { current });
  }
  await appendAudit(tx, {
    ...(viewer ? actorOf(viewer) : { actorId: null, actorKind: 'system' }),
    action: audit.action,
    entityType: 'Attempt',
    entityId: attempt.id,
    data: { from: attempt.state, to, ...audit.data },
  });
  const payload = { candidateId: attempt.candidateId, attemptId: attempt.id, from: attempt.state, to };
  return appendEvent(tx, rooms.partner(attempt.candidate.partnerId), attempt.state === to ? 'CANDIDATE_UPDATED' : 'ATTEMPT_STATE_CHANGED', payload);
}
