// Legal deadlines (result publication, certificate issue, appeal and complaint answers, CDC transmission): one
// computation of "days left", "late" and "at risk" for every module, so that every list agrees on the boundary.
export const DAY_MS = 24 * 3600_000;

export interface Deadline {
  dueBy: Date;
  /** Done (published, issued, answered…): no longer late or at risk. */
  done: boolean;
  /** Outstanding and past its deadline (exactly at the deadline is still on time). */
  late: boolean;
  /** Outstanding and late, or due within the at-risk window. */
  atRisk: boolean;
  /** Whole days left (negative once late: -1 = less than one day late); null once done. */
  daysLeft: number | null;
}

export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS);
}

/** Calendar years (UTC): 29 February lands on 1 March in a non-leap year. */
export function addYears(from: Date, years: number): Date {
  const to = new Date(from.getTime());
  to.setUTCFullYear(to.getUTCFullYear() + years);
  return to;
}

export function deadline(dueBy: Date, done: boolean, atRiskWithinDays: number, now: Date = new Date()): Deadline {
  if (done) return { dueBy, done, late: false, atRisk: false, daysLeft: null };
  const remaining = dueBy.getTime() - now.getTime();
  return { dueBy, done, late: remaining < 0, atRisk: remaining < atRiskWithinDays * DAY_MS, daysLeft: Math.floor(remaining / DAY_MS) };
}

/** Items due before this instant are at risk (for database filters that match `deadline().atRisk`). */
export function atRiskBefore(atRiskWithinDays: number, now: Date = new Date()): Date {
  return addDays(now, atRiskWithinDays);
}
