// Identity data the CDC needs, collected before the oral (issue 19): what a candidate's identity lacks (the CDC
// export's own rules), its correction by the partner or the candidate, and GDPR rectification requests once a
// jury has decided (asked by the candidate, decided by an admin). Typed with gql.tada.
import { graphql, type ResultOf, type VariablesOf } from './tada';

export const IdentityFields = graphql(`
  fragment IdentityFields on Candidate @_unmask {
    id
    fileNumber
    birthName
    usageName
    firstName
    firstName2
    firstName3
    sex
    birthDate
    birthInseeCode
    birthPostalCode
    birthCity
    birthCountryCode
    birthCountryName
    identityEditable
    identityIssues {
      field
      code
      message
    }
    accommodation {
      kinds
      extraTimeMinutes
      notes
      updatedAt
    }
  }
`);
export type CandidateIdentity = ResultOf<typeof IdentityFields>;

export const CandidateIdentityQuery = graphql(
  `
  query CandidateIdentity($id: ID!) {
    candidate(id: $id) {
      ...IdentityFields
    }
  }
`,
  [IdentityFields],
);

export const MyIdentityQuery = graphql(
  `
  query MyIdentity {
    myCandidate {
      ...IdentityFields
    }
  }
`,
  [IdentityFields],
);

export const UpdateCandidateIdentityMutation = graphql(
  `
  mutation UpdateCandidateIdentity($candidateId: ID!, $input: CandidateIdentityInput!) {
    updateCandidateIdentity(candidateId: $candidateId, input: $input) {
      ...IdentityFields
    }
  }
`,
  [IdentityFields],
);
export type IdentityInput = VariablesOf<typeof UpdateCandidateIdentityMutation>['input'];

export const RectificationFields = graphql(`
  fragment RectificationFields on RectificationRequest @_unmask {
    id
    state
    comment
    createdAt
    decidedAt
    decisionReason
    changes {
      field
      current
      requested
    }
  }
`);
export type Rectification = ResultOf<typeof RectificationFields>;

export const MyRectificationsQuery = graphql(
  `
  query MyRectifications {
    myRectificationRequests {
      ...RectificationFields
    }
  }
`,
  [RectificationFields],
);

export const RequestRectificationMutation = graphql(
  `
  mutation RequestRectification($identity: CandidateIdentityInput!, $comment: String!) {
    requestRectification(identity: $identity, comment: $comment) {
      ...RectificationFields
    }
  }
`,
  [RectificationFields],
);

export const RectificationQueueQuery = graphql(
  `
  query RectificationQueue($state: RectificationState) {
    rectificationRequests(state: $state) {
      ...RectificationFields
      candidate {
        id
        fileNumber
        firstName
        birthName
        usageName
        partner {
          name
        }
      }
    }
  }
`,
  [RectificationFields],
);

export const DecideRectificationMutation = graphql(
  `
  mutation DecideRectification($id: ID!, $approve: Boolean!, $reason: String) {
    decideRectification(id: $id, approve: $approve, reason: $reason) {
      ...RectificationFields
    }
  }
`,
  [RectificationFields],
);

export const SetAccommodationMutation = graphql(
  `
  mutation SetAccommodation($candidateId: ID!, $input: AccommodationInput!) {
    setAccommodation(candidateId: $candidateId, input: $input) {
      ...IdentityFields
    }
  }
`,
  [IdentityFields],
);
export type AccommodationKind = VariablesOf<typeof SetAccommodationMutation>['input']['kinds'][number];
