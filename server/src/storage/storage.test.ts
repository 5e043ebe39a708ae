import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { writeFile, readFile, utimes } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalStorage, storageKeyFor } from './storage.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'certijury-storage-test-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const sha256 = (content: string) => createHash('sha256').update(content).digest('hex');

describe('local file storage', () => {
  it('sweeps staging files left by a process that died mid-write (older than an hour), and only those', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certijury-staging-sweep-'));
    try {
      const first = await createLocalStorage(dir);
      const [stale, fresh] = [await first.stagingPath(), await first.stagingPath()];
      await writeFile(stale, 'half an export');
      await writeFile(fresh, 'an upload in progress');
      const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
      await utimes(stale, twoHoursAgo, twoHoursAgo);
      await createLocalStorage(dir); // as at the next start
      expect(readdirSync(join(dir, 'files', '.staging'))).toEqual([fresh.split('/').pop()]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stores by content hash under DATA_DIR/files/<prefix>/<sha256>, once per content', async () => {
    const storage = await createLocalStorage(dataDir);
    const content = 'dossier projet';
    const hash = sha256(content);
    for (let i = 0; i < 2; i++) {
      const staging = await storage.stagingPath();
      await writeFile(staging, content);
      expect(await storage.commit(staging, hash)).toBe(`files/${hash.slice(0, 2)}/${hash}`);
    }
    expect(await readFile(join(dataDir, storageKeyFor(hash)), 'utf8')).toBe(content);
    expect(readdirSync(join(dataDir, 'files', hash.slice(0, 2)))).toEqual([hash]);
    expect(readdirSync(join(dataDir, 'files', '.staging'))).toEqual([]); // the duplicate's staging file is gone
    expect(await text(storage.read(storageKeyFor(hash)))).toBe(content);
  });

  it('refuses keys and hashes that could leave its folder', async () => {
    const storage = await createLocalStorage(dataDir);
    expect(() => storage.read('../../etc/passwd')).toThrow();
    await expect(storage.commit(await storage.stagingPath(), '../x')).rejects.toThrow();
  });

  it('uses a temporary folder for memory://', async () => {
    const storage = await createLocalStorage('memory://');
    const staging = await storage.stagingPath();
    expect(staging.startsWith(tmpdir())).toBe(true);
  });
});
