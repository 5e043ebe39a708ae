// CQP block bridges ("passerelles", seed 004) and registration of a known candidate at another certification.
// - Equivalences (admins): block X of certification A is equivalent to block Y of certification B. Stored once, as
//   a pair in a canonical order (so A:X ↔ B:Y and B:Y ↔ A:X are the same row, unique), read both ways by
//   acquired-blocks.ts. Refused when both blocks belong to one certification or when either block is not in its
//   certification's published framework; audited (`blockEquivalence.created` / `.deleted`).
// - `registerForCertification`: the candidate's first attempt at another certification (by their partner or an
//   admin). BY_BLOCK: the attempt covers only the blocks not already acquired, by a decision or by equivalence.
//   The VAE route needs an RNCP-registered certification (VAE_NOT_AVAILABLE otherwise, also in registerCandidate).
import type { AccessRoute, Funding, Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { candidateFilter } from '../../auth/policies.ts';
import type { AppServices } from '../../graphql/context.ts';
import { appendEvent, publishAll } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import { appendAudit, actorOf } from '../../lib/audit.ts';
import { AppError, validationFailed } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { assertVaeRouteOpen } from '../vae/experience.rules.ts';
import { acquiredBlockCodesAt } from './acquired-blocks.ts';

type Db = PrismaClient | Prisma.TransactionClient;
type Deps = Pick<AppServices, 'prisma' | 'pubsub'>;

function adminOf(viewer: Viewer | null) {
  if (viewer?.kind !== 'user' || viewer.role !== 'ADMIN') throw new AppError('FORBIDDEN');
  return viewer;
}

export interface BlockEquivalenceInput {
  certificationId: string;
  blockCode: string;
  equivalentCertificationId: string;
  equivalentBlockCode: string;
}

async function publishedBlock(db: Db, certifierId: string, certificationId: string, blockCode: string, field: string) {
  const certification = await db.certification.findFirst({
    where: { id: certificationId, certifierId },
    select: {
      id: true,
      code: true,
      frameworks: { where: { status: 'PUBLISHED' }, orderBy: { version: 'desc' }, take: 1, select: { blocks: { where: { code: blockCode }, select: { code: true } } } },
    },
  });
  if (!certification) return { issue: { path: [field === 'blockCode' ? 'certificationId' : 'equivalentCertificationId'], message: translate('error.NOT_FOUND') }, code: null };
  if (!certification.frameworks[0]?.blocks.length) return { issue: { path: [field], message: translate('equivalence.unknownBlock', { code: blockCode }) }, code: null };
  return { issue: null, code: certification.code };
}

/** Declares a bridge; returns its id. */
export async function createBlockEquivalence(deps: Deps, viewer: Viewer | null, input: BlockEquivalenceInput): Promise<string> {
  const admin = adminOf(viewer);
  const blockCode = input.blockCode.trim();
  const equivalentBlockCode = input.equivalentBlockCode.trim();
  if (input.certificationId === input.equivalentCertificationId) {
    throw validationFailed([{ path: ['equivalentCertificationId'], message: translate('equivalence.sameCertification') }]);
  }
  try {
    return await deps.prisma.$transaction(async (tx) => {
      const [a, b] = await Promise.all([
        publishedBlock(tx, admin.certifierId, input.certificationId, blockCode, 'blockCode'),
        publishedBlock(tx, admin.certifierId, input.equivalentCertificationId, equivalentBlockCode, 'equivalentBlockCode'),
      ]);
      const issues = [a.issue, b.issue].filter((issue) => issue !== null);
      if (issues.length) throw validationFailed(issues);
      // Canonical order: one row per pair, whichever side the admin starts from.
      const sides = [
        { code: a.code!, block: blockCode },
        { code: b.code!, block: equivalentBlockCode },
      ].sort((x, y) => `${x.code}:${x.block}`.localeCompare(`${y.code}:${y.block}`));
      const row = await tx.blockEquivalence.create({
        data: { fromCertificationCode: sides[0].code, fromBlockCode: sides[0].block, toCertificationCode: sides[1].code, toBlockCode: sides[1].block },
        select: { id: true },
      });
      await appendAudit(tx, { ...actorOf(admin), action: 'blockEquivalence.created', entityType: 'BlockEquivalence', entityId: row.id, data: { a: sides[0], b: sides[1] } });
      return row.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ALREADY_EXISTS', {}, { reason: translate('equivalence.exists') });
    throw error;
  }
}

/** Equivalences whose both certifications belong to the admin's certifier. */
export async function blockEquivalencesFor(db: Db, viewer: Viewer | null) {
  if (viewer?.kind !== 'user' || viewer.role !== 'ADMIN') return [];
  const codes = (await db.certification.findMany({ where: { certifierId: viewer.certifierId }, select: { code: true } })).map((c) => c.code);
  return db.blockEquivalence.findMany({
    where: { fromCertificationCode: { in: codes }, toCertificationCode: { in: codes } },
    orderBy: [{ fromCertificationCode: 'asc' }, { fromBlockCode: 'asc' }, { toCertificationCode: 'asc' }],
  });
}

export async function deleteBlockEquivalence(deps: Deps, viewer: Viewer | null, id: string): Promise<void> {
  const admin = adminOf(viewer);
  await deps.prisma.$transaction(async (tx) => {
    const row = (await blockEquivalencesFor(tx, admin)).find((item) => item.id === id);
    if (!row) throw new AppError('NOT_FOUND');
    await tx.blockEquivalence.delete({ where: { id } });
    await appendAudit(tx, {
      ...actorOf(admin),
      action: 'blockEquivalence.deleted',
      entityType: 'BlockEquivalence',
      entityId: id,
      data: { a: { code: row.fromCertificationCode, block: row.fromBlockCode }, b: { code: row.toCertificationCode, block: row.toBlockCode } },
    });
  });
}

export interface CertificationRegistration {
  candidateId: string;
  certificationCode: string;
  accessRoute?: AccessRoute | null;
  funding?: Funding | null;
}

/** A known candidate's first attempt at another certification; returns the attempt's id. */
export async function registerForCertification(deps: Deps, viewer: Viewer | null, input: CertificationRegistration): Promise<string> {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  const partnerScoped = viewer.kind === 'apiKey' || viewer.role === 'PARTNER';
  if (!partnerScoped && !(viewer.kind === 'user' && viewer.role === 'ADMIN')) throw new AppError('FORBIDDEN');
  try {
    const { attemptId, events } = await deps.prisma.$transaction(async (tx) => {
      const candidate = await tx.candidate.findFirst({ where: { AND: [{ id: input.candidateId }, candidateFilter(viewer)] }, select: { id: true, partnerId: true } });
      if (!candidate) throw new AppError('NOT_FOUND');
      const certification = await tx.certification.findFirst({
        where: { code: input.certificationCode.trim(), active: true, certifierId: viewer.certifierId },
        select: {
          id: true,
          code: true,
          registry: true,
          rncpCode: true,
          decisionRule: true,
          frameworks: { where: { status: 'PUBLISHED' }, orderBy: { version: 'desc' }, take: 1, select: { id: true, blocks: { orderBy: { position: 'asc' }, select: { code: true } } } },
        },
      });
      const framework = certification?.frameworks[0];
      if (!certification || !framework) throw validationFailed([{ path: ['certificationCode'], message: translate('validation.unknownCertification', { code: input.certificationCode }) }]);
      if (input.accessRoute === 'VAE') assertVaeRouteOpen(certification);
      const existing = await tx.attempt.count({ where: { candidateId: candidate.id, certificationId: certification.id } });
      if (existing) throw validationFailed([{ path: ['certificationCode'], message: translate('registration.alreadyRegistered') }]);
      let blockCodesInScope: string[] = [];
      if (certification.decisionRule === 'BY_BLOCK') {
        const acquired = new Set(await acquiredBlockCodesAt(tx, candidate.id, certification.id));
        if (acquired.size) {
          blockCodesInScope = framework.blocks.map((block) => block.code).filter((code) => !acquired.has(code));
          if (!blockCodesInScope.length) throw validationFailed([{ path: ['certificationCode'], message: translate('retake.reason.NOTHING_TO_RETAKE') }]);
        }
      }
      const attempt = await tx.attempt.create({
        data: {
          candidateId: candidate.id,
          certificationId: certification.id,
          frameworkVersionId: framework.id,
          accessRoute: input.accessRoute ?? undefined,
          funding: input.funding ?? undefined,
          blockCodesInScope,
          registeredById: viewer.kind === 'user' ? viewer.userId : null,
        },
        select: { id: true },
      });
      await appendAudit(tx, {
        ...actorOf(viewer),
        action: 'attempt.registered',
        entityType: 'Attempt',
        entityId: attempt.id,
        data: { candidateId: candidate.id, certificationCode: certification.code, accessRoute: input.accessRoute ?? null, blockCodesInScope },
      });
      const event = await appendEvent(tx, rooms.partner(candidate.partnerId), 'CANDIDATE_REGISTERED', { candidateId: candidate.id });
      return { attemptId: attempt.id, events: [event] };
    });
    publishAll(deps.pubsub, events);
    return attemptId;
  } catch (error) {
    if (isUniqueViolation(error)) throw validationFailed([{ path: ['certificationCode'], message: translate('registration.alreadyRegistered') }]);
    throw error;
  }
}
