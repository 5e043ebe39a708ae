import { gql } from '@urql/core';
import type {
  AgreedScoreInput,
  Attempt,
  AttemptState,
  AttemptWithBooking,
  BookableSlot,
  Booking,
  ComposeJuryInput,
  ConflictDeclaration,
  ConflictInput,
  ExamSession,
  ExamSessionConnection,
  ExamSessionInput,
  FraudReport,
  FraudReviewOutcome,
  FraudReviewStatus,
  IdentityDocumentType,
  JurorEligibility,
  JurorSummary,
  Jury,
  JuryMemberInput,
  Partner,
  ScheduleEvent,
  SlotAvailabilityEvent,
  SessionJury,
  SlotInput,
  CandidateConnection,
  CandidateEvent,
  CdcBatchConnection,
  CdcDeadlines,
  CdcExportPreview,
  CdcExportResult,
  CdcIdentityInput,
  CdcPassage,
  CdcPassageConnection,
  CdcPassageStatus,
  CdcReportImport,
  CdcSettings,
  Certification,
  LoginPayload,
  Oral,
  OralEvent,
  OralGrid,
  OralPhase,
  OralRoom,
  Score,
  ScoreCriterionInput,
  Viewer,
  AttemptResult,
  ResultToPublish,
} from './types';

const VIEWER_FIELDS = gql`
  fragment ViewerFields on Viewer {
    id
    email
    displayName
    role
    locale
    partner {
      id
      name
    }
  }
`;

const CERTIFICATION_SUMMARY_FIELDS = gql`
  fragment CertificationSummaryFields on Certification {
    id
    code
    registry
    title
  }
`;

const ATTEMPT_FIELDS = gql`
  fragment AttemptFields on Attempt {
    id
    state
    attemptNumber
    createdAt
    certification {
      ...CertificationSummaryFields
    }
  }
  ${CERTIFICATION_SUMMARY_FIELDS}
`;

const CANDIDATE_FIELDS = gql`
  fragment CandidateFields on Candidate {
    id
    fileNumber
    firstName
    birthName
    usageName
    email
    partner {
      id
      name
    }
    attempts {
      ...AttemptFields
    }
  }
  ${ATTEMPT_FIELDS}
`;

export const MeQuery = gql<{ me: Viewer | null }, Record<string, never>>`
  query Me {
    me {
      ...ViewerFields
    }
  }
  ${VIEWER_FIELDS}
`;

export const LoginMutation = gql<{ login: LoginPayload }, { email: string; password: string }>`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      expiresAt
      viewer {
        ...ViewerFields
      }
    }
  }
  ${VIEWER_FIELDS}
`;

export const LogoutMutation = gql<{ logout: boolean }, Record<string, never>>`
  mutation Logout {
    logout
  }
`;

export const CertificationsQuery = gql<{ certifications: Certification[] }, { activeOnly?: boolean }>`
  query Certifications($activeOnly: Boolean = true) {
    certifications(activeOnly: $activeOnly) {
      id
      code
      registry
      title
      level
      decisionRule
      active
      currentFramework {
        id
        version
        scaleMin
        scaleMax
        blocks {
          id
          code
          title
          competences {
            id
            code
            title
            modality
            minimumScore
            criteria {
              id
              code
              description
            }
          }
        }
      }
    }
  }
`;

/** Light list used to fill the certification filter. */
export const CertificationOptionsQuery = gql<
  { certifications: Pick<Certification, 'id' | 'code' | 'title' | 'registry'>[] },
  { activeOnly?: boolean }
>`
  query CertificationOptions($activeOnly: Boolean = false) {
    certifications(activeOnly: $activeOnly) {
      ...CertificationSummaryFields
    }
  }
  ${CERTIFICATION_SUMMARY_FIELDS}
`;

export interface CandidatesVariables {
  first?: number;
  after?: string | null;
  certificationId?: string | null;
  state?: AttemptState | null;
}

export const CandidatesQuery = gql<{ candidates: CandidateConnection }, CandidatesVariables>`
  query Candidates($first: Int = 20, $after: String, $certificationId: ID, $state: AttemptState) {
    candidates(first: $first, after: $after, certificationId: $certificationId, state: $state) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
        hasPreviousPage
        startCursor
      }
      edges {
        cursor
        node {
          ...CandidateFields
        }
      }
    }
  }
  ${CANDIDATE_FIELDS}
`;

export const MyOralsQuery = gql<{ myOrals: Oral[] }, Record<string, never>>`
  query MyOrals {
    myOrals {
      id
      scheduledAt
      phase
      candidateName
      myRole
      certification {
        ...CertificationSummaryFields
      }
    }
  }
  ${CERTIFICATION_SUMMARY_FIELDS}
`;

export const MyAttemptsQuery = gql<{ myAttempts: Attempt[] }, Record<string, never>>`
  query MyAttempts {
    myAttempts {
      ...AttemptFields
    }
  }
  ${ATTEMPT_FIELDS}
`;

export const PartnerCandidateEventsSubscription = gql<
  { partnerCandidateEvents: CandidateEvent },
  { since?: number | null }
>`
  subscription PartnerCandidateEvents($since: Int) {
    partnerCandidateEvents(since: $since) {
      seq
      type
      candidateId
      candidate {
        ...CandidateFields
      }
    }
  }
  ${CANDIDATE_FIELDS}
`;


// ---------------------------------------------------------------------------
// Oral room (juror console)
// ---------------------------------------------------------------------------

/** The grid of an oral: fetched once (a framework version never changes). */
export const OralGridQuery = gql<{ oral: { id: string; grid: OralGrid } | null }, { id: string }>`
  query OralGrid($id: ID!) {
    oral(id: $id) {
      id
      grid {
        id
        version
        scaleMin
        scaleMax
        blocks {
          id
          code
          title
          competences {
            id
            code
            title
            modality
            minimumScore
            criteria {
              id
              code
              description
            }
          }
        }
      }
    }
  }
`;

/** The live state of the room, reloaded (network-only) after each room event. */
export const OralRoomQuery = gql<{ oral: OralRoom | null }, { id: string }>`
  query OralRoom($id: ID!) {
    oral(id: $id) {
      id
      scheduledAt
      candidateName
      myRole
      certification {
        ...CertificationSummaryFields
        decisionRule
      }
      version
      phase
      phaseStartedAt
      phaseEndsAt
      serverNow
      extraTimeMinutes
      lockedAt
      identityCheckedAt
      identityDocumentType
      fraudReview
      criteriaCount
      myScores {
        jurorId
        criterionId
        value
        comment
        updatedAt
      }
      jurors {
        jurorId
        displayName
        role
        scoredCount
        connected
      }
      deliberation {
        aggregationMethod
        disagreementThreshold
        competences {
          competenceId
          code
          title
          minimumScore
          byJuror {
            jurorId
            value
          }
          aggregate
          spread
          flagged
          agreedValue
          justification
          byQuestionnaire
          questionnaire {
            score
            percent
            correct
            total
          }
        }
        scores {
          jurorId
          criterionId
          value
        }
      }
      decision {
        id
        outcome
        rule
        ruleVersion
        validatedBlockCodes
        details
        decidedAt
      }
      minutes {
        contentHash
        content
        generatedAt
        lockedAt
        signatures {
          jurorId
          signedAt
        }
      }
    }
  }
  ${CERTIFICATION_SUMMARY_FIELDS}
`;

export const OralEventsSubscription = gql<{ oralEvents: OralEvent }, { oralId: string; since?: number | null }>`
  subscription OralEvents($oralId: ID!, $since: Int) {
    oralEvents(oralId: $oralId, since: $since) {
      seq
      type
      at
      jurorId
      payload
    }
  }
`;

export const ScoreCriterionMutation = gql<{ scoreCriterion: Score }, { input: ScoreCriterionInput }>`
  mutation ScoreCriterion($input: ScoreCriterionInput!) {
    scoreCriterion(input: $input) {
      jurorId
      criterionId
      value
      comment
      updatedAt
    }
  }
`;

/** Shared-state mutations answer the oral's new phase and version; the room is then reloaded. */
type OralStamp = { id: string; phase: OralPhase; version: number };

export const MoveOralPhaseMutation = gql<
  { moveOralPhase: OralStamp },
  { oralId: string; to: OralPhase; expectedVersion: number }
>`
  mutation MoveOralPhase($oralId: ID!, $to: OralPhase!, $expectedVersion: Int!) {
    moveOralPhase(oralId: $oralId, to: $to, expectedVersion: $expectedVersion) {
      id
      phase
      version
    }
  }
`;

export const SetAgreedScoreMutation = gql<{ setAgreedScore: OralStamp }, { input: AgreedScoreInput }>`
  mutation SetAgreedScore($input: AgreedScoreInput!) {
    setAgreedScore(input: $input) {
      id
      phase
      version
    }
  }
`;

export const DecideOralMutation = gql<{ decideOral: OralStamp }, { oralId: string; expectedVersion: number }>`
  mutation DecideOral($oralId: ID!, $expectedVersion: Int!) {
    decideOral(oralId: $oralId, expectedVersion: $expectedVersion) {
      id
      phase
      version
    }
  }
`;

export const SignMinutesMutation = gql<{ signMinutes: OralStamp }, { oralId: string; contentHash: string }>`
  mutation SignMinutes($oralId: ID!, $contentHash: String!) {
    signMinutes(oralId: $oralId, contentHash: $contentHash) {
      id
      phase
      version
    }
  }
`;

export const ConfirmCandidateIdentityMutation = gql<
  { confirmCandidateIdentity: OralStamp },
  { oralId: string; documentType: IdentityDocumentType; expectedVersion: number }
>`
  mutation ConfirmCandidateIdentity($oralId: ID!, $documentType: IdentityDocumentType!, $expectedVersion: Int!) {
    confirmCandidateIdentity(oralId: $oralId, documentType: $documentType, expectedVersion: $expectedVersion) {
      id
      phase
      version
    }
  }
`;

export const ReportFraudMutation = gql<
  { reportFraud: OralStamp },
  { oralId: string; statement: string; expectedVersion: number }
>`
  mutation ReportFraud($oralId: ID!, $statement: String!, $expectedVersion: Int!) {
    reportFraud(oralId: $oralId, statement: $statement, expectedVersion: $expectedVersion) {
      id
      phase
      version
    }
  }
`;

// ---------------------------------------------------------------------------
// Booking an oral slot (candidate portal)
// ---------------------------------------------------------------------------

const SLOT_FIELDS = gql`
  fragment SlotFields on Slot {
    id
    startsAt
    endsAt
    durationMinutes
    capacity
    bookedCount
    remaining
  }
`;

const BOOKABLE_SLOT_FIELDS = gql`
  fragment BookableSlotFields on Slot {
    ...SlotFields
    session {
      id
      title
      mode
      place
      remoteLink
      startsAt
      endsAt
    }
  }
  ${SLOT_FIELDS}
`;

const BOOKING_FIELDS = gql`
  fragment BookingFields on Booking {
    id
    createdAt
    cancelledAt
    slot {
      ...BookableSlotFields
    }
  }
  ${BOOKABLE_SLOT_FIELDS}
`;

/** The candidate's attempts with their booking (the journey page). */
export const MyAttemptsWithBookingQuery = gql<{ myAttempts: AttemptWithBooking[] }, Record<string, never>>`
  query MyAttemptsWithBooking {
    myAttempts {
      ...AttemptFields
      booking {
        ...BookingFields
      }
    }
  }
  ${ATTEMPT_FIELDS}
  ${BOOKING_FIELDS}
`;

export const BookableSlotsQuery = gql<{ bookableSlots: BookableSlot[] }, { attemptId: string }>`
  query BookableSlots($attemptId: ID!) {
    bookableSlots(attemptId: $attemptId) {
      ...BookableSlotFields
    }
  }
  ${BOOKABLE_SLOT_FIELDS}
`;

export const BookSlotMutation = gql<{ bookSlot: Booking }, { attemptId: string; slotId: string }>`
  mutation BookSlot($attemptId: ID!, $slotId: ID!) {
    bookSlot(attemptId: $attemptId, slotId: $slotId) {
      ...BookingFields
    }
  }
  ${BOOKING_FIELDS}
`;

export const CancelBookingMutation = gql<{ cancelBooking: Pick<Attempt, 'id' | 'state'> }, { attemptId: string }>`
  mutation CancelBooking($attemptId: ID!) {
    cancelBooking(attemptId: $attemptId) {
      id
      state
    }
  }
`;

export const ScheduleEventsSubscription = gql<{ scheduleEvents: ScheduleEvent }, { since?: number | null }>`
  subscription ScheduleEvents($since: Int) {
    scheduleEvents(since: $since) {
      seq
      type
      at
      attemptId
      oralId
      slotId
      payload
    }
  }
`;

export const SlotAvailabilitySubscription = gql<
  { slotAvailability: SlotAvailabilityEvent },
  { certificationId: string; since?: number | null }
>`
  subscription SlotAvailability($certificationId: ID!, $since: Int) {
    slotAvailability(certificationId: $certificationId, since: $since) {
      seq
      type
      slotId
      bookedCount
      capacity
    }
  }
`;

// ---------------------------------------------------------------------------
// Conflicts of interest (jurors)
// ---------------------------------------------------------------------------

export const MyConflictsQuery = gql<{ myConflicts: ConflictDeclaration[] }, Record<string, never>>`
  query MyConflicts {
    myConflicts {
      id
      candidateName
      declaredAt
      reason
      partner {
        id
        name
      }
    }
  }
`;

export const PartnersQuery = gql<{ partners: Partner[] }, Record<string, never>>`
  query Partners {
    partners {
      id
      name
    }
  }
`;

/** Who a juror may declare a conflict with: the training organisations, and the candidates of their orals. */
export const ConflictTargetsQuery = gql<
  { partners: Partner[]; myOrals: Pick<Oral, 'id' | 'candidateId' | 'candidateName'>[] },
  Record<string, never>
>`
  query ConflictTargets {
    partners {
      id
      name
    }
    myOrals {
      id
      candidateId
      candidateName
    }
  }
`;

export const DeclareConflictMutation = gql<{ declareConflict: ConflictDeclaration }, { input: ConflictInput }>`
  mutation DeclareConflict($input: ConflictInput!) {
    declareConflict(input: $input) {
      id
      candidateName
      declaredAt
      reason
      partner {
        id
        name
      }
    }
  }
`;

// ---------------------------------------------------------------------------
// Sessions, juries and fraud reports (admins)
// ---------------------------------------------------------------------------

const JURY_FIELDS = gql`
  fragment JuryFields on Jury {
    id
    name
    kind
    version
    members {
      role
      representation
      juror {
        id
        displayName
        employer
        profession
      }
    }
  }
`;

const EXAM_SESSION_FIELDS = gql`
  fragment ExamSessionFields on ExamSession {
    id
    title
    mode
    place
    remoteLink
    startsAt
    endsAt
    certification {
      ...CertificationSummaryFields
    }
    slots {
      ...SlotFields
      bookings {
        id
        attempt {
          id
          state
          candidateName
        }
        oral {
          id
          candidateName
          phase
          jury {
            id
            name
          }
        }
      }
    }
  }
  ${CERTIFICATION_SUMMARY_FIELDS}
  ${SLOT_FIELDS}
`;

export const ExamSessionsQuery = gql<
  { examSessions: ExamSessionConnection },
  { first?: number; after?: string | null; upcoming?: boolean | null }
>`
  query ExamSessions($first: Int = 5, $after: String, $upcoming: Boolean) {
    examSessions(first: $first, after: $after, upcoming: $upcoming) {
      pageInfo {
        hasNextPage
        endCursor
        hasPreviousPage
        startCursor
      }
      edges {
        cursor
        node {
          ...ExamSessionFields
        }
      }
    }
  }
  ${EXAM_SESSION_FIELDS}
`;

export const CreateExamSessionMutation = gql<{ createExamSession: Pick<ExamSession, 'id' | 'title'> }, { input: ExamSessionInput }>`
  mutation CreateExamSession($input: ExamSessionInput!) {
    createExamSession(input: $input) {
      id
      title
    }
  }
`;

export const AddSlotsMutation = gql<{ addSlots: Pick<ExamSession, 'id'> }, { examSessionId: string; slots: SlotInput[] }>`
  mutation AddSlots($examSessionId: ID!, $slots: [SlotInput!]!) {
    addSlots(examSessionId: $examSessionId, slots: $slots) {
      id
    }
  }
`;

export const RemoveSlotMutation = gql<{ removeSlot: Pick<ExamSession, 'id'> }, { slotId: string }>`
  mutation RemoveSlot($slotId: ID!) {
    removeSlot(slotId: $slotId) {
      id
    }
  }
`;

/** A session's juries (apart from the sessions list, which would otherwise exceed the complexity limit). */
export const SessionJuriesQuery = gql<{ juries: SessionJury[] }, { examSessionId: string }>`
  query SessionJuries($examSessionId: ID!) {
    juries(examSessionId: $examSessionId) {
      id
      name
      members {
        role
        juror {
          id
          displayName
        }
      }
    }
  }
`;

export const JurorsQuery = gql<{ jurors: JurorSummary[] }, Record<string, never>>`
  query Jurors {
    jurors {
      id
      displayName
      employer
      profession
    }
  }
`;

export const ComposeJuryMutation = gql<{ composeJury: Jury }, { input: ComposeJuryInput; members: JuryMemberInput[] }>`
  mutation ComposeJury($input: ComposeJuryInput!, $members: [JuryMemberInput!]!) {
    composeJury(input: $input, members: $members) {
      ...JuryFields
    }
  }
  ${JURY_FIELDS}
`;

export const AssignJuryMutation = gql<{ assignJury: Pick<Oral, 'id' | 'phase'> }, { attemptId: string; juryId: string }>`
  mutation AssignJury($attemptId: ID!, $juryId: ID!) {
    assignJury(attemptId: $attemptId, juryId: $juryId) {
      id
      phase
    }
  }
`;

export const JurorEligibilityQuery = gql<{ jurorEligibility: JurorEligibility[] | null }, { attemptId: string }>`
  query JurorEligibility($attemptId: ID!) {
    jurorEligibility(attemptId: $attemptId) {
      eligible
      juror {
        id
        displayName
        employer
        profession
      }
      reasons {
        code
        message
      }
    }
  }
`;

export const FraudReportsQuery = gql<{ fraudReports: FraudReport[] }, { status?: FraudReviewStatus | null }>`
  query FraudReports($status: FraudReviewStatus) {
    fraudReports(status: $status) {
      id
      statement
      reportedAt
      status
      reviewReason
      reviewedAt
      attempt {
        id
        state
        certification {
          ...CertificationSummaryFields
        }
      }
      oral {
        id
        candidateName
        scheduledAt
        phase
      }
    }
  }
  ${CERTIFICATION_SUMMARY_FIELDS}
`;

export const ReviewFraudReportMutation = gql<
  { reviewFraudReport: Pick<FraudReport, 'id' | 'status' | 'reviewReason' | 'reviewedAt'> },
  { id: string; outcome: FraudReviewOutcome; reason: string }
>`
  mutation ReviewFraudReport($id: ID!, $outcome: FraudReviewOutcome!, $reason: String!) {
    reviewFraudReport(id: $id, outcome: $outcome, reason: $reason) {
      id
      status
      reviewReason
      reviewedAt
    }
  }
`;

// ---------------------------------------------------------------------------
// Transmission to the Caisse des Dépôts (admin)
// ---------------------------------------------------------------------------

const CDC_ISSUE_FIELDS = gql`
  fragment CdcIssueFields on CdcIssue {
    field
    code
    length
    max
    message
  }
`;

const CDC_REPORT_SUMMARY_FIELDS = gql`
  fragment CdcReportSummaryFields on CdcReportSummary {
    idFlux
    idTraitement
    nomFichier
    accepted
    rejected
    unknownCount
    unknown {
      idTechnique
      reason
      message
    }
  }
`;

const CDC_BATCH_FIELDS = gql`
  fragment CdcBatchFields on CdcBatch {
    id
    createdAt
    fileName
    passageCount
    schemaVersion
    sizeBytes
    downloadPath
    reportFileName
    reportIdTraitement
    reportImportedAt
    report {
      ...CdcReportSummaryFields
    }
  }
  ${CDC_REPORT_SUMMARY_FIELDS}
`;

const CDC_PASSAGE_FIELDS = gql`
  fragment CdcPassageFields on CdcPassage {
    id
    idTechnique
    status
    juryDate
    transmitBy
    daysLeft
    late
    atRisk
    acceptedAt
    rejectionMessage
    identification {
      kind
      issues {
        ...CdcIssueFields
      }
    }
    candidate {
      id
      fileNumber
      birthName
      usageName
      firstName
      firstName2
      firstName3
      birthDate
      sex
      birthInseeCode
      cpfFileNumber
    }
    attempt {
      id
      certification {
        ...CertificationSummaryFields
      }
    }
    lastBatch {
      id
      fileName
    }
  }
  ${CDC_ISSUE_FIELDS}
  ${CERTIFICATION_SUMMARY_FIELDS}
`;

export const CdcDeadlinesQuery = gql<{ cdcDeadlines: CdcDeadlines }, Record<string, never>>`
  query CdcDeadlines {
    cdcDeadlines {
      pending
      sent
      accepted
      rejected
      atRisk
      late
    }
  }
`;

export const CdcSettingsQuery = gql<{ cdcSettings: CdcSettings }, Record<string, never>>`
  query CdcSettings {
    cdcSettings {
      clientId
      contractId
      schemaVersion
    }
  }
`;

export const UpdateCdcSettingsMutation = gql<{ updateCdcSettings: CdcSettings }, { clientId: string; contractId: string }>`
  mutation UpdateCdcSettings($clientId: String!, $contractId: String!) {
    updateCdcSettings(clientId: $clientId, contractId: $contractId) {
      clientId
      contractId
      schemaVersion
    }
  }
`;

export const CdcExportPreviewQuery = gql<{ cdcExportPreview: CdcExportPreview }, Record<string, never>>`
  query CdcExportPreview {
    cdcExportPreview {
      ready
      blockedCount
      settingsIssues {
        ...CdcIssueFields
      }
      blocked {
        idTechnique
        message
        missingForTitulaire
        missingForDossier
        issues {
          ...CdcIssueFields
        }
        passage {
          ...CdcPassageFields
        }
      }
    }
  }
  ${CDC_ISSUE_FIELDS}
  ${CDC_PASSAGE_FIELDS}
`;

export const ExportCdcBatchMutation = gql<{ exportCdcBatch: CdcExportResult }, Record<string, never>>`
  mutation ExportCdcBatch {
    exportCdcBatch {
      blockedCount
      batch {
        ...CdcBatchFields
      }
    }
  }
  ${CDC_BATCH_FIELDS}
`;

export interface CdcPassagesVariables {
  first: number;
  after?: string | null;
  status?: CdcPassageStatus | null;
  atRisk?: boolean | null;
}

export const CdcPassagesQuery = gql<{ cdcPassages: CdcPassageConnection }, CdcPassagesVariables>`
  query CdcPassages($first: Int!, $after: String, $status: CdcPassageStatus, $atRisk: Boolean) {
    cdcPassages(first: $first, after: $after, status: $status, atRisk: $atRisk) {
      edges {
        cursor
        node {
          ...CdcPassageFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
        hasPreviousPage
        startCursor
      }
    }
  }
  ${CDC_PASSAGE_FIELDS}
`;

export const CorrectCdcPassageMutation = gql<
  { correctCdcPassage: CdcPassage },
  { passageId: string; identity: CdcIdentityInput | null }
>`
  mutation CorrectCdcPassage($passageId: ID!, $identity: CdcIdentityInput) {
    correctCdcPassage(passageId: $passageId, identity: $identity) {
      ...CdcPassageFields
    }
  }
  ${CDC_PASSAGE_FIELDS}
`;

export const CdcBatchesQuery = gql<{ cdcBatches: CdcBatchConnection }, { first: number; after?: string | null }>`
  query CdcBatches($first: Int!, $after: String) {
    cdcBatches(first: $first, after: $after) {
      edges {
        cursor
        node {
          ...CdcBatchFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
        hasPreviousPage
        startCursor
      }
    }
  }
  ${CDC_BATCH_FIELDS}
`;

export const ImportCdcReportMutation = gql<{ importCdcReport: CdcReportImport }, { xml: string; fileName?: string | null }>`
  mutation ImportCdcReport($xml: String!, $fileName: String) {
    importCdcReport(xml: $xml, fileName: $fileName) {
      duplicate
      summary {
        ...CdcReportSummaryFields
      }
      batch {
        ...CdcBatchFields
      }
    }
  }
  ${CDC_REPORT_SUMMARY_FIELDS}
  ${CDC_BATCH_FIELDS}
`;

// ─── Results (issue 6) ───

const ATTEMPT_RESULT_FIELDS = gql`
  fragment AttemptResultFields on AttemptResult {
    id
    published
    publishedAt
    outcome
    validatedBlockCodes
    juryDate
    juryNames
    disclosure
    contestUntil
    contestPath
    explanation {
      fr
      en
    }
    blocks {
      code
      title
      inScope
      acquiredEarlier
      validated
      competences {
        code
        title
        validated
        minimumScore
        agreedScore
      }
    }
  }
`;

/** The candidate's attempts with their published result (null until published). */
export const MyAttemptResultsQuery = gql<{ myAttempts: { id: string; result: AttemptResult | null }[] }, Record<string, never>>`
  query MyAttemptResults {
    myAttempts {
      id
      result {
        ...AttemptResultFields
      }
    }
  }
  ${ATTEMPT_RESULT_FIELDS}
`;

const RESULT_TO_PUBLISH_FIELDS = gql`
  fragment ResultToPublishFields on ResultPublication {
    id
    publishBy
    publishedAt
    daysLeft
    late
    atRisk
    outcome
    candidateName
    certification {
      ...CertificationSummaryFields
    }
    attempt {
      id
      state
    }
  }
  ${CERTIFICATION_SUMMARY_FIELDS}
`;

export const ResultsToPublishQuery = gql<{ resultsToPublish: ResultToPublish[] }, { atRisk?: boolean | null }>`
  query ResultsToPublish($atRisk: Boolean) {
    resultsToPublish(atRisk: $atRisk) {
      ...ResultToPublishFields
    }
  }
  ${RESULT_TO_PUBLISH_FIELDS}
`;

export const PublishResultMutation = gql<{ publishResult: ResultToPublish }, { resultId: string }>`
  mutation PublishResult($resultId: ID!) {
    publishResult(resultId: $resultId) {
      ...ResultToPublishFields
    }
  }
  ${RESULT_TO_PUBLISH_FIELDS}
`;

// ---------------------------------------------------------------------------
// Practice quiz (candidate portal): one question at a time, autosaved, graded on the server
// ---------------------------------------------------------------------------

import type { PracticeCompetenceProgress, PracticeQuiz } from './types';

const PRACTICE_QUIZ_FIELDS = gql`
  fragment PracticeQuizFields on PracticeQuiz {
    id
    attemptId
    certificationCode
    certificationTitle
    startedAt
    submittedAt
    questionCount
    answeredCount
    questions {
      id
      position
      kind
      prompt
      choices {
        id
        label
      }
      competence {
        id
        code
        title
      }
      myAnswer {
        choiceIds
        number
      }
      review {
        correct
        correctAnswer {
          choiceIds
          number
        }
        explanation
      }
    }
    results {
      correct
      total
      percent
      competences {
        competenceId
        code
        title
        correct
        total
        percent
        revise
      }
    }
    revisionSuggestions {
      competenceId
      code
      title
      percent
    }
  }
`;

/** Starts a practice quiz, or resumes the open one of the attempt (same questions, saved answers). */
export const StartPracticeQuizMutation = gql<{ startPracticeQuiz: PracticeQuiz }, { attemptId: string; questionCount?: number | null }>`
  mutation StartPracticeQuiz($attemptId: ID!, $questionCount: Int) {
    startPracticeQuiz(attemptId: $attemptId, questionCount: $questionCount) {
      ...PracticeQuizFields
    }
  }
  ${PRACTICE_QUIZ_FIELDS}
`;

export const AnswerQuizQuestionMutation = gql<
  { answerQuizQuestion: PracticeQuiz },
  { quizId: string; questionId: string; answer: { choiceIds?: string[] | null; number?: number | null } }
>`
  mutation AnswerQuizQuestion($quizId: ID!, $questionId: ID!, $answer: QuizAnswerInput!) {
    answerQuizQuestion(quizId: $quizId, questionId: $questionId, answer: $answer) {
      ...PracticeQuizFields
    }
  }
  ${PRACTICE_QUIZ_FIELDS}
`;

export const SubmitPracticeQuizMutation = gql<{ submitPracticeQuiz: PracticeQuiz }, { quizId: string }>`
  mutation SubmitPracticeQuiz($quizId: ID!) {
    submitPracticeQuiz(quizId: $quizId) {
      ...PracticeQuizFields
    }
  }
  ${PRACTICE_QUIZ_FIELDS}
`;

/** The history of an attempt's practice quizzes and the progress per competence. */
export const PracticeHistoryQuery = gql<
  { myPracticeQuizzes: Pick<PracticeQuiz, 'id' | 'startedAt' | 'submittedAt' | 'questionCount' | 'answeredCount' | 'results'>[]; practiceProgress: PracticeCompetenceProgress[] },
  { attemptId: string }
>`
  query PracticeHistory($attemptId: ID!) {
    myPracticeQuizzes(attemptId: $attemptId) {
      id
      startedAt
      submittedAt
      questionCount
      answeredCount
      results {
        correct
        total
        percent
      }
    }
    practiceProgress(attemptId: $attemptId) {
      competenceId
      code
      title
      latestPercent
      bestPercent
      trend
      points {
        quizId
        submittedAt
        percent
        correct
        total
      }
    }
  }
`;
