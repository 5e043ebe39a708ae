// Login rate limiting (rate-limiter-flexible): failed sign-ins are counted per account and per client IP over
// a window; past either limit, sign-in is refused with RATE_LIMITED (and the seconds to wait) before the
// password is even checked, so guessing cannot continue. A success clears the account's count. Counters live
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

  /** Throws RATE_LIMITED when the account or the IP has used up its failures for the window. */
  async check(account: string, ip: string | null): Promise<void> {
    const [byAccount, byIp] = await Promise.all([this.perAccount.get(account), ip ? this.perIp.get(ip) : null]);
    for (const [res, limiter] of [[byAccount, this.perAccount], [byIp, this.perIp]] as const) {
      if (res && res.consumedPoints >= limiter.points) throw LoginLimiter.refused(res);
    }
  }

  async recordFailure(account: string, ip: string | null): Promise<void> {
    // consume() rejects once the points are spent; that rejection only means "now limited".
    await Promise.all([this.perAccount.consume(account).catch(() => undefined), ip ? this.perIp.consume(ip).catch(() => undefined) : null]);
  }

  async recordSuccess(account: string): Promise<void> {
    await this.perAccount.delete(account).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}
