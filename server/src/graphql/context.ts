import type { PrismaClient } from '../generated/prisma/client.ts';
import type { RawSql } from '../db/database.ts';
import type { Viewer, ViewerResolver } from '../auth/viewer.ts';
import type { PubSub } from '../realtime/pubsub.ts';
import type { PresenceTracker } from '../realtime/presence.ts';
import type { Locale } from '../lib/request-context.ts';
import type { Config } from '../config.ts';
import type { LoginLimiter } from '../auth/login-limiter.ts';
import type { AccountLimiters } from '../auth/request-limiter.ts';
import type { AppSecret } from '../lib/secrets.ts';

/** Long-lived services shared by every request. */
export interface AppServices {
  config: Config;
  prisma: PrismaClient;
  /** Direct SQL on the same database, for hot paths written as one statement. */
  raw: RawSql;
  pubsub: PubSub;
  presence: PresenceTracker;
  viewers: ViewerResolver;
  loginLimiter: LoginLimiter;
  /** Budgets of "mot de passe oublié" requests and of current-password checks. */
  accountLimiters: AccountLimiters;
  /** Keys derived from APP_SECRET (signing-key encryption, appeal links…). */
  secret: AppSecret;
}

/** Per request (HTTP) or per connection (WebSocket). */
export interface Context extends AppServices {
  viewer: Viewer | null;
  /** The bearer credential as sent (to evict it from the viewer cache on logout). */
  credential: string | null;
  locale: Locale;
  /** The client's IP address (for login rate limiting), when known. */
  clientIp: string | null;
}

export type Caller = Pick<Context, 'viewer' | 'credential' | 'locale' | 'clientIp'>;

/**
 * A request's (or a socket's) context. Written out field by field on purpose: `{ ...services, ...caller }` costs
 * about 4 µs on Node 20 (the spread result leaves V8's fast object path), which was a tenth of a small request.
 */
export function contextFor(services: AppServices, caller: Caller): Context {
  const { config, prisma, raw, pubsub, presence, viewers, loginLimiter, accountLimiters, secret } = services;
  return { config, prisma, raw, pubsub, presence, viewers, loginLimiter, accountLimiters, secret, viewer: caller.viewer, credential: caller.credential, locale: caller.locale, clientIp: caller.clientIp };
}
