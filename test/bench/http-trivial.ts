// http-trivial: `{ __typename }` throughput of the Certijury server (Apollo 5 on node:http, with its plugins,
// limits, auth context and document cache) against a bare graphql-js handler with a document cache on node:http
// for the same schema (bare-graphql-server.ts), each in its own process, loaded the same way from this one:
// BENCH_CONNECTIONS keep-alive connections (default 32) sending back-to-back for BENCH_DURATION_MS (default 5 s).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Pool } from 'undici';
import { startServer } from '../support/server.ts';
import { benchLine } from './stats.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const WARMUP_MS = 1000;
const BODY = JSON.stringify({ query: '{ __typename }' });
const root = resolve(import.meta.dirname, '../..');

/** Requests per second over the measured window, after a warm-up. */
async function load(url: string): Promise<{ rps: number; errors: number }> {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: CONNECTIONS, pipelining: 1 });
  let done = 0;
  let errors = 0;
  let measuring = false;
  const stopAt = Date.now() + WARMUP_MS + DURATION_MS;
  setTimeout(() => {
    measuring = true;
  }, WARMUP_MS);
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < stopAt) {
        try {
          const response = await pool.request({ path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY });
          const text = await response.body.text();
          if (response.statusCode !== 200 || !text.includes('"Query"')) errors += 1;
        } catch {
          errors += 1;
        }
        if (measuring) done += 1;
      }
    }),
  );
  await pool.close();
  return { rps: (done / DURATION_MS) * 1000, errors };
}

async function startBare(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/bare-graphql-server.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /on (http:\/\/\S+)/.exec(output);
      if (match) resolveUrl(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return { url, stop: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))) };
}

export async function httpTrivial(): Promise<string[]> {
  const ours = await startServer({ env: { SEED_DEMO: 'false', LOG_LEVEL: 'error' } });
  let mine;
  try {
    mine = await load(ours.graphqlUrl);
  } finally {
    await ours.stop();
  }
  const bare = await startBare();
  let base;
  try {
    base = await load(bare.url);
  } finally {
    await bare.stop();
  }
  return [
    `http-trivial: { __typename } over ${CONNECTIONS} keep-alive connections for ${DURATION_MS / 1000} s (after ${WARMUP_MS / 1000} s of warm-up)`,
    `  certijury: ${Math.round(mine.rps)} req/s (${mine.errors} errors); bare graphql-js + document cache: ${Math.round(base.rps)} req/s (${base.errors} errors). Goal: ratio ≥ 0.5.`,
    benchLine('http-trivial', mine.rps, 'req/s', base.rps),
  ];
}
