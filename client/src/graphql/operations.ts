import { gql } from '@urql/core';
import type {
  Attempt,
  AttemptState,
  CandidateConnection,
  CandidateEvent,
  Certification,
  LoginPayload,
  Oral,
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

