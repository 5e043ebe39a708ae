import { describe, expect, it } from 'vitest';
import { addYears } from '../../lib/deadlines.ts';
import { cleaStage, cleaWindow, commissionBalance, currentCycle, finalEvaluationDeadlineFor, isComplete, validatedModules, type EvaluationFacts } from './clea.rules.ts';

const at = (iso: string) => new Date(iso);
const evaluation = (id: string, kind: 'PRELIMINARY' | 'FINAL', when: string, mastered: string[], notMastered: string[] = [], supersededAt: Date | null = null): EvaluationFacts => ({
  id,
  kind,
  evaluatedAt: at(when),
  supersededAt,
  results: [...mastered.map((blockCode) => ({ blockCode, mastered: true })), ...notMastered.map((blockCode) => ({ blockCode, mastered: false }))],
});

describe('the 5-year window', () => {
  it('ends 5 calendar years after the preliminary evaluation', () => {
    expect(finalEvaluationDeadlineFor(at('2021-03-15T09:00:00Z')).toISOString()).toBe('2026-03-15T09:00:00.000Z');
    expect(addYears(at('2024-02-29T12:00:00Z'), 5).toISOString()).toBe('2029-03-01T12:00:00.000Z');
  });

  it('is at risk in its last 180 days and late after it, unless the file is complete', () => {
    const preliminary = at('2021-03-15T09:00:00Z');
    expect(cleaWindow(preliminary, false, at('2025-06-01T00:00:00Z'))).toMatchObject({ late: false, atRisk: false });
    expect(cleaWindow(preliminary, false, at('2026-01-01T00:00:00Z'))).toMatchObject({ late: false, atRisk: true });
    expect(cleaWindow(preliminary, false, at('2026-03-15T09:00:00Z'))).toMatchObject({ late: false }); // exactly at the deadline: on time
    expect(cleaWindow(preliminary, false, at('2026-03-15T09:00:01Z'))).toMatchObject({ late: true, atRisk: true });
    expect(cleaWindow(preliminary, true, at('2027-01-01T00:00:00Z'))).toMatchObject({ late: false, atRisk: false, daysLeft: null });
  });
});

describe('cycles and validated modules', () => {
  const modules = ['M1', 'M2', 'M3'];

  it('counts the current preliminary evaluation and the finals after it, never an old cycle', () => {
    const old = evaluation('p1', 'PRELIMINARY', '2018-01-10T00:00:00Z', ['M1', 'M2', 'M3'], [], at('2024-01-01T00:00:00Z'));
    const oldFinal = evaluation('f0', 'FINAL', '2019-01-10T00:00:00Z', ['M3']);
    const current = evaluation('p2', 'PRELIMINARY', '2024-01-01T00:00:00Z', ['M1'], ['M2', 'M3']);
    const final = evaluation('f1', 'FINAL', '2024-06-01T00:00:00Z', ['M2'], ['M3']);
    const cycle = currentCycle([old, oldFinal, current, final]);
    expect(cycle.preliminary?.id).toBe('p2');
    expect(cycle.finals.map((e) => e.id)).toEqual(['f1']);
    const validated = validatedModules(cycle);
    expect([...validated.keys()]).toEqual(['M1', 'M2']);
    expect(validated.get('M2')?.toISOString()).toBe('2024-06-01T00:00:00.000Z');
    expect(isComplete(modules, validated)).toBe(false);
  });

  it('never takes a validated module back', () => {
    const cycle = currentCycle([
      evaluation('p', 'PRELIMINARY', '2024-01-01T00:00:00Z', ['M1', 'M2'], ['M3']),
      evaluation('f1', 'FINAL', '2024-03-01T00:00:00Z', ['M3'], ['M1']),
    ]);
    expect(isComplete(modules, validatedModules(cycle))).toBe(true);
  });

  it('tells the stage', () => {
    expect(cleaStage({ hasPreliminary: false, complete: false, outcome: null, windowLate: false })).toBe('AWAITING_PRELIMINARY');
    expect(cleaStage({ hasPreliminary: true, complete: false, outcome: null, windowLate: false })).toBe('TRAINING');
    expect(cleaStage({ hasPreliminary: true, complete: false, outcome: null, windowLate: true })).toBe('WINDOW_EXPIRED');
    expect(cleaStage({ hasPreliminary: true, complete: true, outcome: null, windowLate: false })).toBe('AWAITING_COMMISSION');
    expect(cleaStage({ hasPreliminary: true, complete: true, outcome: 'REJECTED', windowLate: false })).toBe('REJECTED');
  });
});

describe('the commission balance rule', () => {
  it('needs employers and employees in the ratio, at least one of each, and nobody else', () => {
    const parity = { employerSeats: 1, employeeSeats: 1 };
    expect(commissionBalance(['EMPLOYER', 'EMPLOYEE'], parity).balanced).toBe(true);
    expect(commissionBalance(['EMPLOYER', 'EMPLOYEE', 'EMPLOYER', 'EMPLOYEE'], parity).balanced).toBe(true);
    expect(commissionBalance(['EMPLOYER', 'EMPLOYER', 'EMPLOYEE'], parity)).toEqual({ balanced: false, employers: 2, employees: 1 });
    expect(commissionBalance(['EMPLOYER', 'EMPLOYEE', 'QUALIFIED_PERSON'], parity).balanced).toBe(false);
    expect(commissionBalance(['EMPLOYER', 'EMPLOYEE', null], parity).balanced).toBe(false);
    expect(commissionBalance([], parity).balanced).toBe(false);
    const twoToOne = { employerSeats: 2, employeeSeats: 1 };
    expect(commissionBalance(['EMPLOYER', 'EMPLOYER', 'EMPLOYEE'], twoToOne).balanced).toBe(true);
    expect(commissionBalance(['EMPLOYER', 'EMPLOYEE'], twoToOne).balanced).toBe(false);
  });
});
