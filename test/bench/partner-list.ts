// partner-list: throughput of the partner's "my candidates with their attempts, decisions and certificates"
// (a page of 100, through our whole server: Apollo, auth by API-key-less bearer token, row rules, Pothos/Prisma
// resolvers) against its physical floor: ONE hand-written Prisma query producing the same data behind a bare
// node:http handler (partner-list-floor.ts), on the same database, each in its own process, loaded the same
// way. Run on embedded PGlite, and on PostgreSQL too when DATABASE_URL is set. BENCH_CONNECTIONS (default 8),
// BENCH_DURATION_MS (default 5 s), BENCH_ROUNDS (default 3, in turn with the floor). Goal: ratio ≥ 0.6.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../server/src/db/database.ts';
import { applyMigrations } from '../../server/src/db/migrations.ts';
import { seedDemoData } from '../../prisma/seed.ts';
import { freshPostgresDatabase, startServer } from '../support/server.ts';
import { loginAs } from '../support/graphql.ts';
import { generatedPartnerCandidatesSql } from '../support/partner-candidates.ts';
import { benchLine, median } from './stats.ts';
import { load, startScript } from './http-load.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// Past the server's first scheduled-jobs tick (1 s after it starts): the window measures the steady state.
const WARMUP_MS = 2500;
const GENERATED = 500;
const root = resolve(import.meta.dirname, '../..');

const QUERY = `query PartnerCandidates {
  candidates(first: 100) {
    edges { node { id fileNumber firstName birthName attempts { id state certification { code title } result { outcome publishedAt } certificates { id } } } }
  }
}`;

/** A full page: 100 candidates, each with its attempts. */
const check = (status: number, text: string) => status === 200 && !text.includes('"errors"') && (text.match(/"fileNumber"/g)?.length ?? 0) === 100;

async function prepare(dataDir: string, databaseUrl: string | undefined): Promise<string> {
  const db = await openDatabase({ dataDir, databaseUrl });
  try {
    await applyMigrations(db.raw, db.kind, resolve(root, 'prisma/migrations'));
    await seedDemoData(db.prisma);
    const partner = await db.prisma.user.findUniqueOrThrow({ where: { email: 'partner-a@demo.certijury.fr' }, select: { partnerId: true } });
    const certification = await db.prisma.certification.findFirstOrThrow({ where: { code: 'RS5302' }, select: { id: true, frameworks: { where: { status: 'PUBLISHED' }, select: { id: true } } } });
    await db.raw.exec(generatedPartnerCandidatesSql({ count: GENERATED, partnerId: partner.partnerId!, certificationId: certification.id, frameworkVersionId: certification.frameworks[0].id }));
    return partner.partnerId!;
  } finally {
    await db.close();
  }
}

async function measure(label: string, databaseUrl: string | undefined): Promise<string[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'certijury-bench-partner-list-'));
  try {
    const partnerId = await prepare(dataDir, databaseUrl);
    // Embedded PGlite is opened by one process at a time, so the two servers take turns, ROUNDS times each (a
    // neighbour's burst on the shared cores then weighs on both sides); the medians are reported. Both run as in
    // production (NODE_ENV=production).
    const mine: number[] = [];
    const base: number[] = [];
    const mineCpu: number[] = [];
    const baseCpu: number[] = [];
    let errors = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const ours = await startServer({ databaseUrl, env: { NODE_ENV: 'production', DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'error' } });
      try {
        const token = await loginAs(ours.graphqlUrl, 'partner-a@demo.certijury.fr');
        const result = await load({ url: ours.graphqlUrl, body: JSON.stringify({ query: QUERY }), headers: { authorization: `Bearer ${token}` }, connections: CONNECTIONS, durationMs: DURATION_MS, warmupMs: WARMUP_MS, check, serverPid: ours.process.pid });
        mine.push(result.rps);
        if (result.cpuMsPerRequest !== undefined) mineCpu.push(result.cpuMsPerRequest);
        errors += result.errors;
      } finally {
        await ours.stop();
      }
      const floor = await startScript('test/bench/partner-list-floor.ts', { NODE_ENV: 'production', DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '', PARTNER_ID: partnerId });
      try {
        const result = await load({ url: floor.url, body: '{}', connections: CONNECTIONS, durationMs: DURATION_MS, warmupMs: WARMUP_MS, check, serverPid: floor.pid });
        base.push(result.rps);
        if (result.cpuMsPerRequest !== undefined) baseCpu.push(result.cpuMsPerRequest);
        errors += result.errors;
      } finally {
        await floor.stop();
      }
    }
    const name = label === 'pglite' ? 'partner-list' : `partner-list-${label}`;
    const rounds = mine.map((rps, i) => `${Math.round(rps)}/${Math.round(base[i])}`).join(', ');
    return [
      `partner-list (${label}): a page of 100 candidates with attempts, decisions and certificates, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION_MS / 1000} s each after ${WARMUP_MS / 1000} s of warm-up`,
      `  certijury / one hand-written Prisma query on bare node:http, req/s per round: ${rounds} (${errors} errors). Medians: ${Math.round(median(mine))} / ${Math.round(median(base))}. Goal: ratio ≥ 0.6.`,
      ...(mineCpu.length && baseCpu.length
        ? [`  server CPU per request (medians; ${label === 'pglite' ? 'the embedded database included' : "PostgreSQL's own processes not counted"}): certijury ${median(mineCpu).toFixed(2)} ms, floor ${median(baseCpu).toFixed(2)} ms, ratio ${(median(baseCpu) / median(mineCpu)).toFixed(2)}`]
        : []),
      benchLine(name, median(mine), 'req/s', median(base)),
    ];
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function partnerList(): Promise<string[]> {
  const lines = await measure('pglite', undefined);
  const database = await freshPostgresDatabase();
  if (!database) return [...lines, 'partner-list (postgresql): skipped — DATABASE_URL is not set'];
  try {
    return [...lines, ...(await measure('postgresql', database.url))];
  } finally {
    await database.drop();
  }
}
