// The server's secret, from which purpose-specific keys are derived (HKDF-SHA256): the key that encrypts the
// certificate signing keys at rest, the key that signs appeal links, … Every process of one deployment must
// share it, so production requires APP_SECRET. Without it (development, the embedded database) a random secret
// is generated once and kept in DATA_DIR/app-secret (mode 0600); with DATA_DIR=memory:// it lives in memory.
import { randomBytes, hkdfSync } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type SecretPurpose = 'signing-key-encryption' | 'appeal-token' | 'holder-identifier';

export interface AppSecret {
  /** A 32-byte key for one purpose; the same secret always gives the same key. */
  derive(purpose: SecretPurpose): Buffer;
}

function parseSecret(value: string): Buffer {
  const secret = /^[0-9a-f]{64,}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (secret.length < 32) throw new Error('APP_SECRET must hold at least 32 bytes (64 hex characters or 44 base64 characters)');
  return secret;
}

export function appSecretFrom(secret: Buffer): AppSecret {
  const cache = new Map<SecretPurpose, Buffer>();
  return {
    derive(purpose) {
      let key = cache.get(purpose);
      if (!key) cache.set(purpose, (key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `certijury:${purpose}`, 32))));
      return key;
    },
  };
}

export async function loadAppSecret(config: { appSecret?: string; dataDir: string; production: boolean }): Promise<AppSecret> {
  if (config.appSecret) return appSecretFrom(parseSecret(config.appSecret));
  if (config.production) throw new Error('APP_SECRET is required in production (every server process must share it); generate one with `openssl rand -hex 32`');
  if (config.dataDir.startsWith('memory://')) return appSecretFrom(randomBytes(32));
  const file = join(config.dataDir, 'app-secret');
  try {
    return appSecretFrom(parseSecret((await readFile(file, 'utf8')).trim()));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(config.dataDir, { recursive: true });
  const generated = randomBytes(32).toString('hex');
  // 'wx': if another process created it meanwhile, read theirs rather than overwrite it.
  try {
    await writeFile(file, generated + '\n', { mode: 0o600, flag: 'wx' });
    return appSecretFrom(Buffer.from(generated, 'hex'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return appSecretFrom(parseSecret((await readFile(file, 'utf8')).trim()));
  }
}
