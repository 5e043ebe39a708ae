import { describe, expect, it } from 'vitest';
import { assignmentIneligibility, compositionIssues, ineligibilityFor, parisDay, juryIneligibility, contestedOralIneligibility, type JurorFacts } from './jury.rules.ts';

const candidate = { id: 'cand-1', name: 'Léa Martin', partnerId: 'p-A', partnerName: 'Formapro Conseil' };
const juror = (overrides: Partial<JurorFacts> = {}): JurorFacts => ({
  id: 'j-1',
  displayName: 'Hélène Marchand',
  isCertifierEmployee: false,
  trainerAt: [],
  conflicts: [],
  certificationIds: [],
  availableDays: [],
  ...overrides,
});
const codes = (facts: JurorFacts) => ineligibilityFor(facts, candidate).map((reason) => reason.code);

describe('independence', () => {
  it('lets an independent juror examine the candidate', () => {
    expect(codes(juror({ trainerAt: [{ partnerId: 'p-B', partnerName: 'Atelier' }], conflicts: [{ candidateId: 'other', partnerId: null, reason: 'x' }] }))).toEqual([]);
  });
  it('excludes a certifier employee, a trainer at the candidate’s organisation, and a declared conflict — each with its reason', () => {
    expect(codes(juror({ isCertifierEmployee: true }))).toEqual(['CERTIFIER_EMPLOYEE']);
    const trainer = ineligibilityFor(juror({ trainerAt: [{ partnerId: 'p-A', partnerName: 'Formapro Conseil' }] }), candidate);
    expect(trainer).toEqual([expect.objectContaining({ code: 'TRAINER_OF_PARTNER', jurorId: 'j-1', candidateId: 'cand-1' })]);
    expect(trainer[0].message).toContain('Formapro Conseil');
    expect(codes(juror({ conflicts: [{ candidateId: 'cand-1', partnerId: null, reason: 'ancienne collègue' }] }))).toEqual(['DECLARED_CONFLICT']);
    expect(codes(juror({ conflicts: [{ candidateId: null, partnerId: 'p-A', reason: 'associé' }] }))).toEqual(['DECLARED_CONFLICT']);
    expect(codes(juror({ isCertifierEmployee: true, trainerAt: [{ partnerId: 'p-A', partnerName: 'F' }] }))).toEqual(['CERTIFIER_EMPLOYEE', 'TRAINER_OF_PARTNER']);
  });
  it('reports a certifier employee once for a whole jury, even with no candidate yet', () => {
    const reasons = juryIneligibility([juror({ isCertifierEmployee: true })], [candidate, { ...candidate, id: 'cand-2' }]);
    expect(reasons.map((reason) => reason.code)).toEqual(['CERTIFIER_EMPLOYEE']);
    expect(juryIneligibility([juror({ isCertifierEmployee: true })], [])).toHaveLength(1);
  });
});

describe('re-evaluation after an upheld appeal', () => {
  it('refuses any juror of the contested oral, with the reason', () => {
    const contested = new Set(['j-1']);
    const reasons = contestedOralIneligibility(juror(), candidate, contested);
    expect(reasons).toEqual([expect.objectContaining({ code: 'CONTESTED_ORAL_JUROR', jurorId: 'j-1', candidateId: 'cand-1' })]);
    expect(reasons[0].message).toContain('Hélène Marchand');
    expect(contestedOralIneligibility(juror({ id: 'j-2' }), candidate, contested)).toEqual([]);
  });
});

describe('composition', () => {
  const member = (jurorId: string, role: 'PRESIDENT' | 'MEMBER' = 'MEMBER') => ({ jurorId, role });
  it('needs exactly one president and the minimum size, without duplicates', () => {
    expect(compositionIssues([member('a', 'PRESIDENT'), member('b')], 2)).toEqual([]);
    expect(compositionIssues([member('a', 'PRESIDENT')], 2).map((issue) => issue.path)).toEqual([['members']]);
    expect(compositionIssues([member('a'), member('b')], 2)).toHaveLength(1);
    expect(compositionIssues([member('a', 'PRESIDENT'), member('b', 'PRESIDENT')], 2)).toHaveLength(1);
    expect(compositionIssues([member('a', 'PRESIDENT'), member('a')], 2).map((issue) => issue.path)).toEqual([['members', 1, 'jurorId'], ['members']]);
    expect(compositionIssues([member('a', 'PRESIDENT'), member('b')], 3)).toHaveLength(1);
  });
});

describe('certifications a juror may assess and availability', () => {
  const assignment = { certificationId: 'cert-1', certificationName: 'RS5302', days: ['2027-01-12', '2027-01-13'] };
  const codesFor = (facts: JurorFacts) => assignmentIneligibility(facts, assignment).map((reason) => reason.code);
  it('does not restrict a juror whose profile lists neither', () => {
    expect(codesFor(juror())).toEqual([]);
  });
  it('refuses a certification the juror may not assess, and days they are not available, naming them', () => {
    expect(codesFor(juror({ certificationIds: ['cert-1'], availableDays: ['2027-01-12', '2027-01-13', '2027-02-01'] }))).toEqual([]);
    const reasons = assignmentIneligibility(juror({ certificationIds: ['cert-2'], availableDays: ['2027-01-12'] }), assignment);
    expect(reasons.map((reason) => reason.code)).toEqual(['NOT_QUALIFIED_FOR_CERTIFICATION', 'UNAVAILABLE']);
    expect(reasons[0].message).toContain('RS5302');
    expect(reasons[1].message).toContain('2027-01-13');
    expect(reasons[1].message).not.toContain('2027-01-12');
  });
  it('gives the day in Europe/Paris', () => {
    expect(parisDay(new Date('2027-01-12T23:30:00Z'))).toBe('2027-01-13');
    expect(parisDay(new Date('2027-07-12T21:59:00Z'))).toBe('2027-07-12');
  });
  it('adds the assignment reasons to a jury check when given', () => {
    expect(juryIneligibility([juror({ certificationIds: ['cert-2'] })], [], assignment).map((reason) => reason.code)).toEqual(['NOT_QUALIFIED_FOR_CERTIFICATION']);
  });
});
