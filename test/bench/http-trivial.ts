// http-trivial: `{ __typename }` throughput of the Certijury server (Apollo 5 on node:http, with its plugins,
// limits, auth context and document cache) against a bare graphql-js handler with a document cache on node:http
// for the same schema (bare-graphql-server.ts), each in its own process, loaded the same way from this one:
// BENCH_CONNECTIONS keep-alive connections (default 32) sending back-to-back for BENCH_DURATION_MS (default 5 s).
import { startServer } from '../support/server.ts';
import { benchLine } from './stats.ts';
import { load, startScript } from './http-load.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const WARMUP_MS = 1000;
const BODY = JSON.stringify({ query: '{ __typename }' });

const check = (status: number, text: string) => status === 200 && text.includes('"Query"');
const loaded = (url: string) => load({ url, body: BODY, connections: CONNECTIONS, durationMs: DURATION_MS, warmupMs: WARMUP_MS, check });

export async function httpTrivial(): Promise<string[]> {
  const ours = await startServer({ env: { SEED_DEMO: 'false', LOG_LEVEL: 'error' } });
  let mine;
  try {
    mine = await loaded(ours.graphqlUrl);
  } finally {
    await ours.stop();
  }
  const bare = await startScript('test/bench/bare-graphql-server.ts');
  let base;
  try {
    base = await loaded(bare.url);
  } finally {
    await bare.stop();
  }
  return [
    `http-trivial: { __typename } over ${CONNECTIONS} keep-alive connections for ${DURATION_MS / 1000} s (after ${WARMUP_MS / 1000} s of warm-up)`,
    `  certijury: ${Math.round(mine.rps)} req/s (${mine.errors} errors); bare graphql-js + document cache: ${Math.round(base.rps)} req/s (${base.errors} errors). Goal: ratio ≥ 0.5.`,
    benchLine('http-trivial', mine.rps, 'req/s', base.rps),
  ];
}
