// Starts a real Certijury server in a child process (real database, real sockets), exactly as
// `pnpm start` does. Embedded PGlite in memory by default; with DATABASE_URL, a fresh PostgreSQL
// database per server group, dropped afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import pg from 'pg';
import { databaseUrl } from './environment.ts';

const root = resolve(import.meta.dirname, '../..');

export interface TestServer {
  url: string;
  graphqlUrl: string;
  wsUrl: string;
  process: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string | undefined>;
  /** Share a database between several servers (cross-process tests). */
  databaseUrl?: string;
  /** Extra node flags, e.g. ['--cpu-prof'] to profile the server in a benchmark. */
  nodeArgs?: string[];
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: 'memory://',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      DATABASE_URL: options.databaseUrl ?? '',
      REDIS_URL: '',
      // One secret for every test server, as in a real deployment, so that processes sharing a database agree.
      APP_SECRET: 'c'.repeat(64),
      // Production requires a public address; a test server's is its loopback one (links are not followed).
      ...(options.env?.NODE_ENV === 'production' ? { PUBLIC_URL: 'http://127.0.0.1' } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), 60_000);
    const onData = () => {
      const match = /running on (http:\/\/\S+?) /.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  // A server that dies on its own during a test: say why in the test output (its log), or the test only sees
  // "fetch failed" / ECONNREFUSED.
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`\ntest server ${url} exited by itself (code ${code}, signal ${signal}); its output:\n${output}\n`);
  });
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    wsUrl: `${url.replace('http', 'ws')}/graphql`,
    process: child,
    output: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolveStop) => {
        stopping = true;
        if (child.exitCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill(signal);
      }),
  };
}

/** A fresh PostgreSQL database (when DATABASE_URL is set) for a group of servers; drop() removes it. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  if (!databaseUrl) return undefined;
  const name = `certijury_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** One server on the database under test (PGlite in memory, or a fresh PostgreSQL database). */
export async function startIsolatedServer(options: StartOptions = {}) {
  const database = await freshPostgresDatabase();
  const server = await startServer({ ...options, databaseUrl: database?.url });
  return {
    ...server,
    async stop(signal?: NodeJS.Signals) {
      await server.stop(signal);
      await database?.drop();
    },
  };
}
