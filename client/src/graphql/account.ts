// Accounts (issue 19): links sent by e-mail (choose a password, confirm an address), "mot de passe oublié",
// one's own password and e-mail, and the people an admin or a partner user manages. Typed with gql.tada.
import { graphql, type ResultOf } from './tada';
import { VIEWER_FIELDS } from './operations';

export const AccountLinkQuery = graphql(`
  query AccountLink($token: String!) {
    accountLink(token: $token) {
      status
      purpose
      email
    }
  }
`);

export const SetPasswordWithLinkMutation = graphql(
  `
  mutation SetPasswordWithLink($token: String!, $password: String!) {
    setPasswordWithLink(token: $token, password: $password) {
      token
      expiresAt
      viewer {
        ...ViewerFields
      }
    }
  }
`,
  [VIEWER_FIELDS],
);

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

export const RequestEmailChangeMutation = graphql(`
  mutation RequestEmailChange($newEmail: String!, $currentPassword: String!) {
    requestEmailChange(newEmail: $newEmail, currentPassword: $currentPassword)
  }
`);

export const ConfirmEmailChangeMutation = graphql(`
  mutation ConfirmEmailChange($token: String!) {
    confirmEmailChange(token: $token)
  }
`);

export const PersonFields = graphql(`
  fragment PersonFields on Person @_unmask {
    id
    email
    displayName
    role
    state
    createdAt
    deactivatedAt
    invitationExpiresAt
    partner {
      id
      name
    }
  }
`);
export type Person = ResultOf<typeof PersonFields>;

export const PeopleQuery = graphql(
  `
  query People($first: Int!, $after: String, $search: String) {
    people(first: $first, after: $after, search: $search) {
      edges {
        node {
          ...PersonFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`,
  [PersonFields],
);

export const InviteStaffMutation = graphql(
  `
  mutation InviteStaff($input: InviteStaffInput!) {
    inviteStaff(input: $input) {
      ...PersonFields
    }
  }
`,
  [PersonFields],
);

export const CreatePartnerMutation = graphql(`
  mutation CreatePartner($input: CreatePartnerInput!) {
    createPartner(input: $input) {
      id
      name
    }
  }
`);

export const InvitePartnerUserMutation = graphql(
  `
  mutation InvitePartnerUser($partnerId: ID, $input: InviteInput!) {
    invitePartnerUser(partnerId: $partnerId, input: $input) {
      ...PersonFields
    }
  }
`,
  [PersonFields],
);

/** The four actions on a person's account, one mutation each (same argument, same answer). */
export const PersonActionMutations = {
  resend: graphql(`mutation ResendInvitation($userId: ID!) { resendInvitation(userId: $userId) { ...PersonFields } }`, [PersonFields]),
  revoke: graphql(`mutation RevokeInvitation($userId: ID!) { revokeInvitation(userId: $userId) { ...PersonFields } }`, [PersonFields]),
  deactivate: graphql(`mutation DeactivateUser($userId: ID!) { deactivateUser(userId: $userId) { ...PersonFields } }`, [PersonFields]),
  reactivate: graphql(`mutation ReactivateUser($userId: ID!) { reactivateUser(userId: $userId) { ...PersonFields } }`, [PersonFields]),
} as const;
export type PersonAction = keyof typeof PersonActionMutations;

export const ResendCandidateInvitationMutation = graphql(`
  mutation ResendCandidateInvitation($candidateId: ID!) {
    resendCandidateInvitation(candidateId: $candidateId) {
      id
      account {
        state
      }
    }
  }
`);

// ─── Project files that staff review (issue 19) ───

export const ProjectFileQueueQuery = graphql(`
  query ProjectFileQueue {
    projectFilesAtRisk {
      id
      version
      submittedAt
      dueAt
      late
      atRisk
      downloadPath
      file {
        filename
        size
      }
      attempt {
        id
        candidateName
        certification {
          code
          title
        }
      }
    }
  }
`);
export type QueuedProjectFile = ResultOf<typeof ProjectFileQueueQuery>['projectFilesAtRisk'][number];

export const AcknowledgeProjectFileMutation = graphql(`
  mutation AcknowledgeQueuedProjectFile($id: ID!) {
    acknowledgeProjectFile(id: $id) {
      id
      acknowledgedAt
    }
  }
`);

export const ReturnProjectFileMutation = graphql(`
  mutation ReturnProjectFile($id: ID!, $comment: String!) {
    returnProjectFile(id: $id, comment: $comment) {
      id
      returnedAt
    }
  }
`);

/** The candidate's project file versions, for the jurors of an oral (read beside the grid). */
export const OralProjectFilesQuery = graphql(`
  query OralProjectFiles($id: ID!) {
    oral(id: $id) {
      id
      projectFiles {
        id
        version
        submittedAt
        downloadPath
        file {
          filename
        }
      }
    }
  }
`);
