/**
 * The schema's enums as the client uses them, typed from `schema.graphql` (gql.tada, `graphql-env.d.ts`).
 *
 * The value lists kept at run time (selects, ordering) must name every value of their enum, and only those: a
 * value added to, renamed in or removed from the schema fails the typecheck here. Object types are not written
 * by hand: they come out of the documents in `operations.ts` (`ResultOf<typeof …>`) and are re-exported below
 * under their usual names.
 */
import type { graphql } from './tada';

/** The TypeScript type of a schema enum (or scalar), by name. */
export type EnumOf<Name extends string> = ReturnType<typeof graphql.scalar<Name>>;

/**
 * Every value of the enum `E`, in the order given: a missing value is reported as `missing: …` and an unknown
 * one as not assignable.
 */
function allValues<E extends string>() {
  return <const List extends readonly E[]>(list: List & ([E] extends [List[number]] ? unknown : { missing: Exclude<E, List[number]> })): List =>
    list;
}

export type Role = EnumOf<'Role'>;
export type Registry = EnumOf<'Registry'>;
export type JuryRole = EnumOf<'JuryRole'>;
export type FraudReviewOutcome = EnumOf<'FraudReviewOutcome'>;

export type Locale = EnumOf<'Locale'>;
export const LOCALES = allValues<Locale>()(['fr', 'en']);

/** In the order of the journey. */
export type AttemptState = EnumOf<'AttemptState'>;
export const ATTEMPT_STATES = allValues<AttemptState>()([
  'REGISTERED',
  'FILE_SUBMITTED',
  'FILE_ACKNOWLEDGED',
  'SCHEDULED',
  'IN_EVALUATION',
  'DECIDED',
  'RESULT_PUBLISHED',
  'FROZEN',
  'WITHDRAWN',
]);

/** In the order of the oral. */
export type OralPhase = EnumOf<'OralPhase'>;
export const ORAL_PHASES = allValues<OralPhase>()([
  'WAITING',
  'IDENTITY_CHECKED',
  'PRESENTATION',
  'QUESTIONS',
  'DELIBERATION',
  'DECIDED',
  'SIGNED',
]);

export type IdentityDocumentType = EnumOf<'IdentityDocumentType'>;
export const IDENTITY_DOCUMENT_TYPES = allValues<IdentityDocumentType>()(['NATIONAL_ID_CARD', 'PASSPORT', 'RESIDENCE_PERMIT', 'DRIVING_LICENCE']);

export type ExamMode = EnumOf<'ExamMode'>;
export const EXAM_MODES = allValues<ExamMode>()(['ON_SITE', 'REMOTE', 'MIXED']);

export type CdcPassageStatus = EnumOf<'CdcPassageStatus'>;
export const CDC_PASSAGE_STATUSES = allValues<CdcPassageStatus>()(['PENDING', 'SENT', 'ACCEPTED', 'REJECTED', 'WITHDRAWN']);

export type {
  AttemptResult,
  Attempt,
  BookableSlot,
  Booking,
  Candidate,
  CandidateEvent,
  CdcBatch,
  CdcHolder,
  CdcIdentityInput,
  CdcPassage,
  CdcReportImport,
  Certification,
  CompetenceDeliberation,
  Decision,
  Deliberation,
  ExamSession,
  ExamSessionSummary,
  JuryMemberInput,
  Minutes,
  OralEvent,
  OralGrid,
  OralJuror,
  OralRoom,
  PageInfo,
  PracticeQuiz,
  PracticeQuizQuestion,
  QuizAnswerValue,
  ResultToPublish,
  Score,
  SessionJury,
  SlotAvailabilityEvent,
  SlotInput,
  Viewer,
} from './operations';
