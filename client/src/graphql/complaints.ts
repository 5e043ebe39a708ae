// Complaints and retakes (issue 7): operations and their types.
import { gql } from '@urql/core';

export type CaseState = 'SUBMITTED' | 'UNDER_REVIEW' | 'UPHELD' | 'REJECTED' | 'CLOSED';
export type ComplaintSubject = 'TRAINING' | 'CERTIFICATION_PROCESS';

export interface Complaint {
  id: string;
  subject: ComplaintSubject;
  statement: string;
  state: CaseState;
  answer: string | null;
  moderationReason: string | null;
  submittedAt: string;
  answerBy: string;
  answeredAt: string | null;
  version: number;
  daysLeft: number | null;
  late: boolean;
  atRisk: boolean;
  candidateName: string;
  partner: { id: string; name: string } | null;
  attempt: { id: string; certification: { code: string; title: string } } | null;
}

export interface ComplaintEvent {
  seq: number;
  type: 'COMPLAINT_FILED' | 'COMPLAINT_STATE_CHANGED';
  complaintId: string;
  to: CaseState | null;
  complaint: Complaint | null;
}

const COMPLAINT_FIELDS = gql`
  fragment ComplaintFields on Complaint {
    id
    subject
    statement
    state
    answer
    moderationReason
    submittedAt
    answerBy
    answeredAt
    version
    daysLeft
    late
    atRisk
    candidateName
    partner {
      id
      name
    }
    attempt {
      id
      certification {
        id
        code
        title
      }
    }
  }
`;

export const MyComplaintsQuery = gql<{ myComplaints: Complaint[] }, Record<string, never>>`
  query MyComplaints {
    myComplaints {
      ...ComplaintFields
    }
  }
  ${COMPLAINT_FIELDS}
`;

export const ComplaintsQuery = gql<
  { complaints: { totalCount: number; edges: { node: Complaint }[] } },
  { state?: CaseState | null; subject?: ComplaintSubject | null; atRisk?: boolean | null }
>`
  query Complaints($state: CaseState, $subject: ComplaintSubject, $atRisk: Boolean) {
    complaints(first: 200, state: $state, subject: $subject, atRisk: $atRisk) {
      totalCount
      edges {
        node {
          ...ComplaintFields
        }
      }
    }
  }
  ${COMPLAINT_FIELDS}
`;

export const FileComplaintMutation = gql<
  { fileComplaint: Complaint },
  { input: { subject: ComplaintSubject; statement: string; attemptId?: string | null } }
>`
  mutation FileComplaint($input: FileComplaintInput!) {
    fileComplaint(input: $input) {
      ...ComplaintFields
    }
  }
  ${COMPLAINT_FIELDS}
`;

export const StartComplaintReviewMutation = gql<{ startComplaintReview: Complaint }, { id: string; expectedVersion: number }>`
  mutation StartComplaintReview($id: ID!, $expectedVersion: Int!) {
    startComplaintReview(id: $id, expectedVersion: $expectedVersion) {
      ...ComplaintFields
    }
  }
  ${COMPLAINT_FIELDS}
`;

export const AnswerComplaintMutation = gql<{ answerComplaint: Complaint }, { id: string; expectedVersion: number; upheld: boolean; answer: string }>`
  mutation AnswerComplaint($id: ID!, $expectedVersion: Int!, $upheld: Boolean!, $answer: String!) {
    answerComplaint(id: $id, expectedVersion: $expectedVersion, upheld: $upheld, answer: $answer) {
      ...ComplaintFields
    }
  }
  ${COMPLAINT_FIELDS}
`;

export const CloseComplaintMutation = gql<{ closeComplaint: Complaint }, { id: string; expectedVersion: number; reason?: string | null }>`
  mutation CloseComplaint($id: ID!, $expectedVersion: Int!, $reason: String) {
    closeComplaint(id: $id, expectedVersion: $expectedVersion, reason: $reason) {
      ...ComplaintFields
    }
  }
  ${COMPLAINT_FIELDS}
`;

export const ComplaintEventsSubscription = gql<{ complaintEvents: ComplaintEvent }, { since?: number | null }>`
  subscription ComplaintEvents($since: Int) {
    complaintEvents(since: $since) {
      seq
      type
      complaintId
      to
      complaint {
        ...ComplaintFields
      }
    }
  }
  ${COMPLAINT_FIELDS}
`;

// ─── Retakes ───

export type RetakeRefusal = 'FRAUD' | 'NOT_PUBLISHED' | 'CERTIFIED' | 'ALREADY_RETAKEN' | 'MAX_ATTEMPTS_REACHED' | 'NOTHING_TO_RETAKE';

export interface RetakeAvailability {
  available: boolean;
  refusal: RetakeRefusal | null;
  refusalMessage: string | null;
  coveredBlockCodes: string[];
  blockCodesInScope: string[];
  attemptsUsed: number;
  maxAttempts: number | null;
  attemptsLeft: number | null;
}

export interface AttemptRetake {
  id: string;
  attemptNumber: number;
  blockCodesInScope: string[];
  previousAttempt: { id: string; attemptNumber: number } | null;
  retakeAttempt: { id: string; attemptNumber: number } | null;
  retakeAvailability: RetakeAvailability | null;
}

const ATTEMPT_RETAKE_FIELDS = gql`
  fragment AttemptRetakeFields on Attempt {
    id
    attemptNumber
    blockCodesInScope
    previousAttempt {
      id
      attemptNumber
    }
    retakeAttempt {
      id
      attemptNumber
    }
    retakeAvailability {
      available
      refusal
      refusalMessage
      coveredBlockCodes
      blockCodesInScope
      attemptsUsed
      maxAttempts
      attemptsLeft
    }
  }
`;

export const MyRetakesQuery = gql<{ myAttempts: AttemptRetake[] }, Record<string, never>>`
  query MyRetakes {
    myAttempts {
      ...AttemptRetakeFields
    }
  }
  ${ATTEMPT_RETAKE_FIELDS}
`;

export interface RetakeCandidate {
  id: string;
  fileNumber: string;
  firstName: string;
  birthName: string;
  usageName: string | null;
  partner: { id: string; name: string };
  attempts: (AttemptRetake & { state: string; certification: { id: string; code: string; title: string } })[];
}

/** Admins: candidates with a published result, their attempts and what a retake of each would cover. */
export const RetakeCandidatesQuery = gql<{ candidates: { edges: { node: RetakeCandidate }[] } }, Record<string, never>>`
  query RetakeCandidates {
    candidates(first: 200, state: RESULT_PUBLISHED) {
      edges {
        node {
          id
          fileNumber
          firstName
          birthName
          usageName
          partner {
            id
            name
          }
          attempts {
            ...AttemptRetakeFields
            state
            certification {
              id
              code
              title
            }
          }
        }
      }
    }
  }
  ${ATTEMPT_RETAKE_FIELDS}
`;

export const OpenRetakeMutation = gql<{ openRetake: AttemptRetake & { state: string } }, { attemptId: string }>`
  mutation OpenRetake($attemptId: ID!) {
    openRetake(attemptId: $attemptId) {
      ...AttemptRetakeFields
      state
    }
  }
  ${ATTEMPT_RETAKE_FIELDS}
`;
