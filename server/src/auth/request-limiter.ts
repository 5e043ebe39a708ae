// A budget of requests per account and per client IP over a window (rate-limiter-flexible), counted before the
// request is served, so that simultaneous requests never get past it. Used for "mot de passe oublié" (each
// request sends an e-mail, so a caller must not flood an inbox or probe many accounts) and for the current
// password asked before a change (counted first, given back when right: only wrong guesses use the budget). Counters live
// in Redis when REDIS_URL is set (shared by every server process), else in memory.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { Redis } from 'ioredis';
import { AppError } from '../lib/errors.ts';

export interface RequestLimits {
  perAccount: number;
  perIp: number;
  windowSeconds: number;
}

export class RequestLimiter {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perIp: RateLimiterAbstract;
  private readonly redis: Redis | undefined;

  constructor(name: string, limits: RequestLimits, redisUrl?: string) {
    this.redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true }) : undefined;
    const make = (keyPrefix: string, points: number) =>
      this.redis
        ? new RateLimiterRedis({ storeClient: this.redis, keyPrefix, points, duration: limits.windowSeconds })
        : new RateLimiterMemory({ keyPrefix, points, duration: limits.windowSeconds });
    this.perAccount = make(`certijury:${name}:account`, limits.perAccount);
    this.perIp = make(`certijury:${name}:ip`, limits.perIp);
  }

  /** Counts one request; throws RATE_LIMITED (with the seconds to wait) past either budget. */
  async consume(account: string, ip: string | null): Promise<void> {
    try {
      await Promise.all([this.perAccount.consume(account), ip ? this.perIp.consume(ip) : null]);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new AppError('RATE_LIMITED', { seconds }, { retryAfterSeconds: seconds });
    }
  }

  /** Gives back one request (a check that succeeded, when only failures should count). */
  async refund(account: string, ip: string | null): Promise<void> {
    await Promise.all([this.perAccount.reward(account, 1).catch(() => undefined), ip ? this.perIp.reward(ip, 1).catch(() => undefined) : null]);
  }

  async close(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}

/** The budgets of account requests (account.service.ts). */
export interface AccountLimiters {
  passwordReset: RequestLimiter;
  currentPassword: RequestLimiter;
}

export function accountLimiters(
  config: { accounts: { resetRequestsPerAccount: number; resetRequestsPerIp: number }; login: { maxFailuresPerAccount: number; maxFailuresPerIp: number; windowSeconds: number } },
  redisUrl?: string,
): AccountLimiters & { close(): Promise<void> } {
  const passwordReset = new RequestLimiter('password-reset', { perAccount: config.accounts.resetRequestsPerAccount, perIp: config.accounts.resetRequestsPerIp, windowSeconds: 3600 }, redisUrl);
  // Wrong current passwords count like failed sign-ins.
  const currentPassword = new RequestLimiter('current-password', { perAccount: config.login.maxFailuresPerAccount, perIp: config.login.maxFailuresPerIp, windowSeconds: config.login.windowSeconds }, redisUrl);
  return {
    passwordReset,
    currentPassword,
    close: async () => {
      await Promise.all([passwordReset.close(), currentPassword.close()]);
    },
  };
}
