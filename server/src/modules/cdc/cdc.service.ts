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
  OWED_STATUSES,
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
  type PassageState,
} from './cdc.rules.ts';
import { cdcIdentityRectified, settleAfterReport } from './cdc.follow.ts';
import { checkBirthPlace } from '../candidate/candidate.rules.ts';
import { communeName } from '../../lib/communes.ts';
import { cdcWriter, type CdcXmlWriter } from './cdc.xml.ts';
import { MAX_REPORT_BYTES, parseCdcReport } from './cdc.report.ts';

type Tx = Prisma.TransactionClient;
type Db = Tx | PrismaClient;

/** Rows read per query when streaming an export. */
export const EXPORT_PAGE_SIZE = 2000;
/** Blocked passages listed in an answer (all are counted). */
export const MAX_BLOCKED_LISTED = 500;
/** Passages read, updated or logged per statement when a report is applied. */
const REPORT_CHUNK = 20_000;
/** Unknown idTechnique listed in a report summary (all are counted). */
export const MAX_UNKNOWN_LISTED = 500;

export interface CdcDeps {
  prisma: PrismaClient;
  storage: FileStorage;
  /** Public address of the web app: `urlPreuve` is its certificate verification page (none when unset). */
  publicUrl?: string;
  /** Split limits of an export's files (CDC_MAX_PASSAGES_PER_FILE, CDC_MAX_FILE_MB). */
  maxPassagesPerFile?: number;
  maxFileBytes?: number;
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
  validityMonths: number | null;
}

/** Certifications with passages awaiting transmission (RNCP and RS only), by code. */
async function certificationsToTransmit(db: Db, certifierId: string): Promise<CertificationRow[]> {
  return db.$queryRawUnsafe<CertificationRow[]>(
    `SELECT ce.id, ce.code, ce.registry::text AS registry, ce."validityMonths"
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
export async function* pendingPassagePages(
  db: Db,
  certification: string | { id: string; validityMonths?: number | null },
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<PassageRow[]> {
  const certificationId = typeof certification === 'string' ? certification : certification.id;
  const validityMonths = typeof certification === 'string' ? null : (certification.validityMonths ?? null);
  let cursor = '';
  for (;;) {
    const [{ page }] = await db.$queryRawUnsafe<{ page: string }[]>(
      `SELECT coalesce(json_agg(x ORDER BY x."passageId"), '[]')::text AS page FROM (
         SELECT p.id AS "passageId", p."idTechnique", p."juryDate", a."accessRoute"::text AS "accessRoute",
                c."birthName", c."usageName", c."firstName", c."firstName2", c."firstName3", c."birthDate", c.sex::text AS sex,
                c."birthInseeCode", c."birthPostalCode", c."birthCity", c."birthCountryCode", c."birthCountryName", c."cpfFileNumber",
                (SELECT ct.id FROM "Certificate" ct WHERE ct."attemptId" = a.id AND ct."revokedAt" IS NULL AND ct.scope = 'ALL'
                  ORDER BY ct."issuedAt" DESC LIMIT 1) AS "certificateId"
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
      birthCountryCode: (row.birthCountryCode as string | null) ?? null,
      birthCountryName: (row.birthCountryName as string | null) ?? null,
      cpfFileNumber: (row.cpfFileNumber as string | null) ?? null,
      certificateId: (row.certificateId as string | null) ?? null,
      validityMonths,
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
    for await (const page of pendingPassagePages(prisma, certification)) {
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
 * Marks the given PENDING passages SENT in the batch (one statement for up to a page of ids), dated `now` for
 * their age awaiting the report. No SENT event row is written: `lastBatchId` and the batch ids of the later
 * report events say in which batches a passage went (the history shows them, see passageHistory), and not
 * writing 200,000 event rows and their index entries takes a third off the export.
 */
async function markSent(tx: Tx, batchId: string, passageIds: string[], now: Date): Promise<number> {
  if (passageIds.length === 0) return 0;
  return tx.$executeRawUnsafe(
    `UPDATE "CdcPassage" SET status = 'SENT', "lastBatchId" = $1, "rejectionMessage" = NULL, "sentAt" = $2, "updatedAt" = $2
      WHERE id = ANY($3::text[]) AND status = 'PENDING'`,
    batchId,
    now,
    passageIds,
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
export async function passageHistory(db: Db, passage: { id: string; lastBatchId: string | null; acceptedAt?: Date | null }): Promise<HistoryEntry[]> {
  const stored: HistoryEntry[] = await db.cdcPassageEvent.findMany({ where: { passageId: passage.id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
  // The acceptance is the passage's acceptedAt, by its last batch's report (stored as a row before issue 23).
  if (passage.acceptedAt && !stored.some((event) => event.kind === 'ACCEPTED')) {
    stored.push({ id: `${passage.lastBatchId}:${passage.id}:ACCEPTED`, kind: 'ACCEPTED', message: null, at: passage.acceptedAt, batchId: passage.lastBatchId });
    stored.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.kind === 'ACCEPTED' ? -1 : 0) - (b.kind === 'ACCEPTED' ? -1 : 0));
  }
  const batchIds = [...new Set([...stored.map((event) => event.batchId), passage.lastBatchId].filter((id): id is string => Boolean(id)))];
  const batches = await db.cdcBatch.findMany({ where: { id: { in: batchIds } }, select: { id: true, createdAt: true } });
  const sent: HistoryEntry[] = batches.map((batch) => ({ id: `${batch.id}:${passage.id}:SENT`, kind: 'SENT', message: null, at: batch.createdAt, batchId: batch.id }));
  // A batch's SENT comes before what its report said, even within the same millisecond.
  return [...sent, ...stored].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.kind === 'SENT' ? -1 : 0) - (b.kind === 'SENT' ? -1 : 0));
}

export interface ExportedFile {
  batchId: string;
  fileName: string;
  passageCount: number;
  sha256: string;
  sizeBytes: number;
  storageKey: string;
}

export interface ExportResult {
  /** Shared by the files of this export. */
  exportId: string;
  /** The first file (its batch); every file is in `files`. */
  batchId: string;
  fileName: string;
  files: ExportedFile[];
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

/** Split limits of an export's files (CDC_MAX_PASSAGES_PER_FILE, CDC_MAX_FILE_MB). */
export const DEFAULT_MAX_PASSAGES_PER_FILE = 20_000;
export const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;

/**
 * Exports every PENDING passage of the certifier (RNCP and RS certifications) whose holder resolves, grouped by
 * certification, as XML fluxes of at most `maxPassagesPerFile` passages and `maxFileBytes` bytes: each file is a
 * batch (`CdcBatch`, its id the file's idFlux), the files of one export share `exportId`. Blocked passages are
 * left PENDING and listed with what is missing. In one transaction: the batch rows, each written passage SENT
 * with `lastBatchId` and `sentAt`, one audit entry. Each file is written while the passages are read (keyset
 * pages of EXPORT_PAGE_SIZE) and kept in the file store under its SHA-256. CDC_NOTHING_TO_EXPORT when no
 * passage can go.
 */
export async function exportCdcBatch(
  deps: CdcDeps,
  actor: CdcActor,
  options: { now?: Date; writer?: CdcXmlWriter; pageSize?: number } = {},
): Promise<ExportResult> {
  const now = options.now ?? new Date();
  const writer = options.writer ?? cdcWriter();
  const maxPassages = Math.max(1, deps.maxPassagesPerFile ?? DEFAULT_MAX_PASSAGES_PER_FILE);
  const maxBytes = deps.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const certifier = await loadSettings(deps.prisma, actor.certifierId);
  const problems = settingsIssues(certifier);
  if (problems.length) throw settingsError(problems);
  const clientId = normaliseText(certifier.cdcClientId)!;
  const contractId = normaliseText(certifier.cdcContractId)!;
  const footerBytes = Buffer.byteLength(writer.closeCertification() + writer.footer());

  interface OpenFile {
    batchId: string;
    fileName: string;
    sink: FileSink;
    /** Bytes written or buffered, passages written. */
    bytes: number;
    count: number;
    chunks: string[];
    sent: string[];
    certification: CertificationRow | null;
  }
  const sinks: FileSink[] = [];
  try {
    return await deps.prisma.$transaction(
      async (tx) => {
        // One export at a time per certifier (also across server processes on PostgreSQL).
        await tx.$queryRawUnsafe(`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext($1))) AS l`, `cdc-export:${actor.certifierId}`);
        await analyzeForExport(tx);
        const exportId = randomUUID();
        const files: ExportedFile[] = [];
        let written = 0;
        let blockedCount = 0;
        const blocked: BlockedPassage[] = [];
        let file: OpenFile | null = null;

        const append = (target: OpenFile, chunk: string, bytes = Buffer.byteLength(chunk)) => {
          target.chunks.push(chunk);
          target.bytes += bytes;
        };
        /** Writes the buffered chunks and marks the file's passages written so far SENT. */
        const flush = async (target: OpenFile) => {
          await target.sink.write(target.chunks.join(''));
          target.chunks = [];
          if (target.sent.length) {
            const marked = await markSent(tx, target.batchId, target.sent, now);
            if (marked !== target.sent.length) throw new AppError('CONFLICT');
            target.sent = [];
          }
        };
        const openFile = async (): Promise<OpenFile> => {
          const batchId = randomUUID();
          const fileName = `cdc-${clientId}-${compactStamp(now)}-${batchId.slice(0, 8)}.xml`;
          await tx.cdcBatch.create({
            // The files of one export are ordered by their creation time, a millisecond apart.
            data: { id: batchId, exportId, certifierId: actor.certifierId, schemaVersion: writer.version, fileName, passageCount: 0, createdById: actor.actorKind === 'user' ? actor.actorId : null, createdAt: new Date(now.getTime() + files.length) },
          });
          const sink = new FileSink(await deps.storage.stagingPath());
          sinks.push(sink);
          const opened: OpenFile = { batchId, fileName, sink, bytes: 0, count: 0, chunks: [], sent: [], certification: null };
          append(opened, writer.header({ idFlux: batchId, at: now, clientId, contractId }));
          return opened;
        };
        const closeFile = async (target: OpenFile) => {
          if (target.certification) append(target, writer.closeCertification());
          append(target, writer.footer());
          await flush(target);
          const sha256 = await target.sink.finish();
          const storageKey = await deps.storage.commit(target.sink.path, sha256);
          await tx.cdcBatch.update({ where: { id: target.batchId }, data: { storageKey, sha256, sizeBytes: target.sink.size, passageCount: target.count } });
          files.push({ batchId: target.batchId, fileName: target.fileName, passageCount: target.count, sha256, sizeBytes: target.sink.size, storageKey });
        };

        for (const certification of await certificationsToTransmit(tx, actor.certifierId)) {
          for await (const page of pendingPassagePages(tx, certification, options.pageSize)) {
            for (const row of page) {
              const resolved = resolvePassage(row, { publicUrl: deps.publicUrl });
              if (isBlocked(resolved)) {
                blockedCount += 1;
                if (blocked.length < MAX_BLOCKED_LISTED) blocked.push(resolved);
                continue;
              }
              const chunk = writer.passage(resolved);
              const bytes = Buffer.byteLength(chunk);
              const opening = file?.certification === certification ? '' : writer.openCertification({ type: certification.registry, code: certification.code });
              const openingBytes = opening ? Buffer.byteLength(opening) : 0;
              // A full file is closed and the next one opened (its own idFlux); a file holds at least one passage.
              if (file && file.count > 0 && (file.count >= maxPassages || file.bytes + openingBytes + bytes + footerBytes > maxBytes)) {
                await closeFile(file);
                file = null;
              }
              if (!file) file = await openFile();
              if (file.certification !== certification) {
                if (file.certification) append(file, writer.closeCertification());
                append(file, writer.openCertification({ type: certification.registry, code: certification.code }));
                file.certification = certification;
              }
              append(file, chunk, bytes);
              file.sent.push(resolved.passageId);
              file.count += 1;
              written += 1;
            }
            if (file) await flush(file);
          }
        }
        if (written === 0 || !file) throw new AppError('CDC_NOTHING_TO_EXPORT', { blocked: blockedCount }, { blockedCount });
        await closeFile(file);
        const first = files[0];
        await appendAudit(tx, {
          actorId: actor.actorId,
          actorKind: actor.actorKind,
          action: 'cdc.batchExported',
          entityType: 'CdcBatch',
          entityId: first.batchId,
          data: {
            exportId,
            schemaVersion: writer.version,
            passageCount: written,
            blockedCount,
            files: files.map((f) => ({ batchId: f.batchId, fileName: f.fileName, passageCount: f.passageCount, sha256: f.sha256, sizeBytes: f.sizeBytes })),
          },
        });
        return { exportId, batchId: first.batchId, fileName: first.fileName, files, passageCount: written, blockedCount, blocked, sha256: first.sha256, sizeBytes: first.sizeBytes, storageKey: first.storageKey };
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
  } catch (error) {
    for (const sink of sinks) {
      sink.destroy();
      await deps.storage.discard(sink.path).catch(() => undefined);
    }
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
  options: { fileName?: string | null; now?: Date; maxBytes?: number } = {},
): Promise<ReportImportResult> {
  const now = options.now ?? new Date();
  const maxBytes = options.maxBytes ?? MAX_REPORT_BYTES;
  if (Buffer.byteLength(xml, 'utf8') > maxBytes) throw new AppError('LIMIT_EXCEEDED', { details: `xml > ${maxBytes} bytes` });
  const parsed = parseCdcReport(xml);
  if ('problems' in parsed) {
    throw validationFailed(
      parsed.problems.map((problem) => ({
        path: ['xml', ...('element' in problem ? [problem.element] : [])],
        message: translate(`cdc.report.${problem.code}` as MessageKey, { ...problem, found: 'found' in problem ? (problem.found ?? '∅') : undefined } as never),
      })),
    );
  }
  const { report } = parsed;
  const okSet = new Set(report.ok);
  const contradictions = report.ko.filter((ko) => okSet.has(ko.idTechnique));
  if (contradictions.length) {
    throw validationFailed(contradictions.map((ko) => ({ path: ['xml', 'PassagesKO', ko.idTechnique], message: translate('cdc.report.contradiction', { idTechnique: ko.idTechnique }) })));
  }
  const batch = await deps.prisma.cdcBatch.findFirst({ where: { id: report.idFlux, certifierId: actor.certifierId }, select: { id: true, reportIdTraitement: true, reportSummary: true, rejectedAt: true } });
  if (!batch) throw validationFailed([{ path: ['xml', 'idFlux'], message: translate('cdc.report.unknownFlux', { idFlux: report.idFlux }) }]);
  if (batch.rejectedAt) {
    const state = translate('cdc.report.batchRejected', { date: batch.rejectedAt.toISOString().slice(0, 10) });
    throw new AppError('INVALID_STATE', { state }, { state: 'BATCH_REJECTED' });
  }
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
        // Set-based statements over arrays (a 200,000-line report is a few statements, not thousands of
        // Prisma operations): read the passages named, then accept, reject and log in chunks.
        const ids = [...new Set([...report.ok, ...report.ko.map((ko) => ko.idTechnique)])];
        const passages = new Map<string, PassageState>();
        for (let i = 0; i < ids.length; i += REPORT_CHUNK) {
          const [{ rows }] = await tx.$queryRawUnsafe<{ rows: string }[]>(
            `SELECT coalesce(json_agg(json_build_object('id', p.id, 'idTechnique', p."idTechnique", 'status', p.status, 'lastBatchId', p."lastBatchId")), '[]')::text AS rows
               FROM "CdcPassage" p JOIN "Attempt" a ON a.id = p."attemptId" JOIN "Certification" ce ON ce.id = a."certificationId"
              WHERE p."idTechnique" = ANY($1::text[]) AND ce."certifierId" = $2`,
            ids.slice(i, i + REPORT_CHUNK),
            actor.certifierId,
          );
          for (const row of JSON.parse(rows) as PassageState[]) passages.set(row.idTechnique, row);
        }
        const plan = planReport(report, passages, batch.id);
        const acceptIds = plan.accept.map((p) => p.id);
        for (let i = 0; i < acceptIds.length; i += REPORT_CHUNK) {
          await tx.$executeRawUnsafe(
            `UPDATE "CdcPassage" p SET status = 'ACCEPTED', "acceptedAt" = $1, "rejectionMessage" = NULL, "updatedAt" = $1
               FROM unnest($2::text[]) AS v(id) WHERE p.id = v.id AND p.status = 'SENT'`,
            now,
            acceptIds.slice(i, i + REPORT_CHUNK),
          );
        }
        for (let i = 0; i < plan.reject.length; i += REPORT_CHUNK) {
          const chunk = plan.reject.slice(i, i + REPORT_CHUNK);
          await tx.$executeRawUnsafe(
            `UPDATE "CdcPassage" p SET status = 'REJECTED', "rejectionMessage" = nullif(v.message, ''), "updatedAt" = $1
               FROM unnest($2::text[], $3::text[]) AS v(id, message) WHERE p.id = v.id AND p.status = 'SENT'`,
            now,
            chunk.map((r) => r.passage.id),
            chunk.map((r) => r.message),
          );
        }
        // Only KO lines get an event row (with the CDC's message): an accepted passage's ACCEPTED entry is its
        // `acceptedAt` and `lastBatchId` (final: neither changes afterwards), as SENT entries are their batches.
        const events = plan.reject.map((r) => ({ passageId: r.passage.id, kind: 'REJECTED', message: r.message }));
        for (let i = 0; i < events.length; i += REPORT_CHUNK) {
          const chunk = events.slice(i, i + REPORT_CHUNK);
          await tx.$executeRawUnsafe(
            `INSERT INTO "CdcPassageEvent" (id, "passageId", "batchId", kind, message, at)
             SELECT gen_random_uuid()::text, v.passage, $1, v.kind, nullif(v.message, ''), $2
               FROM unnest($3::text[], $4::text[], $5::text[]) AS v(passage, kind, message)`,
            batch.id,
            now,
            chunk.map((e) => e.passageId),
            chunk.map((e) => e.kind),
            chunk.map((e) => e.message),
          );
        }
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
        // Passages whose decision changed while they were sent: the report settles what the portal needs.
        await settleAfterReport(tx, batch.id, now);
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

// ───────────────────────────── Whole file rejected ─────────────────────────────

/**
 * The CDC rejected a whole file (it answers with a message instead of a report: unreadable, wrong contract…):
 * the batch is marked rejected with the CDC's message, and its passages still SENT in it go back to the queue
 * (PENDING, with the message), to go in the next export; their deadline keeps running. Refused once a report was
 * imported for the batch, or when it is already rejected.
 */
export async function rejectCdcBatch(prisma: PrismaClient, actor: CdcActor, batchId: string, message: string, now = new Date()): Promise<number> {
  const text = normaliseText(message);
  if (text === null || [...text].length > 2000) throw validationFailed([{ path: ['message'], message: translate('cdc.batch.message') }]);
  return prisma.$transaction(async (tx) => {
    const batch = await tx.cdcBatch.findFirst({ where: { id: batchId, certifierId: actor.certifierId }, select: { id: true, reportIdTraitement: true, rejectedAt: true } });
    if (!batch) throw new AppError('NOT_FOUND');
    if (batch.reportIdTraitement) throw new AppError('INVALID_STATE', { state: translate('cdc.batch.reported') }, { state: 'REPORT_IMPORTED' });
    const claimed = await tx.cdcBatch.updateMany({ where: { id: batch.id, rejectedAt: null, reportIdTraitement: null }, data: { rejectedAt: now, rejectionMessage: text } });
    if (claimed.count === 0) throw new AppError('INVALID_STATE', { state: translate('cdc.batch.rejected') }, { state: 'BATCH_REJECTED' });
    const ids = (await tx.cdcPassage.findMany({ where: { lastBatchId: batch.id, status: 'SENT' }, select: { id: true } })).map((p) => p.id);
    for (let i = 0; i < ids.length; i += 5000) {
      const chunk = ids.slice(i, i + 5000);
      await tx.cdcPassage.updateMany({ where: { id: { in: chunk }, status: 'SENT' }, data: { status: 'PENDING', rejectionMessage: text, sentAt: null, updatedAt: now } });
      await tx.cdcPassageEvent.createMany({ data: chunk.map((passageId) => ({ passageId, batchId: batch.id, kind: 'BATCH_REJECTED', message: text, at: now })) });
    }
    await appendAudit(tx, {
      actorId: actor.actorId,
      actorKind: actor.actorKind,
      action: 'cdc.batchRejected',
      entityType: 'CdcBatch',
      entityId: batch.id,
      data: { message: text, passagesRequeued: ids.length },
    });
    return ids.length;
  });
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
  birthCountryCode?: string | null;
  birthCountryName?: string | null;
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
  birthCountryCode: true,
  birthCountryName: true,
  cpfFileNumber: true,
} as const;

/**
 * An admin corrects a passage: optionally the holder's identity (only the fields given), then, once the
 * identity resolves, a REJECTED passage is PENDING again and goes in the next batch. A PENDING (blocked)
 * passage just gets its identity. ACCEPTED passages are final and SENT ones await their report: INVALID_STATE.
 * VALIDATION_FAILED lists what is still missing.
 */
export async function correctCdcPassage(
  prisma: PrismaClient,
  actor: CdcActor,
  passageId: string,
  patch: IdentityPatch = {},
  now = new Date(),
  options: { confirmBirthPlace?: boolean } = {},
): Promise<void> {
  // A birth commune code given is checked against the official geographic code (an admin may confirm an unknown one).
  const place = patch.birthInseeCode ? checkBirthPlace({ birthInseeCode: patch.birthInseeCode, birthCity: patch.birthCity ?? null }, communeName, options.confirmBirthPlace === true) : null;
  if (place?.refusal) throw validationFailed([{ path: ['identity', 'birthInseeCode'], message: place.refusal }]);
  if (place?.derivedCity && patch.birthCity === undefined) patch = { ...patch, birthCity: place.derivedCity };
  await prisma.$transaction(async (tx) => {
    const passage = await tx.cdcPassage.findFirst({
      where: { id: passageId, attempt: { certification: { certifierId: actor.certifierId } } },
      select: { id: true, status: true, idTechnique: true, attempt: { select: { candidateId: true } } },
    });
    if (!passage) throw new AppError('NOT_FOUND');
    const changed = Object.keys(patch).filter((key) => patch[key as keyof IdentityPatch] !== undefined);
    // An accepted passage is final at the CDC: only a rectified identity changes it, on the CDC's portal.
    const rectifying = passage.status === 'ACCEPTED' && changed.length > 0;
    if (passage.status === 'SENT' || passage.status === 'WITHDRAWN' || (passage.status === 'ACCEPTED' && !rectifying)) {
      throw new AppError('INVALID_STATE', { state: translate(`cdc.state.${passage.status}` as MessageKey) }, { state: passage.status });
    }
    const data = Object.fromEntries(changed.map((key) => [key, patch[key as keyof IdentityPatch] ?? null])) as Prisma.CandidateUpdateInput;
    if (place?.confirmedCode) data.birthPlaceConfirmedAt = now;
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
    // The CDC holds the old identity of this holder's sent or accepted passages: to modify on its portal.
    if (changed.length) await cdcIdentityRectified(tx, passage.attempt.candidateId, now);
    // Field names only: the audit trail carries no identity values.
    await appendAudit(tx, {
      actorId: actor.actorId,
      actorKind: actor.actorKind,
      action: 'cdc.passageCorrected',
      entityType: 'CdcPassage',
      entityId: passage.id,
      data: {
        from: passage.status,
        to: rectifying ? 'ACCEPTED' : 'PENDING',
        identification: identity.kind,
        changedFields: changed,
        portal: rectifying ? 'MODIFY' : null,
        ...(place?.confirmedCode ? { birthPlaceConfirmed: place.confirmedCode } : {}),
      },
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

/** A report not back after this many days is worth a look (the CDC usually answers within days). */
export const AWAITING_REPORT_ALERT_DAYS = 7;

export interface DeadlineCounts {
  pending: number;
  sent: number;
  accepted: number;
  rejected: number;
  withdrawn: number;
  /** Not accepted yet (PENDING, REJECTED or SENT) with fewer than 30 days left, late ones included. */
  atRisk: number;
  /** Not accepted by their deadline (SENT ones awaiting their report included). */
  late: number;
  /** SENT, awaiting their report: how many, and the age in days of the oldest. */
  awaitingReport: number;
  /** Of those, sent more than AWAITING_REPORT_ALERT_DAYS ago (the deadline digest lists them). */
  awaitingReportLong: number;
  oldestAwaitingDays: number | null;
  /** Accepted passages to modify or delete on the CDC's portal. */
  portalActions: number;
}

export async function cdcDeadlineCounts(prisma: Db, certifierId: string, now = new Date()): Promise<DeadlineCounts> {
  const scope = { attempt: { certification: { certifierId } } };
  const byStatus = await prisma.cdcPassage.groupBy({ by: ['status'], where: scope, _count: { _all: true } });
  const count = (status: string) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  const owed = { ...scope, status: { in: [...OWED_STATUSES] } };
  const oldest = await prisma.cdcPassage.findFirst({ where: { ...scope, status: 'SENT', sentAt: { not: null } }, orderBy: { sentAt: 'asc' }, select: { sentAt: true } });
  return {
    pending: count('PENDING'),
    sent: count('SENT'),
    accepted: count('ACCEPTED'),
    rejected: count('REJECTED'),
    withdrawn: count('WITHDRAWN'),
    atRisk: await prisma.cdcPassage.count({ where: { ...owed, transmitBy: { lt: atRiskBefore(now) } } }),
    late: await prisma.cdcPassage.count({ where: { ...owed, transmitBy: { lt: now } } }),
    awaitingReport: count('SENT'),
    awaitingReportLong: await prisma.cdcPassage.count({ where: { ...scope, status: 'SENT', sentAt: { lt: new Date(now.getTime() - AWAITING_REPORT_ALERT_DAYS * 86_400_000) } } }),
    oldestAwaitingDays: oldest?.sentAt ? Math.max(0, Math.floor((now.getTime() - oldest.sentAt.getTime()) / 86_400_000)) : null,
    portalActions: await prisma.cdcPassage.count({ where: { ...scope, status: 'ACCEPTED', portalAction: { not: null } } }),
  };
}

/** Reads a stored file (export or report) as text. */
export async function readStoredText(storage: FileStorage, key: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of storage.read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
