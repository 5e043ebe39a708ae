// Pure VAE rules (seed 004): the route is open only for a certification registered in the RNCP (an RNCP
// certification, or a CQP / CléA that also has an RNCP code — never an RS one), and a candidate is eligible with at
// least one year (12 months) of experience related to the certification, continuous or not. Only periods an admin
// accepted count, and overlapping periods count once: the periods are merged before their months are added up.
import type { Modality, Registry } from '../../generated/prisma/enums.ts';
import { AppError } from '../../lib/errors.ts';

export const REQUIRED_MONTHS = 12;
/** The modalities of a VAE evaluation: an interview, and/or an observation at work, and/or a written document. */
export const VAE_MODALITIES = ['INTERVIEW', 'OBSERVATION', 'WRITTEN'] as const satisfies readonly Modality[];
export type VaeModality = (typeof VAE_MODALITIES)[number];

/** A period of experience, both ends included (dates at UTC midnight). */
export interface Period {
  start: Date;
  end: Date;
}

const DAY = 86_400_000;
const utcDay = (date: Date) => Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/** `date` plus `months` calendar months, the day clamped to the target month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const target = new Date(Date.UTC(year, month, 1));
  const day = Math.min(date.getUTCDate(), daysInMonth(target.getUTCFullYear(), target.getUTCMonth()));
  return new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), day));
}

/** Merges overlapping or adjacent periods (a period starting the day after another ends continues it). */
export function mergePeriods(periods: Period[]): Period[] {
  const sorted = periods
    .map((period) => ({ start: utcDay(period.start), end: utcDay(period.end) }))
    .filter((period) => period.end >= period.start)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const period of sorted) {
    const last = merged.at(-1);
    if (last && period.start <= last.end + DAY) last.end = Math.max(last.end, period.end);
    else merged.push({ ...period });
  }
  return merged.map((period) => ({ start: new Date(period.start), end: new Date(period.end) }));
}

/** Months from `start` to `end` (both included): whole calendar months, then the rest as a fraction of a month. */
export function monthsIn(period: Period): number {
  const start = new Date(utcDay(period.start));
  const endExclusive = utcDay(period.end) + DAY;
  let whole = 0;
  while (addMonths(start, whole + 1).getTime() <= endExclusive) whole += 1;
  const from = addMonths(start, whole);
  const rest = (endExclusive - from.getTime()) / DAY / daysInMonth(from.getUTCFullYear(), from.getUTCMonth());
  return whole + rest;
}

/** Months of experience covered by the periods, overlaps counted once, to 2 decimals. */
export function monthsCovered(periods: Period[]): number {
  const total = mergePeriods(periods).reduce((sum, period) => sum + monthsIn(period), 0);
  return Math.round(total * 100) / 100;
}

/** Whether the VAE route is open for a certification: RNCP-registered only (seed 004); an RS certification never. */
export function vaeRouteOpen(certification: { registry: Registry; rncpCode: string | null }): boolean {
  if (certification.registry === 'RNCP') return true;
  if (certification.registry === 'RS') return false;
  return certification.rncpCode !== null && certification.rncpCode !== '';
}

export type PeriodStatus = 'PENDING' | 'ACCEPTED' | 'REFUSED';
export const periodStatus = (accepted: boolean | null): PeriodStatus => (accepted === null ? 'PENDING' : accepted ? 'ACCEPTED' : 'REFUSED');

export type IneligibleReason = 'ROUTE_CLOSED' | 'NOT_ENOUGH_EXPERIENCE';

export interface Eligibility {
  eligible: boolean;
  reason: IneligibleReason | null;
  acceptedMonths: number;
  requiredMonths: number;
  /** Months declared but still to be checked. */
  pendingMonths: number;
  pendingPeriods: number;
  acceptedPeriods: number;
  refusedPeriods: number;
}

export function vaeEligibility(routeOpen: boolean, periods: (Period & { accepted: boolean | null })[]): Eligibility {
  const accepted = periods.filter((period) => period.accepted === true);
  const pending = periods.filter((period) => period.accepted === null);
  const acceptedMonths = monthsCovered(accepted);
  const enough = acceptedMonths >= REQUIRED_MONTHS;
  return {
    eligible: routeOpen && enough,
    reason: !routeOpen ? 'ROUTE_CLOSED' : enough ? null : 'NOT_ENOUGH_EXPERIENCE',
    acceptedMonths,
    requiredMonths: REQUIRED_MONTHS,
    pendingMonths: monthsCovered(pending),
    pendingPeriods: pending.length,
    acceptedPeriods: accepted.length,
    refusedPeriods: periods.filter((period) => period.accepted === false).length,
  };
}

export const MAX_TEXT = { employer: 200, jobTitle: 200, activities: 5000, reason: 2000 } as const;

/** Refuses the VAE route for a certification that is not RNCP-registered (an RS one, or a CQP without RNCP code). */
export function assertVaeRouteOpen(certification: { code: string; registry: 'RNCP' | 'RS' | 'CQP' | 'CLEA'; rncpCode: string | null }) {
  if (!vaeRouteOpen(certification)) throw new AppError('VAE_NOT_AVAILABLE', { code: certification.code, registry: certification.registry }, { registry: certification.registry });
}
