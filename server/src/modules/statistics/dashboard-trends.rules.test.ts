import { describe, expect, it } from 'vitest';
import { fillMonths, monthsArgument, trendMonths } from './dashboard-trends.rules.ts';

describe('dashboard trends rules', () => {
  it('ends the window with the current month in Europe/Paris, across years', () => {
    // 31 December 23:30 UTC is already January in Paris.
    expect(trendMonths(3, new Date('2025-12-31T23:30:00Z'))).toEqual(['2025-11', '2025-12', '2026-01']);
    expect(trendMonths(12, new Date('2026-03-15T12:00:00Z'))).toEqual([
      '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03',
    ]);
  });

  it('fills months without decisions with zeros and sums the certifications of a month', () => {
    const months = fillMonths(['2026-01', '2026-02', '2026-03'], [
      { month: '2026-02', certificationId: 'b', decided: 4, certified: 1, partiallyCertified: 2 },
      { month: '2026-02', certificationId: 'a', decided: 1, certified: 1, partiallyCertified: 0 },
    ]);
    expect(months[0]).toEqual({ month: '2026-01', decided: 0, certified: 0, partiallyCertified: 0, rate: null, byCertification: [] });
    expect(months[1]).toMatchObject({ month: '2026-02', decided: 5, certified: 2, partiallyCertified: 2, rate: 0.4 });
    expect(months[1].byCertification.map((row) => row.certificationId)).toEqual(['a', 'b']);
    expect(months[2].decided).toBe(0);
  });

  it('validates the number of months', () => {
    expect(monthsArgument(undefined)).toBe(12);
    expect(monthsArgument(36)).toBe(36);
    for (const wrong of [0, 37, -1, 1.5]) expect(() => monthsArgument(wrong)).toThrow();
  });
});
