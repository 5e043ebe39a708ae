// Juror profiles (issue 19): what the independence rules and the planning know about a juror — employer, trainer
// links, the certifications they may assess, the days they are available, their declared conflicts. Admins edit
// them; a juror reads theirs and declares their availability. Saving answers the juries the juror is now
// ineligible for. Typed with gql.tada.
import { graphql, type ResultOf } from './tada';

export const JurorProfileFields = graphql(`
  fragment JurorProfileFields on JurorProfile @_unmask {
    profession
    employer
    isCertifierEmployee
    availableDays
    certifications {
      id
      code
      title
    }
    trainerAt {
      id
      name
    }
    conflicts {
      id
      reason
      declaredAt
      candidateName
      partner {
        id
        name
      }
    }
  }
`);
export type JurorProfile = ResultOf<typeof JurorProfileFields>;

export const JurorProfileQuery = graphql(
  `
  query JurorProfile($id: ID!) {
    juror(id: $id) {
      id
      displayName
      profile {
        ...JurorProfileFields
      }
    }
    partners {
      id
      name
    }
    certifications(activeOnly: false) {
      id
      code
      title
    }
  }
`,
  [JurorProfileFields],
);

export const MyJurorProfileQuery = graphql(
  `
  query MyJurorProfile {
    myJurorProfile {
      ...JurorProfileFields
    }
  }
`,
  [JurorProfileFields],
);

const JuryIneligibilityFields = graphql(`
  fragment JuryIneligibilityFields on JurorProfileUpdate @_unmask {
    ineligibleJuries {
      jury {
        id
        name
        certification {
          code
        }
        examSession {
          title
          startsAt
        }
      }
      reasons {
        code
        message
      }
    }
  }
`);
export type JuryIneligibility = ResultOf<typeof JuryIneligibilityFields>['ineligibleJuries'][number];

export const UpdateJurorProfileMutation = graphql(
  `
  mutation UpdateJurorProfile($jurorId: ID!, $input: JurorProfileInput!) {
    updateJurorProfile(jurorId: $jurorId, input: $input) {
      ...JuryIneligibilityFields
    }
  }
`,
  [JuryIneligibilityFields],
);

export const SetMyAvailabilityMutation = graphql(
  `
  mutation SetMyAvailability($availableDays: [String!]!) {
    setMyAvailability(availableDays: $availableDays) {
      ...JuryIneligibilityFields
    }
  }
`,
  [JuryIneligibilityFields],
);
