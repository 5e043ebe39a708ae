// Cross-tenant probes: every root query and mutation that takes an id is called, by each kind of caller that may
// call it, with the ids of things that caller must not see — another partner's candidates and their attempts,
// results, project files, bookings, orals, appeals and complaints; another candidate's; the orals of juries a juror
// does not sit on; an admin's notifications —
// and must answer exactly as for an id that does not exist: same data, same error codes. So a refusal never
// tells that the thing exists, and no mutation acts on someone else's rows. The private ids are gathered as an
// admin; what each caller may see is taken from its own views and removed from its probe set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { isNonNullType, type GraphQLSchema } from 'graphql';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';
import { fetchSchema, operationFor, requiredArgs, rootFields, takesId, type AnyField, type RootKind } from '../support/schema-probe.ts';

type Caller = 'candidate' | 'partnerUser' | 'partnerKey' | 'juror' | 'president';

let server: TestServer;
let schema: GraphQLSchema;
const token: Partial<Record<Caller | 'admin', string>> = {};
/** Per caller: ids of private things it must not see, by kind (a few per kind). */
const foreign: Partial<Record<Caller, Map<string, string[]>>> = {};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every uuid anywhere in a JSON value. */
function uuidsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string' && UUID.test(value)) found.add(value);
  else if (Array.isArray(value)) value.forEach((item) => uuidsIn(item, found));
  else if (value && typeof value === 'object') Object.values(value).forEach((item) => uuidsIn(item, found));
  return found;
}

const as = (who: Caller | 'admin', query: string, variables?: Record<string, unknown>) => gql(server.graphqlUrl, query, variables, { token: token[who] });

/** The private things of the whole certifier, as its admin sees them: kind → ids. */
async function privateIds(): Promise<Map<string, Set<string>>> {
  const byKind = new Map<string, Set<string>>();
  const add = (kind: string, id: string | null | undefined) => id && (byKind.get(kind) ?? byKind.set(kind, new Set()).get(kind)!).add(id);
  const candidates = await as(
    'admin',
    `{ candidates(first: 100) { edges { node { id attempts { id result { id } projectFiles { id } booking { id oral { id } } } } } } }`,
  );
  expect(candidates.errors).toBeUndefined();
  for (const { node } of candidates.data!.candidates.edges as any[]) {
    add('candidate', node.id);
    for (const attempt of node.attempts) {
      add('attempt', attempt.id);
      add('result', attempt.result?.id);
      for (const file of attempt.projectFiles) add('projectFile', file.id);
      add('booking', attempt.booking?.id);
      add('oral', attempt.booking?.oral?.id);
    }
  }
  const others = await as(
    'admin',
    `{ juries { orals { id } } appeals(first: 100) { edges { node { id } } } complaints(first: 100) { edges { node { id } } }
       myNotifications(first: 20) { edges { node { id } } } }`,
  );
  expect(others.errors).toBeUndefined();
  for (const jury of others.data!.juries as any[]) for (const oral of jury.orals) add('oral', oral.id);
  for (const { node } of others.data!.appeals.edges as any[]) add('appeal', node.id);
  for (const { node } of others.data!.complaints.edges as any[]) add('complaint', node.id);
  // The admin's own notifications: nobody else may read or mark them.
  for (const { node } of others.data!.myNotifications.edges as any[]) add('notification', node.id);
  // CléA files (issue 13): their attempts, probed on every id-taking field like any attempt.
  for (const file of (await as('admin', '{ cleaFiles { attemptId } }')).data!.cleaFiles as any[]) add('cleaAttempt', file.attemptId);
  // VAE experience periods (issue 13): probed on every id-taking field (declare, review, evidence) like any id.
  for (const period of (await as('admin', '{ experiencePeriodsToReview(status: null) { id } }')).data!.experiencePeriodsToReview as any[]) add('experiencePeriod', period.id);
  // People (issue 19): staff and every partner's users, probed on invitation and deactivation fields.
  for (const { node } of (await as('admin', '{ people(first: 100) { edges { node { id } } } }')).data!.people.edges as any[]) add('user', node.id);
  return byKind;
}

const PARTNER_VIEW = `{ candidates(first: 100) { edges { node { id attempts { id result { id } projectFiles { id } booking { id oral { id } } } } } }
  complaints(first: 100) { edges { node { id } } } }`;

/** What a caller legitimately sees: every uuid in its own views. */
async function visibleTo(caller: Caller): Promise<Set<string>> {
  const views: Record<Caller, string[]> = {
    candidate: [`{ me { id } myAttempts { id result { id } projectFiles { id } booking { id oral { id } } } myComplaints { id } }`],
    partnerUser: [PARTNER_VIEW, '{ people(first: 100) { edges { node { id } } } }'],
    partnerKey: [PARTNER_VIEW],
    juror: [`{ myOrals { id candidateId } }`],
    president: [`{ myOrals { id candidateId } }`],
  };
  const seen = new Set<string>();
  for (const query of views[caller]) {
    const response = await as(caller, query);
    expect(response.errors, `${caller}'s own view`).toBeUndefined();
    uuidsIn(response.data, seen);
  }
  if (caller === 'candidate') {
    // Their own appeals, attempt by attempt.
    const attempts = (await as(caller, '{ myAttempts { id } }')).data!.myAttempts as { id: string }[];
    for (const { id } of attempts) uuidsIn((await as(caller, 'query ($id: ID!) { attemptAppeals(attemptId: $id) { id } }', { id })).data, seen);
  }
  return seen;
}

/** The comparable shape of an answer: the data without ids, and the error codes. */
function shapeOf(response: { data?: unknown; errors?: { extensions?: Record<string, any> }[] }) {
  return {
    data: JSON.stringify(response.data ?? null).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>'),
    codes: (response.errors ?? []).map((error) => error.extensions?.code).sort(),
  };
}

beforeAll(async () => {
  server = await startIsolatedServer();
  schema = await fetchSchema(server.graphqlUrl);
  const logins: [Caller | 'admin', string][] = [
    ['admin', 'admin'],
    ['candidate', 'candidate07'],
    ['partnerUser', 'partner-a'],
    ['juror', 'juror2'],
    ['president', 'juror1'],
  ];
  await Promise.all(logins.map(async ([who, login]) => (token[who] = await loginAs(server.graphqlUrl, `${login}@demo.certijury.fr`))));
  token.partnerKey = (await as('partnerUser', 'mutation { createApiKey(name: "Probe") { secret } }')).data!.createApiKey.secret;
  const all = await privateIds();
  for (const caller of ['candidate', 'partnerUser', 'partnerKey', 'juror', 'president'] as const) {
    const visible = await visibleTo(caller);
    // A few of each kind is enough: every id-taking field is called with each of them.
    foreign[caller] = new Map([...all].map(([kind, ids]) => [kind, [...ids].filter((id) => !visible.has(id)).slice(0, 2)]));
  }
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('cross-tenant probes', () => {
  it('has someone else’s things to probe with, for every caller', () => {
    for (const caller of Object.keys(foreign) as Caller[]) {
      const kinds = foreign[caller]!;
      expect(kinds.get('candidate')!.length, `${caller}: foreign candidates`).toBeGreaterThan(0);
      expect(kinds.get('attempt')!.length, `${caller}: foreign attempts`).toBeGreaterThan(0);
      expect(kinds.get('oral')!.length, `${caller}: foreign orals`).toBeGreaterThan(0);
      expect(kinds.get('user')!.length, `${caller}: foreign people`).toBeGreaterThan(0);
    }
  });

  it('answers someone else’s id exactly as an id that does not exist', async () => {
    const leaks: string[] = [];
    let probes = 0;
    const probeable = (kind: RootKind, field: AnyField) => ({ kind, field, idArgs: requiredArgs(field).filter((arg) => takesId(arg.type)) });
    const fields = [
      ...rootFields(schema, 'Query').map((field) => probeable('query', field)),
      ...rootFields(schema, 'Mutation').map((field) => probeable('mutation', field)),
    ].filter(({ idArgs }) => idArgs.length > 0);
    for (const caller of Object.keys(foreign) as Caller[]) {
      const ids = [...foreign[caller]!].flatMap(([kind, list]) => list.map((id) => ({ kind, id })));
      for (const { kind, field, idArgs } of fields) {
        for (const arg of idArgs) {
          const list = !isNonNullType(arg.type) ? false : arg.type.toString().startsWith('[');
          const call = async (id: string) => {
            const { query, variables } = operationFor(kind, field, { [arg.name]: list ? [id] : id });
            return as(caller, query, variables);
          };
          const baseline = shapeOf(await call(randomUUID()));
          // Refused at the gate (the matrix covers it) or answered as "nothing": nothing to compare beyond that.
          if (baseline.codes.includes('FORBIDDEN')) continue;
          for (const { kind: thing, id } of ids) {
            probes++;
            const probed = shapeOf(await call(id));
            if (JSON.stringify(probed) !== JSON.stringify(baseline)) {
              leaks.push(`${field.name}(${arg.name}: <${thing}>) as ${caller}: ${JSON.stringify(probed)} ≠ ${JSON.stringify(baseline)}`);
            }
          }
        }
      }
    }
    expect(probes).toBeGreaterThan(100);
    expect(leaks).toEqual([]);
  }, 300_000);

  it('answers CléA writes about someone else’s file (ids inside inputs) exactly as for an unknown attempt', async () => {
    const attempts = (await as('admin', '{ cleaFiles { attemptId } }')).data!.cleaFiles.map((file: any) => file.attemptId) as string[];
    expect(attempts.length).toBeGreaterThan(0);
    const writes = [
      (attemptId: string) => ['mutation ($input: CleaEvaluationInput!) { recordCleaEvaluation(input: $input) { id } }', { input: { attemptId, kind: 'FINAL', modules: [{ blockCode: 'CLEA-D3', mastered: true }] } }],
      (attemptId: string) => ['mutation ($input: CleaTrainingLineInput!) { setCleaTrainingLine(input: $input) { id } }', { input: { attemptId, blockCode: 'CLEA-D3', toTrain: 'Sonde inter-organismes.' } }],
    ] as const;
    const leaks: string[] = [];
    for (const caller of ['juror', 'president'] as const) {
      for (const write of writes) {
        const [query, baselineVariables] = write(randomUUID());
        const baseline = shapeOf(await as(caller, query, baselineVariables));
        expect(baseline.codes).toEqual(['NOT_FOUND']);
        for (const attemptId of attempts) {
          const [, variables] = write(attemptId);
          const probed = shapeOf(await as(caller, query, variables));
          if (JSON.stringify(probed) !== JSON.stringify(baseline)) leaks.push(`${query} as ${caller}: ${JSON.stringify(probed)}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });
});
