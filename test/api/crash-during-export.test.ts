// kill -9 during a CDC export: the server is killed while it writes a batch of 20,000 passages (on disk: embedded
// PGlite in DATA_DIR, or PostgreSQL), then restarted on the same data. Nothing is half-written: no batch exists,
// every passage is still PENDING (none marked SENT without its file), the audit chain verifies, and the next
// export sends every one of them in one complete batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../server/src/db/database.ts';
import { applyMigrations } from '../../server/src/db/migrations.ts';
import { seedDemoData } from '../../prisma/seed.ts';
import { freshPostgresDatabase, startServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';
import { generatedPassagesSql } from '../support/cdc-passages.ts';

const PASSAGES = 20_000;
const root = resolve(import.meta.dirname, '../..');

let dataDir = '';
let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let server: TestServer | undefined;

const start = () => startServer({ env: { DATA_DIR: dataDir }, databaseUrl: database?.url });

async function adminQuery(query: string) {
  const token = await loginAs(server!.graphqlUrl, 'admin@demo.certijury.fr');
  const response = await gql(server!.graphqlUrl, query, {}, { token });
  expect(response.errors, query).toBeUndefined();
  return response.data!;
}

/** Size of the export being written (the batch file is staged until its transaction commits). */
async function stagedBytes(): Promise<number> {
  const staging = join(dataDir, 'files', '.staging');
  const names = await readdir(staging).catch(() => [] as string[]);
  const sizes = await Promise.all(names.map((name) => stat(join(staging, name)).then((file) => file.size, () => 0)));
  return sizes.reduce((sum, size) => sum + size, 0);
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'certijury-crash-export-'));
  database = await freshPostgresDatabase();
  // The data, prepared beforehand as on a real server: demo certifier plus 20,000 passages awaiting transmission.
  const db = await openDatabase({ dataDir, databaseUrl: database?.url });
  try {
    await applyMigrations(db.raw, db.kind, resolve(root, 'prisma/migrations'));
    await seedDemoData(db.prisma);
    const certification = await db.prisma.certification.findFirstOrThrow({ where: { code: 'RS5302' }, select: { id: true, certifierId: true, frameworks: { where: { status: 'PUBLISHED' }, select: { id: true } } } });
    const partner = await db.prisma.partner.findFirstOrThrow({ where: { certifierId: certification.certifierId }, select: { id: true } });
    await db.raw.exec(generatedPassagesSql({ count: PASSAGES, partnerId: partner.id, certificationId: certification.id, frameworkVersionId: certification.frameworks[0].id, prefix: 'crash' }));
  } finally {
    await db.close();
  }
}, 180_000);

afterAll(async () => {
  await server?.stop('SIGKILL');
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('kill -9 during a CDC export', () => {
  it('leaves no half-written batch, and the next export sends everything', async () => {
    server = await start();
    const before = await adminQuery('{ cdcExportPreview { ready blockedCount } cdcBatches(first: 10) { edges { node { id } } } cdcDeadlines { pending sent } }');
    expect(before.cdcExportPreview.ready).toBeGreaterThan(PASSAGES * 0.9);
    expect(before.cdcBatches.edges).toEqual([]);
    expect(before.cdcDeadlines.sent).toBe(0);

    const token = await loginAs(server.graphqlUrl, 'admin@demo.certijury.fr');
    const exporting = gql(server.graphqlUrl, 'mutation { exportCdcBatch { batch { id passageCount } } }', {}, { token }).catch((error: unknown) => error);
    // Kill it once a good part of the file is written, that is in the middle of its transaction.
    const deadline = Date.now() + 60_000;
    while ((await stagedBytes()) < 500_000) {
      if (Date.now() > deadline) throw new Error('the export did not start writing');
      await new Promise((resolveWait) => setTimeout(resolveWait, 10));
    }
    await server.stop('SIGKILL');
    expect(await exporting).toBeInstanceOf(Error); // the connection died with the server: no answer was given

    server = await start();
    const after = await adminQuery(`{
      cdcBatches(first: 10) { edges { node { id } } }
      cdcExportPreview { ready blockedCount }
      cdcDeadlines { pending sent }
      auditVerification { ok }
    }`);
    expect(after.cdcBatches.edges).toEqual([]);
    expect(after.cdcDeadlines).toEqual(before.cdcDeadlines);
    expect(after.cdcExportPreview).toEqual(before.cdcExportPreview);
    expect(after.auditVerification.ok).toBe(true);

    const exported = await adminQuery('mutation { exportCdcBatch { batch { id passageCount } blockedCount } }');
    expect(exported.exportCdcBatch.batch.passageCount).toBe(before.cdcExportPreview.ready);
    expect(exported.exportCdcBatch.blockedCount).toBe(before.cdcExportPreview.blockedCount);
    const sent = await adminQuery('{ cdcDeadlines { sent } cdcBatches(first: 10) { edges { node { id passageCount } } } }');
    expect(sent.cdcDeadlines.sent).toBe(before.cdcExportPreview.ready);
    expect(sent.cdcBatches.edges.map((edge: any) => edge.node)).toEqual([exported.exportCdcBatch.batch]);
  }, 240_000);
});
