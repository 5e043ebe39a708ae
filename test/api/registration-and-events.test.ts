// Registration (idempotent, validated, all-or-nothing) and the partner's live events over WebSocket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { closeCodeAfterInit, collect, gql, loginAs, wsClient } from '../support/graphql.ts';

let server: TestServer;
let partnerA: string;
let partnerB: string;
let admin: string;

beforeAll(async () => {
  server = await startIsolatedServer();
  [partnerA, partnerB, admin] = await Promise.all([
    loginAs(server.graphqlUrl, 'partner-a@demo.certijury.fr'),
    loginAs(server.graphqlUrl, 'partner-b@demo.certijury.fr'),
    loginAs(server.graphqlUrl, 'admin@demo.certijury.fr'),
  ]);
});
afterAll(() => server?.stop());

const REGISTER = `mutation ($input: RegisterCandidateInput!) {
  registerCandidate(input: $input) { id fileNumber birthName attempts { state certification { code } } }
}`;
const COUNT = '{ candidates(first: 1) { totalCount } }';

const valid = (fileNumber: string) => ({
  certificationCode: 'RS5302',
  fileNumber,
  email: `${fileNumber.toLowerCase()}@example.fr`,
  birthName: 'Lambert',
  firstName: 'Élodie',
  birthDate: '1990-04-12T00:00:00.000Z',
  sex: 'F',
  birthInseeCode: '69123',
  accessRoute: 'CONTINUING_TRAINING',
  funding: 'CPF',
});

describe('registerCandidate', () => {
  it('registers once: a retry with the same file number returns the same candidate', async () => {
    const first = await gql(server.graphqlUrl, REGISTER, { input: valid('FP-TEST-001') }, { token: partnerA });
    expect(first.errors).toBeUndefined();
    expect(first.data?.registerCandidate.attempts).toEqual([{ state: 'REGISTERED', certification: { code: 'RS5302' } }]);
    const retry = await gql(server.graphqlUrl, REGISTER, { input: valid('FP-TEST-001') }, { token: partnerA });
    expect(retry.data?.registerCandidate.id).toBe(first.data?.registerCandidate.id);
    // The same file number at another partner is another candidate.
    const other = await gql(server.graphqlUrl, REGISTER, { input: valid('FP-TEST-001') }, { token: partnerB });
    expect(other.data?.registerCandidate.id).not.toBe(first.data?.registerCandidate.id);
  });

  it('refuses invalid input with a typed, translated error per field, and writes nothing', async () => {
    const before = (await gql(server.graphqlUrl, COUNT, {}, { token: admin })).data?.candidates.totalCount;
    const input = { ...valid('FP-TEST-BAD'), email: 'not-an-email', birthInseeCode: '123', birthDate: '1850-01-01T00:00:00.000Z' };
    const fr = await gql(server.graphqlUrl, REGISTER, { input }, { token: partnerA });
    expect(fr.data).toBeNull();
    const error = fr.errors![0];
    expect(error.extensions?.code).toBe('VALIDATION_FAILED');
    const fields = Object.fromEntries(error.extensions!.fields.map((f: any) => [f.path.join('.'), f.message]));
    expect(Object.keys(fields).sort()).toEqual(['input.birthDate', 'input.birthInseeCode', 'input.email']);
    expect(fields['input.birthInseeCode']).toMatch(/Code INSEE/);
    const en = await gql(server.graphqlUrl, REGISTER, { input }, { token: partnerA, locale: 'en' });
    const enFields = Object.fromEntries(en.errors![0].extensions!.fields.map((f: any) => [f.path.join('.'), f.message]));
    expect(enFields['input.birthInseeCode']).toMatch(/INSEE municipality code/);
    expect(enFields['input.email']).toMatch(/email/i);
    const after = (await gql(server.graphqlUrl, COUNT, {}, { token: admin })).data?.candidates.totalCount;
    expect(after).toBe(before);
  });

  it('refuses an unknown certification without writing anything', async () => {
    const before = (await gql(server.graphqlUrl, COUNT, {}, { token: admin })).data?.candidates.totalCount;
    const result = await gql(server.graphqlUrl, REGISTER, { input: { ...valid('FP-TEST-404'), certificationCode: 'RNCP99999' } }, { token: partnerA });
    expect(result.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    expect((await gql(server.graphqlUrl, COUNT, {}, { token: admin })).data?.candidates.totalCount).toBe(before);
  });

  it('is refused to jurors and candidates', async () => {
    const juror = await loginAs(server.graphqlUrl, 'juror1@demo.certijury.fr');
    const result = await gql(server.graphqlUrl, REGISTER, { input: valid('FP-TEST-J') }, { token: juror });
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

const EVENTS = `subscription ($since: Int) {
  partnerCandidateEvents(since: $since) { seq type candidateId candidate { fileNumber partner { name } } }
}`;

describe('partnerCandidateEvents', () => {
  it('delivers a registration live over WebSocket, only to its own partner', async () => {
    const clientA = wsClient(server.wsUrl, partnerA);
    const clientB = wsClient(server.wsUrl, partnerB);
    const a = collect(clientA, EVENTS, {}, 1);
    const b = collect(clientB, EVENTS, {}, 1, 3000);
    await Promise.all([a.ready, b.ready]);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the subscribe message reaches the server
    const registered = await gql(server.graphqlUrl, REGISTER, { input: valid('FP-LIVE-1') }, { token: partnerA });
    const [event] = await a.done;
    expect(event.partnerCandidateEvents).toMatchObject({
      type: 'CANDIDATE_REGISTERED',
      candidateId: registered.data?.registerCandidate.id,
      candidate: { fileNumber: 'FP-LIVE-1' },
    });
    await expect(b.done).rejects.toThrow(/timed out with 0\/1/);
    await Promise.all([clientA.dispose(), clientB.dispose()]);
  });

  it('replays what a reconnecting subscriber missed, in order, with no gap and no duplicate', async () => {
    const client = wsClient(server.wsUrl, partnerB);
    const first = collect(client, EVENTS, { since: 0 }, 1);
    await first.done; // partner B has at least its earlier registration in the log
    const lastSeen = first.events[0].partnerCandidateEvents.seq as number;
    await client.dispose();
    // While disconnected, three more registrations happen.
    for (const n of [1, 2, 3]) await gql(server.graphqlUrl, REGISTER, { input: valid(`AC-MISSED-${n}`) }, { token: partnerB });
    const reconnected = wsClient(server.wsUrl, partnerB);
    const replay = collect(reconnected, EVENTS, { since: lastSeen }, 3);
    const events = (await replay.done).map((e) => e.partnerCandidateEvents);
    expect(events.map((e) => e.seq)).toEqual([lastSeen + 1, lastSeen + 2, lastSeen + 3]);
    expect(events.map((e) => e.candidate.fileNumber)).toEqual(['AC-MISSED-1', 'AC-MISSED-2', 'AC-MISSED-3']);
    await reconnected.dispose();
  });

  it('refuses a socket with a wrong credential and a subscription from the wrong role', async () => {
    expect(await closeCodeAfterInit(server.wsUrl, { authorization: 'Bearer cjs_forged' })).toBe(4403);
    const juror = wsClient(server.wsUrl, await loginAs(server.graphqlUrl, 'juror1@demo.certijury.fr'));
    const forbidden = collect(juror, EVENTS, {}, 1, 5000);
    expect(await forbidden.done.catch(() => [])).toEqual([]);
    expect(JSON.stringify(forbidden.errors)).toMatch(/FORBIDDEN/);
    await juror.dispose();
  });
});
