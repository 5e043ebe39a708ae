/**
 * TypeScript mirror of the server's GraphQL schema (the part this client uses).
 * Keep in sync with the printed schema; operation result types live in operations.ts.
 */

export const ROLES = ['ADMIN', 'JUROR', 'PARTNER', 'CANDIDATE'] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const REGISTRIES = ['RNCP', 'RS', 'CQP', 'CLEA'] as const;
export type Registry = (typeof REGISTRIES)[number];

export const DECISION_RULES = ['ALL_COMPETENCES', 'BY_BLOCK'] as const;
export type DecisionRule = (typeof DECISION_RULES)[number];

export const MODALITIES = ['QUESTIONNAIRE', 'PROJECT_FILE', 'ORAL', 'OBSERVATION', 'INTERVIEW', 'WRITTEN'] as const;
export type Modality = (typeof MODALITIES)[number];

export const ATTEMPT_STATES = [
  'REGISTERED',
  'FILE_SUBMITTED',
  'FILE_ACKNOWLEDGED',
  'SCHEDULED',
  'IN_EVALUATION',
  'DECIDED',
  'RESULT_PUBLISHED',
  'FROZEN',
  'WITHDRAWN',
] as const;
export type AttemptState = (typeof ATTEMPT_STATES)[number];

export const ORAL_PHASES = [
  'WAITING',
  'IDENTITY_CHECKED',
  'PRESENTATION',
  'QUESTIONS',
  'DELIBERATION',
  'DECIDED',
  'SIGNED',
] as const;
export type OralPhase = (typeof ORAL_PHASES)[number];

export const JURY_ROLES = ['PRESIDENT', 'MEMBER'] as const;
export type JuryRole = (typeof JURY_ROLES)[number];

/** ISO 8601 string. */
export type DateTime = string;

export interface Partner {
  id: string;
  name: string;
}

export interface Viewer {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  locale: Locale;
  partner: Partner | null;
}

export interface Criterion {
  id: string;
  code: string;
  description: string;
}

export interface Competence {
  id: string;
  code: string;
  title: string;
  modality: Modality;
  minimumScore: number;
  criteria: Criterion[];
}

export interface Block {
  id: string;
  code: string;
  title: string;
  competences: Competence[];
}

export interface Framework {
  id: string;
  version: number;
  scaleMin: number;
  scaleMax: number;
  blocks: Block[];
}

export interface Certification {
  id: string;
  code: string;
  registry: Registry;
  title: string;
  level: number | null;
  decisionRule: DecisionRule;
  active: boolean;
  currentFramework: Framework | null;
}

/** The certification summary embedded in attempts and orals. */
export type CertificationSummary = Pick<Certification, 'id' | 'code' | 'registry' | 'title'>;

export interface Attempt {
  id: string;
  state: AttemptState;
  attemptNumber: number;
  createdAt: DateTime;
  certification: CertificationSummary;
}

export interface Candidate {
  id: string;
  fileNumber: string;
  firstName: string;
  birthName: string;
  usageName: string | null;
  email: string;
  partner: Partner;
  attempts: Attempt[];
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
  hasPreviousPage: boolean;
  startCursor: string | null;
}

export interface CandidateConnection {
  edges: { cursor: string; node: Candidate }[];
  pageInfo: PageInfo;
  totalCount: number;
}

export interface Oral {
  id: string;
  scheduledAt: DateTime;
  phase: OralPhase;
  candidateName: string;
  myRole: JuryRole;
  certification: CertificationSummary;
}

export interface LoginPayload {
  token: string;
  expiresAt: DateTime;
  viewer: Viewer;
}

export interface CandidateEvent {
  seq: number;
  type: string;
  candidateId: string;
  candidate: Candidate | null;
}
