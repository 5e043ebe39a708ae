// Prisma enums exposed in the schema under the same names, plus the error codes clients branch on.
import { builder } from './builder.ts';
import {
  Role,
  Locale,
  Registry,
  DecisionRule,
  Modality,
  AttemptState,
  OralPhase,
  JuryRole,
  AccessRoute,
  Funding,
  Sex,
  ExamMode,
  IdentityDocumentType,
  FraudReviewStatus,
  JuryKind,
  Representation,
  CdcPassageStatus,
  ResultDisclosure,
  Outcome,
  CaseState,
  ComplaintSubject,
} from '../generated/prisma/enums.ts';
import { ERROR_CODES } from '../lib/errors.ts';

export const RoleEnum = builder.enumType(Role, { name: 'Role' });
export const LocaleEnum = builder.enumType(Locale, { name: 'Locale' });
export const RegistryEnum = builder.enumType(Registry, { name: 'Registry' });
export const DecisionRuleEnum = builder.enumType(DecisionRule, { name: 'DecisionRule' });
export const ModalityEnum = builder.enumType(Modality, { name: 'Modality' });
export const AttemptStateEnum = builder.enumType(AttemptState, { name: 'AttemptState' });
export const OralPhaseEnum = builder.enumType(OralPhase, { name: 'OralPhase' });
export const JuryRoleEnum = builder.enumType(JuryRole, { name: 'JuryRole' });
export const AccessRouteEnum = builder.enumType(AccessRoute, { name: 'AccessRoute' });
export const FundingEnum = builder.enumType(Funding, { name: 'Funding' });
export const SexEnum = builder.enumType(Sex, { name: 'Sex' });
export const ExamModeEnum = builder.enumType(ExamMode, { name: 'ExamMode', description: 'REMOTE (video link), ON_SITE (a place) or MIXED (both).' });
export const IdentityDocumentTypeEnum = builder.enumType(IdentityDocumentType, { name: 'IdentityDocumentType' });
export const FraudReviewStatusEnum = builder.enumType(FraudReviewStatus, { name: 'FraudReviewStatus' });
export const JuryKindEnum = builder.enumType(JuryKind, { name: 'JuryKind' });
export const RepresentationEnum = builder.enumType(Representation, { name: 'Representation' });
export const CdcPassageStatusEnum = builder.enumType(CdcPassageStatus, {
  name: 'CdcPassageStatus',
  description: 'PENDING (to transmit, or corrected after a KO), SENT (awaiting the report), ACCEPTED (final), REJECTED (KO: to correct).',
});

export const OutcomeEnum = builder.enumType(Outcome, { name: 'Outcome' });
export const ResultDisclosureEnum = builder.enumType(ResultDisclosure, {
  name: 'ResultDisclosure',
  description: 'What candidates see of a published result: DECISION_ONLY, AGREED_SCORES (default) or AGREED_SCORES_AND_JURY_NAMES. Never the individual jurors’ scores.',
});

/** Moderation states shared by appeals and complaints (lib/case-state.ts). */
export const CaseStateEnum = builder.enumType(CaseState, {
  name: 'CaseState',
  description: 'SUBMITTED → UNDER_REVIEW → UPHELD | REJECTED → CLOSED (appeals and complaints).',
});
export const ComplaintSubjectEnum = builder.enumType(ComplaintSubject, {
  name: 'ComplaintSubject',
  description: "TRAINING (forwarded to the candidate's training organisation) or CERTIFICATION_PROCESS (handled by the certifier's admins).",
});

/** Not used by a field: documents the values of `errors[].extensions.code`. */
builder.enumType('ErrorCode', {
  description: 'Values of `extensions.code` on errors returned by this API.',
  values: ERROR_CODES,
});
