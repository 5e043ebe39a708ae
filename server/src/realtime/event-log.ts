// Per-room event log with gap-free sequence numbers. A change appends its event in the same transaction
// (so an event exists if and only if the change committed), then publishes after commit. A subscriber may
// pass the last sequence it saw: it first gets what the log holds after it, then live events, with no gap
// (holes left by pub/sub are filled from the log) and no duplicate.
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { PubSub, RoomEvent } from './pubsub.ts';

type Tx = Prisma.TransactionClient;

export async function appendEvent(
  tx: Tx,
  room: string,
  type: string,
  payload: Record<string, unknown>,
): Promise<RoomEvent> {
  // The upsert takes the room's row lock until commit: concurrent writers to one room are serialised,
  // so sequence numbers are dense and in commit order.
  const [{ lastSeq }] = await tx.$queryRaw<{ lastSeq: number }[]>`
    INSERT INTO "RoomSequence" ("room", "lastSeq") VALUES (${room}, 1)
    ON CONFLICT ("room") DO UPDATE SET "lastSeq" = "RoomSequence"."lastSeq" + 1
    RETURNING "lastSeq"`;
  const entry = await tx.eventLogEntry.create({
    data: { room, seq: lastSeq, type, payload: payload as Prisma.InputJsonValue },
  });
  return { room, seq: lastSeq, type, payload, at: entry.createdAt.toISOString() };
}

export function publishAll(pubsub: PubSub, events: RoomEvent[]): void {
  for (const event of events) pubsub.publish(event);
}

async function readLog(prisma: PrismaClient, room: string, afterSeq: number, untilSeq?: number): Promise<RoomEvent[]> {
  const rows = await prisma.eventLogEntry.findMany({
    where: { room, seq: { gt: afterSeq, ...(untilSeq !== undefined ? { lt: untilSeq } : {}) } },
    orderBy: { seq: 'asc' },
    take: 10_000,
  });
  return rows.map((row) => ({
    room,
    seq: row.seq,
    type: row.type,
    payload: row.payload as Record<string, unknown>,
    at: row.createdAt.toISOString(),
  }));
}

/**
 * Events of `room` after `since` (replayed from the log), then live ones. `since` undefined = live only.
 * The iterator's return() (client unsubscribes, socket closes) removes the listener.
 */
export async function* roomEvents(
  prisma: PrismaClient,
  pubsub: PubSub,
  room: string,
  since?: number | null,
): AsyncGenerator<RoomEvent> {
  const queue: RoomEvent[] = [];
  let wake: (() => void) | undefined;
  // Listen before reading the log, so nothing committed in between is missed.
  const unlisten = pubsub.listen(room, (event) => {
    queue.push(event);
    wake?.();
  });
  try {
    let last: number;
    if (since === undefined || since === null) {
      const sequence = await prisma.roomSequence.findUnique({ where: { room } });
      last = sequence?.lastSeq ?? 0;
    } else {
      last = since;
      for (const event of await readLog(prisma, room, last)) {
        last = event.seq;
        yield event;
      }
    }
    for (;;) {
      if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      const event = queue.shift();
      if (!event || event.seq <= last) continue;
      if (event.seq > last + 1) {
        for (const missed of await readLog(prisma, room, last, event.seq)) {
          last = missed.seq;
          yield missed;
        }
      }
      last = event.seq;
      yield event;
    }
  } finally {
    unlisten();
  }
}
