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

/** A credential's viewer and the instant it stops being valid (a session's expiry; never for an API key). */
export interface ResolvedCredential {
  viewer: Viewer | null;
  expiresAt: number;
}
const NOBODY: ResolvedCredential = { viewer: null, expiresAt: Number.POSITIVE_INFINITY };

/** Told of every revocation heard (one credential's SHA-256, or null for "any credential may have been revoked"). */
export type RevocationListener = (credentialHash: string | null) => void;

/**
 * Resolves credentials to viewers, with a cache so that a busy juror's autosaves do not each re-read
 * their session. A revocation evicts at once in every process (through pub/sub); the TTL bounds what a
 * lost pub/sub message could leave behind. A session's expiry is honoured to the millisecond, cached or not.
 * Open WebSockets listen to the revocations (`onRevocation`) to close the sockets they concern.
 */
export class ViewerResolver {
  private readonly cache = new LRUCache<string, ResolvedCredential>({ max: 50_000, ttl: VIEWER_CACHE_TTL_MS });
  private readonly listeners = new Set<RevocationListener>();
  private readonly unlisten: () => void;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly pubsub: PubSub,
  ) {
    this.unlisten = pubsub.listen(REVOCATIONS_ROOM, (event) => {
      const hash = typeof event.payload.credentialHash === 'string' ? event.payload.credentialHash : null;
      if (hash) this.cache.delete(hash);
      else this.cache.clear();
      for (const listener of this.listeners) listener(hash);
    });
  }

  /** The cached entry, unless its session has expired meanwhile (then it is dropped). */
  private cached(key: string): ResolvedCredential | undefined {
    const entry = this.cache.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      this.cache.delete(key);
      return NOBODY;
    }
    return entry;
  }

  async resolve(credential: string | null): Promise<Viewer | null> {
    return (await this.resolveWithExpiry(credential)).viewer;
  }

  /** The viewer and when the credential expires (read from the database unless cached). */
  async resolveWithExpiry(credential: string | null): Promise<ResolvedCredential> {
    if (!credential) return NOBODY;
    const key = sha256(credential);
    const cached = this.cached(key);
    if (cached) return cached;
    const resolved = await lookUpViewer(this.prisma, credential);
    const left = resolved.expiresAt - Date.now();
    if (left > 0) this.cache.set(key, resolved, { ttl: Math.min(VIEWER_CACHE_TTL_MS, Math.ceil(left)) });
    return resolved.viewer && left > 0 ? resolved : NOBODY;
  }

  /** The viewer without waiting when no database read is needed (no credential, or a cached one); else undefined. */
  known(credential: string | null): Viewer | null | undefined {
    if (!credential) return null;
    return this.cached(sha256(credential))?.viewer;
  }

  /** One credential (logout), or every cached one (a revoked API key, whose secret we do not hold). */
  revoke(credential: string | null): void {
    const credentialHash = credential ? sha256(credential) : null;
    if (credentialHash) this.cache.delete(credentialHash);
    else this.cache.clear();
    this.pubsub.publish({ room: REVOCATIONS_ROOM, seq: 0, type: 'REVOKED', payload: { credentialHash }, at: new Date().toISOString() });
  }

  /** Calls `listener` for each revocation heard from any process (this one included); returns the unsubscribe. */
  onRevocation(listener: RevocationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.unlisten();
    this.listeners.clear();
  }
}

async function lookUpViewer(prisma: PrismaClient, credential: string): Promise<ResolvedCredential> {
  if (credential.startsWith('cj_')) return { viewer: await resolveApiKey(prisma, credential), expiresAt: Number.POSITIVE_INFINITY };
  const session = await prisma.session.findUnique({
    where: { tokenHash: sha256(credential) },
    include: { user: { include: { candidate: { select: { id: true } } } } },
  });
  if (!session || session.revokedAt || session.expiresAt <= new Date() || session.user.disabledAt) return NOBODY;
  const { user } = session;
  return {
    viewer: {
      kind: 'user',
      userId: user.id,
      sessionId: session.id,
      role: user.role,
      certifierId: user.certifierId,
      displayName: user.displayName,
      partnerId: user.partnerId,
      candidateId: user.candidate?.id ?? null,
    },
    expiresAt: session.expiresAt.getTime(),
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
