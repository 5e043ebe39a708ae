// Results through the API of a real server: the admins' list of results to publish with the 10-day deadline
// (the demo's overdue result of Sarah DURAND, candidate07), who may publish, the live RESULT_PUBLISHED events
// for the candidate and their partner, what the candidate sees (never a juror's own score or name unless the
// certification discloses names), the disclosure setting, and that publishing twice is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { collect, gql, loginAs, wsClient } from '../support/graphql.ts';

let server: TestServer;
const token: Record<string, string> = {};
let attempt07 = '';
let candidate07 = '';
let resultId = '';
let certificationId = '';
let jurorNames: string[] = [];
let jurorIds: string[] = [];

const as = (who: string, query: string, variables?: Record<string, unknown>, locale?: string) =>
  gql(server.graphqlUrl, query, variables, { token: token[who], locale });
const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code;

const RESULT_FIELDS = `id published publishedAt publishBy outcome validatedBlockCodes disclosure juryDate juryNames contestUntil contestPath
  explanation { fr en }
  blocks { code title inScope acquiredEarlier validated competences { code title validated minimumScore agreedScore } }`;
const MY_RESULT = `{ myAttempts { id state result { ${RESULT_FIELDS} } } }`;
const CANDIDATE_RESULT = `query ($id: ID!) { candidate(id: $id) { id attempts { id state result { ${RESULT_FIELDS} } } } }`;
const TO_PUBLISH = `query ($atRisk: Boolean) { resultsToPublish(atRisk: $atRisk) { id publishBy publishedAt daysLeft late atRisk outcome candidateName certification { id code title } attempt { id state } } }`;
const PUBLISH = `mutation ($id: ID!) { publishResult(resultId: $id) { id publishedAt late atRisk daysLeft attempt { id state } } }`;
const PUBLISH_MANY = `mutation ($ids: [ID!]!) { publishResults(resultIds: $ids) { id publishedAt } }`;
const CERTIFICATION = `{ certifications { id code version resultDisclosure appealWindowDays } }`;
const UPDATE_CERTIFICATION = `mutation ($id: ID!, $version: Int!, $input: UpdateCertificationInput!) { updateCertification(id: $id, version: $version, input: $input) { id version resultDisclosure } }`;
const SCHEDULE_EVENTS = `subscription { scheduleEvents { seq type attemptId payload } }`;
const PARTNER_EVENTS = `subscription { partnerCandidateEvents { seq type candidateId } }`;

async function myResult(who: string) {
  const attempts = (await as(who, MY_RESULT)).data!.myAttempts as { id: string; state: string; result: any }[];
  return attempts.find((attempt) => attempt.id === attempt07)!;
}

async function setDisclosure(disclosure: string) {
  const certification = ((await as('admin', CERTIFICATION)).data!.certifications as any[]).find((c) => c.id === certificationId);
  const updated = await as('admin', UPDATE_CERTIFICATION, { id: certificationId, version: certification.version, input: { resultDisclosure: disclosure } });
  expect(updated.errors).toBeUndefined();
  expect(updated.data!.updateCertification.resultDisclosure).toBe(disclosure);
}

/** Every string and number key anywhere in a JSON value. */
function keysOf(value: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => keysOf(item, keys));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      keys.add(key);
      keysOf(inner, keys);
    }
  }
  return keys;
}

beforeAll(async () => {
  server = await startIsolatedServer();
  const logins = { admin: 'admin', partnerA: 'partner-a', partnerB: 'partner-b', juror1: 'juror1', c07: 'candidate07', c08: 'candidate08' };
  await Promise.all(Object.entries(logins).map(async ([key, login]) => (token[key] = await loginAs(server.graphqlUrl, `${login}@demo.certijury.fr`))));
  const mine = (await as('c07', `{ myAttempts { id state certification { id } } }`)).data!.myAttempts;
  attempt07 = mine[0].id;
  certificationId = mine[0].certification.id;
  expect(mine[0].state).toBe('DECIDED');
  const candidates = (await as('partnerA', `{ candidates(first: 100) { edges { node { id attempts { id } } } } }`)).data!.candidates.edges;
  candidate07 = candidates.find((edge: any) => edge.node.attempts.some((a: any) => a.id === attempt07)).node.id;
  const jurors = (await as('admin', `{ jurors { id displayName } }`)).data!.jurors as { id: string; displayName: string }[];
  jurorNames = jurors.map((juror) => juror.displayName);
  jurorIds = jurors.map((juror) => juror.id);
  expect(jurorNames.length).toBeGreaterThanOrEqual(6);
});

afterAll(async () => {
  await server?.stop();
});

describe('results to publish', () => {
  it('lists the overdue demo result first, late and at risk, with its candidate and certification', async () => {
    const list = (await as('admin', TO_PUBLISH)).data!.resultsToPublish as any[];
    const sarah = list.find((row) => row.attempt.id === attempt07);
    expect(sarah).toMatchObject({ publishedAt: null, late: true, atRisk: true, outcome: 'CERTIFIED', candidateName: 'Sarah DURAND', attempt: { state: 'DECIDED' } });
    expect(sarah.daysLeft).toBeLessThan(0);
    expect(new Date(sarah.publishBy).getTime()).toBeLessThan(Date.now());
    expect(sarah.certification.id).toBe(certificationId);
    const deadlines = list.map((row) => new Date(row.publishBy).getTime());
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    // Published demo results are not listed.
    expect(list.every((row) => row.publishedAt === null && row.attempt.state === 'DECIDED')).toBe(true);
    resultId = sarah.id;

    const atRisk = (await as('admin', TO_PUBLISH, { atRisk: true })).data!.resultsToPublish as any[];
    expect(atRisk.map((row) => row.id)).toContain(resultId);
    expect(atRisk.every((row) => row.atRisk)).toBe(true);
  });

  it('is for admins only', async () => {
    for (const who of ['partnerA', 'c07', 'juror1']) expect(codeOf(await as(who, TO_PUBLISH))).toBe('FORBIDDEN');
  });
});

describe('before publication', () => {
  it('the candidate and their partner see no result; admins see it unpublished; jurors never', async () => {
    expect((await myResult('c07')).result).toBeNull();
    const asPartner = (await as('partnerA', CANDIDATE_RESULT, { id: candidate07 })).data!.candidate;
    expect(asPartner.attempts[0].result).toBeNull();
    const asAdmin = (await as('admin', CANDIDATE_RESULT, { id: candidate07 })).data!.candidate;
    expect(asAdmin.attempts[0].result).toMatchObject({ id: resultId, published: false, publishedAt: null, contestUntil: null, outcome: 'CERTIFIED' });
    const asJuror = (await as('juror1', CANDIDATE_RESULT, { id: candidate07 })).data?.candidate;
    if (asJuror) expect(asJuror.attempts[0].result).toBeNull();
  });

  it('nobody but an admin of the certifier may publish', async () => {
    for (const who of ['partnerA', 'partnerB', 'c07', 'c08', 'juror1']) {
      expect(codeOf(await as(who, PUBLISH, { id: resultId }))).toBe('FORBIDDEN');
      expect(codeOf(await as(who, PUBLISH_MANY, { ids: [resultId] }))).toBe('FORBIDDEN');
    }
    expect((await myResult('c07')).state).toBe('DECIDED');
  });

  it('a bulk publication is all or nothing', async () => {
    const result = await as('admin', PUBLISH_MANY, { ids: [resultId, '00000000-0000-4000-8000-000000000000'] });
    expect(codeOf(result)).toBe('NOT_FOUND');
    expect((await myResult('c07')).state).toBe('DECIDED');
    expect((await myResult('c07')).result).toBeNull();
  });
});

describe('publication', () => {
  it('publishes: RESULT_PUBLISHED, the candidate and the partner are told live', async () => {
    const candidateSocket = wsClient(server.wsUrl, token.c07);
    const partnerSocket = wsClient(server.wsUrl, token.partnerA);
    try {
      const candidateEvents = collect(candidateSocket, SCHEDULE_EVENTS, {}, 1);
      const partnerSchedule = collect(partnerSocket, SCHEDULE_EVENTS, {}, 1);
      const partnerCandidates = collect(partnerSocket, PARTNER_EVENTS, {}, 1);
      await Promise.all([candidateEvents.ready, partnerSchedule.ready, partnerCandidates.ready]);
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the subscriptions register

      const published = await as('admin', PUBLISH, { id: resultId });
      expect(published.errors).toBeUndefined();
      expect(published.data!.publishResult).toMatchObject({ id: resultId, late: false, atRisk: false, daysLeft: null, attempt: { id: attempt07, state: 'RESULT_PUBLISHED' } });
      expect(new Date(published.data!.publishResult.publishedAt).getTime()).toBeLessThanOrEqual(Date.now());

      const [[toCandidate], [toPartner], [stateChanged]] = await Promise.all([candidateEvents.done, partnerSchedule.done, partnerCandidates.done]);
      expect(toCandidate.scheduleEvents).toMatchObject({ type: 'RESULT_PUBLISHED', attemptId: attempt07 });
      expect(toCandidate.scheduleEvents.payload.resultId).toBe(resultId);
      expect(toPartner.scheduleEvents).toMatchObject({ type: 'RESULT_PUBLISHED', attemptId: attempt07 });
      expect(toPartner.scheduleEvents.payload.candidateId).toBe(candidate07);
      expect(stateChanged.partnerCandidateEvents).toMatchObject({ type: 'ATTEMPT_STATE_CHANGED', candidateId: candidate07 });
    } finally {
      await candidateSocket.dispose();
      await partnerSocket.dispose();
    }
    expect((await myResult('c07')).state).toBe('RESULT_PUBLISHED');
    const list = (await as('admin', TO_PUBLISH)).data!.resultsToPublish as any[];
    expect(list.map((row) => row.id)).not.toContain(resultId);
  });

  it('the candidate sees the decision per block and competence, never a juror’s own score or name', async () => {
    const { result } = await myResult('c07');
    expect(result).toMatchObject({ id: resultId, published: true, outcome: 'CERTIFIED', disclosure: 'AGREED_SCORES', juryNames: null });
    expect(result.contestPath).toBe(`/candidate/attempts/${attempt07}/appeal`);
    expect(new Date(result.contestUntil).getTime() - new Date(result.publishedAt).getTime()).toBe(30 * 86_400_000);
    expect(result.explanation.fr.length).toBeGreaterThan(0);
    expect(result.explanation.en.length).toBeGreaterThan(0);
    expect(result.blocks.length).toBeGreaterThan(0);
    const competences = result.blocks.flatMap((block: any) => block.competences);
    expect(competences.length).toBeGreaterThan(0);
    for (const competence of competences) {
      expect(typeof competence.validated).toBe('boolean');
      expect(typeof competence.agreedScore).toBe('number');
    }
    expect(result.validatedBlockCodes).toEqual(result.blocks.filter((block: any) => block.validated).map((block: any) => block.code));

    // Every field exposed, as JSON: no juror's name or id, no per-juror structure.
    const json = JSON.stringify(result);
    for (const name of jurorNames) expect(json).not.toContain(name);
    for (const id of jurorIds) expect(json).not.toContain(id);
    const keys = keysOf(result);
    for (const forbidden of ['byJuror', 'jurorId', 'scores', 'aggregate', 'aggregateValue', 'spread', 'flagged', 'justification']) expect(keys.has(forbidden)).toBe(false);

    // The partner sees the same.
    const asPartner = (await as('partnerA', CANDIDATE_RESULT, { id: candidate07 })).data!.candidate.attempts[0].result;
    expect(asPartner).toEqual(result);
  });

  it('others see nothing: another partner, another candidate, a juror', async () => {
    expect((await as('partnerB', CANDIDATE_RESULT, { id: candidate07 })).data!.candidate).toBeNull();
    expect((await as('c08', CANDIDATE_RESULT, { id: candidate07 })).data?.candidate ?? null).toBeNull();
    const asJuror = (await as('juror1', CANDIDATE_RESULT, { id: candidate07 })).data?.candidate;
    if (asJuror) expect(asJuror.attempts[0].result).toBeNull();
  });

  it('publishing again is refused with INVALID_STATE, in French and in English', async () => {
    const fr = await as('admin', PUBLISH, { id: resultId });
    expect(codeOf(fr)).toBe('INVALID_STATE');
    expect(fr.errors![0].message).toMatch(/résultat publié/);
    const en = await as('admin', PUBLISH_MANY, { ids: [resultId] }, 'en');
    expect(codeOf(en)).toBe('INVALID_STATE');
    expect(en.errors![0].message).toMatch(/result published/);
  });
});

describe('disclosure setting', () => {
  it('DECISION_ONLY hides the agreed scores; AGREED_SCORES_AND_JURY_NAMES shows the jury’s names', async () => {
    await setDisclosure('DECISION_ONLY');
    let { result } = await myResult('c07');
    expect(result.disclosure).toBe('DECISION_ONLY');
    const competences = result.blocks.flatMap((block: any) => block.competences);
    expect(competences.every((competence: any) => competence.agreedScore === null)).toBe(true);
    expect(competences.every((competence: any) => typeof competence.validated === 'boolean')).toBe(true);
    expect(result.juryNames).toBeNull();

    await setDisclosure('AGREED_SCORES_AND_JURY_NAMES');
    ({ result } = await myResult('c07'));
    expect(result.juryNames.length).toBeGreaterThanOrEqual(2);
    for (const name of result.juryNames) expect(jurorNames).toContain(name);
    expect(result.blocks.flatMap((block: any) => block.competences).every((competence: any) => typeof competence.agreedScore === 'number')).toBe(true);
    // Still never an individual juror's score.
    const keys = keysOf(result);
    for (const forbidden of ['byJuror', 'jurorId', 'scores', 'spread']) expect(keys.has(forbidden)).toBe(false);

    await setDisclosure('AGREED_SCORES');
  });
});
