// Candidate use cases: registration (idempotent on partner + file number), with the audit entry and the
// partner's real-time event written in the same transaction and published after commit.
import { randomUUID } from 'node:crypto';
import type { AccommodationKind, Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { accommodationWriterFilter } from '../../auth/policies.ts';
import type { Viewer } from '../../auth/viewer.ts';
import type { PubSub, RoomEvent } from '../../realtime/pubsub.ts';
import { appendEvent, publishAll } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import { appendAudit, actorOf } from '../../lib/audit.ts';
import { AppError, validationFailed, type FieldIssue } from '../../lib/errors.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { translate } from '../../lib/messages.ts';
import { IDENTITY_FIELDS, IDENTITY_PICK, checkBirthPlace, identityInUse, type CandidateIdentityInput, type CandidateRegistration, type IdentityField } from './candidate.rules.ts';
import { communeName } from '../../lib/communes.ts';
import { assertVaeRouteOpen, vaeRouteOpen } from '../vae/experience.rules.ts';
import { planCandidateAccounts } from '../account/account.service.ts';

type Tx = Prisma.TransactionClient;

interface Deps {
  prisma: PrismaClient;
  pubsub: PubSub;
  config: { accounts: { invitationTtlMs: number } };
}

/** The names an invitation to the candidate area gives: the registering partner and the certifier. */
async function invitationNames(tx: Prisma.TransactionClient, partnerId: string) {
  const partner = await tx.partner.findUniqueOrThrow({ where: { id: partnerId }, select: { name: true, certifierId: true, certifier: { select: { name: true } } } });
  return { certifierId: partner.certifierId, partnerName: partner.name, certifierName: partner.certifier.name };
}

/** The audit actor of a viewer (a user or a partner API key). */
/**
 * Registers a candidate for a certification. A retry with the same (partner, file number) returns the
 * existing candidate and creates nothing. Returns the candidate id.
 */
/**
 * The birth commune checked against the official geographic code: an unknown INSEE code is refused (at `path`)
 * unless an admin confirms it (`birthPlaceConfirmed`, recorded and audited); the label is derived from the code
 * when only the code is given. Returns the fields to store.
 */
export function birthPlaceFor(viewer: Viewer, input: Pick<CandidateRegistration, 'birthPlaceConfirmed' | 'birthInseeCode' | 'birthCity'>, path: (string | number)[]): { data: { birthCity?: string; birthPlaceConfirmedAt?: Date }; confirmedCode: string | null } {
  const confirming = input.birthPlaceConfirmed === true;
  if (confirming && !(viewer.kind === 'user' && viewer.role === 'ADMIN')) throw new AppError('FORBIDDEN');
  const check = checkBirthPlace(input, communeName, confirming);
  if (check.refusal) throw validationFailed([{ path, message: check.refusal }]);
  return {
    data: { ...(check.derivedCity ? { birthCity: check.derivedCity } : {}), ...(check.confirmedCode ? { birthPlaceConfirmedAt: new Date() } : {}) },
    confirmedCode: check.confirmedCode,
  };
}

export async function registerCandidate(
  deps: Deps,
  viewer: Viewer,
  partnerId: string,
  input: CandidateRegistration,
): Promise<{ candidateId: string; created: boolean }> {
  const existing = await deps.prisma.candidate.findUnique({
    where: { partnerId_fileNumber: { partnerId, fileNumber: input.fileNumber } },
    select: { id: true },
  });
  if (existing) return { candidateId: existing.id, created: false };

  const certification = await deps.prisma.certification.findFirst({
    where: { code: input.certificationCode, active: true, certifier: { partners: { some: { id: partnerId } } } },
    include: { frameworks: { where: { status: 'PUBLISHED' }, orderBy: { version: 'desc' }, take: 1 } },
  });
  const framework = certification?.frameworks[0];
  if (!certification || !framework) {
    throw validationFailed([{ path: ['certificationCode'], message: translate('error.NOT_FOUND') }]);
  }
  // VAE only for an RNCP-registered certification (seed 004): an RS one refuses it.
  if (input.accessRoute === 'VAE') assertVaeRouteOpen(certification);
  const place = birthPlaceFor(viewer, input, ['birthInseeCode']);

  const { certificationCode: _code, accessRoute, funding, birthPlaceConfirmed: _confirmed, ...fields } = input;
  const identity = { ...fields, ...place.data };
  try {
    const { candidateId, events } = await deps.prisma.$transaction(async (tx) => {
      // Her account for the candidate area, with an invitation to choose a password (modules/account).
      const id = randomUUID();
      const names = await invitationNames(tx, partnerId);
      const accounts = await planCandidateAccounts(tx, names.certifierId, [{ ...identity, id, certificationTitle: certification.title }]);
      await accounts.createAccounts();
      const candidate = await tx.candidate.create({
        data: { ...identity, id, userId: accounts.userOf.get(id) ?? null, partnerId, attempts: { create: {
          certificationId: certification.id,
          frameworkVersionId: framework.id,
          accessRoute: accessRoute ?? undefined,
          funding: funding ?? undefined,
          registeredById: viewer.kind === 'user' ? viewer.userId : null,
        } } },
        select: { id: true },
      });
      await appendAudit(tx, {
        ...actorOf(viewer),
        action: 'candidate.registered',
        entityType: 'Candidate',
        entityId: candidate.id,
        data: { partnerId, fileNumber: input.fileNumber, certificationCode: certification.code, ...(place.confirmedCode ? { birthPlaceConfirmed: place.confirmedCode } : {}) },
      });
      const events = [await appendEvent(tx, rooms.partner(partnerId), 'CANDIDATE_REGISTERED', { candidateId: candidate.id })];
      await accounts.invite({ ...names, ttlMs: deps.config.accounts.invitationTtlMs, invitedBy: viewer }, events);
      return { candidateId: candidate.id, events };
    });
    publishAll(deps.pubsub, events);
    return { candidateId, created: true };
  } catch (error) {
    // Two concurrent retries of the same registration: the loser returns the winner's candidate.
    if (isUniqueViolation(error)) {
      const winner = await deps.prisma.candidate.findUnique({
        where: { partnerId_fileNumber: { partnerId, fileNumber: input.fileNumber } },
        select: { id: true },
      });
      if (winner) return { candidateId: winner.id, created: false };
    }
    throw error;
  }
}

export function assertPartnerFor(viewer: Viewer, requestedPartnerId: string | null | undefined): string {
  if (viewer.kind === 'apiKey') return viewer.partnerId;
  if (viewer.role === 'PARTNER' && viewer.partnerId) return viewer.partnerId;
  if (viewer.role === 'ADMIN' && requestedPartnerId) return requestedPartnerId;
  if (viewer.role === 'ADMIN') throw validationFailed([{ path: ['partnerId'], message: translate('validation.required') }]);
  throw new AppError('FORBIDDEN');
}

// ─── Bulk registration ───

export const MAX_BULK_CANDIDATES = 1000;

export interface BulkRegistrationRow {
  index: number;
  fileNumber: string;
  candidateId: string;
  status: 'CREATED' | 'EXISTING';
}

/**
 * Registers up to 1,000 candidates, ALL OR NOTHING: rows are validated first (by the GraphQL input type,
 * then here: duplicates within the batch, unknown certifications); if any row is invalid nothing is written
 * and every invalid row is reported (`path: ['candidates', index, field]`). File numbers the partner already
 * registered are reported as EXISTING and left unchanged (idempotent, like registerCandidate), so a retried
 * batch creates nothing twice. The rest is written in one transaction with a fixed number of statements:
 * createMany for candidates and attempts, ONE audit entry for the batch (entity Partner, action
 * `candidates.bulkRegistered`, with the ids), and one CANDIDATE_REGISTERED event per created candidate in the
 * partner's room (sequence numbers reserved in one statement), published after commit.
 */
export async function registerCandidatesBulk(
  deps: Deps,
  viewer: Viewer,
  partnerId: string,
  parsedRows: (CandidateRegistration | null)[],
  rowIssues: FieldIssue[] = [],
  retried = false,
): Promise<BulkRegistrationRow[]> {
  if (parsedRows.length > MAX_BULK_CANDIDATES) throw new AppError('LIMIT_EXCEEDED', { details: `${parsedRows.length} > ${MAX_BULK_CANDIDATES}` });
  const issues: FieldIssue[] = [...rowIssues];
  // Rows that failed the schema are already reported; the checks below run on the others.
  const valid = parsedRows.flatMap((row, index) => (row ? [{ row, index }] : []));
  const rows = valid.map(({ row }) => row);
  const firstIndex = new Map<string, number>();
  valid.forEach(({ row, index }) => {
    const first = firstIndex.get(row.fileNumber);
    if (first === undefined) firstIndex.set(row.fileNumber, index);
    else issues.push({ path: ['candidates', index, 'fileNumber'], message: translate('validation.duplicateFileNumber', { first }) });
  });

  const codes = [...new Set(rows.map((row) => row.certificationCode))];
  const certifications = await deps.prisma.certification.findMany({
    where: { code: { in: codes }, active: true, certifier: { partners: { some: { id: partnerId } } } },
    select: { id: true, code: true, title: true, registry: true, rncpCode: true, frameworks: { where: { status: 'PUBLISHED' }, orderBy: { version: 'desc' }, take: 1, select: { id: true } } },
  });
  const byCode = new Map(certifications.filter((c) => c.frameworks[0]).map((c) => [c.code, { id: c.id, title: c.title, frameworkVersionId: c.frameworks[0].id }]));
  valid.forEach(({ row, index }) => {
    if (!byCode.has(row.certificationCode)) {
      issues.push({ path: ['candidates', index, 'certificationCode'], message: translate('validation.unknownCertification', { code: row.certificationCode }) });
    }
    const certification = certifications.find((c) => c.code === row.certificationCode);
    if (certification && row.accessRoute === 'VAE' && !vaeRouteOpen(certification)) {
      issues.push({ path: ['candidates', index, 'accessRoute'], message: translate('error.VAE_NOT_AVAILABLE', { code: certification.code, registry: certification.registry }) });
    }
  });
  // Birth communes against the official geographic code (one Map lookup per row).
  const places = new Map<number, ReturnType<typeof birthPlaceFor>>();
  valid.forEach(({ row, index }) => {
    try {
      places.set(index, birthPlaceFor(viewer, row, ['candidates', index, 'birthInseeCode']));
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
      issues.push(...((error.extensions.fields as FieldIssue[] | undefined) ?? []));
    }
  });
  if (issues.length) throw validationFailed(issues.sort((a, b) => Number(a.path[1]) - Number(b.path[1])));
  if (valid.length !== parsedRows.length) throw new Error('unreachable: invalid rows without issues');

  const existing = new Map(
    (
      await deps.prisma.candidate.findMany({
        where: { partnerId, fileNumber: { in: [...firstIndex.keys()] } },
        select: { id: true, fileNumber: true },
      })
    ).map((candidate) => [candidate.fileNumber, candidate.id]),
  );
  const result: BulkRegistrationRow[] = [];
  const candidates: Prisma.CandidateCreateManyInput[] = [];
  const attempts: Prisma.AttemptCreateManyInput[] = [];
  /** The certification code of each candidate to create, in the order of `candidates`. */
  const createdCodes: string[] = [];
  const registeredById = viewer.kind === 'user' ? viewer.userId : null;
  rows.forEach((row, index) => {
    const found = existing.get(row.fileNumber);
    if (found) {
      result.push({ index, fileNumber: row.fileNumber, candidateId: found, status: 'EXISTING' });
      return;
    }
    const { certificationCode, accessRoute, funding, birthPlaceConfirmed: _confirmed, ...identity } = row;
    const certification = byCode.get(certificationCode)!;
    const id = randomUUID();
    candidates.push({ ...identity, ...places.get(valid[index]?.index ?? -1)?.data, id, partnerId });
    createdCodes.push(certificationCode);
    attempts.push({
      candidateId: id,
      certificationId: certification.id,
      frameworkVersionId: certification.frameworkVersionId,
      accessRoute: accessRoute ?? undefined,
      funding: funding ?? undefined,
      registeredById,
    });
    result.push({ index, fileNumber: row.fileNumber, candidateId: id, status: 'CREATED' });
  });
  if (candidates.length === 0) return result;

  try {
    const events = await deps.prisma.$transaction(
      async (tx) => {
        // Their accounts for the candidate area, with invitations (modules/account), in a fixed number of statements.
        const names = await invitationNames(tx, partnerId);
        const accounts = await planCandidateAccounts(
          tx,
          names.certifierId,
          candidates.map((candidate, index) => ({
            id: candidate.id!,
            email: candidate.email,
            firstName: candidate.firstName,
            birthName: candidate.birthName,
            usageName: candidate.usageName,
            certificationTitle: byCode.get(createdCodes[index])!.title,
          })),
        );
        await accounts.createAccounts();
        await tx.candidate.createMany({ data: candidates.map((candidate) => ({ ...candidate, userId: accounts.userOf.get(candidate.id!) ?? null })) });
        await tx.attempt.createMany({ data: attempts });
        await appendAudit(tx, {
          ...actorOf(viewer),
          action: 'candidates.bulkRegistered',
          entityType: 'Partner',
          entityId: partnerId,
          data: {
            count: candidates.length,
            existing: rows.length - candidates.length,
            candidateIds: candidates.map((c) => c.id),
            birthPlacesConfirmed: [...places.values()].flatMap((place) => (place.confirmedCode ? [place.confirmedCode] : [])),
          },
        });
        const registered = await appendEventsInOneRoom(tx, rooms.partner(partnerId), 'CANDIDATE_REGISTERED', candidates.map((c) => ({ candidateId: c.id })));
        await accounts.invite({ ...names, ttlMs: deps.config.accounts.invitationTtlMs, invitedBy: viewer }, registered);
        return registered;
      },
      { timeout: 30_000 },
    );
    publishAll(deps.pubsub, events);
    return result;
  } catch (error) {
    // A concurrent registration took one of these file numbers: start again once, it is now EXISTING.
    if (isUniqueViolation(error) && !retried) return registerCandidatesBulk(deps, viewer, partnerId, parsedRows, [], true);
    throw error;
  }
}

/**
 * Appends `payloads.length` events to one room in two statements: reserves the sequence numbers (the room's
 * row stays locked until commit, as in realtime/event-log.ts appendEvent), then inserts the entries.
 * TODO(realtime owner): move beside appendEvent as `appendEvents`.
 */
async function appendEventsInOneRoom(tx: Prisma.TransactionClient, room: string, type: string, payloads: Record<string, unknown>[]): Promise<RoomEvent[]> {
  const count = payloads.length;
  const [{ lastSeq }] = await tx.$queryRaw<{ lastSeq: number }[]>`
    INSERT INTO "RoomSequence" ("room", "lastSeq") VALUES (${room}, ${count})
    ON CONFLICT ("room") DO UPDATE SET "lastSeq" = "RoomSequence"."lastSeq" + ${count}
    RETURNING "lastSeq"`;
  const first = lastSeq - count + 1;
  const createdAt = new Date();
  await tx.eventLogEntry.createMany({
    data: payloads.map((payload, i) => ({ room, seq: first + i, type, payload: payload as Prisma.InputJsonValue, createdAt })),
  });
  return payloads.map((payload, i) => ({ room, seq: first + i, type, payload, at: createdAt.toISOString() }));
}

// ─── Accommodations ───

export interface AccommodationInput {
  kinds: AccommodationKind[];
  extraTimeMinutes: number;
  notes?: string | null;
}

/**
 * Records (or, with no kind and no notes, removes) a candidate's accommodation. Allowed to the candidate's
 * partner, the candidate themself and admins (policies.accommodationWriterFilter); anyone else gets NOT_FOUND.
 * The audit entry leaves the notes out (health data must stay erasable; the audit trail is append-only).
 */
export async function setAccommodation(deps: Deps, viewer: Viewer, candidateId: string, input: AccommodationInput): Promise<void> {
  const events = await deps.prisma.$transaction(async (tx) => {
    const candidate = await tx.candidate.findFirst({ where: { AND: [{ id: candidateId }, accommodationWriterFilter(viewer)] }, select: { id: true, partnerId: true } });
    if (!candidate) throw new AppError('NOT_FOUND');
    const remove = input.kinds.length === 0 && !input.notes;
    const recordedById = viewer.kind === 'user' ? viewer.userId : viewer.apiKeyId;
    if (remove) await tx.accommodation.deleteMany({ where: { candidateId } });
    else {
      const data = { kinds: input.kinds, extraTimeMinutes: input.extraTimeMinutes, notes: input.notes ?? null, recordedById };
      await tx.accommodation.upsert({ where: { candidateId }, create: { candidateId, ...data }, update: data });
    }
    // Orals not started yet follow the new extra time (the shared timer reads it from the oral).
    await tx.oral.updateMany({
      where: { phase: 'WAITING', attempt: { candidateId } },
      data: { extraTimeMinutes: remove ? 0 : input.extraTimeMinutes },
    });
    await appendAudit(tx, {
      ...actorOf(viewer),
      action: remove ? 'candidate.accommodationRemoved' : 'candidate.accommodationSet',
      entityType: 'Candidate',
      entityId: candidateId,
      data: remove ? {} : { kinds: input.kinds, extraTimeMinutes: input.extraTimeMinutes, hasNotes: Boolean(input.notes) },
    });
    return [await appendEvent(tx, rooms.partner(candidate.partnerId), 'CANDIDATE_UPDATED', { candidateId })];
  });
  publishAll(deps.pubsub, events);
}


const sameValue = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : (a ?? null) === (b ?? null));

export interface CheckedIdentity {
  data: Record<IdentityField, unknown>;
  birthPlaceConfirmedAt: Date | null;
  confirmedCode: string | null;
}

/** A validated identity (CandidateIdentityInput) checked against the official geographic code, as columns to store. */
/** Every identity field is written: an optional one left out of the input is cleared. */
export function checkedIdentity(viewer: Viewer, input: CandidateIdentityInput, path: (string | number)[]): CheckedIdentity {
  const place = birthPlaceFor(viewer, input, [...path, 'birthInseeCode']);
  const data = Object.fromEntries(IDENTITY_FIELDS.map((field) => [field, input[field] ?? null])) as Record<IdentityField, unknown>;
  if (place.data.birthCity && !data.birthCity) data.birthCity = place.data.birthCity;
  return { data, birthPlaceConfirmedAt: place.data.birthPlaceConfirmedAt ?? null, confirmedCode: place.confirmedCode };
}

/** The fields of `identity` that differ from the candidate's. */
export async function changedIdentityFields(tx: Tx, candidateId: string, identity: Record<IdentityField, unknown>): Promise<IdentityField[]> {
  const current = await tx.candidate.findUniqueOrThrow({ where: { id: candidateId }, select: IDENTITY_PICK });
  return IDENTITY_FIELDS.filter((field) => !sameValue(current[field], identity[field]));
}

/**
 * Writes a checked identity to the candidate, audits the names of the fields that changed (never their values)
 * under `action`, and tells the partner's list. Returns the changed fields (nothing written when none).
 */
export async function writeIdentity(
  tx: Tx,
  viewer: Viewer,
  candidate: { id: string; partnerId: string },
  identity: CheckedIdentity,
  action: string,
  extra: Record<string, unknown>,
  events: RoomEvent[],
): Promise<IdentityField[]> {
  const changed = await changedIdentityFields(tx, candidate.id, identity.data);
  if (!changed.length && !identity.birthPlaceConfirmedAt) return changed;
  await tx.candidate.update({
    where: { id: candidate.id },
    data: { ...(identity.data as Prisma.CandidateUpdateInput), ...(identity.birthPlaceConfirmedAt ? { birthPlaceConfirmedAt: identity.birthPlaceConfirmedAt } : {}) },
  });
  await appendAudit(tx, {
    ...actorOf(viewer),
    action,
    entityType: 'Candidate',
    entityId: candidate.id,
    data: { ...extra, fields: changed, ...(identity.confirmedCode ? { birthPlaceConfirmed: identity.confirmedCode } : {}) },
  });
  events.push(await appendEvent(tx, rooms.partner(candidate.partnerId), 'CANDIDATE_UPDATED', { candidateId: candidate.id }));
  return changed;
}

/**
 * The candidate's partner, the candidate themself or an admin completes or corrects the identity the CDC needs
 * (same rules as at registration: names, plausible birth date, INSEE commune code known to the official
 * geographic code or postal code, or the birth country). Refused once the identity was used (a decision on an
 * attempt, or erased): a rectification request then goes through an admin. Audited with the names of the
 * fields changed (never their values); the partner's list hears of it.
 */
export async function updateCandidateIdentity(deps: Deps, viewer: Viewer, candidateId: string, input: CandidateIdentityInput): Promise<void> {
  const identity = checkedIdentity(viewer, input, ['input']);
  const events = await deps.prisma.$transaction(async (tx) => {
    const candidate = await tx.candidate.findFirst({
      where: { AND: [{ id: candidateId }, accommodationWriterFilter(viewer)] },
      select: { id: true, partnerId: true, anonymisedAt: true, attempts: { select: { state: true } } },
    });
    if (!candidate) throw new AppError('NOT_FOUND');
    if (identityInUse(candidate)) throw new AppError('INVALID_STATE', { state: translate('identity.inUse') }, { rectificationRequired: true });
    const events: RoomEvent[] = [];
    await writeIdentity(tx, viewer, candidate, identity, 'candidate.identityUpdated', {}, events);
    return events;
  });
  publishAll(deps.pubsub, events);
}
