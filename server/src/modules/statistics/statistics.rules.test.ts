import { describe, expect, it } from 'vitest';
import { isSmallSample, publicRate, publicRates, rateOf, sumCounts, suppressedCells, yearArgument } from './statistics.rules.ts';

describe('public success rates', () => {
  const years = [
    { year: 2025, decided: 12, certified: 8, partiallyCertified: 2 },
    { year: 2026, decided: 4, certified: 3, partiallyCertified: 0 },
  ];

  it('withhold every count below the threshold and publish at exactly the threshold', () => {
    expect(publicRate(2026, years[1], 5)).toEqual({ year: 2026, published: false, decided: null, certified: null, partiallyCertified: null, rate: null });
    expect(publicRate(2026, years[1], 4)).toEqual({ year: 2026, published: true, decided: 4, certified: 3, partiallyCertified: 0, rate: 0.75 });
    expect(publicRate(null, { decided: 0, certified: 0, partiallyCertified: 0 }, 1).published).toBe(false);
  });

  it('list years most recent first, with all years summed', () => {
    const rates = publicRates(years, 10);
    // 2025 is withheld beside 2026: published, it would give 2026 away by subtraction from all years.
    expect(rates.years.map((row) => [row.year, row.published])).toEqual([
      [2026, false],
      [2025, false],
    ]);
    expect(publicRates([...years, { year: 2024, decided: 7, certified: 5, partiallyCertified: 0 }], 10).years.map((row) => [row.year, row.published])).toEqual([
      [2026, false],
      [2025, true],
      [2024, false],
    ]);
    expect(rates.overall).toEqual({ year: null, published: true, decided: 16, certified: 11, partiallyCertified: 2, rate: 0.688 });
    expect(sumCounts([])).toEqual({ decided: 0, certified: 0, partiallyCertified: 0 });
  });
});

describe('complementary suppression', () => {
  const cells = (...counts: number[]) => counts.map((count, key) => ({ key, count }));
  it('withholds the smallest published cells until the withheld ones hold 0 or at least the threshold', () => {
    expect(suppressedCells(cells(12, 20), 10)).toEqual(new Set());
    expect(suppressedCells(cells(12, 4, 20), 10)).toEqual(new Set([1, 0]));
    expect(suppressedCells(cells(12, 4, 7, 20), 10)).toEqual(new Set([1, 2]));
    expect(suppressedCells(cells(3, 3), 10)).toEqual(new Set([0, 1]));
  });
});

describe('breakdown rows', () => {
  it('always have a rate (null for an empty row) and are labelled when small', () => {
    expect(rateOf(2, 3)).toBe(0.667);
    expect(rateOf(0, 0)).toBeNull();
    expect(isSmallSample(9, 10)).toBe(true);
    expect(isSmallSample(10, 10)).toBe(false);
  });
});

describe('the year argument', () => {
  it('is optional and a plausible calendar year', () => {
    expect(yearArgument(undefined)).toBeNull();
    expect(yearArgument(2026)).toBe(2026);
    expect(() => yearArgument(26)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
