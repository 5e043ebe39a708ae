import { ORAL_PHASES, type Locale, type OralPhase } from '../graphql/types';

/**
 * The phases the president moves the oral to, one after the other. WAITING → IDENTITY_CHECKED is not a
 * move: the president confirms the candidate's identity (confirmCandidateIdentity, with the document's
 * type); DECIDED and SIGNED come from actions too.
 */
const NEXT_PHASE: Partial<Record<OralPhase, OralPhase>> = {
  IDENTITY_CHECKED: 'PRESENTATION',
  PRESENTATION: 'QUESTIONS',
  QUESTIONS: 'DELIBERATION',
};

/** The phase the president may move to next (moveOralPhase), or null (identity check, decision, signatures). */
export function nextPhase(phase: OralPhase): OralPhase | null {
  return NEXT_PHASE[phase] ?? null;
}

/** What the president does next to move the oral on: confirm the identity, move the phase, or nothing here. */
export type PresidentStep = { kind: 'identity' } | { kind: 'move'; to: OralPhase } | null;

export function presidentStep(phase: OralPhase, lockedAt: string | null): PresidentStep {
  if (lockedAt) return null;
  if (phase === 'WAITING') return { kind: 'identity' };
  const to = nextPhase(phase);
  return to ? { kind: 'move', to } : null;
}

/**
 * Locked by a fraud report: the oral is locked (lockedAt) but its minutes were not all signed (the last
 * signature is the other way an oral gets locked, and moves it to SIGNED).
 */
export function lockedByFraud(phase: OralPhase, lockedAt: string | null): boolean {
  return Boolean(lockedAt) && phase !== 'SIGNED';
}

/** The president may report a suspected fraud while the oral is still open. */
export function canReportFraud(phase: OralPhase, lockedAt: string | null): boolean {
  return !lockedAt && phase !== 'SIGNED';
}

/** The statement of a fraud report: 10 to 5,000 characters once trimmed (as the server checks). */
export const FRAUD_STATEMENT_MIN = 10;
export const FRAUD_STATEMENT_MAX = 5000;

export function fraudStatementProblem(text: string): 'tooShort' | 'tooLong' | null {
  const length = text.trim().length;
  if (length < FRAUD_STATEMENT_MIN) return 'tooShort';
  if (length > FRAUD_STATEMENT_MAX) return 'tooLong';
  return null;
}

export function phaseIndex(phase: OralPhase): number {
  return ORAL_PHASES.indexOf(phase);
}

/** Jurors score from the presentation until the decision (the server refuses other phases). */
export function scoringOpen(phase: OralPhase, lockedAt: string | null): boolean {
  return !lockedAt && (phase === 'PRESENTATION' || phase === 'QUESTIONS' || phase === 'DELIBERATION');
}

/** Why scoring is closed, as an i18n key under room.scoringClosed (null when it is open). */
export function scoringClosedReason(phase: OralPhase, lockedAt: string | null): 'frozen' | 'locked' | 'notYet' | 'decided' | null {
  if (lockedByFraud(phase, lockedAt)) return 'frozen';
  if (lockedAt || phase === 'SIGNED') return 'locked';
  if (scoringOpen(phase, lockedAt)) return null;
  return phase === 'DECIDED' ? 'decided' : 'notYet';
}

// ---------------------------------------------------------------------------
// Countdown
// ---------------------------------------------------------------------------

export type CountdownTone = 'normal' | 'warning' | 'over';

/** Under two minutes the countdown turns amber; at zero, red. */
export const COUNTDOWN_WARNING_MS = 2 * 60_000;

/** "mm:ss" of the time left (rounded up to the second; never negative). */
export function formatCountdown(remainingMs: number): string {
  const total = Math.max(0, Math.ceil(remainingMs / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

export function countdownTone(remainingMs: number): CountdownTone {
  if (remainingMs <= 0) return 'over';
  if (remainingMs < COUNTDOWN_WARNING_MS) return 'warning';
  return 'normal';
}

// ---------------------------------------------------------------------------
// Deliberation
// ---------------------------------------------------------------------------

/** Same rounding as the server (2 decimals). */
export const round2 = (value: number): number => Math.round(value * 100) / 100;

/** The server requires a justification when the agreed score departs from the aggregate (except CONSENSUS). */
export function departsFromAggregate(value: number, aggregate: number | null): boolean {
  return aggregate === null || Math.abs(round2(value) - aggregate) > 0.001;
}

export function justificationRequired(value: number | null, aggregate: number | null, aggregationMethod: string): boolean {
  return value !== null && aggregationMethod !== 'CONSENSUS' && departsFromAggregate(value, aggregate);
}

/** A typed decimal ("2,5" or "2.5") as a number, or null when empty or not a number. */
export function parseDecimal(text: string): number | null {
  const normalised = text.trim().replace(',', '.');
  if (!normalised) return null;
  const value = Number(normalised);
  return Number.isFinite(value) ? value : null;
}

// ---------------------------------------------------------------------------
// Decision and minutes (free-form JSON read defensively)
// ---------------------------------------------------------------------------

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asNumber = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const asString = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The explanation in the UI language: `{ fr, en }`, or a plain (French) string in older decisions. */
export function explanationText(explanation: unknown, locale: Locale): string | null {
  if (typeof explanation === 'string') return explanation;
  if (!isObject(explanation)) return null;
  return asString(explanation[locale]) ?? asString(explanation.fr) ?? asString(explanation.en);
}

export interface DecidedCompetence {
  code: string;
  title: string;
  score: number | null;
  minimum: number | null;
  validated: boolean;
}

export interface DecidedBlock {
  code: string;
  title: string;
  validated: boolean;
  /** False when the block was not assessed by this attempt (acquired earlier, or out of scope). */
  inScope: boolean;
  acquiredEarlier: boolean;
  competences: DecidedCompetence[];
}

function decidedCompetence(item: unknown): DecidedCompetence | null {
  if (!isObject(item)) return null;
  return {
    code: asString(item.code) ?? '',
    title: asString(item.title) ?? '',
    score: asNumber(item.score) ?? asNumber(item.agreedValue),
    minimum: asNumber(item.minimum) ?? asNumber(item.minimumScore),
    validated: item.validated === true,
  };
}

/**
 * Blocks and competences of a decision's `details`: `blocks[].competences[]` (decisions taken in the
 * room) or `blocks[]` plus a flat `competences[]` carrying `blockCode` (older decisions).
 */
export function decisionBlocks(details: unknown): DecidedBlock[] {
  if (!isObject(details)) return [];
  const flat = asArray(details.competences).filter(isObject);
  return asArray(details.blocks)
    .filter(isObject)
    .map((block) => {
      const code = asString(block.code) ?? '';
      const nested = asArray(block.competences);
      const source = nested.length ? nested : flat.filter((item) => item.blockCode === code);
      return {
        code,
        title: asString(block.title) ?? '',
        validated: block.validated === true,
        inScope: block.inScope !== false,
        acquiredEarlier: block.acquiredEarlier === true,
        competences: source.map(decidedCompetence).filter((item): item is DecidedCompetence => item !== null),
      };
    });
}

export interface MinutesCompetence {
  code: string;
  aggregate: number | null;
  agreed: number | null;
  justification: string | null;
  flagged: boolean;
}

export interface MinutesSummary {
  outcome: string | null;
  ruleVersion: string | null;
  explanation: unknown;
  juryDate: string | null;
  candidateName: string | null;
  competences: MinutesCompetence[];
}

/** What the jurors sign, read from the minutes' content (both the room's and older layouts). */
export function minutesSummary(content: unknown): MinutesSummary {
  const root = isObject(content) ? content : {};
  const decision = isObject(root.decision) ? root.decision : {};
  const candidate = isObject(root.candidate) ? root.candidate : {};
  return {
    outcome: asString(decision.outcome),
    ruleVersion: asString(decision.ruleVersion),
    explanation: decision.explanation,
    juryDate: asString(root.juryDate),
    candidateName: asString(candidate.name),
    competences: asArray(root.competences)
      .filter(isObject)
      .map((item) => ({
        code: asString(item.code) ?? '',
        aggregate: asNumber(item.aggregate) ?? asNumber(item.aggregateValue),
        agreed: asNumber(item.agreed) ?? asNumber(item.agreedValue),
        justification: asString(item.justification),
        flagged: item.flagged === true,
      })),
  };
}

/** The first characters of a content hash, enough to compare by eye. */
export function shortHash(hash: string): string {
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash;
}
