// The certifiers' Ed25519 signing keys. A key is generated on first use (node:crypto); its private half is
// stored encrypted with AES-256-GCM under the server secret's `signing-key-encryption` key, bound to the key's
// id (the GCM additional data), so a row copied onto another id does not decrypt. Rotation retires the current
// key and makes a new one: certificates keep naming the key that signed them, so old ones still verify.
import { createCipheriv, createDecipheriv, createPrivateKey, generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { AppSecret } from '../../lib/secrets.ts';
import { publicKeyMultibase, publicKeyFromMultibase } from './certificate.rules.ts';

type Tx = Prisma.TransactionClient;

const FORMAT = 'v1';

export function encryptPrivateKey(secret: AppSecret, keyId: string, privateKey: KeyObject): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secret.derive('signing-key-encryption'), iv);
  cipher.setAAD(Buffer.from(keyId, 'utf8'));
  const encrypted = Buffer.concat([cipher.update(privateKey.export({ format: 'der', type: 'pkcs8' })), cipher.final()]);
  return [FORMAT, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), encrypted.toString('base64url')].join('.');
}

export function decryptPrivateKey(secret: AppSecret, keyId: string, stored: string): KeyObject {
  const [format, iv, tag, encrypted] = stored.split('.');
  if (format !== FORMAT || !iv || !tag || !encrypted) throw new Error('unknown signing key format');
  const decipher = createDecipheriv('aes-256-gcm', secret.derive('signing-key-encryption'), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(keyId, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const der = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64url')), decipher.final()]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

export interface ActiveSigningKey {
  id: string;
  /** Multibase (z6Mk…). */
  publicKey: string;
  privateKey: KeyObject;
  publicKeyObject: KeyObject;
}

/** Serialises key creation per certifier within the transaction (two first issues at once make one key). */
export async function lockCertifierKeys(tx: Tx, certifierId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`signing-key:${certifierId}`}))`;
}

async function createKey(tx: Tx, secret: AppSecret, certifierId: string, now: Date): Promise<ActiveSigningKey> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const id = randomUUID();
  const multibase = publicKeyMultibase(publicKey);
  await tx.signingKey.create({ data: { id, certifierId, publicKey: multibase, privateKeyEncrypted: encryptPrivateKey(secret, id, privateKey), createdAt: now } });
  return { id, publicKey: multibase, privateKey, publicKeyObject: publicKey };
}

/** The certifier's current key, created on first use. */
export async function activeSigningKey(tx: Tx, secret: AppSecret, certifierId: string, now = new Date()): Promise<ActiveSigningKey & { created: boolean }> {
  await lockCertifierKeys(tx, certifierId);
  const current = await tx.signingKey.findFirst({
    where: { certifierId, retiredAt: null },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    select: { id: true, publicKey: true, privateKeyEncrypted: true },
  });
  if (!current) return { ...(await createKey(tx, secret, certifierId, now)), created: true };
  const publicKeyObject = publicKeyFromMultibase(current.publicKey);
  if (!publicKeyObject) throw new Error(`signing key ${current.id} has no Ed25519 public key`);
  return { id: current.id, publicKey: current.publicKey, privateKey: decryptPrivateKey(secret, current.id, current.privateKeyEncrypted), publicKeyObject, created: false };
}

/** Retires the certifier's current key(s) and creates the next one. Returns the new key and the retired ids. */
export async function rotateKey(tx: Tx, secret: AppSecret, certifierId: string, now = new Date()): Promise<{ key: ActiveSigningKey; retiredIds: string[] }> {
  await lockCertifierKeys(tx, certifierId);
  const retiring = await tx.signingKey.findMany({ where: { certifierId, retiredAt: null }, select: { id: true } });
  await tx.signingKey.updateMany({ where: { id: { in: retiring.map((key) => key.id) } }, data: { retiredAt: now } });
  return { key: await createKey(tx, secret, certifierId, now), retiredIds: retiring.map((key) => key.id) };
}
