// What the machine offers the tests. Tests that need something missing skip themselves and say why
// (the reason is part of the test name, so it shows in the summary).
import { existsSync } from 'node:fs';

export const databaseUrl = process.env.DATABASE_URL || undefined;
export const redisUrl = process.env.REDIS_URL || undefined;

export const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser', process.env.CHROMIUM_PATH]
  .filter((path): path is string => Boolean(path))
  .find((path) => existsSync(path));

/** '' when the requirement is met, else the reason to skip. */
export const missing = {
  redisAndPostgres: !redisUrl || !databaseUrl ? 'REDIS_URL and DATABASE_URL are not both set' : '',
  chromium: chromiumPath ? '' : 'Chromium not installed (apt-get install chromium)',
};

export const titled = (title: string, reason: string) => (reason ? `${title} — skipped: ${reason}` : title);

/** A demo candidate's file number: the seed numbers them per partner and year of seeding (e.g. FP-2026-0004). */
export const demoFileNumber = (prefix: 'FP' | 'AC', n: number) => `${prefix}-${new Date().getFullYear()}-${String(n).padStart(4, '0')}`;
