// The assessed questionnaire (issue 8): operations and their types. Questions come as `PracticeQuizQuestion`
// without any correct answer (its `review` stays null for an assessed questionnaire).
import { graphql, type ResultOf, type VariablesOf } from './tada';
import type { EnumOf } from './types';

const FIELDS = graphql(`
  fragment AssessedQuestionnaireFields on AssessedQuestionnaire @_unmask {
    id
    attemptId
    certificationCode
    certificationTitle
    startedAt
    deadlineAt
    serverNow
    submittedAt
    timeUp
    questionCount
    answeredCount
    questions {
      id
      position
      kind
      prompt
      choices {
        id
        label
      }
      competence {
        id
        code
        title
      }
      myAnswer {
        choiceIds
        number
      }
    }
    resultsPublished
    results {
      correct
      total
      percent
      competences {
        competenceId
        code
        title
        correct
        total
        percent
        score
      }
    }
  }
`);

/** Which of the candidate's attempts have an assessed questionnaire (one request shared by the journey's cards). */
export const QuestionnaireAttemptsQuery = graphql(`
  query QuestionnaireAttempts {
    myAttempts {
      id
      state
      certification {
        id
        assessedQuestionnaire
        questionnaireMinutes
      }
    }
  }
`);

export const AssessedQuestionnaireQuery = graphql(`
  query AssessedQuestionnaire($attemptId: ID!) {
    assessedQuestionnaire(attemptId: $attemptId) {
      ...AssessedQuestionnaireFields
    }
  }
`, [FIELDS]);

export const StartAssessedQuestionnaireMutation = graphql(`
  mutation StartAssessedQuestionnaire($attemptId: ID!) {
    startAssessedQuestionnaire(attemptId: $attemptId) {
      ...AssessedQuestionnaireFields
    }
  }
`, [FIELDS]);

/** An autosaved answer: the client updates its copy of the questionnaire with it. */
export const AnswerQuestionnaireQuestionMutation = graphql(`
  mutation AnswerQuestionnaireQuestion($quizId: ID!, $questionId: ID!, $answer: QuizAnswerInput!) {
    answerQuestionnaireQuestion(quizId: $quizId, questionId: $questionId, answer: $answer) {
      quizId
      questionId
      myAnswer {
        choiceIds
        number
      }
      answeredCount
      serverNow
    }
  }
`);

export const SubmitAssessedQuestionnaireMutation = graphql(`
  mutation SubmitAssessedQuestionnaire($quizId: ID!) {
    submitAssessedQuestionnaire(quizId: $quizId) {
      ...AssessedQuestionnaireFields
    }
  }
`, [FIELDS]);

// ─── Question bank (admins) ───

export type QuestionKindValue = EnumOf<'QuestionKind'>;

/** Certifications with their latest published framework: the bank is kept per framework version. */
export const BankCertificationsQuery = graphql(`
  query BankCertifications {
    certifications(activeOnly: false) {
      id
      code
      title
      currentFramework {
        id
        version
        blocks {
          competences {
            id
            code
            title
            modality
          }
        }
      }
    }
  }
`);

const BANK_FIELDS = graphql(`
  fragment BankQuestionFields on QuizQuestion @_unmask {
    id
    kind
    prompt
    choices {
      id
      label
    }
    correctAnswer
    explanation
    retiredAt
    competence {
      id
      code
      title
    }
  }
`);

export const QuestionBankQuery = graphql(`
  query QuestionBank($frameworkVersionId: ID!) {
    quizQuestions(frameworkVersionId: $frameworkVersionId, includeRetired: true) {
      ...BankQuestionFields
    }
  }
`, [BANK_FIELDS]);

export const CreateQuestionMutation = graphql(`
  mutation CreateQuestion($input: CreateQuizQuestionInput!) {
    createQuizQuestion(input: $input) {
      ...BankQuestionFields
    }
  }
`, [BANK_FIELDS]);

export const UpdateQuestionMutation = graphql(`
  mutation UpdateQuestion($id: ID!, $input: UpdateQuizQuestionInput!) {
    updateQuizQuestion(id: $id, input: $input) {
      ...BankQuestionFields
    }
  }
`, [BANK_FIELDS]);

export const RetireQuestionMutation = graphql(`
  mutation RetireQuestion($id: ID!) {
    retireQuizQuestion(id: $id) {
      id
      retiredAt
    }
  }
`);

export const ImportJsonMutation = graphql(`
  mutation ImportQuestionsJson($frameworkVersionId: ID!, $text: String!) {
    importQuizQuestions(frameworkVersionId: $frameworkVersionId, json: $text) {
      id
    }
  }
`);

export const ImportCsvMutation = graphql(`
  mutation ImportQuestionsCsv($frameworkVersionId: ID!, $text: String!) {
    importQuizQuestionsCsv(frameworkVersionId: $frameworkVersionId, csv: $text) {
      id
    }
  }
`);

export type AssessedQuestionnaire = ResultOf<typeof FIELDS>;
export type BankQuestion = ResultOf<typeof BANK_FIELDS>;
/** A question as the bank edits it (the framework version is only given on creation). */
export type QuestionInput = VariablesOf<typeof UpdateQuestionMutation>['input'];
