// The HTTP fast path (server/src/http/graphql-fast-path.ts) answers plain JSON POSTs of known-valid documents
// without Apollo's pipeline. It must answer exactly as Apollo does: the same data and errors (codes, messages in
// the caller's language), the same refusals, and hand Apollo everything it does not take. The Apollo side is
// reached here by a query string on the POST, which Apollo ignores and the fast path leaves to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { loginAs } from '../support/graphql.ts';

let server: TestServer;
let partnerToken = '';

beforeAll(async () => {
  server = await startIsolatedServer();
  partnerToken = await loginAs(server.graphqlUrl, 'partner-a@demo.certijury.fr');
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

type Answer = { status: number; body: Record<string, unknown>; headers: Headers };

async function post(payload: unknown, headers: Record<string, string> = {}, url = server.graphqlUrl): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

/** The same request on both paths: fast, and Apollo's (a POST with a query string, which the fast path leaves). */
async function bothPaths(payload: unknown, headers: Record<string, string> = {}) {
  const fast = await post(payload, headers);
  const apollo = await post(payload, headers, `${server.graphqlUrl}?via=apollo`);
  return { fast, apollo };
}

/** What urql (our client) sends. */
const URQL_ACCEPT = 'application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed';

const PAGE = 'query Page($first: Int) { candidates(first: $first) { totalCount edges { node { fileNumber attempts { state result { outcome } certificates { id } } } } } }';

describe('GraphQL over HTTP, fast path', () => {
  it('answers a known document like Apollo, data and headers', async () => {
    await post({ query: PAGE, variables: { first: 3 } }, { authorization: `Bearer ${partnerToken}` }); // now cached as valid
    const { fast, apollo } = await bothPaths({ query: PAGE, variables: { first: 3 } }, { authorization: `Bearer ${partnerToken}` });
    expect(fast.status).toBe(200);
    expect(fast.body).toEqual(apollo.body);
    expect((fast.body.data as { candidates: { edges: unknown[] } }).candidates.edges).toHaveLength(3);
    expect(fast.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(fast.headers.get('cache-control')).toBe('no-store');
  });

  it('answers our client’s Accept list as Apollo does: application/graphql-response+json', async () => {
    const headers = { authorization: `Bearer ${partnerToken}`, accept: URQL_ACCEPT };
    const { fast, apollo } = await bothPaths({ query: PAGE, variables: { first: 2 } }, headers);
    expect(fast.body).toEqual(apollo.body);
    expect(fast.headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    expect(apollo.headers.get('content-type')).toBe(fast.headers.get('content-type'));
    // A weighted list is Apollo's to negotiate.
    const weighted = await post({ query: PAGE, variables: { first: 2 } }, { ...headers, accept: 'application/json;q=0.9, application/graphql-response+json' });
    expect(weighted.body).toEqual(fast.body);
  });

  it('formats resolver errors the same way, in the caller’s language', async () => {
    for (const language of ['fr', 'en']) {
      const { fast, apollo } = await bothPaths({ query: '{ candidates(first: 1) { totalCount } }' }, { 'accept-language': language });
      expect(fast.status).toBe(200);
      expect(fast.body).toEqual(apollo.body);
      const [error] = fast.body.errors as { message: string; extensions: { code: string } }[];
      expect(error.extensions.code).toBe('UNAUTHENTICATED');
      expect(error.message).not.toBe('');
    }
    const french = await post({ query: '{ candidates(first: 1) { totalCount } }' }, { 'accept-language': 'fr' });
    const english = await post({ query: '{ candidates(first: 1) { totalCount } }' }, { 'accept-language': 'en' });
    expect((french.body.errors as { message: string }[])[0].message).not.toBe((english.body.errors as { message: string }[])[0].message);
  });

  it('leaves request errors to Apollo: a variable of the wrong type gets its 400, VALIDATION_FAILED on the variable', async () => {
    await post({ query: PAGE, variables: { first: 1 } }, { authorization: `Bearer ${partnerToken}` });
    const wrong = await post({ query: PAGE, variables: { first: 'many' } }, { authorization: `Bearer ${partnerToken}` });
    expect(wrong.status).toBe(400);
    expect((wrong.body.errors as { extensions: { code: string } }[])[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: ['variables', 'first'] }] });
  });

  it('refuses a NUL character, raw or as a JSON escape, before anything runs', async () => {
    const query = 'query Find($id: ID!) { candidate(id: $id) { id } }';
    const escaped = await post({ query, variables: { id: 'a\u0000b' } }, { authorization: `Bearer ${partnerToken}` });
    expect(escaped.status).toBe(400);
    expect((escaped.body.errors as { extensions: { code: string } }[])[0].extensions.code).toBe('VALIDATION_FAILED');
    const raw = await post(`{"query":${JSON.stringify(query)},"variables":{"id":"a\u0000b"}}`, { authorization: `Bearer ${partnerToken}` });
    expect(raw.status).toBe(400);
    // An escaped backslash followed by "u0000" is not a NUL: it goes through.
    const notNul = await post({ query, variables: { id: 'a\\u0000b' } }, { authorization: `Bearer ${partnerToken}` });
    expect(notNul.status).toBe(200);
    expect(notNul.body).toEqual({ data: { candidate: null } });
  });

  it('serves query strings and GET through Apollo as before', async () => {
    const get = await fetch(`${server.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
