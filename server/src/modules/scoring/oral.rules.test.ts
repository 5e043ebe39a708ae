import { describe, expect, it } from 'vitest';
import { PHASES, canMovePhase, phaseDurationMs, phaseEndsAt, scoresRevealed, scoringOpen } from './oral.rules.ts';

describe('phase machine', () => {
  it('allows exactly the listed president transitions (every pair checked)', () => {
    // WAITING > IDENTITY_CHECKED goes through the identity confirmation, not a plain move.
    const allowed = new Set([
      'IDENTITY_CHECKED>PRESENTATION',
      'PRESENTATION>QUESTIONS',
      'QUESTIONS>DELIBERATION',
      'DECIDED>DELIBERATION',
    ]);
    for (const from of PHASES) for (const to of PHASES) expect(canMovePhase(from, to), `${from}>${to}`).toBe(allowed.has(`${from}>${to}`));
  });

  it('opens scoring during the oral and deliberation, and reveals values only from deliberation', () => {
    expect(PHASES.filter(scoringOpen)).toEqual(['PRESENTATION', 'QUESTIONS', 'DELIBERATION']);
    expect(PHASES.filter(scoresRevealed)).toEqual(['DELIBERATION', 'DECIDED', 'SIGNED']);
  });
});

describe('timer', () => {
  const timings = { presentationMinutes: 15, questionsMinutes: 15, extraTimeMinutes: 0 };
  it('times the presentation and questions phases only', () => {
    expect(phaseDurationMs('PRESENTATION', timings)).toBe(15 * 60_000);
    expect(phaseDurationMs('QUESTIONS', timings)).toBe(15 * 60_000);
    expect(phaseDurationMs('WAITING', timings)).toBeNull();
    expect(phaseDurationMs('DELIBERATION', timings)).toBeNull();
  });
  it('shares accommodation extra time between the timed phases in proportion', () => {
    const withExtra = { presentationMinutes: 10, questionsMinutes: 20, extraTimeMinutes: 9 };
    expect(phaseDurationMs('PRESENTATION', withExtra)).toBe(13 * 60_000);
    expect(phaseDurationMs('QUESTIONS', withExtra)).toBe(26 * 60_000);
  });
  it('computes the end from the server start time', () => {
    const start = new Date('2026-11-23T09:00:00Z');
    expect(phaseEndsAt('PRESENTATION', start, timings)?.toISOString()).toBe('2026-11-23T09:15:00.000Z');
    expect(phaseEndsAt('PRESENTATION', null, timings)).toBeNull();
  });
});
