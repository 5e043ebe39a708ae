// Bulk registration (all or nothing, idempotent on file numbers) and accommodations (who may set and see
// them), through the GraphQL API of a real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { collect, gql, loginAs, wsClient } from '../support/graphql.ts';

let server: TestServer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startIsolatedServer();
  for (const who of ['admin', 'partner-a', 'partner-b', 'juror1', 'juror2', 'candidate01', 'candidate15']) {
    tokens[who] = await loginAs(server.graphqlUrl, `${who}@demo.certijury.fr`);
  }
});
afterAll(() => server?.stop());

const BULK = `mutation ($candidates: [BulkCandidateInput!]!) {
  registerCandidates(candidates: $candidates) { created existing rows { index fileNumber candidateId status } }
}`;
const COUNT = '{ candidates(first: 1) { totalCount } }';
const count = async (token = tokens.admin) => (await gql(server.graphqlUrl, COUNT, {}, { token })).data!.candidates.totalCount as number;

const row = (n: number, prefix = 'BULK') => ({
  certificationCode: 'RS5302',
  fileNumber: `${prefix}-${String(n).padStart(4, '0')}`,
  email: `${prefix.toLowerCase()}-${n}@example.fr`,
  birthName: 'Durand',
  firstName: 'Zoé',
  birthInseeCode: '69123',
  funding: 'CPF',
});

describe('registerCandidates (bulk)', () => {
  it('writes nothing when a row is invalid, and reports every invalid row with its index and field', async () => {
    const before = await count();
    const rows = [row(1), { ...row(2), email: 'nope' }, row(3), { ...row(4), birthInseeCode: '1' }, { ...row(5), fileNumber: row(1).fileNumber }, { ...row(6), certificationCode: 'RS0000' }];
    const result = await gql(server.graphqlUrl, BULK, { candidates: rows }, { token: tokens['partner-a'] });
    expect(result.data).toBeNull();
    expect(result.errors![0].extensions!.code).toBe('VALIDATION_FAILED');
    const fields = result.errors![0].extensions!.fields.map((f: any) => f.path.join('.'));
    expect(fields).toEqual(['candidates.1.email', 'candidates.3.birthInseeCode', 'candidates.4.fileNumber', 'candidates.5.certificationCode']);
    expect(result.errors![0].extensions!.fields[2].message).toMatch(/ligne 0/);
    expect(await count()).toBe(before);
  });

  it('registers 1,000 rows at once, idempotently: a retry reports them as existing and creates nothing', async () => {
    const client = wsClient(server.wsUrl, tokens['partner-b']);
    const events = collect(client, 'subscription { partnerCandidateEvents { seq type candidateId } }', {}, 1000, 30_000);
    await events.ready;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const rows = Array.from({ length: 1000 }, (_, i) => row(i, 'MASS'));
    const before = await count();
    const started = performance.now();
    const first = await gql(server.graphqlUrl, BULK, { candidates: rows }, { token: tokens['partner-b'] });
    const elapsed = performance.now() - started;
    expect(first.errors).toBeUndefined();
    expect(first.data!.registerCandidates).toMatchObject({ created: 1000, existing: 0 });
    expect(first.data!.registerCandidates.rows[999]).toMatchObject({ index: 999, fileNumber: 'MASS-0999', status: 'CREATED' });
    expect(await count()).toBe(before + 1000);
    // One event per candidate, in order, with dense sequence numbers.
    const received = (await events.done).map((e) => e.partnerCandidateEvents);
    expect(new Set(received.map((e) => e.candidateId)).size).toBe(1000);
    expect(received.every((e, i) => e.type === 'CANDIDATE_REGISTERED' && (i === 0 || e.seq === received[i - 1].seq + 1))).toBe(true);
    await client.dispose();
    console.log(`bulk 1000 rows over HTTP: ${Math.round(elapsed)} ms`);

    const retry = await gql(server.graphqlUrl, BULK, { candidates: [...rows.slice(0, 10), row(1000, 'MASS')] }, { token: tokens['partner-b'] });
    expect(retry.data!.registerCandidates).toMatchObject({ created: 1, existing: 10 });
    expect(retry.data!.registerCandidates.rows[3]).toEqual({ ...first.data!.registerCandidates.rows[3], status: 'EXISTING' });
    expect(await count()).toBe(before + 1001);
    // The other partner's same file numbers are other candidates.
    expect((await gql(server.graphqlUrl, BULK, { candidates: rows.slice(0, 2) }, { token: tokens['partner-a'] })).data!.registerCandidates.created).toBe(2);
    const audit = await gql(server.graphqlUrl, `{ me { partner { id } } }`, {}, { token: tokens['partner-b'] });
    const entries = await gql(server.graphqlUrl, `query ($id: ID!) { auditEntries(entityType: "Partner", entityId: $id) { action data } }`, { id: audit.data!.me.partner.id }, { token: tokens.admin });
    expect(entries.data!.auditEntries.map((e: any) => [e.action, e.data.count])).toEqual([['candidates.bulkRegistered', 1000], ['candidates.bulkRegistered', 1]]);
  });

  it('refuses more than 1,000 rows, and is refused to jurors', async () => {
    const tooMany = await gql(server.graphqlUrl, BULK, { candidates: Array.from({ length: 1001 }, (_, i) => row(i, 'OVER')) }, { token: tokens['partner-a'] });
    expect(tooMany.errors![0].extensions!.code).toBe('LIMIT_EXCEEDED');
    const juror = await gql(server.graphqlUrl, BULK, { candidates: [row(1, 'JUR')] }, { token: tokens.juror1 });
    expect(juror.errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});

const SET = `mutation ($id: ID!, $input: AccommodationInput!) {
  setAccommodation(candidateId: $id, input: $input) { id accommodation { kinds extraTimeMinutes notes } }
}`;
const READ = `query ($id: ID!) { candidate(id: $id) { id accommodation { kinds extraTimeMinutes notes } } }`;

/** Seed candidates, looked up among few rows (the bulk test above added a thousand registered ones). */
async function candidateIdByEmail(email: string, lookup: { token: string; state?: string }) {
  const result = await gql(server.graphqlUrl, 'query ($state: AttemptState) { candidates(first: 100, state: $state) { edges { node { id email } } } }', { state: lookup.state }, { token: lookup.token });
  return result.data!.candidates.edges.map((e: any) => e.node).find((c: any) => c.email === email).id as string;
}

describe('accommodations', () => {
  it('are visible to admins, the jury president, the candidate and their partner — null for a jury member', async () => {
    const id = await candidateIdByEmail('candidate15@demo.certijury.fr', { token: tokens.admin, state: 'SCHEDULED' }); // partner B, oral ahead with juror1 presiding, juror2 member
    const read = async (who: string) => (await gql(server.graphqlUrl, READ, { id }, { token: tokens[who] })).data!.candidate;
    for (const who of ['admin', 'juror1', 'partner-b', 'candidate15']) {
      expect((await read(who)).accommodation, who).toMatchObject({ kinds: ['EXTRA_TIME'], extraTimeMinutes: 10 });
    }
    expect(await read('juror2')).toEqual({ id, accommodation: null });
    // Other partners and candidates do not even see the candidate.
    expect(await read('partner-a')).toBeNull();
    expect(await read('candidate01')).toBeNull();
  });

  it('are set by the partner for its own candidates and by the candidate for themself, validated, and refused otherwise', async () => {
    const own = await candidateIdByEmail('candidate01@demo.certijury.fr', { token: tokens['partner-a'] }); // partner A
    const other = await candidateIdByEmail('candidate15@demo.certijury.fr', { token: tokens.admin, state: 'SCHEDULED' }); // partner B
    const set = await gql(server.graphqlUrl, SET, { id: own, input: { kinds: ['REMOTE_ORAL', 'EXTRA_TIME'], extraTimeMinutes: 15, notes: 'Tiers temps' } }, { token: tokens['partner-a'] });
    expect(set.errors).toBeUndefined();
    expect(set.data!.setAccommodation.accommodation).toEqual({ kinds: ['REMOTE_ORAL', 'EXTRA_TIME'], extraTimeMinutes: 15, notes: 'Tiers temps' });

    const self = await gql(server.graphqlUrl, SET, { id: own, input: { kinds: ['ACCESSIBLE_ROOM'] } }, { token: tokens.candidate01 });
    expect(self.data!.setAccommodation.accommodation).toEqual({ kinds: ['ACCESSIBLE_ROOM'], extraTimeMinutes: 0, notes: null });

    const invalid = await gql(server.graphqlUrl, SET, { id: own, input: { kinds: ['OTHER'], extraTimeMinutes: 10 } }, { token: tokens.candidate01, locale: 'en' });
    expect(invalid.errors![0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: ['input', 'extraTimeMinutes'] }] });
    const foreign = await gql(server.graphqlUrl, SET, { id: other, input: { kinds: ['OTHER'], notes: 'intrusion' } }, { token: tokens['partner-a'] });
    expect(foreign.errors![0].extensions!.code).toBe('NOT_FOUND');
    const byOtherCandidate = await gql(server.graphqlUrl, SET, { id: other, input: { kinds: ['OTHER'] } }, { token: tokens.candidate01 });
    expect(byOtherCandidate.errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await gql(server.graphqlUrl, SET, { id: own, input: { kinds: [] } }, { token: tokens.juror1 })).errors![0].extensions!.code).toBe('FORBIDDEN');

    // Nothing was written by the refused calls.
    expect((await gql(server.graphqlUrl, READ, { id: own }, { token: tokens.admin })).data!.candidate.accommodation).toEqual({ kinds: ['ACCESSIBLE_ROOM'], extraTimeMinutes: 0, notes: null });
    expect((await gql(server.graphqlUrl, READ, { id: other }, { token: tokens.admin })).data!.candidate.accommodation.kinds).toEqual(['EXTRA_TIME']);
    const audit = await gql(server.graphqlUrl, `{ auditEntries(entityType: "Candidate", entityId: "${own}") { action data } }`, {}, { token: tokens.admin });
    const entries = audit.data!.auditEntries.filter((e: any) => e.action.startsWith('candidate.accommodation'));
    expect(entries).toHaveLength(2);
    expect(JSON.stringify(entries)).not.toMatch(/Tiers temps/); // health notes stay out of the append-only audit trail
  });
});
