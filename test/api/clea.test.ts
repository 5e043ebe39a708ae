// The CléA pathway through the API of a real server (issue 13): the demo candidate mid-path (preliminary done,
// modules 3 and 7 not mastered, training path set) and who sees their file; the journey training path → final
// evaluation → skills portfolio (partial) → final → commission → certificate that verifies; a rejection with
// its reason; evaluator ≠ trainer at assignment and at recording time; the 5-year window (a preliminary
// evaluation back-dated by an admin, the real rule refusing the final one, a new preliminary evaluation with the
// old one kept in the history); the commission's balance rule and its independence; incomplete files refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';

let server: TestServer;
const token: Record<string, string> = {};
const userId: Record<string, string> = {};
const DAY = 86_400_000;
const MODULES = ['CLEA-D1', 'CLEA-D2', 'CLEA-D3', 'CLEA-D4', 'CLEA-D5', 'CLEA-D6', 'CLEA-D7'];

const as = (who: string, query: string, variables?: Record<string, unknown>, locale?: string) => gql(server.graphqlUrl, query, variables, { token: token[who], locale });
const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code;

const FILE_FIELDS = `id attemptId candidateName stage evaluatorName complete finalEvaluationDeadline windowDaysLeft windowAtRisk windowExpired outcome outcomeReason decidedAt certificateId
  modules { code title validated validatedAt }
  preliminary { id kind evaluatedAt evaluatorName superseded results { blockCode moduleTitle mastered comment } }
  finals { id kind evaluatedAt results { blockCode mastered } }
  history { id kind superseded evaluatedAt }
  trainingPath { id blockCode moduleTitle toTrain partnerId partnerName done }
  portfolios { id issuedAt modules { code title validatedAt } remaining { code } }`;
const FILE = `query ($attemptId: ID!) { cleaFile(attemptId: $attemptId) { ${FILE_FIELDS} } }`;
const FILES = `{ cleaFiles { id attemptId candidateName stage } }`;
const ASSIGN = `mutation ($attemptId: ID!, $evaluatorId: ID!) { assignCleaEvaluator(attemptId: $attemptId, evaluatorId: $evaluatorId) { id stage evaluatorName } }`;
const RECORD = `mutation ($input: CleaEvaluationInput!) { recordCleaEvaluation(input: $input) { ${FILE_FIELDS} } }`;
const TRAINING = `mutation ($input: CleaTrainingLineInput!) { setCleaTrainingLine(input: $input) { trainingPath { blockCode toTrain partnerName } } }`;
const RULE = `mutation ($c: ID!, $er: Int!, $ee: Int!) { setCleaCommissionRule(certificationId: $c, employerSeats: $er, employeeSeats: $ee) { employerSeats employeeSeats } }`;
const COMPOSE = `mutation ($input: ComposeCleaCommissionInput!) { composeCleaCommission(input: $input) { id name employers employees members { jurorId role representation } } }`;
const DECIDE = `mutation ($input: DecideCleaFileInput!) { decideCleaFile(input: $input) { stage outcome outcomeReason decidedAt certificateId } }`;
const NOTIFICATIONS = `{ myNotifications(first: 50) { edges { node { template subject text path } } } }`;

const all = (mastered: (code: string) => boolean) => MODULES.map((blockCode) => ({ blockCode, mastered: mastered(blockCode), comment: mastered(blockCode) ? null : `À travailler : ${blockCode}` }));

let cleaCertificationId = '';
let demoAttemptId = '';
let demoCommissionId = '';
let registered = 0;

/** Registers a new CléA candidate with a partner; returns the attempt id and the candidate id. */
async function registerClea(partner: 'partnerA' | 'partnerB'): Promise<{ attemptId: string; candidateId: string }> {
  registered += 1;
  const result = await as(partner, `mutation ($input: RegisterCandidateInput!) { registerCandidate(input: $input) { id attempts { id certification { code } } } }`, {
    input: { fileNumber: `CLEA-T-${partner}-${registered}`, certificationCode: 'CLEA', email: `clea-test-${registered}@example.fr`, birthName: 'TESTEUR', firstName: `Alex${'abcdefghij'[registered % 10]}` },
  });
  expect(result.errors).toBeUndefined();
  const candidate = result.data!.registerCandidate;
  const attempt = candidate.attempts.find((a: any) => a.certification.code === 'CLEA');
  return { attemptId: attempt.id, candidateId: candidate.id };
}

async function notifications(who: string) {
  return ((await as(who, NOTIFICATIONS)).data!.myNotifications.edges as { node: any }[]).map((edge) => edge.node);
}

beforeAll(async () => {
  server = await startIsolatedServer();
  const logins: Record<string, string> = {
    admin: 'admin',
    partnerA: 'partner-a',
    partnerB: 'partner-b',
    evaluator: 'evaluator-clea',
    karim: 'candidate-clea',
    c01: 'candidate01',
  };
  for (const n of [1, 2, 3, 4, 5, 6]) logins[`juror${n}`] = `juror${n}`;
  await Promise.all(
    Object.entries(logins).map(async ([key, login]) => {
      token[key] = await loginAs(server.graphqlUrl, `${login}@demo.certijury.fr`);
      userId[key] = (await as(key, '{ me { id } }')).data!.me.id;
    }),
  );
  const certifications = (await as('admin', '{ certifications { id code registry } }')).data!.certifications as { id: string; code: string; registry: string }[];
  cleaCertificationId = certifications.find((c) => c.code === 'CLEA')!.id;
  demoAttemptId = (await as('karim', '{ myAttempts { id certification { code } } }')).data!.myAttempts.find((a: any) => a.certification.code === 'CLEA').id;
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('the demo candidate mid-path', () => {
  it('shows the candidate their preliminary results, training path and 5-year deadline at once', async () => {
    const result = await as('karim', FILE, { attemptId: demoAttemptId });
    expect(result.errors).toBeUndefined();
    const file = result.data!.cleaFile;
    expect(file).toMatchObject({ stage: 'TRAINING', evaluatorName: 'Hélène Faure', complete: false, windowExpired: false, windowAtRisk: false, outcome: null });
    expect(file.modules.map((m: any) => m.code)).toEqual(MODULES);
    expect(file.preliminary.results.filter((r: any) => !r.mastered).map((r: any) => r.blockCode)).toEqual(['CLEA-D3', 'CLEA-D7']);
    expect(file.preliminary.results.find((r: any) => r.blockCode === 'CLEA-D3').comment).toMatch(/courriel/);
    expect(file.trainingPath).toMatchObject([
      { blockCode: 'CLEA-D3', partnerName: 'Atelier Compétences', done: false },
      { blockCode: 'CLEA-D7', partnerName: 'Formapro Conseil', done: false },
    ]);
    const preliminaryAt = new Date(file.preliminary.evaluatedAt);
    const deadline = new Date(file.finalEvaluationDeadline);
    expect(deadline.getUTCFullYear() - preliminaryAt.getUTCFullYear()).toBe(5);
    expect(deadline.getUTCMonth()).toBe(preliminaryAt.getUTCMonth());
    expect(file.windowDaysLeft).toBeGreaterThan(5 * 365 - 45);
  });

  it('is visible to the candidate, their partner, admins and the assigned evaluator only', async () => {
    for (const who of ['karim', 'partnerA', 'admin', 'evaluator']) {
      expect((await as(who, FILE, { attemptId: demoAttemptId })).data!.cleaFile?.attemptId, who).toBe(demoAttemptId);
    }
    for (const who of ['partnerB', 'juror1', 'c01']) {
      const result = await as(who, FILE, { attemptId: demoAttemptId });
      expect(result.errors, who).toBeUndefined();
      expect(result.data!.cleaFile, who).toBeNull();
    }
    expect((await as('evaluator', FILES)).data!.cleaFiles.map((f: any) => f.attemptId)).toContain(demoAttemptId);
    expect((await as('partnerB', FILES)).data!.cleaFiles.map((f: any) => f.attemptId)).not.toContain(demoAttemptId);
    expect((await as('juror1', FILES)).data!.cleaFiles).toEqual([]);
    expect(codeOf(await as('c01', FILES))).toBe('FORBIDDEN');
  });
});

describe('the journey: training path → final → portfolio → final → commission → certificate', () => {
  it('lets the evaluator set the training path; the candidate is notified', async () => {
    const set = await as('evaluator', TRAINING, {
      input: { attemptId: demoAttemptId, blockCode: 'CLEA-D3', toTrain: 'Atelier numérique : messagerie et démarches en ligne, 28 heures.', partnerId: null },
    });
    expect(set.errors).toBeUndefined();
    expect(set.data!.setCleaTrainingLine.trainingPath[0]).toMatchObject({ blockCode: 'CLEA-D3', partnerName: null });
    const partners = (await as('admin', '{ partners { id name } }')).data?.partners as { id: string; name: string }[] | undefined;
    const atelier = partners!.find((p) => p.name === 'Atelier Compétences')!;
    const back = await as('admin', TRAINING, { input: { attemptId: demoAttemptId, blockCode: 'CLEA-D3', toTrain: 'Atelier numérique : messagerie et démarches en ligne, 28 heures.', partnerId: atelier.id } });
    expect(back.data!.setCleaTrainingLine.trainingPath[0].partnerName).toBe('Atelier Compétences');
    expect(codeOf(await as('admin', TRAINING, { input: { attemptId: demoAttemptId, blockCode: 'CLEA-D3', toTrain: 'Un organisme inconnu.', partnerId: '00000000-0000-4000-8000-000000000000' } }))).toBe('VALIDATION_FAILED');
    // A module mastered at the preliminary evaluation has no line; nobody but the evaluator and admins writes.
    expect(codeOf(await as('evaluator', TRAINING, { input: { attemptId: demoAttemptId, blockCode: 'CLEA-D1', toTrain: 'Rien à faire ici.' } }))).toBe('VALIDATION_FAILED');
    expect(codeOf(await as('juror1', TRAINING, { input: { attemptId: demoAttemptId, blockCode: 'CLEA-D3', toTrain: 'Pas mon candidat.' } }))).toBe('NOT_FOUND');
    expect(codeOf(await as('karim', TRAINING, { input: { attemptId: demoAttemptId, blockCode: 'CLEA-D3', toTrain: 'Je me forme seul.' } }))).toBe('FORBIDDEN');
    expect((await notifications('karim')).some((n) => n.template === 'CLEA_TRAINING_PATH_UPDATED' && n.path === `/candidate/attempts/${demoAttemptId}/clea`)).toBe(true);
  });

  it('refuses the commission an incomplete file', async () => {
    const commissions = (await as('admin', `query ($c: ID) { juries(certificationId: $c) { id kind } }`, { c: cleaCertificationId })).data!.juries as { id: string; kind: string }[];
    demoCommissionId = commissions.find((j) => j.kind === 'COMMISSION')!.id;
    const refused = await as('admin', DECIDE, { input: { attemptId: demoAttemptId, commissionId: demoCommissionId, certified: true } });
    expect(codeOf(refused)).toBe('CLEA_FILE_INCOMPLETE');
    expect(refused.errors![0].message).toMatch(/CLEA-D3/);
    expect(refused.errors![0].extensions!.missingModules).toHaveLength(2);
  });

  it('issues a skills portfolio after a partial final evaluation, with a training path for the rest', async () => {
    const recorded = await as('evaluator', RECORD, {
      input: { attemptId: demoAttemptId, kind: 'FINAL', modules: [{ blockCode: 'CLEA-D3', mastered: true }, { blockCode: 'CLEA-D7', mastered: false, comment: 'Gestes de premiers secours encore hésitants.' }] },
    });
    expect(recorded.errors).toBeUndefined();
    const file = recorded.data!.recordCleaEvaluation;
    expect(file).toMatchObject({ stage: 'TRAINING', complete: false });
    expect(file.finals).toHaveLength(1);
    expect(file.modules.filter((m: any) => m.validated)).toHaveLength(6);
    expect(file.trainingPath.map((l: any) => [l.blockCode, l.done])).toEqual([
      ['CLEA-D3', true],
      ['CLEA-D7', false],
    ]);
    expect(file.portfolios).toHaveLength(1);
    const portfolio = file.portfolios[0];
    expect(portfolio.modules.map((m: any) => m.code)).toEqual(['CLEA-D1', 'CLEA-D2', 'CLEA-D3', 'CLEA-D4', 'CLEA-D5', 'CLEA-D6']);
    expect(portfolio.modules.every((m: any) => m.validatedAt)).toBe(true);
    expect(portfolio.remaining.map((m: any) => m.code)).toEqual(['CLEA-D7']);
    const pdf = await as('karim', `query ($a: ID!) { cleaFile(attemptId: $a) { portfolios { pdfBase64 } } }`, { a: demoAttemptId });
    const bytes = Buffer.from(pdf.data!.cleaFile.portfolios[0].pdfBase64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(1000);
    const notified = (await notifications('karim')).find((n) => n.template === 'CLEA_EVALUATION_RECORDED');
    expect(notified.text).toMatch(/6 module\(s\) sur 7/);
    expect(notified.text).toMatch(/portefeuille/);
  });

  it('sends the complete file to the commission, whose positive decision issues a certificate that verifies', async () => {
    const recorded = await as('evaluator', RECORD, { input: { attemptId: demoAttemptId, kind: 'FINAL', modules: [{ blockCode: 'CLEA-D7', mastered: true }] } });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordCleaEvaluation).toMatchObject({ stage: 'AWAITING_COMMISSION', complete: true, windowAtRisk: false });
    expect(recorded.data!.recordCleaEvaluation.portfolios).toHaveLength(1); // complete: no new portfolio

    // Only admins record the commission's decision.
    expect(codeOf(await as('evaluator', DECIDE, { input: { attemptId: demoAttemptId, commissionId: demoCommissionId, certified: true } }))).toBe('FORBIDDEN');
    const decided = await as('admin', DECIDE, { input: { attemptId: demoAttemptId, commissionId: demoCommissionId, certified: true } });
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.decideCleaFile).toMatchObject({ stage: 'CERTIFIED', outcome: 'CERTIFIED' });
    const certificateId = decided.data!.decideCleaFile.certificateId;
    expect(certificateId).toBeTruthy();

    const verified = await gql(server.graphqlUrl, `query ($id: ID!) { verifyCertificate(id: $id) { valid holderName checks { name ok } } }`, { id: certificateId });
    expect(verified.data!.verifyCertificate).toMatchObject({ valid: true, holderName: 'Karim HADDAD' });
    const mine = await as('karim', `{ myAttempts { id certificates { id certificationCode } } }`);
    expect(mine.data!.myAttempts.find((a: any) => a.id === demoAttemptId).certificates).toEqual([{ id: certificateId, certificationCode: 'CLEA' }]);
    const templates = (await notifications('karim')).map((n) => n.template);
    expect(templates).toContain('CLEA_COMMISSION_DECIDED');
    expect(templates).toContain('CERTIFICATE_ISSUED');

    // Decided once; nothing more is recorded on the file.
    expect(codeOf(await as('admin', DECIDE, { input: { attemptId: demoAttemptId, commissionId: demoCommissionId, certified: false, reason: 'Deuxième fois.' } }))).toBe('INVALID_STATE');
    expect(codeOf(await as('evaluator', RECORD, { input: { attemptId: demoAttemptId, kind: 'FINAL', modules: [{ blockCode: 'CLEA-D7', mastered: true }] } }))).toBe('INVALID_STATE');
    const fileId = (await as('admin', FILE, { attemptId: demoAttemptId })).data!.cleaFile.id;
    const audit = await as('admin', `query ($t: String!, $id: ID!) { auditEntries(entityType: $t, entityId: $id) { action } }`, { t: 'CleaFile', id: fileId });
    expect(audit.errors).toBeUndefined();
    expect(audit.data!.auditEntries.map((e: any) => e.action)).toEqual(expect.arrayContaining(['clea.trainingLineSet', 'clea.evaluationRecorded', 'clea.portfolioIssued', 'clea.commissionDecided']));
    expect((await as('admin', '{ auditVerification { ok } }')).data!.auditVerification.ok).toBe(true);
  });

  it('records a negative decision with its mandatory reason', async () => {
    const { attemptId } = await registerClea('partnerB');
    expect((await as('admin', ASSIGN, { attemptId, evaluatorId: userId.evaluator })).errors).toBeUndefined();
    const recorded = await as('evaluator', RECORD, { input: { attemptId, kind: 'PRELIMINARY', modules: all(() => true) } });
    expect(recorded.data!.recordCleaEvaluation).toMatchObject({ stage: 'AWAITING_COMMISSION', complete: true, trainingPath: [], portfolios: [] });
    const noReason = await as('admin', DECIDE, { input: { attemptId, commissionId: demoCommissionId, certified: false } });
    expect(codeOf(noReason)).toBe('VALIDATION_FAILED');
    const rejected = await as('admin', DECIDE, { input: { attemptId, commissionId: demoCommissionId, certified: false, reason: 'Les justificatifs de l’évaluation du module 4 sont incomplets.' } });
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data!.decideCleaFile).toMatchObject({ stage: 'REJECTED', outcome: 'REJECTED', certificateId: null, outcomeReason: 'Les justificatifs de l’évaluation du module 4 sont incomplets.' });
  });
});

describe('evaluator ≠ trainer', () => {
  it('refuses a trainer of the candidate as evaluator, with a typed and translated error', async () => {
    const { attemptId } = await registerClea('partnerA'); // juror6 trains at Formapro Conseil
    const fr = await as('admin', ASSIGN, { attemptId, evaluatorId: userId.juror6 });
    expect(codeOf(fr)).toBe('EVALUATOR_INELIGIBLE');
    expect(fr.errors![0].message).toMatch(/formateur ou formatrice chez Formapro Conseil/);
    expect(fr.errors![0].extensions!.ineligible[0]).toMatchObject({ code: 'TRAINER_OF_PARTNER', jurorId: userId.juror6 });
    const en = await as('admin', ASSIGN, { attemptId, evaluatorId: userId.juror6 }, 'en');
    expect(en.errors![0].message).toMatch(/is a trainer at Formapro Conseil/);
    expect((await as('admin', FILE, { attemptId })).data!.cleaFile).toBeNull(); // nothing written
    // Not a juror at all.
    expect(codeOf(await as('admin', ASSIGN, { attemptId, evaluatorId: userId.partnerA }))).toBe('VALIDATION_FAILED');
    // Not a CléA attempt.
    const rs = (await as('c01', '{ myAttempts { id } }')).data!.myAttempts[0].id;
    expect(codeOf(await as('admin', ASSIGN, { attemptId: rs, evaluatorId: userId.evaluator }))).toBe('VALIDATION_FAILED');
  });

  it('refuses the recording when the evaluator declared a conflict after the assignment', async () => {
    const { attemptId } = await registerClea('partnerB');
    expect((await as('admin', ASSIGN, { attemptId, evaluatorId: userId.juror1 })).errors).toBeUndefined();
    const partnerBId = (await as('partnerB', '{ me { partner { id } } }')).data!.me.partner.id;
    const declared = await as('juror1', `mutation ($input: ConflictInput!) { declareConflict(input: $input) { id } }`, { input: { partnerId: partnerBId, reason: 'J’ai formé des stagiaires de cet organisme cette année.' } });
    expect(declared.errors).toBeUndefined();
    const refused = await as('juror1', RECORD, { input: { attemptId, kind: 'PRELIMINARY', modules: all(() => true) } });
    expect(codeOf(refused)).toBe('EVALUATOR_INELIGIBLE');
    expect(refused.errors![0].extensions!.ineligible[0].code).toBe('DECLARED_CONFLICT');
    expect((await as('admin', FILE, { attemptId })).data!.cleaFile.preliminary).toBeNull();
  });
});

describe('the 5-year window', () => {
  it('refuses the final evaluation past 5 years and accepts a new preliminary one, keeping the old one', async () => {
    const { attemptId } = await registerClea('partnerA');
    expect((await as('admin', ASSIGN, { attemptId, evaluatorId: userId.evaluator })).errors).toBeUndefined();
    const longAgo = new Date(Date.now() - (5 * 365 + 10) * DAY).toISOString();
    // Back-dating is an admin's (recording a paper evaluation): the evaluator may not.
    expect(codeOf(await as('evaluator', RECORD, { input: { attemptId, kind: 'PRELIMINARY', evaluatedAt: longAgo, modules: all((c) => c !== 'CLEA-D2') } }))).toBe('VALIDATION_FAILED');
    const old = await as('admin', RECORD, { input: { attemptId, kind: 'PRELIMINARY', evaluatedAt: longAgo, modules: all((c) => c !== 'CLEA-D2') } });
    expect(old.errors).toBeUndefined();
    expect(old.data!.recordCleaEvaluation).toMatchObject({ stage: 'WINDOW_EXPIRED', windowExpired: true, windowAtRisk: true });
    expect(old.data!.recordCleaEvaluation.windowDaysLeft).toBeLessThan(0);

    const refused = await as('evaluator', RECORD, { input: { attemptId, kind: 'FINAL', modules: [{ blockCode: 'CLEA-D2', mastered: true }] } });
    expect(codeOf(refused)).toBe('CLEA_WINDOW_EXPIRED');
    expect(refused.errors![0].message).toMatch(/nouvelle évaluation préalable est nécessaire/);
    expect(refused.errors![0].extensions!.newPreliminaryRequired).toBe(true);
    const refusedEn = await as('evaluator', RECORD, { input: { attemptId, kind: 'FINAL', modules: [{ blockCode: 'CLEA-D2', mastered: true }] } }, 'en');
    expect(refusedEn.errors![0].message).toMatch(/new preliminary evaluation is required/);

    const renewed = await as('evaluator', RECORD, { input: { attemptId, kind: 'PRELIMINARY', modules: all((c) => c !== 'CLEA-D2' && c !== 'CLEA-D5') } });
    expect(renewed.errors).toBeUndefined();
    const file = renewed.data!.recordCleaEvaluation;
    expect(file).toMatchObject({ stage: 'TRAINING', windowExpired: false });
    expect(file.history).toHaveLength(2);
    expect(file.history.map((e: any) => e.superseded)).toEqual([false, true]);
    expect(file.trainingPath.map((l: any) => l.blockCode)).toEqual(['CLEA-D2', 'CLEA-D5']);
    expect(new Date(file.finalEvaluationDeadline).getTime()).toBeGreaterThan(Date.now() + 4 * 365 * DAY);
    // A preliminary evaluation still valid cannot be replaced.
    expect(codeOf(await as('evaluator', RECORD, { input: { attemptId, kind: 'PRELIMINARY', modules: all(() => true) } }))).toBe('INVALID_STATE');
    const final = await as('evaluator', RECORD, { input: { attemptId, kind: 'FINAL', modules: [{ blockCode: 'CLEA-D2', mastered: true }] } });
    expect(final.errors).toBeUndefined();
    expect(final.data!.recordCleaEvaluation.portfolios).toHaveLength(1);
  });

  it('validates the evaluation input', async () => {
    const missing = await as('evaluator', RECORD, { input: { attemptId: demoAttemptId, kind: 'PRELIMINARY', modules: [{ blockCode: 'CLEA-D9', mastered: true }] } });
    expect(['VALIDATION_FAILED', 'INVALID_STATE']).toContain(codeOf(missing));
    expect(codeOf(await as('evaluator', RECORD, { input: { attemptId: demoAttemptId, kind: 'FINAL', modules: [] } }))).toBe('VALIDATION_FAILED');
  });
});

describe('the joint commission', () => {
  const member = (who: string, role: 'PRESIDENT' | 'MEMBER', representation: string) => ({ jurorId: userId[who], role, representation });

  it('refuses an unbalanced composition and accepts a balanced one, by the configured ratio', async () => {
    const unbalanced = await as('admin', COMPOSE, {
      input: { certificationId: cleaCertificationId, name: 'Commission déséquilibrée', members: [member('juror2', 'PRESIDENT', 'EMPLOYER'), member('juror4', 'MEMBER', 'EMPLOYER'), member('juror3', 'MEMBER', 'EMPLOYEE')] },
    });
    expect(codeOf(unbalanced)).toBe('COMMISSION_UNBALANCED');
    expect(unbalanced.errors![0].message).toMatch(/2 représentant\(s\) des employeurs et 1 des salariés/);
    const balanced = await as('admin', COMPOSE, {
      input: { certificationId: cleaCertificationId, name: 'Commission paritaire restreinte', members: [member('juror2', 'PRESIDENT', 'EMPLOYER'), member('juror3', 'MEMBER', 'EMPLOYEE')] },
    });
    expect(balanced.errors).toBeUndefined();
    expect(balanced.data!.composeCleaCommission).toMatchObject({ employers: 1, employees: 1 });
    const qualified = await as('admin', COMPOSE, {
      input: { certificationId: cleaCertificationId, name: 'Avec une personne qualifiée', members: [member('juror2', 'PRESIDENT', 'EMPLOYER'), member('juror3', 'MEMBER', 'EMPLOYEE'), member('juror1', 'MEMBER', 'QUALIFIED_PERSON')] },
    });
    expect(codeOf(qualified)).toBe('COMMISSION_UNBALANCED');

    // A 2:1 ratio: the three-member composition is now the balanced one, and the 1:1 commissions no longer decide.
    const rule = await as('admin', RULE, { c: cleaCertificationId, er: 2, ee: 1 });
    expect(rule.data!.setCleaCommissionRule).toEqual({ employerSeats: 2, employeeSeats: 1 });
    const twoToOne = await as('admin', COMPOSE, {
      input: { certificationId: cleaCertificationId, name: 'Commission 2 pour 1', members: [member('juror2', 'PRESIDENT', 'EMPLOYER'), member('juror4', 'MEMBER', 'EMPLOYER'), member('juror3', 'MEMBER', 'EMPLOYEE')] },
    });
    expect(twoToOne.errors).toBeUndefined();
    const { attemptId } = await registerClea('partnerB');
    await as('admin', ASSIGN, { attemptId, evaluatorId: userId.evaluator });
    await as('evaluator', RECORD, { input: { attemptId, kind: 'PRELIMINARY', modules: all(() => true) } });
    expect(codeOf(await as('admin', DECIDE, { input: { attemptId, commissionId: demoCommissionId, certified: true } }))).toBe('COMMISSION_UNBALANCED');
    expect((await as('admin', RULE, { c: cleaCertificationId, er: 1, ee: 1 })).errors).toBeUndefined();
    // Only admins set the rule; the seats are validated.
    expect(codeOf(await as('evaluator', RULE, { c: cleaCertificationId, er: 1, ee: 1 }))).toBe('FORBIDDEN');
    expect(codeOf(await as('admin', RULE, { c: cleaCertificationId, er: 0, ee: 1 }))).toBe('VALIDATION_FAILED');
  });

  it('refuses a commission that is not independent of the candidate’s evaluators and trainers', async () => {
    const { attemptId } = await registerClea('partnerA');
    await as('admin', ASSIGN, { attemptId, evaluatorId: userId.evaluator });
    expect((await as('evaluator', RECORD, { input: { attemptId, kind: 'PRELIMINARY', modules: all(() => true) } })).errors).toBeUndefined();
    const withEvaluator = await as('admin', COMPOSE, {
      input: { certificationId: cleaCertificationId, name: 'Avec l’évaluatrice', members: [member('evaluator', 'PRESIDENT', 'EMPLOYER'), member('juror3', 'MEMBER', 'EMPLOYEE')] },
    });
    const withTrainer = await as('admin', COMPOSE, {
      input: { certificationId: cleaCertificationId, name: 'Avec un formateur', members: [member('juror6', 'PRESIDENT', 'EMPLOYER'), member('juror3', 'MEMBER', 'EMPLOYEE')] },
    });
    for (const [composed, code] of [
      [withEvaluator, 'CLEA_EVALUATOR'],
      [withTrainer, 'TRAINER_OF_PARTNER'],
    ] as const) {
      expect(composed.errors).toBeUndefined();
      const refused = await as('admin', DECIDE, { input: { attemptId, commissionId: composed.data!.composeCleaCommission.id, certified: true } });
      expect(codeOf(refused)).toBe('JUROR_INELIGIBLE');
      expect(refused.errors![0].extensions!.ineligible.map((r: any) => r.code)).toContain(code);
    }
    expect((await as('admin', FILE, { attemptId })).data!.cleaFile.outcome).toBeNull();
    // A jury that is not a CléA commission is refused too.
    const other = (await as('admin', '{ juries { id kind } }')).data!.juries.find((j: any) => j.kind !== 'COMMISSION');
    expect(codeOf(await as('admin', DECIDE, { input: { attemptId, commissionId: other.id, certified: true } }))).toBe('VALIDATION_FAILED');
  });
});
