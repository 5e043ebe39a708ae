// HTTP load for throughput benchmarks: `connections` keep-alive connections sending the same POST back to back
// (undici Pool), counted over `durationMs` after a warm-up; and a helper to run a baseline server script as its
// own process, the way our server runs.
import { spawn } from 'node:child_process';
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
}

/** Requests per second over the measured window, after a warm-up. */
export async function load(options: LoadOptions): Promise<{ rps: number; errors: number }> {
  const { connections, durationMs, warmupMs = 1000 } = options;
  const target = new URL(options.url);
  const pool = new Pool(target.origin, { connections, pipelining: 1 });
  let done = 0;
  let errors = 0;
  let measuring = false;
  const stopAt = Date.now() + warmupMs + durationMs;
  setTimeout(() => {
    measuring = true;
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
  await pool.close();
  return { rps: (done / durationMs) * 1000, errors };
}

/** Starts `node --import tsx <script>` with `env`; resolves with the first http:// URL it prints. */
export async function startScript(script: string, env: Record<string, string | undefined> = {}): Promise<{ url: string; stop(): Promise<void> }> {
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
  return { url, stop: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))) };
}
