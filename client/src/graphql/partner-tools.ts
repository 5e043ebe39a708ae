// Partner tools (issue 10): bulk registration from a CSV file, API keys. Typed with gql.tada.
import { graphql, type ResultOf, type VariablesOf } from './tada';

export const RegisterCandidatesMutation = graphql(`
  mutation RegisterCandidates($candidates: [BulkCandidateInput!]!) {
    registerCandidates(candidates: $candidates) {
      created
      existing
      rows {
        index
        fileNumber
        candidateId
        status
      }
    }
  }
`);
export type BulkCandidateRow = VariablesOf<typeof RegisterCandidatesMutation>['candidates'][number];
export type BulkRegistrationAnswer = ResultOf<typeof RegisterCandidatesMutation>['registerCandidates'];

/** The certifications the partner may register for (code → title, for the preview and the template). */
export const ImportCertificationsQuery = graphql(`
  query ImportCertifications {
    certifications(activeOnly: true) {
      id
      code
      title
    }
  }
`);

const ApiKeyFields = graphql(`
  fragment ApiKeyFields on ApiKey {
    id
    name
    prefix
    createdAt
    lastUsedAt
    revokedAt
  }
`);

export const ApiKeysQuery = graphql(
  `
    query ApiKeys {
      apiKeys {
        ...ApiKeyFields
      }
    }
  `,
  [ApiKeyFields],
);

export const CreateApiKeyMutation = graphql(
  `
    mutation CreateApiKey($name: String!) {
      createApiKey(name: $name) {
        secret
        apiKey {
          ...ApiKeyFields
        }
      }
    }
  `,
  [ApiKeyFields],
);

export const RevokeApiKeyMutation = graphql(
  `
    mutation RevokeApiKey($id: ID!) {
      revokeApiKey(id: $id) {
        ...ApiKeyFields
      }
    }
  `,
  [ApiKeyFields],
);

export { ApiKeyFields };
