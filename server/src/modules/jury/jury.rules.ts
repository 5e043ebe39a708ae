// Pure rules of jury composition and independence. A juror may never evaluate a candidate when they are
// an employee of the certifier, when they train (or trained) at the candidate's training organisation, or
// when they declared a conflict of interest with the candidate or that organisation. A jury has exactly one
// president and at least the certification's minimum number of members. A juror whose profile lists the
// certifications they may assess, or the days they are available, may only sit for those (nothing listed: not
// restricted, as for a profile not filled in yet).
import type { JuryRole } from '../../generated/prisma/enums.ts';
import type { FieldIssue } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';

export const INELIGIBILITY_CODES = [
  'CERTIFIER_EMPLOYEE',
  'TRAINER_OF_PARTNER',
  'DECLARED_CONFLICT',
  'CONTESTED_ORAL_JUROR',
  'NOT_QUALIFIED_FOR_CERTIFICATION',
  'UNAVAILABLE',
] as const;
export type IneligibilityCode = (typeof INELIGIBILITY_CODES)[number];

/** What the independence rules need to know about a juror. */
export interface JurorFacts {
  id: string;
  displayName: string;
  isCertifierEmployee: boolean;
  /** Training organisations the juror trains or trained at. */
  trainerAt: { partnerId: string; partnerName: string }[];
  conflicts: { candidateId: string | null; partnerId: string | null; reason: string }[];
  /** Certifications the juror may assess; empty: not restricted. */
  certificationIds: string[];
  /** Days ('YYYY-MM-DD', Europe/Paris) the juror is available; empty: not declared, not restricted. */
  availableDays: string[];
}

/** What a jury is for: one certification, orals on some days ('YYYY-MM-DD', Europe/Paris). */
export interface JuryAssignment {
  certificationId: string;
  certificationName: string;
  days: string[];
}

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day of an instant in Europe/Paris, as 'YYYY-MM-DD'. */
export const parisDay = (instant: Date): string => PARIS_DAY.format(instant);

/** What they need to know about a candidate. */
export interface CandidateFacts {
  id: string;
  name: string;
  partnerId: string;
  partnerName: string;
}

export interface Ineligibility {
  code: IneligibilityCode;
  jurorId: string;
  candidateId: string | null;
  message: string;
}

/** Reasons that do not depend on the candidate (checked whenever a juror joins a jury). */
export function generalIneligibility(juror: JurorFacts): Ineligibility[] {
  return juror.isCertifierEmployee
    ? [{ code: 'CERTIFIER_EMPLOYEE', jurorId: juror.id, candidateId: null, message: translate('ineligible.CERTIFIER_EMPLOYEE', { juror: juror.displayName }) }]
    : [];
}

/** Every reason why `juror` may not evaluate `candidate` (empty when eligible). */
export function ineligibilityFor(juror: JurorFacts, candidate: CandidateFacts): Ineligibility[] {
  const reasons = generalIneligibility(juror);
  const base = { jurorId: juror.id, candidateId: candidate.id };
  const trainer = juror.trainerAt.find((link) => link.partnerId === candidate.partnerId);
  if (trainer) {
    reasons.push({
      ...base,
      code: 'TRAINER_OF_PARTNER',
      message: translate('ineligible.TRAINER_OF_PARTNER', { juror: juror.displayName, partner: trainer.partnerName, candidate: candidate.name }),
    });
  }
  for (const conflict of juror.conflicts) {
    const target = conflict.candidateId === candidate.id ? candidate.name : conflict.partnerId === candidate.partnerId ? candidate.partnerName : null;
    if (target) {
      reasons.push({
        ...base,
        code: 'DECLARED_CONFLICT',
        message: translate('ineligible.DECLARED_CONFLICT', { juror: juror.displayName, target, reason: conflict.reason }),
      });
    }
  }
  return reasons;
}

/** Reasons that depend on what the jury is for: the certification the juror may assess, the days they are available. */
export function assignmentIneligibility(juror: JurorFacts, assignment: JuryAssignment): Ineligibility[] {
  const reasons: Ineligibility[] = [];
  const base = { jurorId: juror.id, candidateId: null };
  if (juror.certificationIds.length && !juror.certificationIds.includes(assignment.certificationId)) {
    reasons.push({
      ...base,
      code: 'NOT_QUALIFIED_FOR_CERTIFICATION',
      message: translate('ineligible.NOT_QUALIFIED_FOR_CERTIFICATION', { juror: juror.displayName, certification: assignment.certificationName }),
    });
  }
  const missing = juror.availableDays.length ? [...new Set(assignment.days)].filter((day) => !juror.availableDays.includes(day)).sort() : [];
  if (missing.length) {
    reasons.push({ ...base, code: 'UNAVAILABLE', message: translate('ineligible.UNAVAILABLE', { juror: juror.displayName, days: missing.join(', ') }) });
  }
  return reasons;
}

/**
 * A re-evaluation after an upheld appeal needs an entirely new jury: nobody who sat on the jury of the
 * contested oral (checked on top of every independence rule above).
 */
export function contestedOralIneligibility(juror: JurorFacts, candidate: CandidateFacts, contestedJurorIds: ReadonlySet<string>): Ineligibility[] {
  if (!contestedJurorIds.has(juror.id)) return [];
  return [
    {
      code: 'CONTESTED_ORAL_JUROR',
      jurorId: juror.id,
      candidateId: candidate.id,
      message: translate('ineligible.CONTESTED_ORAL_JUROR', { juror: juror.displayName, candidate: candidate.name }),
    },
  ];
}

/** Every reason why this jury may not evaluate these candidates (and, when given, sit for this assignment). */
export function juryIneligibility(jurors: JurorFacts[], candidates: CandidateFacts[], assignment?: JuryAssignment): Ineligibility[] {
  return jurors.flatMap((juror) => [
    ...generalIneligibility(juror),
    ...(assignment ? assignmentIneligibility(juror, assignment) : []),
    ...candidates.flatMap((candidate) => ineligibilityFor(juror, candidate).filter((reason) => reason.code !== 'CERTIFIER_EMPLOYEE')),
  ]);
}

export interface MemberInput {
  jurorId: string;
  role: JuryRole;
}

/** Composition problems, as `["members", index?, field?]` issues: one president, no duplicate, minimum size. */
export function compositionIssues(members: MemberInput[], minJurySize: number): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  members.forEach((member, index) => {
    if (seen.has(member.jurorId)) issues.push({ path: ['members', index, 'jurorId'], message: translate('validation.juryDuplicate') });
    seen.add(member.jurorId);
  });
  if (members.filter((member) => member.role === 'PRESIDENT').length !== 1) {
    issues.push({ path: ['members'], message: translate('validation.juryPresident') });
  }
  if (seen.size < minJurySize) issues.push({ path: ['members'], message: translate('validation.jurySize', { min: minJurySize }) });
  return issues;
}
