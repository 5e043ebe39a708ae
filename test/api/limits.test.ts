// Limits that hold on every transport, against real servers: query depth, breadth (aliases) and complexity on
// HTTP and WebSocket alike, the request body size, CSRF prevention kept on, and introspection off in production
// unless GRAPHQL_INTROSPECTION=true.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { gql, loginAs, wsClient } from '../support/graphql.ts';

let server: TestServer;
let token = '';

beforeAll(async () => {
  server = await startIsolatedServer({ env: { MAX_BODY_BYTES: '20000', GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_BREADTH: '30' } });
  token = await loginAs(server.graphqlUrl, 'admin@demo.certijury.fr');
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

/** The same operation over the WebSocket: its first error code. */
async function overSocket(query: string): Promise<string | undefined> {
  const client = wsClient(server.wsUrl, token);
  try {
    return await new Promise<string | undefined>((resolve, reject) => {
      client.subscribe(
        { query },
        {
          next: (value) => resolve((value.errors?.[0]?.extensions as { code?: string } | undefined)?.code),
          error: (error) => (Array.isArray(error) ? resolve(error[0]?.extensions?.code) : reject(error)),
          complete: () => resolve(undefined),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

// candidates → edges → node → attempts → booking → slot → session → certification → code: depth 9 > 6.
const DEEP = `{ candidates(first: 1) { edges { node { attempts { booking { slot { session { certification { code } } } } } } } } }`;
const WIDE = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: certifications { code }`).join(' ')} }`;

describe('query limits on HTTP and WebSocket', () => {
  it('refuses a query deeper than GRAPHQL_MAX_DEPTH', async () => {
    const http = await gql(server.graphqlUrl, DEEP, {}, { token });
    expect(http.errors?.[0].extensions?.code).toBe('LIMIT_EXCEEDED');
    expect(http.errors?.[0].message).toMatch(/depth/);
    expect(await overSocket(DEEP)).toBe('LIMIT_EXCEEDED');
  });

  it('refuses more aliased fields than GRAPHQL_MAX_BREADTH', async () => {
    const http = await gql(server.graphqlUrl, WIDE, {}, { token });
    expect(http.errors?.[0].extensions?.code).toBe('LIMIT_EXCEEDED');
    expect(await overSocket(WIDE)).toBe('LIMIT_EXCEEDED');
  });

  it('answers a query within the limits', async () => {
    const ok = await gql(server.graphqlUrl, '{ certifications { code } }', {}, { token });
    expect(ok.errors).toBeUndefined();
  });
});

describe('HTTP', () => {
  it('refuses a body larger than MAX_BODY_BYTES with 413 and a typed error', async () => {
    // node:http, not fetch, so that a reset after the answer (the server closes the connection) is tolerated.
    const body = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(30_000) } });
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = httpRequest(server.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      });
      request.on('error', (error) => (String(error).includes('EPIPE') || String(error).includes('ECONNRESET') ? undefined : reject(error)));
      request.end(body);
    });
    expect(status).toBe(413);
    expect((JSON.parse(text) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('LIMIT_EXCEEDED');
  });

  it('keeps CSRF prevention on: a simple cross-site request is refused', async () => {
    // A form post or a GET without a preflight-triggering header is what a malicious page can send.
    const response = await fetch(`${server.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`, { method: 'GET' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({ message: expect.stringMatching(/CSRF/), extensions: { code: 'BAD_REQUEST' } });
  });
});

describe('introspection', () => {
  const INTROSPECT = '{ __schema { queryType { name } } }';

  it('is off in production, on only with GRAPHQL_INTROSPECTION=true', async () => {
    const production = await startIsolatedServer({ env: { NODE_ENV: 'production', SEED_DEMO: 'false' } });
    const allowed = await startIsolatedServer({ env: { NODE_ENV: 'production', SEED_DEMO: 'false', GRAPHQL_INTROSPECTION: 'true' } });
    try {
      const refused = await gql(production.graphqlUrl, INTROSPECT);
      expect(refused.errors?.[0].message).toMatch(/introspection/i);
      expect(JSON.stringify(refused)).not.toMatch(/stacktrace|\.ts:\d+/);
      expect((await gql(allowed.graphqlUrl, INTROSPECT)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await Promise.all([production.stop(), allowed.stop()]);
    }
  }, 90_000);
});
