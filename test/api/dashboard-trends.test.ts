// The admin dashboard's trends (dashboardTrends) through the API of a real server, on the demo data: every month
// of the window is present, ending with the current month in Europe/Paris, zeros included; the counts per month
// and certification are those of the published, current decisions (checked against every attempt's result as the
// admin reads it, and against the known CQP0107 cohorts of prisma/seed-statistics.ts); publishing a result moves
// its month; admins only; `months` is validated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';

let server: TestServer;
const token: Record<string, string> = {};
const THIS_YEAR = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date()));
const LAST_YEAR = THIS_YEAR - 1;

const as = (who: string | null, query: string, variables?: Record<string, unknown>, locale?: string) =>
  gql(server.graphqlUrl, query, variables, { token: who ? token[who] : undefined, locale });
const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code;

const TRENDS = `query ($months: Int) { dashboardTrends(months: $months) {
  from to
  months { month decided certified partiallyCertified rate byCertification { certificationId decided certified partiallyCertified } }
  certifications { certificationId code title }
} }`;
const ATTEMPTS = `{ candidates(first: 100) { totalCount edges { node { attempts { id certification { id code } result { id juryDate outcome published } } } } } }`;

/** 'YYYY-MM' of an instant in Europe/Paris. */
const parisMonth = (instant: Date | string) => {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).formatToParts(new Date(instant));
  return `${parts.find((part) => part.type === 'year')!.value}-${parts.find((part) => part.type === 'month')!.value}`;
};

/** The counts per month and certification, computed from every attempt's published result. */
async function expectedCounts(): Promise<Map<string, { decided: number; certified: number; partiallyCertified: number }>> {
  const answer = await as('admin', ATTEMPTS);
  expect(answer.errors).toBeUndefined();
  expect(answer.data!.candidates.totalCount).toBeLessThanOrEqual(100);
  const counts = new Map<string, { decided: number; certified: number; partiallyCertified: number }>();
  for (const { node } of answer.data!.candidates.edges as any[]) {
    for (const attempt of node.attempts) {
      if (!attempt.result?.published) continue;
      const key = `${parisMonth(attempt.result.juryDate)}|${attempt.certification.id}`;
      const row = counts.get(key) ?? { decided: 0, certified: 0, partiallyCertified: 0 };
      row.decided += 1;
      if (attempt.result.outcome === 'CERTIFIED') row.certified += 1;
      if (attempt.result.outcome === 'PARTIALLY_CERTIFIED') row.partiallyCertified += 1;
      counts.set(key, row);
    }
  }
  return counts;
}

beforeAll(async () => {
  server = await startIsolatedServer();
  for (const who of ['admin', 'candidate01', 'partner-a', 'juror1']) token[who] = await loginAs(server.graphqlUrl, `${who}@demo.certijury.fr`);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('dashboard trends', () => {
  it('gives the 12 months ending with the current one, months without decisions at zero', async () => {
    const answer = await as('admin', TRENDS, {});
    expect(answer.errors).toBeUndefined();
    const trends = answer.data!.dashboardTrends;
    expect(trends.months).toHaveLength(12);
    expect(trends.to).toBe(parisMonth(new Date()));
    expect(trends.months.at(-1).month).toBe(trends.to);
    expect(trends.months[0].month).toBe(trends.from);
    // Consecutive months.
    const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
    trends.months.forEach((month: any, i: number) => i > 0 && expect(index(month.month) - index(trends.months[i - 1].month)).toBe(1));
    const empty = trends.months.filter((month: any) => month.decided === 0);
    expect(empty.length).toBeGreaterThan(0);
    for (const month of empty) expect(month).toMatchObject({ certified: 0, partiallyCertified: 0, rate: null, byCertification: [] });
    expect(trends.months.some((month: any) => month.decided > 0)).toBe(true);
    // The certifications listed are exactly those with decisions in the window.
    const withDecisions = new Set(trends.months.flatMap((month: any) => month.byCertification.map((row: any) => row.certificationId)));
    expect(new Set(trends.certifications.map((c: any) => c.certificationId))).toEqual(withDecisions);
  });

  it('counts the published, current decisions per month and certification, with the right rates', async () => {
    const trends = (await as('admin', TRENDS, { months: 36 })).data!.dashboardTrends;
    expect(trends.months).toHaveLength(36);
    const expected = await expectedCounts();
    const observed = new Map<string, { decided: number; certified: number; partiallyCertified: number }>();
    for (const month of trends.months) {
      const sum = month.byCertification.reduce((total: number, row: any) => total + row.decided, 0);
      expect(month.decided).toBe(sum);
      // Rounded to 3 decimals, as the public success rate.
      if (month.decided) expect(month.rate).toBe(Math.round((month.certified / month.decided) * 1000) / 1000);
      else expect(month.rate).toBeNull();
      for (const { certificationId, ...counts } of month.byCertification) observed.set(`${month.month}|${certificationId}`, counts);
    }
    const inWindow = new Map([...expected].filter(([key]) => key.split('|')[0] >= trends.from));
    expect(observed).toEqual(inWindow);

    // The known CQP0107 cohorts: last year 6 in June (4 certified, 1 partially) and 6 in November (the same).
    const cqp = trends.certifications.find((c: any) => c.code === 'CQP0107');
    expect(cqp).toBeDefined();
    const of = (month: string) => trends.months.find((m: any) => m.month === month)?.byCertification.find((row: any) => row.certificationId === cqp.certificationId);
    for (const month of [`${LAST_YEAR}-06`, `${LAST_YEAR}-11`]) {
      expect(of(month), month).toEqual({ certificationId: cqp.certificationId, decided: 6, certified: 4, partiallyCertified: 1 });
    }
    // This year's cohort: 5 decided once (the decision superseded after an appeal does not count twice).
    const thisYear = trends.months
      .filter((m: any) => m.month.startsWith(`${THIS_YEAR}-`))
      .flatMap((m: any) => m.byCertification.filter((row: any) => row.certificationId === cqp.certificationId));
    expect(thisYear.reduce((total: number, row: any) => total + row.decided, 0)).toBe(5);
  });

  it('moves when a result is published', async () => {
    const toPublish = (await as('admin', `{ resultsToPublish { id attempt { id } } }`)).data!.resultsToPublish as any[];
    expect(toPublish.length).toBeGreaterThan(0);
    const before = await as('admin', TRENDS, { months: 36 });
    const attempts = await as('admin', ATTEMPTS);
    const attempt = (attempts.data!.candidates.edges as any[]).flatMap((edge) => edge.node.attempts).find((a) => a.id === toPublish[0].attempt.id);
    const month = parisMonth(attempt.result.juryDate);
    const published = await as('admin', `mutation ($id: ID!) { publishResult(resultId: $id) { id publishedAt } }`, { id: toPublish[0].id });
    expect(published.errors).toBeUndefined();
    const after = await as('admin', TRENDS, { months: 36 });
    const decidedIn = (answer: any) => answer.data!.dashboardTrends.months.find((m: any) => m.month === month)?.decided ?? 0;
    if (month >= before.data!.dashboardTrends.from) expect(decidedIn(after)).toBe(decidedIn(before) + 1);
    const total = (answer: any) => answer.data!.dashboardTrends.months.reduce((sum: number, m: any) => sum + m.decided, 0);
    expect(total(after) - total(before)).toBe(month >= before.data!.dashboardTrends.from ? 1 : 0);
  });

  it('is for admins only, and validates the number of months', async () => {
    expect(codeOf(await as(null, TRENDS, {}))).toBe('UNAUTHENTICATED');
    for (const who of ['candidate01', 'partner-a', 'juror1']) expect(codeOf(await as(who, TRENDS, {})), who).toBe('FORBIDDEN');
    for (const months of [0, 37]) {
      const wrong = await as('admin', TRENDS, { months }, 'en');
      expect(codeOf(wrong)).toBe('VALIDATION_FAILED');
      expect(wrong.errors![0].extensions!.fields).toEqual([{ path: ['months'], message: 'Invalid number of months (expected: 1 to 36).' }]);
    }
    const french = await as('admin', TRENDS, { months: 0 });
    expect(french.errors![0].extensions!.fields[0].message).toBe('Nombre de mois invalide (attendu : de 1 à 36).');
  });
});
