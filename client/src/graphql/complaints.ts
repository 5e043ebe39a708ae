// Complaints and retakes (issue 7): operations and their types.
import { graphql, type ResultOf } from './tada';
import type { EnumOf } from './types';

export type CaseState = EnumOf<'CaseState'>;
export type ComplaintSubject = EnumOf<'ComplaintSubject'>;

const COMPLAINT_FIELDS = graphql(`
  fragment ComplaintFields on Complaint @_unmask {
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
`);

export const MyComplaintsQuery = graphql(`
  query MyComplaints {
    myComplaints {
      ...ComplaintFields
    }
  }
`, [COMPLAINT_FIELDS]);

export const ComplaintsQuery = graphql(`
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
`, [COMPLAINT_FIELDS]);

export const FileComplaintMutation = graphql(`
  mutation FileComplaint($input: FileComplaintInput!) {
    fileComplaint(input: $input) {
      ...ComplaintFields
    }
  }
`, [COMPLAINT_FIELDS]);

export const StartComplaintReviewMutation = graphql(`
  mutation StartComplaintReview($id: ID!, $expectedVersion: Int!) {
    startComplaintReview(id: $id, expectedVersion: $expectedVersion) {
      ...ComplaintFields
    }
  }
`, [COMPLAINT_FIELDS]);

export const AnswerComplaintMutation = graphql(`
  mutation AnswerComplaint($id: ID!, $expectedVersion: Int!, $upheld: Boolean!, $answer: String!) {
    answerComplaint(id: $id, expectedVersion: $expectedVersion, upheld: $upheld, answer: $answer) {
      ...ComplaintFields
    }
  }
`, [COMPLAINT_FIELDS]);

export const CloseComplaintMutation = graphql(`
  mutation CloseComplaint($id: ID!, $expectedVersion: Int!, $reason: String) {
    closeComplaint(id: $id, expectedVersion: $expectedVersion, reason: $reason) {
      ...ComplaintFields
    }
  }
`, [COMPLAINT_FIELDS]);

export const ComplaintEventsSubscription = graphql(`
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
`, [COMPLAINT_FIELDS]);

// ─── Retakes ───

const ATTEMPT_RETAKE_FIELDS = graphql(`
  fragment AttemptRetakeFields on Attempt @_unmask {
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
`);

export const MyRetakesQuery = graphql(`
  query MyRetakes {
    myAttempts {
      ...AttemptRetakeFields
    }
  }
`, [ATTEMPT_RETAKE_FIELDS]);

/** Admins: candidates with a published result, their attempts and what a retake of each would cover. */
export const RetakeCandidatesQuery = graphql(`
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
`, [ATTEMPT_RETAKE_FIELDS]);

export const OpenRetakeMutation = graphql(`
  mutation OpenRetake($attemptId: ID!) {
    openRetake(attemptId: $attemptId) {
      ...AttemptRetakeFields
      state
    }
  }
`, [ATTEMPT_RETAKE_FIELDS]);

export type Complaint = ResultOf<typeof COMPLAINT_FIELDS>;
export type AttemptRetake = ResultOf<typeof ATTEMPT_RETAKE_FIELDS>;
