// Jury use cases: compose a jury (per session or per oral), change its members, attach a booked attempt's
// oral to a jury, and let jurors declare conflicts of interest. The independence rules (jury.rules.ts) are
// enforced on every one of these writes, with the reasons in the error; each write carries its audit entry
// and the jurors' schedule events in the same transaction, published after commit.
import type { JuryKind, JuryRole, Prisma, PrismaClient, Representation } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { candidateFilter, certificationAdminFilter } from '../../auth/policies.ts';
import type { PubSub, RoomEvent } from '../../realtime/pubsub.ts';
import { appendEvent, publishAll } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import { appendAudit, actorOf } from '../../lib/audit.ts';
import { AppError, validationFailed } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';
import { stateLabel } from '../../lib/state-labels.ts';
import {
  assignmentIneligibility,
  compositionIssues,
  contestedOralIneligibility,
  ineligibilityFor,
  juryIneligibility,
  parisDay,
  type CandidateFacts,
  type Ineligibility,
  type JurorFacts,
  type JuryAssignment,
} from './jury.rules.ts';

type Tx = Prisma.TransactionClient;

interface Deps {
  prisma: PrismaClient;
  pubsub: PubSub;
}

export function assertAdmin(viewer: Viewer | null): asserts viewer is Extract<Viewer, { kind: 'user' }> {
  if (viewer?.kind !== 'user' || viewer.role !== 'ADMIN') throw new AppError('FORBIDDEN');
}

export function ineligibleError(reasons: Ineligibility[]): AppError {
  return new AppError('JUROR_INELIGIBLE', { details: reasons.map((reason) => reason.message).join(' ; ') }, { ineligible: reasons });
}

/** The independence facts of the certifier's jurors (all of them when `ids` is undefined). */
export async function jurorFacts(tx: Tx | PrismaClient, certifierId: string, ids?: string[]): Promise<JurorFacts[]> {
  const users = await tx.user.findMany({
    where: { certifierId, role: 'JUROR', disabledAt: null, ...(ids ? { id: { in: ids } } : {}) },
    orderBy: { displayName: 'asc' },
    select: {
      id: true,
      displayName: true,
      jurorProfile: {
        select: {
          isCertifierEmployee: true,
          trainerLinks: { select: { partnerId: true, partner: { select: { name: true } } } },
          conflicts: { select: { candidateId: true, partnerId: true, reason: true } },
          certifications: { select: { certificationId: true } },
          availability: { select: { day: true } },
        },
      },
    },
  });
  return users.map((user) => ({
    id: user.id,
    displayName: user.displayName,
    isCertifierEmployee: user.jurorProfile?.isCertifierEmployee ?? false,
    trainerAt: (user.jurorProfile?.trainerLinks ?? []).map((link) => ({ partnerId: link.partnerId, partnerName: link.partner.name })),
    conflicts: user.jurorProfile?.conflicts ?? [],
    certificationIds: (user.jurorProfile?.certifications ?? []).map((row) => row.certificationId),
    availableDays: (user.jurorProfile?.availability ?? []).map((row) => storedDay(row.day)),
  }));
}

/** A `@db.Date` column comes back as midnight UTC: its 'YYYY-MM-DD'. */
const storedDay = (day: Date) => day.toISOString().slice(0, 10);

/**
 * What a jury sits for: its certification, and the days (Europe/Paris) of its orals not started yet, of its
 * session's slots (the session's first day when it has none yet), and of `extra` instants (a slot being assigned).
 */
export async function juryAssignment(
  tx: Tx | PrismaClient,
  jury: { id: string | null; certificationId: string; examSessionId: string | null },
  extra: Date[] = [],
): Promise<JuryAssignment> {
  const [certification, orals, session] = await Promise.all([
    tx.certification.findUniqueOrThrow({ where: { id: jury.certificationId }, select: { code: true, title: true } }),
    jury.id ? tx.oral.findMany({ where: { juryId: jury.id, phase: 'WAITING' }, select: { scheduledAt: true } }) : [],
    jury.examSessionId ? tx.examSession.findUnique({ where: { id: jury.examSessionId }, select: { startsAt: true, slots: { select: { startsAt: true } } } }) : null,
  ]);
  const instants = [...extra, ...orals.map((oral) => oral.scheduledAt)];
  if (session) instants.push(...(session.slots.length ? session.slots.map((slot) => slot.startsAt) : [session.startsAt]));
  return {
    certificationId: jury.certificationId,
    certificationName: `${certification.code} ${certification.title}`,
    days: [...new Set(instants.map(parisDay))].sort(),
  };
}

export const CANDIDATE_FACTS = {
  id: true,
  firstName: true,
  birthName: true,
  usageName: true,
  partnerId: true,
  partner: { select: { name: true } },
} as const;

type CandidateRow = Prisma.CandidateGetPayload<{ select: typeof CANDIDATE_FACTS }>;

export const candidateFacts = (candidate: CandidateRow): CandidateFacts => ({
  id: candidate.id,
  name: `${candidate.firstName} ${candidate.usageName ?? candidate.birthName}`,
  partnerId: candidate.partnerId,
  partnerName: candidate.partner.name,
});

/** Candidates of the jury's orals that have not started yet (the ones a membership change affects). */
async function pendingCandidates(tx: Tx, juryId: string) {
  const orals = await tx.oral.findMany({
    where: { juryId },
    select: { phase: true, attempt: { select: { candidate: { select: CANDIDATE_FACTS } } } },
  });
  return {
    started: orals.some((oral) => oral.phase !== 'WAITING'),
    candidates: orals.map((oral) => candidateFacts(oral.attempt.candidate)),
  };
}

export interface MemberInput {
  jurorId: string;
  role: JuryRole;
  representation?: Representation | null;
}

/**
 * Checks a composition (shape, minimum size, jurors of this certifier, independence) or throws. A
 * re-evaluation passes the jurors of the contested oral, none of whom may sit again.
 */
export async function checkComposition(
  tx: Tx,
  certifierId: string,
  minJurySize: number,
  members: MemberInput[],
  candidates: CandidateFacts[],
  contestedJurorIds: ReadonlySet<string> = new Set(),
  assignment?: JuryAssignment,
) {
  const issues = compositionIssues(members, minJurySize);
  const facts = await jurorFacts(tx, certifierId, [...new Set(members.map((member) => member.jurorId))]);
  const known = new Set(facts.map((juror) => juror.id));
  members.forEach((member, index) => {
    if (!known.has(member.jurorId)) issues.push({ path: ['members', index, 'jurorId'], message: translate('validation.notAJuror') });
  });
  if (issues.length) throw validationFailed(issues);
  const reasons = [
    ...juryIneligibility(facts, candidates, assignment),
    ...facts.flatMap((juror) => candidates.flatMap((candidate) => contestedOralIneligibility(juror, candidate, contestedJurorIds))),
  ];
  if (reasons.length) throw ineligibleError(reasons);
}

export const juryEvents = async (tx: Tx, jurorIds: Iterable<string>, type: string, payload: Record<string, unknown>) => {
  const events: RoomEvent[] = [];
  for (const jurorId of new Set(jurorIds)) events.push(await appendEvent(tx, rooms.schedule('juror', jurorId), type, payload));
  return events;
};

export interface ComposeJuryInput {
  certificationId: string;
  examSessionId?: string | null;
  name: string;
  kind?: JuryKind | null;
  members: MemberInput[];
}

export async function composeJury(deps: Deps, viewer: Viewer | null, input: ComposeJuryInput): Promise<string> {
  assertAdmin(viewer);
  const { juryId, events } = await deps.prisma.$transaction(async (tx) => {
    const certification = await tx.certification.findFirst({
      where: { AND: [{ id: input.certificationId }, certificationAdminFilter(viewer)] },
      select: { id: true, minJurySize: true },
    });
    if (!certification) throw new AppError('NOT_FOUND');
    const examSessionId = input.examSessionId ?? null;
    if (input.examSessionId) {
      const session = await tx.examSession.findUnique({ where: { id: input.examSessionId }, select: { certificationId: true } });
      if (!session || session.certificationId !== certification.id) {
        throw validationFailed([{ path: ['examSessionId'], message: translate('validation.jurySession') }]);
      }
    }
    const assignment = await juryAssignment(tx, { id: null, certificationId: certification.id, examSessionId });
    await checkComposition(tx, viewer.certifierId, certification.minJurySize, input.members, [], new Set(), assignment);
    const jury = await tx.jury.create({
      data: {
        certificationId: certification.id,
        examSessionId: input.examSessionId ?? null,
        name: input.name,
        kind: input.kind ?? undefined,
        members: { create: input.members.map((member) => ({ jurorId: member.jurorId, role: member.role, representation: member.representation ?? null })) },
      },
      select: { id: true },
    });
    await appendAudit(tx, {
      ...actorOf(viewer),
      action: 'jury.composed',
      entityType: 'Jury',
      entityId: jury.id,
      data: { certificationId: certification.id, examSessionId: input.examSessionId ?? null, members: input.members },
    });
    const events = await juryEvents(tx, input.members.map((member) => member.jurorId), 'JURY_JOINED', { juryId: jury.id });
    return { juryId: jury.id, events };
  });
  publishAll(deps.pubsub, events);
  return juryId;
}

/**
 * Replaces the members of a jury whose orals have not started, if it is still at `expectedVersion`.
 * The new members must be eligible for every candidate the jury is due to examine.
 */
export async function updateJuryMembers(deps: Deps, viewer: Viewer | null, juryId: string, expectedVersion: number, members: MemberInput[]): Promise<void> {
  assertAdmin(viewer);
  const events = await deps.prisma.$transaction(async (tx) => {
    const jury = await tx.jury.findFirst({
      where: { id: juryId, certification: certificationAdminFilter(viewer) },
      select: {
        id: true,
        version: true,
        certificationId: true,
        examSessionId: true,
        certification: { select: { minJurySize: true } },
        members: { select: { jurorId: true } },
        orals: { select: { id: true } },
      },
    });
    if (!jury) throw new AppError('NOT_FOUND');
    if (jury.version !== expectedVersion) throw new AppError('CONFLICT', {}, { current: { version: jury.version } });
    const { started, candidates } = await pendingCandidates(tx, jury.id);
    if (started) throw new AppError('INVALID_STATE', { state: stateLabel('IN_EVALUATION') });
    await checkComposition(tx, viewer.certifierId, jury.certification.minJurySize, members, candidates, new Set(), await juryAssignment(tx, jury));
    const bumped = await tx.jury.updateMany({ where: { id: jury.id, version: expectedVersion }, data: { version: { increment: 1 } } });
    if (bumped.count === 0) throw new AppError('CONFLICT');
    await tx.juryMember.deleteMany({ where: { juryId: jury.id } });
    await tx.juryMember.createMany({
      data: members.map((member) => ({ juryId: jury.id, jurorId: member.jurorId, role: member.role, representation: member.representation ?? null })),
    });
    await appendAudit(tx, {
      ...actorOf(viewer),
      action: 'jury.membersChanged',
      entityType: 'Jury',
      entityId: jury.id,
      data: { before: jury.members.map((member) => member.jurorId), after: members },
    });
    const oralIds = jury.orals.map((oral) => oral.id);
    const before = new Set(jury.members.map((member) => member.jurorId));
    const after = new Set(members.map((member) => member.jurorId));
    return [
      ...(await juryEvents(tx, [...after].filter((id) => !before.has(id)), 'JURY_JOINED', { juryId, oralIds })),
      ...(await juryEvents(tx, [...before].filter((id) => !after.has(id)), 'JURY_LEFT', { juryId, oralIds })),
    ];
  });
  publishAll(deps.pubsub, events);
}

/** The attempt's active booking, with what attaching a jury needs. */
async function bookedAttempt(tx: Tx, attemptId: string, viewer: Extract<Viewer, { kind: 'user' }>) {
  const attempt = await tx.attempt.findFirst({
    where: { id: attemptId, certification: certificationAdminFilter(viewer) },
    select: {
      id: true,
      certificationId: true,
      candidate: { select: { ...CANDIDATE_FACTS, accommodation: { select: { extraTimeMinutes: true } } } },
      booking: { select: { id: true, slot: { select: { id: true, startsAt: true } } } },
      orals: { select: { id: true, slotId: true, phase: true, juryId: true, jury: { select: { members: { select: { jurorId: true } } } } } },
    },
  });
  if (!attempt) throw new AppError('NOT_FOUND');
  return attempt;
}

/**
 * Puts the oral of a booked attempt before `juryId` (creating the oral, or moving it from another jury
 * while it has not started). The jury must be of the attempt's certification, complete, and independent
 * of the candidate. Returns the oral's id.
 */
export async function assignJury(deps: Deps, viewer: Viewer | null, attemptId: string, juryId: string): Promise<string> {
  assertAdmin(viewer);
  const { oralId, events } = await deps.prisma.$transaction(async (tx) => {
    const attempt = await bookedAttempt(tx, attemptId, viewer);
    const slot = attempt.booking?.slot;
    if (!slot) throw new AppError('INVALID_STATE', { state: stateLabel('FILE_ACKNOWLEDGED') });
    const jury = await tx.jury.findFirst({
      where: { id: juryId, certificationId: attempt.certificationId },
      select: { id: true, certification: { select: { minJurySize: true } }, members: { select: { jurorId: true, role: true } } },
    });
    if (!jury) throw new AppError('NOT_FOUND');
    // The slot's day only: the jury's other orals and session were checked when they were set.
    const assignment = await juryAssignment(tx, { id: null, certificationId: attempt.certificationId, examSessionId: null }, [slot.startsAt]);
    await checkComposition(tx, viewer.certifierId, jury.certification.minJurySize, jury.members, [candidateFacts(attempt.candidate)], new Set(), assignment);
    const current = attempt.orals.find((oral) => oral.slotId === slot.id);
    if (current && current.phase !== 'WAITING') throw new AppError('INVALID_STATE', { state: stateLabel(current.phase) });
    const events: RoomEvent[] = [];
    let oralId: string;
    if (current) {
      if (current.juryId === jury.id) return { oralId: current.id, events };
      await tx.oral.update({ where: { id: current.id }, data: { juryId: jury.id, version: { increment: 1 } } });
      events.push(...(await juryEvents(tx, current.jury.members.map((member) => member.jurorId), 'ORAL_UNASSIGNED', { oralId: current.id })));
      oralId = current.id;
    } else {
      oralId = (await createOral(tx, attempt.id, jury.id, slot, attempt.candidate.accommodation?.extraTimeMinutes ?? 0)).id;
    }
    await appendAudit(tx, { ...actorOf(viewer), action: 'oral.juryAssigned', entityType: 'Oral', entityId: oralId, data: { juryId: jury.id, attemptId } });
    events.push(...(await juryEvents(tx, jury.members.map((member) => member.jurorId), 'ORAL_SCHEDULED', { oralId, scheduledAt: slot.startsAt.toISOString() })));
    return { oralId, events };
  });
  publishAll(deps.pubsub, events);
  return oralId;
}

export function createOral(tx: Tx, attemptId: string, juryId: string, slot: { id: string; startsAt: Date }, extraTimeMinutes: number) {
  return tx.oral.create({
    data: { attemptId, juryId, slotId: slot.id, scheduledAt: slot.startsAt, extraTimeMinutes },
    select: { id: true },
  });
}

/**
 * The session's jury for a new booking, when the session has exactly one and it may examine the
 * candidate; else null (an admin then assigns one, seeing why in `jurorEligibility`).
 */
export async function sessionJuryFor(tx: Tx, certifierId: string, examSessionId: string, candidate: CandidateFacts, startsAt: Date) {
  const juries = await tx.jury.findMany({
    where: { examSessionId },
    select: { id: true, certificationId: true, certification: { select: { minJurySize: true } }, members: { select: { jurorId: true, role: true } } },
    take: 2,
  });
  if (juries.length !== 1) return null;
  const [jury] = juries;
  if (compositionIssues(jury.members, jury.certification.minJurySize).length) return null;
  const facts = await jurorFacts(tx, certifierId, jury.members.map((member) => member.jurorId));
  if (facts.length !== jury.members.length) return null;
  const assignment = await juryAssignment(tx, { id: null, certificationId: jury.certificationId, examSessionId: null }, [startsAt]);
  if (juryIneligibility(facts, [candidate], assignment).length) return null;
  return { id: jury.id, jurorIds: jury.members.map((member) => member.jurorId) };
}

/**
 * Every juror of the certifier, with whether they may examine this attempt's candidate and why not (for a
 * re-evaluation, also whether they sat on the contested oral).
 */
export async function jurorEligibility(prisma: PrismaClient, viewer: Viewer | null, attemptId: string, contestedJurorIds: ReadonlySet<string> = new Set()) {
  assertAdmin(viewer);
  const attempt = await prisma.attempt.findFirst({
    where: { id: attemptId, certification: certificationAdminFilter(viewer) },
    select: { certificationId: true, candidate: { select: CANDIDATE_FACTS }, booking: { select: { slot: { select: { startsAt: true } } } } },
  });
  if (!attempt) return null;
  const candidate = candidateFacts(attempt.candidate);
  // The day of a booked oral still to come (a re-evaluation's is chosen with its jury).
  const slotStart = attempt.booking?.slot.startsAt;
  const upcoming = slotStart && slotStart.getTime() > Date.now() ? [slotStart] : [];
  const assignment = await juryAssignment(prisma, { id: null, certificationId: attempt.certificationId, examSessionId: null }, upcoming);
  return (await jurorFacts(prisma, viewer.certifierId)).map((juror) => {
    const reasons = [
      ...ineligibilityFor(juror, candidate),
      ...assignmentIneligibility(juror, assignment),
      ...contestedOralIneligibility(juror, candidate, contestedJurorIds),
    ];
    return { jurorId: juror.id, displayName: juror.displayName, eligible: reasons.length === 0, reasons };
  });
}

export interface ConflictInput {
  candidateId?: string | null;
  partnerId?: string | null;
  reason: string;
}

/**
 * A juror declares a conflict of interest with a candidate (one they can see: a candidate of their orals)
 * or with a training organisation of the certifier. From then on they are ineligible for it.
 */
export async function declareConflict(deps: Deps, viewer: Viewer | null, input: ConflictInput): Promise<string> {
  if (viewer?.kind !== 'user' || viewer.role !== 'JUROR') throw new AppError('FORBIDDEN');
  if (Boolean(input.candidateId) === Boolean(input.partnerId)) {
    throw validationFailed([{ path: ['candidateId'], message: translate('validation.conflictTarget') }]);
  }
  return deps.prisma.$transaction(async (tx) => {
    if (input.candidateId) {
      const candidate = await tx.candidate.findFirst({ where: { AND: [{ id: input.candidateId }, candidateFilter(viewer)] }, select: { id: true } });
      if (!candidate) throw validationFailed([{ path: ['candidateId'], message: translate('error.NOT_FOUND') }]);
    } else {
      const partner = await tx.partner.findFirst({ where: { id: input.partnerId!, certifierId: viewer.certifierId }, select: { id: true } });
      if (!partner) throw validationFailed([{ path: ['partnerId'], message: translate('error.NOT_FOUND') }]);
    }
    await tx.jurorProfile.upsert({ where: { userId: viewer.userId }, create: { userId: viewer.userId }, update: {} });
    const conflict = await tx.conflictDeclaration.create({
      data: { jurorId: viewer.userId, candidateId: input.candidateId ?? null, partnerId: input.partnerId ?? null, reason: input.reason },
      select: { id: true },
    });
    // The reason stays out of the audit trail: it may describe people.
    await appendAudit(tx, {
      ...actorOf(viewer),
      action: 'juror.conflictDeclared',
      entityType: 'JurorProfile',
      entityId: viewer.userId,
      data: { conflictId: conflict.id, candidateId: input.candidateId ?? null, partnerId: input.partnerId ?? null },
    });
    return conflict.id;
  });
}

export interface JurorProfileInput {
  profession?: string | null;
  employer?: string | null;
  isCertifierEmployee?: boolean | null;
  /** Replaces the training organisations the juror trains at. */
  trainerAtPartnerIds?: string[] | null;
  /** Replaces the certifications the juror may assess (empty: not restricted). */
  certificationIds?: string[] | null;
  /** Replaces the days ('YYYY-MM-DD') the juror is available (empty: not declared). */
  availableDays?: string[] | null;
}

/** A jury the juror sits on that they may no longer sit on, and why. */
export interface JuryNowIneligible {
  juryId: string;
  reasons: Ineligibility[];
}

/** Days as stored (`@db.Date`, midnight UTC), or issues at `path` for any that is not a real calendar day. */
export function parseAvailableDays(days: string[], path: (string | number)[]) {
  const issues = days.flatMap((day, index) => {
    const date = new Date(`${day}T00:00:00.000Z`);
    const real = /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(date.getTime()) && storedDay(date) === day;
    const tooFar = real && date.getTime() > Date.now() + 2 * 366 * 86_400_000;
    return real && !tooFar ? [] : [{ path: [...path, index], message: translate('validation.availableDay') }];
  });
  if (issues.length) throw validationFailed(issues);
  return [...new Set(days)].map((day) => new Date(`${day}T00:00:00.000Z`));
}

async function replaceAvailability(tx: Tx, jurorId: string, days: Date[]) {
  await tx.jurorAvailability.deleteMany({ where: { jurorId, day: { notIn: days } } });
  await tx.jurorAvailability.createMany({ data: days.map((day) => ({ jurorId, day })), skipDuplicates: true });
}

/**
 * The juries the juror sits on whose orals have not started and are still to come (by their session or an
 * oral), that the juror's profile as it now stands excludes them from, with the reasons. Their orals stay
 * before them until an admin changes the members (`updateJuryMembers`), which then refuses this juror.
 */
export async function juriesNowIneligible(tx: Tx, certifierId: string, jurorId: string, now = new Date()): Promise<JuryNowIneligible[]> {
  const juries = await tx.jury.findMany({
    where: {
      members: { some: { jurorId } },
      certification: { certifierId },
      orals: { none: { phase: { not: 'WAITING' } } },
      OR: [{ examSession: { endsAt: { gte: now } } }, { orals: { some: { scheduledAt: { gte: now } } } }],
    },
    select: { id: true, certificationId: true, examSessionId: true },
    orderBy: { createdAt: 'asc' },
  });
  const [facts] = await jurorFacts(tx, certifierId, [jurorId]);
  if (!facts) return [];
  const found: JuryNowIneligible[] = [];
  for (const jury of juries) {
    const { candidates } = await pendingCandidates(tx, jury.id);
    const reasons = juryIneligibility([facts], candidates, await juryAssignment(tx, jury));
    if (reasons.length) found.push({ juryId: jury.id, reasons });
  }
  return found;
}

/**
 * Admins record what the independence rules need to know about a juror: employment, trainer links, the
 * certifications they may assess, the days they are available. All or nothing; then the juries the juror sits
 * on are checked again, and those the profile now excludes them from are returned (and in the audit entry).
 */
export async function updateJurorProfile(deps: Deps, viewer: Viewer | null, jurorId: string, input: JurorProfileInput): Promise<JuryNowIneligible[]> {
  assertAdmin(viewer);
  const days = input.availableDays ? parseAvailableDays(input.availableDays, ['input', 'availableDays']) : null;
  return deps.prisma.$transaction(async (tx) => {
    const juror = await tx.user.findFirst({ where: { id: jurorId, role: 'JUROR', certifierId: viewer.certifierId }, select: { id: true } });
    if (!juror) throw new AppError('NOT_FOUND');
    const fields = {
      ...(input.profession !== undefined ? { profession: input.profession || null } : {}),
      ...(input.employer !== undefined ? { employer: input.employer || null } : {}),
      ...(input.isCertifierEmployee != null ? { isCertifierEmployee: input.isCertifierEmployee } : {}),
    };
    await tx.jurorProfile.upsert({ where: { userId: jurorId }, create: { userId: jurorId, ...fields }, update: fields });
    if (input.trainerAtPartnerIds) {
      const ids = [...new Set(input.trainerAtPartnerIds)];
      const partners = await tx.partner.count({ where: { id: { in: ids }, certifierId: viewer.certifierId } });
      if (partners !== ids.length) throw validationFailed([{ path: ['input', 'trainerAtPartnerIds'], message: translate('error.NOT_FOUND') }]);
      await tx.trainerLink.deleteMany({ where: { jurorId, partnerId: { notIn: ids } } });
      await tx.trainerLink.createMany({ data: ids.map((partnerId) => ({ jurorId, partnerId })), skipDuplicates: true });
    }
    if (input.certificationIds) {
      const ids = [...new Set(input.certificationIds)];
      const certifications = await tx.certification.count({ where: { AND: [{ id: { in: ids } }, certificationAdminFilter(viewer)] } });
      if (certifications !== ids.length) throw validationFailed([{ path: ['input', 'certificationIds'], message: translate('error.NOT_FOUND') }]);
      await tx.jurorCertification.deleteMany({ where: { jurorId, certificationId: { notIn: ids } } });
      await tx.jurorCertification.createMany({ data: ids.map((certificationId) => ({ jurorId, certificationId })), skipDuplicates: true });
    }
    if (days) await replaceAvailability(tx, jurorId, days);
    const ineligible = await juriesNowIneligible(tx, viewer.certifierId, jurorId);
    await appendAudit(tx, {
      ...actorOf(viewer),
      action: 'juror.profileUpdated',
      entityType: 'JurorProfile',
      entityId: jurorId,
      data: { ...input, ineligibleJuryIds: ineligible.map((jury) => jury.juryId) },
    });
    return ineligible;
  });
}

/** A juror declares the days they are available (replacing the earlier list); the same re-check as above. */
export async function setMyAvailability(deps: Deps, viewer: Viewer | null, availableDays: string[]): Promise<JuryNowIneligible[]> {
  if (viewer?.kind !== 'user' || viewer.role !== 'JUROR') throw new AppError('FORBIDDEN');
  const days = parseAvailableDays(availableDays, ['availableDays']);
  return deps.prisma.$transaction(async (tx) => {
    await tx.jurorProfile.upsert({ where: { userId: viewer.userId }, create: { userId: viewer.userId }, update: {} });
    await replaceAvailability(tx, viewer.userId, days);
    const ineligible = await juriesNowIneligible(tx, viewer.certifierId, viewer.userId);
    await appendAudit(tx, {
      ...actorOf(viewer),
      action: 'juror.availabilityDeclared',
      entityType: 'JurorProfile',
      entityId: viewer.userId,
      data: { availableDays: days.map(storedDay), ineligibleJuryIds: ineligible.map((jury) => jury.juryId) },
    });
    return ineligible;
  });
}
