// Pure rules of accounts: single-use links (their lifetimes and states) and the state of an account as lists
// show it (invited, invitation expired, active, deactivated).
import { randomBytes } from 'node:crypto';

export const HOUR_MS = 3600_000;
/** A first admin's link from `pnpm admin:create`. */
export const FIRST_ADMIN_LINK_TTL_MS = 24 * HOUR_MS;
/** "Mot de passe oublié". */
export const PASSWORD_RESET_TTL_MS = HOUR_MS;
/** A change of e-mail, confirmed from the new address. */
export const EMAIL_CHANGE_TTL_MS = 24 * HOUR_MS;

/** A link's secret: `cja_` and 32 random bytes; only its SHA-256 is stored. */
export function newLinkSecret(): string {
  return `cja_${randomBytes(32).toString('base64url')}`;
}

export const LINK_SECRET_PATTERN = /^cja_[A-Za-z0-9_-]{43}$/;

export type LinkStatus = 'VALID' | 'EXPIRED' | 'USED' | 'REVOKED' | 'UNKNOWN';

export interface LinkRow {
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

export function linkStatus(row: LinkRow | null, now: Date): LinkStatus {
  if (!row) return 'UNKNOWN';
  if (row.usedAt) return 'USED';
  if (row.revokedAt) return 'REVOKED';
  if (row.expiresAt <= now) return 'EXPIRED';
  return 'VALID';
}

export type AccountState = 'INVITED' | 'INVITATION_EXPIRED' | 'ACTIVE' | 'DEACTIVATED';

/**
 * An account is DEACTIVATED once disabled; until its person chose a password it is INVITED while its latest
 * invitation can still be used, else INVITATION_EXPIRED (expired or revoked: an admin may send a new one).
 */
export function accountState(user: { disabledAt: Date | null; passwordSetAt: Date | null }, latestInvitation: LinkRow | null, now: Date): AccountState {
  if (user.disabledAt) return 'DEACTIVATED';
  if (user.passwordSetAt) return 'ACTIVE';
  if (!latestInvitation) return 'ACTIVE';
  return linkStatus(latestInvitation, now) === 'VALID' ? 'INVITED' : 'INVITATION_EXPIRED';
}

/** What lists show of an account: its state, and until when its pending invitation works (null once active). */
export function accountView(
  user: { disabledAt: Date | null; passwordSetAt: Date | null; accountTokens: LinkRow[] },
  now = new Date(),
): { state: AccountState; invitationExpiresAt: Date | null } {
  const invitation = user.accountTokens[0] ?? null;
  return { state: accountState(user, invitation, now), invitationExpiresAt: user.passwordSetAt ? null : (invitation?.expiresAt ?? null) };
}

/** The web app's page for a link of this purpose. */
export function linkPath(purpose: 'INVITATION' | 'PASSWORD_RESET' | 'EMAIL_CHANGE', secret: string): string {
  const page = purpose === 'EMAIL_CHANGE' ? 'confirm-email' : 'set-password';
  return `/account/${page}?token=${encodeURIComponent(secret)}`;
}

/** What an operator reads (start-up log, /readyz) while no active admin exists: nobody can sign in yet. */
export const NO_ADMIN_HINT = 'No admin exists yet: create the first one with `pnpm admin:create --email ADDRESS --certifier NAME --siret SIRET`.';
