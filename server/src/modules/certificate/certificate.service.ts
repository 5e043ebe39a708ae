// Certificates: issued when a positive result is published (one for a CERTIFIED decision, one per validated
// block for a PARTIALLY_CERTIFIED BY_BLOCK one), within 30 days of the jury; signed with the certifier's
// Ed25519 key (certificate.keys.ts); revoked by an admin or when a fraud report on the attempt is confirmed;
// verified by anyone, by id or from the JSON itself. Every change is audited in the transaction of its cause.
import { randomInt, randomUUID } from 'node:crypto';
import type { Outcome, Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { viewerPartnerId, type Viewer } from '../../auth/viewer.ts';
import { candidatePartnerOf } from '../../graphql/loaded-under.ts';
import { attemptFilter, certificationAdminFilter, seesCandidateOutsideJuries } from '../../auth/policies.ts';
import type { AppServices } from '../../graphql/context.ts';
import type { AppSecret } from '../../lib/secrets.ts';
import type { RoomEvent } from '../../realtime/pubsub.ts';
import { appendEvent, publishAll } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import { appendAudit, actorOf } from '../../lib/audit.ts';
import { addDays, atRiskBefore, deadline } from '../../lib/deadlines.ts';
import { AppError } from '../../lib/errors.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { translate, type MessageKey } from '../../lib/messages.ts';
import { assertAdmin } from '../jury/jury.service.ts';
import { candidateRecipients, notify } from '../notification/notification.service.ts';
import { activeSigningKey, lockCertifierKeys, rotateKey, type ActiveSigningKey } from './certificate.keys.ts';
import { addRdfcProof, didVerificationMethod, issuerDid, STATUS_LIST_LENGTH, statusEntry, statusListCredential, statusListUrl } from './certificate.jsonld.ts';
import { cdcCertificateRevoked } from '../cdc/cdc.follow.ts';
import {
  buildAchievement,
  buildCredential,
  certificateScopes,
  certifierIdOf,
  holderNameOfCredential,
  holderSaltFor,
  ISSUE_AT_RISK_DAYS,
  ISSUE_WITHIN_DAYS,
  sameCredential,
  signCredential,
  verifyCredentialOffline,
  type JsonObject,
  WHOLE_CERTIFICATION,
  type OfflineVerification,
  type VerificationCheck,
} from './certificate.rules.ts';

type Tx = Prisma.TransactionClient;
type Db = PrismaClient | Tx;
type Deps = Pick<AppServices, 'prisma' | 'pubsub' | 'config' | 'secret'>;
/** What signing needs: the public base URL (credential ids, the issuer's DID), the logo, the server secret (keys, holder salt). */
type SigningDeps = { config: { publicUrl: string; certifierLogoUrl?: string }; secret: AppSecret };
/** Who issues: a user, or the system (demo data). */
type Actor = { actorId: string | null; actorKind: string };

const POSITIVE_OUTCOMES = ['CERTIFIED', 'PARTIALLY_CERTIFIED'] as const;

const issueByFor = (juryDate: Date) => addDays(juryDate, ISSUE_WITHIN_DAYS);
const issueDeadline = (issueBy: Date, issued: boolean, now = new Date()) => deadline(issueBy, issued, ISSUE_AT_RISK_DAYS, now);

const holderNameOf = (candidate: { firstName: string; usageName: string | null; birthName: string }) => `${candidate.firstName} ${candidate.usageName || candidate.birthName}`;

const DECISION_FOR_ISSUE = {
  id: true,
  outcome: true,
  validatedBlockCodes: true,
  juryDate: true,
  frameworkVersion: { select: { blocks: { select: { code: true, title: true }, orderBy: { position: 'asc' } } } },
  attempt: {
    select: {
      id: true,
      candidateId: true,
      candidate: { select: { firstName: true, birthName: true, usageName: true, email: true, holderDid: true } },
      certification: { select: { registry: true, code: true, title: true, certifier: { select: { id: true, name: true, siret: true } } } },
    },
  },
} satisfies Prisma.DecisionSelect;

/**
 * Issues the certificates a decision owes and has not got yet (idempotent: one per decision and scope).
 * Inside the caller's transaction: the certificates, their audit entries and the candidate's notification
 * commit with the cause (publication, or an admin's issueCertificates). Returns the new certificates' ids.
 */
export async function issueCertificatesForDecision(
  tx: Tx,
  deps: SigningDeps,
  { actor, decisionId, now, events, notifyCandidate = true }: { actor: Actor; decisionId: string; now: Date; events?: RoomEvent[]; notifyCandidate?: boolean },
): Promise<string[]> {
  const decision = await tx.decision.findUniqueOrThrow({ where: { id: decisionId }, select: DECISION_FOR_ISSUE });
  const owed = certificateScopes(decision.outcome, decision.validatedBlockCodes);
  if (owed.length === 0) return [];
  // The key lock serialises issuance per certifier; re-read what is issued under it (a concurrent issue of the
  // same decision may just have committed). The unique (decisionId, scope) stays the last guard.
  const key = await activeSigningKey(tx, deps.secret, decision.attempt.certification.certifier.id, now);
  if (key.created) await appendAudit(tx, { ...actor, action: 'signingKey.created', entityType: 'SigningKey', entityId: key.id, data: { publicKey: key.publicKey } });
  const issued = new Set((await tx.certificate.findMany({ where: { decisionId }, select: { scope: true } })).map((certificate) => certificate.scope));
  const missing = owed.filter((scope) => !issued.has(scope));
  if (missing.length === 0) return [];

  const { attempt } = decision;
  const { certification } = attempt;
  const holderName = holderNameOf(attempt.candidate);
  const created: { id: string; name: string }[] = [];
  for (const scope of missing) {
    const id = randomUUID();
    const credential = await signedCredentialFor(tx, deps, { decision, scope, id, key, now });
    const issueBy = issueByFor(decision.juryDate);
    await tx.certificate.create({
      data: {
        id,
        attemptId: attempt.id,
        decisionId: decision.id,
        scope,
        blockCodes: scope === WHOLE_CERTIFICATION ? [] : [scope],
        credential: credential as Prisma.InputJsonValue,
        signingKeyId: key.id,
        issueBy,
        issuedAt: now,
      },
    });
    await tx.statusListEntry.create({ data: { certifierId: certification.certifier.id, index: statusIndexOf(credential), certificateId: id } });
    await appendAudit(tx, {
      ...actor,
      action: 'certificate.issued',
      entityType: 'Certificate',
      entityId: id,
      data: { attemptId: attempt.id, decisionId: decision.id, scope, signingKeyId: key.id, issueBy: issueBy.toISOString(), late: now > issueBy },
    });
    created.push({ id, name: String(credential.name) });
  }
  if (notifyCandidate) {
    const names = created.map((c) => c.name).join(' ; ');
    await notify(
      tx,
      {
        template: 'CERTIFICATE_ISSUED',
        data: { attemptId: attempt.id, candidateName: holderName, certificationCode: certification.code, certificationTitle: certification.title, certificateNames: names, count: created.length },
        dedupeKey: `certificate-issued:${decision.id}:${created.map((c) => c.id).join(',')}`,
        recipients: await candidateRecipients(tx, attempt.candidateId),
      },
      events,
    );
  }
  return created.map((c) => c.id);
}

type DecisionForIssue = Prisma.DecisionGetPayload<{ select: typeof DECISION_FOR_ISSUE }>;

/** A status list index of the certifier not taken yet, drawn at random (sequential ones would date and rank holders). */
async function freeStatusIndex(tx: Tx, certifierId: string): Promise<number> {
  // Under the certifier's key lock (activeSigningKey): no concurrent draw for the same list.
  for (let tries = 0; tries < 64; tries++) {
    const index = randomInt(STATUS_LIST_LENGTH);
    if (!(await tx.statusListEntry.findUnique({ where: { certifierId_index: { certifierId, index } }, select: { index: true } }))) return index;
  }
  throw new Error(`status list of certifier ${certifierId} is (nearly) full`);
}

const statusIndexOf = (credential: JsonObject) => Number((credential.credentialStatus as { statusListIndex: string }).statusListIndex);

/**
 * The signed credential of one scope of a decision, under the certifier's DID: `eddsa-jcs-2022` and
 * `eddsa-rdfc-2022` proofs by its current key, a fresh random status list index (its list created if need be).
 */
async function signedCredentialFor(
  tx: Tx,
  deps: SigningDeps,
  { decision, scope, id, key, now }: { decision: DecisionForIssue; scope: string; id: string; key: ActiveSigningKey; now: Date },
): Promise<JsonObject> {
  const { attempt } = decision;
  const { certification } = attempt;
  const certifier = certification.certifier;
  const { publicUrl } = deps.config;
  const blockTitles = new Map(decision.frameworkVersion.blocks.map((block) => [block.code, block.title]));
  const validatedBlocks = (decision.validatedBlockCodes.length ? decision.validatedBlockCodes : [...blockTitles.keys()]).map((code) => ({ code, title: blockTitles.get(code) ?? code }));
  const block = scope === WHOLE_CERTIFICATION ? null : { code: scope, title: blockTitles.get(scope) ?? scope };
  const did = issuerDid(publicUrl, certifier.id);
  await ensureStatusList(tx, deps, certifier.id, key, now);
  const listUrl = statusListUrl(publicUrl, certifier.id);
  const unsigned = buildCredential({
    publicUrl,
    certificateId: id,
    issuedAt: now,
    issuer: { id: did, certifierId: certifier.id, name: certifier.name, siret: certifier.siret, image: deps.config.certifierLogoUrl ?? issuerLogoUrl(publicUrl, certifier.id) },
    holder: { name: holderNameOf(attempt.candidate), email: attempt.candidate.email || null, did: attempt.candidate.holderDid },
    holderSalt: holderSaltFor(deps.secret.derive('holder-identifier'), id),
    credentialStatus: statusEntry(listUrl, await freeStatusIndex(tx, certifier.id)),
    achievementImage: badgeImageUrl(publicUrl, certifier.id),
    certification,
    block,
    validatedBlocks: block ? [block] : validatedBlocks,
    juryDate: decision.juryDate,
  });
  const verificationMethod = didVerificationMethod(did, key.publicKey);
  const withJcs = signCredential(unsigned, key.privateKey, key.publicKeyObject, now, verificationMethod);
  return addRdfcProof(withJcs, key.privateKey, verificationMethod, now);
}

/** The bundled logo and badge images (certificate.http.ts serves them). */
export const issuerLogoUrl = (publicUrl: string, certifierId: string) => `${publicUrl}/issuers/${certifierId}/logo.svg`;
export const badgeImageUrl = (publicUrl: string, certifierId: string) => `${publicUrl}/issuers/${certifierId}/badge.svg`;

// ─── Achievements (the catalogue) ───

export interface AchievementView {
  /** The Achievement (JSON-LD, without @context). */
  achievement: JsonObject;
  certificationCode: string;
  certificationTitle: string;
  block: { code: string; title: string } | null;
  /** The blocks it is made of (the whole certification: every block of its published framework). */
  blocks: { code: string; title: string }[];
  issuerDid: string;
  issuerName: string;
}

/** Public: a certification (or one of its blocks) as the Achievement its certificates name; null when unknown. */
export async function publicAchievement(prisma: Db, publicUrl: string, code: string, blockCode: string | null): Promise<AchievementView | null> {
  const certification = await prisma.certification.findUnique({
    where: { code },
    select: {
      registry: true,
      code: true,
      title: true,
      certifier: { select: { id: true, name: true } },
      frameworks: { where: { status: 'PUBLISHED' }, orderBy: { version: 'desc' }, take: 1, select: { blocks: { select: { code: true, title: true }, orderBy: { position: 'asc' } } } },
    },
  });
  if (!certification) return null;
  const blocks = certification.frameworks[0]?.blocks ?? [];
  const block = blockCode === null ? null : blocks.find((candidate) => candidate.code === blockCode);
  if (block === undefined) return null;
  const achievement = buildAchievement({ publicUrl, certification, block, validatedBlocks: block ? [block] : blocks, achievementImage: badgeImageUrl(publicUrl, certification.certifier.id) });
  return {
    achievement,
    certificationCode: certification.code,
    certificationTitle: certification.title,
    block,
    blocks: block ? [block] : blocks,
    issuerDid: issuerDid(publicUrl, certification.certifier.id),
    issuerName: certification.certifier.name,
  };
}

// ─── The status list ───

/** Signs the certifier's BitstringStatusListCredential as the database has it now, and stores it. */
async function signStatusList(tx: Tx, deps: SigningDeps, certifierId: string, key: ActiveSigningKey, now: Date): Promise<JsonObject> {
  const revoked = await tx.statusListEntry.findMany({ where: { certifierId, certificate: { revokedAt: { not: null } } }, select: { index: true } });
  const did = issuerDid(deps.config.publicUrl, certifierId);
  const unsigned = await statusListCredential(statusListUrl(deps.config.publicUrl, certifierId), did, revoked.map((entry) => entry.index), now);
  const credential = await addRdfcProof(unsigned, key.privateKey, didVerificationMethod(did, key.publicKey), now);
  await tx.statusList.upsert({
    where: { certifierId },
    create: { certifierId, credential: credential as Prisma.InputJsonValue, updatedAt: now, stale: false },
    update: { credential: credential as Prisma.InputJsonValue, updatedAt: now, stale: false },
  });
  return credential;
}

async function ensureStatusList(tx: Tx, deps: SigningDeps, certifierId: string, key: ActiveSigningKey, now: Date) {
  if (!(await tx.statusList.findUnique({ where: { certifierId }, select: { certifierId: true } }))) await signStatusList(tx, deps, certifierId, key, now);
}

/**
 * Re-signs the list if a revocation happened since it was signed. The list's row is locked first, so a
 * revocation committing meanwhile either is read here or marks the list stale again after.
 */
async function resignIfStale(tx: Tx, deps: SigningDeps, certifierId: string, now: Date): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "StatusList" WHERE "certifierId" = ${certifierId} FOR UPDATE`;
  const list = await tx.statusList.findUnique({ where: { certifierId }, select: { stale: true } });
  if (!list?.stale) return;
  const key = await activeSigningKey(tx, deps.secret, certifierId, now);
  await signStatusList(tx, deps, certifierId, key, now);
}

/** The certifier's signed status list as it must be served (re-signed first when stale); null when none. */
export async function currentStatusList(deps: Pick<Deps, 'prisma'> & SigningDeps, certifierId: string, now = new Date()): Promise<unknown> {
  const stored = await deps.prisma.statusList.findUnique({ where: { certifierId }, select: { credential: true, stale: true } });
  if (!stored) return null;
  if (!stored.stale) return stored.credential;
  await deps.prisma.$transaction((tx) => resignIfStale(tx, deps, certifierId, now));
  return (await deps.prisma.statusList.findUniqueOrThrow({ where: { certifierId }, select: { credential: true } })).credential;
}

/** Called by result publication (result.service.ts publishOne), in its transaction. */
export async function issueCertificatesForPublishedResult(
  tx: Tx,
  deps: SigningDeps,
  viewer: Extract<Viewer, { kind: 'user' }>,
  decisionId: string,
  now: Date,
  events: RoomEvent[],
): Promise<string[]> {
  return issueCertificatesForDecision(tx, deps, { actor: actorOf(viewer), decisionId, now, events });
}

/** An admin issues what a published positive result still owes (results published before certificates existed). */
export async function issueCertificates(deps: Deps, viewer: Viewer | null, attemptId: string, now = new Date()): Promise<void> {
  assertAdmin(viewer);
  const events: RoomEvent[] = [];
  await deps.prisma.$transaction(async (tx) => {
    const attempt = await tx.attempt.findFirst({
      where: { id: attemptId, certification: certificationAdminFilter(viewer) },
      select: { state: true, candidateId: true, result: { select: { publishedAt: true, decisionId: true, decision: { select: { outcome: true, supersededById: true } } } } },
    });
    if (!attempt) throw new AppError('NOT_FOUND');
    const result = attempt.result;
    if (!result?.publishedAt || attempt.state !== 'RESULT_PUBLISHED') throw new AppError('INVALID_STATE', { state: translate('certificate.state.unpublished') });
    if (!(POSITIVE_OUTCOMES as readonly string[]).includes(result.decision.outcome) || result.decision.supersededById) {
      throw new AppError('INVALID_STATE', { state: translate('certificate.state.notPositive') });
    }
    const issued = await issueCertificatesForDecision(tx, deps, { actor: actorOf(viewer), decisionId: result.decisionId, now, events });
    // Publication already tells the candidate's page to reload (RESULT_PUBLISHED); a later issue says so itself.
    if (issued.length) events.push(await appendEvent(tx, rooms.schedule('candidate', attempt.candidateId), 'CERTIFICATE_ISSUED', { attemptId, certificateIds: issued }));
  });
  publishAll(deps.pubsub, events);
}

// ─── Re-issue under the issuer's DID (data migration) ───

/**
 * Re-issues every valid certificate issued before the issuer's DID and the status list (they name the https
 * issuer URL and a did:key, and have no status list entry): a new certificate for the same decision and scope
 * (the next `generation`), signed as today's are; the old one is marked superseded (it keeps verifying on our
 * page, which says it was re-issued). Revoked ones stay as they are. Idempotent (a superseded certificate is
 * skipped; the unique (decision, scope, generation) stops a second process re-issuing the same one), audited
 * `certificate.reissued` by the system. Run at start-up, once the public URL is known. Returns the new ids.
 */
export async function reissueLegacyCertificates(deps: Pick<Deps, 'prisma'> & SigningDeps, now = new Date()): Promise<string[]> {
  const legacy = await deps.prisma.certificate.findMany({
    where: { statusEntry: null, supersededAt: null, revokedAt: null },
    select: { id: true },
    orderBy: [{ issuedAt: 'asc' }, { id: 'asc' }],
  });
  const reissued: string[] = [];
  for (const { id: oldId } of legacy) {
    try {
      const newId = await deps.prisma.$transaction(async (tx) => {
        const old = await tx.certificate.findUniqueOrThrow({
          where: { id: oldId },
          select: { decisionId: true, scope: true, generation: true, issueBy: true, attemptId: true, blockCodes: true, attempt: { select: { certification: { select: { certifierId: true } } } } },
        });
        const key = await activeSigningKey(tx, deps.secret, old.attempt.certification.certifierId, now);
        if (key.created) await appendAudit(tx, { ...SYSTEM, action: 'signingKey.created', entityType: 'SigningKey', entityId: key.id, data: { publicKey: key.publicKey } });
        const decision = await tx.decision.findUniqueOrThrow({ where: { id: old.decisionId }, select: DECISION_FOR_ISSUE });
        const id = randomUUID();
        const credential = await signedCredentialFor(tx, deps, { decision, scope: old.scope, id, key, now });
        await tx.certificate.create({
          data: {
            id,
            attemptId: old.attemptId,
            decisionId: old.decisionId,
            scope: old.scope,
            blockCodes: old.blockCodes,
            generation: old.generation + 1,
            credential: credential as Prisma.InputJsonValue,
            signingKeyId: key.id,
            issueBy: old.issueBy,
            issuedAt: now,
          },
        });
        await tx.statusListEntry.create({ data: { certifierId: old.attempt.certification.certifierId, index: statusIndexOf(credential), certificateId: id } });
        // Guarded: only a certificate still current and valid is superseded (another process may have done it).
        const superseded = await tx.certificate.updateMany({ where: { id: oldId, supersededAt: null, revokedAt: null }, data: { supersededAt: now, supersededById: id } });
        if (superseded.count === 0) throw new AlreadyReissued();
        await appendAudit(tx, { ...SYSTEM, action: 'certificate.reissued', entityType: 'Certificate', entityId: id, data: { supersededId: oldId, signingKeyId: key.id, why: 'issuer-did' } });
        return id;
      });
      reissued.push(newId);
    } catch (error) {
      if (error instanceof AlreadyReissued || isUniqueViolation(error)) continue;
      throw error;
    }
  }
  return reissued;
}

class AlreadyReissued extends Error {}
const SYSTEM: Actor = { actorId: null, actorKind: 'system' };

// ─── Holder binding ───

/** A DID (W3C DID Core §3.1 syntax, without path, query or fragment). */
export const HOLDER_DID = /^did:[a-z0-9]+:(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2}|:)*(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})$/;

/**
 * The candidate's own DID (their wallet's), or null to clear it: certificates issued after name it as
 * `credentialSubject.id` (holder binding). Audited on the candidate.
 */
export async function setMyHolderDid(deps: Pick<Deps, 'prisma'>, viewer: Viewer | null, did: string | null): Promise<string | null> {
  const candidateId = viewer?.kind === 'user' ? viewer.candidateId : null;
  if (!candidateId) throw new AppError('FORBIDDEN');
  await deps.prisma.$transaction(async (tx) => {
    const before = await tx.candidate.findUniqueOrThrow({ where: { id: candidateId }, select: { holderDid: true } });
    if (before.holderDid === did) return;
    await tx.candidate.update({ where: { id: candidateId }, data: { holderDid: did } });
    await appendAudit(tx, { actorId: viewer!.kind === 'user' ? viewer!.userId : null, actorKind: 'user', action: 'candidate.holderDidChanged', entityType: 'Candidate', entityId: candidateId, data: { from: before.holderDid, to: did } });
  });
  return did;
}

// ─── Deadlines ───

export interface CertificateToIssue {
  decisionId: string;
  attemptId: string;
  candidateName: string;
  certificationCode: string;
  certificationTitle: string;
  outcome: Outcome;
  juryDate: Date;
  issueBy: Date;
  missingScopes: string[];
  resultPublished: boolean;
  daysLeft: number;
  late: boolean;
  atRisk: boolean;
}

/**
 * Positive current decisions whose certificates are not all issued (signed but unpublished results, results
 * published before this feature), earliest deadline first. Frozen and withdrawn attempts owe nothing.
 */
export async function certificatesToIssue(prisma: Db, viewer: Viewer | null, atRiskOnly: boolean, now = new Date()): Promise<CertificateToIssue[]> {
  assertAdmin(viewer);
  return pendingCertificates(prisma, certificationAdminFilter(viewer), atRiskOnly, now);
}

/** certificatesToIssue for the certifications matching `certifications` (the deadline digest has no viewer). */
export async function pendingCertificates(prisma: Db, certifications: Prisma.CertificationWhereInput, atRiskOnly: boolean, now = new Date()): Promise<CertificateToIssue[]> {
  const decisions = await prisma.decision.findMany({
    where: {
      outcome: { in: [...POSITIVE_OUTCOMES] },
      supersededById: null,
      // Signed (the last signature creates the result): a decision still open to deliberation owes nothing yet.
      result: { isNot: null },
      attempt: { state: { notIn: ['FROZEN', 'WITHDRAWN'] }, certification: certifications },
      ...(atRiskOnly ? { juryDate: { lt: addDays(atRiskBefore(ISSUE_AT_RISK_DAYS, now), -ISSUE_WITHIN_DAYS) } } : {}),
    },
    select: {
      id: true,
      outcome: true,
      validatedBlockCodes: true,
      juryDate: true,
      certificates: { select: { scope: true } },
      result: { select: { publishedAt: true } },
      attempt: { select: { id: true, candidate: { select: { firstName: true, birthName: true, usageName: true } }, certification: { select: { code: true, title: true } } } },
    },
    orderBy: [{ juryDate: 'asc' }, { id: 'asc' }],
    take: 2000,
  });
  const rows: CertificateToIssue[] = [];
  for (const decision of decisions) {
    const issued = new Set(decision.certificates.map((certificate) => certificate.scope));
    const missingScopes = certificateScopes(decision.outcome, decision.validatedBlockCodes).filter((scope) => !issued.has(scope));
    if (missingScopes.length === 0) continue;
    const issueBy = issueByFor(decision.juryDate);
    const status = issueDeadline(issueBy, false, now);
    rows.push({
      decisionId: decision.id,
      attemptId: decision.attempt.id,
      candidateName: holderNameOf(decision.attempt.candidate),
      certificationCode: decision.attempt.certification.code,
      certificationTitle: decision.attempt.certification.title,
      outcome: decision.outcome,
      juryDate: decision.juryDate,
      issueBy,
      missingScopes,
      resultPublished: Boolean(decision.result?.publishedAt),
      daysLeft: status.daysLeft!,
      late: status.late,
      atRisk: status.atRisk,
    });
  }
  return rows;
}

// ─── Revocation ───

type RevocableCertificate = { id: string; attemptId: string; scope: string; attempt: { candidateId: string; certification: { certifierId: string } } };
const REVOCABLE = { id: true, attemptId: true, scope: true, attempt: { select: { candidateId: true, certification: { select: { certifierId: true } } } } } satisfies Prisma.CertificateSelect;

/** What a revocation publishes (never the admin's own words, kept for the certifier's admins). */
export const REVOCATION_CODES = ['ISSUER_DECISION', 'FRAUD', 'DECISION_REPLACED'] as const;
export type RevocationCode = (typeof REVOCATION_CODES)[number];

/**
 * Revokes one certificate if it still is valid: audited, CERTIFICATE_REVOKED for the candidate's page, and its
 * certifier's status list marked stale (re-signed before it is next served).
 */
async function revokeOne(tx: Tx, actor: Actor, certificate: RevocableCertificate, reason: string, code: RevocationCode, now: Date, data: Record<string, unknown> = {}): Promise<RoomEvent | null> {
  const revoked = await tx.certificate.updateMany({ where: { id: certificate.id, revokedAt: null }, data: { revokedAt: now, revocationReason: reason, revocationCode: code } });
  if (revoked.count === 0) return null;
  await tx.statusList.updateMany({ where: { certifierId: certificate.attempt.certification.certifierId }, data: { stale: true } });
  await appendAudit(tx, { ...actor, action: 'certificate.revoked', entityType: 'Certificate', entityId: certificate.id, data: { attemptId: certificate.attemptId, reason, code, ...data } });
  return appendEvent(tx, rooms.schedule('candidate', certificate.attempt.candidateId), 'CERTIFICATE_REVOKED', { attemptId: certificate.attemptId, certificateId: certificate.id });
}

/** An admin of the certifier revokes a certificate, with a reason. */
export async function revokeCertificate(deps: Pick<Deps, 'prisma' | 'pubsub' | 'config' | 'secret'>, viewer: Viewer | null, id: string, reason: string, now = new Date()): Promise<void> {
  assertAdmin(viewer);
  const event = await deps.prisma.$transaction(async (tx) => {
    const certificate = await tx.certificate.findFirst({ where: { id, attempt: { certification: certificationAdminFilter(viewer) } }, select: REVOCABLE });
    if (!certificate) throw new AppError('NOT_FOUND');
    const revoked = await revokeOne(tx, actorOf(viewer), certificate, reason, 'ISSUER_DECISION', now);
    if (!revoked) throw new AppError('INVALID_STATE', { state: translate('certificate.state.revoked') });
    // The holder no longer holds the certification: its CDC passage is withdrawn or goes to the portal worklist.
    if (certificate.scope === WHOLE_CERTIFICATION) await cdcCertificateRevoked(tx, certificate.attemptId, now);
    // The status list is re-signed with the revocation, in its transaction.
    await resignIfStale(tx, deps, certificate.attempt.certification.certifierId, now);
    return revoked;
  });
  publishAll(deps.pubsub, [event]);
}

/** A confirmed fraud revokes every certificate of the attempt, in the review's transaction: its events to publish. */
export async function revokeCertificatesForFraud(tx: Tx, viewer: Extract<Viewer, { kind: 'user' }>, attemptId: string, fraudReportId: string, now: Date): Promise<RoomEvent[]> {
  const certificates = await tx.certificate.findMany({ where: { attemptId, revokedAt: null }, select: REVOCABLE });
  // Stored once, in French (the product's first language), like every stored reason.
  const reason = translate('certificate.fraudRevocationReason', {}, 'fr');
  const events: RoomEvent[] = [];
  for (const certificate of certificates) {
    const event = await revokeOne(tx, actorOf(viewer), certificate, reason, 'FRAUD', now, { fraudReportId });
    if (event) events.push(event);
    if (event && certificate.scope === WHOLE_CERTIFICATION) await cdcCertificateRevoked(tx, certificate.attemptId, now);
  }
  return events;
}

/**
 * An appeal's re-evaluation replaced the decision: the certificates of the old decision no longer hold and are
 * revoked in the replacing transaction (the new decision's, if positive, are issued when its result is
 * published again). Returns the events to publish.
 */
export async function revokeCertificatesOfReplacedDecision(tx: Tx, actor: Actor, change: { oldDecisionId: string; newDecisionId: string }, now: Date): Promise<RoomEvent[]> {
  const certificates = await tx.certificate.findMany({ where: { decisionId: change.oldDecisionId, revokedAt: null }, select: REVOCABLE });
  const reason = translate('certificate.decisionReplacedReason', {}, 'fr');
  const events: RoomEvent[] = [];
  for (const certificate of certificates) {
    const event = await revokeOne(tx, actor, certificate, reason, 'DECISION_REPLACED', now, change);
    if (event) events.push(event);
  }
  return events;
}

// ─── Keys ───

export interface IssuerKeyView {
  id: string;
  publicKeyMultibase: string;
  verificationMethod: string;
  createdAt: Date;
  retiredAt: Date | null;
}

/** An admin rotates the certifier's signing key: the current one is retired (still verifies), a new one signs. */
export async function rotateSigningKey(deps: Pick<Deps, 'prisma' | 'secret'>, viewer: Viewer | null, now = new Date()): Promise<void> {
  assertAdmin(viewer);
  await deps.prisma.$transaction(async (tx) => {
    const { key, retiredIds } = await rotateKey(tx, deps.secret, viewer.certifierId, now);
    await appendAudit(tx, { ...actorOf(viewer), action: 'signingKey.rotated', entityType: 'SigningKey', entityId: key.id, data: { publicKey: key.publicKey, retiredIds } });
  });
}

/** The certifier's keys, oldest first; `verificationMethod` as its proofs name them (`did:web:…#z6Mk…`). */
export async function issuerKeys(prisma: Db, publicUrl: string, certifierId: string): Promise<IssuerKeyView[]> {
  const keys = await prisma.signingKey.findMany({ where: { certifierId }, select: { id: true, publicKey: true, createdAt: true, retiredAt: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  const did = issuerDid(publicUrl, certifierId);
  return keys.map((key) => ({ id: key.id, publicKeyMultibase: key.publicKey, verificationMethod: didVerificationMethod(did, key.publicKey), createdAt: key.createdAt, retiredAt: key.retiredAt }));
}

// ─── Reading ───

const CERTIFICATE_VIEW = {
  id: true,
  attemptId: true,
  scope: true,
  blockCodes: true,
  credential: true,
  issueBy: true,
  issuedAt: true,
  revokedAt: true,
  revocationReason: true,
  revocationCode: true,
  supersededAt: true,
  supersededById: true,
  attempt: {
    select: {
      candidate: { select: { firstName: true, birthName: true, usageName: true } },
      certification: { select: { code: true, title: true, certifier: { select: { id: true, name: true } } } },
    },
  },
} satisfies Prisma.CertificateSelect;

export type CertificateRow = Prisma.CertificateGetPayload<{ select: typeof CERTIFICATE_VIEW }>;

/** The columns each Certificate field reads (besides `id`, always read). */
const CERTIFICATE_FIELD_COLUMNS: Record<string, readonly (keyof typeof CERTIFICATE_VIEW)[]> = {
  name: ['credential', 'attempt'],
  scope: ['scope'],
  blockCodes: ['blockCodes'],
  holderName: ['attempt'],
  certificationCode: ['attempt'],
  certificationTitle: ['attempt'],
  issuerName: ['attempt'],
  issuedAt: ['issuedAt'],
  issueBy: ['issueBy'],
  revoked: ['revokedAt'],
  revokedAt: ['revokedAt'],
  revocationReason: ['revocationReason', 'revocationCode', 'attempt'],
  revocationCode: ['revocationCode'],
  supersededAt: ['supersededAt'],
  supersededById: ['supersededById'],
  credential: ['credential'],
  linkedInAddUrl: ['credential', 'attempt', 'issuedAt'],
};

/**
 * CERTIFICATE_VIEW narrowed to the columns the requested Certificate fields read (all of it when what is
 * requested is unknown). The costly parts are the signed credential (a JSON-LD document) and the attempt's
 * candidate, certification and certifier (three joins); a list of certificate ids reads neither.
 */
function certificateSelect(requested: ReadonlySet<string> | undefined): typeof CERTIFICATE_VIEW {
  if (requested === undefined) return CERTIFICATE_VIEW;
  const select: Record<string, unknown> = { id: true, attemptId: true };
  for (const field of requested) for (const column of CERTIFICATE_FIELD_COLUMNS[field] ?? []) select[column] = CERTIFICATE_VIEW[column];
  return select as typeof CERTIFICATE_VIEW;
}

/** Who may read certificates at all: anyone signed in but jurors (then the attempt's row rule decides). */
const readsCertificates = (viewer: Viewer | null): viewer is Viewer => viewer !== null && !(viewer.kind === 'user' && viewer.role === 'JUROR');

/** Certificates of attempts the viewer may see, by attempt: the candidate, their partner, admins; never jurors. */
export async function certificatesByAttempt(prisma: Db, viewer: Viewer | null, attemptIds: readonly string[]): Promise<Map<string, CertificateRow[]>> {
  const byAttempt = new Map<string, CertificateRow[]>();
  if (!readsCertificates(viewer) || attemptIds.length === 0) return byAttempt;
  const rows = await prisma.certificate.findMany({
    where: { attemptId: { in: [...new Set(attemptIds)] }, attempt: attemptFilter(viewer), supersededAt: null },
    select: CERTIFICATE_VIEW,
    orderBy: [{ issuedAt: 'asc' }, { scope: 'asc' }],
  });
  for (const attemptId of attemptIds) byAttempt.set(attemptId, []);
  for (const row of rows) byAttempt.get(row.attemptId)!.push(row);
  return byAttempt;
}

/**
 * What Attempt.certificates selects in the attempt's own statement: its certificates (only what the requested
 * fields read), and what its row rule reads (attemptFilter: the attempt's candidate as candidateFilter sees it;
 * never jurors), applied in memory by attemptCertificatesOfRow. Joining the candidate again under each attempt's
 * certificates cost a page of 100 attempts about as much as the certificates themselves.
 */
export function attemptCertificatesSelect(viewer: Viewer | null, requested?: ReadonlySet<string>, underCandidateAttempts = false) {
  const readable = readsCertificates(viewer);
  // Only the columns the viewer's rule reads: a partner's is the candidate's partner (the column Attempt.result
  // reads too: one join for both), an admin's the partner's certifier, a candidate's their own id.
  const admin = viewer?.kind === 'user' && viewer.role === 'ADMIN';
  const partner = viewerPartnerId(viewer) !== null;
  return {
    candidateId: true,
    // (A partner's comes from the candidate row the attempt was loaded under, if any: loaded-under.ts.)
    ...(admin ? { candidate: { select: { partner: { select: { certifierId: true } } } } } : partner && !underCandidateAttempts ? { candidate: { select: { partnerId: true } } } : {}),
    certificates: {
      // Superseded certificates (re-issued) still verify by id, but are no longer the ones to show and share.
      where: readable ? { supersededAt: null } : { id: { in: [] as string[] } },
      select: certificateSelect(requested),
      orderBy: [{ issuedAt: 'asc' as const }, { scope: 'asc' as const }],
    },
  } satisfies Prisma.AttemptSelect;
}

export type AttemptCertificatesRow = {
  candidateId: string;
  candidate?: { partnerId?: string; partner?: { certifierId: string } };
  certificates: CertificateRow[];
};

/** The certificates of an attempt read with attemptCertificatesSelect, under its row rule (empty otherwise). */
export function attemptCertificatesOfRow(viewer: Viewer | null, attempt: AttemptCertificatesRow): CertificateRow[] {
  if (!readsCertificates(viewer)) return [];
  // A column not read for this viewer plays no part in its rule: the fallbacks deny.
  const candidate = { id: attempt.candidateId, partnerId: candidatePartnerOf(attempt), partner: attempt.candidate?.partner ?? { certifierId: '' } };
  return seesCandidateOutsideJuries(viewer, candidate) ? attempt.certificates : [];
}

/** The certifier's latest certificates, newest first (admins: to find one to revoke). */
export async function recentCertificates(prisma: Db, viewer: Viewer | null, take: number): Promise<CertificateRow[]> {
  assertAdmin(viewer);
  return prisma.certificate.findMany({
    where: { attempt: { certification: certificationAdminFilter(viewer) }, supersededAt: null },
    select: CERTIFICATE_VIEW,
    orderBy: [{ issuedAt: 'desc' }, { id: 'asc' }],
    take,
  });
}

/** Public: anyone with the id reads what the certificate states (its purpose is to be shown). */
export function publicCertificate(prisma: Db, id: string): Promise<CertificateRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return Promise.resolve(null);
  return prisma.certificate.findUnique({ where: { id: id.toLowerCase() }, select: CERTIFICATE_VIEW });
}

export const holderNameOfRow = (row: CertificateRow) => holderNameOf(row.attempt.candidate);

// ─── Verification ───

export interface VerificationView extends Omit<OfflineVerification, 'publicKeyMultibase' | 'signerDid'> {
  revoked: boolean;
  revokedAt: Date | null;
  revocationReason: string | null;
  /** Re-issued under the issuer's current identity: the old credential still verifies, the new one is to share. */
  supersededAt: Date | null;
  supersededById: string | null;
}

/** The public label of a revocation code, in the request's language. */
export function revocationLabel(code: string | null, revoked: boolean): string | null {
  if (!revoked) return null;
  const known = (REVOCATION_CODES as readonly string[]).includes(code ?? '') ? code : 'ISSUER_DECISION';
  return translate(`certificate.revocationCode.${known}` as MessageKey);
}

/**
 * The online verification of a credential: the offline checks (format, signature by its own did:key), then
 * that the key is one of the issuer's (current or retired), that the certificate is not revoked and that it is
 * the very credential recorded under its id.
 */
export async function verifyCredential(prisma: Db, credential: unknown): Promise<VerificationView> {
  const offline = verifyCredentialOffline(credential);
  const checks: VerificationCheck[] = [...offline.checks];
  const certifierId = certifierIdOf(offline.issuerId);
  // A did:web key must be the issuer's own DID's (a did:key is the key itself: credentials issued before the DID).
  const signerIsIssuer = !offline.signerDid?.startsWith('did:web:') || offline.signerDid === offline.issuerId;
  const key =
    offline.publicKeyMultibase && certifierId && signerIsIssuer
      ? await prisma.signingKey.findFirst({ where: { publicKey: offline.publicKeyMultibase, certifierId }, select: { id: true } })
      : null;
  checks.push(key ? { name: 'KNOWN_KEY', ok: true } : { name: 'KNOWN_KEY', ok: false, reason: 'unknown' });
  const stored = offline.certificateId
    ? await prisma.certificate.findUnique({ where: { id: offline.certificateId }, select: { credential: true, revokedAt: true, revocationCode: true, supersededAt: true, supersededById: true } })
    : null;
  if (!stored) {
    checks.push({ name: 'NOT_REVOKED', ok: false, reason: 'unknown' }, { name: 'MATCHES_RECORD', ok: false, reason: 'unknown' });
  } else {
    checks.push(stored.revokedAt ? { name: 'NOT_REVOKED', ok: false, reason: 'revoked' } : { name: 'NOT_REVOKED', ok: true });
    checks.push(sameCredential(stored.credential, credential) ? { name: 'MATCHES_RECORD', ok: true } : { name: 'MATCHES_RECORD', ok: false, reason: 'different' });
  }
  const { publicKeyMultibase: _key, signerDid: _signer, ...rest } = offline;
  return {
    ...rest,
    valid: checks.every((check) => check.ok),
    checks,
    revoked: Boolean(stored?.revokedAt),
    revokedAt: stored?.revokedAt ?? null,
    // Public: the code's label, never the admin's own words.
    revocationReason: revocationLabel(stored?.revocationCode ?? null, Boolean(stored?.revokedAt)),
    supersededAt: stored?.supersededAt ?? null,
    supersededById: stored?.supersededById ?? null,
  };
}

/** Verifies the credential recorded under an id; null when there is none. */
export async function verifyCertificateById(prisma: Db, id: string): Promise<VerificationView | null> {
  const row = await publicCertificate(prisma, id);
  return row ? verifyCredential(prisma, row.credential) : null;
}
