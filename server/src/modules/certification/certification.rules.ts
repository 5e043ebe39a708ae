// Pure rules for certifications and their versioned frameworks: code formats per registry, oral timings,
// framework content (scale, unique codes, minimum within the scale) and what "publishable" means.
import { z } from 'zod';
import { AggregationMethod, DecisionRule, Modality, Registry, ResultDisclosure } from '../../generated/prisma/enums.ts';
import { translate } from '../../lib/messages.ts';

/** France Compétences and branch code formats. CQP: "CQP" + branch reference; CléA: "CLEA" or "CLEA-<variant>". */
export const CERTIFICATION_CODE_PATTERNS: Record<Registry, { pattern: RegExp; expected: string }> = {
  RNCP: { pattern: /^RNCP\d{1,6}$/, expected: 'RNCP + chiffres, ex. RNCP36004' },
  RS: { pattern: /^RS\d{1,6}$/, expected: 'RS + chiffres, ex. RS5302' },
  CQP: { pattern: /^CQPM?[0-9A-Z-]{1,20}$/, expected: 'CQP + référence de branche, ex. CQP0042, CQPM0281' },
  CLEA: { pattern: /^CLEA(-[A-Z0-9]{1,20})?$/, expected: 'CLEA ou CLEA-<variante>, ex. CLEA-NUMERIQUE' },
};

export function isValidCertificationCode(registry: Registry, code: string): boolean {
  return CERTIFICATION_CODE_PATTERNS[registry].pattern.test(code);
}

/** The registry a France Compétences fiche number belongs to (RNCP or RS), else null. */
export function registryOfFiche(code: string): 'RNCP' | 'RS' | null {
  if (CERTIFICATION_CODE_PATTERNS.RNCP.pattern.test(code)) return 'RNCP';
  if (CERTIFICATION_CODE_PATTERNS.RS.pattern.test(code)) return 'RS';
  return null;
}

const CODE = /^[A-Z0-9][A-Z0-9_.-]{0,39}$/;
const code = () => z.string().trim().regex(CODE, { error: () => translate('validation.code') });
const text = (max: number) => z.string().trim().min(1).max(max);

/** Registries whose certifications may also be registered in the RNCP (which opens VAE): CQP and CléA. */
export const RNCP_LINKABLE_REGISTRIES: readonly Registry[] = ['CQP', 'CLEA'];

const certificationFields = {
  title: text(300),
  /** A CQP or CléA also registered in the RNCP: its RNCP code (empty clears it). */
  rncpCode: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
    z.string().trim().toUpperCase().regex(CERTIFICATION_CODE_PATTERNS.RNCP.pattern, { error: () => translate('validation.rncpCode') }).nullable().optional(),
  ),
  level: z.number().int().min(1).max(8).nullable().optional(),
  decisionRule: z.enum(DecisionRule),
  aggregationMethod: z.enum(AggregationMethod),
  disagreementThreshold: z.number().positive().max(100),
  oralTotalMinutes: z.number().int().min(1).max(600),
  oralPresentationMinutes: z.number().int().min(0).max(600),
  oralQuestionsMinutes: z.number().int().min(0).max(600),
  minJurySize: z.number().int().max(20),
  successRateMinCandidates: z.number().int().min(1).max(10_000),
  active: z.boolean(),
  resultDisclosure: z.enum(ResultDisclosure),
  /** Days after publication during which the candidate may contest a result (modules/appeal). */
  appealWindowDays: z.number().int().min(1).max(365),
  /** Attempts allowed per candidate (retakes included); null = unlimited. */
  maxAttempts: z.number().int().min(1).max(100).nullable(),
  /** Validity of the certification in months from the jury (the CDC's dateFinValidite); null = permanent. */
  validityMonths: z.number().int().min(1).max(1200).nullable(),
  /** Assessed questionnaire (QUESTIONNAIRE competences scored by it), its duration in minutes and number of questions drawn. */
  assessedQuestionnaire: z.boolean(),
  questionnaireMinutes: z.number().int().min(1).max(600),
  questionnaireQuestions: z.number().int().min(1).max(100),
};

type Timings = { oralTotalMinutes?: number; oralPresentationMinutes?: number; oralQuestionsMinutes?: number };

/** total = presentation + questions (all three known after merging an update with the stored row). */
export function timingsConsistent(t: Required<Timings>): boolean {
  return t.oralTotalMinutes === t.oralPresentationMinutes + t.oralQuestionsMinutes;
}

/** An RNCP code only on a CQP or a CléA (an RNCP certification is its own; an RS one is not in the RNCP). */
export const rncpCodeAllowed = (registry: Registry, rncpCode: string | null | undefined) => !rncpCode || RNCP_LINKABLE_REGISTRIES.includes(registry);

function checkTimingsAndJury(value: Timings & { minJurySize?: number }, ctx: z.RefinementCtx) {
  if (value.minJurySize !== undefined && value.minJurySize < 2) {
    ctx.addIssue({ code: 'custom', path: ['minJurySize'], message: translate('validation.minJurySize') });
  }
  const { oralTotalMinutes: total, oralPresentationMinutes: presentation, oralQuestionsMinutes: questions } = value;
  if (total !== undefined && presentation !== undefined && questions !== undefined && total !== presentation + questions) {
    ctx.addIssue({ code: 'custom', path: ['oralTotalMinutes'], message: translate('validation.oralTimings', { total, presentation, questions }) });
  }
}

export const createCertificationSchema = z
  .object({
    registry: z.enum(Registry),
    code: z.string().trim().toUpperCase(),
    ...certificationFields,
    aggregationMethod: certificationFields.aggregationMethod.default('MEAN'),
    disagreementThreshold: certificationFields.disagreementThreshold.default(1),
    oralTotalMinutes: certificationFields.oralTotalMinutes.default(30),
    oralPresentationMinutes: certificationFields.oralPresentationMinutes.default(15),
    oralQuestionsMinutes: certificationFields.oralQuestionsMinutes.default(15),
    minJurySize: certificationFields.minJurySize.default(2),
    successRateMinCandidates: certificationFields.successRateMinCandidates.default(10),
    active: certificationFields.active.default(true),
    resultDisclosure: certificationFields.resultDisclosure.default('AGREED_SCORES'),
    appealWindowDays: certificationFields.appealWindowDays.default(30),
    maxAttempts: certificationFields.maxAttempts.optional(),
    validityMonths: certificationFields.validityMonths.optional(),
    assessedQuestionnaire: certificationFields.assessedQuestionnaire.default(false),
    questionnaireMinutes: certificationFields.questionnaireMinutes.default(30),
    questionnaireQuestions: certificationFields.questionnaireQuestions.default(20),
  })
  .superRefine((value, ctx) => {
    if (!isValidCertificationCode(value.registry, value.code)) {
      const { expected } = CERTIFICATION_CODE_PATTERNS[value.registry];
      ctx.addIssue({ code: 'custom', path: ['code'], message: translate('validation.certificationCode', { registry: value.registry, expected }) });
    }
    if (!rncpCodeAllowed(value.registry, value.rncpCode)) ctx.addIssue({ code: 'custom', path: ['rncpCode'], message: translate('validation.rncpCodeRegistry') });
    checkTimingsAndJury(value, ctx);
  });
export type CreateCertification = z.infer<typeof createCertificationSchema>;

/** Partial update: every field optional; timings are re-checked against the stored row by the service. */
export const updateCertificationSchema = z
  .object(Object.fromEntries(Object.entries(certificationFields).map(([key, schema]) => [key, schema.optional()])) as {
    [K in keyof typeof certificationFields]: z.ZodOptional<(typeof certificationFields)[K]>;
  })
  .superRefine(checkTimingsAndJury);
export type UpdateCertification = z.infer<typeof updateCertificationSchema>;

// ─── Framework content ───

export const frameworkContentSchema = z
  .object({
    scaleMin: z.number().int().min(0).max(100),
    scaleMax: z.number().int().min(1).max(100),
    scaleLabels: z.record(z.string(), z.string().trim().max(80)).nullable().optional(),
    blocks: z
      .array(
        z.object({
          code: code(),
          title: text(500),
          competences: z
            .array(
              z.object({
                code: code(),
                title: text(500),
                modality: z.enum(Modality),
                minimumScore: z.number(),
                criteria: z.array(z.object({ code: code(), description: text(2000) })).max(50),
              }),
            )
            .max(100),
        }),
      )
      .max(50),
  })
  .superRefine((value, ctx) => {
    if (value.scaleMax <= value.scaleMin) ctx.addIssue({ code: 'custom', path: ['scaleMax'], message: translate('validation.scaleRange') });
    const blockCodes = new Set<string>();
    const competenceCodes = new Set<string>();
    value.blocks.forEach((block, b) => {
      if (blockCodes.has(block.code)) ctx.addIssue({ code: 'custom', path: ['blocks', b, 'code'], message: translate('validation.duplicateCode', { code: block.code }) });
      blockCodes.add(block.code);
      block.competences.forEach((competence, c) => {
        const path = ['blocks', b, 'competences', c];
        // Competence codes are unique within a framework version (schema: @@unique([frameworkVersionId, code])).
        if (competenceCodes.has(competence.code)) ctx.addIssue({ code: 'custom', path: [...path, 'code'], message: translate('validation.duplicateCode', { code: competence.code }) });
        competenceCodes.add(competence.code);
        if (competence.minimumScore < value.scaleMin || competence.minimumScore > value.scaleMax) {
          ctx.addIssue({ code: 'custom', path: [...path, 'minimumScore'], message: translate('validation.minimumScore', { min: value.scaleMin, max: value.scaleMax }) });
        }
        const criterionCodes = new Set<string>();
        competence.criteria.forEach((criterion, k) => {
          if (criterionCodes.has(criterion.code)) ctx.addIssue({ code: 'custom', path: [...path, 'criteria', k, 'code'], message: translate('validation.duplicateCode', { code: criterion.code }) });
          criterionCodes.add(criterion.code);
        });
      });
    });
  });
export type FrameworkContent = z.infer<typeof frameworkContentSchema>;

/**
 * What is missing before a version can be published (empty = publishable): at least one block, every block
 * with a competence, every competence with a criterion (jurors score criteria).
 */
export function publicationProblems(content: {
  blocks: { code: string; competences: { code: string; criteria: unknown[] }[] }[];
}): string[] {
  const problems: string[] = [];
  if (content.blocks.length === 0) problems.push('0 bloc');
  for (const block of content.blocks) {
    if (block.competences.length === 0) problems.push(`${block.code} : 0 compétence`);
    for (const competence of block.competences) {
      if (competence.criteria.length === 0) problems.push(`${block.code}/${competence.code} : 0 critère`);
    }
  }
  return problems;
}

// ─── Published success rate ───

export interface SuccessRate {
  /** certified / published, from 0 to 1. */
  rate: number;
  certified: number;
  published: number;
}

/**
 * The success rate shown in the public catalogue: attempts whose result was published, and among them those
 * CERTIFIED (a partial award is not a success). Withheld (null) below `minCandidates` published results, so
 * that a handful of candidates cannot be singled out.
 */
export function publishedSuccessRate(counts: { certified: number; published: number }, minCandidates: number): SuccessRate | null {
  if (counts.published === 0 || counts.published < minCandidates) return null;
  return { rate: Math.round((counts.certified / counts.published) * 1000) / 1000, ...counts };
}
