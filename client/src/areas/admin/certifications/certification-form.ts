// The certification form's fields, shared by the create and edit forms: their kind, and the conversion between
// the form (strings for numbers, so that an empty field means "default" or "none") and the GraphQL inputs.
import type { CreateCertificationInput, EditorCertification, UpdateCertificationInput } from '../../../graphql/certification-editor';

export const REGISTRIES = ['RNCP', 'RS', 'CQP', 'CLEA'] as const;
export const DECISION_RULES = ['ALL_COMPETENCES', 'BY_BLOCK'] as const;
export const AGGREGATION_METHODS = ['CONSENSUS', 'MEAN', 'MEDIAN'] as const;
export const RESULT_DISCLOSURES = ['AGREED_SCORES', 'AGREED_SCORES_AND_JURY_NAMES', 'DECISION_ONLY'] as const;
export const MODALITIES = ['ORAL', 'INTERVIEW', 'OBSERVATION', 'PROJECT_FILE', 'QUESTIONNAIRE', 'WRITTEN'] as const;

/** Integer fields; `nullable` ones may be emptied (none / unlimited). */
export const INTEGER_FIELDS = [
  { name: 'level', nullable: true },
  { name: 'appealWindowDays', nullable: false },
  { name: 'maxAttempts', nullable: true },
  { name: 'minJurySize', nullable: false },
  { name: 'oralPresentationMinutes', nullable: false },
  { name: 'oralQuestionsMinutes', nullable: false },
  { name: 'oralTotalMinutes', nullable: false },
  { name: 'successRateMinCandidates', nullable: false },
  { name: 'questionnaireMinutes', nullable: false },
  { name: 'questionnaireQuestions', nullable: false },
] as const;

/** Only a CQP or a CléA carries a separate RNCP code (the server checks it too). */
export const hasRncpCode = (registry: (typeof REGISTRIES)[number]) => registry === 'CQP' || registry === 'CLEA';

export type IntegerField = (typeof INTEGER_FIELDS)[number]['name'];

export interface CertificationFormState {
  registry: (typeof REGISTRIES)[number];
  code: string;
  title: string;
  /** CQP and CléA only: their RNCP code, when also registered in the RNCP (opens VAE). */
  rncpCode: string;
  active: boolean;
  decisionRule: (typeof DECISION_RULES)[number];
  aggregationMethod: (typeof AGGREGATION_METHODS)[number];
  resultDisclosure: (typeof RESULT_DISCLOSURES)[number];
  assessedQuestionnaire: boolean;
  disagreementThreshold: string;
  numbers: Record<IntegerField, string>;
}

export function emptyForm(): CertificationFormState {
  return {
    registry: 'RNCP',
    code: '',
    title: '',
    rncpCode: '',
    active: true,
    decisionRule: 'ALL_COMPETENCES',
    aggregationMethod: 'CONSENSUS',
    resultDisclosure: 'AGREED_SCORES',
    assessedQuestionnaire: false,
    disagreementThreshold: '',
    numbers: {
      level: '',
      appealWindowDays: '30',
      maxAttempts: '',
      minJurySize: '2',
      oralPresentationMinutes: '15',
      oralQuestionsMinutes: '15',
      oralTotalMinutes: '30',
      successRateMinCandidates: '10',
      questionnaireMinutes: '30',
      questionnaireQuestions: '20',
    },
  };
}

export function formOf(certification: EditorCertification): CertificationFormState {
  const numbers = {} as Record<IntegerField, string>;
  for (const { name } of INTEGER_FIELDS) numbers[name] = certification[name] == null ? '' : String(certification[name]);
  return {
    registry: certification.registry,
    code: certification.code,
    title: certification.title,
    rncpCode: certification.rncpCode ?? '',
    active: certification.active,
    decisionRule: certification.decisionRule,
    aggregationMethod: certification.aggregationMethod,
    resultDisclosure: certification.resultDisclosure,
    assessedQuestionnaire: certification.assessedQuestionnaire,
    disagreementThreshold: String(certification.disagreementThreshold),
    numbers,
  };
}

/** Integer fields that are not whole numbers (checked before sending; the server checks the ranges). */
export function invalidNumbers(form: CertificationFormState): string[] {
  const invalid: string[] = INTEGER_FIELDS.filter(({ name }) => form.numbers[name].trim() !== '' && !/^-?\d+$/.test(form.numbers[name].trim())).map(({ name }) => name);
  if (form.disagreementThreshold.trim() !== '' && !Number.isFinite(Number(form.disagreementThreshold.replace(',', '.')))) invalid.push('disagreementThreshold');
  return invalid;
}

const integer = (value: string) => (value.trim() === '' ? null : Number.parseInt(value.trim(), 10));

export function createInput(form: CertificationFormState): CreateCertificationInput {
  const input: CreateCertificationInput = {
    registry: form.registry,
    code: form.code.trim(),
    title: form.title.trim(),
    ...(hasRncpCode(form.registry) && form.rncpCode.trim() ? { rncpCode: form.rncpCode.trim().toUpperCase() } : {}),
    active: form.active,
    decisionRule: form.decisionRule,
    aggregationMethod: form.aggregationMethod,
    resultDisclosure: form.resultDisclosure,
    assessedQuestionnaire: form.assessedQuestionnaire,
  };
  for (const { name } of INTEGER_FIELDS) {
    const value = integer(form.numbers[name]);
    if (value !== null) input[name] = value;
  }
  if (form.disagreementThreshold.trim() !== '') input.disagreementThreshold = Number(form.disagreementThreshold.replace(',', '.'));
  return input;
}

/** Only what changed since `original` (the server writes nothing, and keeps the version, when nothing did). */
export function updateInput(form: CertificationFormState, original: EditorCertification): UpdateCertificationInput {
  const input: UpdateCertificationInput = {};
  if (form.title.trim() !== original.title) input.title = form.title.trim();
  const rncpCode = form.rncpCode.trim().toUpperCase() || null;
  if (hasRncpCode(original.registry) && rncpCode !== (original.rncpCode ?? null)) input.rncpCode = rncpCode;
  if (form.active !== original.active) input.active = form.active;
  if (form.decisionRule !== original.decisionRule) input.decisionRule = form.decisionRule;
  if (form.aggregationMethod !== original.aggregationMethod) input.aggregationMethod = form.aggregationMethod;
  if (form.resultDisclosure !== original.resultDisclosure) input.resultDisclosure = form.resultDisclosure;
  if (form.assessedQuestionnaire !== original.assessedQuestionnaire) input.assessedQuestionnaire = form.assessedQuestionnaire;
  for (const { name, nullable } of INTEGER_FIELDS) {
    const value = integer(form.numbers[name]);
    if (value === (original[name] ?? null)) continue;
    if (value === null && !nullable) continue;
    input[name] = value;
  }
  const threshold = Number(form.disagreementThreshold.replace(',', '.'));
  if (form.disagreementThreshold.trim() !== '' && threshold !== original.disagreementThreshold) input.disagreementThreshold = threshold;
  return input;
}
