import { describe, expect, it } from 'vitest';
import { addMonths, mergePeriods, monthsCovered, monthsIn, vaeEligibility, vaeRouteOpen } from './experience.rules.ts';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const p = (start: string, end: string, accepted: boolean | null = true) => ({ start: d(start), end: d(end), accepted });

describe('VAE experience months', () => {
  it('counts whole calendar months, both ends included', () => {
    expect(monthsIn(p('2024-01-01', '2024-12-31'))).toBe(12);
    expect(monthsIn(p('2024-01-01', '2024-11-30'))).toBe(11);
    expect(monthsIn(p('2024-02-01', '2024-02-29'))).toBe(1);
    expect(monthsIn(p('2024-01-15', '2024-01-29'))).toBeCloseTo(15 / 31, 5);
  });

  it('clamps the day when adding months', () => {
    expect(addMonths(d('2024-01-31'), 1).toISOString().slice(0, 10)).toBe('2024-02-29');
    expect(addMonths(d('2023-11-30'), 3).toISOString().slice(0, 10)).toBe('2024-02-29');
  });

  it('merges overlapping and adjacent periods, so an overlap counts once', () => {
    expect(mergePeriods([p('2024-03-01', '2024-09-30'), p('2024-01-01', '2024-07-31')]).map((x) => [x.start.toISOString().slice(0, 10), x.end.toISOString().slice(0, 10)])).toEqual([['2024-01-01', '2024-09-30']]);
    expect(mergePeriods([p('2024-01-01', '2024-06-30'), p('2024-07-01', '2024-12-31')])).toHaveLength(1);
    expect(mergePeriods([p('2024-01-01', '2024-06-30'), p('2024-07-02', '2024-12-31')])).toHaveLength(2);
    // Two overlapping 7-month periods make 9 months, not 14.
    expect(monthsCovered([p('2024-01-01', '2024-07-31'), p('2024-03-01', '2024-09-30')])).toBe(9);
    // A period inside another adds nothing.
    expect(monthsCovered([p('2020-01-01', '2020-12-31'), p('2020-04-01', '2020-05-31')])).toBe(12);
  });

  it('adds up disjoint periods (the activity need not be continuous)', () => {
    expect(monthsCovered([p('2019-01-01', '2019-06-30'), p('2022-01-01', '2022-06-30')])).toBe(12);
    expect(monthsCovered([])).toBe(0);
  });
});

describe('VAE eligibility', () => {
  it('needs 12 months of accepted periods', () => {
    expect(vaeEligibility(true, [p('2024-01-01', '2024-11-30')])).toMatchObject({ eligible: false, reason: 'NOT_ENOUGH_EXPERIENCE', acceptedMonths: 11 });
    expect(vaeEligibility(true, [p('2024-01-01', '2024-07-31'), p('2024-03-01', '2024-09-30')])).toMatchObject({ eligible: false, acceptedMonths: 9 });
    expect(vaeEligibility(true, [p('2024-01-01', '2024-12-31')])).toMatchObject({ eligible: true, reason: null, acceptedMonths: 12, requiredMonths: 12 });
  });

  it('counts neither pending nor refused periods', () => {
    const result = vaeEligibility(true, [p('2010-01-01', '2015-12-31', null), p('2016-01-01', '2019-12-31', false), p('2020-01-01', '2020-06-30')]);
    expect(result).toMatchObject({ eligible: false, acceptedMonths: 6, pendingMonths: 72, pendingPeriods: 1, refusedPeriods: 1, acceptedPeriods: 1 });
  });

  it('is closed for an RS certification, open for RNCP and RNCP-registered CQP', () => {
    expect(vaeRouteOpen({ registry: 'RS', rncpCode: null })).toBe(false);
    expect(vaeRouteOpen({ registry: 'RS', rncpCode: 'RNCP1' })).toBe(false);
    expect(vaeRouteOpen({ registry: 'RNCP', rncpCode: null })).toBe(true);
    expect(vaeRouteOpen({ registry: 'CQP', rncpCode: null })).toBe(false);
    expect(vaeRouteOpen({ registry: 'CQP', rncpCode: 'RNCP37859' })).toBe(true);
    expect(vaeEligibility(false, [p('2010-01-01', '2020-12-31')])).toMatchObject({ eligible: false, reason: 'ROUTE_CLOSED', acceptedMonths: 132 });
  });
});
