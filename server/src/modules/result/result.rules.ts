// Pure rules for results: the 10-day publication deadline (oral → result published, DOMAIN.md seed 000),
// and what a candidate may see of a decision under the certification's disclosure setting. The view is built
// from a whitelist of fields, so nothing else stored in a decision (and never a juror's own score) gets out.
import type { Outcome, ResultDisclosure } from '../../generated/prisma/enums.ts';
import { addDays, atRiskBefore, deadline } from '../../lib/deadlines.ts';

/** The certifier publishes the result within 10 days of the oral. */
export const PUBLISH_WITHIN_DAYS = 10;
/** A result still to publish is "at risk" when late or due within this many days. */
export const AT_RISK_WITHIN_DAYS = 2;

/** publishBy = oral + 10 × 24 h (the same computation as signMinutes). */
export function publishByFor(oralAt: Date): Date {
  return addDays(oralAt, PUBLISH_WITHIN_DAYS);
}

export interface PublicationStatus {
  publishBy: Date;
  /** Unpublished and past its deadline (exactly at the deadline is still on time). */
  late: boolean;
  /** Unpublished and late, or due within AT_RISK_WITHIN_DAYS. */
  atRisk: boolean;
  /** Whole days left before the deadline (negative once late: -1 = less than one day late); null once published. */
  daysLeft: number | null;
}

export function publicationStatus(result: { publishBy: Date; publishedAt: Date | null }, now: Date = new Date()): PublicationStatus {
  const { late, atRisk, daysLeft } = deadline(result.publishBy, result.publishedAt !== null, AT_RISK_WITHIN_DAYS, now);
  return { publishBy: result.publishBy, late, atRisk, daysLeft };
}

/** The cut-off for the "at risk" filter: results due before it are at risk. */
export function atRiskCutoff(now: Date = new Date()): Date {
  return atRiskBefore(AT_RISK_WITHIN_DAYS, now);
}

/** The candidate may contest the result until publication + the certification's appeal window (in days). */
export function contestUntilFor(publishedAt: Date, appealWindowDays: number): Date {
  return addDays(publishedAt, appealWindowDays);
}

/** Where the candidate contests a result (the appeal form is a later issue). */
export const contestPathFor = (attemptId: string) => `/candidate/attempts/${attemptId}/appeal`;

// ─── What a candidate sees ───

export interface CompetenceView {
  code: string;
  title: string;
  validated: boolean;
  minimumScore: number | null;
  /** The jury's agreed score; null unless the certification discloses scores. */
  agreedScore: number | null;
}

export interface BlockView {
  code: string;
  title: string;
  /** Assessed in this attempt (false: acquired earlier, or outside its scope). */
  inScope: boolean;
  acquiredEarlier: boolean;
  validated: boolean;
  competences: CompetenceView[];
}

export interface DecisionView {
  outcome: Outcome;
  validatedBlockCodes: string[];
  blocks: BlockView[];
  explanation: { fr: string; en: string };
  juryDate: Date;
  /** The jurors' names; null unless the certification discloses them. */
  juryNames: string[] | null;
}

export interface StoredDecision {
  outcome: Outcome;
  validatedBlockCodes: string[];
  /** Decision.details: { blocks: BlockDecision[], explanation: { fr, en } } (decision.rules.ts). */
  details: unknown;
  juryDate: Date;
}

const disclosesScores = (disclosure: ResultDisclosure) => disclosure !== 'DECISION_ONLY';
export const disclosesJuryNames = (disclosure: ResultDisclosure) => disclosure === 'AGREED_SCORES_AND_JURY_NAMES';

const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The decision as the certification lets candidates (and their partner) see it. */
export function decisionView(decision: StoredDecision, disclosure: ResultDisclosure, juryNames: string[]): DecisionView {
  const details = record(decision.details);
  const scores = disclosesScores(disclosure);
  const blocks = list(details.blocks).map((raw): BlockView => {
    const block = record(raw);
    return {
      code: text(block.code),
      title: text(block.title),
      inScope: block.inScope !== false,
      acquiredEarlier: block.acquiredEarlier === true,
      validated: block.validated === true,
      competences: list(block.competences).map((rawCompetence): CompetenceView => {
        const competence = record(rawCompetence);
        return {
          code: text(competence.code),
          title: text(competence.title),
          validated: competence.validated === true,
          minimumScore: num(competence.minimum),
          agreedScore: scores ? num(competence.score) : null,
        };
      }),
    };
  });
  const explanation = record(details.explanation);
  return {
    outcome: decision.outcome,
    validatedBlockCodes: [...decision.validatedBlockCodes],
    blocks,
    explanation: { fr: text(explanation.fr), en: text(explanation.en) || text(explanation.fr) },
    juryDate: decision.juryDate,
    juryNames: disclosesJuryNames(disclosure) ? [...juryNames] : null,
  };
}
