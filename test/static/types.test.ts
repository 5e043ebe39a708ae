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

describe('typed client operations', () => {
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
