import type { JuryMemberInput, JuryRole, SlotInput } from '../graphql/types';

export const MAX_SLOTS_PER_SERIES = 50;

/** The value of an <input type="datetime-local"> (local time) as an ISO instant, or null. */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** `count` slots from `start`, every `intervalMinutes` (null when the numbers make no series). */
export function slotSeries(start: string, count: number, intervalMinutes: number, capacity?: number | null): SlotInput[] | null {
  const first = localInputToIso(start);
  if (!first || !Number.isInteger(count) || count < 1 || count > MAX_SLOTS_PER_SERIES) return null;
  if (!Number.isFinite(intervalMinutes) || intervalMinutes < 1) return null;
  const base = Date.parse(first);
  return Array.from({ length: count }, (_, index) => ({
    startsAt: new Date(base + index * intervalMinutes * 60_000).toISOString(),
    ...(capacity && capacity > 1 ? { capacity } : {}),
  }));
}

/** The members chosen in the jury form: exactly one president and at least one other juror. */
export function juryMembers(roles: Record<string, JuryRole | ''>): JuryMemberInput[] | null {
  const members = Object.entries(roles)
    .filter((entry): entry is [string, JuryRole] => entry[1] === 'PRESIDENT' || entry[1] === 'MEMBER')
    .map(([jurorId, role]) => ({ jurorId, role }));
  const presidents = members.filter((member) => member.role === 'PRESIDENT').length;
  return presidents === 1 && members.length >= 2 ? members : null;
}
