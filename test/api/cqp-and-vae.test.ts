// CQP by blocks with block bridges, and VAE, through the API of a real server (issue 13, second part).
// CQP: a national joint jury awards some blocks (PARTIALLY_CERTIFIED), a retake covers only the missing block and
// certifies, the earlier blocks keep their jury dates. Bridges: an admin declares CQP0101BC03 ≡ CQP0102BC02
// (refused within one certification or for an unknown block; a pair exists once, both ways); the candidate who
// validated CQP0101BC03 registers for CQP0102: the bridged block is acquired by equivalence (original date,
// source shown in acquiredBlocks), the attempt covers only the other blocks and the CQP0102 decision counts it.
// VAE: refused for an RS certification (registration, FR and EN); the demo's candidate-vae2 declares experience
// periods the admin checks — two overlapping 7-month periods (9 months), then 11 months: not eligible, the attempt
// can be neither booked nor evaluated; at 12 months eligible. The jury records per block the modalities used
// (required before the decision), awards two blocks of three, and the retake covers the missing block only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';
import { AGREE, CONFIRM_IDENTITY, DECIDE, MOVE, SCORE, SIGN } from '../support/oral.ts';

let server: TestServer;
const token: Record<string, string> = {};
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const as = (who: string, query: string, variables?: Record<string, unknown>, locale?: string) => gql(server.graphqlUrl, query, variables, { token: token[who], locale });
const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code;
async function ok(who: string, query: string, variables?: Record<string, unknown>) {
  const result = await as(who, query, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

const CERTIFICATIONS = `{ certifications { id code registry rncpCode vaeOpen } }`;
const ACQUIRED = `query ($id: ID!) { candidate(id: $id) { acquiredBlocks { blockCode acquiredAt source certification { code } viaEquivalence { certificationCode blockCode } } } }`;
const ATTEMPT_FIELDS = `id state accessRoute blockCodesInScope certification { code }
  result { id outcome published validatedBlockCodes blocks { code inScope acquiredEarlier validated } }
  retakeAvailability { available coveredBlockCodes }
  vaeEligibility { eligible reason reasonMessage acceptedMonths requiredMonths pendingPeriods acceptedPeriods refusedPeriods }
  experiencePeriods { id status months reviewReason }
  vaeBlockModalities { blockCode modalities }`;
const CANDIDATE = `query ($id: ID!) { candidate(id: $id) { id attempts { ${ATTEMPT_FIELDS} } } }`;
const REGISTER = `mutation ($input: RegisterCandidateInput!) { registerCandidate(input: $input) { id attempts { id blockCodesInScope } } }`;
const REGISTER_FOR = `mutation ($c: ID!, $code: String!, $route: AccessRoute) { registerForCertification(candidateId: $c, certificationCode: $code, accessRoute: $route) { id blockCodesInScope accessRoute } }`;
const EQUIVALENCE = `mutation ($input: BlockEquivalenceInput!) { createBlockEquivalence(input: $input) { id certificationCode blockCode equivalentCertificationCode equivalentBlockCode } }`;
const DECLARE = `mutation ($a: ID!, $input: ExperiencePeriodInput!) { declareExperiencePeriod(attemptId: $a, input: $input) { id status months } }`;
const REVIEW = `mutation ($id: ID!, $accepted: Boolean!, $reason: String) { reviewExperiencePeriod(periodId: $id, accepted: $accepted, reason: $reason) { id status reviewReason } }`;
const QUEUE = `{ experiencePeriodsToReview { id employer status attempt { id candidateName } } }`;
const MODALITIES = `mutation ($o: ID!, $b: String!, $m: [Modality!]!, $v: Int!) { recordVaeBlockModalities(oralId: $o, blockCode: $b, modalities: $m, expectedVersion: $v) { id vaeBlockModalities { blockCode modalities } } }`;

const registration = (fileNumber: string, certificationCode: string, accessRoute = 'CONTINUING_TRAINING') => ({
  certificationCode,
  fileNumber,
  email: `${fileNumber.toLowerCase()}@example.fr`,
  birthName: 'Girard',
  firstName: 'Hugo',
  birthDate: '1992-03-08T00:00:00.000Z',
  sex: 'M',
  birthInseeCode: '69123',
  accessRoute,
  funding: 'CPF',
});

let certifications: Record<string, { id: string; code: string; registry: string; rncpCode: string | null; vaeOpen: boolean }> = {};
const jurors: Record<number, string> = {};
const sessions: Record<string, { id: string; day: Date; next: number }> = {};

/** One session per certification (one jury: juror1 presiding, juror2, juror3); a new one-seat slot per oral. */
async function nextSlot(code: string) {
  const certificationId = certifications[code].id;
  if (!sessions[code]) {
    const day = new Date(Date.now() + (10 + Object.keys(sessions).length) * DAY);
    day.setUTCHours(7, 0, 0, 0);
    const { createExamSession } = await ok('admin', `mutation ($input: ExamSessionInput!) { createExamSession(input: $input) { id } }`, {
      input: { certificationId, title: `Jury paritaire ${code}`, startsAt: day.toISOString(), endsAt: new Date(day.getTime() + 10 * HOUR).toISOString(), mode: 'REMOTE', remoteLink: 'https://visio.example.fr/cqp' },
    });
    await ok('admin', `mutation ($input: ComposeJuryInput!, $members: [JuryMemberInput!]!) { composeJury(input: $input, members: $members) { id } }`, {
      input: { certificationId, examSessionId: createExamSession.id, name: `Jury paritaire national ${code}` },
      members: [{ jurorId: jurors[1], role: 'PRESIDENT' }, { jurorId: jurors[2], role: 'MEMBER' }, { jurorId: jurors[3], role: 'MEMBER' }],
    });
    sessions[code] = { id: createExamSession.id, day, next: 0 };
  }
  const session = sessions[code];
  session.next += 1;
  const startsAt = new Date(session.day.getTime() + session.next * HOUR);
  const { addSlots } = await ok('admin', `mutation ($id: ID!, $slots: [SlotInput!]!) { addSlots(examSessionId: $id, slots: $slots) { slots { id startsAt } } }`, { id: session.id, slots: [{ startsAt: startsAt.toISOString() }] });
  const slot = addSlots.slots.find((s: any) => new Date(s.startsAt).getTime() === startsAt.getTime());
  return { slotId: slot.id as string, startsAt };
}

async function submitFile(attemptId: string, uploader: string) {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n')]), 'Dossier.pdf');
  const uploaded = await fetch(`${server.url}/uploads/project-file?attemptId=${attemptId}`, { method: 'POST', headers: { authorization: `Bearer ${token[uploader]}` }, body: form });
  expect(uploaded.status).toBe(201);
  const { projectFileId } = (await uploaded.json()) as { projectFileId: string };
  await ok('admin', `mutation ($id: ID!) { acknowledgeProjectFile(id: $id) { id } }`, { id: projectFileId });
}

const BOOK = `mutation ($a: ID!, $s: ID!) { bookSlot(attemptId: $a, slotId: $s) { oral { id } } }`;

/**
 * The oral of an attempt up to the signed minutes and the published result: scores every criterion of the blocks
 * in `scores` (every juror the same value; agreed at that value), records `modalities` (VAE) and decides.
 */
async function sitOral(attemptId: string, code: string, uploader: string | null, scores: Record<string, number>, modalities?: Record<string, string[]>) {
  if (uploader) await submitFile(attemptId, uploader);
  const { slotId, startsAt } = await nextSlot(code);
  const { bookSlot } = await ok('admin', BOOK, { a: attemptId, s: slotId });
  const oralId = bookSlot.oral.id as string;
  const version = async () => (await ok('juror1', `query ($id: ID!) { oral(id: $id) { version } }`, { id: oralId })).oral.version as number;
  const grid = (await ok('juror1', `query ($id: ID!) { oral(id: $id) { grid { blocks { code competences { id criteria { id } } } } } }`, { id: oralId })).oral.grid;
  const scored = grid.blocks.filter((block: any) => block.code in scores);
  await ok('juror1', CONFIRM_IDENTITY, { oralId, doc: 'NATIONAL_ID_CARD', v: await version() });
  await ok('juror1', MOVE, { oralId, to: 'PRESENTATION', v: await version() });
  for (const block of scored) {
    for (const competence of block.competences) {
      for (const criterion of competence.criteria) {
        for (const who of ['juror1', 'juror2', 'juror3']) await ok(who, SCORE, { input: { oralId, criterionId: criterion.id, value: scores[block.code] } });
      }
    }
  }
  await ok('juror1', MOVE, { oralId, to: 'QUESTIONS', v: await version() });
  await ok('juror1', MOVE, { oralId, to: 'DELIBERATION', v: await version() });
  for (const block of scored) {
    for (const competence of block.competences) {
      await ok('juror1', AGREE, { input: { oralId, competenceId: competence.id, value: scores[block.code], justification: 'Constat partagé du jury.', expectedVersion: await version() } });
    }
  }
  if (modalities) {
    // Before every block has its modalities the decision is refused.
    const early = await as('juror1', DECIDE, { oralId, v: await version() });
    expect(codeOf(early)).toBe('VALIDATION_FAILED');
    expect(early.errors![0].message).toContain('Modalités');
    for (const [blockCode, list] of Object.entries(modalities)) await ok('juror1', MODALITIES, { o: oralId, b: blockCode, m: list, v: await version() });
  }
  const { decideOral } = await ok('juror1', DECIDE, { oralId, v: await version() });
  for (const who of ['juror2', 'juror3', 'juror1']) await ok(who, SIGN, { oralId, hash: decideOral.minutes.contentHash });
  const resultId = await resultIdOf(attemptId);
  await ok('admin', `mutation ($id: ID!) { publishResult(resultId: $id) { id } }`, { id: resultId });
  return { oralId, outcome: decideOral.decision.outcome as string, juryDate: startsAt };
}

async function resultIdOf(attemptId: string): Promise<string> {
  const { resultsToPublish } = await ok('admin', `{ resultsToPublish { id attempt { id } } }`);
  return resultsToPublish.find((row: any) => row.attempt.id === attemptId).id;
}

async function attemptsOf(who: string, candidateId: string) {
  return (await ok(who, CANDIDATE, { id: candidateId })).candidate.attempts as any[];
}

beforeAll(async () => {
  server = await startIsolatedServer();
  const logins: Record<string, string> = { admin: 'admin', partnerA: 'partner-a', partnerB: 'partner-b', juror1: 'juror1', juror2: 'juror2', juror3: 'juror3', vae: 'candidate-vae', vae2: 'candidate-vae2' };
  await Promise.all(Object.entries(logins).map(async ([key, login]) => (token[key] = await loginAs(server.graphqlUrl, `${login}@demo.certijury.fr`))));
  for (const n of [1, 2, 3]) jurors[n] = (await ok(`juror${n}`, '{ me { id } }')).me.id;
  certifications = Object.fromEntries(((await ok('admin', CERTIFICATIONS)).certifications as any[]).map((c) => [c.code, c]));
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('CQP by blocks and block bridges', () => {
  let candidateId = '';
  let first: { juryDate: Date; outcome: string };

  it('a joint jury awards some blocks; the retake covers only the missing one and keeps the earlier dates', async () => {
    const { registerCandidate } = await ok('partnerB', REGISTER, { input: registration('AC-CQP-101', 'CQP0101') });
    candidateId = registerCandidate.id;
    const attemptId = registerCandidate.attempts[0].id;
    first = await sitOral(attemptId, 'CQP0101', 'partnerB', { CQP0101BC01: 3, CQP0101BC02: 1, CQP0101BC03: 4 });
    expect(first.outcome).toBe('PARTIALLY_CERTIFIED');

    const [attempt] = await attemptsOf('admin', candidateId);
    expect(attempt.result).toMatchObject({ outcome: 'PARTIALLY_CERTIFIED', published: true, validatedBlockCodes: ['CQP0101BC01', 'CQP0101BC03'] });
    expect(attempt.retakeAvailability).toEqual({ available: true, coveredBlockCodes: ['CQP0101BC02'] });
    const acquired = (await ok('partnerB', ACQUIRED, { id: candidateId })).candidate.acquiredBlocks;
    expect(acquired).toEqual([
      { blockCode: 'CQP0101BC01', acquiredAt: first.juryDate.toISOString(), source: 'DECISION', certification: { code: 'CQP0101' }, viaEquivalence: null },
      { blockCode: 'CQP0101BC03', acquiredAt: first.juryDate.toISOString(), source: 'DECISION', certification: { code: 'CQP0101' }, viaEquivalence: null },
    ]);

    const { openRetake } = await ok('admin', `mutation ($id: ID!) { openRetake(attemptId: $id) { id blockCodesInScope } }`, { id: attemptId });
    expect(openRetake.blockCodesInScope).toEqual(['CQP0101BC02']);
    const retake = await sitOral(openRetake.id, 'CQP0101', 'partnerB', { CQP0101BC02: 3 });
    expect(retake.outcome).toBe('CERTIFIED');
    const attempts = await attemptsOf('partnerB', candidateId);
    expect(attempts[1].result.blocks).toEqual([
      { code: 'CQP0101BC01', inScope: false, acquiredEarlier: true, validated: true },
      { code: 'CQP0101BC02', inScope: true, acquiredEarlier: false, validated: true },
      { code: 'CQP0101BC03', inScope: false, acquiredEarlier: true, validated: true },
    ]);
    const after = (await ok('partnerB', ACQUIRED, { id: candidateId })).candidate.acquiredBlocks;
    expect(after.map((b: any) => [b.blockCode, b.acquiredAt])).toEqual([
      ['CQP0101BC01', first.juryDate.toISOString()],
      ['CQP0101BC03', first.juryDate.toISOString()],
      ['CQP0101BC02', retake.juryDate.toISOString()],
    ]);
  }, 180_000);

  it('admins manage bridges: same certification, unknown block and duplicates (either way round) are refused; audited', async () => {
    const a = certifications.CQP0101.id;
    const b = certifications.CQP0102.id;
    const same = await as('admin', EQUIVALENCE, { input: { certificationId: a, blockCode: 'CQP0101BC01', equivalentCertificationId: a, equivalentBlockCode: 'CQP0101BC02' } });
    expect(codeOf(same)).toBe('VALIDATION_FAILED');
    expect(same.errors![0].message).toContain('même certification');
    const unknown = await as('admin', EQUIVALENCE, { input: { certificationId: a, blockCode: 'CQP0101BC09', equivalentCertificationId: b, equivalentBlockCode: 'CQP0102BC01' } }, 'en');
    expect(codeOf(unknown)).toBe('VALIDATION_FAILED');
    expect(unknown.errors![0].extensions!.fields).toEqual([{ path: ['blockCode'], message: 'Block CQP0101BC09 not found in the published framework of this certification.' }]);
    // The demo already bridges CQP0101BC03 and CQP0102BC02: declared from the other side, it is the same pair.
    const duplicate = await as('admin', EQUIVALENCE, { input: { certificationId: b, blockCode: 'CQP0102BC02', equivalentCertificationId: a, equivalentBlockCode: 'CQP0101BC03' } });
    expect(codeOf(duplicate)).toBe('ALREADY_EXISTS');
    expect(codeOf(await as('partnerB', EQUIVALENCE, { input: { certificationId: a, blockCode: 'CQP0101BC01', equivalentCertificationId: b, equivalentBlockCode: 'CQP0102BC01' } }))).toBe('FORBIDDEN');

    const { createBlockEquivalence } = await ok('admin', EQUIVALENCE, { input: { certificationId: b, blockCode: 'CQP0102BC03', equivalentCertificationId: a, equivalentBlockCode: 'CQP0101BC02' } });
    expect(createBlockEquivalence).toMatchObject({ certificationCode: 'CQP0101', blockCode: 'CQP0101BC02', equivalentCertificationCode: 'CQP0102', equivalentBlockCode: 'CQP0102BC03' });
    const { blockEquivalences } = await ok('admin', `{ blockEquivalences { id blockCode equivalentBlockCode } }`);
    expect(blockEquivalences.map((e: any) => `${e.blockCode}≡${e.equivalentBlockCode}`).sort()).toEqual(['CQP0101BC02≡CQP0102BC03', 'CQP0101BC03≡CQP0102BC02']);
    await ok('admin', `mutation ($id: ID!) { deleteBlockEquivalence(id: $id) }`, { id: createBlockEquivalence.id });
    const audit = await ok('admin', `query ($id: ID!) { auditEntries(entityType: "BlockEquivalence", entityId: $id) { action } }`, { id: createBlockEquivalence.id });
    expect(audit.auditEntries.map((e: any) => e.action)).toEqual(['blockEquivalence.created', 'blockEquivalence.deleted']);
    expect(codeOf(await as('admin', `mutation ($id: ID!) { deleteBlockEquivalence(id: $id) }`, { id: createBlockEquivalence.id }))).toBe('NOT_FOUND');
    expect((await ok('admin', `{ blockEquivalences { id } }`)).blockEquivalences).toHaveLength(1);
  });

  it('a block validated in CQP0101 is acquired by equivalence in CQP0102, with its date and source, and counted in the decision', async () => {
    const { registerForCertification } = await ok('partnerB', REGISTER_FOR, { c: candidateId, code: 'CQP0102' });
    expect(registerForCertification.blockCodesInScope).toEqual(['CQP0102BC01', 'CQP0102BC03']);
    const again = await as('partnerB', REGISTER_FOR, { c: candidateId, code: 'CQP0102' });
    expect(codeOf(again)).toBe('VALIDATION_FAILED');
    expect(codeOf(await as('partnerA', REGISTER_FOR, { c: candidateId, code: 'CQP0102' }))).toBe('NOT_FOUND');

    const acquired = (await ok('partnerB', ACQUIRED, { id: candidateId })).candidate.acquiredBlocks;
    expect(acquired).toContainEqual({
      blockCode: 'CQP0102BC02',
      acquiredAt: first.juryDate.toISOString(),
      source: 'EQUIVALENCE',
      certification: { code: 'CQP0102' },
      viaEquivalence: { certificationCode: 'CQP0101', blockCode: 'CQP0101BC03' },
    });

    const decision = await sitOral(registerForCertification.id, 'CQP0102', 'partnerB', { CQP0102BC01: 3, CQP0102BC03: 3 });
    expect(decision.outcome).toBe('CERTIFIED');
    const attempt = (await attemptsOf('partnerB', candidateId)).find((a) => a.id === registerForCertification.id);
    expect(attempt.result).toMatchObject({ outcome: 'CERTIFIED', validatedBlockCodes: ['CQP0102BC01', 'CQP0102BC03'] });
    expect(attempt.result.blocks.find((b: any) => b.code === 'CQP0102BC02')).toEqual({ code: 'CQP0102BC02', inScope: false, acquiredEarlier: true, validated: true });
    // Still shown as acquired by equivalence, with the original date.
    const after = (await ok('partnerB', ACQUIRED, { id: candidateId })).candidate.acquiredBlocks;
    expect(after.find((b: any) => b.blockCode === 'CQP0102BC02')).toMatchObject({ source: 'EQUIVALENCE', acquiredAt: first.juryDate.toISOString() });
  }, 180_000);
});

describe('VAE', () => {
  let vae2 = { candidateId: '', attemptId: '' };
  const declare = (who: string, attemptId: string, start: string, end: string, employer = 'Métallerie du Gier') =>
    as(who, DECLARE, { a: attemptId, input: { employer, jobTitle: 'Pilote de presse', activities: 'Réglage et pilotage des presses, maintenance préventive.', startDate: `${start}T00:00:00.000Z`, endDate: `${end}T00:00:00.000Z` } });

  it('is refused for an RS certification, at registration (FR and EN); the certification says whether VAE is open', async () => {
    expect(certifications.RS5302).toMatchObject({ registry: 'RS', vaeOpen: false });
    expect(certifications.CQP0101).toMatchObject({ registry: 'CQP', rncpCode: 'RNCP37001', vaeOpen: true });
    const fr = await as('partnerB', REGISTER, { input: registration('AC-VAE-RS', 'RS5302', 'VAE') });
    expect(codeOf(fr)).toBe('VAE_NOT_AVAILABLE');
    expect(fr.errors![0].message).toContain('enregistrée au RNCP');
    const en = await as('partnerB', REGISTER, { input: registration('AC-VAE-RS', 'RS5302', 'VAE') }, 'en');
    expect(en.errors![0].message).toBe('VAE is only possible for a certification registered in the RNCP; RS5302 (RS) is not.');
    const bulk = await as('partnerB', `mutation ($rows: [BulkCandidateInput!]!) { registerCandidates(candidates: $rows) { rows { status } } }`, { rows: [registration('AC-VAE-RS2', 'RS5302', 'VAE')] });
    expect(bulk.errors![0].extensions!.fields[0].path).toEqual(['candidates', 0, 'accessRoute']);
    // A known candidate registered for RS5302 by the VAE route: refused the same way.
    const { candidates } = await ok('partnerB', `{ candidates(first: 100) { edges { node { id attempts { certification { code } } } } } }`);
    const cqpOnly = candidates.edges.map((e: any) => e.node).find((n: any) => n.attempts.every((a: any) => a.certification.code !== 'RS5302'));
    expect(codeOf(await as('partnerB', REGISTER_FOR, { c: cqpOnly.id, code: 'RS5302', route: 'VAE' }))).toBe('VAE_NOT_AVAILABLE');
  });

  it('under one year of accepted experience the attempt is not eligible, cannot be booked nor evaluated', async () => {
    const { myAttempts } = await ok('vae2', `{ myAttempts { id accessRoute vaeEligibility { eligible reason acceptedMonths } } }`);
    vae2.attemptId = myAttempts[0].id;
    expect(myAttempts[0]).toMatchObject({ accessRoute: 'VAE', vaeEligibility: { eligible: false, reason: 'NOT_ENOUGH_EXPERIENCE', acceptedMonths: 0 } });
    const { candidates } = await ok('partnerB', `{ candidates(first: 100) { edges { node { id attempts { id } } } } }`);
    vae2.candidateId = candidates.edges.find((e: any) => e.node.attempts.some((a: any) => a.id === vae2.attemptId)).node.id;

    // Validation: dates in order, none in the future; a partner only reads.
    expect(codeOf(await declare('vae2', vae2.attemptId, '2020-05-01', '2020-01-01'))).toBe('VALIDATION_FAILED');
    expect(codeOf(await declare('vae2', vae2.attemptId, '2020-01-01', '2999-01-01'))).toBe('VALIDATION_FAILED');
    expect(codeOf(await declare('partnerB', vae2.attemptId, '2018-01-01', '2018-07-31'))).toBe('FORBIDDEN');
    expect(codeOf(await declare('vae', vae2.attemptId, '2018-01-01', '2018-07-31'))).toBe('NOT_FOUND');

    // Two overlapping 7-month periods: 9 months once merged.
    const p1 = (await declare('vae2', vae2.attemptId, '2018-01-01', '2018-07-31')).data!.declareExperiencePeriod;
    const p2 = (await declare('vae2', vae2.attemptId, '2018-03-01', '2018-09-30')).data!.declareExperiencePeriod;
    expect([p1.months, p2.months, p1.status]).toEqual([7, 7, 'PENDING']);

    // Evidence, through the project-file upload machinery: type checked on the content; readable by the candidate's
    // partner and the admins, by nobody else.
    const evidence = (body: Buffer, name: string, who = 'vae2', periodId = p1.id) => {
      const form = new FormData();
      form.append('file', new Blob([body]), name);
      return fetch(`${server.url}/uploads/experience-evidence?periodId=${periodId}`, { method: 'POST', headers: { authorization: `Bearer ${token[who]}` }, body: form });
    };
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n');
    expect((await evidence(Buffer.from('just text, not a document'), 'attestation.pdf')).status).toBe(415);
    expect((await evidence(pdf, 'attestation.pdf', 'partnerB')).status).toBe(403);
    expect((await evidence(pdf, 'attestation.pdf', 'vae')).status).toBe(404);
    const uploaded = await evidence(pdf, 'attestation.pdf');
    expect(uploaded.status).toBe(201);
    const download = (who: string) => fetch(`${server.url}/downloads/experience-evidence/${p1.id}`, { headers: { authorization: `Bearer ${token[who]}` } });
    const byAdmin = await download('admin');
    expect(byAdmin.status).toBe(200);
    expect(Buffer.from(await byAdmin.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await download('partnerB')).status).toBe(200);
    expect((await download('partnerA')).status).toBe(404);
    expect((await download('vae')).status).toBe(404);
    const queue = (await ok('admin', QUEUE)).experiencePeriodsToReview.map((p: any) => p.id);
    expect(queue).toEqual(expect.arrayContaining([p1.id, p2.id]));
    expect(codeOf(await as('partnerB', QUEUE))).toBe('FORBIDDEN');
    expect(codeOf(await as('admin', REVIEW, { id: p1.id, accepted: false }))).toBe('VALIDATION_FAILED');
    for (const id of [p1.id, p2.id]) await ok('admin', REVIEW, { id, accepted: true });
    expect((await fetch(`${server.url}/uploads/experience-evidence?periodId=${p1.id}`, { method: 'POST', headers: { authorization: `Bearer ${token.vae2}` }, body: (() => { const f = new FormData(); f.append('file', new Blob([Buffer.from('%PDF-1.7\n%%EOF\n')]), 'late.pdf'); return f; })() })).status).toBe(409);
    expect(codeOf(await as('admin', REVIEW, { id: p1.id, accepted: false, reason: 'Doublon' }))).toBe('INVALID_STATE');
    let [attempt] = await attemptsOf('vae2', vae2.candidateId);
    expect(attempt.vaeEligibility).toMatchObject({ eligible: false, acceptedMonths: 9, acceptedPeriods: 2 });

    // A refused period does not count; two more accepted months make 11: still not eligible.
    const refused = (await declare('vae2', vae2.attemptId, '2010-01-01', '2012-12-31', 'Club de football')).data!.declareExperiencePeriod;
    await ok('admin', REVIEW, { id: refused.id, accepted: false, reason: 'Activité sans rapport avec le CQP.' });
    const p3 = (await declare('vae2', vae2.attemptId, '2018-10-01', '2018-11-30')).data!.declareExperiencePeriod;
    await ok('admin', REVIEW, { id: p3.id, accepted: true });
    [attempt] = await attemptsOf('partnerB', vae2.candidateId);
    expect(attempt.vaeEligibility).toMatchObject({ eligible: false, reason: 'NOT_ENOUGH_EXPERIENCE', acceptedMonths: 11, refusedPeriods: 1 });
    expect(attempt.experiencePeriods.find((p: any) => p.id === refused.id)).toMatchObject({ status: 'REFUSED', reviewReason: 'Activité sans rapport avec le CQP.' });

    await submitFile(vae2.attemptId, 'vae2');
    const { slotId } = await nextSlot('CQP0102');
    const booked = await as('vae2', BOOK, { a: vae2.attemptId, s: slotId }, 'en');
    expect(codeOf(booked)).toBe('VAE_NOT_ELIGIBLE');
    expect(booked.errors![0].message).toContain('11 months of accepted experience out of the 12 required');
    expect(codeOf(await as('admin', BOOK, { a: vae2.attemptId, s: slotId }))).toBe('VAE_NOT_ELIGIBLE');
  }, 120_000);

  it('at 12 months of accepted experience (the demo candidate: 13 once merged) the attempt is eligible', async () => {
    const p4 = (await declare('vae2', vae2.attemptId, '2019-01-01', '2019-01-31')).data!.declareExperiencePeriod;
    await ok('admin', REVIEW, { id: p4.id, accepted: true });
    const [attempt] = await attemptsOf('vae2', vae2.candidateId);
    expect(attempt.vaeEligibility).toMatchObject({ eligible: true, reason: null, acceptedMonths: 12, requiredMonths: 12 });

    // The demo's candidate-vae: two pending periods of 8 and 7 months overlapping by 2.
    const { myAttempts } = await ok('vae', `{ myAttempts { id vaeEligibility { eligible pendingPeriods } experiencePeriods { id months status } } }`);
    expect(myAttempts[0].vaeEligibility).toMatchObject({ eligible: false, pendingPeriods: 2 });
    await ok('admin', REVIEW, { id: myAttempts[0].experiencePeriods[0].id, accepted: true });
    expect((await ok('vae', `{ myAttempts { vaeEligibility { eligible acceptedMonths } } }`)).myAttempts[0].vaeEligibility).toEqual({ eligible: false, acceptedMonths: 8 });
    await ok('admin', REVIEW, { id: myAttempts[0].experiencePeriods[1].id, accepted: true });
    expect((await ok('vae', `{ myAttempts { vaeEligibility { eligible acceptedMonths } } }`)).myAttempts[0].vaeEligibility).toEqual({ eligible: true, acceptedMonths: 13 });
  });

  it('evaluated block by block with recorded modalities: partial award, then a retake of the missing block only', async () => {
    // The project file was acknowledged above.
    const first = await sitOral(vae2.attemptId, 'CQP0102', null, { CQP0102BC01: 3, CQP0102BC02: 3, CQP0102BC03: 1 }, {
      CQP0102BC01: ['INTERVIEW', 'OBSERVATION'],
      CQP0102BC02: ['INTERVIEW'],
      CQP0102BC03: ['WRITTEN', 'INTERVIEW'],
    });
    expect(first.outcome).toBe('PARTIALLY_CERTIFIED');
    let attempts = await attemptsOf('vae2', vae2.candidateId);
    expect(attempts[0].result).toMatchObject({ outcome: 'PARTIALLY_CERTIFIED', validatedBlockCodes: ['CQP0102BC01', 'CQP0102BC02'] });
    expect(attempts[0].vaeBlockModalities).toEqual([
      { blockCode: 'CQP0102BC01', modalities: ['INTERVIEW', 'OBSERVATION'] },
      { blockCode: 'CQP0102BC02', modalities: ['INTERVIEW'] },
      { blockCode: 'CQP0102BC03', modalities: ['INTERVIEW', 'WRITTEN'] },
    ]);

    const { openRetake } = await ok('vae2', `mutation ($id: ID!) { openRetake(attemptId: $id) { id accessRoute blockCodesInScope vaeEligibility { eligible } } }`, { id: vae2.attemptId });
    expect(openRetake).toMatchObject({ accessRoute: 'VAE', blockCodesInScope: ['CQP0102BC03'], vaeEligibility: { eligible: true } });
    // The retake's oral (its one block in scope); then a modality outside VAE's, and any change once signed, are refused.
    const retake = await sitOralWithChecks(openRetake.id);
    expect(retake.outcome).toBe('CERTIFIED');
    attempts = await attemptsOf('vae2', vae2.candidateId);
    expect(attempts[1].result.blocks.map((b: any) => [b.code, b.inScope, b.validated])).toEqual([
      ['CQP0102BC01', false, true],
      ['CQP0102BC02', false, true],
      ['CQP0102BC03', true, true],
    ]);
    const acquired = (await ok('vae2', ACQUIRED, { id: vae2.candidateId })).candidate.acquiredBlocks;
    expect(acquired.map((b: any) => [b.blockCode, b.acquiredAt])).toEqual([
      ['CQP0102BC01', first.juryDate.toISOString()],
      ['CQP0102BC02', first.juryDate.toISOString()],
      ['CQP0102BC03', retake.juryDate.toISOString()],
    ]);
  }, 240_000);

  async function sitOralWithChecks(attemptId: string) {
    return sitOral(attemptId, 'CQP0102', 'vae2', { CQP0102BC03: 4 }, { CQP0102BC03: ['OBSERVATION'] }).then(async (outcome) => {
      const bad = await as('juror1', MODALITIES, { o: outcome.oralId, b: 'CQP0102BC03', m: ['ORAL'], v: 1 });
      expect(codeOf(bad)).toBe('VALIDATION_FAILED');
      const locked = await as('juror1', `query ($id: ID!) { oral(id: $id) { version } }`, { id: outcome.oralId });
      const late = await as('juror1', MODALITIES, { o: outcome.oralId, b: 'CQP0102BC03', m: ['WRITTEN'], v: locked.data!.oral.version });
      expect(['INVALID_STATE', 'FORBIDDEN']).toContain(codeOf(late));
      return outcome;
    });
  }
});
