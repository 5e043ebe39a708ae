// `pnpm db:backup --out FILE`, `pnpm db:restore FILE` and `pnpm db:move-to-postgres [--to URL]` (see db/backup.ts).
// Paths are read from where the command was typed (pnpm runs scripts from server/).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase } from './database.ts';
import { applyMigrations } from './migrations.ts';
import { moveToPostgres, restoreBackup, writeBackup } from './backup.ts';
import { verifyAuditChain } from '../lib/audit.ts';

const [command, ...rest] = process.argv.slice(2);
const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { out: { type: 'string' }, to: { type: 'string' } } });
const fromCaller = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);
const config = loadConfig({ ...process.env, DATABASE_URL: '' });

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

try {
  if (command === 'backup') {
    if (process.env.DATABASE_URL) fail('DATABASE_URL is set: back PostgreSQL up with pg_dump (see docs/operations.md); this command copies the embedded database.');
    if (!values.out) fail('usage: pnpm db:backup --out FILE.tar.gz');
    const out = fromCaller(values.out);
    const manifest = await writeBackup(config.dataDir, out);
    console.log(`Backup written to ${out} (${manifest.takenFrom === 'running-server' ? 'copied by the running server' : 'server stopped'}, ${manifest.createdAt}).`);
  } else if (command === 'restore') {
    if (process.env.DATABASE_URL) fail('DATABASE_URL is set: restore PostgreSQL with pg_restore (see docs/operations.md); this command restores the embedded database.');
    const file = positionals[0];
    if (!file) fail('usage: pnpm db:restore FILE.tar.gz');
    const { manifest, keptAside } = await restoreBackup(config.dataDir, fromCaller(file));
    console.log(`Restored the backup of ${manifest.createdAt} into ${config.dataDir}.`);
    if (keptAside) console.log(`The database it replaced is kept in ${keptAside} (delete it once the restore is checked).`);
  } else if (command === 'move-to-postgres') {
    const targetUrl = values.to ?? process.env.DATABASE_URL;
    if (!targetUrl) fail('usage: pnpm db:move-to-postgres --to postgresql://user@host:5432/database (or set DATABASE_URL)');
    // 1. The target's schema, by the same migrations the server applies.
    const target = await openDatabase({ databaseUrl: targetUrl, dataDir: config.dataDir });
    try {
      await applyMigrations(target.raw, target.kind, config.migrationsDir);
    } finally {
      await target.close();
    }
    // 2. The rows, in one transaction, counted on both sides.
    const counts = await moveToPostgres(config.dataDir, targetUrl);
    // 3. What the rows point to: the audit chain and the stored files (which stay in DATA_DIR/files).
    const moved = await openDatabase({ databaseUrl: targetUrl, dataDir: config.dataDir });
    try {
      const audit = await verifyAuditChain(moved.prisma);
      if (!audit.ok) fail(`The audit chain does not verify after the move (first broken entry: ${audit.brokenAtSeq}).`);
      const files = await moved.prisma.storedFile.findMany({ where: { storageKey: { startsWith: 'files/' } }, select: { storageKey: true } });
      const missing = files.filter((file) => !existsSync(join(config.dataDir, file.storageKey)));
      const rows = Object.values(counts).reduce((sum, n) => sum + n, 0);
      console.log(`Moved ${rows} rows in ${Object.keys(counts).length} tables to ${target.label}; the audit chain verifies (${audit.checked} entries).`);
      if (missing.length) console.warn(`${missing.length} stored file(s) named by the database are missing from ${config.dataDir}/files.`);
      console.log(`Start the server with DATABASE_URL set and DATA_DIR=${config.dataDir} (stored files stay there).`);
    } finally {
      await moved.close();
    }
  } else {
    fail('usage: backup-cli.ts backup --out FILE | restore FILE | move-to-postgres [--to URL]');
  }
} catch (error) {
  // A refusal or a bad file is said in one line, without a stack.
  fail(`${command}: ${(error as Error).message}`);
}
