// Identity data collected before the oral, and GDPR rectification (issue 19, part 6), through the API of a real
// server: a candidate's missing CDC identity shows as `identityIssues` (the export's own rules) to the partner and
// the candidate; either completes it (validated and translated as at registration, audited by field name) until a
// jury decided on an attempt; then the candidate asks for a rectification, which an admin approves (written,
// audited, notified) or rejects with a reason. Other partners and roles are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';

let server: TestServer;
const token: Record<string, string> = {};
const candidateId: Record<string, string> = {};

const as = (who: string, query: string, variables?: Record<string, unknown>, locale?: string) =>
  gql(server.graphqlUrl, query, variables, { token: token[who], locale });
const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code;

const CANDIDATE = `query ($id: ID!) { candidate(id: $id) { id birthName usageName firstName sex birthDate birthInseeCode birthPostalCode birthCity birthCountryCode identityEditable identityIssues { field code message } } }`;
const UPDATE = `mutation ($id: ID!, $input: CandidateIdentityInput!) { updateCandidateIdentity(candidateId: $id, input: $input) { id birthName sex birthDate birthInseeCode birthCity identityIssues { field } } }`;
const REQUEST = `mutation ($identity: CandidateIdentityInput!, $comment: String!) { requestRectification(identity: $identity, comment: $comment) { id state changes { field current requested } } }`;
const MINE = `{ myRectificationRequests { id state decisionReason changes { field current requested } } }`;
const QUEUE = `query ($state: RectificationState) { rectificationRequests(state: $state) { id state comment candidate { id } changes { field current requested } } }`;
const DECIDE = `mutation ($id: ID!, $approve: Boolean!, $reason: String) { decideRectification(id: $id, approve: $approve, reason: $reason) { id state decisionReason } }`;
const AUDIT = `query ($entityId: ID!) { auditEntries(entityType: "Candidate", entityId: $entityId) { action data } }`;
const auditOf = async (id: string) => (await as('admin', AUDIT, { entityId: id })).data!.auditEntries as { action: string; data: any }[];

/** A candidate's id as their partner sees it, by first name. */
async function candidateNamed(partner: string, firstName: string): Promise<string> {
  const result = await as(partner, `{ candidates(first: 100) { edges { node { id firstName } } } }`);
  return result.data!.candidates.edges.find((edge: any) => edge.node.firstName === firstName).node.id;
}

beforeAll(async () => {
  server = await startIsolatedServer();
  const logins = { admin: 'admin', partnerA: 'partner-a', partnerB: 'partner-b', juror1: 'juror1', c01: 'candidate01', c11: 'candidate11', c09: 'candidate09' };
  await Promise.all(Object.entries(logins).map(async ([key, login]) => (token[key] = await loginAs(server.graphqlUrl, `${login}@demo.certijury.fr`))));
  candidateId.c01 = await candidateNamed('partnerA', 'Léa');
  candidateId.c09 = await candidateNamed('partnerA', 'Inès');
  candidateId.c11 = await candidateNamed('partnerB', 'Emma');
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

describe('identity completed before the oral', () => {
  it('shows what the CDC export would lack, to the partner and the candidate', async () => {
    expect(candidateId.c01).toBeTruthy();
    const byPartner = (await as('partnerA', CANDIDATE, { id: candidateId.c01 })).data!.candidate;
    expect(byPartner.identityEditable).toBe(true);
    expect(byPartner.identityIssues.map((issue: any) => issue.field).sort()).toEqual(expect.arrayContaining(['birthDate', 'sex', 'birthInseeCode|birthPostalCode']));
    expect(byPartner.identityIssues[0].message).toBeTruthy();
    const bySelf = (await as('c01', CANDIDATE, { id: candidateId.c01 })).data!.candidate;
    expect(bySelf.identityIssues).toEqual(byPartner.identityIssues);
  });

  it('refuses invalid identities with typed, translated errors and writes nothing', async () => {
    const bad = await as('partnerA', UPDATE, {
      id: candidateId.c01,
      input: { birthName: 'MARTIN', firstName: 'Léa', birthDate: new Date(Date.now() - 5 * 365 * 86_400_000).toISOString(), birthInseeCode: '123', birthCountryCode: '99100' },
    }, 'en');
    expect(codeOf(bad)).toBe('VALIDATION_FAILED');
    const fields = bad.errors![0].extensions!.fields as { path: string[]; message: string }[];
    expect(fields.map((field) => field.path.at(-1)).sort()).toEqual(['birthCountryCode', 'birthDate', 'birthInseeCode']);
    expect(fields.find((field) => field.path.at(-1) === 'birthDate')!.message).toMatch(/birth date/i);
    const unknownCommune = await as('partnerA', UPDATE, { id: candidateId.c01, input: { birthName: 'MARTIN', firstName: 'Léa', birthInseeCode: '75999' } });
    expect(codeOf(unknownCommune)).toBe('VALIDATION_FAILED');
    expect(unknownCommune.errors![0].extensions!.fields[0]).toMatchObject({ path: ['input', 'birthInseeCode'], message: expect.stringContaining('75999') });
    const unchanged = (await as('partnerA', CANDIDATE, { id: candidateId.c01 })).data!.candidate;
    expect([unchanged.sex, unchanged.birthDate, unchanged.birthInseeCode]).toEqual([null, null, null]);
  });

  it('lets the partner complete it (the commune named from its INSEE code), audited by field name only', async () => {
    const done = await as('partnerA', UPDATE, {
      id: candidateId.c01,
      input: { birthName: 'MARTIN', firstName: 'Léa', sex: 'F', birthDate: '1994-03-12T00:00:00.000Z', birthInseeCode: '69123' },
    });
    expect(done.errors).toBeUndefined();
    expect(done.data!.updateCandidateIdentity).toMatchObject({ sex: 'F', birthInseeCode: '69123', birthCity: 'Lyon', identityIssues: [] });
    const audit = await auditOf(candidateId.c01);
    const entry = audit.find((node: any) => node.action === 'candidate.identityUpdated');
    expect(entry.data.fields).toEqual(expect.arrayContaining(['sex', 'birthDate', 'birthInseeCode', 'birthCity']));
    expect(JSON.stringify(entry.data)).not.toContain('1994');
  });

  it('lets the candidate complete theirs, a birth abroad by its country', async () => {
    const done = await as('c11', UPDATE, {
      id: candidateId.c11,
      input: { birthName: 'MICHEL', firstName: 'Emma', sex: 'F', birthDate: '1997-06-01T00:00:00.000Z', birthCountryCode: '99350', birthCountryName: 'Maroc', birthCity: 'Rabat' },
    });
    expect(done.errors).toBeUndefined();
    expect(done.data!.updateCandidateIdentity.identityIssues).toEqual([]);
  });

  it('refuses another partner, a juror and another candidate exactly as an unknown candidate', async () => {
    const input = { birthName: 'X', firstName: 'Y' };
    expect(codeOf(await as('partnerB', UPDATE, { id: candidateId.c01, input }))).toBe('NOT_FOUND');
    expect(codeOf(await as('c11', UPDATE, { id: candidateId.c01, input }))).toBe('NOT_FOUND');
    expect(codeOf(await as('juror1', UPDATE, { id: candidateId.c01, input }))).toBe('FORBIDDEN');
    expect((await as('partnerA', CANDIDATE, { id: candidateId.c01 })).data!.candidate.birthName).toBe('MARTIN');
  });

  it('is closed once a jury decided: the candidate is told to ask for a rectification', async () => {
    const published = (await as('partnerA', CANDIDATE, { id: candidateId.c09 })).data!.candidate;
    expect(published.identityEditable).toBe(false);
    const refused = await as('partnerA', UPDATE, { id: candidateId.c09, input: { birthName: 'HADDAD', firstName: 'Inès' } });
    expect(codeOf(refused)).toBe('INVALID_STATE');
    expect(refused.errors![0].extensions!.rectificationRequired).toBe(true);
    expect(refused.errors![0].message).toContain('rectification');
  });
});

describe('GDPR rectification', () => {
  let requestId = '';
  const corrected = { birthName: 'HADDAD', usageName: 'LAURENT', firstName: 'Inès', sex: 'F', birthDate: '1992-04-15T00:00:00.000Z', birthInseeCode: '99350', birthCountryCode: '99350', birthCity: 'Casablanca' };

  it('lets the candidate ask, once at a time, with what changes; admins are notified', async () => {
    const nothing = await as('c09', REQUEST, { identity: { ...corrected, birthDate: '1992-04-14T00:00:00.000Z' }, comment: 'Rien' });
    expect(codeOf(nothing)).toBe('VALIDATION_FAILED');
    const short = await as('c09', REQUEST, { identity: corrected, comment: 'x' });
    expect(codeOf(short)).toBe('VALIDATION_FAILED');
    const asked = await as('c09', REQUEST, { identity: corrected, comment: 'Je suis née le 15 avril, pas le 14.' });
    expect(asked.errors).toBeUndefined();
    requestId = asked.data!.requestRectification.id;
    expect(asked.data!.requestRectification).toMatchObject({ state: 'PENDING', changes: [{ field: 'birthDate', current: '1992-04-14', requested: '1992-04-15' }] });
    expect(codeOf(await as('c09', REQUEST, { identity: corrected, comment: 'Encore une fois.' }))).toBe('ALREADY_EXISTS');
    const notes = (await as('admin', `{ myNotifications(first: 20) { edges { node { template subject } } } }`)).data;
    expect(JSON.stringify(notes)).toContain('Demande de rectification');
  });

  it('is for candidates to ask and admins to decide: anyone else is refused', async () => {
    for (const who of ['partnerA', 'juror1', 'admin']) expect(codeOf(await as(who, REQUEST, { identity: corrected, comment: 'Test refusé.' }))).toBe('FORBIDDEN');
    for (const who of ['partnerA', 'juror1', 'c09']) expect(codeOf(await as(who, DECIDE, { id: requestId, approve: true }))).toBe('FORBIDDEN');
    expect(codeOf(await as('c11', QUEUE, {}))).toBe('FORBIDDEN');
    expect((await as('c11', MINE)).data!.myRectificationRequests).toEqual([]);
  });

  it('needs a reason to reject; an approval writes the values, audited and notified, and is final', async () => {
    const queue = (await as('admin', QUEUE, { state: 'PENDING' })).data!.rectificationRequests;
    expect(queue.map((request: any) => request.id)).toEqual([requestId]);
    expect(codeOf(await as('admin', DECIDE, { id: requestId, approve: false }))).toBe('VALIDATION_FAILED');
    const approved = await as('admin', DECIDE, { id: requestId, approve: true, reason: 'Acte de naissance vérifié.' });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.decideRectification.state).toBe('APPROVED');
    expect((await as('admin', CANDIDATE, { id: candidateId.c09 })).data!.candidate.birthDate).toBe('1992-04-15T00:00:00.000Z');
    const audit = await auditOf(candidateId.c09);
    expect(audit.map((node: any) => node.action)).toEqual(expect.arrayContaining(['candidate.rectificationRequested', 'candidate.rectificationApproved']));
    expect(audit.find((node: any) => node.action === 'candidate.rectificationApproved').data).toMatchObject({ requestId, fields: ['birthDate'] });
    const notes = (await as('c09', `{ myNotifications(first: 20) { edges { node { subject } } } }`)).data;
    expect(JSON.stringify(notes)).toContain('Votre demande de rectification est acceptée');
    expect(codeOf(await as('admin', DECIDE, { id: requestId, approve: false, reason: 'Trop tard.' }))).toBe('INVALID_STATE');
  });

  it('rejects with the reason shown to the candidate, and writes nothing', async () => {
    const asked = await as('c09', REQUEST, { identity: { ...corrected, firstName: 'Inés' }, comment: 'Accent aigu sur le e.' });
    expect(asked.errors).toBeUndefined();
    const rejected = await as('admin', DECIDE, { id: asked.data!.requestRectification.id, approve: false, reason: 'L’acte de naissance porte « Inès ».' }, 'en');
    expect(rejected.data!.decideRectification).toMatchObject({ state: 'REJECTED', decisionReason: 'L’acte de naissance porte « Inès ».' });
    expect((await as('admin', CANDIDATE, { id: candidateId.c09 })).data!.candidate.firstName).toBe('Inès');
    const mine = (await as('c09', MINE)).data!.myRectificationRequests;
    expect(mine.map((request: any) => request.state)).toEqual(['REJECTED', 'APPROVED']);
    expect(mine[0].decisionReason).toContain('Inès');
  });
});
