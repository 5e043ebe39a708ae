// Backups of the embedded database, and its move to PostgreSQL.
//
// A backup is one .tar.gz: `manifest.json`, `pglite.tar.gz` (PGlite's own copy of its data folder, taken by the
// process that holds the database, between two statements: consistent) and `files/` (the stored files, which are
// content-addressed and never change, so copying them after the database holds every file it names).
//
// While the server runs, PGlite belongs to its process: another process must not open the folder. So the server
// listens on a Unix socket in DATA_DIR (`control.sock`, reachable only by who can read DATA_DIR), and
// `pnpm db:backup` asks it for the copy; when nobody answers there, the server is stopped and the command opens
// the database itself.
import { createServer, request, type Server } from 'node:http';
import { existsSync, mkdtempSync, rmSync, renameSync, symlinkSync, unlinkSync, writeFileSync, readFileSync, cpSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { PGlite } from '@electric-sql/pglite';
import { pgDump } from '@electric-sql/pglite-tools/pg_dump';
import pg from 'pg';
import { pgliteDirectory } from './database.ts';

export const BACKUP_FORMAT = 'certijury-backup/1';
const MANIFEST = 'manifest.json';
const PGLITE_ARCHIVE = 'pglite.tar.gz';
const CONTROL_SOCKET = 'control.sock';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  database: 'pglite';
  /** How the copy was taken: from the running server, or from the folder with the server stopped. */
  takenFrom: 'running-server' | 'stopped-folder';
}

export const controlSocketPath = (dataDir: string) => join(dataDir, CONTROL_SOCKET);

/**
 * The running server's side: answers `GET /pglite-data` on DATA_DIR/control.sock with a gzipped copy of the
 * embedded database's folder. Returns the listener, to close at shutdown.
 */
export async function listenForBackups(dataDir: string, dumpDataDir: () => Promise<Blob>): Promise<Server> {
  const path = controlSocketPath(dataDir);
  // A socket file left by a process that died; a live server on the same folder would already have failed to
  // open the database.
  if (existsSync(path)) unlinkSync(path);
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/pglite-data') {
      res.writeHead(404).end();
      return;
    }
    dumpDataDir().then(
      async (blob) => {
        res.writeHead(200, { 'content-type': 'application/gzip' });
        res.end(Buffer.from(await blob.arrayBuffer()));
      },
      (error: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(path, resolve));
  server.unref();
  return server;
}

/** The running server's copy of the database, or null when no server answers on the control socket. */
async function askRunningServer(dataDir: string): Promise<Buffer | null> {
  const path = controlSocketPath(dataDir);
  if (!existsSync(path)) return null;
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: path, path: '/pglite-data', method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`the running server could not copy its database: ${Buffer.concat(chunks).toString()}`))));
    });
    // Nobody listening: the socket file of a stopped server.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNREFUSED' || error.code === 'ENOENT' ? resolve(null) : reject(error)));
    req.end();
  });
}

/** Whether a server is running on this DATA_DIR (it answers on the control socket). */
export async function serverIsRunning(dataDir: string): Promise<boolean> {
  const path = controlSocketPath(dataDir);
  if (!existsSync(path)) return false;
  return new Promise((resolve) => {
    const req = request({ socketPath: path, path: '/', method: 'GET' }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

async function dumpStoppedFolder(dataDir: string): Promise<Buffer> {
  const directory = pgliteDirectory({ dataDir });
  if (!existsSync(directory)) throw new Error(`no embedded database in ${directory}`);
  const client = await PGlite.create(directory);
  try {
    return Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer());
  } finally {
    await client.close();
  }
}

/** Writes a backup of DATA_DIR's embedded database and stored files to `outFile`. */
export async function writeBackup(dataDir: string, outFile: string): Promise<BackupManifest> {
  const fromServer = await askRunningServer(dataDir);
  const database = fromServer ?? (await dumpStoppedFolder(dataDir));
  const manifest: BackupManifest = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), database: 'pglite', takenFrom: fromServer ? 'running-server' : 'stopped-folder' };
  const staging = mkdtempSync(join(tmpdir(), 'certijury-backup-'));
  try {
    writeFileSync(join(staging, MANIFEST), JSON.stringify(manifest, null, 2));
    writeFileSync(join(staging, PGLITE_ARCHIVE), database);
    const entries = [MANIFEST, PGLITE_ARCHIVE];
    // Stored files, taken after the database: every file it names was committed before it named it.
    if (existsSync(join(dataDir, 'files'))) {
      symlinkSync(join(dataDir, 'files'), join(staging, 'files'));
      entries.push('files');
    }
    await tar.create({ gzip: true, file: outFile, cwd: staging, follow: true, portable: true, filter: (path) => !path.includes('/.staging') }, entries);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return manifest;
}

/**
 * Restores a backup into DATA_DIR (the server must be stopped). The database folder it replaces is kept beside
 * it as `pglite.before-restore-<time>`; stored files are added (content-addressed: nothing is overwritten).
 * Returns the folder kept aside, if any.
 */
export async function restoreBackup(dataDir: string, backupFile: string): Promise<{ manifest: BackupManifest; keptAside: string | null }> {
  if (await serverIsRunning(dataDir)) throw new Error('a server is running on this DATA_DIR: stop it before restoring');
  const staging = mkdtempSync(join(tmpdir(), 'certijury-restore-'));
  try {
    if (!existsSync(backupFile)) throw new Error(`${backupFile} does not exist`);
    await tar.extract({ file: backupFile, cwd: staging, strict: true }).catch((error: Error) => {
      throw new Error(`${backupFile} is not a Certijury backup (${error.message})`);
    });
    const manifestPath = join(staging, MANIFEST);
    if (!existsSync(manifestPath) || !existsSync(join(staging, PGLITE_ARCHIVE))) throw new Error(`${backupFile} is not a Certijury backup (no ${MANIFEST} or ${PGLITE_ARCHIVE})`);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BackupManifest;
    if (manifest.format !== BACKUP_FORMAT) throw new Error(`unknown backup format ${JSON.stringify(manifest.format)} (expected ${BACKUP_FORMAT})`);
    const directory = pgliteDirectory({ dataDir });
    let keptAside: string | null = null;
    if (existsSync(directory)) {
      keptAside = `${directory}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(directory, keptAside);
    }
    mkdirSync(dataDir, { recursive: true });
    const archive = await readFile(join(staging, PGLITE_ARCHIVE));
    const client = await PGlite.create(directory, { loadDataDir: new Blob([archive]) });
    await client.query('SELECT 1');
    await client.close();
    if (existsSync(join(staging, 'files'))) cpSync(join(staging, 'files'), join(dataDir, 'files'), { recursive: true, force: false });
    return { manifest, keptAside };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Tables copied by the move: every table of the schema but the migration history (the target applies its own). */
const NOT_MOVED = new Set(['_prisma_migrations']);

/**
 * Copies the embedded database of DATA_DIR (server stopped) into an empty PostgreSQL database whose schema the
 * caller has just migrated: the rows of every table, in one transaction (all or nothing), with pg_dump's data
 * (PGlite's own pg_dump, as INSERT statements in foreign-key order). Returns the number of rows per table.
 */
export async function moveToPostgres(dataDir: string, targetUrl: string): Promise<Record<string, number>> {
  if (await serverIsRunning(dataDir)) throw new Error('a server is running on this DATA_DIR: stop it before moving its database');
  const source = await PGlite.create(pgliteDirectory({ dataDir }));
  const target = new pg.Client({ connectionString: targetUrl });
  await target.connect();
  try {
    const tables = (await source.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).rows.map((row) => row.name).filter((name) => !NOT_MOVED.has(name));
    for (const table of tables) {
      const { rows } = await target.query(`SELECT EXISTS (SELECT 1 FROM "${table}") AS filled`);
      if (rows[0].filled) throw new Error(`the target database is not empty (table "${table}" has rows): the move only fills an empty database`);
    }
    const dump = await pgDump({ pg: source, args: ['--data-only', '--inserts', '--rows-per-insert=500', '--schema=public', ...[...NOT_MOVED].map((name) => `--exclude-table-data=public."${name}"`)] });
    const text = await dump.text();
    // The header's SET lines name settings of PGlite's PostgreSQL (18) that an older server may not know: the
    // statements that matter are set here instead. Data lines never start with SET (they are INSERTs).
    const statements = text
      .split('\n')
      .filter((line) => !line.startsWith('SET ') && !line.startsWith('SELECT pg_catalog.set_config'))
      .join('\n');
    await target.query('BEGIN');
    try {
      await target.query(`SET LOCAL client_encoding = 'UTF8'; SET LOCAL standard_conforming_strings = on; SET LOCAL search_path = public`);
      await target.query(statements);
      await target.query('COMMIT');
    } catch (error) {
      await target.query('ROLLBACK');
      throw error;
    }
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const [from, to] = await Promise.all([source.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`), target.query(`SELECT count(*)::int AS n FROM "${table}"`)]);
      if (from.rows[0].n !== to.rows[0].n) throw new Error(`table "${table}": ${from.rows[0].n} rows in the embedded database, ${to.rows[0].n} in PostgreSQL`);
      counts[table] = to.rows[0].n;
    }
    return counts;
  } finally {
    await target.end();
    await source.close();
  }
}
