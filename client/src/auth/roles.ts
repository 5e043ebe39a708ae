import type { RouteLocationRaw } from 'vue-router';
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

/** Where a signed-in user lands: the requested page when their role may see it, else their area. */
export function homeFor(role: Role, redirect?: unknown): RouteLocationRaw {
  const area = AREA_PATH[role];
  const insideArea =
    typeof redirect === 'string' &&
    redirect.startsWith(area) &&
    (redirect.length === area.length || '/?#'.includes(redirect.charAt(area.length)));
  if (insideArea) return redirect;
  return { name: AREA_ROUTE[role] };
}
