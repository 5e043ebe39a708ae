// bulk-register: one `registerCandidates` mutation with 1,000 rows, over HTTP, against a real server on
// embedded PGlite (the default database; PostgreSQL when DATABASE_URL is set). Measures the whole request
// (JSON, GraphQL coercion, row-by-row validation, the transaction, the events). Baseline: a bare Prisma
// `candidate.createMany` of the same 1,000 rows on a fresh embedded database, same run.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { openDatabase } from '../../server/src/db/database.ts';
import { applyMigrations } from '../../server/src/db/migrations.ts';
import { freshPostgresDatabase, startServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';
import { benchLine, summarize } from './stats.ts';

const ROWS = 1000;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const root = resolve(import.meta.dirname, '../..');

const row = (run: number, i: number) => ({
  certificationCode: 'RS5302',
  fileNumber: `BENCH-${run}-${i}`,
  email: `bench-${run}-${i}@example.fr`,
  birthName: 'Banc',
  firstName: 'Essai',
  birthDate: '1990-04-12T00:00:00.000Z',
  birthInseeCode: '69123',
  accessRoute: 'CONTINUING_TRAINING',
  funding: 'CPF',
});

async function baselineCreateMany(): Promise<number[]> {
  const db = await openDatabase({ dataDir: 'memory://', databaseUrl: undefined });
  await applyMigrations(db.raw, db.kind, resolve(root, 'prisma/migrations'));
  const certifier = await db.prisma.certifier.create({ data: { name: 'Bench', siret: '00000000000009' } });
  const partner = await db.prisma.partner.create({ data: { certifierId: certifier.id, name: 'Bench OF', siret: '00000000000010' } });
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const data = Array.from({ length: ROWS }, (_, i) => {
      const { certificationCode: _c, accessRoute: _a, funding: _f, birthDate, ...identity } = row(run, i);
      return { ...identity, id: randomUUID(), birthDate: new Date(birthDate), partnerId: partner.id };
    });
    const started = performance.now();
    await db.prisma.candidate.createMany({ data });
    samples.push(performance.now() - started);
  }
  await db.close();
  return samples;
}

export async function bulkRegister(): Promise<string[]> {
  const lines: string[] = [];
  const database = await freshPostgresDatabase();
  const server = await startServer({ databaseUrl: database?.url, env: { LOG_LEVEL: 'error' } });
  try {
    const token = await loginAs(server.graphqlUrl, 'partner-a@demo.certijury.fr');
    const mutation = 'mutation ($c: [BulkCandidateInput!]!) { registerCandidates(candidates: $c) { created existing } }';
    // Warm-up: document cache, JIT, prepared plans.
    await gql(server.graphqlUrl, mutation, { c: Array.from({ length: 20 }, (_, i) => row(-1, i)) }, { token });
    const samples: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const candidates = Array.from({ length: ROWS }, (_, i) => row(run, i));
      const started = performance.now();
      const result = await gql(server.graphqlUrl, mutation, { c: candidates }, { token });
      samples.push(performance.now() - started);
      if (result.data?.registerCandidates?.created !== ROWS) throw new Error(`bulk run ${run} failed: ${JSON.stringify(result.errors)}`);
    }
    const baseline = summarize(await baselineCreateMany());
    const measured = summarize(samples);
    lines.push(`bulk-register: ${ROWS} rows × ${RUNS} runs on ${database ? 'PostgreSQL' : 'embedded PGlite'}`);
    lines.push(`  registerCandidates over HTTP: p50 ${measured.p50.toFixed(0)} ms, max ${measured.max.toFixed(0)} ms`);
    lines.push(`  baseline candidate.createMany: p50 ${baseline.p50.toFixed(0)} ms, max ${baseline.max.toFixed(0)} ms`);
    lines.push(benchLine('bulk-register', measured.p50, 'ms', baseline.p50));
  } finally {
    await server.stop();
    await database?.drop();
  }
  return lines;
}
