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
  server = await startIsolatedServer({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '8', LOGIN_FAILURE_WINDOW_SECONDS: '600' } });
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
});
