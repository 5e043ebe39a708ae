// Transmission of holders to the Caisse des Dépôts: export a batch (one XML flux, streamed from the database
// in keyset pages so memory stays bounded), import the CDC's processing report, correct a passage, settings.
// The GraphQL resolvers and `pnpm cdc:export` call the same functions.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { Registry, Sex } from '../../generated/prisma/enums.ts';
import type { FileStorage } from '../../storage/storage.ts';
import { appendAudit } from '../../lib/audit.ts';
import { AppError, validationFailed, type FieldIssue } from '../../lib/errors.ts';
import { translate, type MessageKey } from '../../lib/messages.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import {
  OUTSTANDING_STATUSES,
  TRANSMITTED_REGISTRIES,
  atRiskBefore,
  isBlocked,
  normaliseText,
  planReport,
  resolveIdentity,
  resolvePassage,
  settingsIssues,
  type BlockedPassage,
  type CdcIssue,
  type PassageRow,
} from './cdc.rules.ts';
import { cdcWriter, type CdcXmlWriter } from './cdc.xml.ts';
import { MAX_REPORT_BYTES, parseCdcReport } from './cdc.report.ts';

type Tx = Prisma.TransactionClient;
type Db = Tx | PrismaClient;

/** Rows read per query when streaming an export. */
export const EXPORT_PAGE_SIZE = 2000;
/** Blocked passages listed in an answer (all are counted). */
export const MAX_BLOCKED_LISTED = 500;
/** Unknown idTechnique listed in a report summary (all are counted). */
export const MAX_UNKNOWN_LISTED = 500;

export interface CdcDeps {
  prisma: PrismaClient;
  storage: FileStorage;
}

/** Who acts: an admin (user) or the command line (system), always on behalf of one certifier. */
export interface CdcActor {
  certifierId: string;
  actorId: string | null;
  actorKind: string;
}


// ───────────────────────────── Messages ─────────────────────────────

export function fieldLabel(field: string): string {
  return translate(`cdc.field.${field}` as MessageKey);
}

export function describeIssue(issue: CdcIssue): string {
  return translate(`cdc.issue.${issue.code}` as MessageKey, { field: fieldLabel(issue.field), max: issue.max, length: issue.length });
}

export function blockedMessage(blocked: Pick<BlockedPassage, 'idTechnique' | 'issues'>): string {
  return translate('cdc.blocked', { idTechnique: blocked.idTechnique, details: blocked.issues.map(describeIssue).join(' ; ') });
}

// ───────────────────────────── Reading passages ─────────────────────────────

interface CertificationRow {
  id: string;
  code: string;
  registry: Registry;
}

/** Certifications with passages awaiting transmission (RNCP and RS only), by code. */
async function certificationsToTransmit(db: Db, certifierId: string): Promise<CertificationRow[]> {
  return db.$queryRawUnsafe<CertificationRow[]>(
    `SELECT ce.id, ce.code, ce.registry::text AS registry
       FROM "Certification" ce
      WHERE ce."certifierId" = $1
        AND ce.registry::text IN (${TRANSMITTED_REGISTRIES.map((r) => `'${r}'`).join(', ')})
        AND EXISTS (SELECT 1 FROM "Attempt" a JOIN "CdcPassage" p ON p."attemptId" = a.id
                     WHERE a."certificationId" = ce.id AND p.status = 'PENDING')
      ORDER BY ce.code`,
    certifierId,
  );
}

/**
 * Refreshes the planner's statistics of the tables an export reads. PGlite has no autovacuum: after bulk
 * inserts the planner may think them tiny and hash-join every row for each page (quadratic); with statistics it
 * walks the primary key from the cursor (linear). ANALYZE samples ~30,000 rows per table: well under a second.
 */
export async function analyzeForExport(db: Db): Promise<void> {
  await db.$executeRawUnsafe('ANALYZE "CdcPassage", "Attempt", "Candidate"');
}


/** A `timestamp` (UTC, no zone) or `date` as JSON text: "2026-11-11T10:00:00", "1988-07-04". */
const fromJsonDate = (value: unknown): Date | null =>
  typeof value !== 'string' ? null : new Date(value.length > 10 && !/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? `${value}Z` : value);

/**
 * PENDING passages of one certification, in pages of `pageSize`, keyset-paginated on the passage id. Each page
 * comes back from the database as one JSON text (json_agg), parsed at once: the driver then converts one value
 * per page instead of fifteen per row, which is most of the cost of reading 200,000 rows.
 */
export async function* pendingPassagePages(db: Db, certificationId: string, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<PassageRow[]> {
  let cursor = '';
  for (;;) {
    const [{ page }] = await db.$queryRawUnsafe<{ page: string }[]>(
      `SELECT coalesce(json_agg(x ORDER BY x."passageId"), '[]')::text AS page FROM (
         SELECT p.id AS "passageId", p."idTechnique", p."juryDate", a."accessRoute"::text AS "accessRoute",
                c."birthName", c."usageName", c."firstName", c."firstName2", c."firstName3", c."birthDate", c.sex::text AS sex,
                c."birthInseeCode", c."birthPostalCode", c."birthCity", c."cpfFileNumber"
           FROM "CdcPassage" p
           JOIN "Attempt" a ON a.id = p."attemptId"
           JOIN "Candidate" c ON c.id = a."candidateId"
          WHERE a."certificationId" = $1 AND p.status = 'PENDING' AND p.id > $2
          ORDER BY p.id
          LIMIT ${Math.max(1, Math.floor(pageSize))}
       ) x`,
      certificationId,
      cursor,
    );
    const rows = JSON.parse(page) as Record<string, unknown>[];
    if (rows.length === 0) return;
    yield rows.map((row) => ({
      passageId: row.passageId as string,
      idTechnique: row.idTechnique as string,
      juryDate: fromJsonDate(row.juryDate)!,
      accessRoute: (row.accessRoute as PassageRow['accessRoute']) ?? null,
      birthName: (row.birthName as string | null) ?? null,
      usageName: (row.usageName as string | null) ?? null,
      firstName: (row.firstName as string | null) ?? null,
      firstName2: (row.firstName2 as string | null) ?? null,
      firstName3: (row.firstName3 as string | null) ?? null,
      birthDate: fromJsonDate(row.birthDate),
      sex: (row.sex as Sex | null) ?? null,
      birthInseeCode: (row.birthInseeCode as string | null) ?? null,
      birthPostalCode: (row.birthPostalCode as string | null) ?? null,
      birthCity: (row.birthCity as string | null) ?? null,
      cpfFileNumber: (row.cpfFileNumber as string | null) ?? null,
    }));
    if (rows.length < pageSize) return;
    cursor = rows[rows.length - 1].passageId as string;
  }
}

async function loadSettings(db: Db, certifierId: string) {
  const certifier = await db.certifier.findUnique({ where: { id: certifierId }, select: { id: true, cdcClientId: true, cdcContractId: true } });
  if (!certifier) throw new AppError('NOT_FOUND');
  return certifier;
}

function settingsError(issues: CdcIssue[]): AppError {
  return validationFailed(issues.map((issue) => ({ path: ['settings', issue.field], message: describeIssue(issue) })));
}

// ───────────────────────────── Preview ─────────────────────────────

export interface ExportPreview {
  ready: number;
  blockedCount: number;
  blocked: BlockedPassage[];
  settingsIssues: CdcIssue[];
}

/** What the next export would contain, and every passage that cannot go, with exactly what to correct. */
export async function previewCdcExport(prisma: PrismaClient, certifierId: string): Promise<ExportPreview> {
  const certifier = await loadSettings(prisma, certifierId);
  const preview: ExportPreview = { ready: 0, blockedCount: 0, blocked: [], settingsIssues: settingsIssues(certifier) };
  await analyzeForExport(prisma);
  for (const certification of await certificationsToTransmit(prisma, certifierId)) {
    for await (const page of pendingPassagePages(prisma, certification.id)) {
      for (const row of page) {
        const resolved = resolvePassage(row);
        if (!isBlocked(resolved)) preview.ready += 1;
        else {
          preview.blockedCount += 1;
          if (preview.blocked.length < MAX_BLOCKED_LISTED) preview.blocked.push(resolved);
        }
      }
    }
  }
  return preview;
}

// ───────────────────────────── Export ─────────────────────────────

/**
 * Marks the PENDING passages of one certification with ids in (lo, hi], except `skipped`, SENT in the batch.
 * No SENT event row is written: `lastBatchId` and the batch ids of the later report events say in which batches
 * a passage went (the history shows them, see passageHistory), and not writing 200,000 event rows and their
 * index entries takes a third off the export.
 */
async function markPageSent(
  tx: Tx,
  page: { certificationId: string; batchId: string; lo: string; hi: string; skipped: string[]; now: Date },
): Promise<number> {
  const exclude = page.skipped.length ? `AND p.id NOT IN (${page.skipped.map((_, i) => `$${i + 6}`).join(', ')})` : '';
  return tx.$executeRawUnsafe(
    `UPDATE "CdcPassage" p SET status = 'SENT', "lastBatchId" = $1, "rejectionMessage" = NULL, "updatedAt" = $5
       FROM "Attempt" a
      WHERE a.id = p."attemptId" AND a."certificationId" = $2 AND p.status = 'PENDING' AND p.id > $3 AND p.id <= $4 ${exclude}`,
    page.batchId,
    page.certificationId,
    page.lo,
    page.hi,
    page.now,
    ...page.skipped,
  );
}

export interface HistoryEntry {
  id: string;
  kind: 'SENT' | 'ACCEPTED' | 'REJECTED' | 'CORRECTED' | string;
  message: string | null;
  at: Date;
  batchId: string | null;
}

/**
 * A passage's history, oldest first: the stored events (ACCEPTED, REJECTED, CORRECTED) and one SENT entry per
 * batch the passage went in — every such batch is either its `lastBatchId` or named by a report event.
 */
export async function passageHistory(db: Db, passage: { id: string; lastBatchId: string | null }): Promise<HistoryEntry[]> {
  const stored = await db.cdcPassageEvent.findMany({ where: { passageId: passage.id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
  const batchIds = [...new Set([...stored.map((event) => event.batchId), passage.lastBatchId].filter((id): id is string => Boolean(id)))];
  const batches = await db.cdcBatch.findMany({ where: { id: { in: batchIds } }, select: { id: true, createdAt: true } });
  const sent: HistoryEntry[] = batches.map((batch) => ({ id: `${batch.id}:${passage.id}:SENT`, kind: 'SENT', message: null, at: batch.createdAt, batchId: batch.id }));
  // A batch's SENT comes before what its report said, even within the same millisecond.
  return [...sent, ...stored].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.kind === 'SENT' ? -1 : 0) - (b.kind === 'SENT' ? -1 : 0));
}

export interface ExportResult {
  batchId: string;
  fileName: string;
  passageCount: number;
  blockedCount: number;
  blocked: BlockedPassage[];
  sha256: string;
  sizeBytes: number;
  storageKey: string;
}

class FileSink {
  private readonly out: WriteStream;
  private readonly hash = createHash('sha256');
  size = 0;
  /** A failure of the file stream, kept for the next write or finish (an unheard stream error would end the process). */
  private failure: Error | null = null;
  constructor(readonly path: string) {
    this.out = createWriteStream(path);
    this.out.on('error', (error) => (this.failure ??= error));
  }
  async write(chunk: string) {
    if (this.failure) throw this.failure;
    if (!chunk) return;
    const buffer = Buffer.from(chunk, 'utf8');
    this.hash.update(buffer);
    this.size += buffer.length;
    if (!this.out.write(buffer)) await once(this.out, 'drain');
  }
  async finish(): Promise<string> {
    if (this.failure) throw this.failure;
    this.out.end();
    await once(this.out, 'finish');
    return this.hash.digest('hex');
  }
  destroy() {
    this.out.destroy();
  }
}

const compactStamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/**
 * Exports every PENDING passage of the certifier (RNCP and RS certifications) whose holder resolves, grouped by
 * certification, as one XML flux; blocked passages are left PENDING and listed with what is missing. In one
 * transaction: the batch row, each written passage SENT with `lastBatchId` and a SENT event, one audit entry.
 * The file is written while the passages are read (keyset pages of EXPORT_PAGE_SIZE) and kept in the file
 * store under its SHA-256. CDC_NOTHING_TO_EXPORT when no passage can go.
 */
export async function exportCdcBatch(
  deps: CdcDeps,
  actor: CdcActor,
  options: { now?: Date; writer?: CdcXmlWriter; pageSize?: number } = {},
): Promise<ExportResult> {
  const now = options.now ?? new Date();
  const writer = options.writer ?? cdcWriter();
  const certifier = await loadSettings(deps.prisma, actor.certifierId);
  const problems = settingsIssues(certifier);
  if (problems.length) throw settingsError(problems);
  const clientId = normaliseText(certifier.cdcClientId)!;
  const contractId = normaliseText(certifier.cdcContractId)!;

  const sink = new FileSink(await deps.storage.stagingPath());
  try {
    return await deps.prisma.$transaction(
      async (tx) => {
        // One export at a time per certifier (also across server processes on PostgreSQL).
        await tx.$queryRawUnsafe(`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext($1))) AS l`, `cdc-export:${actor.certifierId}`);
        await analyzeForExport(tx);
        const batchId = randomUUID();
        const fileName = `cdc-${clientId}-${compactStamp(now)}-${batchId.slice(0, 8)}.xml`;
        await tx.cdcBatch.create({
          data: { id: batchId, certifierId: actor.certifierId, schemaVersion: writer.version, fileName, passageCount: 0, createdById: actor.actorKind === 'user' ? actor.actorId : null, createdAt: now },
        });
        await sink.write(writer.header({ idFlux: batchId, at: now, clientId, contractId }));
        let written = 0;
        let blockedCount = 0;
        const blocked: BlockedPassage[] = [];
        for (const certification of await certificationsToTransmit(tx, actor.certifierId)) {
          let open = false;
          let lo = '';
          for await (const page of pendingPassagePages(tx, certification.id, options.pageSize)) {
            const hi = page[page.length - 1].passageId;
            const chunks: string[] = [];
            const sent: string[] = [];
            const skipped: string[] = [];
            for (const row of page) {
              const resolved = resolvePassage(row);
              if (isBlocked(resolved)) {
                skipped.push(resolved.passageId);
                blockedCount += 1;
                if (blocked.length < MAX_BLOCKED_LISTED) blocked.push(resolved);
                continue;
              }
              if (!open) {
                chunks.push(writer.openCertification({ type: certification.registry, code: certification.code }));
                open = true;
              }
              chunks.push(writer.passage(resolved));
              sent.push(resolved.passageId);
            }
            await sink.write(chunks.join(''));
            if (sent.length) {
              // The page is the id range (lo, hi] of this certification's PENDING passages: mark it SENT but for
              // the blocked ones, and log one SENT event each — two statements per page, whatever its size.
              const marked = await markPageSent(tx, { certificationId: certification.id, batchId, lo, hi, skipped, now });
              if (marked !== sent.length) throw new AppError('CONFLICT');
              written += sent.length;
            }
            lo = hi;
          }
          if (open) await sink.write(writer.closeCertification());
        }
        if (written === 0) throw new AppError('CDC_NOTHING_TO_EXPORT', { blocked: blockedCount }, { blockedCount });
        await sink.write(writer.footer());
        const sha256 = await sink.finish();
        const storageKey = await deps.storage.commit(sink.path, sha256);
        await tx.cdcBatch.update({ where: { id: batchId }, data: { storageKey, sha256, sizeBytes: sink.size, passageCount: written } });
        await appendAudit(tx, {
          actorId: actor.actorId,
          actorKind: actor.actorKind,
          action: 'cdc.batchExported',
          entityType: 'CdcBatch',
          entityId: batchId,
          data: { fileName, schemaVersion: writer.version, passageCount: written, blockedCount, sha256, sizeBytes: sink.size },
        });
        return { batchId, fileName, passageCount: written, blockedCount, blocked, sha256, sizeBytes: sink.size, storageKey };
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
  } catch (error) {
    sink.destroy();
    await deps.storage.discard(sink.path).catch(() => undefined);
    throw error;
  }
}

// ───────────────────────────── Processing report ─────────────────────────────

export interface ReportSummary {
  idFlux: string;
  idTraitement: string;
  nomFichier: string | null;
  accepted: number;
  rejected: number;
  unknownCount: number;
  unknown: { idTechnique: string; reason: string }[];
}

export interface ReportImportResult {
  batchId: string;
  duplicate: boolean;
  summary: ReportSummary;
}

async function storeText(storage: FileStorage, text: string): Promise<string> {
  const sink = new FileSink(await storage.stagingPath());
  try {
    await sink.write(text);
    return await storage.commit(sink.path, await sink.finish());
  } catch (error) {
    sink.destroy();
    await storage.discard(sink.path).catch(() => undefined);
    throw error;
  }
}

/**
 * Applies a processing report to the batch it answers (its idFlux): OK passages → ACCEPTED with the import date
 * (final: never exported again), KO → REJECTED with the CDC's message. Unknown idTechnique are reported, not
 * fatal. The report is kept (file store) with its summary on the batch. Importing the same report (same
 * idTraitement) again changes nothing and answers `duplicate: true`.
 */
export async function importCdcReport(
  deps: CdcDeps,
  actor: CdcActor,
  xml: string,
  options: { fileName?: string | null; now?: Date } = {},
): Promise<ReportImportResult> {
  const now = options.now ?? new Date();
  if (Buffer.byteLength(xml, 'utf8') > MAX_REPORT_BYTES) throw new AppError('LIMIT_EXCEEDED', { details: `xml > ${MAX_REPORT_BYTES} bytes` });
  const parsed = parseCdcReport(xml);
  if ('problems' in parsed) {
    throw validationFailed(
      parsed.problems.map((problem) => ({
        path: ['xml', ...('element' in problem ? [problem.element] : [])],
        message: translate(`cdc.report.${problem.code}` as MessageKey, problem as never),
      })),
    );
  }
  const { report } = parsed;
  const okSet = new Set(report.ok);
  const contradictions = report.ko.filter((ko) => okSet.has(ko.idTechnique));
  if (contradictions.length) {
    throw validationFailed(contradictions.map((ko) => ({ path: ['xml', 'PassagesKO', ko.idTechnique], message: translate('cdc.report.contradiction', { idTechnique: ko.idTechnique }) })));
  }
  const batch = await deps.prisma.cdcBatch.findFirst({ where: { id: report.idFlux, certifierId: actor.certifierId }, select: { id: true, reportIdTraitement: true, reportSummary: true } });
  if (!batch) throw validationFailed([{ path: ['xml', 'idFlux'], message: translate('cdc.report.unknownFlux', { idFlux: report.idFlux }) }]);
  const already = (b: { reportIdTraitement: string | null; reportSummary: unknown }): ReportImportResult | null => {
    if (b.reportIdTraitement === report.idTraitement) return { batchId: batch.id, duplicate: true, summary: b.reportSummary as ReportSummary };
    if (b.reportIdTraitement) {
      const state = translate('cdc.report.otherReport', { idTraitement: b.reportIdTraitement });
      throw new AppError('INVALID_STATE', { state }, { state: 'REPORT_ALREADY_IMPORTED' });
    }
    return null;
  };
  const early = already(batch);
  if (early) return early;

  const reportStorageKey = await storeText(deps.storage, xml);
  try {
    return await deps.prisma.$transaction(
      async (tx) => {
        // Claims the batch for this report: of two concurrent imports, one applies it, the other sees a duplicate.
        const claimed = await tx.cdcBatch.updateMany({
          where: { id: batch.id, reportIdTraitement: null },
          data: { reportIdTraitement: report.idTraitement, reportIdFlux: report.idFlux, reportImportedAt: now, reportFileName: options.fileName ?? report.nomFichier, reportStorageKey },
        });
        if (claimed.count === 0) {
          const current = await tx.cdcBatch.findUniqueOrThrow({ where: { id: batch.id }, select: { reportIdTraitement: true, reportSummary: true } });
          return already(current)!;
        }
        const ids = [...new Set([...report.ok, ...report.ko.map((ko) => ko.idTechnique)])];
        const passages = new Map<string, { id: string; idTechnique: string; status: 'PENDING' | 'SENT' | 'ACCEPTED' | 'REJECTED'; lastBatchId: string | null }>();
        for (let i = 0; i < ids.length; i += 5000) {
          const rows = await tx.cdcPassage.findMany({
            where: { idTechnique: { in: ids.slice(i, i + 5000) }, attempt: { certification: { certifierId: actor.certifierId } } },
            select: { id: true, idTechnique: true, status: true, lastBatchId: true },
          });
          for (const row of rows) passages.set(row.idTechnique, row);
        }
        const plan = planReport(report, passages, batch.id);
        const acceptIds = plan.accept.map((p) => p.id);
        for (let i = 0; i < acceptIds.length; i += 5000) {
          const chunk = acceptIds.slice(i, i + 5000);
          await tx.cdcPassage.updateMany({ where: { id: { in: chunk }, status: 'SENT' }, data: { status: 'ACCEPTED', acceptedAt: now, rejectionMessage: null, updatedAt: now } });
        }
        const byMessage = new Map<string, string[]>();
        for (const { passage, message } of plan.reject) byMessage.set(message, [...(byMessage.get(message) ?? []), passage.id]);
        for (const [message, passageIds] of byMessage) {
          await tx.cdcPassage.updateMany({ where: { id: { in: passageIds }, status: 'SENT' }, data: { status: 'REJECTED', rejectionMessage: message || null, updatedAt: now } });
        }
        const events = [
          ...plan.accept.map((p) => ({ passageId: p.id, batchId: batch.id, kind: 'ACCEPTED', message: null, at: now })),
          ...plan.reject.map((r) => ({ passageId: r.passage.id, batchId: batch.id, kind: 'REJECTED', message: r.message || null, at: now })),
        ];
        for (let i = 0; i < events.length; i += 5000) await tx.cdcPassageEvent.createMany({ data: events.slice(i, i + 5000) });
        const summary: ReportSummary = {
          idFlux: report.idFlux,
          idTraitement: report.idTraitement,
          nomFichier: report.nomFichier,
          accepted: plan.accept.length,
          rejected: plan.reject.length,
          unknownCount: plan.unknown.length,
          unknown: plan.unknown.slice(0, MAX_UNKNOWN_LISTED),
        };
        await tx.cdcBatch.update({ where: { id: batch.id }, data: { reportSummary: summary as unknown as Prisma.InputJsonValue } });
        await appendAudit(tx, {
          actorId: actor.actorId,
          actorKind: actor.actorKind,
          action: 'cdc.reportImported',
          entityType: 'CdcBatch',
          entityId: batch.id,
          data: { idTraitement: report.idTraitement, accepted: summary.accepted, rejected: summary.rejected, unknownCount: summary.unknownCount, reportStorageKey },
        });
        return { batchId: batch.id, duplicate: false, summary };
      },
      { timeout: 10 * 60_000, maxWait: 60_000 },
    );
  } catch (error) {
    // The same idTraitement already imported for another batch of this database.
    if (isUniqueViolation(error)) throw new AppError('CONFLICT');
    throw error;
  }
}

// ───────────────────────────── Correction ─────────────────────────────

export interface IdentityPatch {
  birthName?: string | null;
  usageName?: string | null;
  firstName?: string | null;
  firstName2?: string | null;
  firstName3?: string | null;
  birthDate?: Date | null;
  sex?: Sex | null;
  birthInseeCode?: string | null;
  birthPostalCode?: string | null;
  birthCity?: string | null;
  cpfFileNumber?: string | null;
}

const IDENTITY_SELECT = {
  id: true,
  birthName: true,
  usageName: true,
  firstName: true,
  firstName2: true,
  firstName3: true,
  birthDate: true,
  sex: true,
  birthInseeCode: true,
  birthPostalCode: true,
  birthCity: true,
  cpfFileNumber: true,
} as const;

/**
 * An admin corrects a passage: optionally the holder's identity (only the fields given), then, once the
 * identity resolves, a REJECTED passage is PENDING again and goes in the next batch. A PENDING (blocked)
 * passage just gets its identity. ACCEPTED passages are final and SENT ones await their report: INVALID_STATE.
 * VALIDATION_FAILED lists what is still missing.
 */
export async function correctCdcPassage(prisma: PrismaClient, actor: CdcActor, passageId: string, patch: IdentityPatch = {}, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const passage = await tx.cdcPassage.findFirst({
      where: { id: passageId, attempt: { certification: { certifierId: actor.certifierId } } },
      select: { id: true, status: true, idTechnique: true, attempt: { select: { candidateId: true } } },
    });
    if (!passage) throw new AppError('NOT_FOUND');
    if (passage.status === 'ACCEPTED' || passage.status === 'SENT') {
      throw new AppError('INVALID_STATE', { state: translate(`cdc.state.${passage.status}` as MessageKey) }, { state: passage.status });
    }
    const changed = Object.keys(patch).filter((key) => patch[key as keyof IdentityPatch] !== undefined);
    const data = Object.fromEntries(changed.map((key) => [key, patch[key as keyof IdentityPatch] ?? null])) as Prisma.CandidateUpdateInput;
    const candidate = changed.length
      ? await tx.candidate.update({ where: { id: passage.attempt.candidateId }, data, select: IDENTITY_SELECT })
      : await tx.candidate.findUniqueOrThrow({ where: { id: passage.attempt.candidateId }, select: IDENTITY_SELECT });
    const identity = resolveIdentity(candidate);
    if (identity.kind === 'blocked') {
      const fields: FieldIssue[] = identity.issues.map((issue) => ({ path: ['identity', issue.field], message: describeIssue(issue) }));
      throw validationFailed(fields);
    }
    if (passage.status === 'REJECTED') {
      await tx.cdcPassage.update({ where: { id: passage.id }, data: { status: 'PENDING', rejectionMessage: null, updatedAt: now } });
    }
    await tx.cdcPassageEvent.create({ data: { passageId: passage.id, kind: 'CORRECTED', message: changed.length ? changed.join(', ') : null, at: now } });
    // Field names only: the audit trail carries no identity values.
    await appendAudit(tx, {
      actorId: actor.actorId,
      actorKind: actor.actorKind,
      action: 'cdc.passageCorrected',
      entityType: 'CdcPassage',
      entityId: passage.id,
      data: { from: passage.status, to: 'PENDING', identification: identity.kind, changedFields: changed },
    });
  });
}

// ───────────────────────────── Settings and deadlines ─────────────────────────────

export async function updateCdcSettings(prisma: PrismaClient, actor: CdcActor, clientId: string, contractId: string): Promise<void> {
  const client = normaliseText(clientId);
  const contract = normaliseText(contractId);
  const fields: FieldIssue[] = [];
  if (client === null || [...client].length !== 8) fields.push({ path: ['clientId'], message: translate('cdc.clientId') });
  if (contract === null || [...contract].length > 20) fields.push({ path: ['contractId'], message: translate('cdc.contractId') });
  if (fields.length) throw validationFailed(fields);
  await prisma.$transaction(async (tx) => {
    await tx.certifier.update({ where: { id: actor.certifierId }, data: { cdcClientId: client, cdcContractId: contract } });
    await appendAudit(tx, {
      actorId: actor.actorId,
      actorKind: actor.actorKind,
      action: 'cdc.settingsUpdated',
      entityType: 'Certifier',
      entityId: actor.certifierId,
      data: { clientId: client, contractId: contract },
    });
  });
}

export interface DeadlineCounts {
  pending: number;
  sent: number;
  accepted: number;
  rejected: number;
  /** Outstanding (PENDING or REJECTED) with fewer than 30 days left, late ones included. */
  atRisk: number;
  late: number;
}

export async function cdcDeadlineCounts(prisma: Db, certifierId: string, now = new Date()): Promise<DeadlineCounts> {
  const scope = { attempt: { certification: { certifierId } } };
  const byStatus = await prisma.cdcPassage.groupBy({ by: ['status'], where: scope, _count: { _all: true } });
  const count = (status: string) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  const outstanding = { ...scope, status: { in: [...OUTSTANDING_STATUSES] } };
  return {
    pending: count('PENDING'),
    sent: count('SENT'),
    accepted: count('ACCEPTED'),
    rejected: count('REJECTED'),
    atRisk: await prisma.cdcPassage.count({ where: { ...outstanding, transmitBy: { lt: atRiskBefore(now) } } }),
    late: await prisma.cdcPassage.count({ where: { ...outstanding, transmitBy: { lt: now } } }),
  };
}

/** Reads a stored file (export or report) as text. */
export async function readStoredText(storage: FileStorage, key: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of storage.read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
