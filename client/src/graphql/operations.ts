import { graphql, type ResultOf, type VariablesOf } from './tada';

export const VIEWER_FIELDS = graphql(`
  fragment ViewerFields on Viewer @_unmask {
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
`);

const CERTIFICATION_SUMMARY_FIELDS = graphql(`
  fragment CertificationSummaryFields on Certification @_unmask {
    id
    code
    registry
    title
  }
`);

const ATTEMPT_FIELDS = graphql(`
  fragment AttemptFields on Attempt @_unmask {
    id
    state
    attemptNumber
    createdAt
    certification {
      ...CertificationSummaryFields
    }
  }
`, [CERTIFICATION_SUMMARY_FIELDS]);

const CANDIDATE_FIELDS = graphql(`
  fragment CandidateFields on Candidate @_unmask {
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
    account {
      state
    }
    # What the identity lacks for the CDC (columns of the candidate's own row: no extra statement).
    identityIssues {
      field
    }
    attempts {
      ...AttemptFields
      # The partner's list shows these (CandidatesTable show-progress); batched server-side, see statement-count.test.ts.
      appealOpen
      booking {
        id
        slot {
          id
          startsAt
        }
      }
      result {
        id
        outcome
        published
      }
    }
  }
`, [ATTEMPT_FIELDS]);

export const MeQuery = graphql(`
  query Me {
    me {
      ...ViewerFields
    }
  }
`, [VIEWER_FIELDS]);

export const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      expiresAt
      viewer {
        ...ViewerFields
      }
    }
  }
`, [VIEWER_FIELDS]);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

export const CertificationsQuery = graphql(`
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
`);

/** Light list used to fill the certification filter. */
export const CertificationOptionsQuery = graphql(`
  query CertificationOptions($activeOnly: Boolean = false) {
    certifications(activeOnly: $activeOnly) {
      ...CertificationSummaryFields
    }
  }
`, [CERTIFICATION_SUMMARY_FIELDS]);

export const CandidatesQuery = graphql(`
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
`, [CANDIDATE_FIELDS]);

export const MyOralsQuery = graphql(`
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
`, [CERTIFICATION_SUMMARY_FIELDS]);

export const MyAttemptsQuery = graphql(`
  query MyAttempts {
    myAttempts {
      ...AttemptFields
    }
  }
`, [ATTEMPT_FIELDS]);

export const PartnerCandidateEventsSubscription = graphql(`
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
`, [CANDIDATE_FIELDS]);


// ---------------------------------------------------------------------------
// Oral room (juror console)
// ---------------------------------------------------------------------------

/** The grid of an oral: fetched once (a framework version never changes). */
export const OralGridQuery = graphql(`
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
`);

/** The live state of the room, reloaded (network-only) after each room event. */
export const OralRoomQuery = graphql(`
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
`, [CERTIFICATION_SUMMARY_FIELDS]);

export const OralEventsSubscription = graphql(`
  subscription OralEvents($oralId: ID!, $since: Int) {
    oralEvents(oralId: $oralId, since: $since) {
      seq
      type
      at
      jurorId
      payload
    }
  }
`);

export const ScoreCriterionMutation = graphql(`
  mutation ScoreCriterion($input: ScoreCriterionInput!) {
    scoreCriterion(input: $input) {
      jurorId
      criterionId
      value
      comment
      updatedAt
    }
  }
`);

/** Shared-state mutations answer the oral's new phase and version; the room is then reloaded. */
export const MoveOralPhaseMutation = graphql(`
  mutation MoveOralPhase($oralId: ID!, $to: OralPhase!, $expectedVersion: Int!) {
    moveOralPhase(oralId: $oralId, to: $to, expectedVersion: $expectedVersion) {
      id
      phase
      version
    }
  }
`);

export const SetAgreedScoreMutation = graphql(`
  mutation SetAgreedScore($input: AgreedScoreInput!) {
    setAgreedScore(input: $input) {
      id
      phase
      version
    }
  }
`);

export const DecideOralMutation = graphql(`
  mutation DecideOral($oralId: ID!, $expectedVersion: Int!) {
    decideOral(oralId: $oralId, expectedVersion: $expectedVersion) {
      id
      phase
      version
    }
  }
`);

export const SignMinutesMutation = graphql(`
  mutation SignMinutes($oralId: ID!, $contentHash: String!) {
    signMinutes(oralId: $oralId, contentHash: $contentHash) {
      id
      phase
      version
    }
  }
`);

export const ConfirmCandidateIdentityMutation = graphql(`
  mutation ConfirmCandidateIdentity($oralId: ID!, $documentType: IdentityDocumentType!, $expectedVersion: Int!) {
    confirmCandidateIdentity(oralId: $oralId, documentType: $documentType, expectedVersion: $expectedVersion) {
      id
      phase
      version
    }
  }
`);

export const ReportFraudMutation = graphql(`
  mutation ReportFraud($oralId: ID!, $statement: String!, $expectedVersion: Int!) {
    reportFraud(oralId: $oralId, statement: $statement, expectedVersion: $expectedVersion) {
      id
      phase
      version
    }
  }
`);

// ---------------------------------------------------------------------------
// Booking an oral slot (candidate portal)
// ---------------------------------------------------------------------------

const SLOT_FIELDS = graphql(`
  fragment SlotFields on Slot @_unmask {
    id
    startsAt
    endsAt
    durationMinutes
    capacity
    bookedCount
    remaining
  }
`);

const BOOKABLE_SLOT_FIELDS = graphql(`
  fragment BookableSlotFields on Slot @_unmask {
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
`, [SLOT_FIELDS]);

const BOOKING_FIELDS = graphql(`
  fragment BookingFields on Booking @_unmask {
    id
    createdAt
    cancelledAt
    slot {
      ...BookableSlotFields
    }
  }
`, [BOOKABLE_SLOT_FIELDS]);

/** The candidate's attempts with their booking (the journey page). */
export const MyAttemptsWithBookingQuery = graphql(`
  query MyAttemptsWithBooking {
    myAttempts {
      ...AttemptFields
      booking {
        ...BookingFields
      }
    }
  }
`, [ATTEMPT_FIELDS, BOOKING_FIELDS]);

export const BookableSlotsQuery = graphql(`
  query BookableSlots($attemptId: ID!) {
    bookableSlots(attemptId: $attemptId) {
      ...BookableSlotFields
    }
  }
`, [BOOKABLE_SLOT_FIELDS]);

export const BookSlotMutation = graphql(`
  mutation BookSlot($attemptId: ID!, $slotId: ID!) {
    bookSlot(attemptId: $attemptId, slotId: $slotId) {
      ...BookingFields
    }
  }
`, [BOOKING_FIELDS]);

export const CancelBookingMutation = graphql(`
  mutation CancelBooking($attemptId: ID!) {
    cancelBooking(attemptId: $attemptId) {
      id
      state
    }
  }
`);

export const ScheduleEventsSubscription = graphql(`
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
`);

export const SlotAvailabilitySubscription = graphql(`
  subscription SlotAvailability($certificationId: ID!, $since: Int) {
    slotAvailability(certificationId: $certificationId, since: $since) {
      seq
      type
      slotId
      bookedCount
      capacity
    }
  }
`);

// ---------------------------------------------------------------------------
// Conflicts of interest (jurors)
// ---------------------------------------------------------------------------

export const MyConflictsQuery = graphql(`
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
`);

export const PartnersQuery = graphql(`
  query Partners {
    partners {
      id
      name
    }
  }
`);

/** Who a juror may declare a conflict with: the training organisations, and the candidates of their orals. */
export const ConflictTargetsQuery = graphql(`
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
`);

export const DeclareConflictMutation = graphql(`
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
`);

// ---------------------------------------------------------------------------
// Sessions, juries and fraud reports (admins)
// ---------------------------------------------------------------------------

const JURY_FIELDS = graphql(`
  fragment JuryFields on Jury @_unmask {
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
`);

const EXAM_SESSION_FIELDS = graphql(`
  fragment ExamSessionFields on ExamSession @_unmask {
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
`, [CERTIFICATION_SUMMARY_FIELDS, SLOT_FIELDS]);

export const ExamSessionsQuery = graphql(`
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
`, [EXAM_SESSION_FIELDS]);

export const CreateExamSessionMutation = graphql(`
  mutation CreateExamSession($input: ExamSessionInput!) {
    createExamSession(input: $input) {
      id
      title
    }
  }
`);

export const AddSlotsMutation = graphql(`
  mutation AddSlots($examSessionId: ID!, $slots: [SlotInput!]!) {
    addSlots(examSessionId: $examSessionId, slots: $slots) {
      id
    }
  }
`);

export const RemoveSlotMutation = graphql(`
  mutation RemoveSlot($slotId: ID!) {
    removeSlot(slotId: $slotId) {
      id
    }
  }
`);

/** A session's juries (apart from the sessions list, which would otherwise exceed the complexity limit). */
export const SessionJuriesQuery = graphql(`
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
`);

export const JurorsQuery = graphql(`
  query Jurors {
    jurors {
      id
      displayName
      employer
      profession
    }
  }
`);

export const ComposeJuryMutation = graphql(`
  mutation ComposeJury($input: ComposeJuryInput!, $members: [JuryMemberInput!]!) {
    composeJury(input: $input, members: $members) {
      ...JuryFields
    }
  }
`, [JURY_FIELDS]);

export const AssignJuryMutation = graphql(`
  mutation AssignJury($attemptId: ID!, $juryId: ID!) {
    assignJury(attemptId: $attemptId, juryId: $juryId) {
      id
      phase
    }
  }
`);

export const JurorEligibilityQuery = graphql(`
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
`);

export const FraudReportsQuery = graphql(`
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
`, [CERTIFICATION_SUMMARY_FIELDS]);

export const ReviewFraudReportMutation = graphql(`
  mutation ReviewFraudReport($id: ID!, $outcome: FraudReviewOutcome!, $reason: String!) {
    reviewFraudReport(id: $id, outcome: $outcome, reason: $reason) {
      id
      status
      reviewReason
      reviewedAt
    }
  }
`);

// ---------------------------------------------------------------------------
// Transmission to the Caisse des Dépôts (admin)
// ---------------------------------------------------------------------------

const CDC_ISSUE_FIELDS = graphql(`
  fragment CdcIssueFields on CdcIssue @_unmask {
    field
    code
    length
    max
    message
  }
`);

const CDC_REPORT_SUMMARY_FIELDS = graphql(`
  fragment CdcReportSummaryFields on CdcReportSummary @_unmask {
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
`);

const CDC_BATCH_FIELDS = graphql(`
  fragment CdcBatchFields on CdcBatch @_unmask {
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
    exportId
    rejectedAt
    rejectionMessage
  }
`, [CDC_REPORT_SUMMARY_FIELDS]);

export const RejectCdcBatchMutation = graphql(`
  mutation RejectCdcBatch($batchId: ID!, $message: String!) {
    rejectCdcBatch(batchId: $batchId, message: $message) {
      id
      rejectedAt
      rejectionMessage
    }
  }
`);

const CDC_PASSAGE_FIELDS = graphql(`
  fragment CdcPassageFields on CdcPassage @_unmask {
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
    awaitingReportDays
    portalAction
    portalActionMessage
    portalValues {
      element
      value
    }
  }
`, [CDC_ISSUE_FIELDS, CERTIFICATION_SUMMARY_FIELDS]);

export const RecordCdcPortalActionMutation = graphql(`
  mutation RecordCdcPortalAction($passageId: ID!) {
    recordCdcPortalAction(passageId: $passageId) {
      id
      status
      portalAction
    }
  }
`);

export const CdcDeadlinesQuery = graphql(`
  query CdcDeadlines {
    cdcDeadlines {
      pending
      sent
      accepted
      rejected
      atRisk
      late
      awaitingReport
      oldestAwaitingDays
      portalActions
    }
  }
`);

export const CdcSettingsQuery = graphql(`
  query CdcSettings {
    cdcSettings {
      clientId
      contractId
      schemaVersion
    }
  }
`);

export const UpdateCdcSettingsMutation = graphql(`
  mutation UpdateCdcSettings($clientId: String!, $contractId: String!) {
    updateCdcSettings(clientId: $clientId, contractId: $contractId) {
      clientId
      contractId
      schemaVersion
    }
  }
`);

export const CdcExportPreviewQuery = graphql(`
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
`, [CDC_ISSUE_FIELDS, CDC_PASSAGE_FIELDS]);

export const ExportCdcBatchMutation = graphql(`
  mutation ExportCdcBatch {
    exportCdcBatch {
      blockedCount
      batch {
        ...CdcBatchFields
      }
    }
  }
`, [CDC_BATCH_FIELDS]);

export const CdcPassagesQuery = graphql(`
  query CdcPassages($first: Int!, $after: String, $status: CdcPassageStatus, $atRisk: Boolean, $portalWorklist: Boolean) {
    cdcPassages(first: $first, after: $after, status: $status, atRisk: $atRisk, portalWorklist: $portalWorklist) {
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
`, [CDC_PASSAGE_FIELDS]);

export const CorrectCdcPassageMutation = graphql(`
  mutation CorrectCdcPassage($passageId: ID!, $identity: CdcIdentityInput) {
    correctCdcPassage(passageId: $passageId, identity: $identity) {
      ...CdcPassageFields
    }
  }
`, [CDC_PASSAGE_FIELDS]);

export const CdcBatchesQuery = graphql(`
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
`, [CDC_BATCH_FIELDS]);

export const ImportCdcReportMutation = graphql(`
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
`, [CDC_REPORT_SUMMARY_FIELDS, CDC_BATCH_FIELDS]);

// ─── Results (issue 6) ───

const ATTEMPT_RESULT_FIELDS = graphql(`
  fragment AttemptResultFields on AttemptResult @_unmask {
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
`);

/** The candidate's attempts with their published result (null until published). */
export const MyAttemptResultsQuery = graphql(`
  query MyAttemptResults {
    myAttempts {
      id
      result {
        ...AttemptResultFields
      }
    }
  }
`, [ATTEMPT_RESULT_FIELDS]);

const RESULT_TO_PUBLISH_FIELDS = graphql(`
  fragment ResultToPublishFields on ResultPublication @_unmask {
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
`, [CERTIFICATION_SUMMARY_FIELDS]);

export const ResultsToPublishQuery = graphql(`
  query ResultsToPublish($atRisk: Boolean) {
    resultsToPublish(atRisk: $atRisk) {
      ...ResultToPublishFields
    }
  }
`, [RESULT_TO_PUBLISH_FIELDS]);

export const PublishResultMutation = graphql(`
  mutation PublishResult($resultId: ID!) {
    publishResult(resultId: $resultId) {
      ...ResultToPublishFields
    }
  }
`, [RESULT_TO_PUBLISH_FIELDS]);

// ---------------------------------------------------------------------------
// Practice quiz (candidate portal): one question at a time, autosaved, graded on the server
// ---------------------------------------------------------------------------

const PRACTICE_QUIZ_FIELDS = graphql(`
  fragment PracticeQuizFields on PracticeQuiz @_unmask {
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
`);

/** Starts a practice quiz, or resumes the open one of the attempt (same questions, saved answers). */
export const StartPracticeQuizMutation = graphql(`
  mutation StartPracticeQuiz($attemptId: ID!, $questionCount: Int) {
    startPracticeQuiz(attemptId: $attemptId, questionCount: $questionCount) {
      ...PracticeQuizFields
    }
  }
`, [PRACTICE_QUIZ_FIELDS]);

export const AnswerQuizQuestionMutation = graphql(`
  mutation AnswerQuizQuestion($quizId: ID!, $questionId: ID!, $answer: QuizAnswerInput!) {
    answerQuizQuestion(quizId: $quizId, questionId: $questionId, answer: $answer) {
      ...PracticeQuizFields
    }
  }
`, [PRACTICE_QUIZ_FIELDS]);

export const SubmitPracticeQuizMutation = graphql(`
  mutation SubmitPracticeQuiz($quizId: ID!) {
    submitPracticeQuiz(quizId: $quizId) {
      ...PracticeQuizFields
    }
  }
`, [PRACTICE_QUIZ_FIELDS]);

/** The history of an attempt's practice quizzes and the progress per competence. */
export const PracticeHistoryQuery = graphql(`
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
`);

// ---------------------------------------------------------------------------
// Types derived from the documents above (gql.tada, checked against schema.graphql): what components receive
// ---------------------------------------------------------------------------

export type Viewer = ResultOf<typeof VIEWER_FIELDS>;

export type Certification = ResultOf<typeof CertificationsQuery>['certifications'][number];

export type Attempt = ResultOf<typeof ATTEMPT_FIELDS>;
export type Candidate = ResultOf<typeof CANDIDATE_FIELDS>;
export type PageInfo = ResultOf<typeof CandidatesQuery>['candidates']['pageInfo'];
export type CandidatesVariables = VariablesOf<typeof CandidatesQuery>;
export type CandidateEvent = ResultOf<typeof PartnerCandidateEventsSubscription>['partnerCandidateEvents'];

/** The grid of an oral: the attempt's framework version. */
export type OralGrid = NonNullable<ResultOf<typeof OralGridQuery>['oral']>['grid'];
/** The live state of an oral room (reloaded after each room event). */
export type OralRoom = NonNullable<ResultOf<typeof OralRoomQuery>['oral']>;
/** One juror's score on one criterion. */
export type Score = OralRoom['myScores'][number];
/** A co-juror's role, progress and presence (never their values before deliberation). */
export type OralJuror = OralRoom['jurors'][number];
export type Deliberation = NonNullable<OralRoom['deliberation']>;
export type CompetenceDeliberation = Deliberation['competences'][number];
export type Decision = NonNullable<OralRoom['decision']>;
export type Minutes = NonNullable<OralRoom['minutes']>;
/** An event of the oral room: ids and progress only; the room is reloaded to see its effect. */
export type OralEvent = ResultOf<typeof OralEventsSubscription>['oralEvents'];

/** A slot with its session (bookableSlots, Attempt.booking). */
export type BookableSlot = ResultOf<typeof BOOKABLE_SLOT_FIELDS>;
/** The session a slot belongs to, as candidates see it. */
export type ExamSessionSummary = BookableSlot['session'];
export type Booking = ResultOf<typeof BOOKING_FIELDS>;
/** SLOT_AVAILABILITY_CHANGED (with the seats taken), SLOTS_CHANGED or SESSION_CREATED. */
export type SlotAvailabilityEvent = ResultOf<typeof SlotAvailabilitySubscription>['slotAvailability'];

export type ExamSession = ResultOf<typeof EXAM_SESSION_FIELDS>;
export type SlotInput = VariablesOf<typeof AddSlotsMutation>['slots'][number];
/** A session's jury as the sessions page lists it. */
export type SessionJury = ResultOf<typeof SessionJuriesQuery>['juries'][number];
export type JuryMemberInput = VariablesOf<typeof ComposeJuryMutation>['members'][number];

export type CdcBatch = ResultOf<typeof CDC_BATCH_FIELDS>;
export type CdcPassage = ResultOf<typeof CDC_PASSAGE_FIELDS>;
/** The holder's identity as the CDC screens show it. */
export type CdcHolder = CdcPassage['candidate'];
export type CdcPassagesVariables = VariablesOf<typeof CdcPassagesQuery>;
export type CdcReportImport = ResultOf<typeof ImportCdcReportMutation>['importCdcReport'];
/** Omitted fields are kept, null clears an optional one. */
export type CdcIdentityInput = NonNullable<VariablesOf<typeof CorrectCdcPassageMutation>['identity']>;

/** The published result of an attempt, as the candidate sees it. */
export type AttemptResult = ResultOf<typeof ATTEMPT_RESULT_FIELDS>;
/** A signed result awaiting publication (admins). */
export type ResultToPublish = ResultOf<typeof RESULT_TO_PUBLISH_FIELDS>;

export type PracticeQuiz = ResultOf<typeof PRACTICE_QUIZ_FIELDS>;
export type PracticeQuizQuestion = PracticeQuiz['questions'][number];
export type QuizAnswerValue = NonNullable<PracticeQuizQuestion['myAnswer']>;
