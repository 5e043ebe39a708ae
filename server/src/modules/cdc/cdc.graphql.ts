// Transmission to the Caisse des Dépôts in the schema (admins only): passages with their deadline, the export
// preview with blocked passages and reasons, batches with their file and report, report import, correction,
// CDC settings. The export itself is cdc.service.ts, shared with `pnpm cdc:export`.
import { z } from 'zod';
import { builder } from '../../graphql/builder.ts';
import { CdcPassageStatusEnum, SexEnum } from '../../graphql/enums.ts';
import { cdcBatchFilter, cdcPassageFilter } from '../../auth/policies.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { AppError } from '../../lib/errors.ts';
import { translate, type MessageKey } from '../../lib/messages.ts';
import type { Context } from '../../graphql/context.ts';
import { candidateRegistrationSchema } from '../candidate/candidate.rules.ts';
import {
  OWED_STATUSES,
  atRiskBefore,
  awaitingReportDays,
  deadlineStatus,
  isBlocked,
  portalValuesOf,
  resolveIdentity,
  resolvePassage,
  type BlockedPassage,
  type CdcIssue,
  type PortalValue,
} from './cdc.rules.ts';
import { recordCdcPortalAction } from './cdc.follow.ts';
import { CURRENT_CDC_SCHEMA_VERSION } from './cdc.xml.ts';
import { MAX_REPORT_BYTES } from './cdc.report.ts';
import {
  blockedMessage,
  cdcDeadlineCounts,
  correctCdcPassage,
  describeIssue,
  exportCdcBatch,
  importCdcReport,
  passageHistory,
  previewCdcExport,
  readStoredText,
  rejectCdcBatch,
  updateCdcSettings,
  type CdcActor,
  type DeadlineCounts,
  type ExportPreview,
  type HistoryEntry,
  type ReportSummary,
} from './cdc.service.ts';
import { fileStorage } from '../../storage/storage.ts';

/** Largest file returned inline by `CdcBatch.xml` (bigger ones: `downloadPath`). */
const MAX_INLINE_XML_BYTES = 5 * 1024 * 1024;

function adminActor(viewer: Viewer | null): CdcActor {
  if (viewer?.kind !== 'user' || viewer.role !== 'ADMIN') throw new AppError('FORBIDDEN');
  return { certifierId: viewer.certifierId, actorId: viewer.userId, actorKind: 'user' };
}

const deps = async (ctx: Context) => ({
  prisma: ctx.prisma,
  storage: await fileStorage(ctx.config.dataDir),
  publicUrl: ctx.config.publicUrl,
  maxPassagesPerFile: ctx.config.cdc.maxPassagesPerFile,
  maxFileBytes: ctx.config.cdc.maxFileBytes,
});

// ───────────────────────────── Types ─────────────────────────────

const CdcIssueRef = builder.objectRef<CdcIssue>('CdcIssue').implement({
  description: 'One thing to correct before a passage (or the settings) can be transmitted.',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'Candidate field (`birthInseeCode|birthPostalCode` = either), or clientId / contractId.' }),
    code: t.exposeString('code', { description: 'MISSING, TOO_LONG (never truncated: shorten it) or INVALID.' }),
    max: t.exposeInt('max', { nullable: true }),
    length: t.exposeInt('length', { nullable: true }),
    message: t.string({ resolve: (issue) => describeIssue(issue) }),
  }),
});

const CdcIdentificationRef = builder.objectRef<ReturnType<typeof resolveIdentity>>('CdcIdentification').implement({
  description: 'How the holder would be identified today: TITULAIRE (birth identity), DOSSIER_FORMATION (CPF file number) or BLOCKED.',
  fields: (t) => ({
    kind: t.string({ resolve: (identity) => ({ titulaire: 'TITULAIRE', dossierFormation: 'DOSSIER_FORMATION', blocked: 'BLOCKED' })[identity.kind] }),
    issues: t.field({ type: [CdcIssueRef], resolve: (identity) => (identity.kind === 'blocked' ? identity.issues : []) }),
  }),
});



const IDENTITY_SELECT = {
  attempt: {
    select: {
      candidate: {
        select: {
          birthName: true, usageName: true, firstName: true, firstName2: true, firstName3: true, birthDate: true, sex: true,
          birthInseeCode: true, birthPostalCode: true, birthCity: true, birthCountryCode: true, birthCountryName: true, cpfFileNumber: true,
        },
      },
    },
  },
} as const;

builder.prismaObjectFields('Candidate', (t) => ({
  identityIssues: t.field({
    type: [CdcIssueRef],
    authScopes: { partner: true, candidate: true, admin: true },
    description:
      'What the identity lacks for the transmission to the CDC (the export’s own rules), to complete well before the jury; empty when complete. ' +
      'Names fields only, never their values.',
    select: { ...IDENTITY_SELECT.attempt.select.candidate.select, anonymisedAt: true },
    resolve: (candidate) => {
      if (candidate.anonymisedAt) return [];
      const identity = resolveIdentity(candidate);
      return identity.kind === 'blocked' ? identity.issues : [];
    },
  }),
}));

/** What the portal values of a passage read: its identity, access route, certification validity and current certificate. */
const PORTAL_SELECT = {
  id: true,
  idTechnique: true,
  juryDate: true,
  portalAction: true,
  attempt: {
    select: {
      accessRoute: true,
      certification: { select: { validityMonths: true } },
      certificates: { where: { revokedAt: null, scope: 'ALL' }, orderBy: { issuedAt: 'desc' }, take: 1, select: { id: true } },
      candidate: IDENTITY_SELECT.attempt.select.candidate,
    },
  },
} as const;

const PortalValueRef = builder.objectRef<PortalValue>('CdcPortalValue').implement({
  description: 'One value to enter on the CDC portal, named by its XSD element.',
  fields: (t) => ({
    element: t.exposeString('element'),
    value: t.exposeString('value', { nullable: true, description: 'null: leave the field empty.' }),
  }),
});

const CdcPassageEventRef = builder.objectRef<HistoryEntry>('CdcPassageEvent').implement({
  description: "One step of a passage's history.",
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.exposeString('kind', {
      description:
        'SENT, ACCEPTED, REJECTED (message = the CDC’s), BATCH_REJECTED (the whole file, message = the CDC’s), CORRECTED (message = fields changed), WITHDRAWN, REOPENED, TO_MODIFY / TO_DELETE (after acceptance, message = why), PORTAL_MODIFIED / PORTAL_DELETED (recorded by an admin).',
    }),
    message: t.exposeString('message', { nullable: true }),
    at: t.field({ type: 'DateTime', resolve: (entry) => entry.at }),
  }),
});
builder.objectField(CdcPassageEventRef, 'batch', (t) =>
  t.prismaField({
    type: 'CdcBatch',
    nullable: true,
    resolve: (query, entry, _args, ctx) => (entry.batchId ? ctx.prisma.cdcBatch.findUnique({ ...query, where: { id: entry.batchId } }) : null),
  }),
);

const CdcPassageRef = builder.prismaObject('CdcPassage', {
  description: 'A certified passage to transmit to the CDC, with its legal deadline (jury date + 3 months) and history.',
  fields: (t) => ({
    id: t.exposeID('id'),
    idTechnique: t.exposeString('idTechnique', { description: "The product's stable id of the passage; it comes back in the CDC's report." }),
    status: t.expose('status', { type: CdcPassageStatusEnum }),
    juryDate: t.expose('juryDate', { type: 'DateTime' }),
    transmitBy: t.expose('transmitBy', { type: 'DateTime', description: 'Legal deadline: jury date + 3 months.' }),
    daysLeft: t.int({
      nullable: true,
      select: { status: true, transmitBy: true },
      description: 'Whole days left before the deadline (negative when late); null once accepted (or withdrawn). The deadline runs until a report accepts the passage.',
      resolve: (passage) => deadlineStatus(passage).daysLeft,
    }),
    late: t.boolean({ select: { status: true, transmitBy: true }, description: 'Not accepted by its deadline (PENDING, REJECTED, or SENT and still awaiting its report).', resolve: (passage) => deadlineStatus(passage).late }),
    atRisk: t.boolean({ select: { status: true, transmitBy: true }, description: 'Not accepted yet, and late or with fewer than 30 days left.', resolve: (passage) => deadlineStatus(passage).atRisk }),
    sentAt: t.expose('sentAt', { type: 'DateTime', nullable: true, description: 'When it was last sent (its batch).' }),
    awaitingReportDays: t.int({
      nullable: true,
      select: { status: true, sentAt: true },
      description: 'SENT: whole days since it was sent, awaiting the report; null otherwise.',
      resolve: (passage) => awaitingReportDays(passage),
    }),
    portalAction: t.exposeString('portalAction', {
      nullable: true,
      description: 'MODIFY or DELETE on the CDC portal ("Modifier ou supprimer un passage de certification", by idTechnique) once accepted; null when nothing is to do.',
    }),
    portalActionReason: t.exposeString('portalActionReason', { nullable: true, description: 'DECISION_OVERTURNED, DECISION_CHANGED, CERTIFICATE_REVOKED or IDENTITY_RECTIFIED.' }),
    portalActionMessage: t.string({
      nullable: true,
      select: { portalAction: true, portalActionReason: true },
      resolve: (passage) =>
        passage.portalAction ? `${translate(`cdc.portal.${passage.portalAction}` as MessageKey)} : ${translate(`cdc.portal.reason.${passage.portalActionReason}` as MessageKey)}` : null,
    }),
    portalActionSince: t.expose('portalActionSince', { type: 'DateTime', nullable: true }),
    portalValues: t.field({
      type: [PortalValueRef],
      select: PORTAL_SELECT,
      description: 'For MODIFY: every value to enter (what an export would write today); for DELETE: the idTechnique; empty when nothing is to do.',
      resolve: (passage, _args, ctx) => {
        if (!passage.portalAction) return [];
        if (passage.portalAction === 'DELETE') return [{ element: 'idTechnique', value: passage.idTechnique }];
        const resolved = resolvePassage(
          {
            ...passage.attempt.candidate,
            passageId: passage.id,
            idTechnique: passage.idTechnique,
            juryDate: passage.juryDate,
            accessRoute: passage.attempt.accessRoute,
            certificateId: passage.attempt.certificates[0]?.id ?? null,
            validityMonths: passage.attempt.certification.validityMonths,
          },
          { publicUrl: ctx.config.publicUrl },
        );
        return isBlocked(resolved) ? [{ element: 'idTechnique', value: passage.idTechnique }] : portalValuesOf(resolved);
      },
    }),
    acceptedAt: t.expose('acceptedAt', { type: 'DateTime', nullable: true }),
    rejectionMessage: t.exposeString('rejectionMessage', { nullable: true, description: "The CDC's message for a KO passage, until it is corrected." }),
    lastBatch: t.prismaField({
      type: 'CdcBatch',
      nullable: true,
      select: { lastBatchId: true },
      resolve: (query, passage, _args, ctx) => (passage.lastBatchId ? ctx.prisma.cdcBatch.findFirst({ ...query, where: { AND: [{ id: passage.lastBatchId }, cdcBatchFilter(ctx.viewer)] } }) : null),
    }),
    identification: t.field({ type: CdcIdentificationRef, select: IDENTITY_SELECT, resolve: (passage) => resolveIdentity(passage.attempt.candidate) }),
    attempt: t.relation('attempt'),
    candidate: t.prismaField({
      type: 'Candidate',
      description: 'The holder, whose identity is transmitted.',
      select: { attempt: { select: { candidateId: true } } },
      resolve: (query, passage, _args, ctx) => ctx.prisma.candidate.findUniqueOrThrow({ ...query, where: { id: passage.attempt.candidateId } }),
    }),
    events: t.field({
      type: [CdcPassageEventRef],
      description: 'History, oldest first: SENT (one per batch it went in), ACCEPTED, REJECTED, CORRECTED.',
      select: { id: true, lastBatchId: true, acceptedAt: true },
      resolve: (passage, _args, ctx) => passageHistory(ctx.prisma, passage),
    }),
  }),
});

const ReportSummaryRef = builder.objectRef<ReportSummary>('CdcReportSummary').implement({
  fields: (t) => ({
    idFlux: t.exposeString('idFlux'),
    idTraitement: t.exposeString('idTraitement'),
    nomFichier: t.exposeString('nomFichier', { nullable: true }),
    accepted: t.exposeInt('accepted'),
    rejected: t.exposeInt('rejected'),
    unknownCount: t.exposeInt('unknownCount'),
    unknown: t.field({
      type: [builder.objectRef<{ idTechnique: string; reason: string }>('CdcReportUnknown').implement({
        description: 'An idTechnique of the report that changed nothing, and why.',
        fields: (u) => ({
          idTechnique: u.exposeString('idTechnique'),
          reason: u.exposeString('reason', { description: 'UNKNOWN_ID, NOT_IN_BATCH, ALREADY_ACCEPTED or DUPLICATE_IN_REPORT.' }),
          message: u.string({ resolve: (row) => translate(`cdc.unknown.${row.reason}` as MessageKey) }),
        }),
      })],
      description: `The first ${500} of them.`,
      resolve: (summary) => summary.unknown,
    }),
  }),
});

builder.prismaObject('CdcBatch', {
  description: 'One exported XML file ("flux") and, once imported, the CDC processing report that answers it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Also the `idFlux` of the file.' }),
    schemaVersion: t.exposeString('schemaVersion'),
    fileName: t.exposeString('fileName'),
    passageCount: t.exposeInt('passageCount'),
    sha256: t.exposeString('sha256', { nullable: true }),
    sizeBytes: t.exposeInt('sizeBytes', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    downloadPath: t.string({ description: 'GET with the admin bearer token: the XML file.', resolve: (batch) => `/downloads/cdc-batches/${batch.id}.xml` }),
    exportId: t.exposeString('exportId', { nullable: true, description: 'Shared by the files of one export (a batch is split into files of bounded size).' }),
    rejectedAt: t.expose('rejectedAt', { type: 'DateTime', nullable: true, description: 'The CDC rejected the whole file (rejectCdcBatch): its passages went back to the queue.' }),
    rejectionMessage: t.exposeString('rejectionMessage', { nullable: true, description: "The CDC's message for the whole file." }),
    xml: t.string({
      nullable: true,
      select: { storageKey: true, sizeBytes: true },
      description: `The file itself, up to ${MAX_INLINE_XML_BYTES} bytes (null beyond: use downloadPath).`,
      resolve: async (batch, _args, ctx) =>
        batch.storageKey && (batch.sizeBytes ?? 0) <= MAX_INLINE_XML_BYTES ? readStoredText(await fileStorage(ctx.config.dataDir), batch.storageKey) : null,
    }),
    reportIdTraitement: t.exposeString('reportIdTraitement', { nullable: true }),
    reportImportedAt: t.expose('reportImportedAt', { type: 'DateTime', nullable: true }),
    reportFileName: t.exposeString('reportFileName', { nullable: true }),
    report: t.field({ type: ReportSummaryRef, nullable: true, select: { reportSummary: true }, resolve: (batch) => (batch.reportSummary as ReportSummary | null) ?? null }),
    reportXml: t.string({
      nullable: true,
      select: { reportStorageKey: true },
      resolve: async (batch, _args, ctx) => (batch.reportStorageKey ? readStoredText(await fileStorage(ctx.config.dataDir), batch.reportStorageKey) : null),
    }),
    events: t.field({
      type: [CdcPassageEventRef],
      description:
        "Events recorded against this batch, oldest first: REJECTED (a KO line of its report, with the CDC's message) and BATCH_REJECTED; accepted passages are counted in `report.accepted` (each passage's history shows its ACCEPTED entry). The passages it sent are `passageCount`.",
      resolve: (batch, _args, ctx) => ctx.prisma.cdcPassageEvent.findMany({ where: { batchId: batch.id }, orderBy: [{ at: 'asc' }, { id: 'asc' }], take: 10_000 }),
    }),
  }),
});

type BlockedRow = BlockedPassage;
const CdcBlockedPassageRef = builder.objectRef<BlockedRow>('CdcBlockedPassage').implement({
  description: 'A passage that cannot be transmitted yet: nothing is written for it; correct the identity (correctCdcPassage).',
  fields: (t) => ({
    passage: t.prismaField({
      type: CdcPassageRef,
      nullable: true,
      resolve: (query, row, _args, ctx) => ctx.prisma.cdcPassage.findFirst({ ...query, where: { AND: [{ id: row.passageId }, cdcPassageFilter(ctx.viewer)] } }),
    }),
    idTechnique: t.exposeString('idTechnique'),
    missingForTitulaire: t.exposeStringList('missingForTitulaire', { description: 'What identification by birth identity (`titulaire`) lacks.' }),
    missingForDossier: t.exposeStringList('missingForDossier', { description: 'What identification by CPF file (`dossierFormation`) lacks.' }),
    issues: t.field({ type: [CdcIssueRef], resolve: (row) => row.issues }),
    message: t.string({ resolve: (row) => blockedMessage(row) }),
  }),
});

const CdcExportPreviewRef = builder.objectRef<ExportPreview>('CdcExportPreview').implement({
  fields: (t) => ({
    ready: t.exposeInt('ready', { description: 'Passages the next export would contain.' }),
    blockedCount: t.exposeInt('blockedCount'),
    blocked: t.field({ type: [CdcBlockedPassageRef], description: 'The first 500 blocked passages, with what is missing.', resolve: (p) => p.blocked }),
    settingsIssues: t.field({ type: [CdcIssueRef], resolve: (p) => p.settingsIssues }),
  }),
});

const CdcExportResultRef = builder.objectRef<{ batchId: string; exportId: string; blockedCount: number; blocked: BlockedPassage[] }>('CdcExportResult').implement({
  fields: (t) => ({
    batch: t.prismaField({ type: 'CdcBatch', description: 'The first file.', resolve: (query, result, _args, ctx) => ctx.prisma.cdcBatch.findUniqueOrThrow({ ...query, where: { id: result.batchId } }) }),
    batches: t.prismaField({
      type: ['CdcBatch'],
      description: 'Every file of this export, each with its own idFlux (at most CDC_MAX_PASSAGES_PER_FILE passages and CDC_MAX_FILE_MB each).',
      resolve: (query, result, _args, ctx) => ctx.prisma.cdcBatch.findMany({ ...query, where: { exportId: result.exportId }, orderBy: [{ createdAt: 'asc' }, { fileName: 'asc' }] }),
    }),
    blockedCount: t.exposeInt('blockedCount', { description: 'Passages left out (still PENDING) because their identity is incomplete.' }),
    blocked: t.field({ type: [CdcBlockedPassageRef], resolve: (result) => result.blocked }),
  }),
});

const CdcReportImportRef = builder.objectRef<{ batchId: string; duplicate: boolean; summary: ReportSummary }>('CdcReportImport').implement({
  fields: (t) => ({
    batch: t.prismaField({ type: 'CdcBatch', resolve: (query, result, _args, ctx) => ctx.prisma.cdcBatch.findUniqueOrThrow({ ...query, where: { id: result.batchId } }) }),
    duplicate: t.exposeBoolean('duplicate', { description: 'This report (same idTraitement) was already imported: nothing changed.' }),
    summary: t.field({ type: ReportSummaryRef, resolve: (result) => result.summary }),
  }),
});

const CdcDeadlinesRef = builder.objectRef<DeadlineCounts>('CdcDeadlines').implement({
  description: 'Counts for the admin dashboard.',
  fields: (t) => ({
    pending: t.exposeInt('pending'),
    sent: t.exposeInt('sent'),
    accepted: t.exposeInt('accepted'),
    rejected: t.exposeInt('rejected'),
    withdrawn: t.exposeInt('withdrawn'),
    atRisk: t.exposeInt('atRisk', { description: 'Not accepted yet (PENDING, REJECTED or SENT), late or with fewer than 30 days left.' }),
    late: t.exposeInt('late', { description: 'Not accepted by the 3-month deadline (SENT ones still awaiting their report included).' }),
    awaitingReport: t.exposeInt('awaitingReport', { description: 'Sent, awaiting the processing report.' }),
    awaitingReportLong: t.exposeInt('awaitingReportLong', { description: 'Sent more than 7 days ago and still awaiting the report.' }),
    oldestAwaitingDays: t.exposeInt('oldestAwaitingDays', { nullable: true, description: 'Age in days of the oldest passage awaiting its report.' }),
    portalActions: t.exposeInt('portalActions', { description: 'Accepted passages to modify or delete on the CDC portal.' }),
  }),
});

const CdcSettingsRef = builder.objectRef<{ clientId: string | null; contractId: string | null }>('CdcSettings').implement({
  fields: (t) => ({
    clientId: t.exposeString('clientId', { nullable: true, description: 'CDC client id ("idClient"), exactly 8 characters.' }),
    contractId: t.exposeString('contractId', { nullable: true, description: 'CDC contract id ("idContrat"), 1 to 20 characters.' }),
    schemaVersion: t.string({ resolve: () => CURRENT_CDC_SCHEMA_VERSION }),
  }),
});

// ───────────────────────────── Queries ─────────────────────────────

builder.queryField('cdcPassages', (t) =>
  t.prismaConnection({
    type: CdcPassageRef,
    cursor: 'id',
    description: 'Passages to transmit, earliest deadline first; `atRisk: true` keeps outstanding ones late or with fewer than 30 days left.',
    authScopes: { admin: true },
    args: {
      status: t.arg({ type: CdcPassageStatusEnum, required: false }),
      atRisk: t.arg.boolean({ required: false }),
      portalWorklist: t.arg.boolean({ required: false, description: 'Only accepted passages to modify or delete on the CDC portal.' }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.cdcPassage.findMany({
        ...query,
        where: {
          AND: [
            cdcPassageFilter(ctx.viewer),
            args.status ? { status: args.status } : {},
            args.atRisk ? { status: { in: [...OWED_STATUSES] }, transmitBy: { lt: atRiskBefore() } } : {},
            args.portalWorklist ? { status: 'ACCEPTED', portalAction: { not: null } } : {},
          ],
        },
        orderBy: [{ transmitBy: 'asc' }, { id: 'asc' }],
      }),
  }),
);

builder.queryField('cdcDeadlines', (t) =>
  t.field({
    type: CdcDeadlinesRef,
    description: 'Passages by status, and how many are at risk or late (3 months from the jury).',
    authScopes: { admin: true },
    resolve: (_root, _args, ctx) => cdcDeadlineCounts(ctx.prisma, adminActor(ctx.viewer).certifierId),
  }),
);

builder.queryField('cdcExportPreview', (t) =>
  t.field({
    type: CdcExportPreviewRef,
    description: 'What the next export would contain, and the passages that cannot go with exactly what is missing.',
    authScopes: { admin: true },
    resolve: (_root, _args, ctx) => previewCdcExport(ctx.prisma, adminActor(ctx.viewer).certifierId),
  }),
);

builder.queryField('cdcBatches', (t) =>
  t.prismaConnection({
    type: 'CdcBatch',
    cursor: 'id',
    description: 'Exported batches, latest first, with their file and report.',
    authScopes: { admin: true },
    resolve: (query, _root, _args, ctx) => ctx.prisma.cdcBatch.findMany({ ...query, where: cdcBatchFilter(ctx.viewer), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
  }),
);

builder.queryField('cdcBatch', (t) =>
  t.prismaField({
    type: 'CdcBatch',
    nullable: true,
    authScopes: { admin: true },
    args: { id: t.arg.id() },
    resolve: (query, _root, args, ctx) => ctx.prisma.cdcBatch.findFirst({ ...query, where: { AND: [{ id: String(args.id) }, cdcBatchFilter(ctx.viewer)] } }),
  }),
);

builder.queryField('cdcSettings', (t) =>
  t.field({
    type: CdcSettingsRef,
    authScopes: { admin: true },
    resolve: async (_root, _args, ctx) => {
      const certifier = await ctx.prisma.certifier.findUniqueOrThrow({ where: { id: adminActor(ctx.viewer).certifierId }, select: { cdcClientId: true, cdcContractId: true } });
      return { clientId: certifier.cdcClientId, contractId: certifier.cdcContractId };
    },
  }),
);

// ───────────────────────────── Mutations ─────────────────────────────

builder.mutationField('exportCdcBatch', (t) =>
  t.field({
    type: CdcExportResultRef,
    description:
      'Exports every passage awaiting transmission whose holder resolves as one XML file (schema 1.1.2), marks them SENT, and lists the passages left out with what is missing. CDC_NOTHING_TO_EXPORT when none can go.',
    authScopes: { admin: true },
    resolve: async (_root, _args, ctx) => exportCdcBatch(await deps(ctx), adminActor(ctx.viewer)),
  }),
);

builder.mutationField('importCdcReport', (t) =>
  t.field({
    type: CdcReportImportRef,
    description:
      "Imports the CDC's processing report (root `rapport`, namespace urn:cdc:cpf:pc5:rapport:schema): OK passages → ACCEPTED, KO → REJECTED with the CDC's message; unknown idTechnique are reported. The same report twice changes nothing.",
    authScopes: { admin: true },
    args: {
      xml: t.arg.string({ validate: z.string().min(1).max(MAX_REPORT_BYTES) }),
      fileName: t.arg.string({ required: false, validate: z.string().max(255).optional().nullable() }),
    },
    resolve: async (_root, args, ctx) => importCdcReport(await deps(ctx), adminActor(ctx.viewer), args.xml, { fileName: args.fileName ?? null }),
  }),
);

const identityFields = candidateRegistrationSchema
  .pick({
    birthName: true, firstName: true, usageName: true, firstName2: true, firstName3: true, birthDate: true, sex: true,
    birthInseeCode: true, birthPostalCode: true, birthCity: true, birthCountryCode: true, birthCountryName: true, cpfFileNumber: true,
  })
  .partial();

const CdcIdentityInput = builder
  .inputType('CdcIdentityInput', {
    description: "Fields of the holder's identity to correct; omitted fields are kept, null clears an optional one.",
    fields: (t) => ({
      birthName: t.string({ required: false }),
      usageName: t.string({ required: false }),
      firstName: t.string({ required: false }),
      firstName2: t.string({ required: false }),
      firstName3: t.string({ required: false }),
      birthDate: t.field({ type: 'DateTime', required: false }),
      sex: t.field({ type: SexEnum, required: false }),
      birthInseeCode: t.string({ required: false }),
      birthPostalCode: t.string({ required: false }),
      birthCity: t.string({ required: false }),
      birthCountryCode: t.string({ required: false, description: 'Born abroad: INSEE country code, 99 then 3 digits (99350 = Morocco).' }),
      birthCountryName: t.string({ required: false, description: 'Born abroad: the country (≤ 60 characters).' }),
      cpfFileNumber: t.string({ required: false }),
    }),
  })
  .validate(identityFields);

builder.mutationField('correctCdcPassage', (t) =>
  t.prismaField({
    type: CdcPassageRef,
    description:
      "Corrects a passage after a KO (or a blocked one): updates the holder's identity if given; once it resolves, a REJECTED passage is PENDING again and goes in the next batch. An ACCEPTED passage's identity can be rectified: it then goes to the portal worklist (MODIFY). SENT and WITHDRAWN passages, and an ACCEPTED one without changes, answer INVALID_STATE.",
    authScopes: { admin: true },
    args: {
      passageId: t.arg.id(),
      identity: t.arg({ type: CdcIdentityInput, required: false }),
      confirmBirthPlace: t.arg.boolean({ required: false, description: 'Keep a birth commune INSEE code absent from the official geographic code (a commune since disappeared); audited.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const identity = args.identity ? (Object.fromEntries(Object.entries(args.identity).filter(([, v]) => v !== undefined)) as never) : {};
      await correctCdcPassage(ctx.prisma, adminActor(ctx.viewer), String(args.passageId), identity, new Date(), { confirmBirthPlace: args.confirmBirthPlace === true });
      return ctx.prisma.cdcPassage.findUniqueOrThrow({ ...query, where: { id: String(args.passageId) } });
    },
  }),
);

builder.mutationField('updateCdcSettings', (t) =>
  t.field({
    type: CdcSettingsRef,
    description: "The certifier's CDC identifiers: client id (exactly 8 characters) and contract id (1 to 20).",
    authScopes: { admin: true },
    args: { clientId: t.arg.string(), contractId: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      const actor = adminActor(ctx.viewer);
      await updateCdcSettings(ctx.prisma, actor, args.clientId, args.contractId);
      const certifier = await ctx.prisma.certifier.findUniqueOrThrow({ where: { id: actor.certifierId }, select: { cdcClientId: true, cdcContractId: true } });
      return { clientId: certifier.cdcClientId, contractId: certifier.cdcContractId };
    },
  }),
);

builder.mutationField('rejectCdcBatch', (t) =>
  t.prismaField({
    type: 'CdcBatch',
    description:
      "The CDC rejected a whole file (no report, a message instead): records it with the CDC's message; the file's passages still SENT go back to the queue (PENDING) for the next export. Refused once a report was imported for it (INVALID_STATE).",
    authScopes: { admin: true },
    args: { batchId: t.arg.id(), message: t.arg.string({ validate: z.string().max(2000) }) },
    resolve: async (query, _root, args, ctx) => {
      const actor = adminActor(ctx.viewer);
      await rejectCdcBatch(ctx.prisma, actor, String(args.batchId), args.message);
      return ctx.prisma.cdcBatch.findUniqueOrThrow({ ...query, where: { id: String(args.batchId) } });
    },
  }),
);

builder.mutationField('recordCdcPortalAction', (t) =>
  t.prismaField({
    type: CdcPassageRef,
    description:
      'Records that the change asked by the worklist (portalAction MODIFY or DELETE) was made on the CDC portal: the entry is cleared, the history and the audit trail say so; a deletion makes the passage WITHDRAWN. INVALID_STATE when nothing is to do.',
    authScopes: { admin: true },
    args: { passageId: t.arg.id(), note: t.arg.string({ required: false, validate: z.string().max(500).optional().nullable() }) },
    resolve: async (query, _root, args, ctx) => {
      await recordCdcPortalAction(ctx.prisma, adminActor(ctx.viewer), String(args.passageId), args.note?.trim() || null);
      return ctx.prisma.cdcPassage.findUniqueOrThrow({ ...query, where: { id: String(args.passageId) } });
    },
  }),
);
