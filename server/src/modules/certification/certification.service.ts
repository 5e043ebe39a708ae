// Certification and framework use cases (admin): create and update certifications with optimistic
// concurrency, versioned frameworks (one DRAFT at a time, edited as a whole, frozen on publication).
// Every change is audited in its own transaction.
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { certificationAdminFilter } from '../../auth/policies.ts';
import { appendAudit, actorOf } from '../../lib/audit.ts';
import { AppError, validationFailed } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import {
  publicationProblems,
  rncpCodeAllowed,
  timingsConsistent,
  type CreateCertification,
  type FrameworkContent,
  type UpdateCertification,
} from './certification.rules.ts';

type Tx = Prisma.TransactionClient;
interface Deps {
  prisma: PrismaClient;
}

function adminCertifierId(viewer: Viewer): string {
  if (viewer.kind !== 'user' || viewer.role !== 'ADMIN') throw new AppError('FORBIDDEN');
  return viewer.certifierId;
}

/** The certification's editable state, as sent back with a CONFLICT. */
const CERTIFICATION_STATE = {
  id: true,
  code: true,
  registry: true,
  title: true,
  level: true,
  rncpCode: true,
  decisionRule: true,
  aggregationMethod: true,
  disagreementThreshold: true,
  oralTotalMinutes: true,
  oralPresentationMinutes: true,
  oralQuestionsMinutes: true,
  minJurySize: true,
  successRateMinCandidates: true,
  active: true,
  resultDisclosure: true,
  maxAttempts: true,
  validityMonths: true,
  assessedQuestionnaire: true,
  questionnaireMinutes: true,
  questionnaireQuestions: true,
  version: true,
} as const;

export async function createCertification(deps: Deps, viewer: Viewer, input: CreateCertification): Promise<string> {
  const certifierId = adminCertifierId(viewer);
  try {
    return await deps.prisma.$transaction(async (tx) => {
      const created = await tx.certification.create({ data: { ...input, certifierId }, select: { id: true } });
      await appendAudit(tx, { ...actorOf(viewer), action: 'certification.created', entityType: 'Certification', entityId: created.id, data: { ...input } });
      return created.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ALREADY_EXISTS', {}, { fields: [{ path: ['input', 'code'], message: translate('error.ALREADY_EXISTS') }] });
    throw error;
  }
}

/**
 * Applies `patch` if the certification is still at `expectedVersion`; else CONFLICT with the current state
 * (extensions.current), and nothing is written.
 */
export async function updateCertification(
  deps: Deps,
  viewer: Viewer,
  id: string,
  expectedVersion: number,
  patch: UpdateCertification,
): Promise<void> {
  adminCertifierId(viewer);
  await deps.prisma.$transaction(async (tx) => {
    const current = await tx.certification.findFirst({ where: { AND: [{ id }, certificationAdminFilter(viewer)] }, select: CERTIFICATION_STATE });
    if (!current) throw new AppError('NOT_FOUND');
    if (current.version !== expectedVersion) throw new AppError('CONFLICT', {}, { current });
    const merged = { ...current, ...patch };
    if (!rncpCodeAllowed(merged.registry, merged.rncpCode)) throw validationFailed([{ path: ['input', 'rncpCode'], message: translate('validation.rncpCodeRegistry') }]);
    if (!timingsConsistent(merged)) {
      const { oralTotalMinutes: total, oralPresentationMinutes: presentation, oralQuestionsMinutes: questions } = merged;
      throw validationFailed([{ path: ['input', 'oralTotalMinutes'], message: translate('validation.oralTimings', { total, presentation, questions }) }]);
    }
    const changes = Object.fromEntries(Object.entries(patch).filter(([key, value]) => value !== undefined && current[key as keyof typeof current] !== value));
    if (Object.keys(changes).length === 0) return; // nothing to change: no new version, no audit entry
    // Conditional on the version read: a concurrent writer that committed in between makes this match nothing.
    const updated = await tx.certification.updateMany({ where: { id, version: expectedVersion }, data: { ...changes, version: { increment: 1 } } });
    if (updated.count === 0) {
      throw new AppError('CONFLICT', {}, { current: await tx.certification.findUnique({ where: { id }, select: CERTIFICATION_STATE }) });
    }
    await appendAudit(tx, { ...actorOf(viewer), action: 'certification.updated', entityType: 'Certification', entityId: id, data: { fromVersion: expectedVersion, changes } });
  });
}

// ─── Frameworks ───

type FrameworkTree = {
  scaleMin: number;
  scaleMax: number;
  scaleLabels: Prisma.JsonValue | null;
  blocks: {
    code: string;
    title: string;
    competences: { code: string; title: string; modality: FrameworkContent['blocks'][number]['competences'][number]['modality']; minimumScore: number; criteria: { code: string; description: string }[] }[];
  }[];
};

const TREE_INCLUDE = {
  blocks: {
    orderBy: { position: 'asc' },
    include: { competences: { orderBy: { position: 'asc' }, include: { criteria: { orderBy: { position: 'asc' } } } } },
  },
} as const satisfies Prisma.FrameworkVersionInclude;

export async function loadFrameworkTree(tx: Tx, frameworkVersionId: string): Promise<FrameworkTree> {
  const framework = await tx.frameworkVersion.findUniqueOrThrow({ where: { id: frameworkVersionId }, include: TREE_INCLUDE });
  return {
    scaleMin: framework.scaleMin,
    scaleMax: framework.scaleMax,
    scaleLabels: framework.scaleLabels,
    blocks: framework.blocks.map((block) => ({
      code: block.code,
      title: block.title,
      competences: block.competences.map((competence) => ({
        code: competence.code,
        title: competence.title,
        modality: competence.modality,
        minimumScore: competence.minimumScore,
        criteria: competence.criteria.map((criterion) => ({ code: criterion.code, description: criterion.description })),
      })),
    })),
  };
}

/** Writes blocks → competences → criteria of a version in three statements (createMany with known ids). */
export async function writeFrameworkTree(tx: Tx, frameworkVersionId: string, tree: Pick<FrameworkTree, 'blocks'>): Promise<void> {
  const blocks: Prisma.BlockCreateManyInput[] = [];
  const competences: Prisma.CompetenceCreateManyInput[] = [];
  const criteria: Prisma.CriterionCreateManyInput[] = [];
  tree.blocks.forEach((block, b) => {
    const blockId = randomUUID();
    blocks.push({ id: blockId, frameworkVersionId, code: block.code, title: block.title, position: b + 1 });
    block.competences.forEach((competence, c) => {
      const competenceId = randomUUID();
      competences.push({
        id: competenceId,
        frameworkVersionId,
        blockId,
        code: competence.code,
        title: competence.title,
        position: c + 1,
        modality: competence.modality,
        minimumScore: competence.minimumScore,
      });
      competence.criteria.forEach((criterion, k) => criteria.push({ id: randomUUID(), competenceId, code: criterion.code, description: criterion.description, position: k + 1 }));
    });
  });
  if (blocks.length) await tx.block.createMany({ data: blocks });
  if (competences.length) await tx.competence.createMany({ data: competences });
  if (criteria.length) await tx.criterion.createMany({ data: criteria });
}

async function lockCertification(tx: Tx, viewer: Viewer, certificationId: string) {
  const certification = await tx.certification.findFirst({ where: { AND: [{ id: certificationId }, certificationAdminFilter(viewer)] }, select: { id: true, code: true } });
  if (!certification) throw new AppError('NOT_FOUND');
  // Serialises version numbering per certification (the row stays locked until commit).
  await tx.$executeRaw`SELECT 1 FROM "Certification" WHERE "id" = ${certificationId} FOR UPDATE`;
  return certification;
}

/**
 * Creates version n+1 as a DRAFT, copied from the latest version (blocks, competences, criteria, scale)
 * unless `copyFromLatest` is false. Only one draft at a time: a second one is INVALID_STATE.
 */
export async function createFrameworkDraft(
  tx: Tx,
  viewer: Viewer,
  certificationId: string,
  options: { copyFromLatest: boolean; tree?: Pick<FrameworkTree, 'blocks'>; reason?: string },
): Promise<{ id: string; version: number }> {
  await lockCertification(tx, viewer, certificationId);
  const latest = await tx.frameworkVersion.findFirst({ where: { certificationId }, orderBy: { version: 'desc' } });
  if (latest?.status === 'DRAFT') throw new AppError('INVALID_STATE', { state: `DRAFT v${latest.version}` }, { state: 'DRAFT', frameworkId: latest.id });
  const source = latest && options.copyFromLatest ? await loadFrameworkTree(tx, latest.id) : null;
  const version = (latest?.version ?? 0) + 1;
  const draft = await tx.frameworkVersion.create({
    data: {
      certificationId,
      version,
      status: 'DRAFT',
      ...(source ? { scaleMin: source.scaleMin, scaleMax: source.scaleMax, scaleLabels: (source.scaleLabels ?? undefined) as Prisma.InputJsonValue | undefined } : {}),
    },
    select: { id: true },
  });
  const tree = options.tree ?? source;
  if (tree) await writeFrameworkTree(tx, draft.id, tree);
  await appendAudit(tx, {
    ...actorOf(viewer),
    action: 'framework.draftCreated',
    entityType: 'FrameworkVersion',
    entityId: draft.id,
    data: { certificationId, version, copiedFrom: source ? latest!.id : null, reason: options.reason ?? null },
  });
  return { id: draft.id, version };
}

async function lockDraft(tx: Tx, viewer: Viewer, frameworkId: string) {
  const framework = await tx.frameworkVersion.findFirst({
    where: { id: frameworkId, certification: certificationAdminFilter(viewer) },
    select: { id: true, status: true, version: true, certificationId: true },
  });
  if (!framework) throw new AppError('NOT_FOUND');
  await tx.$executeRaw`SELECT 1 FROM "FrameworkVersion" WHERE "id" = ${frameworkId} FOR UPDATE`;
  const locked = await tx.frameworkVersion.findUniqueOrThrow({ where: { id: frameworkId }, select: { status: true } });
  // A published (or retired) version is frozen: attempts and decisions refer to it.
  if (locked.status !== 'DRAFT') throw new AppError('INVALID_STATE', { state: locked.status }, { state: locked.status });
  return framework;
}

/** Replaces the whole content of a DRAFT (scale, blocks → competences → criteria). */
export async function replaceFrameworkDraft(deps: Deps, viewer: Viewer, frameworkId: string, content: FrameworkContent): Promise<void> {
  adminCertifierId(viewer);
  await deps.prisma.$transaction(async (tx) => {
    await lockDraft(tx, viewer, frameworkId);
    await tx.block.deleteMany({ where: { frameworkVersionId: frameworkId } }); // cascades to competences and criteria
    await tx.frameworkVersion.update({
      where: { id: frameworkId },
      data: { scaleMin: content.scaleMin, scaleMax: content.scaleMax, scaleLabels: (content.scaleLabels ?? undefined) as Prisma.InputJsonValue | undefined },
    });
    await writeFrameworkTree(tx, frameworkId, content);
    await appendAudit(tx, {
      ...actorOf(viewer),
      action: 'framework.draftEdited',
      entityType: 'FrameworkVersion',
      entityId: frameworkId,
      data: { scale: [content.scaleMin, content.scaleMax], blocks: content.blocks.map((block) => ({ code: block.code, competences: block.competences.map((c) => c.code) })) },
    });
  });
}

/**
 * Publishes a complete DRAFT: it becomes the version new registrations use. The previously published
 * version is RETIRED (still frozen: its attempts and decisions keep pointing at it).
 */
export async function publishFramework(deps: Deps, viewer: Viewer, frameworkId: string): Promise<void> {
  adminCertifierId(viewer);
  await deps.prisma.$transaction(async (tx) => {
    const framework = await lockDraft(tx, viewer, frameworkId);
    const problems = publicationProblems(await loadFrameworkTree(tx, frameworkId));
    if (problems.length) throw validationFailed([{ path: ['id'], message: translate('validation.frameworkIncomplete', { details: problems.join(', ') }) }]);
    const retired = await tx.frameworkVersion.updateMany({
      where: { certificationId: framework.certificationId, status: 'PUBLISHED' },
      data: { status: 'RETIRED' },
    });
    await tx.frameworkVersion.update({ where: { id: frameworkId }, data: { status: 'PUBLISHED', publishedAt: new Date() } });
    await appendAudit(tx, {
      ...actorOf(viewer),
      action: 'framework.published',
      entityType: 'FrameworkVersion',
      entityId: frameworkId,
      data: { certificationId: framework.certificationId, version: framework.version, retiredVersions: retired.count },
    });
  });
}
