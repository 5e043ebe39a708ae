import { gql } from '@urql/core';
import type {
  AgreedScoreInput,
  Attempt,
  AttemptState,
  CandidateConnection,
  CandidateEvent,
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
