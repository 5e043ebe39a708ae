// HTTP load for throughput benchmarks: `connections` keep-alive connections sending the same POST back to back
// (undici Pool), counted over `durationMs` after a warm-up; and a helper to run a baseline server script as its
// own process, the way our server runs.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Pool } from 'undici';

const root = resolve(import.meta.dirname, '../..');

export interface LoadOptions {
  url: string;
  body: string;
  headers?: Record<string, string>;
  connections: number;
  durationMs: number;
  warmupMs?: number;
  /** Whether a response is right (a wrong one counts as an error). */
  check: (status: number, text: string) => boolean;
  /** The server's process id: its CPU time over the measured window is reported per request (Linux /proc). */
  serverPid?: number;
}

/**
 * A process's CPU time (user + system) in ms, from /proc (Linux; undefined elsewhere). Unlike throughput, it is
 * not inflated by a neighbour holding the shared cores: a process is charged only for the time it runs.
 */
function cpuTimeMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Requests per second over the measured window, after a warm-up. */
export async function load(options: LoadOptions): Promise<{ rps: number; errors: number; cpuMsPerRequest?: number }> {
  const { connections, durationMs, warmupMs = 1000 } = options;
  const target = new URL(options.url);
  const pool = new Pool(target.origin, { connections, pipelining: 1 });
  let done = 0;
  let errors = 0;
  let measuring = false;
  const stopAt = Date.now() + warmupMs + durationMs;
  let cpuAtStart: number | undefined;
  setTimeout(() => {
    measuring = true;
    cpuAtStart = cpuTimeMs(options.serverPid);
  }, warmupMs);
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < stopAt) {
        try {
          const response = await pool.request({ path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', ...options.headers }, body: options.body });
          const text = await response.body.text();
          if (!options.check(response.statusCode, text)) errors += 1;
        } catch {
          errors += 1;
        }
        if (measuring) done += 1;
      }
    }),
  );
  const cpuAtEnd = cpuTimeMs(options.serverPid);
  await pool.close();
  const cpuMsPerRequest = cpuAtStart !== undefined && cpuAtEnd !== undefined && done > 0 ? (cpuAtEnd - cpuAtStart) / done : undefined;
  return { rps: (done / durationMs) * 1000, errors, cpuMsPerRequest };
}

/** Starts `node --import tsx <script>` with `env`; resolves with the first http:// URL it prints. */
export async function startScript(script: string, env: Record<string, string | undefined> = {}): Promise<{ url: string; pid: number | undefined; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /on (http:\/\/\S+)/.exec(output);
      if (match) resolveUrl(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { url, pid: child.pid, stop: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))) };
}
