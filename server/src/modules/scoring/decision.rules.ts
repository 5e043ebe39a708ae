// Pure decision rules: from the framework, the jurors' scores and the certification's rule to an
// aggregate per competence, disagreement flags, and the decision per competence, per block and overall.
// Every decision stores RULES_VERSION[rule] so that it can be explained and re-checked later.
import type { AggregationMethod, DecisionRule, Outcome } from '../../generated/prisma/enums.ts';

/** @2: a competence assessed by the timed questionnaire (`byQuestionnaire`) counts its graded questionnaire score, not an agreed oral score. */
export const RULES_VERSION: Readonly<Record<DecisionRule, string>> = {
  ALL_COMPETENCES: 'all-competences@2',
  BY_BLOCK: 'by-block@2',
};

export interface FrameworkShape {
  blocks: {
    code: string;
    title: string;
    competences: {
      id: string;
      code: string;
      title: string;
      minimumScore: number;
      /** Modality QUESTIONNAIRE in a certification with an assessed questionnaire: scored by it, never by the jury. */
      byQuestionnaire?: boolean;
      criteria: { id: string }[];
    }[];
  }[];
}

export interface JurorScore {
  jurorId: string;
  criterionId: string;
  value: number | null;
}

export interface CompetenceAggregate {
  competenceId: string;
  code: string;
  /** Each juror's score on the competence: the mean of their scored criteria (null if none scored). */
  byJuror: Record<string, number | null>;
  /** MEAN or MEDIAN of the jurors' competence scores; for CONSENSUS, the mean, shown as a guide. */
  aggregate: number | null;
  /** Highest minus lowest juror score (0 with a single juror). */
  spread: number | null;
  /** Jurors disagree by more than the certification's threshold. */
  flagged: boolean;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Rounds to 2 decimals so that 2.9999999 compares as 3 against a minimum. */
export const round2 = (value: number) => Math.round(value * 100) / 100;

export function aggregateCompetences(
  framework: FrameworkShape,
  jurorIds: string[],
  scores: JurorScore[],
  method: AggregationMethod,
  disagreementThreshold: number,
): CompetenceAggregate[] {
  const byCriterionAndJuror = new Map<string, number>();
  for (const score of scores) {
    if (score.value !== null) byCriterionAndJuror.set(`${score.criterionId}:${score.jurorId}`, score.value);
  }
  return framework.blocks.flatMap((block) =>
    block.competences.map((competence) => {
      const byJuror: Record<string, number | null> = {};
      for (const jurorId of jurorIds) {
        const values = competence.criteria
          .map((criterion) => byCriterionAndJuror.get(`${criterion.id}:${jurorId}`))
          .filter((value): value is number => value !== undefined);
        byJuror[jurorId] = values.length ? round2(mean(values)) : null;
      }
      const present = Object.values(byJuror).filter((value): value is number => value !== null);
      const aggregate = present.length === 0 ? null : round2(method === 'MEDIAN' ? median(present) : mean(present));
      const spread = present.length === 0 ? null : round2(Math.max(...present) - Math.min(...present));
      return {
        competenceId: competence.id,
        code: competence.code,
        byJuror,
        aggregate,
        spread,
        flagged: spread !== null && spread > disagreementThreshold,
      };
    }),
  );
}

export interface CompetenceDecision {
  competenceId: string;
  code: string;
  title: string;
  score: number | null;
  /** Where the score comes from: the jury's agreed score, or the graded assessed questionnaire. */
  source: 'ORAL' | 'QUESTIONNAIRE';
  minimum: number;
  validated: boolean;
}

export interface BlockDecision {
  code: string;
  title: string;
  /** Not assessed in this attempt (acquired earlier, or outside the attempt's scope). */
  inScope: boolean;
  acquiredEarlier: boolean;
  validated: boolean;
  competences: CompetenceDecision[];
}

export interface DecisionResult {
  rule: DecisionRule;
  ruleVersion: string;
  outcome: Outcome;
  blocks: BlockDecision[];
  /** Blocks validated by this decision (BY_BLOCK), or every block when certified. */
  validatedBlockCodes: string[];
  /** Why, in words, for the minutes (French first; English beside it). */
  explanation: { fr: string; en: string };
}

export interface DecisionInput {
  rule: DecisionRule;
  framework: FrameworkShape;
  /** Agreed score per competence id; a missing competence counts as not validated. */
  agreed: Record<string, number | undefined>;
  /** Graded questionnaire score (on the framework's scale) per `byQuestionnaire` competence id; missing = not validated. */
  questionnaire?: Record<string, number | undefined>;
  /** BY_BLOCK: blocks this attempt covers (empty = all). */
  blockCodesInScope?: string[];
  /** BY_BLOCK: blocks acquired in earlier attempts (they stay acquired). */
  acquiredBlockCodes?: string[];
}

export function decide(input: DecisionInput): DecisionResult {
  const scope = new Set(input.blockCodesInScope ?? []);
  const acquired = new Set(input.acquiredBlockCodes ?? []);
  const byBlock = input.rule === 'BY_BLOCK';
  const blocks: BlockDecision[] = input.framework.blocks.map((block) => {
    const acquiredEarlier = byBlock && acquired.has(block.code);
    const inScope = !acquiredEarlier && (!byBlock || scope.size === 0 || scope.has(block.code));
    const competences = block.competences.map((competence) => {
      const source: CompetenceDecision['source'] = competence.byQuestionnaire ? 'QUESTIONNAIRE' : 'ORAL';
      const score = source === 'QUESTIONNAIRE' ? input.questionnaire?.[competence.id] : input.agreed[competence.id];
      return {
        competenceId: competence.id,
        code: competence.code,
        title: competence.title,
        score: score ?? null,
        source,
        minimum: competence.minimumScore,
        validated: score !== undefined && round2(score) >= competence.minimumScore,
      };
    });
    const validated = acquiredEarlier || (inScope && competences.every((competence) => competence.validated));
    return { code: block.code, title: block.title, inScope, acquiredEarlier, validated, competences };
  });

  const assessed = blocks.filter((block) => block.inScope);
  const failed = assessed.flatMap((block) => block.competences.filter((competence) => !competence.validated));
  let outcome: Outcome;
  let validatedBlockCodes: string[];
  let explanation: { fr: string; en: string };

  if (!byBlock) {
    outcome = failed.length === 0 ? 'CERTIFIED' : 'NOT_CERTIFIED';
    validatedBlockCodes = outcome === 'CERTIFIED' ? blocks.map((block) => block.code) : [];
    const codes = failed.map((competence) => competence.code).join(', ');
    explanation =
      outcome === 'CERTIFIED'
        ? {
            fr: 'Toutes les compétences atteignent leur score minimum : certification obtenue (règle « toutes les compétences », sans validation partielle).',
            en: 'Every competence reaches its minimum score: certified (rule "all competences", no partial validation).',
          }
        : {
            fr: `Compétence(s) sous le minimum : ${codes}. Sans validation partielle, la certification n'est pas obtenue.`,
            en: `Competence(s) below the minimum: ${codes}. With no partial validation, the certification is not awarded.`,
          };
  } else {
    validatedBlockCodes = blocks.filter((block) => block.validated && !block.acquiredEarlier).map((block) => block.code);
    const allValidated = blocks.every((block) => block.validated);
    const anyNew = validatedBlockCodes.length > 0;
    outcome = allValidated ? 'CERTIFIED' : anyNew ? 'PARTIALLY_CERTIFIED' : 'NOT_CERTIFIED';
    const missing = blocks.filter((block) => !block.validated).map((block) => block.code).join(', ');
    const newly = validatedBlockCodes.join(', ') || '—';
    explanation = {
      fr:
        outcome === 'CERTIFIED'
          ? `Tous les blocs sont validés (nouvellement : ${newly}) : certification obtenue (règle « par bloc »).`
          : `Blocs validés par ce jury : ${newly}. Blocs restant à valider : ${missing} (règle « par bloc » : les blocs acquis le restent).`,
      en:
        outcome === 'CERTIFIED'
          ? `Every block is validated (newly: ${newly}): certified (rule "by block").`
          : `Blocks validated by this jury: ${newly}. Blocks still to validate: ${missing} (rule "by block": acquired blocks stay acquired).`,
    };
  }
  return { rule: input.rule, ruleVersion: RULES_VERSION[input.rule], outcome, blocks, validatedBlockCodes, explanation };
}
