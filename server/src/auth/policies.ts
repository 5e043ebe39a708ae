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
