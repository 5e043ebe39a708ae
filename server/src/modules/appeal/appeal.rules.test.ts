import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appealTokenHash, decisionValues, isAppealOpen, readAppealToken, signAppealToken } from './appeal.rules.ts';

const key = randomBytes(32);
const resultId = '0b7e4c1a-8f2d-4c3e-9a1b-2c3d4e5f6a7b';
const expiresAt = new Date('2026-12-31T23:00:00.000Z');

describe('contest link tokens', () => {
  it('read back what they were signed with, valid until their expiry and expired after', () => {
    const token = signAppealToken(key, resultId, expiresAt);
    expect(readAppealToken(key, token, new Date('2026-12-31T22:59:59.999Z'))).toEqual({ status: 'VALID', resultId, expiresAt });
    expect(readAppealToken(key, token, expiresAt)).toMatchObject({ status: 'VALID' });
    expect(readAppealToken(key, token, new Date(expiresAt.getTime() + 1))).toMatchObject({ status: 'EXPIRED', resultId });
  });

  it('are invalid when altered (another result, a later expiry), signed with another key, or malformed', () => {
    const token = signAppealToken(key, resultId, expiresAt);
    const bytes = Buffer.from(token, 'base64url');
    const altered = (offset: number) => {
      const copy = Buffer.from(bytes);
      copy[offset] ^= 1;
      return copy.toString('base64url');
    };
    const otherResult = altered(0);
    const later = altered(23);
    for (const forged of [otherResult, later, altered(40), signAppealToken(randomBytes(32), resultId, expiresAt), 'abc', `${token}x`, '', token.slice(0, -1), `${token.slice(0, 10)}.${token.slice(11)}`]) {
      expect(readAppealToken(key, forged, new Date('2026-01-01'))).toEqual({ status: 'INVALID' });
    }
    // Even an expired forgery is INVALID, not EXPIRED: the signature is checked first.
    expect(readAppealToken(key, later, new Date('2030-01-01'))).toEqual({ status: 'INVALID' });
    // No dot: the link's path is never taken for a static file.
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('are stored as their SHA-256 only', () => {
    const token = signAppealToken(key, resultId, expiresAt);
    expect(appealTokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(appealTokenHash(token)).not.toContain(token);
  });
});

describe('open appeals and replaced decisions', () => {
  it('counts an upheld appeal as open until its re-evaluation', () => {
    expect(isAppealOpen({ state: 'SUBMITTED', reEvaluatedAt: null })).toBe(true);
    expect(isAppealOpen({ state: 'UPHELD', reEvaluatedAt: null })).toBe(true);
    expect(isAppealOpen({ state: 'UPHELD', reEvaluatedAt: new Date() })).toBe(false);
    expect(isAppealOpen({ state: 'REJECTED', reEvaluatedAt: null })).toBe(false);
    expect(isAppealOpen({ state: 'CLOSED', reEvaluatedAt: null })).toBe(false);
  });

  it('keeps the outcome, validated blocks and agreed scores of a decision', () => {
    const details = { blocks: [{ code: 'B1', competences: [{ code: 'C1', score: 3 }, { code: 'C2', score: null }] }, { code: 'B2', competences: [{ code: 'C3', score: 1.5 }] }] };
    expect(decisionValues({ outcome: 'PARTIALLY_CERTIFIED', validatedBlockCodes: ['B1'], details })).toEqual({
      outcome: 'PARTIALLY_CERTIFIED',
      validatedBlockCodes: ['B1'],
      agreedScores: { C1: 3, C2: null, C3: 1.5 },
    });
    expect(decisionValues({ outcome: 'NOT_CERTIFIED', validatedBlockCodes: [], details: null }).agreedScores).toEqual({});
  });
});
