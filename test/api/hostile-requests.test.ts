// Requests from outside that used to end the process or leak through untyped (issue 21, issue 20 point 4), against a
// production server: malformed paths on the static handler, a sibling folder named like the client's, request errors
// of every kind answered with a code of `enum ErrorCode` in the caller's language on HTTP and WebSocket, no
// introspection nor "Did you mean" suggestions on any transport, no landing page.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../server/src/lib/errors.ts';
import { startIsolatedServer, startServer, type TestServer } from '../support/server.ts';
import { gql, wsClient } from '../support/graphql.ts';

let server: TestServer;
let dir = '';

beforeAll(async () => {
  // A client folder of our own, and a sibling whose name starts with the client folder's (`dist-private`).
  dir = mkdtempSync(join(tmpdir(), 'certijury-static-'));
  mkdirSync(join(dir, 'dist/assets'), { recursive: true });
  mkdirSync(join(dir, 'dist-private'));
  writeFileSync(join(dir, 'dist/index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(dir, 'dist/assets/app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'dist-private/secret.txt'), 'TOP SECRET');
  server = await startIsolatedServer({ env: { NODE_ENV: 'production', PUBLIC_URL: 'https://certification.example.fr', CLIENT_DIST: join(dir, 'dist'), MAX_BODY_BYTES: '20000' } });
}, 90_000);

afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const healthy = async () => expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
type Body = { errors?: { message: string; extensions: { code: string; fields?: { path: (string | number)[] }[] } }[] };
const post = async (body: string, headers: Record<string, string> = {}) => {
  const response = await fetch(server.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, body: (await response.json()) as Body };
};
const KNOWN = new Set<string>(ERROR_CODES);

describe('static files', () => {
  it('answers a malformed percent-encoding 400 and keeps running', async () => {
    for (const path of ['/%', '/%E0%A4%A', '/assets/%ff%', '/%00']) {
      const response = await fetch(`${server.url}${path}`, { headers: { 'accept-language': 'en' } });
      expect(response.status, path).toBe(400);
      expect(((await response.json()) as Body).errors?.[0]).toMatchObject({ message: expect.stringMatching(/^Invalid request/), extensions: { code: 'BAD_REQUEST' } });
      await healthy();
    }
    expect(await (await fetch(`${server.url}/assets/app.js`)).text()).toBe('console.log(1)');
  });

  it('hides /metrics in production when no METRICS_TOKEN is set', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
  });

  it('serves nothing from a sibling folder whose name starts like the client folder', async () => {
    const response = await fetch(`${server.url}/..%2fdist-private%2fsecret.txt`);
    expect(await response.text()).not.toContain('TOP SECRET');
  });
});

describe('security headers', () => {
  it('sets a Content-Security-Policy, no framing and no Referer on the app, its assets, /admin, /appeal/* and the API', async () => {
    for (const path of ['/', '/assets/app.js', '/admin', '/appeal/some-token', '/graphql', '/healthz']) {
      const response = await fetch(`${server.url}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/default-src 'self'/);
      expect(csp, path).toMatch(/script-src 'self'(;|$)/);
      expect(csp, path).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('strict-transport-security'), path).toMatch(/max-age=/);
    }
  });
});

describe('request errors are typed and translated', () => {
  const LOGIN = 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';

  it('a variable of the wrong type is VALIDATION_FAILED on the variable, in French and English', async () => {
    const wrongType = JSON.stringify({ query: 'mutation ($email: String!) { login(email: $email, password: "x") { token } }', variables: { email: 3 } });
    const fr = await post(wrongType, { 'accept-language': 'fr' });
    const en = await post(wrongType, { 'accept-language': 'en' });
    for (const answer of [fr, en]) {
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
      expect(answer.body.errors?.[0].extensions.fields?.[0].path).toEqual(['variables', 'email']);
    }
    expect(fr.body.errors?.[0].message).toMatch(/^Certaines informations sont invalides/);
    expect(en.body.errors?.[0].message).toMatch(/^Some information is invalid/);
  });

  it('malformed JSON, a raw NUL, a lone surrogate and an oversized body answer codes of enum ErrorCode', async () => {
    const broken = await post('{"query": ', { 'accept-language': 'en' });
    expect(broken).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_REQUEST' } }] } });
    expect(broken.body.errors?.[0].message).toMatch(/^Invalid request/);
    const rawNul = await post(`{"query":${JSON.stringify(LOGIN)},"variables":{"email":"a\u0000b","password":"x"}}`);
    expect(rawNul).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'VALIDATION_FAILED' } }] } });
    for (const headers of [{}, { 'accept-language': 'en' }]) {
      // JSON.stringify writes a lone surrogate as the escape `\ud800`: valid JSON, no character.
      const surrogate = await post(JSON.stringify({ query: LOGIN, variables: { email: 'a@b.fr', password: 'x\ud800y' } }), headers);
      expect(surrogate.status).toBe(400);
      expect(surrogate.body.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: ['variables', 'password'] }] });
    }
    const inline = await post(JSON.stringify({ query: `mutation { login(email: "a@b.fr", password: "\udc00") { token } }` }));
    expect(inline.body.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: ['query'] }] });
    const large = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = httpRequest(server.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en' } }, (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      });
      request.on('error', (error) => (/EPIPE|ECONNRESET/.test(String(error)) ? undefined : reject(error)));
      request.end(JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(30_000) } }));
    });
    expect(large.status).toBe(413);
    expect(JSON.parse(large.text).errors[0]).toMatchObject({ message: expect.stringMatching(/^Request too large/), extensions: { code: 'LIMIT_EXCEEDED' } });
    await healthy();
  });

  it('every HTTP refusal of a malformed request is a known code', async () => {
    const answers = await Promise.all([
      post('{}'),
      post('[]'),
      post('null'),
      post(JSON.stringify({ query: '{' })),
      post(JSON.stringify({ query: 'query A { __typename } query B { __typename }' })),
      post(JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } })),
      fetch(`${server.graphqlUrl}?query=%7B__typename%7D`).then(async (response) => ({ status: response.status, body: (await response.json()) as Body })),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      for (const error of answer.body.errors ?? []) expect(KNOWN.has(error.extensions.code), error.extensions.code).toBe(true);
    }
  });

  it('refuses a lone surrogate on the WebSocket as VALIDATION_FAILED on the field', async () => {
    const client = wsClient(server.wsUrl);
    try {
      const error = await new Promise<Body['errors']>((resolve, reject) => {
        client.subscribe(
          { query: LOGIN, variables: { email: 'a@b.fr', password: '\ud800' } },
          { next: (value) => resolve(value.errors as Body['errors']), error: (errors) => (Array.isArray(errors) ? resolve(errors as Body['errors']) : reject(errors)), complete: () => resolve(undefined) },
        );
      });
      expect(error?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: ['variables', 'password'] }] });
    } finally {
      await client.dispose();
    }
  });

  it('answers a variable of the wrong type on the WebSocket as VALIDATION_FAILED, in English when asked', async () => {
    const client = wsClient(server.wsUrl, undefined, { locale: 'en' });
    try {
      const error = await new Promise<Body['errors']>((resolve, reject) => {
        client.subscribe(
          { query: LOGIN, variables: { email: 3, password: 'x' } },
          { next: (value) => resolve(value.errors as Body['errors']), error: (errors) => (Array.isArray(errors) ? resolve(errors as Body['errors']) : reject(errors)), complete: () => resolve(undefined) },
        );
      });
      expect(error?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: ['variables', 'email'] }] });
      expect(error?.[0].message).toMatch(/^Some information is invalid/);
    } finally {
      await client.dispose();
    }
  });
});

describe('the schema is not disclosed in production', () => {
  /** The first error of an operation over the WebSocket (anonymous). */
  const overSocket = async (query: string) => {
    const client = wsClient(server.wsUrl);
    try {
      return await new Promise<{ message: string; extensions?: { code?: string } } | undefined>((resolve, reject) => {
        client.subscribe(
          { query },
          { next: (value) => resolve(value.errors?.[0] as never), error: (errors) => (Array.isArray(errors) ? resolve(errors[0]) : reject(errors)), complete: () => resolve(undefined) },
        );
      });
    } finally {
      await client.dispose();
    }
  };

  it('refuses introspection over the WebSocket as over HTTP', async () => {
    const socket = await overSocket('{ __schema { queryType { name } } }');
    expect(socket?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await overSocket('{ __type(name: "Query") { name } }')).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const http = await gql(server.graphqlUrl, '{ __schema { queryType { name } } }');
    expect(http.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(http.data ?? null).toBeNull();
  });

  it('gives no "Did you mean" suggestions on HTTP or the WebSocket', async () => {
    const typo = '{ certificationz { code } }';
    const http = await gql(server.graphqlUrl, typo);
    expect(http.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(http)).not.toMatch(/Did you mean|certifications/);
    const socket = await overSocket(typo);
    expect(socket?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(socket?.message).not.toMatch(/Did you mean|certifications/);
    const enumTypo = await gql(server.graphqlUrl, '{ certificationSuccessRates(registry: RNCPP) { __typename } }');
    expect(JSON.stringify(enumTypo)).not.toMatch(/Did you mean/);
  });

  it('serves no landing page on GET /graphql in production', async () => {
    const response = await fetch(server.graphqlUrl, { headers: { accept: 'text/html' } });
    const text = await response.text();
    expect(text).not.toMatch(/<html|cdn\.|apollo-server|@apollo\/server|landing/i);
    expect(response.status).toBeLessThan(500);
  });
});

describe('production configuration', () => {
  it('refuses to start without PUBLIC_URL or APP_SECRET, saying which', async () => {
    await expect(startServer({ env: { NODE_ENV: 'production', PUBLIC_URL: undefined } })).rejects.toThrow(/required in production: PUBLIC_URL/);
    await expect(startServer({ env: { NODE_ENV: 'production', APP_SECRET: undefined } })).rejects.toThrow(/required in production: APP_SECRET/);
  }, 60_000);
});
