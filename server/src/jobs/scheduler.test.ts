// Periodic jobs on a real (embedded) database: a job runs once per period, a failed run leaves no trace and is
// retried, and the deadline digest notifies each admin once per period with what is late or at risk.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.ts';
import { applyMigrations } from '../db/migrations.ts';
import { seedDemoData } from '../../../prisma/seed.ts';
import { runIfDue, type Job } from './scheduler.ts';
import { deadlineDigest, deadlineDigestJob } from './deadline-digest.ts';

let db: Database;
const HOUR = 3600_000;

beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://', databaseUrl: undefined });
  await applyMigrations(db.raw, db.kind, resolve(import.meta.dirname, '../../../prisma/migrations'));
  await seedDemoData(db.prisma);
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe('periodic jobs', () => {
  it('run once per period, and a failed run is rolled back and retried', async () => {
    const done: Date[] = [];
    let fail = true;
    const job: Job = {
      name: 'test-job',
      intervalMs: HOUR,
      async run(tx, now) {
        await tx.jobRun.update({ where: { name: 'test-job' }, data: { runs: { increment: 0 } } });
        if (fail) throw new Error('boom');
        done.push(now);
      },
    };
    const t0 = new Date('2030-01-01T08:00:00Z');
    await expect(runIfDue(db, job, t0)).rejects.toThrow('boom');
    expect(await db.prisma.jobRun.findUnique({ where: { name: 'test-job' } })).toBeNull(); // rolled back: still due
    fail = false;
    expect(await Promise.all([runIfDue(db, job, t0), runIfDue(db, job, t0)])).toEqual(expect.arrayContaining([true, false]));
    expect(await runIfDue(db, job, new Date(t0.getTime() + HOUR - 1))).toBe(false);
    expect(await runIfDue(db, job, new Date(t0.getTime() + HOUR))).toBe(true);
    expect(done).toHaveLength(2);
    expect((await db.prisma.jobRun.findUniqueOrThrow({ where: { name: 'test-job' } })).runs).toBe(2);
  });

  it('sends each admin one deadline digest per period, with the counts of what is late or at risk', async () => {
    const certifier = await db.prisma.certifier.findFirstOrThrow({ select: { id: true } });
    const now = new Date();
    const digest = await db.prisma.$transaction((tx) => deadlineDigest(tx, certifier.id, now));
    expect(digest.results).toBeGreaterThan(0); // the demo's overdue result (candidate07)
    const job = deadlineDigestJob(24 * HOUR);
    expect(await runIfDue(db, job, now)).toBe(true);
    // Even if the work ran twice in one period (it cannot, under the lock), the digest goes out once.
    await db.prisma.$transaction((tx) => job.run(tx, new Date(now.getTime() + 1000), []));
    const admins = await db.prisma.user.count({ where: { certifierId: certifier.id, role: 'ADMIN', disabledAt: null } });
    const sent = await db.prisma.notification.findMany({ where: { template: 'DEADLINES_AT_RISK' }, select: { userId: true, data: true } });
    expect(sent).toHaveLength(admins);
    expect(sent[0].data).toMatchObject({ results: digest.results, projectFiles: digest.projectFiles, cdc: digest.cdc });
  });
});
