import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.ts';
import { applyMigrations } from '../db/migrations.ts';
import { appendAudit, verifyAuditChain } from './audit.ts';

let db: Database;
beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://', databaseUrl: undefined });
  await applyMigrations(db.raw, db.kind, resolve(import.meta.dirname, '../../../prisma/migrations'));
  for (let i = 1; i <= 5; i++) {
    await db.prisma.$transaction((tx) =>
      appendAudit(tx, { actorId: 'u1', actorKind: 'user', action: 'test.step', entityType: 'Test', entityId: 't1', data: { i, note: 'é', nested: { b: 2, a: [1.5, null] } } }),
    );
  }
});
afterAll(() => db?.close());

describe('audit chain', () => {
  it('links every entry to the previous one and verifies', async () => {
    const entries = await db.prisma.auditEntry.findMany({ orderBy: { seq: 'asc' } });
    expect(entries).toHaveLength(5);
    for (let i = 1; i < entries.length; i++) expect(entries[i].prevHash).toBe(entries[i - 1].hash);
    expect(await verifyAuditChain(db.prisma)).toEqual({ ok: true, checked: 5, brokenAtSeq: null });
  });

  it('does not commit an entry whose transaction rolls back', async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await appendAudit(tx, { actorKind: 'system', action: 'test.rollback', entityType: 'Test', entityId: 't1' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.prisma.auditEntry.count()).toBe(5);
    expect((await verifyAuditChain(db.prisma)).ok).toBe(true);
  });

  it('detects an entry edited directly in the database', async () => {
    const third = (await db.prisma.auditEntry.findMany({ orderBy: { seq: 'asc' } }))[2];
    await db.raw.query(`UPDATE "AuditEntry" SET "data" = '{"i": 99}'::jsonb WHERE "seq" = $1`, [third.seq.toString()]);
    expect(await verifyAuditChain(db.prisma)).toEqual({ ok: false, checked: 2, brokenAtSeq: third.seq });
    await db.raw.query(`UPDATE "AuditEntry" SET "data" = $1::jsonb WHERE "seq" = $2`, [JSON.stringify(third.data), third.seq.toString()]);
    expect((await verifyAuditChain(db.prisma)).ok).toBe(true);
  });

  it('detects a deleted entry, including the last one', async () => {
    const entries = await db.prisma.auditEntry.findMany({ orderBy: { seq: 'asc' } });
    await db.raw.query(`DELETE FROM "AuditEntry" WHERE "seq" = $1`, [entries[4].seq.toString()]);
    expect((await verifyAuditChain(db.prisma)).ok).toBe(false);
  });
});
