// Login rate limiting, through the API: failed sign-ins are counted per account and per client IP; past the
// limit, sign-in is refused with RATE_LIMITED and the seconds to wait, even with the right password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { DEMO_PASSWORD, gql } from '../support/graphql.ts';

let server: TestServer;
const LOGIN = 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';
const attempt = (email: string, password: string, locale?: string) => gql(server.graphqlUrl, LOGIN, { email, password }, { locale });
const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code ?? 'OK';

beforeAll(async () => {
  server = await startIsolatedServer({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '8', LOGIN_FAILURE_WINDOW_SECONDS: '600', TRUST_PROXY: 'true' } });
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

describe('login rate limiting', () => {
  it('locks an account after too many failures, even for the right password, and says how long to wait', async () => {
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push(codeOf(await attempt('juror1@demo.certijury.fr', 'wrong-password')));
    expect(codes).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS']);
    const locked = await attempt('Juror1@Demo.Certijury.fr', DEMO_PASSWORD);
    expect(codeOf(locked)).toBe('RATE_LIMITED');
    expect(locked.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(500);
    expect(locked.errors![0].message).toMatch(/^Trop de tentatives ; réessayez dans \d+ secondes\.$/);
    expect((await attempt('juror1@demo.certijury.fr', DEMO_PASSWORD, 'en')).errors![0].message).toMatch(/^Too many attempts; try again in \d+ seconds\.$/);
    // Other accounts are not affected by one account's lock.
    expect(codeOf(await attempt('juror2@demo.certijury.fr', DEMO_PASSWORD))).toBe('OK');
  });

  it('clears an account’s count on success', async () => {
    for (let i = 0; i < 2; i++) expect(codeOf(await attempt('juror3@demo.certijury.fr', 'wrong-password'))).toBe('INVALID_CREDENTIALS');
    expect(codeOf(await attempt('juror3@demo.certijury.fr', DEMO_PASSWORD))).toBe('OK');
    for (let i = 0; i < 2; i++) expect(codeOf(await attempt('juror3@demo.certijury.fr', 'wrong-password'))).toBe('INVALID_CREDENTIALS');
    expect(codeOf(await attempt('juror3@demo.certijury.fr', DEMO_PASSWORD))).toBe('OK');
  });

  it('limits one client IP across accounts, unknown ones included', async () => {
    // 3 + 2 + 2 failures so far from this IP; the 8th spends the IP's allowance of 8.
    expect(codeOf(await attempt('nobody@example.fr', 'x'))).toBe('INVALID_CREDENTIALS');
    expect(codeOf(await attempt('partner-a@demo.certijury.fr', DEMO_PASSWORD))).toBe('RATE_LIMITED');
  });

  /** One sign-in from the given client IP (the server trusts X-Forwarded-For in this file). */
  const attemptFrom = async (ip: string, email: string, password: string) => {
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ query: LOGIN, variables: { email, password } }),
    });
    return codeOf((await response.json()) as { errors?: { extensions?: Record<string, any> }[] });
  };
  const tally = (codes: string[]) => codes.reduce<Record<string, number>>((counts, code) => ({ ...counts, [code]: (counts[code] ?? 0) + 1 }), {});

  it('never evaluates more guesses than the allowance when they arrive at the same time', async () => {
    // 39 wrong passwords and the right one last, all in flight at once, from different IPs: only 3 are evaluated.
    const guesses = [...Array.from({ length: 39 }, (_, i) => `wrong-${i}`), DEMO_PASSWORD];
    const codes = await Promise.all(guesses.map((password, i) => attemptFrom(`10.1.0.${i + 1}`, 'juror4@demo.certijury.fr', password)));
    const counts = tally(codes);
    expect((counts.INVALID_CREDENTIALS ?? 0) + (counts.OK ?? 0), JSON.stringify(counts)).toBeLessThanOrEqual(3);
    expect(counts.RATE_LIMITED).toBeGreaterThanOrEqual(37);
    expect(codes.at(-1)).toBe('RATE_LIMITED');
  });

  it('never evaluates more than the IP allowance of simultaneous failures from one IP', async () => {
    const codes = await Promise.all(Array.from({ length: 80 }, (_, i) => attemptFrom('10.2.0.1', `nobody${i}@example.fr`, 'x')));
    const counts = tally(codes);
    expect(counts.INVALID_CREDENTIALS ?? 0, JSON.stringify(counts)).toBeLessThanOrEqual(8);
    expect(counts.RATE_LIMITED).toBeGreaterThanOrEqual(72);
  });
});
