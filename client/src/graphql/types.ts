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
  candidateId: string;
  scheduledAt: DateTime;
  phase: OralPhase;
  candidateName: string;
  myRole: JuryRole;
  certification: CertificationSummary;
}

export const OUTCOMES = ['CERTIFIED', 'PARTIALLY_CERTIFIED', 'NOT_CERTIFIED'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const AGGREGATION_METHODS = ['MEAN', 'MEDIAN', 'CONSENSUS'] as const;
export type AggregationMethod = (typeof AGGREGATION_METHODS)[number];

/** One juror's score on one criterion. */
export interface Score {
  jurorId: string;
  criterionId: string;
  value: number | null;
  comment: string | null;
  updatedAt: DateTime;
}

/** A co-juror's role, progress and presence (never their values before deliberation). */
export interface OralJuror {
  jurorId: string;
  displayName: string;
  role: JuryRole;
  scoredCount: number;
  connected: boolean;
}

export interface JurorValue {
  jurorId: string;
  value: number | null;
}

export interface CompetenceDeliberation {
  competenceId: string;
  code: string;
  title: string;
  minimumScore: number;
  byJuror: JurorValue[];
  aggregate: number | null;
  spread: number | null;
  flagged: boolean;
  agreedValue: number | null;
  justification: string | null;
  /** Scored by the assessed questionnaire (read-only), never by an agreed score. */
  byQuestionnaire: boolean;
  questionnaire: { score: number; percent: number; correct: number; total: number } | null;
}

export interface Deliberation {
  aggregationMethod: AggregationMethod | (string & {});
  disagreementThreshold: number;
  competences: CompetenceDeliberation[];
  scores: Pick<Score, 'jurorId' | 'criterionId' | 'value'>[];
}

export interface Decision {
  id: string;
  outcome: Outcome | (string & {});
  rule: DecisionRule;
  ruleVersion: string;
  validatedBlockCodes: string[];
  /** Free-form JSON: per block and competence, and the explanation (see domain/oral.ts). */
  details: unknown;
  decidedAt: DateTime;
}

export interface MinutesSignature {
  jurorId: string;
  signedAt: DateTime;
}

export interface Minutes {
  contentHash: string;
  /** Free-form JSON: what the jurors sign (see domain/oral.ts). */
  content: unknown;
  generatedAt: DateTime;
  lockedAt: DateTime | null;
  signatures: MinutesSignature[];
}

/** The grid of an oral: the attempt's framework version. */
export type OralGrid = Pick<Framework, 'id' | 'version' | 'scaleMin' | 'scaleMax' | 'blocks'>;

/** The live state of an oral room (reloaded after each room event). */
export interface OralRoom {
  id: string;
  scheduledAt: DateTime;
  candidateName: string;
  myRole: JuryRole | null;
  certification: CertificationSummary & { decisionRule: DecisionRule };
  version: number;
  phase: OralPhase;
  phaseStartedAt: DateTime | null;
  phaseEndsAt: DateTime | null;
  serverNow: DateTime;
  extraTimeMinutes: number;
  lockedAt: DateTime | null;
  identityCheckedAt: DateTime | null;
  /** Only the type of document checked, never its image. */
  identityDocumentType: IdentityDocumentType | null;
  /** Status of the latest fraud report (null when none). */
  fraudReview: 'PENDING' | 'CONFIRMED' | 'DISMISSED' | null;
  criteriaCount: number;
  myScores: Score[];
  jurors: OralJuror[];
  deliberation: Deliberation | null;
  decision: Decision | null;
  minutes: Minutes | null;
}

/** An event of the oral room: ids and progress only; the room is reloaded to see its effect. */
export interface OralEvent {
  seq: number;
  type:
    | 'PRESENCE_CHANGED'
    | 'SCORE_CHANGED'
    | 'PHASE_CHANGED'
    | 'AGREED_SCORE_SET'
    | 'DECIDED'
    | 'MINUTES_SIGNED'
    | 'FRAUD_REPORTED'
    | 'FRAUD_DISMISSED'
    | 'FRAUD_CONFIRMED'
    | (string & {});
  at: DateTime;
  jurorId: string | null;
  payload: Record<string, unknown>;
}

export interface ScoreCriterionInput {
  oralId: string;
  criterionId: string;
  /** On the grid scale; null clears the score. */
  value: number | null;
  comment?: string | null;
}

export interface AgreedScoreInput {
  oralId: string;
  competenceId: string;
  value: number;
  justification?: string | null;
  expectedVersion: number;
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

// ---------------------------------------------------------------------------
// Identity check and fraud reports
// ---------------------------------------------------------------------------

export const IDENTITY_DOCUMENT_TYPES = ['NATIONAL_ID_CARD', 'PASSPORT', 'RESIDENCE_PERMIT', 'DRIVING_LICENCE'] as const;
export type IdentityDocumentType = (typeof IDENTITY_DOCUMENT_TYPES)[number];

export const FRAUD_REVIEW_STATUSES = ['PENDING', 'CONFIRMED', 'DISMISSED'] as const;
export type FraudReviewStatus = (typeof FRAUD_REVIEW_STATUSES)[number];
export type FraudReviewOutcome = Exclude<FraudReviewStatus, 'PENDING'>;

export interface FraudReport {
  id: string;
  statement: string;
  reportedAt: DateTime;
  status: FraudReviewStatus;
  reviewReason: string | null;
  reviewedAt: DateTime | null;
  attempt: Pick<Attempt, 'id' | 'state' | 'certification'>;
  oral: Pick<Oral, 'id' | 'candidateName' | 'scheduledAt' | 'phase'> | null;
}

// ---------------------------------------------------------------------------
// Exam sessions, slots, bookings and juries
// ---------------------------------------------------------------------------

export const EXAM_MODES = ['ON_SITE', 'REMOTE', 'MIXED'] as const;
export type ExamMode = (typeof EXAM_MODES)[number];

export const JURY_KINDS = ['EVALUATION', 'DELIBERATION', 'EVALUATION_AND_DELIBERATION', 'COMMISSION'] as const;
export type JuryKind = (typeof JURY_KINDS)[number];

export interface JurorSummary {
  id: string;
  displayName: string;
  employer: string | null;
  profession: string | null;
}

export interface JuryMember {
  juror: JurorSummary;
  role: JuryRole;
  representation: 'EMPLOYER' | 'EMPLOYEE' | (string & {}) | null;
}

export interface Jury {
  id: string;
  name: string;
  kind: JuryKind;
  version: number;
  members: JuryMember[];
}

/** The session a slot belongs to, as candidates see it. */
export interface ExamSessionSummary {
  id: string;
  title: string;
  mode: ExamMode;
  place: string | null;
  remoteLink: string | null;
  startsAt: DateTime;
  endsAt: DateTime;
}

export interface Slot {
  id: string;
  startsAt: DateTime;
  endsAt: DateTime;
  durationMinutes: number;
  capacity: number;
  bookedCount: number;
  remaining: number;
}

/** A slot with its session (bookableSlots, Attempt.booking). */
export interface BookableSlot extends Slot {
  session: ExamSessionSummary;
}

export interface Booking {
  id: string;
  createdAt: DateTime;
  cancelledAt: DateTime | null;
  slot: BookableSlot;
}

/** An attempt with its booking (the candidate portal). */
export interface AttemptWithBooking extends Attempt {
  booking: Booking | null;
}

/** A booking as admins see it in a session: the attempt and its oral (once a jury is assigned). */
export interface AdminBooking {
  id: string;
  attempt: (Pick<Attempt, 'id' | 'state'> & { candidateName: string }) | null;
  oral: (Pick<Oral, 'id' | 'candidateName' | 'phase'> & { jury: Pick<Jury, 'id' | 'name'> }) | null;
}

export interface AdminSlot extends Slot {
  bookings: AdminBooking[];
}

/** A session's jury as the sessions page lists it. */
export interface SessionJury {
  id: string;
  name: string;
  members: { role: JuryRole; juror: Pick<JurorSummary, 'id' | 'displayName'> }[];
}

export interface ExamSession extends ExamSessionSummary {
  certification: CertificationSummary;
  slots: AdminSlot[];
}

export interface ExamSessionConnection {
  edges: { cursor: string; node: ExamSession }[];
  pageInfo: PageInfo;
}

export interface ExamSessionInput {
  certificationId: string;
  title: string;
  mode: ExamMode;
  startsAt: DateTime;
  endsAt: DateTime;
  place?: string | null;
  remoteLink?: string | null;
}

export interface SlotInput {
  startsAt: DateTime;
  capacity?: number | null;
  durationMinutes?: number | null;
}

export interface JuryMemberInput {
  jurorId: string;
  role: JuryRole;
}

export interface ComposeJuryInput {
  certificationId: string;
  examSessionId?: string | null;
  kind?: JuryKind | null;
  name: string;
}

export interface Ineligibility {
  code: 'CERTIFIER_EMPLOYEE' | 'DECLARED_CONFLICT' | 'TRAINER_OF_PARTNER' | (string & {});
  message: string;
}

export interface JurorEligibility {
  eligible: boolean;
  juror: JurorSummary;
  reasons: Ineligibility[];
}

export interface ConflictDeclaration {
  id: string;
  candidateName: string | null;
  declaredAt: DateTime;
  partner: Partner | null;
  reason: string;
}

export interface ConflictInput {
  candidateId?: string | null;
  partnerId?: string | null;
  reason: string;
}

/** SLOT_BOOKED, BOOKING_CANCELLED (candidates, partners); ORAL_SCHEDULED… (jurors). Ids only. */
export interface ScheduleEvent {
  seq: number;
  type: string;
  at: DateTime;
  attemptId: string | null;
  oralId: string | null;
  slotId: string | null;
  payload: Record<string, unknown>;
}

/** SLOT_AVAILABILITY_CHANGED (with the seats taken), SLOTS_CHANGED or SESSION_CREATED. */
export interface SlotAvailabilityEvent {
  seq: number;
  type: string;
  slotId: string | null;
  bookedCount: number | null;
  capacity: number | null;
}

// ---------------------------------------------------------------------------
// Transmission to the Caisse des Dépôts (CDC), admin only.
// ---------------------------------------------------------------------------

export const CDC_PASSAGE_STATUSES = ['PENDING', 'SENT', 'ACCEPTED', 'REJECTED'] as const;
export type CdcPassageStatus = (typeof CDC_PASSAGE_STATUSES)[number];

export const SEXES = ['F', 'M'] as const;
export type Sex = (typeof SEXES)[number];

/** One thing to correct before a passage (or the settings) can be transmitted; `message` is translated. */
export interface CdcIssue {
  field: string;
  /** MISSING, TOO_LONG or INVALID. */
  code: string;
  length: number | null;
  max: number | null;
  message: string;
}

export interface CdcIdentification {
  /** TITULAIRE, DOSSIER_FORMATION or BLOCKED. */
  kind: string;
  issues: CdcIssue[];
}

/** The holder's identity as the CDC screens show it (the fields the schema exposes on Candidate). */
export interface CdcHolder {
  id: string;
  fileNumber: string;
  birthName: string;
  usageName: string | null;
  firstName: string;
  firstName2: string | null;
  firstName3: string | null;
  birthDate: DateTime | null;
  sex: Sex | null;
  birthInseeCode: string | null;
  cpfFileNumber: string | null;
}

export interface CdcReportUnknown {
  idTechnique: string;
  /** UNKNOWN_ID, NOT_IN_BATCH, ALREADY_ACCEPTED or DUPLICATE_IN_REPORT. */
  reason: string;
  message: string;
}

export interface CdcReportSummary {
  idFlux: string;
  idTraitement: string;
  nomFichier: string | null;
  accepted: number;
  rejected: number;
  unknownCount: number;
  unknown: CdcReportUnknown[];
}

export interface CdcBatch {
  id: string;
  createdAt: DateTime;
  fileName: string;
  passageCount: number;
  schemaVersion: string;
  sizeBytes: number | null;
  downloadPath: string;
  reportFileName: string | null;
  reportIdTraitement: string | null;
  reportImportedAt: DateTime | null;
  report: CdcReportSummary | null;
}

export interface CdcPassage {
  id: string;
  idTechnique: string;
  status: CdcPassageStatus;
  juryDate: DateTime;
  transmitBy: DateTime;
  daysLeft: number | null;
  late: boolean;
  atRisk: boolean;
  acceptedAt: DateTime | null;
  rejectionMessage: string | null;
  identification: CdcIdentification;
  candidate: CdcHolder;
  attempt: { id: string; certification: CertificationSummary };
  lastBatch: Pick<CdcBatch, 'id' | 'fileName'> | null;
}

export interface CdcPassageConnection {
  edges: { cursor: string; node: CdcPassage }[];
  pageInfo: PageInfo;
}

export interface CdcBatchConnection {
  edges: { cursor: string; node: CdcBatch }[];
  pageInfo: PageInfo;
}

export interface CdcBlockedPassage {
  idTechnique: string;
  message: string;
  missingForTitulaire: string[];
  missingForDossier: string[];
  issues: CdcIssue[];
  passage: CdcPassage | null;
}

export interface CdcDeadlines {
  pending: number;
  sent: number;
  accepted: number;
  rejected: number;
  atRisk: number;
  late: number;
}

export interface CdcExportPreview {
  ready: number;
  blockedCount: number;
  blocked: CdcBlockedPassage[];
  settingsIssues: CdcIssue[];
}

export interface CdcExportResult {
  batch: CdcBatch;
  blockedCount: number;
}

export interface CdcReportImport {
  duplicate: boolean;
  summary: CdcReportSummary;
  batch: CdcBatch;
}

export interface CdcSettings {
  clientId: string | null;
  contractId: string | null;
  schemaVersion: string;
}

/** Omitted fields are kept, null clears an optional one. */
export interface CdcIdentityInput {
  birthName?: string | null;
  usageName?: string | null;
  firstName?: string | null;
  firstName2?: string | null;
  firstName3?: string | null;
  birthDate?: DateTime | null;
  sex?: Sex | null;
  birthInseeCode?: string | null;
  birthPostalCode?: string | null;
  birthCity?: string | null;
  cpfFileNumber?: string | null;
}

// ─── Results (issue 6) ───

export type ResultDisclosure = 'DECISION_ONLY' | 'AGREED_SCORES' | 'AGREED_SCORES_AND_JURY_NAMES';

export interface ResultCompetence {
  code: string;
  title: string;
  validated: boolean;
  minimumScore: number | null;
  /** null when the certification shows the decision only. */
  agreedScore: number | null;
}

export interface ResultBlock {
  code: string;
  title: string;
  inScope: boolean;
  acquiredEarlier: boolean;
  validated: boolean;
  competences: ResultCompetence[];
}

/** The published result of an attempt, as the candidate sees it. */
export interface AttemptResult {
  id: string;
  published: boolean;
  publishedAt: DateTime | null;
  outcome: Outcome;
  validatedBlockCodes: string[];
  blocks: ResultBlock[];
  explanation: { fr: string; en: string };
  juryDate: DateTime;
  juryNames: string[] | null;
  disclosure: ResultDisclosure;
  contestUntil: DateTime | null;
  contestPath: string;
}

/** A signed result awaiting publication (admins). */
export interface ResultToPublish {
  id: string;
  publishBy: DateTime;
  publishedAt: DateTime | null;
  daysLeft: number | null;
  late: boolean;
  atRisk: boolean;
  outcome: Outcome;
  candidateName: string;
  certification: { id: string; code: string; registry: Registry; title: string };
  attempt: { id: string; state: AttemptState };
}

// ---------------------------------------------------------------------------
// Practice quiz (candidate portal): never counts in any decision
// ---------------------------------------------------------------------------

export const QUESTION_KINDS = ['SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'TRUE_FALSE', 'NUMERIC'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface QuizAnswerValue {
  choiceIds: string[] | null;
  number: number | null;
}

export interface PracticeQuizQuestion {
  id: string;
  position: number;
  kind: QuestionKind;
  prompt: string;
  choices: { id: string; label: string }[];
  competence: { id: string; code: string; title: string };
  myAnswer: QuizAnswerValue | null;
  /** Null until the quiz is submitted. */
  review: { correct: boolean; correctAnswer: QuizAnswerValue; explanation: string | null } | null;
}

export interface PracticeCompetenceScore {
  competenceId: string;
  code: string;
  title: string;
  correct: number;
  total: number;
  percent: number;
  revise: boolean;
}

export interface PracticeQuiz {
  id: string;
  attemptId: string | null;
  certificationCode: string | null;
  certificationTitle: string | null;
  startedAt: DateTime;
  submittedAt: DateTime | null;
  questionCount: number;
  answeredCount: number;
  questions: PracticeQuizQuestion[];
  results: { correct: number; total: number; percent: number; competences: PracticeCompetenceScore[] } | null;
  revisionSuggestions: PracticeCompetenceScore[];
}

export interface PracticeCompetenceProgress {
  competenceId: string;
  code: string;
  title: string;
  latestPercent: number;
  bestPercent: number;
  trend: number;
  points: { quizId: string; submittedAt: DateTime; percent: number; correct: number; total: number }[];
}
