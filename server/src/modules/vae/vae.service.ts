// VAE (validation des acquis de l'expérience, seed 004) on an attempt whose access route is VAE.
// - Eligibility: the candidate declares experience periods (employer or activity, job, start, end, related
//   activities, one evidence file each — uploaded through the project-file machinery, vae.http.ts); an admin of the
//   certifier accepts or refuses each (a reason is mandatory to refuse). Eligible = the certification is
//   RNCP-registered and the accepted periods cover ≥ 12 months, overlaps counted once (experience.rules.ts). The
//   periods of every attempt of the candidate at the certification count (a retake keeps them).
// - Until eligible, the attempt can be neither scheduled (bookSlot, assignJury) nor evaluated (decideOral):
//   VAE_NOT_ELIGIBLE, or VAE_NOT_AVAILABLE for a certification without RNCP registration.
// - Evaluation: the usual jury and oral path (identity, scores per criterion, deliberation, decision, minutes,
//   publication) with the BY_BLOCK rule; in addition the president records per block in scope which modalities
//   were used (interview, observation at work, written document) before deciding; they go into the decision and
//   the minutes. A retake covers only the missing blocks (retake.*).
import type { Modality, Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { attemptFilter } from '../../auth/policies.ts';
import type { AppServices } from '../../graphql/context.ts';
import { appendAudit, actorOf } from '../../lib/audit.ts';
import { AppError, validationFailed, type FieldIssue } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';
import { stateLabel } from '../../lib/state-labels.ts';
import type { StoredUpload } from '../project-file/project-file.service.ts';
import { bumpVersion, runAsPresident, type LoadedOral } from '../scoring/oral-transaction.ts';
import { acquiredBlockCodesAt } from '../cqp/acquired-blocks.ts';
import { MAX_TEXT, VAE_MODALITIES, vaeEligibility, vaeRouteOpen, type Eligibility } from './experience.rules.ts';

type Db = PrismaClient | Prisma.TransactionClient;
type Deps = Pick<AppServices, 'prisma' | 'pubsub' | 'raw'>;

/** States in which experience may still be declared or evidenced (before the evaluation is scheduled). */
const DECLARABLE_STATES = new Set(['REGISTERED', 'FILE_SUBMITTED', 'FILE_ACKNOWLEDGED']);

const VAE_ATTEMPT = {
  id: true,
  state: true,
  accessRoute: true,
  candidateId: true,
  certificationId: true,
  certification: { select: { code: true, registry: true, rncpCode: true, certifierId: true } },
} as const satisfies Prisma.AttemptSelect;

type VaeAttempt = Prisma.AttemptGetPayload<{ select: typeof VAE_ATTEMPT }>;

/** The experience periods that count for an attempt: those of every attempt of the candidate at the certification. */
export const periodsWhere = (attempt: { candidateId: string; certificationId: string }): Prisma.ExperiencePeriodWhereInput => ({
  attempt: { candidateId: attempt.candidateId, certificationId: attempt.certificationId },
});

async function eligibilityOf(db: Db, attempt: VaeAttempt): Promise<Eligibility> {
  const periods = await db.experiencePeriod.findMany({ where: periodsWhere(attempt), select: { startDate: true, endDate: true, accepted: true } });
  return vaeEligibility(
    vaeRouteOpen(attempt.certification),
    periods.map((period) => ({ start: period.startDate, end: period.endDate, accepted: period.accepted })),
  );
}

/** The eligibility of a VAE attempt; null for another access route. */
export async function eligibilityForAttempt(db: Db, attemptId: string): Promise<Eligibility | null> {
  const attempt = await db.attempt.findUnique({ where: { id: attemptId }, select: VAE_ATTEMPT });
  if (!attempt || attempt.accessRoute !== 'VAE') return null;
  return eligibilityOf(db, attempt);
}

export const eligibilityReasonText = (eligibility: Eligibility) =>
  eligibility.reason ? translate(`vae.reason.${eligibility.reason}`, { months: eligibility.acceptedMonths, required: eligibility.requiredMonths }) : null;

function ineligibleError(attempt: VaeAttempt, eligibility: Eligibility): AppError {
  if (eligibility.reason === 'ROUTE_CLOSED') {
    return new AppError('VAE_NOT_AVAILABLE', { code: attempt.certification.code, registry: attempt.certification.registry }, { registry: attempt.certification.registry });
  }
  return new AppError(
    'VAE_NOT_ELIGIBLE',
    { months: eligibility.acceptedMonths, required: eligibility.requiredMonths },
    { acceptedMonths: eligibility.acceptedMonths, requiredMonths: eligibility.requiredMonths },
  );
}

/** Throws unless the attempt is not VAE or is eligible (called before scheduling and before the decision). */
export async function assertVaeEligible(db: Db, attemptId: string): Promise<void> {
  const attempt = await db.attempt.findUnique({ where: { id: attemptId }, select: VAE_ATTEMPT });
  if (!attempt || attempt.accessRoute !== 'VAE') return;
  const eligibility = await eligibilityOf(db, attempt);
  if (!eligibility.eligible) throw ineligibleError(attempt, eligibility);
}

// ───────────────────────────── Experience periods ─────────────────────────────

export interface ExperiencePeriodInput {
  employer: string;
  jobTitle: string;
  activities: string;
  startDate: Date;
  endDate: Date;
}

const dayOf = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));

function checkPeriod(input: ExperiencePeriodInput, now: Date): ExperiencePeriodInput {
  const issues: FieldIssue[] = [];
  const text = (field: 'employer' | 'jobTitle' | 'activities') => {
    const value = input[field].trim();
    if (!value || value.length > MAX_TEXT[field]) issues.push({ path: ['input', field], message: translate('vae.text', { max: MAX_TEXT[field] }) });
    return value;
  };
  const employer = text('employer');
  const jobTitle = text('jobTitle');
  const activities = text('activities');
  const startDate = dayOf(input.startDate);
  const endDate = dayOf(input.endDate);
  if (Number.isNaN(startDate.getTime()) || Number.isNaN(endDate.getTime()) || endDate < startDate || endDate > dayOf(now)) {
    issues.push({ path: ['input', 'endDate'], message: translate('vae.dates') });
  }
  if (issues.length) throw validationFailed(issues);
  return { employer, jobTitle, activities, startDate, endDate };
}

async function candidateVaeAttempt(db: Db, viewer: Viewer | null, attemptId: string) {
  if (viewer?.kind !== 'user' || viewer.role !== 'CANDIDATE') throw new AppError('FORBIDDEN');
  const attempt = await db.attempt.findFirst({ where: { AND: [{ id: attemptId }, attemptFilter(viewer)] }, select: VAE_ATTEMPT });
  if (!attempt) throw new AppError('NOT_FOUND');
  if (attempt.accessRoute !== 'VAE') throw validationFailed([{ path: ['attemptId'], message: translate('vae.notVae') }]);
  if (!vaeRouteOpen(attempt.certification)) throw ineligibleError(attempt, { reason: 'ROUTE_CLOSED' } as Eligibility);
  if (!DECLARABLE_STATES.has(attempt.state)) throw new AppError('INVALID_STATE', { state: stateLabel(attempt.state) }, { state: attempt.state });
  return { attempt, viewer };
}

/** The candidate declares a period of experience on their VAE attempt; returns its id. */
export async function declareExperiencePeriod(deps: Deps, viewer: Viewer | null, attemptId: string, input: ExperiencePeriodInput, now = new Date()): Promise<string> {
  const period = checkPeriod(input, now);
  return deps.prisma.$transaction(async (tx) => {
    const { attempt, viewer: candidate } = await candidateVaeAttempt(tx, viewer, attemptId);
    const row = await tx.experiencePeriod.create({ data: { attemptId: attempt.id, ...period, createdAt: now }, select: { id: true } });
    await appendAudit(tx, {
      ...actorOf(candidate),
      action: 'experiencePeriod.declared',
      entityType: 'ExperiencePeriod',
      entityId: row.id,
      data: { attemptId: attempt.id, startDate: period.startDate.toISOString().slice(0, 10), endDate: period.endDate.toISOString().slice(0, 10) },
    });
    return row.id;
  });
}

/** Periods the admin's certifier has to check (PENDING by default), oldest first. */
export function periodsToReviewWhere(viewer: Viewer | null, status: 'PENDING' | 'ACCEPTED' | 'REFUSED' | null): Prisma.ExperiencePeriodWhereInput {
  if (viewer?.kind !== 'user' || viewer.role !== 'ADMIN') return { id: { in: [] } };
  const accepted = status === 'PENDING' ? null : status === 'ACCEPTED' ? true : status === 'REFUSED' ? false : undefined;
  return { attempt: { accessRoute: 'VAE', certification: { certifierId: viewer.certifierId } }, ...(accepted !== undefined ? { accepted } : {}) };
}

/** An admin accepts or refuses a pending period (a reason is mandatory to refuse). */
export async function reviewExperiencePeriod(deps: Deps, viewer: Viewer | null, periodId: string, accepted: boolean, reason: string | null, now = new Date()): Promise<void> {
  if (viewer?.kind !== 'user' || viewer.role !== 'ADMIN') throw new AppError('FORBIDDEN');
  const text = reason?.trim() || null;
  if ((!accepted && !text) || (text && text.length > MAX_TEXT.reason)) {
    throw validationFailed([{ path: ['reason'], message: translate('vae.reasonRequired', { max: MAX_TEXT.reason }) }]);
  }
  await deps.prisma.$transaction(async (tx) => {
    const period = await tx.experiencePeriod.findFirst({ where: { AND: [{ id: periodId }, periodsToReviewWhere(viewer, null)] }, select: { id: true, attemptId: true } });
    if (!period) throw new AppError('NOT_FOUND');
    // Conditional: a period is checked once (two admins at once: the second gets INVALID_STATE).
    const { count } = await tx.experiencePeriod.updateMany({
      where: { id: period.id, accepted: null },
      data: { accepted, reviewReason: text, checkedAt: now, checkedById: viewer.userId },
    });
    if (count === 0) throw new AppError('INVALID_STATE', { state: translate('vae.alreadyReviewed') });
    const eligibility = await eligibilityForAttempt(tx, period.attemptId);
    await appendAudit(tx, {
      ...actorOf(viewer),
      action: accepted ? 'experiencePeriod.accepted' : 'experiencePeriod.refused',
      entityType: 'ExperiencePeriod',
      entityId: period.id,
      data: { attemptId: period.attemptId, reason: text, eligible: eligibility?.eligible ?? null, acceptedMonths: eligibility?.acceptedMonths ?? null },
    });
  });
}

/** The upload target: the candidate's own pending period of an attempt still open to declarations. */
export async function evidenceTarget(db: Db, viewer: Viewer | null, periodId: string | null) {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  if (!periodId) throw validationFailed([{ path: ['periodId'], message: translate('validation.required') }]);
  const period = await db.experiencePeriod.findFirst({ where: { id: periodId, attempt: attemptFilter(viewer) }, select: { id: true, attemptId: true, accepted: true } });
  if (viewer.kind !== 'user' || viewer.role !== 'CANDIDATE') throw new AppError(period ? 'FORBIDDEN' : 'NOT_FOUND');
  if (!period) throw new AppError('NOT_FOUND');
  await candidateVaeAttempt(db, viewer, period.attemptId);
  if (period.accepted !== null) throw new AppError('INVALID_STATE', { state: translate('vae.alreadyReviewed') });
  return { periodId: period.id };
}

/** Records an uploaded evidence file on the period (a new upload replaces the previous one while pending). */
export async function recordEvidence(deps: Deps, viewer: Viewer | null, periodId: string, upload: StoredUpload) {
  return deps.prisma.$transaction(async (tx) => {
    const target = await evidenceTarget(tx, viewer, periodId);
    const file = await tx.storedFile.create({ data: { ...upload, uploadedById: viewer!.kind === 'user' ? viewer!.userId : null }, select: { id: true } });
    await tx.experiencePeriod.update({ where: { id: target.periodId }, data: { evidenceFileId: file.id } });
    await appendAudit(tx, { ...actorOf(viewer!), action: 'experiencePeriod.evidenceUploaded', entityType: 'ExperiencePeriod', entityId: target.periodId, data: { fileId: file.id, sha256: upload.sha256, size: upload.size } });
    return { periodId: target.periodId, fileId: file.id };
  });
}

// ───────────────────────────── Evaluation by block ─────────────────────────────

/** The blocks a VAE oral evaluates: in the attempt's scope and not already acquired (by a decision or an equivalence). */
async function blocksInScope(db: Db, oral: LoadedOral): Promise<string[]> {
  const { attempt } = oral;
  const [framework, acquired] = await Promise.all([
    db.block.findMany({ where: { frameworkVersionId: attempt.frameworkVersionId }, orderBy: { position: 'asc' }, select: { code: true } }),
    acquiredBlockCodesAt(db, attempt.candidateId, attempt.certificationId),
  ]);
  const scope = new Set(attempt.blockCodesInScope);
  const held = new Set(acquired);
  return framework.map((block) => block.code).filter((code) => !held.has(code) && (scope.size === 0 || scope.has(code)));
}

/** The president records which modalities the jury used for one block of a VAE oral (before the decision). */
export async function recordVaeBlockModalities(deps: Deps, viewer: Viewer | null, oralId: string, blockCode: string, modalities: Modality[], expectedVersion: number) {
  const chosen = [...new Set(modalities)];
  if (!chosen.length || chosen.some((modality) => !(VAE_MODALITIES as readonly string[]).includes(modality))) {
    throw validationFailed([{ path: ['modalities'], message: translate('vae.modalities') }]);
  }
  return runAsPresident(deps, viewer, oralId, expectedVersion, async (tx, oral, juror, emit) => {
    const route = await tx.attempt.findUniqueOrThrow({ where: { id: oral.attempt.id }, select: { accessRoute: true } });
    if (route.accessRoute !== 'VAE') throw validationFailed([{ path: ['oralId'], message: translate('vae.notVae') }]);
    if (oral.phase === 'DECIDED' || oral.phase === 'SIGNED') throw new AppError('INVALID_STATE', { state: stateLabel(oral.phase) });
    if (!(await blocksInScope(tx, oral)).includes(blockCode)) throw validationFailed([{ path: ['blockCode'], message: translate('vae.blockNotInScope', { code: blockCode }) }]);
    const ordered = VAE_MODALITIES.filter((modality) => chosen.includes(modality));
    await tx.vaeBlockAssessment.upsert({
      where: { oralId_blockCode: { oralId: oral.id, blockCode } },
      create: { oralId: oral.id, blockCode, modalities: ordered, recordedById: juror },
      update: { modalities: ordered, recordedById: juror, recordedAt: new Date() },
    });
    const version = await bumpVersion(tx, oral, expectedVersion);
    await appendAudit(tx, { actorId: juror, actorKind: 'user', action: 'oral.vaeModalities', entityType: 'Oral', entityId: oral.id, data: { blockCode, modalities: ordered } });
    await emit('VAE_MODALITIES_SET', { blockCode, modalities: ordered, version });
    return { id: oral.id };
  });
}

/**
 * Called by decideOral: for a VAE attempt, the candidate must be eligible and every block the decision assesses
 * must have its modalities recorded. Returns them (block code → modalities) for the decision, or null (not VAE).
 */
export async function vaeDecisionCheck(tx: Db, attemptId: string, oralId: string, assessedBlockCodes: string[]): Promise<Record<string, Modality[]> | null> {
  const attempt = await tx.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: VAE_ATTEMPT });
  if (attempt.accessRoute !== 'VAE') return null;
  const eligibility = await eligibilityOf(tx, attempt);
  if (!eligibility.eligible) throw ineligibleError(attempt, eligibility);
  const rows = await tx.vaeBlockAssessment.findMany({ where: { oralId }, select: { blockCode: true, modalities: true } });
  const byBlock = new Map(rows.map((row) => [row.blockCode, row.modalities]));
  const missing = assessedBlockCodes.filter((code) => !byBlock.get(code)?.length);
  if (missing.length) throw validationFailed([{ path: ['modalities'], message: translate('vae.modalitiesMissing', { codes: missing.join(', ') }) }]);
  return Object.fromEntries(assessedBlockCodes.map((code) => [code, byBlock.get(code)!]));
}
