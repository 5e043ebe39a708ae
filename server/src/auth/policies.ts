// Who may see what, in one place. Scopes gate root fields (every root field declares `authScopes`; a test
// fails when one does not). Row rules are Prisma filters applied by every query that lists or loads rows.
import type { Prisma } from '../generated/prisma/client.ts';
import type { Viewer } from './viewer.ts';
import { viewerPartnerId } from './viewer.ts';

export interface AuthScopes {
  public: boolean;
  authenticated: boolean;
  admin: boolean;
  juror: boolean;
  partner: boolean;
  candidate: boolean;
  /** Signed in as a person (not with a partner's API key). */
  person: boolean;
  /** A partner's user (a person; API keys excluded). */
  partnerUser: boolean;
}

export function scopesFor(viewer: Viewer | null): AuthScopes {
  const role = viewer?.kind === 'user' ? viewer.role : null;
  return {
    public: true,
    authenticated: viewer !== null,
    admin: role === 'ADMIN',
    juror: role === 'JUROR',
    partner: viewerPartnerId(viewer) !== null,
    candidate: role === 'CANDIDATE' && viewer?.kind === 'user' && viewer.candidateId !== null,
    person: role !== null,
    partnerUser: role === 'PARTNER',
  };
}

/** Matches nothing: the filter for viewers with no right to a kind of row. */
const NOTHING = { id: { in: [] as string[] } };

/** Candidates the viewer may see: a partner its own, a candidate themself, a juror those of its orals. */
export function candidateFilter(viewer: Viewer | null): Prisma.CandidateWhereInput {
  if (!viewer) return NOTHING;
  const partnerId = viewerPartnerId(viewer);
  if (partnerId) return { partnerId };
  if (viewer.kind !== 'user') return NOTHING;
  switch (viewer.role) {
    case 'ADMIN':
      return { partner: { certifierId: viewer.certifierId } };
    case 'CANDIDATE':
      return viewer.candidateId ? { id: viewer.candidateId } : NOTHING;
    case 'JUROR':
      return { attempts: { some: { orals: { some: { jury: { members: { some: { jurorId: viewer.userId } } } } } } } };
    default:
      return NOTHING;
  }
}

/**
 * The same rules in memory, on columns read in the row's own query (so that a field can come with its parent's
 * statement instead of a second, filtered one). Only where the filter is a plain equality; keep in step with
 * candidateFilter and certificationAdminFilter above (policies.test.ts checks that both agree).
 *
 * Whether an owner-side viewer (a partner user or API key, a candidate) owns the candidate: candidateFilter for
 * them. False for every other viewer (admins and jurors are not owners).
 */
export function ownsCandidate(viewer: Viewer | null, candidate: { id: string; partnerId: string }): boolean {
  if (!viewer) return false;
  const partnerId = viewerPartnerId(viewer);
  if (partnerId) return candidate.partnerId === partnerId;
  return viewer.kind === 'user' && viewer.role === 'CANDIDATE' && viewer.candidateId !== null && candidate.id === viewer.candidateId;
}

/**
 * candidateFilter in memory, for every viewer but jurors (whose rule goes through their juries' orals: false
 * here): the owner (the partner, the candidate themself) or an admin of the candidate's partner's certifier.
 */
export function seesCandidateOutsideJuries(viewer: Viewer | null, candidate: { id: string; partnerId: string; partner: { certifierId: string } }): boolean {
  if (ownsCandidate(viewer, candidate)) return true;
  return viewer?.kind === 'user' && viewer.role === 'ADMIN' && candidate.partner.certifierId === viewer.certifierId;
}

/** certificationAdminFilter in memory: an admin of the certification's certifier. */
export function managesCertification(viewer: Viewer | null, certification: { certifierId: string }): boolean {
  return viewer?.kind === 'user' && viewer.role === 'ADMIN' && certification.certifierId === viewer.certifierId;
}

/** Attempts follow their candidate's visibility. */
export function attemptFilter(viewer: Viewer | null): Prisma.AttemptWhereInput {
  return { candidate: candidateFilter(viewer) };
}

/** Orals: a juror only those of juries they sit on; admins all; candidates and partners their own. */
export function oralFilter(viewer: Viewer | null): Prisma.OralWhereInput {
  if (!viewer) return NOTHING;
  if (viewer.kind === 'user' && viewer.role === 'JUROR') return { jury: { members: { some: { jurorId: viewer.userId } } } };
  return { attempt: attemptFilter(viewer) };
}

// ─── Certifications, accommodations, project files (issue 3) ───

/** Certifications an admin manages: those of their certifier. Others manage none. */
export function certificationAdminFilter(viewer: Viewer | null): Prisma.CertificationWhereInput {
  if (viewer?.kind === 'user' && viewer.role === 'ADMIN') return { certifierId: viewer.certifierId };
  return NOTHING;
}

/**
 * Whose accommodation (health data) the viewer may read: admins of the certifier, the president of a jury
 * examining one of the candidate's attempts, the candidate themself and the partner that registered them.
 * Plain jury members, other partners and other candidates never do.
 */
export function accommodationReaderFilter(viewer: Viewer | null): Prisma.CandidateWhereInput {
  if (!viewer) return NOTHING;
  if (viewer.kind === 'user' && viewer.role === 'JUROR') {
    return { attempts: { some: { orals: { some: { jury: { members: { some: { jurorId: viewer.userId, role: 'PRESIDENT' } } } } } } } };
  }
  return accommodationWriterFilter(viewer);
}

/** Who may record a candidate's accommodation: their partner, the candidate themself, an admin. */
export function accommodationWriterFilter(viewer: Viewer | null): Prisma.CandidateWhereInput {
  if (!viewer) return NOTHING;
  if (viewerPartnerId(viewer)) return candidateFilter(viewer);
  if (viewer.kind === 'user' && (viewer.role === 'ADMIN' || viewer.role === 'CANDIDATE')) return candidateFilter(viewer);
  return NOTHING;
}

/** Who may upload a project file for an attempt: the candidate themself, or their partner. */
export function projectFileUploadFilter(viewer: Viewer | null): Prisma.AttemptWhereInput {
  if (!viewer) return NOTHING;
  if (viewerPartnerId(viewer)) return attemptFilter(viewer);
  if (viewer.kind === 'user' && viewer.role === 'CANDIDATE') return attemptFilter(viewer);
  return NOTHING;
}

/** Project files follow their attempt (jurors see those of the candidates they examine). */
export function projectFileFilter(viewer: Viewer | null): Prisma.ProjectFileWhereInput {
  return { attempt: attemptFilter(viewer) };
}

// ─── Sessions, slots and juries (issue 4) ───

/** Whose oral slot the viewer may book or cancel: a candidate their own attempts, an admin any of the certifier's. */
export function slotBookerFilter(viewer: Viewer | null): Prisma.AttemptWhereInput {
  if (viewer?.kind !== 'user') return NOTHING;
  if (viewer.role === 'CANDIDATE') return attemptFilter(viewer);
  if (viewer.role === 'ADMIN') return { certification: certificationAdminFilter(viewer) };
  return NOTHING;
}

// ─── Transmission to the Caisse des Dépôts (issue 9) ───

/** CDC passages: admins those of their certifier's certifications; nobody else. */
export function cdcPassageFilter(viewer: Viewer | null): Prisma.CdcPassageWhereInput {
  return { attempt: { certification: certificationAdminFilter(viewer) } };
}

/** CDC batches: admins their certifier's; nobody else. */
export function cdcBatchFilter(viewer: Viewer | null): Prisma.CdcBatchWhereInput {
  if (viewer?.kind === 'user' && viewer.role === 'ADMIN') return { certifierId: viewer.certifierId };
  return NOTHING;
}

// ─── Practice quiz (issue 8) ───

/** Practice quizzes: a candidate only their own; admins those of their certifier's candidates; nobody else. */
export function quizAttemptFilter(viewer: Viewer | null): Prisma.QuizAttemptWhereInput {
  if (viewer?.kind !== 'user') return NOTHING;
  if (viewer.role === 'CANDIDATE') return viewer.candidateId ? { candidateId: viewer.candidateId } : NOTHING;
  if (viewer.role === 'ADMIN') return { candidate: candidateFilter(viewer) };
  return NOTHING;
}

// ─── Complaints (issue 7) ───

/**
 * Complaints ("réclamations"): a candidate their own; a partner (user or API key) only the TRAINING complaints
 * routed to it about its own candidates; admins every complaint of their certifier's candidates.
 */
export function complaintFilter(viewer: Viewer | null): Prisma.ComplaintWhereInput {
  if (!viewer) return NOTHING;
  const partnerId = viewerPartnerId(viewer);
  if (partnerId) return { subject: 'TRAINING', partnerId, candidate: { partnerId } };
  if (viewer.kind !== 'user') return NOTHING;
  if (viewer.role === 'CANDIDATE') return viewer.candidateId ? { candidateId: viewer.candidateId } : NOTHING;
  if (viewer.role === 'ADMIN') return { candidate: candidateFilter(viewer) };
  return NOTHING;
}

/** Who moderates a complaint: the partner it is routed to (TRAINING), and the certifier's admins (any). */
export function complaintModeratorFilter(viewer: Viewer | null): Prisma.ComplaintWhereInput {
  if (viewer?.kind === 'user' && viewer.role === 'CANDIDATE') return NOTHING;
  return complaintFilter(viewer);
}

/** Who may open a retake of an attempt: the candidate themself, or an admin of the certifier. */
export function retakeOpenerFilter(viewer: Viewer | null): Prisma.AttemptWhereInput {
  return slotBookerFilter(viewer);
}

// ─── Notifications (issue 6) ───

/** In-app notifications: every signed-in user only their own (an API key has none). */
export function notificationRecipientFilter(viewer: Viewer | null): Prisma.NotificationWhereInput {
  return viewer?.kind === 'user' ? { userId: viewer.userId } : NOTHING;
}

/** The outbox: admins every notification of their certifier (rows written before certifierId by their recipient). */
export function notificationOutboxFilter(viewer: Viewer | null): Prisma.NotificationWhereInput {
  if (viewer?.kind !== 'user' || viewer.role !== 'ADMIN') return NOTHING;
  return { OR: [{ certifierId: viewer.certifierId }, { certifierId: null, user: { certifierId: viewer.certifierId } }] };
}

// ─── Appeals (issue 7) ───

/**
 * Appeals: a candidate their own, admins those of their certifier's certifications. Partners see none (only
 * `Attempt.appealOpen`, that an appeal of their candidate is in progress); jurors none.
 */
export function appealFilter(viewer: Viewer | null): Prisma.AppealWhereInput {
  if (viewer?.kind !== 'user') return NOTHING;
  if (viewer.role === 'CANDIDATE') return viewer.candidateId ? { attempt: { candidateId: viewer.candidateId } } : NOTHING;
  if (viewer.role === 'ADMIN') return { attempt: { certification: certificationAdminFilter(viewer) } };
  return NOTHING;
}

// ─── CléA pathway (issue 13) ───

/**
 * CléA files: a candidate their own, a partner (user or API key) its own candidates', admins every file of their
 * certifier, a juror only the files they are the assigned evaluator of.
 */
export function cleaFileFilter(viewer: Viewer | null): Prisma.CleaFileWhereInput {
  if (!viewer) return NOTHING;
  if (viewer.kind === 'user' && viewer.role === 'JUROR') return { evaluatorId: viewer.userId };
  return { attempt: attemptFilter(viewer) };
}

/**
 * The orals through which a juror may still read a candidate's personal fields (e-mail, birth date and code, sex,
 * CPF file number): those of juries they sit on whose minutes are not signed yet, or were signed less than
 * `windowMs` ago (JUROR_PERSONAL_DATA_DAYS). Past that, the oral stays readable, the personal fields answer null.
 */
export function jurorPersonalDataOralFilter(viewer: Viewer, candidateId: string, windowMs: number, now = new Date()): Prisma.OralWhereInput {
  const since = new Date(now.getTime() - windowMs);
  return {
    attempt: { candidateId },
    jury: { members: { some: { jurorId: viewer.kind === 'user' ? viewer.userId : '' } } },
    OR: [{ minutes: { is: null } }, { minutes: { is: { lockedAt: null } } }, { minutes: { is: { lockedAt: { gt: since } } } }],
  };
}

