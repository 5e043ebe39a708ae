// Protocol conformance, black-box against a real server: the graphql-ws behaviours a client relies on
// (close codes for init timeout, double init, subscribe before ack, duplicate ids, refused credentials; ping;
// payload and subscription limits) and the graphql-http audit suite of the GraphQL-over-HTTP spec.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { serverAudits } from 'graphql-http';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { closeCodeAfterInit, loginAs } from '../support/graphql.ts';

let server: TestServer;
let token = '';

beforeAll(async () => {
  server = await startIsolatedServer({
    env: { WS_CONNECTION_INIT_TIMEOUT_MS: '400', WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '2', WS_MAX_PAYLOAD_BYTES: '4096' },
  });
  token = await loginAs(server.graphqlUrl, 'juror1@demo.certijury.fr');
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

/** A raw graphql-transport-ws socket: send messages in order, collect what comes back until it closes. */
function socket() {
  const ws = new WebSocket(server.wsUrl, 'graphql-transport-ws');
  const received: Record<string, any>[] = [];
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  ws.on('message', (data) => received.push(JSON.parse(String(data))));
  const next = (type: string, timeoutMs = 5000) =>
    new Promise<Record<string, any>>((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        const found = received.find((message) => message.type === type);
        if (found) return resolve(found);
        if (Date.now() - started > timeoutMs) return reject(new Error(`no ${type} within ${timeoutMs} ms: ${JSON.stringify(received)}`));
        setTimeout(check, 10);
      };
      check();
    });
  const send = (message: unknown) => ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  return { ws, opened, closed, next, send, received };
}

const init = (payload: Record<string, unknown> = { authorization: `Bearer ${token}` }) => ({ type: 'connection_init', payload });
const subscribeMessage = (id: string) => ({
  id,
  type: 'subscribe',
  payload: { query: 'subscription { scheduleEvents { seq type } }' },
});

describe('graphql-ws', () => {
  it('closes a socket that never sends connection_init with 4408', async () => {
    const s = socket();
    await s.opened;
    expect((await s.closed).code).toBe(4408);
  });

  it('closes on a second connection_init with 4429', async () => {
    const s = socket();
    await s.opened;
    s.send(init());
    await s.next('connection_ack');
    s.send(init());
    expect((await s.closed).code).toBe(4429);
  });

  it('closes on subscribe before the acknowledgment with 4401', async () => {
    const s = socket();
    await s.opened;
    s.send(subscribeMessage('early'));
    expect((await s.closed).code).toBe(4401);
  });

  it('closes on a duplicate operation id with 4409', async () => {
    const s = socket();
    await s.opened;
    s.send(init());
    await s.next('connection_ack');
    s.send(subscribeMessage('same'));
    s.send(subscribeMessage('same'));
    expect((await s.closed).code).toBe(4409);
  });

  it('refuses a wrong credential with 4403 rather than downgrading to anonymous', async () => {
    expect(await closeCodeAfterInit(server.wsUrl, { authorization: 'Bearer cjs_forged' })).toBe(4403);
  });

  it('answers ping with pong', async () => {
    const s = socket();
    await s.opened;
    s.send(init());
    await s.next('connection_ack');
    s.send({ type: 'ping', payload: { at: 1 } });
    expect(await s.next('pong')).toMatchObject({ type: 'pong' });
    s.ws.close();
  });

  it('closes on a message larger than WS_MAX_PAYLOAD_BYTES (1009)', async () => {
    const s = socket();
    await s.opened;
    s.send(init());
    await s.next('connection_ack');
    s.send({ id: 'big', type: 'subscribe', payload: { query: `{ __typename }`, variables: { padding: 'x'.repeat(8192) } } });
    expect((await s.closed).code).toBe(1009);
  });

  it('refuses more than WS_MAX_SUBSCRIPTIONS_PER_SOCKET concurrent operations with LIMIT_EXCEEDED', async () => {
    const s = socket();
    await s.opened;
    s.send(init());
    await s.next('connection_ack');
    s.send(subscribeMessage('1'));
    s.send(subscribeMessage('2'));
    s.send(subscribeMessage('3'));
    const error = await s.next('error');
    expect(error).toMatchObject({ id: '3', payload: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'LIMIT_EXCEEDED' }) })] });
    s.ws.close();
  });

  it('refuses a malformed message with 4400', async () => {
    const s = socket();
    await s.opened;
    s.send('{"type": 42}');
    expect((await s.closed).code).toBe(4400);
  });
});

describe('GraphQL over HTTP', () => {
  it('passes every MUST of the graphql-http audit suite', async () => {
    const audits = serverAudits({ url: server.graphqlUrl, fetchFn: fetch });
    const results = await Promise.all(audits.map((audit) => audit.fn()));
    const failures = results.filter((result) => result.status === 'error');
    const mustFailures = failures.filter((result) => result.name.startsWith('MUST'));
    // Reported in the test output: how many pass, warn and fail (SHOULD/MAY deviations are Apollo's documented choices).
    const count = (status: string) => results.filter((result) => result.status === status).length;
    console.info(`graphql-http audits: ${count('ok')} ok, ${count('warn')} warn, ${count('error')} error of ${results.length}`);
    expect(mustFailures.map((failure) => `${failure.name}: ${'reason' in failure ? failure.reason : ''}`)).toEqual([]);
  });
});
