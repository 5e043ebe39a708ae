// Login rate limiting (rate-limiter-flexible): sign-in attempts are counted per account and per client IP over
// a window, before the password is checked; past either allowance, sign-in is refused with RATE_LIMITED (and the
// seconds to wait) without looking at the password, so guessing cannot continue, not even with simultaneous
// requests. A success clears the account's count and gives the IP its point back. Counters live
// in Redis when REDIS_URL is set (shared by every server process), else in memory (one process).
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';
import { Redis } from 'ioredis';
import { AppError } from '../lib/errors.ts';

export interface LoginLimits {
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
  windowSeconds: number;
}

export class LoginLimiter {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perIp: RateLimiterAbstract;
  private readonly redis: Redis | undefined;

  constructor(limits: LoginLimits, redisUrl?: string) {
    this.redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true }) : undefined;
    const make = (keyPrefix: string, points: number) =>
      this.redis
        ? new RateLimiterRedis({ storeClient: this.redis, keyPrefix, points, duration: limits.windowSeconds })
        : new RateLimiterMemory({ keyPrefix, points, duration: limits.windowSeconds });
    this.perAccount = make('certijury:login:account', limits.maxFailuresPerAccount);
    this.perIp = make('certijury:login:ip', limits.maxFailuresPerIp);
  }

  private static refused(res: RateLimiterRes): AppError {
    const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    return new AppError('RATE_LIMITED', { seconds }, { retryAfterSeconds: seconds });
  }

  /**
   * Counts a sign-in attempt on the account and on the IP before its password is checked, and throws RATE_LIMITED
   * when either count is past its allowance. Counting first is what holds under concurrency: each of N
   * simultaneous guesses takes its point atomically (in Redis or in memory), so at most the allowance are ever
   * evaluated, whatever their timing. A refused attempt gives back the point it took from the other count (it was
   * not evaluated); an evaluated failure keeps both; a success calls `succeeded`.
   */
  async begin(account: string, ip: string | null): Promise<void> {
    const [byAccount, byIp] = await Promise.allSettled([this.perAccount.consume(account), ip ? this.perIp.consume(ip) : Promise.resolve(null)]);
    const refusals: RateLimiterRes[] = [];
    for (const settled of [byAccount, byIp]) {
      if (settled.status === 'rejected') {
        if (settled.reason instanceof Error) throw settled.reason; // the store failed: refuse rather than let guesses through
        refusals.push(settled.reason as RateLimiterRes);
      }
    }
    if (refusals.length === 0) return;
    await Promise.all([
      byAccount.status === 'fulfilled' ? this.perAccount.reward(account).catch(() => undefined) : null,
      ip && byIp.status === 'fulfilled' ? this.perIp.reward(ip).catch(() => undefined) : null,
    ]);
    throw LoginLimiter.refused(refusals.reduce((longest, res) => (res.msBeforeNext > longest.msBeforeNext ? res : longest)));
  }

  /** A successful sign-in: the account's count is cleared, and the IP gets back the point this attempt took. */
  async succeeded(account: string, ip: string | null): Promise<void> {
    await Promise.all([this.perAccount.delete(account).catch(() => undefined), ip ? this.perIp.reward(ip).catch(() => undefined) : null]);
  }

  async close(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}
