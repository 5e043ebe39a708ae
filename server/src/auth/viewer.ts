// Who is calling. Resolved once per HTTP request or WebSocket connection from a bearer credential:
// a login session token, or a partner API key (`cj_<prefix>_<secret>`). Only SHA-256 digests are stored.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { PrismaClient, Role } from '../generated/prisma/client.ts';
import type { PubSub } from '../realtime/pubsub.ts';

export type Viewer =
  | {
      kind: 'user';
      userId: string;
      sessionId: string;
      role: Role;
      certifierId: string;
      displayName: string;
      partnerId: string | null;
      candidateId: string | null;
    }
  | { kind: 'apiKey'; apiKeyId: string; partnerId: string; certifierId: string };

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function newSessionToken(): string {
  return `cjs_${randomBytes(32).toString('base64url')}`;
}

export function newApiKeySecret(): { prefix: string; secret: string; key: string } {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  return { prefix, secret, key: `cj_${prefix}_${secret}` };
}

/** Accepts `Bearer <credential>` or the bare credential. */
export function credentialFrom(header: unknown): string | null {
  if (typeof header !== 'string' || !header.trim()) return null;
  const value = header.trim();
  return value.toLowerCase().startsWith('bearer ') ? value.slice(7).trim() : value;
}

/** Pub/sub room on which every process hears revocations (logout, revoked API key, disabled user). */
const REVOCATIONS_ROOM = 'auth:revocations';
export const VIEWER_CACHE_TTL_MS = 60_000;

/**
 * Resolves credentials to viewers, with a cache so that a busy juror's autosaves do not each re-read
 * their session. A revocation evicts at once in every process (through pub/sub); the TTL bounds what a
 * lost pub/sub message could leave behind.
 */
export class ViewerResolver {
  private readonly cache = new LRUCache<string, { viewer: Viewer | null }>({ max: 50_000, ttl: VIEWER_CACHE_TTL_MS });
  private readonly unlisten: () => void;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly pubsub: PubSub,
  ) {
    this.unlisten = pubsub.listen(REVOCATIONS_ROOM, (event) => {
      const hash = event.payload.credentialHash;
      if (typeof hash === 'string') this.cache.delete(hash);
      else this.cache.clear();
    });
  }

  async resolve(credential: string | null): Promise<Viewer | null> {
    if (!credential) return null;
    const key = sha256(credential);
    const cached = this.cache.get(key);
    if (cached) return cached.viewer;
    const viewer = await lookUpViewer(this.prisma, credential);
    this.cache.set(key, { viewer });
    return viewer;
  }

  /** The viewer without waiting when no database read is needed (no credential, or a cached one); else undefined. */
  known(credential: string | null): Viewer | null | undefined {
    if (!credential) return null;
    return this.cache.get(sha256(credential))?.viewer;
  }

  /** One credential (logout), or every cached one (a revoked API key, whose secret we do not hold). */
  revoke(credential: string | null): void {
    const credentialHash = credential ? sha256(credential) : null;
    if (credentialHash) this.cache.delete(credentialHash);
    else this.cache.clear();
    this.pubsub.publish({ room: REVOCATIONS_ROOM, seq: 0, type: 'REVOKED', payload: { credentialHash }, at: new Date().toISOString() });
  }

  close(): void {
    this.unlisten();
  }
}

async function lookUpViewer(prisma: PrismaClient, credential: string): Promise<Viewer | null> {
  if (credential.startsWith('cj_')) return resolveApiKey(prisma, credential);
  const session = await prisma.session.findUnique({
    where: { tokenHash: sha256(credential) },
    include: { user: { include: { candidate: { select: { id: true } } } } },
  });
  if (!session || session.revokedAt || session.expiresAt <= new Date() || session.user.disabledAt) return null;
  const { user } = session;
  return {
    kind: 'user',
    userId: user.id,
    sessionId: session.id,
    role: user.role,
    certifierId: user.certifierId,
    displayName: user.displayName,
    partnerId: user.partnerId,
    candidateId: user.candidate?.id ?? null,
  };
}

async function resolveApiKey(prisma: PrismaClient, key: string): Promise<Viewer | null> {
  const match = /^cj_([0-9a-f]{12})_([A-Za-z0-9_-]{10,})$/.exec(key);
  if (!match) return null;
  const apiKey = await prisma.apiKey.findUnique({ where: { prefix: match[1] }, include: { partner: true } });
  if (!apiKey || apiKey.revokedAt) return null;
  const expected = Buffer.from(apiKey.secretHash, 'hex');
  const actual = Buffer.from(sha256(match[2]), 'hex');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  // Fire-and-forget: last use is informative only.
  prisma.apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
  return { kind: 'apiKey', apiKeyId: apiKey.id, partnerId: apiKey.partnerId, certifierId: apiKey.partner.certifierId };
}

/** The partner a viewer acts for (partner user or API key), else null. */
export function viewerPartnerId(viewer: Viewer | null): string | null {
  if (!viewer) return null;
  if (viewer.kind === 'apiKey') return viewer.partnerId;
  return viewer.role === 'PARTNER' ? viewer.partnerId : null;
}
