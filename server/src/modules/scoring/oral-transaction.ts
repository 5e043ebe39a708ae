// The transaction every change to an oral runs in: who may change it (a juror of its jury, its president),
// the lock order that keeps concurrent changes from deadlocking, and publication of the room's events after
// commit. The scoring use cases, integrity (fraud reports) and the VAE modalities all build on it; it imports
// none of them, so they depend on it one way.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { OralPhase } from '../../generated/prisma/enums.ts';
import type { Viewer } from '../../auth/viewer.ts';
import type { RawSql } from '../../db/database.ts';
import type { PubSub, RoomEvent } from '../../realtime/pubsub.ts';
import { appendEvent, publishAll } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import { appendAudit } from '../../lib/audit.ts';
import { AppError } from '../../lib/errors.ts';
import { retryTransientConflicts } from '../../db/errors.ts';
import { stateLabel } from '../../lib/state-labels.ts';

type Tx = Prisma.TransactionClient;

export interface OralDeps {
  prisma: PrismaClient;
  raw: RawSql;
  pubsub: PubSub;
}

export function jurorId(viewer: Viewer | null): string {
  if (viewer?.kind !== 'user' || viewer.role !== 'JUROR') throw new AppError('FORBIDDEN');
  return viewer.userId;
}

/** The oral, if the juror sits on its jury (else NOT_FOUND: existence is not revealed). */
export async function oralForJuror(tx: Tx, oralId: string, juror: string) {
  const oral = await tx.oral.findFirst({
    where: { id: oralId, jury: { members: { some: { jurorId: juror } } } },
    include: {
      jury: { include: { members: { select: { jurorId: true, role: true } } } },
      attempt: {
        select: {
          id: true,
          candidateId: true,
          state: true,
          version: true,
          candidate: { select: { partnerId: true } },
          certificationId: true,
          frameworkVersionId: true,
          blockCodesInScope: true,
          certification: {
            select: {
              code: true,
              registry: true,
              title: true,
              decisionRule: true,
              aggregationMethod: true,
              disagreementThreshold: true,
            },
          },
        },
      },
    },
  });
  if (!oral) throw new AppError('NOT_FOUND');
  return oral;
}

export type LoadedOral = Awaited<ReturnType<typeof oralForJuror>>;

/** Only the president drives the oral, and not while it is locked (signed, or frozen by a fraud report). */
export function assertPresident(oral: LoadedOral, juror: string) {
  if (!oral.jury.members.some((member) => member.jurorId === juror && member.role === 'PRESIDENT')) {
    throw new AppError('FORBIDDEN');
  }
  if (oral.lockedAt) throw new AppError('INVALID_STATE', { state: stateLabel(oral.phase === 'SIGNED' ? 'SIGNED' : 'FROZEN') });
}

export function conflict(oral: { phase: OralPhase; version: number }) {
  return new AppError('CONFLICT', {}, { current: { phase: oral.phase, version: oral.version } });
}

/** Bumps the oral's version if it is still the one the caller read. */
export async function bumpVersion(tx: Tx, oral: LoadedOral, expectedVersion: number, data: Prisma.OralUpdateManyMutationInput = {}) {
  const { count } = await tx.oral.updateMany({
    where: { id: oral.id, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) {
    const current = await tx.oral.findUniqueOrThrow({ where: { id: oral.id }, select: { phase: true, version: true } });
    throw conflict(current);
  }
  return expectedVersion + 1;
}

export type Emit = (type: string, payload: Record<string, unknown>) => Promise<void>;

/**
 * THE LOCK ORDER of every transaction that touches an oral (autosave, phase, identity, agreed score, decision,
 * signature, fraud report and its review, VAE modalities):
 *   1. the Oral row first: FOR UPDATE for the president's changes, signatures and fraud reviews (`lockOral`,
 *      the first statement of `runInOral`), FOR KEY SHARE for autosaves (the guard of SCORE_STATEMENT: the
 *      weakest row lock, which the Score row's foreign key takes anyway, conflicting only with FOR UPDATE, so
 *      autosaves never wait for each other, only for a president's change in progress);
 *   2. then, in any order, what the change writes: the room's RoomSequence, the oral's AuditHead chain, the
 *      attempt, its candidate's and partner's rooms.
 * Each oral's writers are thus serialised on its row before they take any other lock, so two of them cannot
 * wait for each other in a cycle (the autosave statement takes the room sequence before the audit head, the
 * president's changes the other way round: without the Oral lock first, they deadlocked on PostgreSQL).
 * It also gives the decision a clear boundary: an autosave either committed before the president's lock
 * (and the decision reads it) or waits for the decision to commit and then finds the phase DECIDED, and is
 * refused with INVALID_STATE. Presence changes take one lock only (the room sequence), so they cannot close a
 * cycle. A deadlock or serialization failure reported anyway is retried (`retryTransientConflicts`).
 */
export async function lockOral(tx: Tx, oralId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Oral" WHERE "id" = ${oralId} FOR UPDATE`;
}

/**
 * Runs a change to an oral in one transaction that first locks the oral (see the lock order above); the oral
 * room's events (and any other room's) are published after commit. Rolled back by a deadlock or a
 * serialization failure, the whole transaction runs again.
 */
export async function runInOral<T>(
  deps: OralDeps,
  fn: (tx: Tx, emit: Emit, alsoPublish: (event: RoomEvent) => void) => Promise<T>,
  oralId: string,
): Promise<T> {
  let events: RoomEvent[] = [];
  const result = await retryTransientConflicts(() => {
    events = [];
    return deps.prisma.$transaction(async (tx) => {
      await lockOral(tx, oralId);
      return fn(
        tx,
        async (type, payload) => {
          events.push(await appendEvent(tx, rooms.oral(oralId), type, payload));
        },
        (event) => events.push(event),
      );
    });
  });
  publishAll(deps.pubsub, events);
  return result;
}

/**
 * A president's change to the oral's shared state: loads the oral (NOT_FOUND unless the caller sits on its
 * jury), requires the president of an unlocked oral, and refuses a stale `expectedVersion` with CONFLICT.
 */
export function runAsPresident<T>(
  deps: OralDeps,
  viewer: Viewer | null,
  oralId: string,
  expectedVersion: number,
  fn: (tx: Tx, oral: LoadedOral, juror: string, emit: Emit, alsoPublish: (event: RoomEvent) => void) => Promise<T>,
): Promise<T> {
  const juror = jurorId(viewer);
  return runInOral(
    deps,
    async (tx, emit, alsoPublish) => {
      const oral = await oralForJuror(tx, oralId, juror);
      assertPresident(oral, juror);
      if (oral.version !== expectedVersion) throw conflict(oral);
      return fn(tx, oral, juror, emit, alsoPublish);
    },
    oralId,
  );
}

export const audit = (tx: Tx, actor: string, action: string, oralId: string, data: Record<string, unknown>) =>
  appendAudit(tx, { actorId: actor, actorKind: 'user', action, entityType: 'Oral', entityId: oralId, data });

