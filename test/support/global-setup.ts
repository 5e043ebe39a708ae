// Once per `vitest run`: an embedded database already migrated, saved as a gzipped data folder, that every test
// server on PGlite (DATA_DIR=memory://) starts from (PGLITE_TEMPLATE). PGlite's initdb and the migrations were
// most of a test server's start-up; the demo data is still loaded by each server, with its own address.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../server/src/db/database.ts';
import { applyMigrations } from '../../server/src/db/migrations.ts';

export default async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'certijury-test-template-'));
  const db = await openDatabase({ dataDir: 'memory://', databaseUrl: undefined });
  try {
    await applyMigrations(db.raw, db.kind, resolve(import.meta.dirname, '../../prisma/migrations'));
    const template = join(dir, 'pglite-migrated.tar.gz');
    writeFileSync(template, Buffer.from(await (await db.dumpDataDir!()).arrayBuffer()));
    process.env.PGLITE_TEMPLATE = template;
  } finally {
    await db.close();
  }
  return () => rmSync(dir, { recursive: true, force: true });
}
