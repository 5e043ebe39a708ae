// Schema-driven fuzzing (fast-check): thousands of generated operations against a real server, by every kind of
// caller — valid and invalid arguments (wrong types, huge and unicode strings, null bytes, out-of-range numbers),
// random selections nesting past the depth limit, piles of aliases, broken documents. Whatever comes in, the
// server answers below 500 with typed errors (a known code, never INTERNAL, never a stack trace), keeps running,
// and a refused mutation changes nothing (the audit trail, which every state change writes, keeps its length).
// Seeded and bounded in time: FUZZ_SEED replays a run, FUZZ_SECONDS bounds it (default 45).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { ERROR_CODES } from '../../server/src/lib/errors.ts';
import { DRAIN_AFTER_LIMIT_BYTES } from '../../server/src/http/server.ts';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';
import { fetchSchema, rootFields, type AnyField } from '../support/schema-probe.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 45);
const FRAMEWORK_CODES = ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE'];
const KNOWN_CODES = new Set<string>([...ERROR_CODES.filter((code) => code !== 'INTERNAL'), ...FRAMEWORK_CODES]);
const MAX_BODY_BYTES = 1_000_000; // the server's default MAX_BODY_BYTES
const CALLERS = ['anonymous', 'candidate07', 'partner-a', 'juror1', 'admin'] as const;

let server: TestServer;
let schema: GraphQLSchema;
const tokens: Record<string, string | undefined> = {};

// ─── Values ───

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\u202e\u200b', '😀'.repeat(50), "'; DROP TABLE \"Candidate\"; --", '{"$gt": ""}', '../../etc/passwd', '<script>alert(1)</script>'),
  fc.integer({ min: 1_000, max: 300_000 }).map((length) => 'é'.repeat(length)),
);
const anyJson = fc.jsonValue({ maxDepth: 4 });
const wrongValue = fc.oneof(fc.integer(), fc.double(), fc.boolean(), hostileString, fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 3 }));

/** A value for an input type: mostly the right type (with hostile contents), sometimes the wrong one. */
function valueFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const right = rightValueFor(type, depth);
  return fc.oneof({ arbitrary: right, weight: 6 }, { arbitrary: wrongValue, weight: 1 });
}

function rightValueFor(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return rightValueFor(type.ofType, depth);
  if (isListType(type)) return fc.array(valueFor(type.ofType, depth + 1), { maxLength: depth > 2 ? 1 : 4 });
  if (isEnumType(type)) return fc.oneof(fc.constantFrom(...type.getValues().map((value) => value.value)), fc.constant('NOT_A_VALUE'));
  if (isInputObjectType(type)) {
    if (depth > 4) return fc.constant({});
    const fields = Object.values(type.getFields());
    return fc.record(Object.fromEntries(fields.map((field) => [field.name, valueFor(field.type, depth + 1)])), {
      requiredKeys: fields.filter((field) => isNonNullType(field.type)).map((field) => field.name),
    });
  }
  switch (type.name) {
    case 'ID':
      return fc.oneof(fc.uuid(), hostileString);
    case 'Int':
      return fc.oneof(fc.integer({ min: -5, max: 1_000 }), fc.integer(), fc.constantFrom(2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER));
    case 'Float':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-1e308, 1e308, 0.1));
    case 'Boolean':
      return fc.boolean();
    case 'DateTime':
      return fc.oneof(fc.date({ noInvalidDate: true }).map((date) => date.toISOString()), fc.constantFrom('2026-02-30T00:00:00Z', 'yesterday', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z'));
    case 'JSON':
      return anyJson;
    default:
      return hostileString;
  }
}

// ─── Operations ───

/** A random selection set on an output type, down to `depth` levels (sometimes past the server's limit). */
function selectionFor(type: GraphQLNamedType, depth: number): fc.Arbitrary<string> {
  if (isLeafType(type)) return fc.constant('');
  if (depth <= 0) return fc.constant(' { __typename }');
  if (isUnionType(type)) return fc.constant(' { __typename }');
  if (!isObjectType(type) && !isInterfaceType(type)) return fc.constant('');
  const fields = Object.values(type.getFields());
  return fc
    .subarray(fields, { minLength: 1, maxLength: Math.min(3, fields.length) })
    .chain((chosen) => fc.tuple(...chosen.map((field) => fieldSelection(field, depth - 1))).map((parts) => ` { __typename ${parts.join(' ')} }`));
}

/** `alias: field(arg: literal…) { … }`: nested arguments are written as literals (JSON is close enough; errors are the point). */
function fieldSelection(field: AnyField, depth: number): fc.Arbitrary<string> {
  const args = field.args.filter((arg) => isNonNullType(arg.type));
  const literal = (value: unknown): string =>
    value === null || typeof value !== 'object' ? JSON.stringify(value) ?? 'null' : Array.isArray(value) ? `[${value.map(literal).join(', ')}]` : `{ ${Object.entries(value).map(([key, inner]) => `${key}: ${literal(inner)}`).join(', ')} }`;
  return fc
    .tuple(fc.tuple(...args.map((arg) => rightValueFor(arg.type, 3))), selectionFor(getNamedType(field.type), depth))
    .map(([values, selection]) => `${field.name}${args.length ? `(${args.map((arg, i) => `${arg.name}: ${literal(values[i])}`).join(', ')})` : ''}${selection}`);
}

interface Probe {
  caller: (typeof CALLERS)[number];
  kind: 'query' | 'mutation';
  fieldName: string;
  query: string;
  variables: Record<string, unknown>;
}

function operationFor(kind: 'query' | 'mutation', field: AnyField): fc.Arbitrary<Omit<Probe, 'caller'>> {
  const args = field.args;
  return fc
    .record({
      present: fc.subarray(args),
      values: fc.tuple(...args.map((arg) => valueFor(arg.type))),
      depth: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 3 }), weight: 5 }, { arbitrary: fc.integer({ min: 10, max: 16 }), weight: 1 }),
      aliases: fc.oneof({ arbitrary: fc.constant(1), weight: 8 }, { arbitrary: fc.integer({ min: 2, max: 400 }), weight: 1 }),
      damage: fc.oneof({ arbitrary: fc.constant(null), weight: 9 }, { arbitrary: fc.tuple(fc.nat(), fc.string({ maxLength: 5 })), weight: 1 }),
    })
    .chain(({ present, values, depth, aliases, damage }) =>
      selectionFor(getNamedType(field.type), depth).map((selection) => {
        // Required arguments are sometimes left out too: the server must say so, not fail.
        const passed = args.filter((arg) => present.includes(arg));
        const variables = Object.fromEntries(passed.map((arg) => [arg.name, values[args.indexOf(arg)]]));
        const declarations = passed.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
        const call = `${field.name}${passed.length ? `(${passed.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : ''}${selection}`;
        const body = Array.from({ length: aliases }, (_, i) => (aliases > 1 ? `a${i}: ${call}` : call)).join(' ');
        let query = `${kind} Fuzz${declarations ? `(${declarations})` : ''} { ${body} }`;
        if (damage) {
          const at = damage[0] % (query.length + 1);
          query = query.slice(0, at) + damage[1] + query.slice(at + (damage[0] % 3));
        }
        return { kind, fieldName: field.name, query, variables };
      }),
    );
}

// ─── Checks ───

function problemsIn(status: number, body: any): string[] {
  const problems: string[] = [];
  if (status >= 500) problems.push(`HTTP ${status}`);
  for (const error of body?.errors ?? []) {
    const code = error.extensions?.code;
    if (!KNOWN_CODES.has(code)) problems.push(`unknown or internal error code ${code}: ${error.message}`);
    if (error.extensions?.stacktrace || error.extensions?.exception || /\n\s+at /.test(error.message)) problems.push(`stack trace: ${error.message}`);
    if (/prisma|PGlite|postgres|TypeError|ReferenceError|undefined is not/i.test(error.message)) problems.push(`internal detail: ${error.message}`);
  }
  return problems;
}

async function auditLength(): Promise<number> {
  const response = await gql(server.graphqlUrl, '{ auditVerification { checked ok } }', {}, { token: tokens.admin });
  return response.data!.auditVerification.checked;
}

beforeAll(async () => {
  server = await startIsolatedServer({ env: { LOG_LEVEL: 'silent' } });
  schema = await fetchSchema(server.graphqlUrl);
  for (const caller of CALLERS) tokens[caller] = caller === 'anonymous' ? undefined : await loginAs(server.graphqlUrl, `${caller}@demo.certijury.fr`);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('fuzzing the schema', () => {
  it(`answers every generated operation with a typed error or data, and refused mutations change nothing (seed ${SEED}, ${SECONDS} s)`, async () => {
    const candidates = [
      ...rootFields(schema, 'Query').map((field) => operationFor('query', field)),
      // logout would end the fuzzing callers' sessions; login is rate limited per account (tested elsewhere).
      ...rootFields(schema, 'Mutation')
        .filter((field) => field.name !== 'logout' && field.name !== 'login')
        .map((field) => operationFor('mutation', field)),
    ];
    const probe: fc.Arbitrary<Probe> = fc.record({ caller: fc.constantFrom(...CALLERS), operation: fc.oneof(...candidates) }).map(({ caller, operation }) => ({ caller, ...operation }));
    let runs = 0;
    let refusedMutations = 0;
    let cutOff = 0;
    const deadline = Date.now() + SECONDS * 1000;
    await fc.assert(
      fc.asyncProperty(probe, async ({ caller, kind, fieldName, query, variables }) => {
        if (Date.now() > deadline) return; // time is up: the remaining runs are skipped
        runs++;
        const before = kind === 'mutation' ? await auditLength() : 0;
        const requestBody = JSON.stringify({ query, variables });
        let response: Response;
        try {
          response = await fetch(server.graphqlUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(tokens[caller] ? { authorization: `Bearer ${tokens[caller]}` } : {}) },
            body: requestBody,
          });
        } catch (error) {
          // A body far past the limit is cut off mid-upload by design (see DRAIN_AFTER_LIMIT_BYTES): a reset, not a failure.
          if (Buffer.byteLength(requestBody) > MAX_BODY_BYTES + DRAIN_AFTER_LIMIT_BYTES) {
            cutOff++;
            return;
          }
          throw error;
        }
        const text = await response.text();
        let body: any;
        try {
          body = JSON.parse(text);
        } catch {
          body = null;
        }
        const problems = problemsIn(response.status, body);
        if (response.status !== 413 && body === null) problems.push(`not JSON: ${text.slice(0, 200)}`);
        const refused = !body?.data || Object.values(body.data).every((value) => value === null);
        if (kind === 'mutation' && refused && body?.errors?.length) {
          refusedMutations++;
          const after = await auditLength();
          if (after !== before) problems.push(`refused mutation ${fieldName} changed the audit trail (${before} → ${after})`);
        }
        if (problems.length) throw new Error(`${caller} ${kind} ${fieldName}: ${problems.join('; ')}\n${query.slice(0, 500)}\n${JSON.stringify(variables).slice(0, 500)}`);
      }),
      { seed: SEED, numRuns: 1_000_000, endOnFailure: true, interruptAfterTimeLimit: SECONDS * 1000 + 5_000 },
    );
    console.log(`fuzz: ${runs} operations (${refusedMutations} refused mutations checked, ${cutOff} oversized bodies cut off), seed ${SEED}`);
    expect(runs).toBeGreaterThan(300);
    // Still alive and serving.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, (SECONDS + 90) * 1000);
});
