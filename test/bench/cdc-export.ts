// cdc-export: `exportCdcBatch` of 200,000 passages (BENCH_PASSAGES) on embedded PGlite (PostgreSQL when
// DATABASE_URL is set), in-process: the keyset-paged read, identity resolution and normalisation, the XML
// writer, the file store, and marking every passage SENT with its event, all in one transaction. Peak RSS and
// heap are sampled every 25 ms. Baseline, same run and same rows: the same keyset-paged query with each row
// written as a bare `JSON.stringify` line (no resolution, no XML, no writes to the database).
// The export is split into files as in production (CDC_MAX_PASSAGES_PER_FILE / CDC_MAX_FILE_MB defaults).
// cdc-report (same run): `importCdcReport` of a 200,000-line processing report (5 % KO lines with two
// messageErreur each) answering one batch; baseline: `parseCdcReport` of the same text alone.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../server/src/db/database.ts';
import { applyMigrations } from '../../server/src/db/migrations.ts';
import { createLocalStorage } from '../../server/src/storage/storage.ts';
import { analyzeForExport, exportCdcBatch, importCdcReport, pendingPassagePages } from '../../server/src/modules/cdc/cdc.service.ts';
import { parseCdcReport } from '../../server/src/modules/cdc/cdc.report.ts';
import { seedDemoData } from '../../prisma/seed.ts';
import { freshPostgresDatabase } from '../support/server.ts';
import { benchLine } from './stats.ts';
import { generatedPassagesSql } from '../support/cdc-passages.ts';

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

    const generated = performance.now();
    await db.raw.exec(generatedPassagesSql({ count: PASSAGES, partnerId: partner.id, certificationId: certification.id, frameworkVersionId: certification.frameworks[0].id }));
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
    const totalBytes = run.result.files.reduce((sum, file) => sum + file.sizeBytes, 0);
    lines.push(
      `cdc-export: ${run.result.passageCount} passages written (${run.result.blockedCount} blocked, listed ${run.result.blocked.length}), ${sent} marked SENT, ` +
        `${(totalBytes / MB).toFixed(0)} MB of XML in ${run.result.files.length} file(s) (largest ${(Math.max(...run.result.files.map((f) => f.sizeBytes)) / MB).toFixed(1)} MB) in ${(run.ms / 1000).toFixed(2)} s (${Math.round((run.result.passageCount / run.ms) * 1000)} passages/s); ` +
        `peak RSS ${(run.peakRss / MB).toFixed(0)} MB (+${((run.peakRss - run.startRss) / MB).toFixed(0)} over the start), peak heap ${(run.peakHeap / MB).toFixed(0)} MB (start ${(run.startHeap / MB).toFixed(0)}). Goal: < 20 s, memory bounded.`,
    );
    lines.push(benchLine('cdc-export', run.ms / 1000, 's', baseline.ms / 1000));

    // Report import: every SENT passage answered by one report for the first file's idFlux (the files of the
    // export are put under that batch for the measure), 5 % of them KO with two messages.
    const batchId = run.result.files[0].batchId;
    await db.prisma.cdcPassage.updateMany({ where: { status: 'SENT' }, data: { lastBatchId: batchId } });
    const ids = (await db.prisma.cdcPassage.findMany({ where: { status: 'SENT' }, select: { idTechnique: true }, orderBy: { id: 'asc' } })).map((p) => p.idTechnique);
    const ko = ids.filter((_, i) => i % 20 === 0);
    const ok = ids.filter((_, i) => i % 20 !== 0);
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?>\n<rapport xmlns="urn:cdc:cpf:pc5:rapport:schema"><nomFichier>bench.xml</nomFichier><idFlux>${batchId}</idFlux><idTraitement>BENCH-1</idTraitement>\n<PassagesKO>\n` +
      ko.map((id) => `<passage><idTechnique>${id}</idTechnique><messageErreur>Aucun titulaire ne correspond aux critères obligatoires</messageErreur><messageErreur>Date de naissance incohérente</messageErreur></passage>\n`).join('') +
      '</PassagesKO>\n<PassagesOK>\n' +
      ok.map((id) => `<idTechnique>${id}</idTechnique>\n`).join('') +
      '</PassagesOK></rapport>\n';
    const parseOnly = await measured(async () => parseCdcReport(xml));
    const imported = await measured(() => importCdcReport({ prisma: db.prisma, storage }, { certifierId: certification.certifierId, actorId: null, actorKind: 'system' }, xml));
    lines.push(
      `cdc-report: ${ids.length} lines (${(Buffer.byteLength(xml) / MB).toFixed(1)} MB): parse alone ${(parseOnly.ms / 1000).toFixed(2)} s; import ${(imported.ms / 1000).toFixed(2)} s ` +
        `(${imported.result.summary.accepted} accepted, ${imported.result.summary.rejected} rejected, ${imported.result.summary.unknownCount} unknown), peak heap ${(imported.peakHeap / MB).toFixed(0)} MB. Goal: ≤ 10 s.`,
    );
    lines.push(benchLine('cdc-report', imported.ms / 1000, 's', parseOnly.ms / 1000));
  } finally {
    await db.close();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  }
  return lines;
}
