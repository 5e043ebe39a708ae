// Complaints and retakes through the API of a real server (issue 7).
// Complaints: a TRAINING complaint reaches the candidate's own partner only (list, row reads and the
// complaintEvents stream, for partner users and API keys alike), a process complaint the admins only; the
// moderation states with their mandatory answer and optimistic concurrency; the 30-day deadline and the at-risk
// list; the notifications. Retakes: BY_BLOCK covers only the missing blocks (the demo's partially certified
// candidate18), the earlier blocks stay acquired with their dates and a retake validating the rest certifies the
// candidate with every block — the whole journey, from the new project file to the published result;
// ALL_COMPETENCES covers everything; maxAttempts; refusals (certified, unpublished, twice, concurrently).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { collect, gql, loginAs, wsClient } from '../support/graphql.ts';
import { AGREE, CONFIRM_IDENTITY, DECIDE, MOVE, SCORE, SIGN } from '../support/oral.ts';

let server: TestServer;
const token: Record<string, string> = {};
const DAY = 86_400_000;

const as = (who: string, query: string, variables?: Record<string, unknown>, locale?: string) =>
  gql(server.graphqlUrl, query, variables, { token: token[who], locale });
const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const COMPLAINT_FIELDS = 'id subject statement state answer moderationReason submittedAt answerBy answeredAt version daysLeft late atRisk candidateName partner { id name } attempt { id }';
const FILE = `mutation ($input: FileComplaintInput!) { fileComplaint(input: $input) { ${COMPLAINT_FIELDS} } }`;
const START = `mutation ($id: ID!, $v: Int!) { startComplaintReview(id: $id, expectedVersion: $v) { ${COMPLAINT_FIELDS} } }`;
const ANSWER = `mutation ($id: ID!, $v: Int!, $upheld: Boolean!, $answer: String!) { answerComplaint(id: $id, expectedVersion: $v, upheld: $upheld, answer: $answer) { ${COMPLAINT_FIELDS} } }`;
const CLOSE = `mutation ($id: ID!, $v: Int!, $reason: String) { closeComplaint(id: $id, expectedVersion: $v, reason: $reason) { ${COMPLAINT_FIELDS} } }`;
const MINE = `{ myComplaints { ${COMPLAINT_FIELDS} } }`;
const ONE = `query ($id: ID!) { complaint(id: $id) { id state } }`;
const LIST = `query ($state: CaseState, $subject: ComplaintSubject, $atRisk: Boolean) { complaints(first: 100, state: $state, subject: $subject, atRisk: $atRisk) { totalCount edges { node { ${COMPLAINT_FIELDS} } } } }`;
const EVENTS = `subscription { complaintEvents { seq type complaintId from to complaint { id state subject } } }`;
const NOTIFICATIONS = `{ myNotifications(first: 50) { edges { node { template subject text path } } } }`;

const statement = "Le formateur n'a jamais rendu les corrections des études de cas promises pendant la formation.";

async function list(who: string, variables: Record<string, unknown> = {}) {
  const result = await as(who, LIST, variables);
  expect(result.errors).toBeUndefined();
  return (result.data!.complaints.edges as { node: any }[]).map((edge) => edge.node);
}
async function notifications(who: string) {
  return ((await as(who, NOTIFICATIONS)).data!.myNotifications.edges as { node: any }[]).map((edge) => edge.node);
}

beforeAll(async () => {
  server = await startIsolatedServer();
  const logins: Record<string, string> = { admin: 'admin', partnerA: 'partner-a', partnerB: 'partner-b', juror1: 'juror1', juror2: 'juror2', juror3: 'juror3' };
  for (const n of [1, 7, 11, 16, 18, 19]) logins[`c${String(n).padStart(2, '0')}`] = `candidate${String(n).padStart(2, '0')}`;
  await Promise.all(Object.entries(logins).map(async ([key, login]) => (token[key] = await loginAs(server.graphqlUrl, `${login}@demo.certijury.fr`))));
  const key = await as('partnerA', `mutation { createApiKey(name: "Suivi des réclamations") { secret } }`);
  token.partnerAKey = key.data!.createApiKey.secret;
});

afterAll(async () => {
  await server?.stop();
});

// ───────────────────────────── Complaints ─────────────────────────────

describe('complaints: routing', () => {
  let trainingId = '';
  let processId = '';

  it('routes a TRAINING complaint to the candidate’s own partner only, live to its users and API keys and to the admins', async () => {
    const attempt01 = (await as('c01', '{ myAttempts { id } }')).data!.myAttempts[0].id;
    const sockets = Object.fromEntries(['partnerA', 'partnerAKey', 'partnerB', 'admin', 'c01'].map((who) => [who, wsClient(server.wsUrl, token[who])]));
    try {
      const streams = Object.fromEntries(Object.entries(sockets).map(([who, socket]) => [who, collect(socket, EVENTS, {}, 1)]));
      await Promise.all(Object.values(streams).map((stream) => stream.ready));
      await sleep(300); // let the subscriptions register

      const before = Date.now();
      const filed = await as('c01', FILE, { input: { subject: 'TRAINING', statement, attemptId: attempt01 } });
      expect(filed.errors).toBeUndefined();
      const complaint = filed.data!.fileComplaint;
      trainingId = complaint.id;
      expect(complaint).toMatchObject({ subject: 'TRAINING', state: 'SUBMITTED', version: 1, answer: null, partner: { name: 'Formapro Conseil' }, attempt: { id: attempt01 }, daysLeft: 29, late: false, atRisk: false });
      const submittedAt = new Date(complaint.submittedAt).getTime();
      expect(submittedAt).toBeGreaterThanOrEqual(before - 1000);
      expect(new Date(complaint.answerBy).getTime() - submittedAt).toBe(30 * DAY);

      // Partner B files nothing: the first event its stream receives must be about its own candidate's complaint.
      const other = await as('c11', FILE, { input: { subject: 'TRAINING', statement } });
      expect(other.data!.fileComplaint.partner.name).toBe('Atelier Compétences');

      for (const who of ['partnerA', 'partnerAKey', 'admin', 'c01']) {
        const [event] = await streams[who].done;
        expect(event.complaintEvents).toMatchObject({ type: 'COMPLAINT_FILED', complaintId: trainingId, complaint: { id: trainingId, state: 'SUBMITTED', subject: 'TRAINING' } });
      }
      const [toPartnerB] = await streams.partnerB.done;
      expect(toPartnerB.complaintEvents.complaintId).toBe(other.data!.fileComplaint.id);
    } finally {
      await Promise.all(Object.values(sockets).map((socket) => socket.dispose()));
    }

    // Lists and row reads agree.
    expect((await list('partnerA')).map((c) => c.id)).toContain(trainingId);
    expect((await list('partnerB')).map((c) => c.id)).not.toContain(trainingId);
    expect((await as('partnerB', ONE, { id: trainingId })).data!.complaint).toBeNull();
    expect((await as('c11', ONE, { id: trainingId })).data!.complaint).toBeNull();
    expect((await as('partnerAKey', ONE, { id: trainingId })).data!.complaint).toMatchObject({ id: trainingId });
    expect((await list('admin')).map((c) => c.id)).toContain(trainingId);
    expect((await as('c01', MINE)).data!.myComplaints.map((c: any) => c.id)).toContain(trainingId);
  });

  it('notifies the partner of a training complaint', async () => {
    const toPartnerA = (await notifications('partnerA')).filter((n) => n.template === 'COMPLAINT_FILED_PARTNER');
    expect(toPartnerA).toHaveLength(1);
    expect(toPartnerA[0].text).toContain('Léa MARTIN');
    expect(toPartnerA[0].path).toBe('/partner/complaints');
    expect((await notifications('partnerB')).filter((n) => n.template === 'COMPLAINT_FILED_PARTNER').map((n) => n.text).join()).not.toContain('Léa MARTIN');
  });

  it('routes a process complaint to the admins, never to a partner', async () => {
    const filed = await as('c01', FILE, { input: { subject: 'CERTIFICATION_PROCESS', statement: 'La convocation ne précisait pas la durée de la présentation attendue.' } });
    expect(filed.errors).toBeUndefined();
    processId = filed.data!.fileComplaint.id;
    expect(filed.data!.fileComplaint).toMatchObject({ subject: 'CERTIFICATION_PROCESS', partner: null, attempt: null });
    expect((await list('partnerA')).map((c) => c.id)).not.toContain(processId);
    expect((await as('partnerA', ONE, { id: processId })).data!.complaint).toBeNull();
    expect(codeOf(await as('partnerA', START, { id: processId, v: 1 }))).toBe('NOT_FOUND');
    expect((await list('admin', { subject: 'CERTIFICATION_PROCESS' })).map((c) => c.id)).toContain(processId);
    const toAdmin = (await notifications('admin')).filter((n) => n.template === 'COMPLAINT_FILED_ADMIN');
    expect(toAdmin.map((n) => n.path)).toContain('/admin/complaints');
    expect((await notifications('partnerA')).filter((n) => n.template === 'COMPLAINT_FILED_ADMIN')).toHaveLength(0);
  });

  it('validates the filing and writes nothing when it is invalid', async () => {
    const count = (await as('c01', MINE)).data!.myComplaints.length;
    const short = await as('c01', FILE, { input: { subject: 'TRAINING', statement: 'Trop court' } });
    expect(codeOf(short)).toBe('VALIDATION_FAILED');
    expect(short.errors![0].message).toContain('20 à 5 000 caractères');
    const english = await as('c01', FILE, { input: { subject: 'TRAINING', statement: 'Too short' } }, 'en');
    expect(english.errors![0].message).toContain('20 to 5,000 characters');
    const attempt11 = (await as('c11', '{ myAttempts { id } }')).data!.myAttempts[0].id;
    const notMine = await as('c01', FILE, { input: { subject: 'TRAINING', statement, attemptId: attempt11 } });
    expect(codeOf(notMine)).toBe('VALIDATION_FAILED');
    expect(notMine.errors![0].extensions!.fields[0].path).toEqual(['input', 'attemptId']);
    expect((await as('c01', MINE)).data!.myComplaints).toHaveLength(count);
    for (const who of ['partnerA', 'admin', 'juror1']) expect(codeOf(await as(who, FILE, { input: { subject: 'TRAINING', statement } }))).toBe('FORBIDDEN');
    expect(codeOf(await as('c01', LIST))).toBe('FORBIDDEN');
  });

  describe('moderation', () => {
    it('moves through the shared states with a mandatory answer, optimistic concurrency and live status for the candidate', async () => {
      expect(codeOf(await as('partnerA', ANSWER, { id: trainingId, v: 1, upheld: true, answer: 'Oui' }))).toBe('INVALID_STATE');
      expect(codeOf(await as('c01', START, { id: trainingId, v: 1 }))).toBe('FORBIDDEN');
      expect(codeOf(await as('partnerB', START, { id: trainingId, v: 1 }))).toBe('NOT_FOUND');

      const socket = wsClient(server.wsUrl, token.c01);
      try {
        const live = collect(socket, EVENTS, {}, 2);
        await live.ready;
        await sleep(300);
        const started = await as('partnerAKey', START, { id: trainingId, v: 1 });
        expect(started.data!.startComplaintReview).toMatchObject({ state: 'UNDER_REVIEW', version: 2 });
        const stale = await as('partnerA', START, { id: trainingId, v: 1 });
        expect(codeOf(stale)).toBe('CONFLICT');
        expect(stale.errors![0].extensions!.current).toEqual({ state: 'UNDER_REVIEW', version: 2 });

        const blank = await as('partnerA', ANSWER, { id: trainingId, v: 2, upheld: true, answer: '   ' });
        expect(codeOf(blank)).toBe('VALIDATION_FAILED');
        expect(blank.errors![0].message).toContain('réponse au candidat est obligatoire');
        const answer = 'Les corrections vous sont envoyées cette semaine et une séance de rattrapage est proposée le 12.';
        const upheld = await as('partnerA', ANSWER, { id: trainingId, v: 2, upheld: true, answer });
        expect(upheld.errors).toBeUndefined();
        expect(upheld.data!.answerComplaint).toMatchObject({ state: 'UPHELD', version: 3, answer, daysLeft: null, atRisk: false, late: false });
        expect(upheld.data!.answerComplaint.answeredAt).toBeTruthy();

        const events = (await live.done).map((event) => event.complaintEvents);
        expect(events.map((event) => [event.type, event.from, event.to])).toEqual([
          ['COMPLAINT_STATE_CHANGED', 'SUBMITTED', 'UNDER_REVIEW'],
          ['COMPLAINT_STATE_CHANGED', 'UNDER_REVIEW', 'UPHELD'],
        ]);
        expect(events[1].complaint).toMatchObject({ id: trainingId, state: 'UPHELD' });
      } finally {
        await socket.dispose();
      }
      const mine = (await as('c01', MINE)).data!.myComplaints.find((c: any) => c.id === trainingId);
      expect(mine).toMatchObject({ state: 'UPHELD', answer: expect.stringContaining('séance de rattrapage') });

      // Admins follow and may close it; a closed complaint moves no more.
      const closed = await as('admin', CLOSE, { id: trainingId, v: 3, reason: 'Réponse du partenaire vérifiée.' });
      expect(closed.data!.closeComplaint).toMatchObject({ state: 'CLOSED', moderationReason: 'Réponse du partenaire vérifiée.' });
      const again = await as('partnerA', CLOSE, { id: trainingId, v: 4 }, 'en');
      expect(codeOf(again)).toBe('INVALID_STATE');
      expect(again.errors![0].message).toContain('closed');
    });

    it('tells the candidate of every change, with the answer', async () => {
      const mine = (await notifications('c01')).filter((n) => n.template === 'COMPLAINT_STATE_CHANGED');
      expect(mine.map((n) => n.subject)).toEqual(expect.arrayContaining([expect.stringContaining("en cours d'examen"), expect.stringContaining('fondée'), expect.stringContaining('clôturée')]));
      expect(mine.find((n) => n.subject.includes('fondée'))!.text).toContain('séance de rattrapage');
      expect(mine.every((n) => n.path === '/candidate/complaints')).toBe(true);
    });

    it('lets admins reject a process complaint, with the reason', async () => {
      expect((await as('admin', START, { id: processId, v: 1 })).errors).toBeUndefined();
      const rejected = await as('admin', ANSWER, { id: processId, v: 2, upheld: false, answer: 'La durée figure en page 2 de la convocation.' });
      expect(rejected.data!.answerComplaint).toMatchObject({ state: 'REJECTED', answer: 'La durée figure en page 2 de la convocation.' });
    });
  });

  it('lists the deadlines, earliest first, with the late and at-risk ones (admins: all; partners: their own)', async () => {
    const all = await list('admin');
    const deadlines = all.map((c) => new Date(c.answerBy).getTime());
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    const late = all.find((c) => c.candidateName === 'Pierre SIMON');
    expect(late).toMatchObject({ subject: 'CERTIFICATION_PROCESS', state: 'SUBMITTED', late: true, atRisk: true });
    expect(late.daysLeft).toBeLessThan(0);
    const soon = all.find((c) => c.candidateName === 'Inès LAURENT');
    expect(soon).toMatchObject({ subject: 'TRAINING', state: 'UNDER_REVIEW', late: false, atRisk: true, daysLeft: 3 });

    const atRisk = await list('admin', { atRisk: true });
    expect(atRisk.map((c) => c.candidateName).sort()).toEqual(['Inès LAURENT', 'Pierre SIMON']);
    expect((await as('admin', LIST, { atRisk: true })).data!.complaints.totalCount).toBe(2);
    expect((await list('partnerA', { atRisk: true })).map((c) => c.candidateName)).toEqual(['Inès LAURENT']);
    expect(await list('partnerB', { atRisk: true })).toEqual([]);
    expect((await list('admin', { state: 'REJECTED' })).map((c) => c.id)).toEqual([processId]);
  });
});

// ───────────────────────────── Retakes ─────────────────────────────

const ATTEMPT_FIELDS = `id state attemptNumber blockCodesInScope previousAttempt { id } retakeAttempt { id } framework { id }
  retakeAvailability { available refusal refusalMessage blockCodesInScope coveredBlockCodes attemptsUsed maxAttempts attemptsLeft }`;
const MY_ATTEMPTS = `{ myAttempts { ${ATTEMPT_FIELDS} certification { id code decisionRule } } }`;
const OPEN = `mutation ($id: ID!) { openRetake(attemptId: $id) { ${ATTEMPT_FIELDS} } }`;
const ACQUIRED = `{ myAttempts { id } }`;
const CANDIDATE = `query ($id: ID!) { candidate(id: $id) { id acquiredBlocks { blockCode acquiredAt } attempts { id attemptNumber state result { id outcome published validatedBlockCodes blocks { code inScope acquiredEarlier validated } } } } }`;
const CERTIFICATIONS = `{ certifications { id code version maxAttempts } }`;
const UPDATE_CERTIFICATION = `mutation ($id: ID!, $version: Int!, $input: UpdateCertificationInput!) { updateCertification(id: $id, version: $version, input: $input) { id version maxAttempts } }`;

async function attemptsOf(who: string) {
  const result = await as(who, MY_ATTEMPTS);
  expect(result.errors).toBeUndefined();
  return result.data!.myAttempts as any[];
}
async function setMaxAttempts(code: string, maxAttempts: number | null) {
  const certification = ((await as('admin', CERTIFICATIONS)).data!.certifications as any[]).find((c) => c.code === code);
  const updated = await as('admin', UPDATE_CERTIFICATION, { id: certification.id, version: certification.version, input: { maxAttempts } });
  expect(updated.errors).toBeUndefined();
  expect(updated.data!.updateCertification.maxAttempts).toBe(maxAttempts);
}
async function candidateIdOf(who: string) {
  const attemptId = (await as(who, ACQUIRED)).data!.myAttempts[0].id;
  const candidates = (await as('admin', `{ candidates(first: 100) { edges { node { id attempts { id } } } } }`)).data!.candidates.edges as { node: any }[];
  return candidates.find((edge) => edge.node.attempts.some((a: any) => a.id === attemptId))!.node.id as string;
}

describe('retakes: refusals', () => {
  it('refuses a certified result, an unpublished one, and callers who may not', async () => {
    const [certified] = await attemptsOf('c19');
    expect(certified.retakeAvailability).toMatchObject({ available: false, refusal: 'CERTIFIED' });
    const refused = await as('c19', OPEN, { id: certified.id });
    expect(codeOf(refused)).toBe('RETAKE_UNAVAILABLE');
    expect(refused.errors![0].message).toContain('abouti à la certification');
    expect(refused.errors![0].extensions!.reason).toBe('CERTIFIED');

    const [decided] = await attemptsOf('c07');
    expect(decided.state).toBe('DECIDED');
    expect((await as('c07', OPEN, { id: decided.id })).errors![0].extensions!.reason).toBe('NOT_PUBLISHED');

    const [failed] = await attemptsOf('c16');
    expect(codeOf(await as('partnerB', OPEN, { id: failed.id }))).toBe('FORBIDDEN');
    expect(codeOf(await as('juror1', OPEN, { id: failed.id }))).toBe('FORBIDDEN');
    expect(codeOf(await as('c19', OPEN, { id: failed.id }))).toBe('NOT_FOUND');
    expect(await attemptsOf('c16')).toHaveLength(1);
  });

  it('enforces Certification.maxAttempts, with the limit in the message', async () => {
    await setMaxAttempts('RS5302', 1);
    const [failed] = await attemptsOf('c16');
    expect(failed.retakeAvailability).toMatchObject({ available: false, refusal: 'MAX_ATTEMPTS_REACHED', maxAttempts: 1, attemptsUsed: 1, attemptsLeft: 0 });
    const refused = await as('c16', OPEN, { id: failed.id });
    expect(codeOf(refused)).toBe('MAX_ATTEMPTS_REACHED');
    expect(refused.errors![0].message).toContain('(1)');
    expect(refused.errors![0].extensions!.maxAttempts).toBe(1);
    await setMaxAttempts('RS5302', 3);
    expect((await attemptsOf('c16'))[0].retakeAvailability).toMatchObject({ available: true, attemptsLeft: 2 });
  });
});

describe('retakes: ALL_COMPETENCES', () => {
  it('re-sits everything; two requests at once (candidate and admin) open exactly one retake', async () => {
    const [failed] = await attemptsOf('c16');
    expect(failed.certification.decisionRule).toBe('ALL_COMPETENCES');
    expect(failed.retakeAvailability.blockCodesInScope).toEqual([]);
    expect(failed.retakeAvailability.coveredBlockCodes.length).toBeGreaterThan(0);

    const answers = await Promise.all([as('c16', OPEN, { id: failed.id }), as('admin', OPEN, { id: failed.id }), as('c16', OPEN, { id: failed.id })]);
    const opened = answers.filter((answer) => !answer.errors);
    expect(opened).toHaveLength(1);
    expect(answers.filter((answer) => answer.errors).map(codeOf)).toEqual(['RETAKE_ALREADY_OPENED', 'RETAKE_ALREADY_OPENED']);
    expect(opened[0].data!.openRetake).toMatchObject({ state: 'REGISTERED', attemptNumber: 2, blockCodesInScope: [], previousAttempt: { id: failed.id } });

    const attempts = await attemptsOf('c16');
    expect(attempts).toHaveLength(2);
    expect(attempts[0]).toMatchObject({ id: failed.id, retakeAttempt: { id: opened[0].data!.openRetake.id }, retakeAvailability: { available: false, refusal: 'ALREADY_RETAKEN' } });
    const again = await as('c16', OPEN, { id: failed.id }, 'en');
    expect(codeOf(again)).toBe('RETAKE_ALREADY_OPENED');
    expect(again.errors![0].message).toBe('A new attempt has already been opened for this attempt.');
  });
});

describe('retakes: BY_BLOCK (CQP), the whole journey', () => {
  let candidate18 = '';
  let first: any;
  let retake: any;
  let acquiredBefore: { blockCode: string; acquiredAt: string }[] = [];

  it('covers only the missing blocks; earlier blocks stay acquired with their dates; the partner is told', async () => {
    candidate18 = await candidateIdOf('c18');
    [first] = await attemptsOf('c18');
    expect(first.certification.decisionRule).toBe('BY_BLOCK');
    const before = (await as('admin', CANDIDATE, { id: candidate18 })).data!.candidate;
    acquiredBefore = before.acquiredBlocks;
    expect(acquiredBefore).toHaveLength(2);
    expect(before.attempts[0].result.outcome).toBe('PARTIALLY_CERTIFIED');
    const missing = before.attempts[0].result.blocks.filter((b: any) => !b.validated).map((b: any) => b.code);
    expect(missing).toHaveLength(1);
    expect(first.retakeAvailability).toMatchObject({ available: true, blockCodesInScope: missing, coveredBlockCodes: missing });

    const socket = wsClient(server.wsUrl, token.partnerB);
    try {
      const events = collect(socket, `subscription { partnerCandidateEvents { type candidateId } }`, {}, 1);
      await events.ready;
      await sleep(300);
      const opened = await as('c18', OPEN, { id: first.id });
      expect(opened.errors).toBeUndefined();
      retake = opened.data!.openRetake;
      expect(retake).toMatchObject({ state: 'REGISTERED', attemptNumber: 2, blockCodesInScope: missing, previousAttempt: { id: first.id }, framework: { id: first.framework.id } });
      const [event] = await events.done;
      expect(event.partnerCandidateEvents).toEqual({ type: 'RETAKE_OPENED', candidateId: candidate18 });
    } finally {
      await socket.dispose();
    }
    const after = (await as('c18', CANDIDATE, { id: candidate18 })).data!.candidate;
    expect(after.acquiredBlocks).toEqual(acquiredBefore);
    expect((await notifications('c18')).map((n) => n.template)).toContain('RETAKE_OPENED');
    expect((await notifications('partnerB')).map((n) => n.template)).toContain('PARTNER_RETAKE_OPENED');
  });

  it('a decision on the retake validating the missing block certifies the candidate with every block', async () => {
    // A new project file (a retake starts over at REGISTERED), acknowledged by an admin.
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n')]), 'Dossier bloc 3.pdf');
    const uploaded = await fetch(`${server.url}/uploads/project-file?attemptId=${retake.id}`, { method: 'POST', headers: { authorization: `Bearer ${token.c18}` }, body: form });
    expect(uploaded.status).toBe(201);
    const { projectFileId } = (await uploaded.json()) as { projectFileId: string };
    expect((await as('admin', `mutation ($id: ID!) { acknowledgeProjectFile(id: $id) { id } }`, { id: projectFileId })).errors).toBeUndefined();

    // A CQP session with one slot and one jury; booking creates the oral.
    const certificationId = first.certification.id;
    const day = new Date(Date.now() + 20 * DAY);
    day.setUTCHours(8, 0, 0, 0);
    const session = await as('admin', `mutation ($input: ExamSessionInput!) { createExamSession(input: $input) { id } }`, {
      input: { certificationId, title: 'Session CQP de rattrapage', startsAt: day.toISOString(), endsAt: new Date(day.getTime() + 8 * 3600_000).toISOString(), mode: 'REMOTE', remoteLink: 'https://visio.example.fr/cqp' },
    });
    const sessionId = session.data!.createExamSession.id;
    const slots = await as('admin', `mutation ($id: ID!, $slots: [SlotInput!]!) { addSlots(examSessionId: $id, slots: $slots) { slots { id } } }`, {
      id: sessionId,
      slots: [{ startsAt: new Date(day.getTime() + 3600_000).toISOString() }],
    });
    const slotId = slots.data!.addSlots.slots[0].id;
    const ids: Record<number, string> = {};
    for (const n of [1, 2, 3]) ids[n] = (await as(`juror${n}`, '{ me { id } }')).data!.me.id;
    const jurorId = (n: number) => ids[n];
    const composed = await as('admin', `mutation ($input: ComposeJuryInput!, $members: [JuryMemberInput!]!) { composeJury(input: $input, members: $members) { id } }`, {
      input: { certificationId, examSessionId: sessionId, name: 'Jury CQP de rattrapage' },
      members: [{ jurorId: jurorId(1), role: 'PRESIDENT' }, { jurorId: jurorId(2), role: 'MEMBER' }, { jurorId: jurorId(3), role: 'MEMBER' }],
    });
    expect(composed.errors).toBeUndefined();
    const booked = await as('c18', `mutation ($a: ID!, $s: ID!) { bookSlot(attemptId: $a, slotId: $s) { oral { id } } }`, { a: retake.id, s: slotId });
    expect(booked.errors).toBeUndefined();
    const oralId = booked.data!.bookSlot.oral.id;

    // The oral: only the block in scope is scored and agreed.
    const version = async () => (await as('juror1', `query ($id: ID!) { oral(id: $id) { version } }`, { id: oralId })).data!.oral.version as number;
    const grid = (await as('juror1', `query ($id: ID!) { oral(id: $id) { grid { scaleMax blocks { code competences { id criteria { id } } } } } }`, { id: oralId })).data!.oral.grid;
    const inScope = grid.blocks.filter((block: any) => retake.blockCodesInScope.includes(block.code));
    expect(inScope).toHaveLength(1);
    const competences = inScope.flatMap((block: any) => block.competences);
    const top = grid.scaleMax;
    expect((await as('juror1', CONFIRM_IDENTITY, { oralId, doc: 'PASSPORT', v: await version() })).errors).toBeUndefined();
    expect((await as('juror1', MOVE, { oralId, to: 'PRESENTATION', v: await version() })).errors).toBeUndefined();
    for (const competence of competences) {
      for (const criterion of competence.criteria) {
        for (const who of ['juror1', 'juror2', 'juror3']) expect((await as(who, SCORE, { input: { oralId, criterionId: criterion.id, value: top } })).errors).toBeUndefined();
      }
    }
    expect((await as('juror1', MOVE, { oralId, to: 'QUESTIONS', v: await version() })).errors).toBeUndefined();
    expect((await as('juror1', MOVE, { oralId, to: 'DELIBERATION', v: await version() })).errors).toBeUndefined();
    for (const competence of competences) {
      const agreed = await as('juror1', AGREE, { input: { oralId, competenceId: competence.id, value: top, justification: 'Maîtrise démontrée.', expectedVersion: await version() } });
      expect(agreed.errors).toBeUndefined();
    }
    const decided = await as('juror1', DECIDE, { oralId, v: await version() });
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.decideOral.decision.outcome).toBe('CERTIFIED');
    const hash = decided.data!.decideOral.minutes.contentHash;
    for (const who of ['juror2', 'juror3', 'juror1']) expect((await as(who, SIGN, { oralId, hash })).errors).toBeUndefined();

    // Published: certified, with the earlier blocks shown as acquired earlier and kept with their dates.
    const unpublished = (await as('admin', CANDIDATE, { id: candidate18 })).data!.candidate.attempts.find((a: any) => a.id === retake.id);
    expect((await as('admin', `mutation ($id: ID!) { publishResult(resultId: $id) { id } }`, { id: unpublished.result.id })).errors).toBeUndefined();
    const after = (await as('c18', CANDIDATE, { id: candidate18 })).data!.candidate;
    const result = after.attempts.find((a: any) => a.id === retake.id).result;
    expect(result).toMatchObject({ outcome: 'CERTIFIED', published: true, validatedBlockCodes: retake.blockCodesInScope });
    for (const block of result.blocks) {
      const earlier = acquiredBefore.some((acquired) => acquired.blockCode === block.code);
      expect(block).toMatchObject({ validated: true, acquiredEarlier: earlier, inScope: !earlier });
    }
    expect(after.acquiredBlocks).toHaveLength(grid.blocks.length);
    for (const acquired of acquiredBefore) expect(after.acquiredBlocks).toContainEqual(acquired);
    const latest = after.acquiredBlocks.find((acquired: any) => acquired.blockCode === retake.blockCodesInScope[0]);
    expect(new Date(latest.acquiredAt).getTime()).toBe(new Date(day.getTime() + 3600_000).getTime());

    // Certified now: no further retake.
    const attempts = await attemptsOf('c18');
    expect(attempts.find((a) => a.id === retake.id).retakeAvailability).toMatchObject({ available: false, refusal: 'CERTIFIED' });
  });
});
