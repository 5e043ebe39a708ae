// What an operator watches: Prometheus metrics (prom-client) served at GET /metrics. Counted as things happen:
// HTTP requests and GraphQL operations (latency by operation name), WebSocket connections and subscriptions,
// room events (append → publish → delivered), pub/sub reconnections, periodic jobs. Read from the database at
// scrape time: the notification outbox by state, CDC passages by state with their at-risk and late deadlines,
// and the PostgreSQL pool. One registry per server (not prom-client's global one), so that several servers in
// one process (tests) never mix their counts.
import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { RoomEvent } from '../realtime/pubsub.ts';
import { cdcDeadlineCounts } from '../modules/cdc/cdc.service.ts';
import type { Tracing } from './tracing.ts';

export const METRICS_PATH = '/metrics';

/** Latency buckets (seconds) from a fast answer to a slow export. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type Transport = 'http' | 'ws';

/** Distinct (operation, type, transport, outcome) series kept before new operation names count as "other". */
export const MAX_OPERATION_SERIES = 1000;

/** What the scrape reads besides the counters: the database, and the PostgreSQL pool when there is one. */
export interface MetricSources {
  prisma: PrismaClient;
  pool?: () => { total: number; idle: number; waiting: number };
  /** When tracing is on, each operation counted here is also a span. */
  tracing?: Tracing;
}

/** The room-event stages measured from the event's append (its `at`). */
export type EventStage = 'published' | 'delivered';

export class Metrics {
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly operationDuration: Histogram<'operation' | 'type' | 'transport' | 'outcome'>;
  readonly wsConnections: Gauge;
  readonly subscriptions: Gauge<'transport'>;
  private readonly eventLag: Histogram<'stage'>;
  readonly pubsubReconnections: Counter;
  private readonly jobRuns: Counter<'job' | 'outcome'>;

  private readonly tracing: Tracing | undefined;

  constructor(sources: MetricSources) {
    this.tracing = sources.tracing;
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'certijury_' });
    this.httpDuration = new Histogram({
      name: 'certijury_http_request_duration_seconds',
      help: 'HTTP requests by method, route family and status code.',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.operationDuration = new Histogram({
      name: 'certijury_graphql_operation_duration_seconds',
      help: 'GraphQL queries and mutations by operation name, over HTTP and WebSocket; outcome is ok or error.',
      labelNames: ['operation', 'type', 'transport', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.wsConnections = new Gauge({ name: 'certijury_websocket_connections', help: 'Open WebSocket connections.', registers });
    this.subscriptions = new Gauge({ name: 'certijury_graphql_subscriptions', help: 'Running GraphQL subscriptions.', labelNames: ['transport'], registers });
    this.eventLag = new Histogram({
      name: 'certijury_room_event_lag_seconds',
      help: "Time from a room event's append (its transaction) to its publication, and to its delivery into a subscriber's stream.",
      labelNames: ['stage'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.pubsubReconnections = new Counter({ name: 'certijury_pubsub_reconnections_total', help: 'Reconnections of the Redis pub/sub clients.', registers });
    this.jobRuns = new Counter({ name: 'certijury_job_runs_total', help: 'Periodic job runs by job and outcome (ran, failed).', labelNames: ['job', 'outcome'], registers });

    const { prisma } = sources;
    new Gauge({
      name: 'certijury_notifications',
      help: 'Notifications in the outbox by delivery state.',
      labelNames: ['status'],
      registers,
      async collect() {
        this.reset();
        const rows = await prisma.notification.groupBy({ by: ['status'], _count: { _all: true } });
        for (const row of rows) this.set({ status: row.status }, row._count._all);
      },
    });
    // The CDC figures of every certifier, read once per scrape for the three gauges below.
    let cdcScrape: Promise<{ certifier: string; counts: Awaited<ReturnType<typeof cdcDeadlineCounts>> }[]> | undefined;
    const cdcFigures = () =>
      (cdcScrape ??= (async () => {
        const certifiers = await prisma.certifier.findMany({ select: { id: true, name: true } });
        return Promise.all(certifiers.map(async (certifier) => ({ certifier: certifier.name, counts: await cdcDeadlineCounts(prisma, certifier.id) })));
      })().finally(() => setTimeout(() => (cdcScrape = undefined), 1000).unref()));
    new Gauge({
      name: 'certijury_cdc_passages',
      help: 'CDC passages by certifier and state.',
      labelNames: ['certifier', 'status'],
      registers,
      async collect() {
        this.reset();
        for (const { certifier, counts } of await cdcFigures()) {
          for (const status of ['pending', 'sent', 'accepted', 'rejected', 'withdrawn'] as const) this.set({ certifier, status: status.toUpperCase() }, counts[status]);
        }
      },
    });
    new Gauge({
      name: 'certijury_cdc_passages_at_risk',
      help: 'CDC passages not yet accepted with fewer than 30 days before their legal deadline (late ones included).',
      labelNames: ['certifier'],
      registers,
      async collect() {
        this.reset();
        for (const { certifier, counts } of await cdcFigures()) this.set({ certifier }, counts.atRisk);
      },
    });
    new Gauge({
      name: 'certijury_cdc_passages_late',
      help: 'CDC passages not accepted by their legal deadline.',
      labelNames: ['certifier'],
      registers,
      async collect() {
        this.reset();
        for (const { certifier, counts } of await cdcFigures()) this.set({ certifier }, counts.late);
      },
    });
    if (sources.pool) {
      const pool = sources.pool;
      new Gauge({
        name: 'certijury_database_pool_connections',
        help: 'PostgreSQL pool connections: total, idle, and callers waiting for one.',
        labelNames: ['state'],
        registers,
        collect() {
          const { total, idle, waiting } = pool();
          this.set({ state: 'total' }, total);
          this.set({ state: 'idle' }, idle);
          this.set({ state: 'waiting' }, waiting);
        },
      });
    }
  }

  // Observing through a labelled child kept by a plain string key costs a map lookup; prom-client's own
  // observe(labels, value) hashes the label object on every call, a measurable share of a small request.
  private readonly httpChildren = new Map<string, Histogram.Internal<'method' | 'route' | 'status'>>();
  private readonly operationChildren = new Map<string, Histogram.Internal<'operation' | 'type' | 'transport' | 'outcome'>>();

  /** Observes the request when its answer is finished. */
  httpRequest(req: IncomingMessage, res: { once(event: 'finish' | 'close', listener: () => void): unknown; statusCode: number }, route: string): void {
    const start = performance.now();
    res.once('finish', () => {
      const method = req.method ?? '';
      const key = `${method} ${route} ${res.statusCode}`;
      let child = this.httpChildren.get(key);
      if (!child) this.httpChildren.set(key, (child = this.httpDuration.labels({ method, route, status: res.statusCode })));
      child.observe((performance.now() - start) / 1000);
    });
  }

  /** A finished query or mutation, started at `startedAt` (performance.now()). */
  operation(name: string | null | undefined, type: string, transport: Transport, startedAt: number, ok: boolean): void {
    const seconds = (performance.now() - startedAt) / 1000;
    const outcome = ok ? 'ok' : 'error';
    let operation = name || 'anonymous';
    this.tracing?.operation(operation, type, transport, startedAt, ok);
    let key = `${operation} ${type} ${transport} ${outcome}`;
    // Operation names come from clients: past a bound, new ones share one series (no unbounded memory).
    if (this.operationChildren.size >= MAX_OPERATION_SERIES && !this.operationChildren.has(key)) {
      operation = 'other';
      key = `${operation} ${type} ${transport} ${outcome}`;
    }
    let child = this.operationChildren.get(key);
    if (!child) this.operationChildren.set(key, (child = this.operationDuration.labels({ operation, type, transport, outcome })));
    child.observe(seconds);
  }

  event(stage: EventStage, event: RoomEvent): void {
    const appendedAt = Date.parse(event.at);
    if (Number.isFinite(appendedAt)) this.eventLag.observe({ stage }, Math.max(0, Date.now() - appendedAt) / 1000);
  }

  job(name: string, outcome: 'ran' | 'failed'): void {
    this.jobRuns.inc({ job: name, outcome });
  }
}

/** The route family of a request path, a small fixed set (a label per path would grow without bound). */
export function routeFamily(pathname: string): string {
  if (pathname === '/graphql') return 'graphql';
  if (pathname === '/healthz' || pathname === '/readyz' || pathname === METRICS_PATH) return pathname.slice(1);
  if (pathname.startsWith('/uploads/')) return 'uploads';
  if (pathname.startsWith('/downloads/')) return 'downloads';
  if (pathname.startsWith('/credentials/') || pathname.startsWith('/issuers/') || pathname.startsWith('/achievements/') || pathname.startsWith('/.well-known/')) return 'certificates';
  return 'static';
}

/**
 * Who may read /metrics: with METRICS_TOKEN set, a request carrying it as a bearer token; without it, anyone
 * outside production and nobody in production (the endpoint then answers 404, as if absent).
 */
export function metricsAccess(req: IncomingMessage, token: string | undefined, production: boolean): 'allowed' | 'unauthorized' | 'hidden' {
  if (!token) return production ? 'hidden' : 'allowed';
  const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const expected = Buffer.from(token);
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? 'allowed' : 'unauthorized';
}
