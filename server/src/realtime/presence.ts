// Presence in oral rooms, shared across server processes through the database: each open room subscription
// holds a row tagged with its process, and each process refreshes one heartbeat row (ServerProcess) every
// PRESENCE_REFRESH_MS — one statement whatever the number of sockets, so a busy process never stalls its
// database with thousands of presence updates. Rows of a process whose heartbeat is older than
// PRESENCE_TTL_MS (a crashed process) no longer count, and are removed when another process starts.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.ts';

export const PRESENCE_REFRESH_MS = 10_000;
export const PRESENCE_TTL_MS = 30_000;
/** Heartbeats older than this belong to processes that are gone for good: their rows are deleted. */
const STALE_PROCESS_MS = 10 * PRESENCE_TTL_MS;

export class PresenceTracker {
  readonly processId = randomUUID();
  private registered: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly prisma: PrismaClient) {
    this.timer = setInterval(() => void this.refresh(), PRESENCE_REFRESH_MS);
    this.timer.unref();
  }

  /** The heartbeat row exists before this process's first presence row; gone processes are cleaned up once. */
  private register(): Promise<void> {
    this.registered ??= (async () => {
      await this.prisma.serverProcess.upsert({ where: { id: this.processId }, create: { id: this.processId }, update: { lastSeenAt: new Date() } });
      await this.prisma.serverProcess.deleteMany({ where: { lastSeenAt: { lt: new Date(Date.now() - STALE_PROCESS_MS) } } });
    })().catch((error) => {
      this.registered = undefined; // try again on the next subscription
      throw error;
    });
    return this.registered;
  }

  async enter(oralId: string, jurorId: string): Promise<string> {
    await this.register();
    const id = randomUUID();
    await this.prisma.oralPresence.create({ data: { id, oralId, jurorId, processId: this.processId } });
    return id;
  }

  async leave(id: string): Promise<void> {
    await this.prisma.oralPresence.deleteMany({ where: { id } });
  }

  /** Juror ids connected to the oral now. */
  static async connected(prisma: PrismaClient, oralId: string): Promise<Set<string>> {
    const rows = await prisma.oralPresence.findMany({
      where: { oralId, process: { lastSeenAt: { gt: new Date(Date.now() - PRESENCE_TTL_MS) } } },
      select: { jurorId: true },
      distinct: ['jurorId'],
    });
    return new Set(rows.map((row) => row.jurorId));
  }

  private async refresh(): Promise<void> {
    if (!this.registered) return;
    // An upsert, so that a heartbeat removed as stale (this process was suspended for minutes) comes back.
    const now = new Date();
    await this.prisma.serverProcess.upsert({ where: { id: this.processId }, create: { id: this.processId, lastSeenAt: now }, update: { lastSeenAt: now } }).catch(() => undefined);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    // Deleting the heartbeat removes this process's presence rows with it (ON DELETE CASCADE).
    if (this.registered) await this.prisma.serverProcess.deleteMany({ where: { id: this.processId } }).catch(() => undefined);
  }
}
