// Pure rules of appeals ("contestations"): the signed contest link, the appeal window, what a statement and
// a moderation reason may hold, which appeals count as open, and what the audit keeps of a replaced decision.
// The moderation state machine and the 30-day answer deadline are lib/case-state.ts (shared with complaints).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { CaseState, Outcome } from '../../generated/prisma/enums.ts';

export const STATEMENT_MIN = 20;
export const STATEMENT_MAX = 5000;
export const REASON_MAX = 2000;
export const MAX_ATTACHMENTS = 5;
/** Largest attachment (also bounded by MAX_UPLOAD_BYTES). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/**
 * What uploads may pile up for one result (anyone holding its contest link may upload, without signing in): files
 * and bytes of all its attachments, those sent with an appeal and those waiting for one. Twice what one appeal
 * takes, so a candidate who picked the wrong file, or appeals again after a rejection, is not stuck.
 */
export const MAX_ATTACHMENTS_PER_RESULT = 4 * MAX_ATTACHMENTS;
export const ATTACHMENTS_MAX_TOTAL_BYTES_PER_RESULT = 4 * ATTACHMENT_MAX_BYTES;

/** Whether one more attachment of `incomingBytes` fits beside those the result already has. */
export function attachmentFits(existing: { count: number; bytes: number }, incomingBytes: number): boolean {
  return existing.count < MAX_ATTACHMENTS_PER_RESULT && existing.bytes + incomingBytes <= ATTACHMENTS_MAX_TOTAL_BYTES_PER_RESULT;
}

/**
 * Open appeals block another appeal of the same result (`Appeal.openResultId`): submitted, under review, and
 * upheld until the re-evaluation's decision replaced the contested one. Rejected and closed ones do not.
 */
export const OPEN_APPEAL_STATES: readonly CaseState[] = ['SUBMITTED', 'UNDER_REVIEW', 'UPHELD'];

export function isAppealOpen(appeal: { state: CaseState; reEvaluatedAt: Date | null }): boolean {
  return OPEN_APPEAL_STATES.includes(appeal.state) && !(appeal.state === 'UPHELD' && appeal.reEvaluatedAt);
}

// ─── The contest link ───
// token = base64url(result id (16 bytes) ‖ expiry in ms (uint64, big-endian) ‖ HMAC-SHA256(key, the first 24
// bytes)): 75 characters, no dot (a path with a dot would be taken for a static file). Only its SHA-256 is
// stored (AppealToken.tokenHash); the signature alone proves the link is ours and its expiry, the stored row
// that it is still unused.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SIGNED_BYTES = 24;
const TOKEN_BYTES = SIGNED_BYTES + 32;

export function signAppealToken(key: Buffer, resultId: string, expiresAt: Date): string {
  if (!UUID.test(resultId)) throw new Error('resultId must be a UUID');
  const signed = Buffer.alloc(SIGNED_BYTES);
  Buffer.from(resultId.replace(/-/g, ''), 'hex').copy(signed, 0);
  signed.writeBigUInt64BE(BigInt(expiresAt.getTime()), 16);
  return Buffer.concat([signed, createHmac('sha256', key).update(signed).digest()]).toString('base64url');
}

export type TokenReading = { status: 'VALID' | 'EXPIRED'; resultId: string; expiresAt: Date } | { status: 'INVALID' };

/** Checks the signature first (a forged or altered token is INVALID whatever it claims), then the expiry. */
export function readAppealToken(key: Buffer, token: string, now: Date = new Date()): TokenReading {
  if (!/^[A-Za-z0-9_-]{75}$/.test(token)) return { status: 'INVALID' };
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== TOKEN_BYTES) return { status: 'INVALID' };
  const signed = bytes.subarray(0, SIGNED_BYTES);
  if (!timingSafeEqual(bytes.subarray(SIGNED_BYTES), createHmac('sha256', key).update(signed).digest())) return { status: 'INVALID' };
  const hex = signed.subarray(0, 16).toString('hex');
  const resultId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const expiresAt = new Date(Number(signed.readBigUInt64BE(16)));
  return { status: now.getTime() > expiresAt.getTime() ? 'EXPIRED' : 'VALID', resultId, expiresAt };
}

export const appealTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export const appealLinkFor = (publicUrl: string, token: string) => `${publicUrl}/appeal/${token}`;

// ─── Decisions replaced by a re-evaluation ───

export interface DecisionValues {
  outcome: Outcome;
  validatedBlockCodes: string[];
  /** The jury's agreed score per competence code. */
  agreedScores: Record<string, number | null>;
}

/** What the audit keeps of a decision: outcome, validated blocks and agreed scores (from Decision.details). */
export function decisionValues(decision: { outcome: Outcome; validatedBlockCodes: string[]; details: unknown }): DecisionValues {
  const details = (decision.details ?? {}) as { blocks?: { competences?: { code?: unknown; score?: unknown }[] }[] };
  const agreedScores: Record<string, number | null> = {};
  for (const block of Array.isArray(details.blocks) ? details.blocks : []) {
    for (const competence of Array.isArray(block.competences) ? block.competences : []) {
      if (typeof competence.code === 'string') agreedScores[competence.code] = typeof competence.score === 'number' ? competence.score : null;
    }
  }
  return { outcome: decision.outcome, validatedBlockCodes: [...decision.validatedBlockCodes], agreedScores };
}
