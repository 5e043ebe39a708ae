// The in-memory row rules (ownsCandidate, managesCertification) against the Prisma filters they mirror
// (candidateFilter, certificationAdminFilter), for every kind of viewer, on rows that match and rows that do not.
import { describe, expect, it } from 'vitest';
import { candidateFilter, certificationAdminFilter, managesCertification, ownsCandidate, seesCandidateOutsideJuries } from './policies.ts';
import type { Viewer } from './viewer.ts';

/** Evaluates the plain-equality filters these rules produce (`{ field: value }`, `{ id: { in: [] } }`) on a row. */
function matches(filter: Record<string, unknown>, row: Record<string, unknown>): boolean | 'relation' {
  for (const [key, wanted] of Object.entries(filter)) {
    if (typeof wanted === 'string') {
      if (row[key] !== wanted) return false;
    } else if (wanted && typeof wanted === 'object' && 'in' in wanted && Array.isArray((wanted as { in: unknown[] }).in)) {
      if (!(wanted as { in: unknown[] }).in.includes(row[key])) return false;
    } else {
      return 'relation'; // a relation filter (admins, jurors): no in-memory answer expected
    }
  }
  return true;
}

const user = (role: 'ADMIN' | 'JUROR' | 'PARTNER' | 'CANDIDATE', extra: Partial<Extract<Viewer, { kind: 'user' }>> = {}): Viewer => ({
  kind: 'user',
  userId: `u-${role}`,
  sessionId: 's',
  role,
  certifierId: 'cert-1',
  displayName: role,
  partnerId: null,
  candidateId: null,
  ...extra,
});

const viewers: [string, Viewer | null][] = [
  ['anonymous', null],
  ['admin', user('ADMIN')],
  ['juror', user('JUROR')],
  ['partner user', user('PARTNER', { partnerId: 'p-1' })],
  ['partner user without partner', user('PARTNER')],
  ['API key', { kind: 'apiKey', apiKeyId: 'k', partnerId: 'p-1', certifierId: 'cert-1' }],
  ['candidate', user('CANDIDATE', { candidateId: 'c-1' })],
  ['candidate without candidate row', user('CANDIDATE')],
];
const candidates = [
  { id: 'c-1', partnerId: 'p-1' },
  { id: 'c-2', partnerId: 'p-1' },
  { id: 'c-1b', partnerId: 'p-2' },
];

describe('in-memory row rules', () => {
  it.each(viewers)('ownsCandidate agrees with candidateFilter for %s', (_name, viewer) => {
    for (const candidate of candidates) {
      const byFilter = matches(candidateFilter(viewer) as Record<string, unknown>, candidate);
      // Admins and jurors see candidates through relation filters, but own none: ownsCandidate is false for them.
      if (byFilter === 'relation') expect(ownsCandidate(viewer, candidate)).toBe(false);
      else expect(ownsCandidate(viewer, candidate)).toBe(byFilter);
    }
  });

  it.each(viewers)('seesCandidateOutsideJuries agrees with candidateFilter for %s (jurors: false)', (_name, viewer) => {
    for (const certifierId of ['cert-1', 'cert-2']) {
      for (const candidate of candidates.map((row) => ({ ...row, partner: { certifierId } }))) {
        const filter = candidateFilter(viewer) as Record<string, unknown>;
        const adminFilter = filter.partner as { certifierId?: string } | undefined;
        const byFilter = adminFilter ? adminFilter.certifierId === candidate.partner.certifierId : matches(filter, candidate);
        if (byFilter === 'relation') {
          expect(viewer?.kind === 'user' && viewer.role === 'JUROR').toBe(true);
          expect(seesCandidateOutsideJuries(viewer, candidate)).toBe(false);
        } else expect(seesCandidateOutsideJuries(viewer, candidate)).toBe(byFilter);
      }
    }
  });

  it.each(viewers)('managesCertification agrees with certificationAdminFilter for %s', (_name, viewer) => {
    for (const certification of [{ id: 'x', certifierId: 'cert-1' }, { id: 'y', certifierId: 'cert-2' }]) {
      expect(managesCertification(viewer, certification)).toBe(matches(certificationAdminFilter(viewer) as Record<string, unknown>, certification));
    }
  });

  it('an owner matches only its own rows', () => {
    expect(ownsCandidate(user('PARTNER', { partnerId: 'p-1' }), { id: 'c-1b', partnerId: 'p-2' })).toBe(false);
    expect(ownsCandidate(user('CANDIDATE', { candidateId: 'c-1' }), { id: 'c-2', partnerId: 'p-1' })).toBe(false);
    expect(ownsCandidate(user('CANDIDATE', { candidateId: 'c-1' }), { id: 'c-1', partnerId: 'p-1' })).toBe(true);
  });
});
