// http-trivial: `{ __typename }` throughput of the Certijury server (Apollo 5 on node:http, with its plugins,
// limits, auth context and document cache) against a bare graphql-js handler with a document cache on node:http
// for the same schema (bare-graphql-server.ts), each in its own process, loaded the same way from this one:
// BENCH_CONNECTIONS keep-alive connections (default 32) sending back-to-back for BENCH_DURATION_MS (default 5 s),
// BENCH_ROUNDS times (default 3) in turn with the baseline.
import { startServer } from '../support/server.ts';
import { benchLine, median } from './stats.ts';
import { load, startScript } from './http-load.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
// Past the server's first scheduled-jobs tick (1 s after it starts) in the first round.
const WARMUP_MS = 2000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BODY = JSON.stringify({ query: '{ __typename }' });

const check = (status: number, text: string) => status === 200 && text.includes('"Query"');
const loaded = (url: string) => load({ url, body: BODY, connections: CONNECTIONS, durationMs: DURATION_MS, warmupMs: WARMUP_MS, check });

export async function httpTrivial(): Promise<string[]> {
  // Both servers run at once and are loaded in turn, ROUNDS times each: a neighbour's burst on the shared cores
  // then weighs on both sides instead of on whichever happened to run during it. The medians are reported.
  // Both as in production (NODE_ENV=production: graphql-js, among others, skips its development checks).
  const ours = await startServer({ env: { NODE_ENV: 'production', SEED_DEMO: 'false', LOG_LEVEL: 'error' } });
  const bare = await startScript('test/bench/bare-graphql-server.ts', { NODE_ENV: 'production' }).catch(async (error) => {
    await ours.stop();
    throw error;
  });
  const mine: number[] = [];
  const base: number[] = [];
  let errors = 0;
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      const a = await loaded(ours.graphqlUrl);
      const b = await loaded(bare.url);
      mine.push(a.rps);
      base.push(b.rps);
      errors += a.errors + b.errors;
    }
  } finally {
    await Promise.all([ours.stop(), bare.stop()]);
  }
  const value = median(mine);
  const baseline = median(base);
  const rounds = mine.map((rps, i) => `${Math.round(rps)}/${Math.round(base[i])}`).join(', ');
  return [
    `http-trivial: { __typename } over ${CONNECTIONS} keep-alive connections, ${ROUNDS} rounds of ${DURATION_MS / 1000} s each (after ${WARMUP_MS / 1000} s of warm-up), alternating with the baseline`,
    `  certijury / bare graphql-js + document cache, req/s per round: ${rounds} (${errors} errors). Medians: ${Math.round(value)} / ${Math.round(baseline)}. Goal: ratio ≥ 0.5.`,
    benchLine('http-trivial', value, 'req/s', baseline),
  ];
}
