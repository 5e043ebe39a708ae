// Appeals through the API of a real server: the contest link sent with a published result (valid once, then
// TOKEN_USED; expired; tampered), attachments, one open appeal per result (also under concurrent requests),
// moderation with its reasons, version checks, notifications and live events, what partners see, and the
// re-evaluation by an entirely new jury whose decision replaces the contested one (audited old and new values).
// The time-dependent rules (a real link expiring, the window closing, answers at risk) are in
// server/src/modules/appeal/appeal.service.test.ts, with `now` passed to the services.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { collect, gql, loginAs, wsClient } from '../support/graphql.ts';
import { AGREE, CONFIRM_IDENTITY, DECIDE, GRID, SIGN, move } from '../support/oral.ts';
import { appSecretFrom } from '../../server/src/lib/secrets.ts';
import { signAppealToken } from '../../server/src/modules/appeal/appeal.rules.ts';

let server: TestServer;
const token: Record<string, string> = {};
const as = (who: string | null, query: string, variables?: Record<string, unknown>, locale?: string) =>
  gql(server.graphqlUrl, query, variables, { token: who ? token[who] : undefined, locale });
const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code;

const APPEAL_FIELDS = `id state statement moderationReason submittedAt answerBy daysLeft late atRisk open version viaLink attemptId candidateName contestedOutcome reEvaluationOralId reEvaluatedAt closedAt
  certification { code } attachments { id filename mimeType size downloadPath } history { action state reason at }`;
const BY_TOKEN = `query ($token: String!) { appealByToken(token: $token) { resultId attemptId certificationCode certificationTitle outcome publishedAt contestUntil } }`;
const SUBMIT_WITH_TOKEN = `mutation ($token: String!, $input: AppealInput!) { submitAppealWithToken(token: $token, input: $input) { ${APPEAL_FIELDS} } }`;
const SUBMIT = `mutation ($attemptId: ID!, $input: AppealInput!) { submitAppeal(attemptId: $attemptId, input: $input) { ${APPEAL_FIELDS} } }`;
const APPEAL = `query ($id: ID!) { appeal(id: $id) { ${APPEAL_FIELDS} } }`;
const ATTEMPT_APPEALS = `query ($attemptId: ID!) { attemptAppeals(attemptId: $attemptId) { id state moderationReason history { state reason } } }`;
const QUEUE = `query ($state: CaseState, $atRisk: Boolean) { appeals(first: 100, state: $state, atRisk: $atRisk) { totalCount edges { node { id state answerBy daysLeft late atRisk candidateName } } } }`;
const START = `mutation ($id: ID!, $v: Int!) { startAppealReview(id: $id, expectedVersion: $v) { id state version } }`;
const DECIDE_APPEAL = `mutation ($id: ID!, $v: Int!, $upheld: Boolean!, $reason: String!) { decideAppeal(id: $id, expectedVersion: $v, upheld: $upheld, reason: $reason) { id state version moderationReason daysLeft atRisk open } }`;
const CLOSE = `mutation ($id: ID!, $v: Int!) { closeAppeal(id: $id, expectedVersion: $v) { id state version closedAt open } }`;
const RE_JURORS = `query ($id: ID!) { reEvaluationJurors(appealId: $id) { eligible reasons { code message } juror { id displayName } } }`;
const COMPOSE = `mutation ($input: ComposeJuryInput!, $members: [JuryMemberInput!]!) { composeJury(input: $input, members: $members) { id } }`;
const OPEN_RE = `mutation ($id: ID!, $v: Int!, $juryId: ID!, $at: DateTime!) { openReEvaluation(appealId: $id, expectedVersion: $v, juryId: $juryId, scheduledAt: $at) { id state version reEvaluationOralId } }`;
const TO_PUBLISH = `{ resultsToPublish { id outcome attempt { id state } } }`;
const PUBLISH = `mutation ($id: ID!) { publishResult(resultId: $id) { id publishedAt } }`;
const MY_ATTEMPTS = `{ myAttempts { id state appealOpen result { id outcome published contestUntil validatedBlockCodes } } }`;
const NOTIFICATIONS = `{ myNotifications(first: 50) { edges { node { template text path } } } }`;
const AUDIT = `query ($type: String!, $id: ID!) { auditEntries(entityType: $type, entityId: $id) { action data } }`;
const APPEAL_EVENTS = `subscription ($id: ID!, $since: Int) { appealEvents(appealId: $id, since: $since) { seq type appealId state appeal { id state moderationReason } } }`;
const QUEUE_EVENTS = `subscription ($since: Int) { appealQueueEvents(since: $since) { seq type appealId state } }`;

const STATEMENT = "Je conteste l'évaluation de la compétence C3 : le jury n'a pas tenu compte de l'annexe de mon dossier.";
const pdf = () => Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\n%%EOF\n');

async function upload(query: string, content: Buffer, filename: string, bearer?: string) {
  const form = new FormData();
  form.append('file', new Blob([content]), filename);
  const response = await fetch(`${server.url}/uploads/appeal-attachment?${query}`, { method: 'POST', headers: bearer ? { authorization: `Bearer ${bearer}` } : {}, body: form });
  return { status: response.status, body: (await response.json()) as any };
}

async function myAttempt(who: string) {
  return (await as(who, MY_ATTEMPTS)).data!.myAttempts[0] as { id: string; state: string; appealOpen: boolean; result: any };
}

async function notifications(who: string) {
  return ((await as(who, NOTIFICATIONS)).data!.myNotifications.edges as { node: { template: string; text: string; path: string } }[]).map((edge) => edge.node);
}

const attempt: Record<string, string> = {};
let resultId07 = '';
let linkToken = '';
let appeal07: any;
let appeal08: any;
const jurorIds: Record<number, string> = {};

beforeAll(async () => {
  server = await startIsolatedServer();
  const logins = ['admin', 'partner-a', 'partner-b', 'candidate07', 'candidate08', 'candidate16', 'candidate17', 'juror1', 'juror2', 'juror3'];
  await Promise.all(logins.map(async (login) => (token[login] = await loginAs(server.graphqlUrl, `${login}@demo.certijury.fr`))));
  for (const who of ['candidate07', 'candidate08', 'candidate16', 'candidate17']) attempt[who] = (await myAttempt(who)).id;
  // Juror user ids by their demo login number.
  for (const n of [1, 2, 3, 4, 5, 6]) {
    const me = await loginAs(server.graphqlUrl, `juror${n}@demo.certijury.fr`);
    jurorIds[n] = (await gql(server.graphqlUrl, '{ me { id } }', {}, { token: me })).data!.me.id;
  }
});

afterAll(async () => {
  await server?.stop();
});

describe('the contest link', () => {
  it('is sent with the published result to the candidate only, and tells what it is for', async () => {
    const row = ((await as('admin', TO_PUBLISH)).data!.resultsToPublish as any[]).find((item) => item.attempt.id === attempt.candidate07);
    resultId07 = row.id;
    const published = await as('admin', PUBLISH, { id: resultId07 });
    expect(published.errors).toBeUndefined();
    const sent = (await notifications('candidate07')).find((item) => item.template === 'RESULT_PUBLISHED')!;
    const match = /\/appeal\/([A-Za-z0-9_-]+)/.exec(sent.text);
    expect(match).not.toBeNull();
    expect(sent.text).toContain(`${server.url}/appeal/`);
    linkToken = match![1];
    // The partner's notification of the same publication carries no link.
    const partner = (await notifications('partner-a')).filter((item) => item.template === 'PARTNER_RESULT_PUBLISHED');
    expect(partner.length).toBeGreaterThan(0);
    expect(partner.every((item) => !item.text.includes('/appeal/'))).toBe(true);

    const link = await as(null, BY_TOKEN, { token: linkToken });
    expect(link.errors).toBeUndefined();
    expect(link.data!.appealByToken).toMatchObject({ resultId: resultId07, attemptId: attempt.candidate07, certificationCode: 'RS5302', outcome: 'CERTIFIED' });
    const { publishedAt, contestUntil } = link.data!.appealByToken;
    expect(new Date(contestUntil).getTime() - new Date(publishedAt).getTime()).toBe(30 * 24 * 3600_000);
  });

  it('refuses a tampered or forged link as not found, and an expired one as TOKEN_EXPIRED', async () => {
    const bytes = Buffer.from(linkToken, 'base64url');
    bytes[20] ^= 1; // a later expiry
    const flipped = bytes.toString('base64url');
    expect(codeOf(await as(null, BY_TOKEN, { token: flipped }))).toBe('NOT_FOUND');
    expect(codeOf(await as(null, BY_TOKEN, { token: 'not-a-token' }))).toBe('NOT_FOUND');
    // Signed with another secret: not ours.
    const foreign = signAppealToken(appSecretFrom(Buffer.alloc(32, 7)).derive('appeal-token'), resultId07, new Date(Date.now() + 86_400_000));
    expect(codeOf(await as(null, BY_TOKEN, { token: foreign }))).toBe('NOT_FOUND');
    // Signed with the server's key (test servers share APP_SECRET) but expired yesterday.
    const expired = signAppealToken(appSecretFrom(Buffer.from('c'.repeat(64), 'hex')).derive('appeal-token'), resultId07, new Date(Date.now() - 86_400_000));
    const refused = await as(null, SUBMIT_WITH_TOKEN, { token: expired, input: { statement: STATEMENT } }, 'en');
    expect(codeOf(refused)).toBe('TOKEN_EXPIRED');
    expect(refused.errors![0].message).toMatch(/expired/);
  });

  it('takes attachments (PDF, images) for its result, refusing other types', async () => {
    const text = await upload(`token=${encodeURIComponent(linkToken)}`, Buffer.from('juste du texte, pas un PDF'), 'note.pdf');
    expect(text.status).toBe(415);
    expect(text.body.errors[0].extensions.code).toBe('VALIDATION_FAILED');
    const forged = await upload('token=abcdef', pdf(), 'annexe.pdf');
    expect(forged.status).toBe(404);
    const stored = await upload(`token=${encodeURIComponent(linkToken)}`, pdf(), 'Annexe 3.pdf');
    expect(stored.status).toBe(201);
    expect(stored.body.attachmentId).toMatch(/^[0-9a-f-]{36}$/);
    (globalThis as any).attachment07 = stored.body.attachmentId;
  });

  it('is single use: a refused submission does not use it, a valid one does, a second one is TOKEN_USED', async () => {
    const short = await as(null, SUBMIT_WITH_TOKEN, { token: linkToken, input: { statement: 'trop court' } });
    expect(codeOf(short)).toBe('VALIDATION_FAILED');
    expect(short.errors![0].extensions!.fields[0].path).toEqual(['input', 'statement']);
    const attachmentId = (globalThis as any).attachment07;
    const submitted = await as(null, SUBMIT_WITH_TOKEN, { token: linkToken, input: { statement: STATEMENT, attachmentIds: [attachmentId] } });
    expect(submitted.errors).toBeUndefined();
    appeal07 = submitted.data!.submitAppealWithToken;
    expect(appeal07).toMatchObject({ state: 'SUBMITTED', viaLink: true, open: true, attemptId: attempt.candidate07, contestedOutcome: 'CERTIFIED', late: false, atRisk: false });
    expect(appeal07.attachments).toEqual([expect.objectContaining({ id: attachmentId, filename: 'Annexe 3.pdf', mimeType: 'application/pdf' })]);
    expect(new Date(appeal07.answerBy).getTime() - new Date(appeal07.submittedAt).getTime()).toBe(30 * 24 * 3600_000);
    expect(appeal07.daysLeft).toBe(29);

    expect(codeOf(await as(null, SUBMIT_WITH_TOKEN, { token: linkToken, input: { statement: STATEMENT } }))).toBe('TOKEN_USED');
    expect(codeOf(await as(null, BY_TOKEN, { token: linkToken }))).toBe('TOKEN_USED');
  });

  it('lets the candidate and admins download the attachment, nobody else', async () => {
    const path = appeal07.attachments[0].downloadPath;
    for (const who of ['candidate07', 'admin']) {
      const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token[who]}` } });
      expect(response.status).toBe(200);
      expect((await response.text()).startsWith('%PDF')).toBe(true);
    }
    for (const who of ['candidate08', 'partner-a', 'juror1']) {
      expect((await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token[who]}` } })).status).toBe(404);
    }
  });
});

describe('one open appeal per result', () => {
  it('refuses a second appeal from the portal while the first is open', async () => {
    expect(codeOf(await as('candidate07', SUBMIT, { attemptId: attempt.candidate07, input: { statement: STATEMENT } }))).toBe('APPEAL_ALREADY_OPEN');
    // The demo's open appeal of candidate 16 blocks theirs too.
    expect(codeOf(await as('candidate16', SUBMIT, { attemptId: attempt.candidate16, input: { statement: STATEMENT } }))).toBe('APPEAL_ALREADY_OPEN');
  });

  it('gives one appeal and one APPEAL_ALREADY_OPEN to two concurrent submissions', async () => {
    const both = await Promise.all([1, 2].map(() => as('candidate08', SUBMIT, { attemptId: attempt.candidate08, input: { statement: STATEMENT } })));
    const ok = both.filter((result) => !result.errors);
    expect(ok).toHaveLength(1);
    expect(both.map(codeOf).filter(Boolean)).toEqual(['APPEAL_ALREADY_OPEN']);
    appeal08 = ok[0].data!.submitAppeal;
    expect(appeal08).toMatchObject({ state: 'SUBMITTED', viaLink: false });
    const mine = (await as('candidate08', ATTEMPT_APPEALS, { attemptId: attempt.candidate08 })).data!.attemptAppeals;
    expect(mine).toHaveLength(1);
  });

  it('is for the candidate of the attempt only', async () => {
    expect(codeOf(await as('candidate07', SUBMIT, { attemptId: attempt.candidate08, input: { statement: STATEMENT } }))).toBe('NOT_FOUND');
    expect(codeOf(await as('partner-a', SUBMIT, { attemptId: attempt.candidate08, input: { statement: STATEMENT } }))).toBe('FORBIDDEN');
  });
});

describe('moderation', () => {
  it('follows the state machine with optimistic concurrency, a mandatory reason, notifications and live events', async () => {
    const client = wsClient(server.wsUrl, token.candidate08);
    const admin = wsClient(server.wsUrl, token.admin);
    const mine = collect<any>(client, APPEAL_EVENTS, { id: appeal08.id, since: 0 }, 4);
    const queue = collect<any>(admin, QUEUE_EVENTS, { since: 0 }, 5);
    try {
      const { id } = appeal08;
      expect(codeOf(await as('admin', CLOSE, { id, v: 1 }))).toBe('INVALID_STATE');
      expect(codeOf(await as('admin', DECIDE_APPEAL, { id, v: 1, upheld: false, reason: 'Sans objet' }))).toBe('INVALID_STATE');
      expect(codeOf(await as('admin', START, { id, v: 7 }))).toBe('CONFLICT');
      expect((await as('admin', START, { id, v: 1 })).data!.startAppealReview).toMatchObject({ state: 'UNDER_REVIEW', version: 2 });
      const blank = await as('admin', DECIDE_APPEAL, { id, v: 2, upheld: false, reason: '   ' }, 'en');
      expect(codeOf(blank)).toBe('VALIDATION_FAILED');
      expect(blank.errors![0].extensions!.fields[0].path).toEqual(['reason']);
      expect(codeOf(await as('admin', DECIDE_APPEAL, { id, v: 2, upheld: true, reason: '' }))).toBe('VALIDATION_FAILED');
      const reason = "Le jury a bien examiné l'annexe : les notes sont motivées dans le procès-verbal.";
      const rejected = (await as('admin', DECIDE_APPEAL, { id, v: 2, upheld: false, reason })).data!.decideAppeal;
      expect(rejected).toMatchObject({ state: 'REJECTED', version: 3, moderationReason: reason, daysLeft: null, atRisk: false, open: false });
      expect(codeOf(await as('candidate08', CLOSE, { id, v: 3 }))).toBe('FORBIDDEN');
      expect((await as('admin', CLOSE, { id, v: 3 })).data!.closeAppeal).toMatchObject({ state: 'CLOSED', version: 4 });

      const seen = (await as('candidate08', APPEAL, { id })).data!.appeal;
      expect(seen.history.map((step: any) => step.state)).toEqual(['SUBMITTED', 'UNDER_REVIEW', 'REJECTED', 'CLOSED']);
      expect(seen.history[2].reason).toBe(reason);
      const sent = (await notifications('candidate08')).filter((item) => item.template === 'APPEAL_STATE_CHANGED');
      expect(sent).toHaveLength(4);
      expect(sent.some((item) => item.text.includes(reason) && item.text.includes('rejetée'))).toBe(true);
      expect(sent.every((item) => item.path === `/candidate/attempts/${attempt.candidate08}/appeal`)).toBe(true);
      expect((await notifications('admin')).some((item) => item.template === 'APPEAL_SUBMITTED')).toBe(true);

      const events = await mine.done;
      expect(events.map((event) => [event.appealEvents.type, event.appealEvents.state])).toEqual([
        ['APPEAL_SUBMITTED', 'SUBMITTED'],
        ['APPEAL_STATE_CHANGED', 'UNDER_REVIEW'],
        ['APPEAL_STATE_CHANGED', 'REJECTED'],
        ['APPEAL_STATE_CHANGED', 'CLOSED'],
      ]);
      expect(events[3].appealEvents.appeal).toMatchObject({ id, state: 'CLOSED', moderationReason: reason });
      const queued = (await queue.done).map((event) => event.appealQueueEvents);
      expect(queued.map((event) => event.appealId)).toEqual([appeal07.id, appeal08.id, appeal08.id, appeal08.id, appeal08.id]);
    } finally {
      mine.stop();
      queue.stop();
      await client.dispose();
      await admin.dispose();
    }
  });

  it('lists the queue earliest deadline first with its deadlines; the at-risk filter keeps only those at risk', async () => {
    const all = (await as('admin', QUEUE)).data!.appeals;
    const rows = all.edges.map((edge: any) => edge.node);
    expect(rows.map((row: any) => row.id)).toEqual(expect.arrayContaining([appeal07.id, appeal08.id]));
    const deadlines = rows.map((row: any) => new Date(row.answerBy).getTime());
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    expect(rows.find((row: any) => row.id === appeal07.id)).toMatchObject({ state: 'SUBMITTED', daysLeft: 29, late: false, atRisk: false, candidateName: 'Sarah DURAND' });
    const atRisk = (await as('admin', QUEUE, { atRisk: true })).data!.appeals.edges.map((edge: any) => edge.node);
    expect(atRisk.every((row: any) => row.atRisk)).toBe(true);
    expect(atRisk.map((row: any) => row.id)).not.toContain(appeal07.id);
    const closed = (await as('admin', QUEUE, { state: 'CLOSED' })).data!.appeals.edges.map((edge: any) => edge.node.id);
    expect(closed).toEqual([appeal08.id]);
  });

  it('is for admins; partners only see that an appeal of their candidate is open, and candidates only their own', async () => {
    for (const who of ['partner-a', 'partner-b', 'candidate07', 'juror1']) expect(codeOf(await as(who, QUEUE))).toBe('FORBIDDEN');
    for (const who of ['partner-a', 'juror1']) expect(codeOf(await as(who, APPEAL, { id: appeal07.id }))).toBe('FORBIDDEN');
    expect((await as('candidate08', APPEAL, { id: appeal07.id })).data!.appeal).toBeNull();
    expect(codeOf(await as('admin', START, { id: appeal07.id, v: 99 }))).toBe('CONFLICT');
    const candidates = `{ candidates(first: 100) { edges { node { attempts { id appealOpen } } } } }`;
    const ofA = (await as('partner-a', candidates)).data!.candidates.edges.flatMap((edge: any) => edge.node.attempts);
    expect(ofA.find((item: any) => item.id === attempt.candidate07).appealOpen).toBe(true);
    expect(ofA.find((item: any) => item.id === attempt.candidate08).appealOpen).toBe(false);
    const ofB = (await as('partner-b', candidates)).data!.candidates.edges.flatMap((edge: any) => edge.node.attempts);
    expect(ofB.map((item: any) => item.id)).not.toContain(attempt.candidate07);
    expect(ofB.find((item: any) => item.id === attempt.candidate16).appealOpen).toBe(true);
    // Another candidate cannot follow the appeal live.
    const other = wsClient(server.wsUrl, token.candidate08);
    const refused = collect<any>(other, APPEAL_EVENTS, { id: appeal07.id, since: 0 }, 1, 5000);
    expect(await refused.done).toEqual([]);
    expect((refused.errors[0] as any).extensions.code).toBe('NOT_FOUND');
    await other.dispose();
  });
});

describe('re-evaluation of an upheld appeal', () => {
  let oralId = '';
  let version = 0;

  it('needs an entirely new jury: a juror of the contested oral is refused with the reason', async () => {
    const { id } = appeal07;
    await as('admin', START, { id, v: 1 });
    const upheld = (await as('admin', DECIDE_APPEAL, { id, v: 2, upheld: true, reason: "L'annexe n'a pas été examinée : réévaluation par un nouveau jury." })).data!.decideAppeal;
    expect(upheld).toMatchObject({ state: 'UPHELD', version: 3, open: true });
    // Still open until its re-evaluation is done: no new appeal, and it cannot be closed yet.
    expect(codeOf(await as('candidate07', SUBMIT, { attemptId: attempt.candidate07, input: { statement: STATEMENT } }))).toBe('APPEAL_ALREADY_OPEN');
    expect(codeOf(await as('admin', CLOSE, { id, v: 3 }))).toBe('INVALID_STATE');

    // The contested oral's jury was juror1 (president) and juror4; juror6 trains at the candidate's organisation.
    const picker = (await as('admin', RE_JURORS, { id })).data!.reEvaluationJurors as any[];
    const codesOf = (n: number) => picker.find((item) => item.juror.id === jurorIds[n]).reasons.map((reason: any) => reason.code);
    expect(codesOf(1)).toEqual(['CONTESTED_ORAL_JUROR']);
    expect(codesOf(4)).toEqual(['CONTESTED_ORAL_JUROR']);
    expect(codesOf(6)).toEqual(['TRAINER_OF_PARTNER']);
    expect(codesOf(2)).toEqual([]);

    const certificationId = (await as('candidate07', '{ myAttempts { certification { id } } }')).data!.myAttempts[0].certification.id;
    const compose = async (members: [number, string][]) =>
      (await as('admin', COMPOSE, { input: { certificationId, name: `Réévaluation ${members.map(([n]) => n).join('-')}` }, members: members.map(([n, role]) => ({ jurorId: jurorIds[n], role })) })).data!.composeJury.id as string;
    const at = new Date(Date.now() + 60_000).toISOString();
    const tainted = await as('admin', OPEN_RE, { id, v: 3, juryId: await compose([[2, 'PRESIDENT'], [4, 'MEMBER']]), at }, 'en');
    expect(codeOf(tainted)).toBe('JUROR_INELIGIBLE');
    expect(tainted.errors![0].extensions!.ineligible).toEqual([expect.objectContaining({ code: 'CONTESTED_ORAL_JUROR', jurorId: jurorIds[4] })]);
    expect(tainted.errors![0].message).toMatch(/contested oral/);
    expect((await myAttempt('candidate07')).state).toBe('RESULT_PUBLISHED');

    const opened = await as('admin', OPEN_RE, { id, v: 3, juryId: await compose([[2, 'PRESIDENT'], [3, 'MEMBER']]), at });
    expect(opened.errors).toBeUndefined();
    oralId = opened.data!.openReEvaluation.reEvaluationOralId;
    expect(oralId).toBeTruthy();
    expect((await myAttempt('candidate07')).state).toBe('IN_EVALUATION');
    // The old decision stands, published, while the re-evaluation runs.
    expect((await myAttempt('candidate07')).result).toMatchObject({ id: resultId07, outcome: 'CERTIFIED', published: true });
  });

  it('runs the usual oral; at the last signature the new decision replaces the old, audited with both values', async () => {
    const orals = (await as('juror2', '{ myOrals { id phase myRole } }')).data!.myOrals as any[];
    expect(orals.find((oral) => oral.id === oralId)).toMatchObject({ phase: 'WAITING', myRole: 'PRESIDENT' });
    // A juror of the contested oral added to the jury afterwards is still refused when the president confirms the identity.
    const jury = (await as('admin', `query ($id: ID!) { oral(id: $id) { jury { id version } } }`, { id: oralId })).data!.oral.jury;
    const UPDATE_MEMBERS = `mutation ($juryId: ID!, $v: Int!, $members: [JuryMemberInput!]!) { updateJuryMembers(juryId: $juryId, expectedVersion: $v, members: $members) { version } }`;
    const clean = [{ jurorId: jurorIds[2], role: 'PRESIDENT' }, { jurorId: jurorIds[3], role: 'MEMBER' }];
    const added = await as('admin', UPDATE_MEMBERS, { juryId: jury.id, v: jury.version, members: [...clean, { jurorId: jurorIds[1], role: 'MEMBER' }] });
    expect(added.errors).toBeUndefined();
    const stopped = await as('juror2', CONFIRM_IDENTITY, { oralId, doc: 'NATIONAL_ID_CARD', v: 1 });
    expect(codeOf(stopped)).toBe('JUROR_INELIGIBLE');
    expect(stopped.errors![0].extensions!.ineligible).toEqual([expect.objectContaining({ code: 'CONTESTED_ORAL_JUROR', jurorId: jurorIds[1] })]);
    expect((await as('admin', UPDATE_MEMBERS, { juryId: jury.id, v: added.data!.updateJuryMembers.version, members: clean })).errors).toBeUndefined();

    version = 1;
    for (const phase of ['IDENTITY_CHECKED', 'PRESENTATION', 'QUESTIONS', 'DELIBERATION']) version = await move(server.graphqlUrl, token.juror2, oralId, phase, version);
    const grid = (await as('juror2', GRID, { id: oralId })).data!.oral.grid;
    const competences = grid.blocks.flatMap((block: any) => block.competences);
    for (const competence of competences) {
      const agreed = await as('juror2', AGREE, { input: { oralId, competenceId: competence.id, value: grid.scaleMin, justification: 'Réévaluation : compétence non démontrée.', expectedVersion: version } });
      expect(agreed.errors).toBeUndefined();
      version = agreed.data!.setAgreedScore.version;
    }
    const decided = await as('juror2', DECIDE, { oralId, v: version });
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.decideOral.decision.outcome).toBe('NOT_CERTIFIED');
    const hash = decided.data!.decideOral.minutes.contentHash;
    for (const who of ['juror2', 'juror3']) expect((await as(who, SIGN, { oralId, hash })).errors).toBeUndefined();

    // The result waits for publication again, with the new decision; the candidate no longer sees the old one.
    const pending = ((await as('admin', TO_PUBLISH)).data!.resultsToPublish as any[]).find((row) => row.id === resultId07);
    expect(pending).toMatchObject({ outcome: 'NOT_CERTIFIED', attempt: { state: 'DECIDED' } });
    expect((await myAttempt('candidate07')).result).toBeNull();

    const audit = (await as('admin', AUDIT, { type: 'Result', id: resultId07 })).data!.auditEntries as any[];
    const replaced = audit.find((entry) => entry.action === 'decision.replaced');
    expect(replaced.data.old).toMatchObject({ outcome: 'CERTIFIED' });
    expect(replaced.data.old.validatedBlockCodes.length).toBeGreaterThan(0);
    expect(replaced.data.new).toEqual({
      outcome: 'NOT_CERTIFIED',
      validatedBlockCodes: [],
      agreedScores: Object.fromEntries(competences.map((competence: any) => [competence.code, grid.scaleMin])),
    });
    expect(Object.keys(replaced.data.old.agreedScores).sort()).toEqual(competences.map((competence: any) => competence.code).sort());
    expect(replaced.data.oldDecisionId).not.toBe(replaced.data.newDecisionId);
    // The certificates of the replaced decision no longer hold: revoked, with the reason, and verification says so.
    const certificates = (await as('candidate07', `{ myAttempts { certificates { id revoked revocationReason } } }`)).data!.myAttempts[0].certificates as any[];
    expect(certificates.length).toBeGreaterThan(0);
    expect(certificates.every((certificate) => certificate.revoked && /remplacée après contestation/.test(certificate.revocationReason))).toBe(true);
    const verified = await gql(server.graphqlUrl, `query ($id: ID!) { verifyCertificate(id: $id) { valid revoked } }`, { id: certificates[0].id });
    expect(verified.data!.verifyCertificate).toEqual({ valid: false, revoked: true });

    const appeal = (await as('admin', APPEAL, { id: appeal07.id })).data!.appeal;
    expect(appeal).toMatchObject({ state: 'UPHELD', open: false });
    expect(appeal.reEvaluatedAt).not.toBeNull();
  });

  it('is published again to the candidate; then the appeal can be closed', async () => {
    expect((await as('admin', PUBLISH, { id: resultId07 })).errors).toBeUndefined();
    const mine = await myAttempt('candidate07');
    expect(mine).toMatchObject({ state: 'RESULT_PUBLISHED', appealOpen: false, result: { id: resultId07, outcome: 'NOT_CERTIFIED', published: true, validatedBlockCodes: [] } });
    expect((await notifications('candidate07')).filter((item) => item.template === 'RESULT_PUBLISHED')).toHaveLength(2);
    const current = (await as('admin', APPEAL, { id: appeal07.id })).data!.appeal;
    const closed = await as('admin', CLOSE, { id: appeal07.id, v: current.version });
    expect(closed.data!.closeAppeal).toMatchObject({ state: 'CLOSED' });
    const history = (await as('candidate07', APPEAL, { id: appeal07.id })).data!.appeal.history.map((step: any) => step.action);
    expect(history).toEqual(['appeal.submitted', 'appeal.stateChanged', 'appeal.stateChanged', 'appeal.reEvaluationOpened', 'appeal.reEvaluated', 'appeal.stateChanged']);
  });
});

describe('the appeal window, set per certification', () => {
  it('closes the portal and the upload once publication + appealWindowDays is past', async () => {
    const { certifications } = (await as('admin', '{ certifications { id code version appealWindowDays } }')).data!;
    const rs = certifications.find((item: any) => item.code === 'RS5302');
    expect(rs.appealWindowDays).toBe(30);
    const invalid = await as('admin', `mutation ($id: ID!, $v: Int!) { updateCertification(id: $id, version: $v, input: { appealWindowDays: 0 }) { id } }`, { id: rs.id, v: rs.version });
    expect(codeOf(invalid)).toBe('VALIDATION_FAILED');
    const updated = await as('admin', `mutation ($id: ID!, $v: Int!) { updateCertification(id: $id, version: $v, input: { appealWindowDays: 1 }) { appealWindowDays } }`, { id: rs.id, v: rs.version });
    expect(updated.data!.updateCertification.appealWindowDays).toBe(1);
    // Julie FONTAINE's result was published more than a day ago.
    expect((await myAttempt('candidate17')).result.contestUntil).toBeDefined();
    const refused = await as('candidate17', SUBMIT, { attemptId: attempt.candidate17, input: { statement: STATEMENT } }, 'en');
    expect(codeOf(refused)).toBe('APPEAL_WINDOW_CLOSED');
    expect(refused.errors![0].message).toMatch(/time to contest this result is over/);
    expect(new Date(refused.errors![0].extensions!.contestUntil).getTime()).toBeLessThan(Date.now());
    const upload = await fetch(`${server.url}/uploads/appeal-attachment?attemptId=${attempt.candidate17}`, { method: 'POST', headers: { authorization: `Bearer ${token.candidate17}` }, body: new FormData() });
    expect(upload.status).toBe(400);
    expect(((await upload.json()) as any).errors[0].extensions.code).toBe('APPEAL_WINDOW_CLOSED');
  });
});
