// GET /metrics (Prometheus): protected by METRICS_TOKEN, and moving while jurors score: operation latency by
// name over both transports, open sockets and subscriptions, room events published and delivered, the outbox
// and the CDC deadlines read at scrape time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { databaseUrl } from '../support/environment.ts';
import { collect, gql, loginAs, wsClient } from '../support/graphql.ts';
import { ORAL_EVENTS, SCORE, move, todaysOral } from '../support/oral.ts';
import { MAX_OPERATION_SERIES, Metrics, metricsAccess, routeFamily } from '../../server/src/observability/metrics.ts';
import type { PrismaClient } from '../../server/src/generated/prisma/client.ts';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

const TOKEN = 'metrics-token-for-tests-0123456789';
let server: TestServer;

beforeAll(async () => {
  server = await startIsolatedServer({ env: { METRICS_TOKEN: TOKEN } });
});
afterAll(() => server?.stop());

const scrape = async (token: string | null = TOKEN) => fetch(`${server.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

/** The value of one sample, e.g. `certijury_websocket_connections` or `name{label="x"}` (labels in any order). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const lines = text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
  const line = lines.find((candidate) => Object.entries(labels).every(([key, value]) => candidate.includes(`${key}="${value}"`)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('GET /metrics', () => {
  it('asks for the token when one is configured', async () => {
    expect((await scrape(null)).status).toBe(401);
    expect((await scrape('wrong-token-of-the-same-size-01234')).status).toBe(401);
    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('# TYPE certijury_http_request_duration_seconds histogram');
    expect(text).toContain('certijury_process_cpu_seconds_total');
  });

  it('moves while three jurors score an oral together', async () => {
    const token: Record<string, string> = {};
    for (const who of ['juror1', 'juror2', 'juror3', 'admin']) token[who] = await loginAs(server.graphqlUrl, `${who}@demo.certijury.fr`);
    const { oralId, criteria } = await todaysOral(server.graphqlUrl, token.juror1);
    let version = (await gql(server.graphqlUrl, 'query ($id: ID!) { oral(id: $id) { version } }', { id: oralId }, { token: token.juror1 })).data!.oral.version;
    version = await move(server.graphqlUrl, token.juror1, oralId, 'IDENTITY_CHECKED', version);
    await move(server.graphqlUrl, token.juror1, oralId, 'PRESENTATION', version);

    const before = await (await scrape()).text();
    const watchers = ['juror2', 'juror3'].map((who) => wsClient(server.wsUrl, token[who]));
    const streams = watchers.map((client) => collect(client, ORAL_EVENTS, { oralId }, 100, 20_000));
    await Promise.all(streams.map((stream) => stream.ready));
    await expect.poll(async () => sample(await (await scrape()).text(), 'certijury_graphql_subscriptions', { transport: 'ws' })).toBeGreaterThanOrEqual(2);
    const during = await (await scrape()).text();
    expect(sample(during, 'certijury_websocket_connections')).toBeGreaterThanOrEqual(2);

    // Autosaves over HTTP (juror1) and over the WebSocket (juror2's socket), as the console sends them.
    for (const criterion of criteria.slice(0, 3)) {
      expect((await gql(server.graphqlUrl, SCORE, { input: { oralId, criterionId: criterion.id, value: 3 } }, { token: token.juror1 })).errors).toBeUndefined();
    }
    const overSocket = collect(watchers[0], SCORE, { input: { oralId, criterionId: criteria[0].id, value: 2 } }, 1, 10_000);
    expect((await overSocket.done)[0].scoreCriterion.value).toBe(2);
    const refused = await gql(server.graphqlUrl, SCORE, { input: { oralId, criterionId: criteria[0].id, value: 99 } }, { token: token.juror1 });
    expect(refused.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');

    await expect
      .poll(async () => sample(await (await scrape()).text(), 'certijury_room_event_lag_seconds_count', { stage: 'delivered' }) - sample(before, 'certijury_room_event_lag_seconds_count', { stage: 'delivered' }))
      .toBeGreaterThanOrEqual(8); // 4 score events (and presence) to each of the two watchers
    const after = await (await scrape()).text();
    const count = (text: string, labels: Record<string, string>) => sample(text, 'certijury_graphql_operation_duration_seconds_count', labels);
    // SCORE is an anonymous operation: counted under operation="anonymous".
    expect(count(after, { type: 'mutation', transport: 'http', outcome: 'ok' }) - count(before, { type: 'mutation', transport: 'http', outcome: 'ok' })).toBeGreaterThanOrEqual(3);
    expect(count(after, { type: 'mutation', transport: 'http', outcome: 'error' }) - count(before, { type: 'mutation', transport: 'http', outcome: 'error' })).toBeGreaterThanOrEqual(1);
    expect(count(after, { type: 'mutation', transport: 'ws', outcome: 'ok' }) - count(before, { type: 'mutation', transport: 'ws', outcome: 'ok' })).toBe(1);
    expect(sample(after, 'certijury_room_event_lag_seconds_count', { stage: 'published' })).toBeGreaterThan(sample(before, 'certijury_room_event_lag_seconds_count', { stage: 'published' }));
    expect(sample(after, 'certijury_http_request_duration_seconds_count', { route: 'graphql', status: '200' })).toBeGreaterThan(sample(before, 'certijury_http_request_duration_seconds_count', { route: 'graphql', status: '200' }));

    // Named operations keep their name.
    await gql(server.graphqlUrl, 'query DashboardProbe { me { role } }', {}, { token: token.admin });
    expect(sample(await (await scrape()).text(), 'certijury_graphql_operation_duration_seconds_count', { operation: 'DashboardProbe', type: 'query' })).toBe(1);

    // Read at scrape time from the database: the demo outbox and the demo certifier's CDC passages.
    expect(after).toMatch(/certijury_notifications\{status="(PENDING|SENT|FAILED)"\} \d+/);
    expect(after).toMatch(/certijury_cdc_passages\{certifier="[^"]+",status="PENDING"\} \d+/);
    expect(after).toMatch(/certijury_cdc_passages_at_risk\{certifier="[^"]+"\} \d+/);
    // The PostgreSQL pool, when there is one (none on the embedded database).
    if (databaseUrl) expect(sample(after, 'certijury_database_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    else expect(after).not.toContain('certijury_database_pool_connections');

    for (const stream of streams) stream.stop();
    await Promise.all(watchers.map((client) => client.dispose()));
    await expect.poll(async () => sample(await (await scrape()).text(), 'certijury_websocket_connections')).toBe(0);
    expect(sample(await (await scrape()).text(), 'certijury_graphql_subscriptions', { transport: 'ws' })).toBe(0);
  });
});

describe('tracing (OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  it('sends a server span per request, continuing the caller\'s trace, with the operation as its child', async () => {
    // A collector: takes OTLP/HTTP JSON exports and keeps their spans.
    const spans: { name: string; traceId: string; spanId: string; parentSpanId?: string; attributes: { key: string; value: Record<string, unknown> }[] }[] = [];
    const collector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        expect(req.url).toBe('/v1/traces');
        for (const resource of JSON.parse(body).resourceSpans ?? []) for (const scope of resource.scopeSpans ?? []) spans.push(...scope.spans);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const traced = await startIsolatedServer({
      env: { SEED_DEMO: 'false', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`, OTEL_BSP_SCHEDULE_DELAY: '100' },
    });
    try {
      const traceId = randomBytes(16).toString('hex');
      const callerSpan = randomBytes(8).toString('hex');
      const response = await fetch(traced.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${callerSpan}-01` },
        body: JSON.stringify({ query: 'query TracedProbe { __typename }' }),
      });
      expect(response.status).toBe(200);
      await expect.poll(() => spans.find((span) => span.name === 'query TracedProbe'), { timeout: 10_000 }).toBeDefined();
      const operation = spans.find((span) => span.name === 'query TracedProbe')!;
      const server = spans.find((span) => span.name === 'POST graphql')!;
      expect(server).toMatchObject({ traceId, parentSpanId: callerSpan });
      expect(operation).toMatchObject({ traceId, parentSpanId: server.spanId });
    } finally {
      await traced.stop();
      collector.close();
    }
  });
});

describe('metrics rules', () => {
  const request = (authorization?: string) => ({ headers: authorization ? { authorization } : {} }) as IncomingMessage;
  it('are open outside production without a token, hidden in production without one, else ask for it', () => {
    expect(metricsAccess(request(), undefined, false)).toBe('allowed');
    expect(metricsAccess(request(), undefined, true)).toBe('hidden');
    expect(metricsAccess(request('Bearer secret-secret-secret'), 'secret-secret-secret', true)).toBe('allowed');
    expect(metricsAccess(request('Bearer secret-secret-secreT'), 'secret-secret-secret', true)).toBe('unauthorized');
    expect(metricsAccess(request('Basic c2VjcmV0'), 'secret-secret-secret', false)).toBe('unauthorized');
  });

  it('keep a bounded number of operation series, whatever names clients send', async () => {
    const metrics = new Metrics({ prisma: {} as PrismaClient });
    for (let n = 0; n < MAX_OPERATION_SERIES + 200; n++) metrics.operation(`Probe${n}`, 'query', 'http', performance.now(), true);
    const text = await metrics.registry.getSingleMetricAsString('certijury_graphql_operation_duration_seconds');
    expect(new Set([...text.matchAll(/operation="([^"]+)"/g)].map((match) => match[1])).size).toBe(MAX_OPERATION_SERIES + 1);
    expect(sample(text, 'certijury_graphql_operation_duration_seconds_count', { operation: 'other' })).toBe(200);
  });

  it('label requests by a small set of route families', () => {
    expect(['/graphql', '/uploads/project-file', '/downloads/cdc-batches/x.xml', '/credentials/1', '/healthz', '/metrics', '/admin/people', '/%'].map(routeFamily)).toEqual([
      'graphql',
      'uploads',
      'downloads',
      'certificates',
      'healthz',
      'metrics',
      'static',
      'static',
    ]);
  });
});
