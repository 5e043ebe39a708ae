import type { Role } from '../graphql/types';

/** Route name of each role's home area. */
export const AREA_ROUTE: Record<Role, string> = {
  ADMIN: 'admin',
  PARTNER: 'partner',
  JUROR: 'juror',
  CANDIDATE: 'candidate',
};

/** Path prefix of each role's area. */
export const AREA_PATH: Record<Role, string> = {
  ADMIN: '/admin',
  PARTNER: '/partner',
  JUROR: '/juror',
  CANDIDATE: '/candidate',
};
