// The assessed questionnaire (issue 8): operations and their types. Questions come as `PracticeQuizQuestion`
// without any correct answer (its `review` stays null for an assessed questionnaire).
import { gql } from '@urql/core';
import type { PracticeQuizQuestion } from './types';

export interface AssessedCompetenceScore {
  competenceId: string;
  code: string;
  title: string;
  correct: number;
  total: number;
  percent: number;
  /** On the framework's scale: what the jury decision uses. */
  score: number;
}

export interface AssessedQuestionnaire {
  id: string;
  attemptId: string | null;
  certificationCode: string | null;
  certificationTitle: string | null;
  startedAt: string;
  deadlineAt: string;
  serverNow: string;
  submittedAt: string | null;
  timeUp: boolean;
  questionCount: number;
  answeredCount: number;
  questions: Omit<PracticeQuizQuestion, 'review'>[];
  resultsPublished: boolean;
  results: { correct: number; total: number; percent: number; competences: AssessedCompetenceScore[] } | null;
}

const FIELDS = gql`
  fragment AssessedQuestionnaireFields on AssessedQuestionnaire {
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
`;

/** Which of the candidate's attempts have an assessed questionnaire (one request shared by the journey's cards). */
export const QuestionnaireAttemptsQuery = gql<
  { myAttempts: { id: string; state: string; certification: { id: string; assessedQuestionnaire: boolean; questionnaireMinutes: number } }[] },
  Record<string, never>
>`
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
`;

export const AssessedQuestionnaireQuery = gql<{ assessedQuestionnaire: AssessedQuestionnaire | null }, { attemptId: string }>`
  query AssessedQuestionnaire($attemptId: ID!) {
    assessedQuestionnaire(attemptId: $attemptId) {
      ...AssessedQuestionnaireFields
    }
  }
  ${FIELDS}
`;

export const StartAssessedQuestionnaireMutation = gql<{ startAssessedQuestionnaire: AssessedQuestionnaire }, { attemptId: string }>`
  mutation StartAssessedQuestionnaire($attemptId: ID!) {
    startAssessedQuestionnaire(attemptId: $attemptId) {
      ...AssessedQuestionnaireFields
    }
  }
  ${FIELDS}
`;

/** An autosaved answer: the client updates its copy of the questionnaire with it. */
export interface QuestionnaireAnswerSaved {
  quizId: string;
  questionId: string;
  myAnswer: { choiceIds: string[] | null; number: number | null };
  answeredCount: number;
  serverNow: string;
}

export const AnswerQuestionnaireQuestionMutation = gql<
  { answerQuestionnaireQuestion: QuestionnaireAnswerSaved },
  { quizId: string; questionId: string; answer: { choiceIds?: string[] | null; number?: number | null } }
>`
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
`;

export const SubmitAssessedQuestionnaireMutation = gql<{ submitAssessedQuestionnaire: AssessedQuestionnaire }, { quizId: string }>`
  mutation SubmitAssessedQuestionnaire($quizId: ID!) {
    submitAssessedQuestionnaire(quizId: $quizId) {
      ...AssessedQuestionnaireFields
    }
  }
  ${FIELDS}
`;

// ─── Question bank (admins) ───

export type QuestionKindValue = 'SINGLE_CHOICE' | 'MULTIPLE_CHOICE' | 'TRUE_FALSE' | 'NUMERIC';

export interface BankQuestion {
  id: string;
  kind: QuestionKindValue;
  prompt: string;
  choices: { id: string; label: string }[];
  correctAnswer: unknown;
  explanation: string | null;
  retiredAt: string | null;
  competence: { id: string; code: string; title: string };
}

export interface BankCertification {
  id: string;
  code: string;
  title: string;
  currentFramework: { id: string; version: number; blocks: { competences: { id: string; code: string; title: string; modality: string }[] }[] } | null;
}

/** Certifications with their latest published framework: the bank is kept per framework version. */
export const BankCertificationsQuery = gql<{ certifications: BankCertification[] }, Record<string, never>>`
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
`;

const BANK_FIELDS = 'id kind prompt choices { id label } correctAnswer explanation retiredAt competence { id code title }';

export const QuestionBankQuery = gql<{ quizQuestions: BankQuestion[] }, { frameworkVersionId: string }>`
  query QuestionBank($frameworkVersionId: ID!) {
    quizQuestions(frameworkVersionId: $frameworkVersionId, includeRetired: true) { ${BANK_FIELDS} }
  }
`;

export interface QuestionInput {
  competenceId: string;
  kind: QuestionKindValue;
  prompt: string;
  choices?: { id: string; label: string }[] | null;
  correctChoiceIds?: string[] | null;
  correctNumber?: number | null;
  tolerance?: number | null;
  explanation?: string | null;
}

export const CreateQuestionMutation = gql<{ createQuizQuestion: BankQuestion }, { input: QuestionInput & { frameworkVersionId: string } }>`
  mutation CreateQuestion($input: CreateQuizQuestionInput!) { createQuizQuestion(input: $input) { ${BANK_FIELDS} } }
`;

export const UpdateQuestionMutation = gql<{ updateQuizQuestion: BankQuestion }, { id: string; input: QuestionInput }>`
  mutation UpdateQuestion($id: ID!, $input: UpdateQuizQuestionInput!) { updateQuizQuestion(id: $id, input: $input) { ${BANK_FIELDS} } }
`;

export const RetireQuestionMutation = gql<{ retireQuizQuestion: { id: string; retiredAt: string | null } }, { id: string }>`
  mutation RetireQuestion($id: ID!) { retireQuizQuestion(id: $id) { id retiredAt } }
`;

export const ImportJsonMutation = gql<{ importQuizQuestions: { id: string }[] }, { frameworkVersionId: string; text: string }>`
  mutation ImportQuestionsJson($frameworkVersionId: ID!, $text: String!) { importQuizQuestions(frameworkVersionId: $frameworkVersionId, json: $text) { id } }
`;

export const ImportCsvMutation = gql<{ importQuizQuestionsCsv: { id: string }[] }, { frameworkVersionId: string; text: string }>`
  mutation ImportQuestionsCsv($frameworkVersionId: ID!, $text: String!) { importQuizQuestionsCsv(frameworkVersionId: $frameworkVersionId, csv: $text) { id } }
`;
