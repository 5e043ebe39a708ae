// The client's GraphQL operations are typed from schema.graphql (gql.tada): the generated introspection types must
// match the committed schema, and both workspaces must typecheck — so an operation asking for a field the server
// no longer has, or a component reading a field its query does not select, fails the suite, not the user.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const client = join(root, 'client');

// They read no database: .ci/run's second pass (PostgreSQL + Redis) sets SKIP_DATABASE_INDEPENDENT_CHECKS, since
// its first pass has just run them on the same checkout (about a minute saved).
const skipped = process.env.SKIP_DATABASE_INDEPENDENT_CHECKS === '1';
if (skipped) console.info('typed client operations: skipped — SKIP_DATABASE_INDEPENDENT_CHECKS=1 (the embedded pass of .ci/run runs them)');

describe.skipIf(skipped)('typed client operations', () => {
  it('client/src/graphql/graphql-env.d.ts is generated from the committed schema.graphql (run `pnpm codegen`)', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'certijury-codegen-')), 'graphql-env.d.ts');
    await run('pnpm', ['exec', 'gql-tada', 'generate', 'output', '--output', output], { cwd: client });
    expect(readFileSync(join(client, 'src/graphql/graphql-env.d.ts'), 'utf8')).toBe(readFileSync(output, 'utf8'));
  }, 120_000);

  it('the server and the client typecheck (vue-tsc checks every operation against the schema)', async () => {
    const result = await run('pnpm', ['-r', 'typecheck'], { cwd: root, maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout?: string; stderr?: string }) => ({
      failed: true,
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }));
    expect('failed' in result ? `${result.stdout}\n${result.stderr}` : 'ok').toBe('ok');
  }, 300_000);
});
