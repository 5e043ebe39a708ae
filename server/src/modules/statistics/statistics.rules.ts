// Pure rules of the success-rate statistics: per jury year and all years together, withheld below the
// certification's successRateMinCandidates (so that a handful of candidates cannot be singled out), and the
// admins' breakdown rows, shown whatever their size but labelled when small. The rate and the threshold
// themselves are publishedSuccessRate's (certification.rules.ts): one formula for the catalogue and these.
import { publishedSuccessRate } from '../certification/certification.rules.ts';
import { validationFailed } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';

export interface OutcomeCounts {
  /** Attempts whose current decision is published. */
  decided: number;
  certified: number;
  partiallyCertified: number;
}

export interface YearCounts extends OutcomeCounts {
  /** The jury's year, in Europe/Paris. */
  year: number;
}

export interface PublicRate {
  /** null for the all-years figure. */
  year: number | null;
  /** False below the threshold: then every count and the rate are null. */
  published: boolean;
  decided: number | null;
  certified: number | null;
  partiallyCertified: number | null;
  /** certified / decided, from 0 to 1 (a partial award is not a success). */
  rate: number | null;
}

export interface PublicRates {
  minCandidates: number;
  overall: PublicRate;
  /** Most recent year first. */
  years: PublicRate[];
}

const ZERO: OutcomeCounts = { decided: 0, certified: 0, partiallyCertified: 0 };

export function sumCounts(rows: readonly OutcomeCounts[]): OutcomeCounts {
  return rows.reduce(
    (sum, row) => ({ decided: sum.decided + row.decided, certified: sum.certified + row.certified, partiallyCertified: sum.partiallyCertified + row.partiallyCertified }),
    ZERO,
  );
}

/** One public figure: the counts and the rate at or above the threshold, nothing below it. */
export function publicRate(year: number | null, counts: OutcomeCounts, minCandidates: number): PublicRate {
  const rate = publishedSuccessRate({ certified: counts.certified, published: counts.decided }, minCandidates);
  if (!rate) return { year, published: false, decided: null, certified: null, partiallyCertified: null, rate: null };
  return { year, published: true, ...counts, rate: rate.rate };
}

/**
 * Complementary suppression: which cells (years) to withhold so that a withheld cell cannot be recovered by
 * subtracting the published ones from the published total. Every cell below `min` is withheld (primary
 * suppression); then, while the withheld cells together hold more than 0 but fewer than `min` people (the total
 * minus the published cells would give them away), the smallest published cell is withheld too. So the withheld
 * cells always add up to 0 or at least `min`: subtraction only ever recovers a group as large as the threshold.
 */
export function suppressedCells<K>(cells: readonly { key: K; count: number }[], min: number): Set<K> {
  const withheld = new Set(cells.filter((cell) => cell.count < min).map((cell) => cell.key));
  let hidden = cells.filter((cell) => withheld.has(cell.key)).reduce((sum, cell) => sum + cell.count, 0);
  const candidates = cells.filter((cell) => !withheld.has(cell.key)).sort((a, b) => a.count - b.count);
  for (const cell of candidates) {
    if (hidden === 0 || hidden >= min) break;
    withheld.add(cell.key);
    hidden += cell.count;
  }
  return withheld;
}

const WITHHELD = (year: number | null): PublicRate => ({ year, published: false, decided: null, certified: null, partiallyCertified: null, rate: null });

/**
 * The public success rates of one certification: every jury year that has published decisions, and all years.
 * Years are withheld below the threshold, and beside them as many more as complementary suppression requires.
 */
export function publicRates(years: readonly YearCounts[], minCandidates: number): PublicRates {
  const withheld = suppressedCells(years.map((row) => ({ key: row.year, count: row.decided })), minCandidates);
  return {
    minCandidates,
    overall: publicRate(null, sumCounts(years), minCandidates),
    years: [...years].sort((a, b) => b.year - a.year).map((row) => (withheld.has(row.year) ? WITHHELD(row.year) : publicRate(row.year, row, minCandidates))),
  };
}

/** certified / validated over a total, for the admins' rows (never withheld); null when the total is 0. */
export const rateOf = (successes: number, total: number) => publishedSuccessRate({ certified: successes, published: total }, 1)?.rate ?? null;

/** Admins see every row, but a row under the public threshold is labelled as a small sample. */
export const isSmallSample = (total: number, minCandidates: number) => total < minCandidates;

/** An optional `year` argument (statistics and feedback report): a plausible calendar year, else VALIDATION_FAILED on ["year"]. */
export function yearArgument(year: number | null | undefined): number | null {
  if (year == null) return null;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw validationFailed([{ path: ['year'], message: translate('statistics.year') }]);
  return year;
}
