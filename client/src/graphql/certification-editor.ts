// Operations of the certifications and frameworks editor (issue 10).
import { graphql, type ResultOf, type VariablesOf } from './tada';

const CERTIFICATION_FIELDS = graphql(`
  fragment EditorCertificationFields on Certification @_unmask {
    id
    version
    code
    registry
    title
    level
    rncpCode
    active
    decisionRule
    aggregationMethod
    appealWindowDays
    maxAttempts
    minJurySize
    oralPresentationMinutes
    oralQuestionsMinutes
    oralTotalMinutes
    disagreementThreshold
    successRateMinCandidates
    resultDisclosure
    assessedQuestionnaire
    questionnaireMinutes
    questionnaireQuestions
    currentFramework {
      id
      version
    }
  }
`);

const FRAMEWORK_FIELDS = graphql(`
  fragment EditorFrameworkFields on Framework @_unmask {
    id
    version
    status
    publishedAt
    scaleMin
    scaleMax
    scaleLabels
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
`);

export const EditorCertificationsQuery = graphql(`
  query EditorCertifications {
    certifications(activeOnly: false) {
      ...EditorCertificationFields
    }
  }
`, [CERTIFICATION_FIELDS]);

export const EditorCertificationQuery = graphql(`
  query EditorCertification($certificationId: ID!) {
    certifications(activeOnly: false) {
      ...EditorCertificationFields
    }
    frameworkVersions(certificationId: $certificationId) {
      ...EditorFrameworkFields
    }
  }
`, [CERTIFICATION_FIELDS, FRAMEWORK_FIELDS]);

export const CreateCertificationMutation = graphql(`
  mutation CreateCertification($input: CreateCertificationInput!) {
    createCertification(input: $input) {
      ...EditorCertificationFields
    }
  }
`, [CERTIFICATION_FIELDS]);

export const UpdateCertificationMutation = graphql(`
  mutation UpdateCertification($id: ID!, $version: Int!, $input: UpdateCertificationInput!) {
    updateCertification(id: $id, version: $version, input: $input) {
      ...EditorCertificationFields
    }
  }
`, [CERTIFICATION_FIELDS]);

export const CreateFrameworkDraftMutation = graphql(`
  mutation CreateFrameworkDraft($certificationId: ID!, $copyFromLatest: Boolean) {
    createFrameworkDraft(certificationId: $certificationId, copyFromLatest: $copyFromLatest) {
      ...EditorFrameworkFields
    }
  }
`, [FRAMEWORK_FIELDS]);

export const UpdateFrameworkDraftMutation = graphql(`
  mutation UpdateFrameworkDraft($id: ID!, $input: FrameworkContentInput!) {
    updateFrameworkDraft(id: $id, input: $input) {
      ...EditorFrameworkFields
    }
  }
`, [FRAMEWORK_FIELDS]);

export const PublishFrameworkMutation = graphql(`
  mutation PublishFramework($id: ID!) {
    publishFramework(id: $id) {
      ...EditorFrameworkFields
    }
  }
`, [FRAMEWORK_FIELDS]);

export const ImportFranceCompetencesMutation = graphql(`
  mutation ImportFranceCompetences($standardCsv: String!, $blocksCsv: String!, $codes: [String!]!) {
    importFranceCompetences(standardCsv: $standardCsv, blocksCsv: $blocksCsv, codes: $codes) {
      certifications {
        certificationId
        code
        status
        changedFields
        blocks {
          code
          title
          status
        }
      }
    }
  }
`);

export type EditorCertification = ResultOf<typeof EditorCertificationsQuery>['certifications'][number];
export type EditorFramework = ResultOf<typeof EditorCertificationQuery>['frameworkVersions'][number];
export type CreateCertificationInput = VariablesOf<typeof CreateCertificationMutation>['input'];
export type UpdateCertificationInput = VariablesOf<typeof UpdateCertificationMutation>['input'];
export type FrameworkContentInput = VariablesOf<typeof UpdateFrameworkDraftMutation>['input'];

// ─── CQP bridges: block equivalences (issue 19) ───

export const BlockEquivalencesQuery = graphql(`
  query BlockEquivalences {
    blockEquivalences {
      id
      certificationCode
      blockCode
      equivalentCertificationCode
      equivalentBlockCode
      createdAt
    }
    certifications(activeOnly: false) {
      id
      code
      title
      currentFramework {
        id
        blocks {
          id
          code
          title
        }
      }
    }
  }
`);

export const CreateBlockEquivalenceMutation = graphql(`
  mutation CreateBlockEquivalence($input: BlockEquivalenceInput!) {
    createBlockEquivalence(input: $input) {
      id
    }
  }
`);

export const DeleteBlockEquivalenceMutation = graphql(`
  mutation DeleteBlockEquivalence($id: ID!) {
    deleteBlockEquivalence(id: $id)
  }
`);
