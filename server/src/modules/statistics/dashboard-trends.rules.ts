// Pure rules of the dashboard trends: the window of months (ending with the current month in Europe/Paris), the
// `months` argument, and the filling of months without decisions with zeros.
import { validationFailed } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';
import { rateOf } from './statistics.rules.ts';

export const MAX_TREND_MONTHS = 36;
export const DEFAULT_TREND_MONTHS = 12;

/** One GROUP BY row: a certification's counts in one month of jury. */
export interface TrendRow {
  month: string;
  certificationId: string;
  decided: number;
  certified: number;
  partiallyCertified: number;
}

export interface TrendVolume {
  certificationId: string;
  decided: number;
  certified: number;
  partiallyCertified: number;
}

export interface TrendMonth {
  /** 'YYYY-MM', the month of the jury in Europe/Paris. */
  month: string;
  decided: number;
  certified: number;
  partiallyCertified: number;
  /** certified / decided (a partial award is not a success); null when nothing was decided. */
  rate: number | null;
  /** Only certifications with decisions that month. */
  byCertification: TrendVolume[];
}

/** `months`: 1 to 36 (default 12), else VALIDATION_FAILED on ["months"]. */
export function monthsArgument(months: number | null | undefined): number {
  if (months == null) return DEFAULT_TREND_MONTHS;
  if (!Number.isInteger(months) || months < 1 || months > MAX_TREND_MONTHS) {
    throw validationFailed([{ path: ['months'], message: translate('statistics.months') }]);
  }
  return months;
}

/** The current year and month in Europe/Paris. */
export function parisYearMonth(now: Date): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).formatToParts(now);
  const value = (type: string) => Number(parts.find((part) => part.type === type)!.value);
  return { year: value('year'), month: value('month') };
}

/** The `count` months ending with the current one (Europe/Paris), oldest first, as 'YYYY-MM'. */
export function trendMonths(count: number, now: Date): string[] {
  const { year, month } = parisYearMonth(now);
  const last = year * 12 + (month - 1);
  return Array.from({ length: count }, (_, index) => {
    const n = last - (count - 1 - index);
    return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
  });
}

/** Every month of the window, with zeros where no row is. */
export function fillMonths(window: readonly string[], rows: readonly TrendRow[]): TrendMonth[] {
  const byMonth = new Map<string, TrendRow[]>();
  for (const row of rows) byMonth.set(row.month, [...(byMonth.get(row.month) ?? []), row]);
  return window.map((month) => {
    const volumes = (byMonth.get(month) ?? [])
      .map(({ certificationId, decided, certified, partiallyCertified }) => ({ certificationId, decided, certified, partiallyCertified }))
      .sort((a, b) => a.certificationId.localeCompare(b.certificationId));
    const decided = volumes.reduce((sum, row) => sum + row.decided, 0);
    const certified = volumes.reduce((sum, row) => sum + row.certified, 0);
    const partiallyCertified = volumes.reduce((sum, row) => sum + row.partiallyCertified, 0);
    return { month, decided, certified, partiallyCertified, rate: rateOf(certified, decided), byCertification: volumes };
  });
}
