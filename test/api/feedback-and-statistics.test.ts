// Candidate feedback and success-rate statistics through the API of a real server, on the demo data: feedback
// opens once the oral is over and is given once per attempt (even when sent twice at once), by the candidate of
// the attempt only, validated field by field; the admins' report is anonymous and withheld below 5 answers.
// Public success rates per jury year are withheld below successRateMinCandidates and shown at exactly that
// number, count published, current decisions only, and agree with the catalogue's Certification.successRate;
// the admins' breakdown by partner and by block is checked against the known CQP0107 demo cohorts
// (prisma/seed-statistics.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';

let server: TestServer;
const token: Record<string, string> = {};
const attemptOf: Record<string, string> = {};
const certificationIdOf: Record<string, string> = {};
const THIS_YEAR = new Date().getFullYear();
const LAST_YEAR = THIS_YEAR - 1;

const as = (who: string | null, query: string, variables?: Record<string, unknown>, locale?: string) =>
  gql(server.graphqlUrl, query, variables, { token: who ? token[who] : undefined, locale });
const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code;

const QUESTIONS = ['INFORMATION', 'ORGANISATION', 'WELCOME', 'JURY', 'QUESTIONS', 'CONDITIONS', 'OVERALL'];
const allRated = (rating: number) => QUESTIONS.map((question) => ({ question, rating }));

const SUBMIT = `mutation ($attemptId: ID!, $input: FeedbackInput!) {
  submitFeedback(attemptId: $attemptId, input: $input) { id feedbackOpen feedback { id questionSetVersion comment submittedAt ratings { question rating } } }
}`;
const MY_FEEDBACK = `{ myAttempts { id state feedbackOpen feedback { id questionSetVersion comment ratings { question rating } } } }`;
const REPORT = `query ($id: ID!, $year: Int) { feedbackReport(certificationId: $id, year: $year) {
  certificationId year questionSetVersion answers minAnswers withheld commentCount comments
  questions { question answers average distribution }
} }`;
const RATES = `query ($id: ID!) { certificationSuccessRates(certificationId: $id) {
  certificationId minCandidates
  overall { year published decided certified partiallyCertified rate }
  years { year published decided certified partiallyCertified rate }
} }`;
const BREAKDOWN = `query ($id: ID!, $year: Int) { successRateBreakdown(certificationId: $id, year: $year) {
  certificationId year minCandidates
  byPartner { partnerId partnerName decided certified partiallyCertified rate smallSample }
  byBlock { code title inScope validated rate smallSample }
} }`;
const CATALOGUE = `{ certifications { id code version successRateMinCandidates successRate { rate certified published }
  successRates { certificationId minCandidates overall { year published decided certified partiallyCertified rate } years { year published decided certified partiallyCertified rate } } } }`;
const UPDATE_CERTIFICATION = `mutation ($id: ID!, $version: Int!, $input: UpdateCertificationInput!) { updateCertification(id: $id, version: $version, input: $input) { id version } }`;

async function myAttempt(who: string) {
  const attempts = (await as(who, MY_FEEDBACK)).data!.myAttempts as any[];
  return attempts.find((attempt) => attempt.id === attemptOf[who])!;
}

async function candidateIdOf(login: string): Promise<string> {
  const edges = (await as('admin', `{ candidates(first: 100) { edges { node { id email } } } }`)).data!.candidates.edges as any[];
  return edges.find((edge) => edge.node.email === `${login}@demo.certijury.fr`).node.id;
}

async function setMinCandidates(code: string, successRateMinCandidates: number) {
  const certification = ((await as(null, CATALOGUE)).data!.certifications as any[]).find((c) => c.code === code);
  const updated = await as('admin', UPDATE_CERTIFICATION, { id: certification.id, version: certification.version, input: { successRateMinCandidates } });
  expect(updated.errors).toBeUndefined();
}

async function ratesOf(code: string) {
  const result = await as(null, RATES, { id: certificationIdOf[code] });
  expect(result.errors).toBeUndefined();
  return result.data!.certificationSuccessRates;
}
const yearOf = (rates: any, year: number) => rates.years.find((row: any) => row.year === year);

/** Every key and every scalar value anywhere in a JSON value. */
function walk(value: unknown, keys: string[] = [], values: string[] = []): { keys: string[]; values: string[] } {
  if (Array.isArray(value)) value.forEach((item) => walk(item, keys, values));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      keys.push(key);
      walk(inner, keys, values);
    }
  } else if (value !== null && value !== undefined) values.push(String(value));
  return { keys, values };
}

beforeAll(async () => {
  server = await startIsolatedServer();
  const logins = { admin: 'admin', partnerA: 'partner-a', juror1: 'juror1', c03: 'candidate03', c06: 'candidate06', c07: 'candidate07', c08: 'candidate08', c09: 'candidate09', c18: 'candidate18' };
  await Promise.all(Object.entries(logins).map(async ([key, login]) => (token[key] = await loginAs(server.graphqlUrl, `${login}@demo.certijury.fr`))));
  for (const who of ['c03', 'c06', 'c07', 'c08', 'c09', 'c18']) {
    attemptOf[who] = ((await as(who, MY_FEEDBACK)).data!.myAttempts as any[])[0].id;
  }
  for (const certification of (await as(null, CATALOGUE)).data!.certifications as any[]) certificationIdOf[certification.code] = certification.id;
  expect(certificationIdOf.CQP0107).toBeTruthy();
});

afterAll(async () => {
  await server?.stop();
});

describe('feedback on the certification process', () => {
  it('is refused before the oral is over, and nothing is written', async () => {
    for (const who of ['c03', 'c06']) {
      expect((await myAttempt(who)).feedbackOpen).toBe(false);
      const refused = await as(who, SUBMIT, { attemptId: attemptOf[who], input: { ratings: allRated(4) } });
      expect(codeOf(refused)).toBe('INVALID_STATE');
      expect(refused.errors![0].message).toContain('oral');
      expect((await myAttempt(who)).feedback).toBeNull();
    }
  });

  it('refuses invalid ratings with a typed error per field, in the caller’s language, and writes nothing', async () => {
    const ratings = allRated(4);
    ratings[1] = { question: 'ORGANISATION', rating: 6 };
    ratings[2] = { question: 'WELCOME', rating: 0 };
    const invalid = await as('c07', SUBMIT, { attemptId: attemptOf.c07, input: { ratings, comment: 'x'.repeat(2001) } });
    expect(codeOf(invalid)).toBe('VALIDATION_FAILED');
    const fields = invalid.errors![0].extensions!.fields as { path: (string | number)[]; message: string }[];
    const paths = fields.map((field) => field.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['input.ratings.1.rating', 'input.ratings.2.rating', 'input.comment']));
    expect(fields.find((field) => field.path.join('.') === 'input.ratings.1.rating')!.message).toBe('La note va de 1 à 5.');

    const incomplete = await as('c07', SUBMIT, { attemptId: attemptOf.c07, input: { ratings: [...allRated(3).slice(0, 5), { question: 'INFORMATION', rating: 2 }] } }, 'en');
    const incompleteFields = incomplete.errors![0].extensions!.fields as { path: (string | number)[]; message: string }[];
    expect(incompleteFields).toEqual(
      expect.arrayContaining([
        { path: ['input', 'ratings', 5, 'question'], message: 'Question rated twice: information.' },
        { path: ['input', 'ratings'], message: 'Rate every question; missing: conditions, overall.' },
      ]),
    );
    const unknown = await as('c07', SUBMIT, { attemptId: attemptOf.c07, input: { ratings: [{ question: 'TRAINING', rating: 5 }] } });
    expect(unknown.errors).toBeDefined();
    expect((await myAttempt('c07')).feedback).toBeNull();
    expect((await myAttempt('c07')).feedbackOpen).toBe(true);
  });

  it('is accepted once the jury has decided (before publication: "à chaud"), shown to the candidate, audited without its content', async () => {
    const mine = await myAttempt('c07');
    expect(mine.state).toBe('DECIDED');
    expect(mine.feedbackOpen).toBe(true);
    const ratings = allRated(4).map((answer, index) => ({ ...answer, rating: (index % 5) + 1 }));
    const given = await as('c07', SUBMIT, { attemptId: attemptOf.c07, input: { ratings, comment: '  Jury attentif, consignes claires.  ' } });
    expect(given.errors).toBeUndefined();
    const attempt = given.data!.submitFeedback;
    expect(attempt.feedbackOpen).toBe(false);
    expect(attempt.feedback).toMatchObject({ questionSetVersion: 1, comment: 'Jury attentif, consignes claires.', ratings });
    expect((await myAttempt('c07')).feedback).toMatchObject({ id: attempt.feedback.id, ratings });

    const audit = (await as('admin', `query ($id: ID!) { auditEntries(entityType: "Feedback", entityId: $id) { action data } }`, { id: attempt.feedback.id })).data!.auditEntries;
    expect(audit).toEqual([{ action: 'feedback.submitted', data: { attemptId: attemptOf.c07 } }]);
    // Nobody else reads the row: not the partner, not an admin.
    const byOthers = `query ($id: ID!) { candidate(id: $id) { attempts { id feedbackOpen feedback { id } } } }`;
    for (const who of ['admin', 'partnerA']) {
      const seen = (await as(who, byOthers, { id: await candidateIdOf('candidate07') })).data!.candidate.attempts[0];
      expect(seen).toMatchObject({ feedback: null, feedbackOpen: false });
    }
  });

  it('is refused the second time with a feedback-specific ALREADY_EXISTS, in French and English', async () => {
    const again = await as('c07', SUBMIT, { attemptId: attemptOf.c07, input: { ratings: allRated(5) } });
    expect(codeOf(again)).toBe('ALREADY_EXISTS');
    expect(again.errors![0].message).toBe('Vous avez déjà donné votre retour sur ce passage : il ne peut être donné qu’une fois.');
    const english = await as('c07', SUBMIT, { attemptId: attemptOf.c07, input: { ratings: allRated(5) } }, 'en');
    expect(english.errors![0].message).toBe('You have already given your feedback on this attempt: it can be given only once.');
    expect((await myAttempt('c07')).feedback.ratings[0].rating).toBe(1); // unchanged
  });

  it('keeps one row when the same candidate submits twice at once', async () => {
    const rs = certificationIdOf.RS5302;
    const before = (await as('admin', REPORT, { id: rs })).data!.feedbackReport.answers;
    const [first, second] = await Promise.all([
      as('c09', SUBMIT, { attemptId: attemptOf.c09, input: { ratings: allRated(5), comment: 'Premier envoi' } }),
      as('c09', SUBMIT, { attemptId: attemptOf.c09, input: { ratings: allRated(2), comment: 'Second envoi' } }),
    ]);
    const outcomes = [first, second].map((result) => (result.errors ? codeOf(result) : 'OK')).sort();
    expect(outcomes).toEqual(['ALREADY_EXISTS', 'OK']);
    expect((await as('admin', REPORT, { id: rs })).data!.feedbackReport.answers).toBe(before + 1);
  });

  it('is refused for another candidate’s attempt (NOT_FOUND), and to partners, jurors and admins (FORBIDDEN)', async () => {
    expect(codeOf(await as('c08', SUBMIT, { attemptId: attemptOf.c18, input: { ratings: allRated(1) } }))).toBe('NOT_FOUND');
    for (const who of ['partnerA', 'juror1', 'admin']) {
      expect(codeOf(await as(who, SUBMIT, { attemptId: attemptOf.c18, input: { ratings: allRated(1) } }))).toBe('FORBIDDEN');
    }
    expect(codeOf(await as(null, SUBMIT, { attemptId: attemptOf.c18, input: { ratings: allRated(1) } }))).toBe('UNAUTHENTICATED');
    expect((await myAttempt('c18')).feedbackOpen).toBe(true);
  });
});

describe('the anonymous feedback report', () => {
  it('aggregates last year’s CQP0107 answers, with nothing pointing to a candidate, an attempt, a partner or a date', async () => {
    const report = (await as('admin', REPORT, { id: certificationIdOf.CQP0107, year: LAST_YEAR })).data!.feedbackReport;
    expect(report).toMatchObject({ year: LAST_YEAR, questionSetVersion: 1, answers: 7, minAnswers: 5, withheld: false, commentCount: 4 });
    expect(report.questions.find((q: any) => q.question === 'INFORMATION')).toEqual({ question: 'INFORMATION', answers: 7, average: 3.86, distribution: [0, 1, 1, 3, 2] });
    expect(report.questions.find((q: any) => q.question === 'JURY')).toEqual({ question: 'JURY', answers: 7, average: 4, distribution: [0, 1, 1, 2, 3] });
    expect(report.comments).toHaveLength(4);
    expect(report.comments).toEqual([...report.comments].sort((a: string, b: string) => a.localeCompare(b, 'fr')));

    // Everything that could identify someone, from the admin's own view of the candidates.
    const candidates = (await as('admin', `{ candidates(first: 100) { edges { node { id fileNumber firstName birthName email partner { id name } attempts { id } } } } }`)).data!.candidates.edges;
    const identifying = new Set<string>();
    for (const { node } of candidates) {
      for (const value of [node.id, node.fileNumber, node.birthName, node.email, node.partner.id, node.partner.name, ...node.attempts.map((a: any) => a.id)]) identifying.add(value);
    }
    expect([...identifying]).toContain('GUILLOT'); // a CQP0107 candidate who commented
    const { keys, values } = walk(report);
    for (const value of values) {
      for (const secret of identifying) expect(value.includes(secret), `${secret} in ${value}`).toBe(false);
      expect(value).not.toMatch(/\d{4}-\d{2}-\d{2}/); // no date
    }
    for (const key of keys) expect(key).not.toMatch(/candidate|attempt|partner|date|createdAt|submitted|email|name/i);
  });

  it('gives counts only below 5 answers', async () => {
    const report = (await as('admin', REPORT, { id: certificationIdOf.CQP0107, year: THIS_YEAR })).data!.feedbackReport;
    expect(report).toMatchObject({ answers: 2, withheld: true, commentCount: 1, comments: [] });
    expect(report.questions.every((q: any) => q.average === null && q.distribution === null && q.answers === 2)).toBe(true);
    // All years (9) minus last year (7, published) would isolate this year's 2 answers: the all-years report is
    // withheld too (complementary suppression), so no subtraction recovers them.
    const allYears = (await as('admin', REPORT, { id: certificationIdOf.CQP0107 })).data!.feedbackReport;
    expect(allYears).toMatchObject({ year: null, answers: 9, withheld: true, commentCount: 5, comments: [] });
    expect(allYears.questions.every((q: any) => q.average === null && q.distribution === null)).toBe(true);
  });

  it('is for the certifier’s admins only', async () => {
    for (const who of ['partnerA', 'juror1', 'c08']) expect(codeOf(await as(who, REPORT, { id: certificationIdOf.CQP0107 }))).toBe('FORBIDDEN');
    expect(codeOf(await as(null, REPORT, { id: certificationIdOf.CQP0107 }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await as('admin', REPORT, { id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    expect(codeOf(await as('admin', REPORT, { id: certificationIdOf.CQP0107, year: 99 }))).toBe('VALIDATION_FAILED');
  });
});

describe('public success rates', () => {
  it('withholds this year (5 decided) at the default threshold of 10, and last year (12) beside it, for anyone', async () => {
    const rates = await ratesOf('CQP0107');
    expect(rates.minCandidates).toBe(10);
    expect(rates.years.map((row: any) => row.year)).toEqual([THIS_YEAR, LAST_YEAR]);
    // Published, last year would give this year away: overall (17) minus last year (12) = 5 (complementary suppression).
    expect(yearOf(rates, LAST_YEAR)).toEqual({ year: LAST_YEAR, published: false, decided: null, certified: null, partiallyCertified: null, rate: null });
    expect(yearOf(rates, THIS_YEAR)).toEqual({ year: THIS_YEAR, published: false, decided: null, certified: null, partiallyCertified: null, rate: null });
    expect(rates.overall).toEqual({ year: null, published: true, decided: 17, certified: 11, partiallyCertified: 3, rate: 0.647 });
    // The catalogue agrees: same figures on Certification.successRates and Certification.successRate.
    const card = ((await as(null, CATALOGUE)).data!.certifications as any[]).find((c) => c.code === 'CQP0107');
    expect(card.successRates).toEqual(rates);
    expect(card.successRate).toEqual({ rate: 0.647, certified: 11, published: 17 });
  });

  it('publishes a year at exactly the threshold and withholds it one below; a superseded decision never counts', async () => {
    await setMinCandidates('CQP0107', 5);
    // This year: 5 attempts, one of them decided NOT_CERTIFIED, then re-decided PARTIALLY_CERTIFIED after an appeal.
    expect(yearOf(await ratesOf('CQP0107'), THIS_YEAR)).toEqual({ year: THIS_YEAR, published: true, decided: 5, certified: 3, partiallyCertified: 1, rate: 0.6 });
    await setMinCandidates('CQP0107', 6);
    expect(yearOf(await ratesOf('CQP0107'), THIS_YEAR).published).toBe(false);
    await setMinCandidates('CQP0107', 5);
    expect(yearOf(await ratesOf('CQP0107'), LAST_YEAR)).toMatchObject({ published: true, decided: 12 });
    await setMinCandidates('CQP0107', 12);
    expect(yearOf(await ratesOf('CQP0107'), LAST_YEAR)).toMatchObject({ published: false }); // beside this year's 5
    await setMinCandidates('CQP0107', 13);
    const rates = await ratesOf('CQP0107');
    expect(yearOf(rates, LAST_YEAR)).toMatchObject({ published: false, decided: null, rate: null });
    expect(rates.overall).toMatchObject({ published: true, decided: 17 });
    await setMinCandidates('CQP0107', 10);
  });

  it('does not count an unpublished result until it is published', async () => {
    await setMinCandidates('RS5302', 1);
    const result = (await as('admin', `query ($id: ID!) { candidate(id: $id) { attempts { result { id juryDate published } } } }`, {
      id: await candidateIdOf('candidate07'),
    })).data!.candidate.attempts[0].result;
    expect(result.published).toBe(false);
    const juryYear = Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date(result.juryDate)));
    const before = yearOf(await ratesOf('RS5302'), juryYear)?.decided ?? 0;
    const overallBefore = (await ratesOf('RS5302')).overall.decided;
    const published = await as('admin', `mutation ($id: ID!) { publishResult(resultId: $id) { id } }`, { id: result.id });
    expect(published.errors).toBeUndefined();
    const after = await ratesOf('RS5302');
    expect(yearOf(after, juryYear).decided).toBe(before + 1);
    expect(after.overall.decided).toBe(overallBefore + 1);
    await setMinCandidates('RS5302', 10);
  });

  it('answers null for an unknown certification', async () => {
    expect((await as(null, RATES, { id: '00000000-0000-4000-8000-000000000000' })).data!.certificationSuccessRates).toBeNull();
  });
});

describe('the admins’ breakdown', () => {
  it('by partner and by block for last year, small rows labelled but shown', async () => {
    const breakdown = (await as('admin', BREAKDOWN, { id: certificationIdOf.CQP0107, year: LAST_YEAR })).data!.successRateBreakdown;
    expect(breakdown).toMatchObject({ year: LAST_YEAR, minCandidates: 10 });
    expect(breakdown.byPartner.map(({ partnerId: _id, ...row }: any) => row)).toEqual([
      { partnerName: 'Atelier Compétences', decided: 5, certified: 3, partiallyCertified: 1, rate: 0.6, smallSample: true },
      { partnerName: 'Formapro Conseil', decided: 7, certified: 5, partiallyCertified: 1, rate: 0.714, smallSample: true },
    ]);
    expect(breakdown.byBlock).toEqual([
      { code: 'CQP0107BC01', title: 'Contrôler la conformité des produits', inScope: 12, validated: 10, rate: 0.833, smallSample: false },
      { code: 'CQP0107BC02', title: 'Traiter les non-conformités', inScope: 12, validated: 9, rate: 0.75, smallSample: false },
      { code: 'CQP0107BC03', title: 'Animer la démarche qualité en atelier', inScope: 12, validated: 8, rate: 0.667, smallSample: false },
    ]);
  });

  it('this year: only the blocks in each attempt’s scope, the current decision only', async () => {
    const breakdown = (await as('admin', BREAKDOWN, { id: certificationIdOf.CQP0107, year: THIS_YEAR })).data!.successRateBreakdown;
    expect(breakdown.byPartner.map((row: any) => [row.partnerName, row.decided, row.certified, row.partiallyCertified])).toEqual([
      ['Atelier Compétences', 2, 1, 0],
      ['Formapro Conseil', 3, 2, 1],
    ]);
    expect(breakdown.byBlock.map((row: any) => [row.code, row.inScope, row.validated, row.smallSample])).toEqual([
      ['CQP0107BC01', 4, 3, true],
      ['CQP0107BC02', 4, 2, true],
      ['CQP0107BC03', 5, 3, true],
    ]);
    const allYears = (await as('admin', BREAKDOWN, { id: certificationIdOf.CQP0107 })).data!.successRateBreakdown;
    expect(allYears.byPartner.map((row: any) => [row.partnerName, row.decided, row.certified, row.smallSample])).toEqual([
      ['Atelier Compétences', 7, 4, true],
      ['Formapro Conseil', 10, 7, false],
    ]);
  });

  it('is for the certifier’s admins only, with a valid year', async () => {
    for (const who of ['partnerA', 'juror1', 'c08']) expect(codeOf(await as(who, BREAKDOWN, { id: certificationIdOf.CQP0107 }))).toBe('FORBIDDEN');
    expect(codeOf(await as(null, BREAKDOWN, { id: certificationIdOf.CQP0107 }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await as('admin', BREAKDOWN, { id: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    const invalid = await as('admin', BREAKDOWN, { id: certificationIdOf.CQP0107, year: 1850 });
    expect(codeOf(invalid)).toBe('VALIDATION_FAILED');
    expect(invalid.errors![0].extensions!.fields[0].path).toEqual(['year']);
  });
});
