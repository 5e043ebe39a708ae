// The CléA pathway (issue 13): the candidate's file (timeline) and the evaluator's recording of results.
import { graphql, type ResultOf, type VariablesOf } from './tada';

const CLEA_FILE_FIELDS = graphql(`
  fragment CleaFileFields on CleaFile @_unmask {
    id
    attemptId
    candidateName
    certificationCode
    certificationTitle
    stage
    evaluatorName
    evaluatorAssignedAt
    complete
    finalEvaluationDeadline
    windowDaysLeft
    windowAtRisk
    windowExpired
    outcome
    outcomeReason
    decidedAt
    certificateId
    modules {
      code
      title
      position
      validated
      validatedAt
    }
    preliminary {
      id
      kind
      evaluatedAt
      evaluatorName
      results {
        blockCode
        moduleTitle
        mastered
        comment
      }
    }
    finals {
      id
      kind
      evaluatedAt
      evaluatorName
      results {
        blockCode
        moduleTitle
        mastered
        comment
      }
    }
    history {
      id
      kind
      evaluatedAt
      superseded
    }
    trainingPath {
      id
      blockCode
      moduleTitle
      toTrain
      partnerName
      done
    }
    portfolios {
      id
      issuedAt
      modules {
        code
        title
        validatedAt
      }
      remaining {
        code
        title
      }
    }
  }
`);

export const CleaFileQuery = graphql(
  `
    query CleaFile($attemptId: ID!) {
      cleaFile(attemptId: $attemptId) {
        ...CleaFileFields
      }
    }
  `,
  [CLEA_FILE_FIELDS],
);

export const CleaPortfolioPdfQuery = graphql(`
  query CleaPortfolioPdf($attemptId: ID!) {
    cleaFile(attemptId: $attemptId) {
      id
      portfolios {
        id
        pdfBase64
      }
    }
  }
`);

export const CleaFilesQuery = graphql(`
  query CleaFiles {
    cleaFiles {
      id
      attemptId
      candidateName
      certificationCode
      stage
      windowExpired
      finalEvaluationDeadline
      modules {
        code
        title
        validated
      }
      preliminary {
        id
      }
    }
  }
`);

export const RecordCleaEvaluationMutation = graphql(
  `
    mutation RecordCleaEvaluation($input: CleaEvaluationInput!) {
      recordCleaEvaluation(input: $input) {
        ...CleaFileFields
      }
    }
  `,
  [CLEA_FILE_FIELDS],
);

export type CleaFile = NonNullable<ResultOf<typeof CleaFileQuery>['cleaFile']>;
export type CleaFileSummary = ResultOf<typeof CleaFilesQuery>['cleaFiles'][number];
export type CleaEvaluationInput = VariablesOf<typeof RecordCleaEvaluationMutation>['input'];
export type CleaStage = CleaFile['stage'];
