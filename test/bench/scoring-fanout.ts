// scoring-fanout: 250 concurrent orals × 4 jurors (1,000 WebSocket clients) on one server process; each
// juror changes a score every 2 s (autosave mutation over HTTP). Measures the latency from the start of a
// juror's mutation to the SCORE_CHANGED event at each of the 3 other jurors, and counts lost and duplicated
// events (per-oral sequence numbers must arrive complete and once). Baseline: a raw `ws` server relaying the
// same payloads from each juror to the 3 others, same clients, same pacing, same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket, { WebSocketServer } from 'ws';
import { Agent, fetch as undiciFetch } from 'undici';
import { prepareOrals, type FixtureJuror } from '../support/oral-fixtures.ts';
import { startServer, freshPostgresDatabase } from '../support/server.ts';
import { summarize, benchLine } from './stats.ts';

const ORALS = Number(process.env.BENCH_ORALS ?? 250);
const JURORS_PER_ORAL = 4;
const INTERVAL_MS = 2000;
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 20_000);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 3000);
/** How a juror's autosave reaches the server: over its open WebSocket (default) or a separate HTTP request. */
const TRANSPORT = (process.env.BENCH_TRANSPORT ?? 'ws') as 'ws' | 'http';

type Juror = FixtureJuror;

interface Measurement {
  /** Time for the server to absorb the 1,000 joins before scoring starts. */
  settledAfterMs?: number;
  latencies: number[];
  sent: number;
  failedSends: number;
  /** Answers with code INTERNAL among the failed sends. */
  internal?: number;
  lost: number;
  duplicated: number;
}

/** Paces every juror: one send every INTERVAL_MS, staggered; records only after the warm-up. */
async function drive(jurors: Juror[], send: (juror: Juror, n: number) => Promise<boolean>) {
  const start = Date.now();
  const stopAt = start + WARMUP_MS + DURATION_MS;
  let sent = 0;
  let failed = 0;
  await Promise.all(
    jurors.map(async (juror, index) => {
      await new Promise((r) => setTimeout(r, (index * INTERVAL_MS) / jurors.length));
      let n = 0;
      while (Date.now() < stopAt) {
        const next = Date.now() + INTERVAL_MS;
        n += 1;
        const ok = await send(juror, n);
        sent += 1;
        if (!ok) failed += 1;
        await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
      }
    }),
  );
  return { sent, failed, measureFrom: start + WARMUP_MS };
}

/** `processes` server processes share the database (and Redis when there are two); juror i uses process i mod n. */
async function runCertijury(jurors: Juror[], oralIds: string[], criteria: string[], processes = 1): Promise<Measurement> {
  const dataDir = mkdtempSync(join(tmpdir(), 'certijury-bench-'));
  const database = await freshPostgresDatabase();
  try {
    const prepared = await prepareOrals({ dataDir, databaseUrl: database?.url }, { orals: ORALS, jurorsPerOral: JURORS_PER_ORAL, phase: 'PRESENTATION' });
    jurors.push(...prepared.jurors);
    oralIds.push(...prepared.oralIds);
    criteria.push(...prepared.criteria);
    const env = { DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'error', REDIS_URL: processes > 1 ? process.env.REDIS_URL : '' };
    const servers = await Promise.all(
      Array.from({ length: processes }, () => startServer({ databaseUrl: database?.url, env, nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) })),
    );
    const [server] = servers;
    const serverOf = (juror: Juror) => servers[jurors.indexOf(juror) % servers.length];
    try {
      const sendTimes = new Map<string, number>(); // `${oral}:${jurorId}` → start of the latest mutation
      const latencies: number[] = [];
      let settledAfterMs = 0;
      const timeline: [number, number][] = [];
      let measureFrom = Infinity;
      const seqsByReceiver = new Map<string, number[]>();
      const clients: Client[] = [];
      let subscribed = 0;
      // Jurors join in waves of 100 (a jury day does not open 1,000 sockets in the same second).
      const connect = (juror: Juror) =>
            new Promise<void>((ready) => {
              const client = createClient({
                url: serverOf(juror).wsUrl,
                webSocketImpl: WebSocket,
                connectionParams: { authorization: `Bearer ${juror.token}` },
                retryAttempts: 0,
                lazy: false,
              });
              clients.push(client);
              const seqs: number[] = [];
              seqsByReceiver.set(juror.id, seqs);
              client.subscribe<{ oralEvents: { seq: number; type: string; jurorId: string } }>(
                { query: 'subscription ($o: ID!) { oralEvents(oralId: $o) { seq type jurorId } }', variables: { o: oralIds[juror.oral] } },
                {
                  next: ({ data }) => {
                    if (!data) return;
                    const event = data.oralEvents;
                    if (event.type !== 'SCORE_CHANGED') return;
                    const now = performance.now();
                    seqs.push(event.seq);
                    if (event.jurorId === juror.id) return;
                    const sentAt = sendTimes.get(`${juror.oral}:${event.jurorId}`);
                    if (sentAt !== undefined && Date.now() >= measureFrom) {
                      latencies.push(now - sentAt);
                      if (process.env.BENCH_TIMELINE) timeline.push([Date.now(), now - sentAt]);
                    }
                  },
                  error: () => undefined,
                  complete: () => undefined,
                },
              );
              client.on('connected', () => {
                subscribed += 1;
                ready();
              });
            });
      for (let wave = 0; wave < jurors.length; wave += 100) await Promise.all(jurors.slice(wave, wave + 100).map(connect));
      // 1,000 jurors joining at once is a burst of presence writes; a jury day spreads joins over time.
      // Measure steady-state scoring: wait until the server answers a trivial query promptly again.
      const settleStart = Date.now();
      for (let quick = 0; quick < 3 && Date.now() - settleStart < 60_000; ) {
        const t0 = performance.now();
        await undiciFetch(server.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ certifications { code } }"}' });
        quick = performance.now() - t0 < 20 ? quick + 1 : 0;
        await new Promise((r) => setTimeout(r, 100));
      }
      settledAfterMs = Date.now() - settleStart;
      let internal = 0;
      const agent = new Agent({ connections: 256, pipelining: 1, keepAliveTimeout: 30_000 });
      const clientOf = new Map(jurors.map((juror, index) => [juror.id, clients[index]]));
      const result = await drive(jurors, async (juror, n) => {
        const criterion = criteria[n % criteria.length];
        sendTimes.set(`${juror.oral}:${juror.id}`, performance.now());
        if (measureFrom === Infinity) measureFrom = Date.now() + WARMUP_MS;
        const variables = { i: { oralId: oralIds[juror.oral], criterionId: criterion, value: (n % 4) + 1 } };
        if (TRANSPORT === 'ws') {
          // The autosave goes over the juror's open socket (as the console does).
          return new Promise<boolean>((resolve) => {
            let ok = false;
            clientOf.get(juror.id)!.subscribe(
              { query: 'mutation ($i: ScoreCriterionInput!) { scoreCriterion(input: $i) { value } }', variables },
              {
                next: (value) => {
                  ok = !value.errors;
                  if (value.errors?.some((error) => error.extensions?.code === 'INTERNAL')) internal += 1;
                },
                error: () => resolve(false),
                complete: () => resolve(ok),
              },
            );
          });
        }
        const response = await undiciFetch(serverOf(juror).graphqlUrl, {
          method: 'POST',
          dispatcher: agent,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${juror.token}` },
          body: JSON.stringify({
            query: 'mutation ($i: ScoreCriterionInput!) { scoreCriterion(input: $i) { value } }',
            variables: { i: { oralId: oralIds[juror.oral], criterionId: criterion, value: (n % 4) + 1 } },
          }),
        }).catch(() => null);
        if (!response) return false;
        const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
        if (body.errors?.some((error) => error.extensions?.code === 'INTERNAL')) internal += 1;
        return !body.errors;
      });
      await new Promise((r) => setTimeout(r, 2000)); // let the last events arrive
      // Completeness: per oral, every receiver must hold the seqs of all score events exactly once.
      let lost = 0;
      let duplicated = 0;
      const maxByOral = new Map<number, Set<number>>();
      for (const juror of jurors) {
        const set = (maxByOral.get(juror.oral) ?? new Set<number>());
        for (const seq of seqsByReceiver.get(juror.id)!) set.add(seq);
        maxByOral.set(juror.oral, set);
      }
      for (const juror of jurors) {
        const seqs = seqsByReceiver.get(juror.id)!;
        const unique = new Set(seqs);
        duplicated += seqs.length - unique.size;
        lost += maxByOral.get(juror.oral)!.size - unique.size;
      }
      if (timeline.length) {
        const start = timeline[0][0];
        const windows = new Map<number, number[]>();
        for (const [at, latency] of timeline) {
          const key = Math.floor((at - start) / 1000);
          windows.set(key, [...(windows.get(key) ?? []), latency]);
        }
        for (const [second, values] of windows) {
          const w = summarize(values);
          console.log(`  t+${second}s: ${w.count} deliveries, p50 ${w.p50.toFixed(1)} ms, p99 ${w.p99.toFixed(1)} ms`);
        }
      }
      await Promise.all(clients.map((client) => client.dispose()));
      await agent.close();
      void subscribed;
      return { latencies, sent: result.sent, failedSends: result.failed, internal, lost, duplicated, settledAfterMs };
    } finally {
      await Promise.all(servers.map((each) => each.stop()));
    }
  } finally {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The physical floor: a bare ws relay, each juror's message forwarded to the 3 others of its oral. */
async function runRawWs(jurors: Juror[]): Promise<Measurement> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  const rooms = new Map<number, Set<WebSocket>>();
  server.on('connection', (socket, request) => {
    const oral = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('oral'));
    const room = rooms.get(oral) ?? new Set();
    room.add(socket);
    rooms.set(oral, room);
    let seq = 0;
    void seq;
    socket.on('message', (data) => {
      const message = JSON.parse(String(data));
      const payload = JSON.stringify({ type: 'SCORE_CHANGED', jurorId: message.jurorId, seq: (message.seq as number) });
      for (const peer of room) if (peer !== socket) peer.send(payload);
    });
  });
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as { port: number }).port;
  const sendTimes = new Map<string, number>();
  const latencies: number[] = [];
  let measureFrom = Infinity;
  const sockets = new Map<string, WebSocket>();
  const seqByOral = new Map<number, number>();
  await Promise.all(
    jurors.map(
      (juror) =>
        new Promise<void>((ready) => {
          const socket = new WebSocket(`ws://127.0.0.1:${port}/?oral=${juror.oral}`);
          sockets.set(juror.id, socket);
          socket.on('open', () => ready());
          socket.on('message', (data) => {
            const event = JSON.parse(String(data));
            const now = performance.now();
            const sentAt = sendTimes.get(`${juror.oral}:${event.jurorId}`);
            if (sentAt !== undefined && Date.now() >= measureFrom) latencies.push(now - sentAt);
          });
        }),
    ),
  );
  const result = await drive(jurors, async (juror) => {
    sendTimes.set(`${juror.oral}:${juror.id}`, performance.now());
    if (measureFrom === Infinity) measureFrom = Date.now() + WARMUP_MS;
    const seq = (seqByOral.get(juror.oral) ?? 0) + 1;
    seqByOral.set(juror.oral, seq);
    sockets.get(juror.id)!.send(JSON.stringify({ jurorId: juror.id, seq }));
    return true;
  });
  await new Promise((r) => setTimeout(r, 500));
  for (const socket of sockets.values()) socket.close();
  await new Promise((r) => server.close(() => r(undefined)));
  return { latencies, sent: result.sent, failedSends: result.failed, lost: 0, duplicated: 0 };
}

async function fanout(name: string, processes: number): Promise<string[]> {
  const jurors: Juror[] = [];
  const oralIds: string[] = [];
  const criteria: string[] = [];
  const ours = await runCertijury(jurors, oralIds, criteria, processes);
  const baseline = await runRawWs(jurors);
  const o = summarize(ours.latencies);
  const b = summarize(baseline.latencies);
  const database = process.env.DATABASE_URL ? 'postgresql' : 'pglite';
  const where = processes > 1 ? `${processes} processes, ${database} + Redis` : database;
  return [
    `${name} (${where}, autosave over ${TRANSPORT}): ${jurors.length} juror sockets, ${oralIds.length} orals, a score every ${INTERVAL_MS} ms per juror for ${DURATION_MS / 1000} s`,
    `  joins absorbed in ${ours.settledAfterMs} ms`,
    `  certijury: ${ours.sent} mutations (${ours.failedSends} failed, ${ours.internal ?? 0} INTERNAL), ${o.count} deliveries measured; p50 ${o.p50.toFixed(1)} ms, p95 ${o.p95.toFixed(1)} ms, p99 ${o.p99.toFixed(1)} ms, max ${o.max.toFixed(1)} ms; lost ${ours.lost}, duplicated ${ours.duplicated}`,
    `  raw ws relay: ${baseline.sent} messages, ${b.count} deliveries; p50 ${b.p50.toFixed(1)} ms, p95 ${b.p95.toFixed(1)} ms, p99 ${b.p99.toFixed(1)} ms`,
    benchLine(processes > 1 ? `${name}-p99-${TRANSPORT}` : `${name}-p99-${database}-${TRANSPORT}`, o.p99, 'ms', b.p99),
  ];
}

/** One server process (PGlite, or PostgreSQL when DATABASE_URL is set). */
export const scoringFanout = () => fanout('scoring-fanout', 1);

/** Two server processes sharing PostgreSQL and Redis, the jurors of every oral split between them. */
export async function scoringFanoutPg(): Promise<string[]> {
  if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
    return ['scoring-fanout-pg: skipped — it needs DATABASE_URL (PostgreSQL) and REDIS_URL (two processes share them)'];
  }
  return fanout('scoring-fanout-pg', 2);
}
