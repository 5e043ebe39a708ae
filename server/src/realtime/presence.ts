// Presence in oral rooms, shared across server processes through the database: each open room
// subscription holds a row that its process refreshes; rows not refreshed within PRESENCE_TTL_MS
// (a crashed process) no longer count.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.ts';

export const PRESENCE_REFRESH_MS = 10_000;
export const PRESENCE_TTL_MS = 30_000;

export class PresenceTracker {
  private readonly held = new Set<string>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly prisma: PrismaClient) {
    this.timer = setInterval(() => void this.refresh(), PRESENCE_REFRESH_MS);
    this.timer.unref();
  }

  async enter(oralId: string, jurorId: string): Promise<string> {
    const id = randomUUID();
    await this.prisma.oralPresence.create({ data: { id, oralId, jurorId } });
    this.held.add(id);
    return id;
  }

  async leave(id: string): Promise<void> {
    this.held.delete(id);
    await this.prisma.oralPresence.deleteMany({ where: { id } });
  }

  /** Juror ids connected to the oral now. */
  static async connected(prisma: PrismaClient, oralId: string): Promise<Set<string>> {
    const rows = await prisma.oralPresence.findMany({
      where: { oralId, lastSeenAt: { gt: new Date(Date.now() - PRESENCE_TTL_MS) } },
      select: { jurorId: true },
      distinct: ['jurorId'],
    });
    return new Set(rows.map((row) => row.jurorId));
  }

  private async refresh(): Promise<void> {
    if (this.held.size === 0) return;
    await this.prisma.oralPresence
      .updateMany({ where: { id: { in: [...this.held] } }, data: { lastSeenAt: new Date() } })
      .catch(() => undefined);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    const ids = [...this.held];
    this.held.clear();
    if (ids.length) await this.prisma.oralPresence.deleteMany({ where: { id: { in: ids } } }).catch(() => undefined);
  }
}
