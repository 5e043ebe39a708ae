// Personal data through the API: a candidate downloads what is held about them (and nothing about anyone else);
// an admin erases a candidate's personal data only where no legal retention applies, keeping the decisions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFileNumber } from '../support/environment.ts';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { DEMO_PASSWORD, gql, loginAs } from '../support/graphql.ts';

let server: TestServer;
const token: Record<string, string> = {};
const as = (who: string, query: string, variables?: Record<string, unknown>) => gql(server.graphqlUrl, query, variables, { token: token[who] });
const ERASE = 'mutation ($id: ID!) { eraseCandidatePersonalData(candidateId: $id) }';

async function candidateIdByFileNumber(partner: string, fileNumber: string): Promise<string> {
  const result = await as(partner, '{ candidates(first: 100) { edges { node { id fileNumber } } } }');
  return result.data!.candidates.edges.find((edge: any) => edge.node.fileNumber === fileNumber).node.id;
}

beforeAll(async () => {
  server = await startIsolatedServer();
  for (const [key, email] of Object.entries({ admin: 'admin', partnerB: 'partner-b', c04: 'candidate04', c16: 'candidate16' })) {
    token[key] = await loginAs(server.graphqlUrl, `${email}@demo.certijury.fr`);
  }
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

describe('personal data', () => {
  it('gives candidates everything held about them, and nothing about anyone else', async () => {
    const exported = await as('c04', '{ myPersonalData }');
    const json = JSON.stringify(exported.data!.myPersonalData);
    expect(exported.data!.myPersonalData.candidate).toMatchObject({ email: 'candidate04@demo.certijury.fr', birthName: 'PETIT', birthCity: 'Lille' });
    expect(json).toContain('RS5302');
    expect(json).not.toMatch(/DUBOIS|MARTIN|passwordHash|tokenHash/);
    expect((await as('admin', '{ myPersonalData }')).errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('shows a decision only as the candidate’s result view does: not before publication, then as resultDisclosure allows', async () => {
    // Sarah Durand (candidate07): the jury decided (certified), the result is not published yet.
    const c07 = await loginAs(server.graphqlUrl, 'candidate07@demo.certijury.fr');
    const before = (await gql(server.graphqlUrl, '{ myPersonalData }', {}, { token: c07 })).data!.myPersonalData;
    const attempt = before.candidate.attempts.find((entry: any) => entry.certification.code === 'RS5302');
    expect(attempt.result).toBeNull();
    expect(JSON.stringify(before)).not.toMatch(/"decisions"|"outcome"|"validatedBlockCodes"|"details"|CERTIFIED/);
    const toPublish = (await as('admin', '{ resultsToPublish { id attempt { id } } }')).data!.resultsToPublish as { id: string; attempt: { id: string } }[];
    const own = (await gql(server.graphqlUrl, '{ myAttempts { id } }', {}, { token: c07 })).data!.myAttempts as { id: string }[];
    const row = toPublish.find((entry) => own.some((mine) => mine.id === entry.attempt.id))!;
    expect((await as('admin', 'mutation ($id: ID!) { publishResult(resultId: $id) { id } }', { id: row.id })).errors).toBeUndefined();
    const after = (await gql(server.graphqlUrl, '{ myPersonalData }', {}, { token: c07 })).data!.myPersonalData;
    const view = (await gql(server.graphqlUrl, '{ myAttempts { result { outcome validatedBlockCodes disclosure } } }', {}, { token: c07 })).data!.myAttempts[0].result;
    const published = after.candidate.attempts.find((entry: any) => entry.certification.code === 'RS5302').result;
    expect(published).toMatchObject({ outcome: view.outcome, validatedBlockCodes: view.validatedBlockCodes, disclosure: view.disclosure });
    expect(JSON.stringify(after)).not.toMatch(/"details"|"ruleVersion"/);
  });

  it('includes what a VAE candidate declared about their career and what a CléA evaluator recorded', async () => {
    const vae = JSON.stringify((await gql(server.graphqlUrl, '{ myPersonalData }', {}, { token: await loginAs(server.graphqlUrl, 'candidate-vae@demo.certijury.fr') })).data!.myPersonalData);
    expect(vae).toContain('Plastiques du Rhône SAS');
    expect(vae).toContain('experiencePeriods');
    const clea = (await gql(server.graphqlUrl, '{ myPersonalData }', {}, { token: await loginAs(server.graphqlUrl, 'candidate-clea@demo.certijury.fr') })).data!.myPersonalData;
    const attempt = clea.candidate.attempts.find((entry: any) => entry.cleaFile);
    expect(attempt.cleaFile.evaluations[0].results.length).toBe(7);
    expect(attempt.cleaFile.trainingLines.length).toBeGreaterThan(0);
  });

  it('refuses erasure while the law requires keeping the data, with the reasons', async () => {
    const running = await as('admin', ERASE, { id: await candidateIdByFileNumber('partnerB', demoFileNumber('AC', 1)) });
    expect(running.errors![0].extensions).toMatchObject({ code: 'INVALID_STATE', retention: ['ATTEMPT_IN_PROGRESS'] });
    const holder = await as('admin', ERASE, { id: await candidateIdByFileNumber('partnerB', demoFileNumber('AC', 7)) });
    expect(holder.errors![0].extensions).toMatchObject({ code: 'INVALID_STATE', retention: ['CERTIFICATION_AWARDED', 'CDC_TRANSMISSION_OWED'] });
    expect((await as('partnerB', ERASE, { id: await candidateIdByFileNumber('partnerB', demoFileNumber('AC', 6)) })).errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('erases a finished, unsuccessful candidate: identity, files, statements and notifications gone, decision kept', async () => {
    const id = await candidateIdByFileNumber('partnerB', demoFileNumber('AC', 6)); // Alexandre MOREL, not certified
    const attemptId = (await as('partnerB', 'query ($id: ID!) { candidate(id: $id) { attempts { id } } }', { id })).data!.candidate.attempts[0].id;
    const filesOf = async () => (await as('admin', 'query ($a: ID!) { projectFiles(attemptId: $a) { id } }', { a: attemptId })).data!.projectFiles;
    expect(await filesOf()).toHaveLength(1);
    // What he wrote and what was written to him may name him: a complaint, and its notification to him.
    const filed = await as('c16', 'mutation ($input: FileComplaintInput!) { fileComplaint(input: $input) { id version } }', {
      input: { subject: 'CERTIFICATION_PROCESS', statement: 'Alexandre MOREL : la convocation est arrivée trop tard.' },
    });
    expect(filed.errors).toBeUndefined();
    const complaint = filed.data!.fileComplaint;
    expect((await as('admin', 'mutation ($id: ID!, $v: Int!) { startComplaintReview(id: $id, expectedVersion: $v) { id } }', { id: complaint.id, v: complaint.version })).errors).toBeUndefined();
    const outbox = async () => JSON.stringify((await as('admin', '{ notificationOutbox(first: 100) { edges { node { recipient } } } }')).data);
    expect(await outbox()).toContain('candidate16@demo.certijury.fr');
    expect((await as('admin', ERASE, { id })).data!.eraseCandidatePersonalData).toBe(true);
    expect(await filesOf()).toEqual([]);
    const kept = await as('admin', 'query ($id: ID!) { complaint(id: $id) { state statement } }', { id: complaint.id });
    expect(kept.data!.complaint).toEqual({ state: 'UNDER_REVIEW', statement: '[effacé / erased]' });
    expect(await outbox()).not.toContain('candidate16@demo.certijury.fr');
    const seen = await as('partnerB', 'query ($id: ID!) { candidate(id: $id) { birthName firstName email birthDate attempts { state } } }', { id });
    expect(seen.data!.candidate).toEqual({ birthName: 'ANONYME', firstName: 'Anonyme', email: `erased-${id}@invalid`, birthDate: null, attempts: [{ state: 'RESULT_PUBLISHED' }] });
    const signIn = await gql(server.graphqlUrl, 'mutation { login(email: "candidate16@demo.certijury.fr", password: "' + DEMO_PASSWORD + '") { token } }');
    expect(signIn.errors![0].extensions!.code).toBe('INVALID_CREDENTIALS');
    expect((await as('c16', '{ me { id } }')).data?.me ?? null).toBeNull();
    const audit = await as('admin', 'query ($id: ID!) { auditEntries(entityType: "Candidate", entityId: $id) { action data } }', { id });
    const erased = audit.data!.auditEntries.find((entry: any) => entry.action === 'candidate.personalDataErased');
    expect(erased.data).toEqual({});
    expect(JSON.stringify(audit.data)).not.toMatch(/MOREL/);
    expect((await as('admin', ERASE, { id })).errors![0].extensions!.code).toBe('INVALID_STATE');
  });
});
