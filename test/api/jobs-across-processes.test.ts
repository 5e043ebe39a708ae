// Periodic jobs with several server processes on one PostgreSQL: the deadline digest, due every 1.2 s here and
// looked for by each of three processes every 100 ms, runs once per period in all — never once per process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgresDatabase, startServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';
import { missing, redisUrl, titled } from '../support/environment.ts';

const reason = missing.redisAndPostgres;
const INTERVAL_MS = 1_200;

describe.skipIf(reason)(titled('periodic jobs across three server processes', reason), () => {
  const servers: TestServer[] = [];
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;

  beforeAll(async () => {
    database = await freshPostgresDatabase();
    const env = { REDIS_URL: redisUrl, JOBS_TICK_MS: '100', DEADLINE_DIGEST_INTERVAL_MINUTES: String(INTERVAL_MS / 60_000) };
    servers.push(...(await Promise.all([1, 2, 3].map(() => startServer({ databaseUrl: database!.url, env })))));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
  });

  it('runs the deadline digest once per period, whatever the number of processes', async () => {
    const token = await loginAs(servers[0].graphqlUrl, 'admin@demo.certijury.fr');
    const runs = async () => {
      const response = await gql(servers[1].graphqlUrl, '{ jobRuns { name lastRunAt runs } }', {}, { token });
      expect(response.errors).toBeUndefined();
      return (response.data!.jobRuns as { name: string; lastRunAt: string; runs: number }[]).find((job) => job.name === 'deadline-digest');
    };
    await expect.poll(runs, { timeout: 15_000 }).toBeTruthy();
    const first = (await runs())!;
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 6 * INTERVAL_MS));
    const last = (await runs())!;
    const periods = (Date.now() - started) / INTERVAL_MS;
    // Three processes ticking ten times a period would run it ~3 times a period without the lock.
    expect(last.runs - first.runs).toBeGreaterThanOrEqual(Math.floor(periods) - 1);
    expect(last.runs - first.runs).toBeLessThanOrEqual(Math.ceil(periods) + 1);
  }, 120_000);
});
