// cdc-export: `exportCdcBatch` of 200,000 passages (BENCH_PASSAGES) on embedded PGlite (PostgreSQL when
// DATABASE_URL is set), in-process: the keyset-paged read, identity resolution and normalisation, the XML
// writer, the file store, and marking every passage SENT with its event, all in one transaction. Peak RSS and
// heap are sampled every 25 ms. Baseline, same run and same rows: the same keyset-paged query with each row
// written as a bare `JSON.stringify` line (no resolution, no XML, no writes to the database).
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../server/src/db/database.ts';
import { applyMigrations } from '../../server/src/db/migrations.ts';
import { createLocalStorage } from '../../server/src/storage/storage.ts';
import { analyzeForExport, exportCdcBatch, pendingPassagePages } from '../../server/src/modules/cdc/cdc.service.ts';
import { seedDemoData } from '../../prisma/seed.ts';
import { freshPostgresDatabase } from '../support/server.ts';
import { benchLine } from './stats.ts';

const PASSAGES = Number(process.env.BENCH_PASSAGES ?? 200_000);
const root = resolve(import.meta.dirname, '../..');
const MB = 1024 * 1024;

/** Samples process memory while `fn` runs; returns its duration and the peaks above the starting point. */
async function measured<T>(fn: () => Promise<T>) {
  global.gc?.();
  const start = process.memoryUsage();
  const peak = { rss: start.rss, heapUsed: start.heapUsed };
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
  }, 25);
  const started = performance.now();
  try {
    const result = await fn();
    return { result, ms: performance.now() - started, startRss: start.rss, peakRss: peak.rss, peakHeap: peak.heapUsed, startHeap: start.heapUsed };
  } finally {
    clearInterval(timer);
  }
}

export async function cdcExport(): Promise<string[]> {
  const lines: string[] = [];
  const database = await freshPostgresDatabase();
  const db = await openDatabase({ dataDir: 'memory://', databaseUrl: database?.url });
  const dir = await mkdtemp(join(tmpdir(), 'certijury-bench-cdc-'));
  try {
    await applyMigrations(db.raw, db.kind, resolve(root, 'prisma/migrations'));
    await seedDemoData(db.prisma);
    const certification = await db.prisma.certification.findFirstOrThrow({ where: { code: 'RS5302' }, select: { id: true, certifierId: true, frameworks: { where: { status: 'PUBLISHED' }, select: { id: true } } } });
    const partner = await db.prisma.partner.findFirstOrThrow({ where: { certifierId: certification.certifierId }, select: { id: true } });

    // Generated holders: 90 % identified by titulaire (half by INSEE code, half by postal code), 5 % by their
    // CPF file only, 5 % blocked (no birth date, no CPF file). Multi-row INSERT … SELECT generate_series.
    const generated = performance.now();
    await db.raw.exec(`
      INSERT INTO "Candidate" (id, "partnerId", "fileNumber", email, "birthName", "usageName", "firstName", "birthDate", sex,
                               "birthInseeCode", "birthPostalCode", "birthCity", "cpfFileNumber", "updatedAt")
      SELECT 'bench-c-' || i, '${partner.id}', 'BENCH-' || i, 'bench' || i || '@example.fr', 'NOM-' || i || ' D''ARC',
             CASE WHEN i % 3 = 0 THEN 'USAGE' END, 'Prénom',
             CASE WHEN i % 10 = 0 THEN NULL ELSE date '1970-01-01' + (i % 12000) END,
             (CASE WHEN i % 2 = 0 THEN 'M' ELSE 'F' END)::"Sex",
             CASE WHEN i % 4 = 1 THEN NULL ELSE '75056' END, '75001', 'Paris',
             CASE WHEN i % 20 = 10 THEN lpad(i::text, 11, '2') END, now()
        FROM generate_series(1, ${PASSAGES}) AS i;
      INSERT INTO "Attempt" (id, "candidateId", "certificationId", "frameworkVersionId", state, "blockCodesInScope", "updatedAt")
      SELECT 'bench-a-' || i, 'bench-c-' || i, '${certification.id}', '${certification.frameworks[0].id}', 'RESULT_PUBLISHED', '{}', now()
        FROM generate_series(1, ${PASSAGES}) AS i;
      INSERT INTO "CdcPassage" (id, "attemptId", "idTechnique", "juryDate", "transmitBy", "updatedAt")
      SELECT md5('bench-p-' || i), 'bench-a-' || i, 'CJ-BENCH-' || i, now() - interval '20 days', now() + interval '70 days', now()
        FROM generate_series(1, ${PASSAGES}) AS i;`);
    const generatedMs = performance.now() - generated;
    lines.push(`cdc-export: generated ${PASSAGES} passages in ${(generatedMs / 1000).toFixed(1)} s (${db.kind})`);

    // Baseline: same pages, bare JSON lines.
    const baselineFile = join(dir, 'baseline.jsonl');
    const baseline = await measured(async () => {
      await analyzeForExport(db.prisma);
      const out = createWriteStream(baselineFile);
      let rows = 0;
      for (const { id } of [{ id: certification.id }]) {
        for await (const page of pendingPassagePages(db.prisma, id)) {
          rows += page.length;
          if (!out.write(page.map((row) => JSON.stringify(row)).join('\n') + '\n')) await once(out, 'drain');
        }
      }
      out.end();
      await once(out, 'finish');
      return rows;
    });
    lines.push(
      `cdc-export baseline: ${baseline.result} rows as JSON lines in ${(baseline.ms / 1000).toFixed(2)} s, ` +
        `${((await stat(baselineFile)).size / MB).toFixed(0)} MB, peak RSS ${(baseline.peakRss / MB).toFixed(0)} MB (+${((baseline.peakRss - baseline.startRss) / MB).toFixed(0)}), peak heap ${(baseline.peakHeap / MB).toFixed(0)} MB`,
    );

    const storage = await createLocalStorage(dir);
    const run = await measured(() => exportCdcBatch({ prisma: db.prisma, storage }, { certifierId: certification.certifierId, actorId: null, actorKind: 'system' }));
    const sent = await db.prisma.cdcPassage.count({ where: { status: 'SENT' } });
    lines.push(
      `cdc-export: ${run.result.passageCount} passages written (${run.result.blockedCount} blocked, listed ${run.result.blocked.length}), ${sent} marked SENT, ` +
        `${(run.result.sizeBytes / MB).toFixed(0)} MB of XML in ${(run.ms / 1000).toFixed(2)} s (${Math.round((run.result.passageCount / run.ms) * 1000)} passages/s); ` +
        `peak RSS ${(run.peakRss / MB).toFixed(0)} MB (+${((run.peakRss - run.startRss) / MB).toFixed(0)} over the start), peak heap ${(run.peakHeap / MB).toFixed(0)} MB (start ${(run.startHeap / MB).toFixed(0)}). Goal: < 20 s, memory bounded.`,
    );
    lines.push(benchLine('cdc-export', run.ms / 1000, 's', baseline.ms / 1000));
  } finally {
    await db.close();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  }
  return lines;
}
