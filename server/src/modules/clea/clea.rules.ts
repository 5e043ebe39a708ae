// Pure rules of the CléA pathway (seed 003): the 5-year window from the preliminary evaluation to the final one,
// which modules a cycle has validated, when a file is complete, the joint commission's balance rule, and the
// inputs' shapes. A cycle is one preliminary evaluation and the final evaluations recorded after it.
import { z } from 'zod';
import type { Representation } from '../../generated/prisma/enums.ts';
import { addYears, deadline, type Deadline } from '../../lib/deadlines.ts';
import { message } from '../../lib/messages.ts';

/** The candidate has 5 years from the preliminary evaluation to take the final one (seed 003). */
export const CLEA_WINDOW_YEARS = 5;
/** The window is "at risk" in its last 6 months. */
export const CLEA_AT_RISK_DAYS = 180;
export const CLEA_MODULE_COUNT = 7;
export const COMMENT_MAX = 2000;
export const TO_TRAIN_MAX = 1000;
export const REASON_MIN = 3;
export const REASON_MAX = 2000;

export const finalEvaluationDeadlineFor = (preliminaryAt: Date) => addYears(preliminaryAt, CLEA_WINDOW_YEARS);

/** The window of a cycle; done once the file is complete (every module validated) or decided. */
export function cleaWindow(preliminaryAt: Date, done: boolean, now = new Date()): Deadline {
  return deadline(finalEvaluationDeadlineFor(preliminaryAt), done, CLEA_AT_RISK_DAYS, now);
}

export interface EvaluationFacts {
  id: string;
  kind: 'PRELIMINARY' | 'FINAL';
  evaluatedAt: Date;
  supersededAt: Date | null;
  results: { blockCode: string; mastered: boolean }[];
}

/** The current cycle: the latest preliminary not superseded, and the finals recorded after it. */
export function currentCycle<E extends EvaluationFacts>(evaluations: E[]): { preliminary: E | null; finals: E[] } {
  const preliminary =
    evaluations
      .filter((evaluation) => evaluation.kind === 'PRELIMINARY' && !evaluation.supersededAt)
      .sort((a, b) => b.evaluatedAt.getTime() - a.evaluatedAt.getTime())[0] ?? null;
  if (!preliminary) return { preliminary: null, finals: [] };
  const finals = evaluations
    .filter((evaluation) => evaluation.kind === 'FINAL' && evaluation.evaluatedAt.getTime() >= preliminary.evaluatedAt.getTime())
    .sort((a, b) => a.evaluatedAt.getTime() - b.evaluatedAt.getTime());
  return { preliminary, finals };
}

/**
 * The modules a cycle validated, with the date of the evaluation that first found them mastered. A module
 * mastered at the preliminary evaluation is acquired (seed 003: with all 7, the file goes straight to the
 * commission); a later final evaluation can only add modules, never take one back.
 */
export function validatedModules(cycle: { preliminary: EvaluationFacts | null; finals: EvaluationFacts[] }): Map<string, Date> {
  const validated = new Map<string, Date>();
  for (const evaluation of cycle.preliminary ? [cycle.preliminary, ...cycle.finals] : []) {
    for (const result of evaluation.results) {
      if (result.mastered && !validated.has(result.blockCode)) validated.set(result.blockCode, evaluation.evaluatedAt);
    }
  }
  return validated;
}

export const isComplete = (moduleCodes: readonly string[], validated: ReadonlyMap<string, Date>) =>
  moduleCodes.length > 0 && moduleCodes.every((code) => validated.has(code));

/** Where a file stands on the journey (what the candidate's timeline shows). */
export type CleaStage = 'AWAITING_PRELIMINARY' | 'TRAINING' | 'WINDOW_EXPIRED' | 'AWAITING_COMMISSION' | 'CERTIFIED' | 'REJECTED';

export function cleaStage(input: { hasPreliminary: boolean; complete: boolean; outcome: 'CERTIFIED' | 'REJECTED' | null; windowLate: boolean }): CleaStage {
  if (input.outcome) return input.outcome;
  if (!input.hasPreliminary) return 'AWAITING_PRELIMINARY';
  if (input.complete) return 'AWAITING_COMMISSION';
  return input.windowLate ? 'WINDOW_EXPIRED' : 'TRAINING';
}

// ─── The joint commission ───

export interface CommissionRule {
  employerSeats: number;
  employeeSeats: number;
}
export const DEFAULT_COMMISSION_RULE: CommissionRule = { employerSeats: 1, employeeSeats: 1 };

export interface BalanceCheck {
  balanced: boolean;
  employers: number;
  employees: number;
}

/**
 * Parity ("composée paritairement"): employer and employee representatives in the certification's ratio
 * (employers × employeeSeats = employees × employerSeats), at least one of each, and nobody else.
 */
export function commissionBalance(representations: (Representation | null | undefined)[], rule: CommissionRule): BalanceCheck {
  const employers = representations.filter((r) => r === 'EMPLOYER').length;
  const employees = representations.filter((r) => r === 'EMPLOYEE').length;
  const others = representations.length - employers - employees;
  const balanced = others === 0 && employers > 0 && employees > 0 && employers * rule.employeeSeats === employees * rule.employerSeats;
  return { balanced, employers, employees };
}

// ─── Inputs ───

const comment = z.string().trim().max(COMMENT_MAX, { error: message('clea.comment') }).nullable().optional();

export const evaluationSchema = z.object({
  attemptId: z.string().uuid(),
  kind: z.enum(['PRELIMINARY', 'FINAL']),
  evaluatedAt: z.date().nullable().optional(),
  modules: z
    .array(z.object({ blockCode: z.string().trim().min(1).max(40), mastered: z.boolean(), comment }))
    .min(1, { error: message('clea.modules') })
    .max(CLEA_MODULE_COUNT, { error: message('clea.modules') }),
});
export type EvaluationInput = z.infer<typeof evaluationSchema>;

export const trainingLineSchema = z.object({
  attemptId: z.string().uuid(),
  blockCode: z.string().trim().min(1).max(40),
  toTrain: z.string().trim().min(3, { error: message('clea.toTrain') }).max(TO_TRAIN_MAX, { error: message('clea.toTrain') }),
  partnerId: z.string().uuid().nullable().optional(),
});
export type TrainingLineInput = z.infer<typeof trainingLineSchema>;

export const commissionRuleSchema = z.object({
  certificationId: z.string().uuid(),
  employerSeats: z.number().int().min(1).max(20),
  employeeSeats: z.number().int().min(1).max(20),
});

export const composeCommissionSchema = z.object({
  certificationId: z.string().uuid(),
  name: z.string().trim().min(3).max(200),
  members: z
    .array(z.object({ jurorId: z.string().uuid(), role: z.enum(['PRESIDENT', 'MEMBER']), representation: z.enum(['EMPLOYER', 'EMPLOYEE', 'QUALIFIED_PERSON']) }))
    .min(2)
    .max(40),
});
export type ComposeCommissionInput = z.infer<typeof composeCommissionSchema>;

export const decideSchema = z
  .object({
    attemptId: z.string().uuid(),
    commissionId: z.string().uuid(),
    certified: z.boolean(),
    reason: z.string().trim().max(REASON_MAX, { error: message('clea.reason') }).nullable().optional(),
  })
  .refine((input) => input.certified || (input.reason ?? '').length >= REASON_MIN, { path: ['reason'], error: message('clea.reason') });
export type DecideInput = z.infer<typeof decideSchema>;
