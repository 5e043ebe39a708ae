// Pure rules of the oral room: the phase machine, who drives it, and the shared timer.
import type { OralPhase } from '../../generated/prisma/enums.ts';

/** The phases in order. Only the president moves an oral from one to the next. */
export const PHASES: readonly OralPhase[] = [
  'WAITING',
  'IDENTITY_CHECKED',
  'PRESENTATION',
  'QUESTIONS',
  'DELIBERATION',
  'DECIDED',
  'SIGNED',
] as const;

/**
 * Allowed phase changes driven by the president. DECIDED and SIGNED are reached only through
 * `decide` and the last signature, never set directly; DECIDED may go back to DELIBERATION until
 * the first signature (a correction before the minutes are signed). WAITING → IDENTITY_CHECKED is not a
 * plain move either: the president confirms the candidate's identity document (`confirmCandidateIdentity`).
 */
export const PRESIDENT_TRANSITIONS: Readonly<Record<OralPhase, readonly OralPhase[]>> = {
  WAITING: [],
  IDENTITY_CHECKED: ['PRESENTATION'],
  PRESENTATION: ['QUESTIONS'],
  QUESTIONS: ['DELIBERATION'],
  DELIBERATION: [],
  DECIDED: ['DELIBERATION'],
  SIGNED: [],
};

export function canMovePhase(from: OralPhase, to: OralPhase): boolean {
  return PRESIDENT_TRANSITIONS[from].includes(to);
}

/** Jurors score from the presentation until the decision (the grid is filled during the oral). */
export function scoringOpen(phase: OralPhase): boolean {
  return phase === 'PRESENTATION' || phase === 'QUESTIONS' || phase === 'DELIBERATION';
}

/** Other jurors' values are revealed once deliberation opens (blind, independent scoring before). */
export function scoresRevealed(phase: OralPhase): boolean {
  return PHASES.indexOf(phase) >= PHASES.indexOf('DELIBERATION');
}

export interface OralTimings {
  presentationMinutes: number;
  questionsMinutes: number;
  /** Accommodation extra time for the whole oral, shared in proportion between the two timed phases. */
  extraTimeMinutes: number;
}

/** Length of a timed phase in milliseconds, or null for untimed phases. */
export function phaseDurationMs(phase: OralPhase, timings: OralTimings): number | null {
  const base = phase === 'PRESENTATION' ? timings.presentationMinutes : phase === 'QUESTIONS' ? timings.questionsMinutes : null;
  if (base === null) return null;
  const total = timings.presentationMinutes + timings.questionsMinutes;
  const extra = total > 0 ? (timings.extraTimeMinutes * base) / total : 0;
  return Math.round((base + extra) * 60_000);
}

/** When the current phase's countdown ends (server time is the reference), or null. */
export function phaseEndsAt(phase: OralPhase, startedAt: Date | null, timings: OralTimings): Date | null {
  const duration = phaseDurationMs(phase, timings);
  return duration === null || !startedAt ? null : new Date(startedAt.getTime() + duration);
}
