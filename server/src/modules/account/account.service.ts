// Accounts from an empty database: invitations (staff, partner users, and the first admin through
// `pnpm admin:create`), single-use links that set a password ("mot de passe oublié" included), a change of
// password or e-mail, and deactivation. Every link is an AccountToken (only its SHA-256 is stored) sent by
// e-mail through the notification outbox; every change is audited; a password change or a deactivation ends
// the account's other sessions at once in every process (the viewer cache's revocation broadcast).
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient, Role } from '../../generated/prisma/client.ts';
import type { Locale } from '../../generated/prisma/enums.ts';
import { hashPassword, UNUSABLE_PASSWORD_HASH, verifyPassword } from '../../auth/password.ts';
import { passwordWeakness } from '../../auth/password-policy.ts';
import { newSessionToken, sha256, type Viewer, type ViewerResolver } from '../../auth/viewer.ts';
import type { AccountLimiters } from '../../auth/request-limiter.ts';
import type { PubSub, RoomEvent } from '../../realtime/pubsub.ts';
import { publishAll } from '../../realtime/event-log.ts';
import { appendAudit } from '../../lib/audit.ts';
import { AppError, validationFailed } from '../../lib/errors.ts';
import { translate, type MessageKey } from '../../lib/messages.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { notify, notifyMany, type NotificationInput } from '../notification/notification.service.ts';
import { EMAIL_CHANGE_TTL_MS, linkPath, linkStatus, newLinkSecret, PASSWORD_RESET_TTL_MS, type LinkStatus } from './account.rules.ts';

type Tx = Prisma.TransactionClient;
type LinkPurpose = 'INVITATION' | 'PASSWORD_RESET' | 'EMAIL_CHANGE';

export interface AccountDeps {
  prisma: PrismaClient;
  pubsub: PubSub;
  viewers: ViewerResolver;
  config: { sessionTtlMs: number; accounts: { invitationTtlMs: number } };
  accountLimiters: AccountLimiters;
}

const normaliseEmail = (email: string) => email.trim().toLowerCase();

function actor(viewer: Viewer | null): { actorId: string | null; actorKind: string } {
  if (!viewer) return { actorId: null, actorKind: 'system' };
  return viewer.kind === 'user' ? { actorId: viewer.userId, actorKind: 'user' } : { actorId: viewer.apiKeyId, actorKind: 'apiKey' };
}

const auditUser = (tx: Tx, viewer: Viewer | null, action: string, userId: string, data: Record<string, unknown> = {}) =>
  appendAudit(tx, { ...actor(viewer), action, entityType: 'User', entityId: userId, data });

// ───────────────────────────── Links ─────────────────────────────

/** Issues a link (revoking the account's unused links of the same purpose: the newest one is the only valid one). */
export async function issueLink(tx: Tx, input: { userId: string; purpose: LinkPurpose; ttlMs: number; createdById?: string | null; newEmail?: string }) {
  const now = new Date();
  await tx.accountToken.updateMany({
    where: { userId: input.userId, purpose: input.purpose, usedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  const secret = newLinkSecret();
  const expiresAt = new Date(now.getTime() + input.ttlMs);
  await tx.accountToken.create({
    data: { userId: input.userId, purpose: input.purpose, tokenHash: sha256(secret), expiresAt, createdById: input.createdById ?? null, newEmail: input.newEmail ?? null },
  });
  return { secret, expiresAt, path: linkPath(input.purpose, secret) };
}

interface InvitedUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  locale: Locale;
  certifierId: string;
  partnerId: string | null;
}

/** The organisation an invitation names: the partner for its users, else the certifier. */
async function organisationOf(tx: Tx, user: InvitedUser): Promise<string> {
  if (user.partnerId) return (await tx.partner.findUniqueOrThrow({ where: { id: user.partnerId }, select: { name: true } })).name;
  return (await tx.certifier.findUniqueOrThrow({ where: { id: user.certifierId }, select: { name: true } })).name;
}

/** A new invitation link, e-mailed (never shown in-app: the person cannot sign in yet). */
export async function sendInvitation(tx: Tx, user: InvitedUser, ttlMs: number, invitedBy: Viewer | null, events: RoomEvent[]) {
  const link = await issueLink(tx, { userId: user.id, purpose: 'INVITATION', ttlMs, createdById: invitedBy?.kind === 'user' ? invitedBy.userId : null });
  const inviter = invitedBy?.kind === 'user' ? invitedBy.displayName : null;
  await notify(
    tx,
    {
      template: 'ACCOUNT_INVITATION',
      data: {
        displayName: user.displayName,
        email: user.email,
        organisation: await organisationOf(tx, user),
        roleLabelFr: translate(`role.${user.role}` as MessageKey, {}, 'fr'),
        roleLabelEn: translate(`role.${user.role}` as MessageKey, {}, 'en'),
        invitedBy: inviter,
        expiresAt: link.expiresAt.toISOString(),
        path: link.path,
      },
      dedupeKey: `account-invitation:${sha256(link.secret)}`,
      recipients: [{ userId: null, email: user.email, locale: user.locale, certifierId: user.certifierId }],
    },
    events,
  );
  return link;
}

export interface AccountLinkView {
  status: LinkStatus;
  purpose: LinkPurpose | null;
  /** The account's address (or the new one, for a change of e-mail), only while the link is valid. */
  email: string | null;
}

async function findLink(db: Tx | PrismaClient, secret: string) {
  return db.accountToken.findUnique({
    where: { tokenHash: sha256(secret) },
    select: { id: true, purpose: true, expiresAt: true, usedAt: true, revokedAt: true, newEmail: true, userId: true, user: { select: { email: true, disabledAt: true, displayName: true } } },
  });
}

/** What a link's page shows before anything is done with it. A deactivated account's links are revoked. */
export async function describeLink(prisma: PrismaClient, secret: string): Promise<AccountLinkView> {
  const row = await findLink(prisma, secret);
  const status = row?.user.disabledAt ? 'REVOKED' : linkStatus(row, new Date());
  if (!row || status !== 'VALID') return { status, purpose: row?.purpose ?? null, email: null };
  return { status, purpose: row.purpose, email: row.purpose === 'EMAIL_CHANGE' ? row.newEmail : row.user.email };
}

/** The typed refusal of a link that cannot be used (one page in the web app explains what to do next). */
function linkRefusal(status: LinkStatus): AppError {
  if (status === 'EXPIRED') return new AppError('TOKEN_EXPIRED');
  if (status === 'USED') return new AppError('TOKEN_USED');
  return new AppError('NOT_FOUND');
}

/**
 * Marks the link used, once: of two simultaneous uses of one link, exactly one gets here (the other is refused
 * as used). Returns the link row.
 */
async function consumeLink(tx: Tx, secret: string, purposes: LinkPurpose[]) {
  const row = await findLink(tx, secret);
  const now = new Date();
  const status = row?.user.disabledAt ? 'REVOKED' : linkStatus(row, now);
  if (!row || status !== 'VALID' || !purposes.includes(row.purpose)) throw linkRefusal(row && !purposes.includes(row.purpose) ? 'UNKNOWN' : status);
  const { count } = await tx.accountToken.updateMany({ where: { id: row.id, usedAt: null, revokedAt: null }, data: { usedAt: now } });
  if (count === 0) throw new AppError('TOKEN_USED');
  return row;
}

function assertStrongPassword(password: string, personal: (string | null)[], path = 'password') {
  const weakness = passwordWeakness(password, personal);
  if (weakness) throw validationFailed([{ path: [path], message: weakness }]);
}

/** Ends every session of the account (but `keepSessionId`) and tells every process to forget cached ones. */
async function endSessions(tx: Tx, userId: string, keepSessionId: string | null = null) {
  await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
    data: { revokedAt: new Date() },
  });
}

/**
 * An invitation or "mot de passe oublié" link sets the password: the link is used once, the account's other
 * sessions end, and the person is signed in (a new session).
 */
export async function setPasswordWithLink(deps: AccountDeps, secret: string, password: string) {
  // Checked before the link is used, so that a refused password does not spend it.
  const preview = await findLink(deps.prisma, secret);
  if (preview && (preview.purpose === 'INVITATION' || preview.purpose === 'PASSWORD_RESET')) {
    assertStrongPassword(password, [preview.user.email, preview.user.displayName]);
  }
  const passwordHash = await hashPassword(password);
  const token = newSessionToken();
  const result = await deps.prisma.$transaction(async (tx) => {
    const link = await consumeLink(tx, secret, ['INVITATION', 'PASSWORD_RESET']);
    const now = new Date();
    await tx.user.update({ where: { id: link.userId }, data: { passwordHash, passwordSetAt: now } });
    await endSessions(tx, link.userId);
    // The other links that could set this password are spent too.
    await tx.accountToken.updateMany({
      where: { userId: link.userId, purpose: { in: ['INVITATION', 'PASSWORD_RESET'] }, usedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const session = await tx.session.create({ data: { userId: link.userId, tokenHash: sha256(token), expiresAt: new Date(now.getTime() + deps.config.sessionTtlMs) } });
    await auditUser(tx, null, link.purpose === 'INVITATION' ? 'user.invitationAccepted' : 'user.passwordReset', link.userId, {});
    return { token, expiresAt: session.expiresAt, userId: link.userId };
  });
  deps.viewers.revoke(null);
  return result;
}

/**
 * "Mot de passe oublié": the same answer whether the address is an account or not; counted per address and
 * per IP before anything else (each request sends an e-mail). A deactivated account gets nothing.
 */
export async function requestPasswordReset(deps: AccountDeps, rawEmail: string, clientIp: string | null): Promise<boolean> {
  const email = normaliseEmail(rawEmail);
  await deps.accountLimiters.passwordReset.consume(email, clientIp);
  const events: RoomEvent[] = [];
  await deps.prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true, displayName: true, locale: true, certifierId: true, disabledAt: true } });
    if (!user || user.disabledAt) return;
    const link = await issueLink(tx, { userId: user.id, purpose: 'PASSWORD_RESET', ttlMs: PASSWORD_RESET_TTL_MS });
    await notify(
      tx,
      {
        template: 'ACCOUNT_PASSWORD_RESET',
        data: { displayName: user.displayName, expiresAt: link.expiresAt.toISOString(), path: link.path },
        dedupeKey: `password-reset:${sha256(link.secret)}`,
        recipients: [{ userId: null, email: user.email, locale: user.locale, certifierId: user.certifierId }],
      },
      events,
    );
    await auditUser(tx, null, 'user.passwordResetRequested', user.id);
  });
  publishAll(deps.pubsub, events);
  return true;
}

function signedInUser(viewer: Viewer | null): Extract<Viewer, { kind: 'user' }> {
  if (viewer?.kind !== 'user') throw new AppError('UNAUTHENTICATED');
  return viewer;
}

async function assertCurrentPassword(deps: AccountDeps, userId: string, password: string, clientIp: string | null) {
  // A stolen session must not become a way to guess the password: wrong guesses count like failed sign-ins
  // (counted before the check, so that simultaneous guesses cannot pass the budget; given back when right).
  await deps.accountLimiters.currentPassword.consume(userId, clientIp);
  const user = await deps.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true, email: true, displayName: true } });
  if (!(await verifyPassword(password, user.passwordHash))) throw validationFailed([{ path: ['currentPassword'], message: translate('password.currentWrong') }]);
  await deps.accountLimiters.currentPassword.refund(userId, clientIp);
  return user;
}

/** Change of password when signed in: asks the current one; the account's other sessions end. */
export async function changePassword(deps: AccountDeps, viewer: Viewer | null, currentPassword: string, newPassword: string, clientIp: string | null) {
  const me = signedInUser(viewer);
  const user = await assertCurrentPassword(deps, me.userId, currentPassword, clientIp);
  if (currentPassword === newPassword) throw validationFailed([{ path: ['newPassword'], message: translate('password.sameAsBefore') }]);
  assertStrongPassword(newPassword, [user.email, user.displayName], 'newPassword');
  const passwordHash = await hashPassword(newPassword);
  const events: RoomEvent[] = [];
  await deps.prisma.$transaction(async (tx) => {
    const account = await tx.user.update({ where: { id: me.userId }, data: { passwordHash, passwordSetAt: new Date() }, select: { email: true, locale: true, certifierId: true, displayName: true } });
    await endSessions(tx, me.userId, me.sessionId);
    await notify(
      tx,
      {
        template: 'ACCOUNT_PASSWORD_CHANGED',
        data: { displayName: account.displayName },
        dedupeKey: `password-changed:${me.userId}:${Date.now()}`,
        recipients: [{ userId: null, email: account.email, locale: account.locale, certifierId: account.certifierId }],
      },
      events,
    );
    await auditUser(tx, viewer, 'user.passwordChanged', me.userId);
  });
  deps.viewers.revoke(null);
  publishAll(deps.pubsub, events);
  return true;
}

async function assertEmailFree(db: Tx | PrismaClient, email: string, path = 'email') {
  const existing = await db.user.findUnique({ where: { email }, select: { role: true } });
  if (existing) throw validationFailed([{ path: [path], message: translate('account.emailTaken', { role: translate(`role.${existing.role}` as MessageKey) }) }]);
}

/** Change of e-mail: confirmed from the new address (the link goes there); the old one keeps working until then. */
export async function requestEmailChange(deps: AccountDeps, viewer: Viewer | null, rawEmail: string, currentPassword: string, clientIp: string | null) {
  const me = signedInUser(viewer);
  const newEmail = normaliseEmail(rawEmail);
  const user = await assertCurrentPassword(deps, me.userId, currentPassword, clientIp);
  if (newEmail === user.email) throw validationFailed([{ path: ['newEmail'], message: translate('account.emailUnchanged') }]);
  await assertEmailFree(deps.prisma, newEmail, 'newEmail');
  const events: RoomEvent[] = [];
  await deps.prisma.$transaction(async (tx) => {
    const account = await tx.user.findUniqueOrThrow({ where: { id: me.userId }, select: { locale: true, certifierId: true, displayName: true } });
    const link = await issueLink(tx, { userId: me.userId, purpose: 'EMAIL_CHANGE', ttlMs: EMAIL_CHANGE_TTL_MS, createdById: me.userId, newEmail });
    await notify(
      tx,
      {
        template: 'ACCOUNT_EMAIL_CHANGE',
        data: { displayName: account.displayName, expiresAt: link.expiresAt.toISOString(), path: link.path },
        dedupeKey: `email-change:${sha256(link.secret)}`,
        recipients: [{ userId: null, email: newEmail, locale: account.locale, certifierId: account.certifierId }],
      },
      events,
    );
    await auditUser(tx, viewer, 'user.emailChangeRequested', me.userId);
  });
  publishAll(deps.pubsub, events);
  return true;
}

export async function confirmEmailChange(deps: AccountDeps, secret: string): Promise<boolean> {
  try {
    await deps.prisma.$transaction(async (tx) => {
      const link = await consumeLink(tx, secret, ['EMAIL_CHANGE']);
      const newEmail = link.newEmail!;
      await assertEmailFree(tx, newEmail);
      await tx.user.update({ where: { id: link.userId }, data: { email: newEmail } });
      await auditUser(tx, null, 'user.emailChanged', link.userId, {});
    });
  } catch (error) {
    // Taken by someone else between the check and the update.
    if (isUniqueViolation(error)) throw validationFailed([{ path: ['email'], message: translate('account.emailTaken', { role: '' }) }]);
    throw error;
  }
  deps.viewers.revoke(null);
  return true;
}

// ───────────────────────────── People ─────────────────────────────

export interface InviteInput {
  email: string;
  displayName: string;
  locale?: Locale | null;
}

/**
 * Creates an invited account (no usable password until the link is used) and e-mails its invitation. An
 * address already used by an account is refused with that account's role.
 */
export async function createInvitedUser(
  tx: Tx,
  input: InviteInput & { role: Role; certifierId: string; partnerId?: string | null },
  invitedBy: Viewer | null,
  ttlMs: number,
  events: RoomEvent[],
) {
  const email = normaliseEmail(input.email);
  await assertEmailFree(tx, email);
  const user = await tx.user.create({
    data: {
      email,
      displayName: input.displayName.trim(),
      role: input.role,
      locale: input.locale ?? 'fr',
      certifierId: input.certifierId,
      partnerId: input.partnerId ?? null,
      passwordHash: UNUSABLE_PASSWORD_HASH,
      ...(input.role === 'JUROR' ? { jurorProfile: { create: {} } } : {}),
    },
    select: { id: true, email: true, displayName: true, role: true, locale: true, certifierId: true, partnerId: true },
  });
  await sendInvitation(tx, user, ttlMs, invitedBy, events);
  await auditUser(tx, invitedBy, 'user.invited', user.id, { role: user.role, partnerId: user.partnerId });
  return user;
}

/** Runs a change that may write notifications and events; maps a lost race on the e-mail to its message. */
export async function withEvents<T>(deps: Pick<AccountDeps, 'prisma' | 'pubsub'>, fn: (tx: Tx, events: RoomEvent[]) => Promise<T>): Promise<T> {
  const events: RoomEvent[] = [];
  try {
    const result = await deps.prisma.$transaction((tx) => fn(tx, events));
    publishAll(deps.pubsub, events);
    return result;
  } catch (error) {
    if (isUniqueViolation(error)) throw validationFailed([{ path: ['email'], message: translate('account.emailTaken', { role: '' }) }]);
    throw error;
  }
}

function assertAdmin(viewer: Viewer | null): Extract<Viewer, { kind: 'user' }> {
  if (viewer?.kind !== 'user' || viewer.role !== 'ADMIN') throw new AppError('FORBIDDEN');
  return viewer;
}

/** Admins invite admins and jurors of their certifier. */
export function inviteStaff(deps: AccountDeps, viewer: Viewer | null, input: InviteInput & { role: 'ADMIN' | 'JUROR' }) {
  const admin = assertAdmin(viewer);
  return withEvents(deps, (tx, events) => createInvitedUser(tx, { ...input, certifierId: admin.certifierId }, viewer, deps.config.accounts.invitationTtlMs, events));
}

export interface PartnerInput {
  name: string;
  siret: string;
  declarationNumber?: string | null;
  contactEmail?: string | null;
  firstUser: InviteInput;
}

/** Admins create a partner (training organisation) and invite its first user. */
export function createPartner(deps: AccountDeps, viewer: Viewer | null, input: PartnerInput) {
  const admin = assertAdmin(viewer);
  return withEvents(deps, async (tx, events) => {
    if (await tx.partner.findUnique({ where: { siret: input.siret }, select: { id: true } })) {
      throw validationFailed([{ path: ['siret'], message: translate('account.siretTaken') }]);
    }
    const partner = await tx.partner.create({
      data: {
        certifierId: admin.certifierId,
        name: input.name.trim(),
        siret: input.siret,
        declarationNumber: input.declarationNumber ?? null,
        contactEmail: input.contactEmail ? normaliseEmail(input.contactEmail) : null,
      },
    });
    await appendAudit(tx, { ...actor(viewer), action: 'partner.created', entityType: 'Partner', entityId: partner.id, data: { name: partner.name, siret: partner.siret } });
    await createInvitedUser(tx, { ...input.firstUser, role: 'PARTNER', certifierId: admin.certifierId, partnerId: partner.id }, viewer, deps.config.accounts.invitationTtlMs, events);
    return partner;
  });
}

/**
 * Partner users invite colleagues of their own organisation (and nobody else); admins invite users of any
 * partner of their certifier. Another partner's id answers NOT_FOUND, as an unknown one.
 */
export async function invitePartnerUser(deps: AccountDeps, viewer: Viewer | null, partnerId: string | null, input: InviteInput) {
  if (viewer?.kind !== 'user' || (viewer.role !== 'ADMIN' && viewer.role !== 'PARTNER')) throw new AppError('FORBIDDEN');
  const target = viewer.role === 'PARTNER' ? (partnerId ?? viewer.partnerId) : partnerId;
  if (!target) throw validationFailed([{ path: ['partnerId'], message: translate('validation.required') }]);
  if (viewer.role === 'PARTNER' && target !== viewer.partnerId) throw new AppError('NOT_FOUND');
  return withEvents(deps, async (tx, events) => {
    const partner = await tx.partner.findFirst({ where: { id: target, certifierId: viewer.certifierId }, select: { id: true } });
    if (!partner) throw new AppError('NOT_FOUND');
    return createInvitedUser(tx, { ...input, role: 'PARTNER', certifierId: viewer.certifierId, partnerId: partner.id }, viewer, deps.config.accounts.invitationTtlMs, events);
  });
}

/**
 * The people a viewer manages: admins, the users of their certifier (candidates excepted: they have their own
 * lists); partner users, the users of their own organisation.
 */
export function managedPeopleFilter(viewer: Viewer | null): Prisma.UserWhereInput {
  if (viewer?.kind !== 'user') return { id: { in: [] } };
  if (viewer.role === 'ADMIN') return { certifierId: viewer.certifierId, role: { not: 'CANDIDATE' } };
  if (viewer.role === 'PARTNER' && viewer.partnerId) return { partnerId: viewer.partnerId, role: 'PARTNER' };
  return { id: { in: [] } };
}

async function managedUser(tx: Tx, viewer: Viewer | null, userId: string) {
  const user = await tx.user.findFirst({
    where: { AND: [{ id: userId }, managedPeopleFilter(viewer)] },
    select: { id: true, email: true, displayName: true, role: true, locale: true, certifierId: true, partnerId: true, disabledAt: true, passwordSetAt: true },
  });
  if (!user) throw new AppError('NOT_FOUND');
  return user;
}

/** A new invitation link for an account still waiting for its password (the earlier link stops working). */
export function resendInvitation(deps: AccountDeps, viewer: Viewer | null, userId: string) {
  return withEvents(deps, async (tx, events) => {
    const user = await managedUser(tx, viewer, userId);
    if (user.passwordSetAt || user.disabledAt) throw validationFailed([{ path: ['userId'], message: translate('account.notInvited') }]);
    await sendInvitation(tx, user, deps.config.accounts.invitationTtlMs, viewer, events);
    await auditUser(tx, viewer, 'user.invitationResent', user.id);
    return user;
  });
}

/** The pending invitation link stops working (the account stays, to be invited again or deactivated). */
export function revokeInvitation(deps: AccountDeps, viewer: Viewer | null, userId: string) {
  return withEvents(deps, async (tx) => {
    const user = await managedUser(tx, viewer, userId);
    if (user.passwordSetAt) throw validationFailed([{ path: ['userId'], message: translate('account.notInvited') }]);
    await tx.accountToken.updateMany({ where: { userId, purpose: 'INVITATION', usedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    await auditUser(tx, viewer, 'user.invitationRevoked', user.id);
    return user;
  });
}

/**
 * Deactivation: the account can no longer sign in, its sessions end at once (in every process), its pending
 * links and the API keys it created are revoked; its history (scores, signatures, audit) stays. The last
 * active admin of a certifier cannot be deactivated, nor can anyone deactivate themself.
 */
export async function deactivateUser(deps: AccountDeps, viewer: Viewer | null, userId: string) {
  const result = await withEvents(deps, async (tx) => {
    const user = await managedUser(tx, viewer, userId);
    if (viewer?.kind === 'user' && viewer.userId === userId) throw validationFailed([{ path: ['userId'], message: translate('account.self') }]);
    if (user.disabledAt) return user;
    if (user.role === 'ADMIN') {
      // Serialised per certifier, so that two admins deactivating each other at once cannot both succeed.
      await tx.$queryRaw`SELECT 1 FROM "Certifier" WHERE "id" = ${user.certifierId} FOR UPDATE`;
      const others = await tx.user.count({ where: { certifierId: user.certifierId, role: 'ADMIN', disabledAt: null, id: { not: user.id } } });
      if (others === 0) throw validationFailed([{ path: ['userId'], message: translate('account.lastAdmin') }]);
    }
    const now = new Date();
    const updated = await tx.user.update({ where: { id: userId }, data: { disabledAt: now }, select: { id: true, disabledAt: true } });
    await endSessions(tx, userId);
    await tx.accountToken.updateMany({ where: { userId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
    const keys = await tx.apiKey.updateMany({ where: { createdById: userId, revokedAt: null }, data: { revokedAt: now } });
    await auditUser(tx, viewer, 'user.deactivated', userId, { apiKeysRevoked: keys.count });
    return updated;
  });
  deps.viewers.revoke(null);
  return result;
}

/** Undoes a deactivation (sessions and API keys ended by it stay ended: the person signs in again). */
export function reactivateUser(deps: AccountDeps, viewer: Viewer | null, userId: string) {
  return withEvents(deps, async (tx) => {
    const user = await managedUser(tx, viewer, userId);
    if (!user.disabledAt) return user;
    await tx.user.update({ where: { id: userId }, data: { disabledAt: null } });
    await auditUser(tx, viewer, 'user.reactivated', userId);
    return user;
  });
}

// ───────────────────────────── Candidates ─────────────────────────────

export interface RegisteredCandidate {
  id: string;
  email: string;
  firstName: string;
  birthName: string;
  usageName?: string | null;
  /** The certification the partner registered them for (named in the invitation). */
  certificationTitle: string;
}

/**
 * The accounts of candidates being registered (one, or up to 1,000 in a bulk registration), in a fixed number
 * of statements: a new account (role CANDIDATE, no usable password) per new address; an existing candidate
 * account not yet tied to a candidate is linked, not duplicated; an address already used by another account
 * (staff, or a candidate account tied to another registration) gets none, and the partner sees it. Call
 * `createAccounts` before the candidates are written (they reference their account), then `invite` after.
 */
export async function planCandidateAccounts(tx: Tx, certifierId: string, candidates: RegisteredCandidate[]) {
  const emails = [...new Set(candidates.map((candidate) => normaliseEmail(candidate.email)))];
  const existing = new Map(
    (
      await tx.user.findMany({
        where: { email: { in: emails } },
        select: { id: true, email: true, role: true, certifierId: true, passwordSetAt: true, disabledAt: true, candidate: { select: { id: true } } },
      })
    ).map((user) => [user.email, user]),
  );
  const taken = new Set<string>();
  const userOf = new Map<string, string>();
  const newUsers: Prisma.UserCreateManyInput[] = [];
  const toInvite: { userId: string; candidate: RegisteredCandidate; email: string }[] = [];
  for (const candidate of candidates) {
    const email = normaliseEmail(candidate.email);
    if (taken.has(email)) continue; // the same address twice in one batch: the first row gets the account
    taken.add(email);
    const user = existing.get(email);
    if (user) {
      if (user.role !== 'CANDIDATE' || user.candidate || user.certifierId !== certifierId || user.disabledAt) continue;
      userOf.set(candidate.id, user.id);
      if (!user.passwordSetAt) toInvite.push({ userId: user.id, candidate, email });
      continue;
    }
    const id = randomUUID();
    newUsers.push({
      id,
      email,
      displayName: `${candidate.firstName} ${candidate.usageName || candidate.birthName}`.trim(),
      role: 'CANDIDATE',
      certifierId,
      passwordHash: UNUSABLE_PASSWORD_HASH,
    });
    userOf.set(candidate.id, id);
    toInvite.push({ userId: id, candidate, email });
  }
  return {
    /** The account each candidate is tied to (absent: none). */
    userOf,
    async createAccounts(): Promise<void> {
      if (newUsers.length) await tx.user.createMany({ data: newUsers });
    },
    /** Invitation links and mails, for the accounts without a password. */
    invite: (context: Omit<CandidateInvitationContext, 'certifierId'>, events: RoomEvent[]) => inviteCandidates(tx, toInvite, { ...context, certifierId }, events),
  };
}

interface CandidateInvitationContext {
  certifierId: string;
  partnerName: string;
  certifierName: string;
  ttlMs: number;
  invitedBy: Viewer | null;
}

/** One invitation link and mail per candidate account (earlier links revoked), in a fixed number of statements. */
async function inviteCandidates(tx: Tx, toInvite: { userId: string; candidate: RegisteredCandidate; email: string }[], context: CandidateInvitationContext, events: RoomEvent[]) {
  if (!toInvite.length) return;
  const now = new Date();
  const expiresAt = new Date(now.getTime() + context.ttlMs);
  await tx.accountToken.updateMany({
    where: { userId: { in: toInvite.map((item) => item.userId) }, purpose: 'INVITATION', usedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  const links = toInvite.map((item) => ({ ...item, secret: newLinkSecret() }));
  const createdById = context.invitedBy?.kind === 'user' ? context.invitedBy.userId : null;
  await tx.accountToken.createMany({
    data: links.map((link) => ({ userId: link.userId, purpose: 'INVITATION' as const, tokenHash: sha256(link.secret), expiresAt, createdById })),
  });
  const notifications: NotificationInput[] = links.map((link) => ({
    template: 'ACCOUNT_CANDIDATE_INVITATION',
    data: {
      displayName: `${link.candidate.firstName} ${link.candidate.usageName || link.candidate.birthName}`.trim(),
      email: link.email,
      partnerName: context.partnerName,
      certifierName: context.certifierName,
      certificationTitle: link.candidate.certificationTitle,
      expiresAt: expiresAt.toISOString(),
      path: linkPath('INVITATION', link.secret),
    },
    dedupeKey: `account-invitation:${sha256(link.secret)}`,
    recipients: [{ userId: null, email: link.email, locale: 'fr', certifierId: context.certifierId }],
  }));
  await notifyMany(tx, notifications, events);
}

/** The partner (or an admin) sends a candidate a new invitation link. */
export function resendCandidateInvitation(deps: AccountDeps, viewer: Viewer | null, candidateId: string, candidateWhere: Prisma.CandidateWhereInput) {
  return withEvents(deps, async (tx, events) => {
    const candidate = await tx.candidate.findFirst({
      where: { AND: [{ id: candidateId }, candidateWhere] },
      select: {
        id: true,
        email: true,
        firstName: true,
        birthName: true,
        usageName: true,
        partner: { select: { name: true, certifier: { select: { id: true, name: true } } } },
        attempts: { orderBy: { createdAt: 'desc' }, take: 1, select: { certification: { select: { title: true } } } },
        user: { select: { id: true, passwordSetAt: true, disabledAt: true } },
      },
    });
    if (!candidate) throw new AppError('NOT_FOUND');
    if (!candidate.user || candidate.user.passwordSetAt || candidate.user.disabledAt) {
      throw validationFailed([{ path: ['candidateId'], message: translate('account.notInvited') }]);
    }
    await inviteCandidates(
      tx,
      [
        {
          userId: candidate.user.id,
          email: normaliseEmail(candidate.email),
          candidate: { ...candidate, certificationTitle: candidate.attempts[0]?.certification.title ?? '' },
        },
      ],
      { certifierId: candidate.partner.certifier.id, partnerName: candidate.partner.name, certifierName: candidate.partner.certifier.name, ttlMs: deps.config.accounts.invitationTtlMs, invitedBy: viewer },
      events,
    );
    await auditUser(tx, viewer, 'user.invitationResent', candidate.user.id, { candidateId });
    return candidate.id;
  });
}
