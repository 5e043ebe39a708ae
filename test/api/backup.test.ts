// Backups of the embedded database while the server runs, their restore, and the move of an embedded database
// to PostgreSQL: through the commands an operator types, against a real server, checked through the API.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgresDatabase, startServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';
import { databaseUrl } from '../support/environment.ts';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
/** Runs `pnpm db:<command>` as an operator would (the CLI directly, without pnpm's banner). */
const operatorCommand = (args: string[], env: Record<string, string>) =>
  run(process.execPath, ['--import', 'tsx', 'server/src/db/backup-cli.ts', ...args], { cwd: root, env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 120_000 });

const dataDir = mkdtempSync(join(tmpdir(), 'certijury-backup-test-'));
const backupFile = join(dataDir, '..', `${dataDir.split('/').pop()}-backup.tar.gz`);
let server: TestServer | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(backupFile, { force: true });
});

const start = (env: Record<string, string> = {}, database?: string) => startServer({ databaseUrl: database, env: { DATA_DIR: dataDir, ...env } });

async function upload(attemptId: string, content: Buffer, token: string) {
  const form = new FormData();
  form.append('file', new Blob([content]), 'Dossier projet.pdf');
  const response = await fetch(`${server!.url}/uploads/project-file?attemptId=${attemptId}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  expect(response.status).toBe(201);
  return (await response.json()) as { projectFileId: string; version: number };
}
const pdf = (text: string) => Buffer.from(`%PDF-1.7\n% ${text}\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n`);

/** What the test checks after a restore or a move: the candidate's project files, their bytes, the audit chain. */
async function stateSeenThroughTheApi() {
  const admin = await loginAs(server!.graphqlUrl, 'admin@demo.certijury.fr');
  const candidate = await loginAs(server!.graphqlUrl, 'candidate01@demo.certijury.fr');
  const attemptId = (await gql(server!.graphqlUrl, '{ myAttempts { id } }', {}, { token: candidate })).data!.myAttempts[0].id;
  const files = (await gql(server!.graphqlUrl, 'query ($id: ID!) { projectFiles(attemptId: $id) { id version } }', { id: attemptId }, { token: admin })).data!.projectFiles as { id: string; version: number }[];
  const bytes = await Promise.all(
    files.map(async (file) => Buffer.from(await (await fetch(`${server!.url}/downloads/project-files/${file.id}`, { headers: { authorization: `Bearer ${admin}` } })).arrayBuffer()).toString()),
  );
  const audit = (await gql(server!.graphqlUrl, '{ auditVerification { ok checked } }', {}, { token: admin })).data!.auditVerification;
  const candidates = (await gql(server!.graphqlUrl, '{ candidates(first: 1) { totalCount } }', {}, { token: admin })).data!.candidates.totalCount as number;
  return { attemptId, candidate, versions: files.map((file) => file.version).sort(), bytes: bytes.sort(), audit, candidates };
}

describe('pnpm db:backup and pnpm db:restore (embedded database)', () => {
  let beforeBackup: Awaited<ReturnType<typeof stateSeenThroughTheApi>>;

  beforeAll(async () => {
    server = await start();
  });

  it('backs up while the server runs, and a restore brings back exactly that moment', async () => {
    const { attemptId, candidate } = await stateSeenThroughTheApi();
    await upload(attemptId, pdf('version sauvegardée'), candidate);
    beforeBackup = await stateSeenThroughTheApi();
    expect(beforeBackup.versions).toEqual([1]);

    const backup = await operatorCommand(['backup', '--out', backupFile], { DATA_DIR: dataDir });
    expect(backup.stdout).toMatch(/Backup written to .*copied by the running server/);
    // The server went on working during and after the backup; this later version is not in it.
    await upload(attemptId, pdf('version après la sauvegarde'), candidate);
    expect((await stateSeenThroughTheApi()).versions).toEqual([1, 2]);

    // A restore refuses to run under a live server.
    await expect(operatorCommand(['restore', backupFile], { DATA_DIR: dataDir })).rejects.toMatchObject({ stderr: expect.stringMatching(/a server is running on this DATA_DIR/) });
    await server!.stop();
    server = undefined;
    const restore = await operatorCommand(['restore', backupFile], { DATA_DIR: dataDir });
    expect(restore.stdout).toMatch(/Restored the backup of [\s\S]*The database it replaced is kept in .*pglite\.before-restore-/);

    server = await start();
    const restored = await stateSeenThroughTheApi();
    expect(restored.versions).toEqual([1]);
    expect(restored.bytes).toEqual(beforeBackup.bytes);
    expect(restored.bytes[0]).toContain('version sauvegardée');
    expect(restored.audit).toEqual({ ok: true, checked: beforeBackup.audit.checked });
    expect(restored.candidates).toBe(beforeBackup.candidates);
  });

  it('says what is wrong with a file that is not a backup, and changes nothing', async () => {
    await server?.stop();
    server = undefined;
    const notABackup = join(dataDir, 'not-a-backup.tar.gz');
    writeFileSync(notABackup, 'plain text');
    await expect(operatorCommand(['restore', notABackup], { DATA_DIR: dataDir })).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/^restore: .*not-a-backup\.tar\.gz is not a Certijury backup/) });
    await expect(operatorCommand(['backup'], { DATA_DIR: dataDir })).rejects.toMatchObject({ stderr: expect.stringMatching(/usage: pnpm db:backup --out/) });
    server = await start();
    expect((await stateSeenThroughTheApi()).versions).toEqual([1]);
  });

  describe.skipIf(!databaseUrl)('pnpm db:move-to-postgres', () => {
    it('copies the embedded database into an empty PostgreSQL database: every row, file and audit entry', async () => {
      server ??= await start();
      const embedded = await stateSeenThroughTheApi();
      await server.stop();
      server = undefined;
      const target = (await freshPostgresDatabase())!;
      try {
        const moved = await operatorCommand(['move-to-postgres', '--to', target.url], { DATA_DIR: dataDir });
        expect(moved.stdout).toMatch(/Moved \d+ rows in \d+ tables .* the audit chain verifies/);
        expect(moved.stderr).not.toMatch(/missing/);
        // A second move into the now filled database is refused: nothing is doubled.
        await expect(operatorCommand(['move-to-postgres', '--to', target.url], { DATA_DIR: dataDir })).rejects.toMatchObject({ stderr: expect.stringMatching(/not empty/) });

        server = await start({ SEED_DEMO: 'false' }, target.url);
        const onPostgres = await stateSeenThroughTheApi();
        expect(onPostgres.versions).toEqual(embedded.versions);
        expect(onPostgres.bytes).toEqual(embedded.bytes);
        expect(onPostgres.candidates).toBe(embedded.candidates);
        expect(onPostgres.audit).toEqual({ ok: true, checked: embedded.audit.checked });
        // The moved database goes on: a new version is written on PostgreSQL.
        await upload(onPostgres.attemptId, pdf('sur PostgreSQL'), onPostgres.candidate);
        expect((await stateSeenThroughTheApi()).versions).toEqual([1, 2]);
      } finally {
        await server?.stop();
        server = undefined;
        await target.drop();
      }
    });
  });
});
if (!databaseUrl) console.info('pnpm db:move-to-postgres: skipped — DATABASE_URL is not set (the PostgreSQL pass of .ci/run runs it)');
