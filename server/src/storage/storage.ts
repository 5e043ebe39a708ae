// Where uploaded files live, behind a small interface so that an object store can replace the local disk.
// Files are content-addressed: key `files/<first 2 hex of sha256>/<sha256>`; storing the same content twice
// keeps one copy. Uploads are first written to a staging file (the hash is only known at the end), then
// committed under their key.
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';

export interface FileStorage {
  readonly kind: 'local';
  /** A fresh local path to stream an upload into before its hash is known. */
  stagingPath(): Promise<string>;
  /** Stores a finished staging file under its content hash (moving it); returns the storage key. */
  commit(stagingPath: string, sha256: string): Promise<string>;
  /** Drops a staging file (refused or failed upload). */
  discard(stagingPath: string): Promise<void>;
  read(key: string): Readable;
  /** Deletes a stored file (once no row refers to its content any more). */
  remove(key: string): Promise<void>;
}

/** Staging files older than this belong to no upload or export still running (a process died mid-write). */
const STALE_STAGING_MS = 3600_000;

async function sweepStaleStaging(staging: string, now = Date.now()): Promise<void> {
  for (const name of await readdir(staging)) {
    const path = join(staging, name);
    const file = await stat(path).catch(() => null);
    if (file && now - file.mtimeMs > STALE_STAGING_MS) await rm(path, { force: true });
  }
}

export const storageKeyFor = (sha256: string) => `files/${sha256.slice(0, 2)}/${sha256}`;

/**
 * Local disk under `${dataDir}/files/…` (staging in `${dataDir}/files/.staging`, same filesystem, so a
 * commit is a rename). With `memory://` (tests), a fresh OS temporary folder.
 */
export async function createLocalStorage(dataDir: string): Promise<FileStorage> {
  const root = dataDir.startsWith('memory://') ? await mkdtemp(join(tmpdir(), 'certijury-files-')) : dataDir;
  const staging = join(root, 'files', '.staging');
  await mkdir(staging, { recursive: true });
  await sweepStaleStaging(staging);
  return {
    kind: 'local',
    async stagingPath() {
      return join(staging, randomUUID());
    },
    async commit(stagingPath, sha256) {
      if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid sha256');
      const key = storageKeyFor(sha256);
      const target = join(root, key);
      const exists = await stat(target).then(() => true, () => false);
      if (exists) await rm(stagingPath, { force: true });
      else {
        await mkdir(join(root, 'files', sha256.slice(0, 2)), { recursive: true });
        await rename(stagingPath, target);
      }
      return key;
    },
    async discard(stagingPath) {
      await rm(stagingPath, { force: true });
    },
    read(key) {
      return createReadStream(join(root, checkedKey(key)));
    },
    async remove(key) {
      await rm(join(root, checkedKey(key)), { force: true });
    },
  };
}

function checkedKey(key: string): string {
  if (!/^files\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key)) throw new Error('invalid storage key');
  return key;
}

const shared = new Map<string, Promise<FileStorage>>();
/**
 * The process's file store for a data directory: every module (uploads, CDC files, erasure) uses the same one,
 * which matters with `memory://`, where each new store would be a different temporary folder.
 */
export function fileStorage(dataDir: string): Promise<FileStorage> {
  let storage = shared.get(dataDir);
  if (!storage) {
    storage = createLocalStorage(dataDir);
    shared.set(dataDir, storage);
  }
  return storage;
}
