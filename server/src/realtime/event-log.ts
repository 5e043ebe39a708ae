// Per-room event log with gap-free sequence numbers. A change appends its event in the same transaction
// (so an event exists if and only if the change committed), then publishes after commit. A subscriber may
// pass the last sequence it saw: it first gets what the log holds after it, then live events, with no gap
// (holes left by pub/sub are filled from the log) and no duplicate.
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { Repeater } from '@repeaterjs/repeater';
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

/** What a subscriber holds while its stream runs (a juror's presence): taken when it starts, given back when it ends. */
export interface StreamHold {
  open(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Events of `room` after `since` (replayed from the log), then live ones. `since` undefined = live only.
 * A Repeater, not an async generator: its return() (client unsubscribes, socket closes) takes effect at
 * once even while it waits for the next event, so the listener is removed and `hold` is given back.
 * `hold` is taken inside the Repeater, not before it: a socket that closes before its subscription starts
 * returns a Repeater that never runs, and something taken outside it would never be given back.
 */
export function roomEvents(
  prisma: PrismaClient,
  pubsub: PubSub,
  room: string,
  since?: number | null,
  hold?: StreamHold,
): Repeater<RoomEvent> {
  return new Repeater<RoomEvent>(async (push, stop) => {
    if (hold) {
      try {
        await hold.open();
      } catch (error) {
        await hold.close().catch(() => undefined); // give back whatever part of it was taken
        stop(error);
        return;
      }
    }
    let last = 0;
    // Events are handled one at a time, in arrival order, after the initial replay.
    let chain: Promise<void> = Promise.resolve();
    const handle = async (event: RoomEvent) => {
      if (event.seq <= last) return;
      if (event.seq > last + 1) {
        for (const missed of await readLog(prisma, room, last, event.seq)) {
          last = missed.seq;
          await push(missed);
          pubsub.delivered(missed);
        }
      }
      last = event.seq;
      await push(event);
      pubsub.delivered(event);
    };
    // Listen before reading the log, so nothing committed in between is missed.
    const unlisten = pubsub.listen(room, (event) => {
      chain = chain.then(() => handle(event)).catch(stop);
    });
    chain = chain.then(async () => {
      if (since === undefined || since === null) {
        const sequence = await prisma.roomSequence.findUnique({ where: { room } });
        last = Math.max(last, sequence?.lastSeq ?? 0);
      } else {
        last = since;
        for (const event of await readLog(prisma, room, since)) {
          last = event.seq;
          await push(event);
        }
      }
    }).catch(stop);
    await stop;
    unlisten();
    await hold?.close();
  });
}
