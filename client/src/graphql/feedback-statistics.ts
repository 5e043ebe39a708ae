// Operations and types of the candidate feedback and the success-rate statistics.
import { gql } from '@urql/core';

export type FeedbackQuestion = 'INFORMATION' | 'ORGANISATION' | 'WELCOME' | 'JURY' | 'QUESTIONS' | 'CONDITIONS' | 'OVERALL';

export interface FeedbackQuestionSet {
  version: number;
  questions: FeedbackQuestion[];
  ratingMin: number;
  ratingMax: number;
  maxCommentLength: number;
}

export interface FeedbackRating {
  question: FeedbackQuestion;
  rating: number;
}

export interface AttemptFeedback {
  id: string;
  questionSetVersion: number;
  comment: string | null;
  submittedAt: string;
  ratings: FeedbackRating[];
}

export interface AttemptFeedbackState {
  id: string;
  state: string;
  feedbackOpen: boolean;
  feedback: AttemptFeedback | null;
}

export interface SuccessRateFigure {
  year: number | null;
  published: boolean;
  decided: number | null;
  certified: number | null;
  partiallyCertified: number | null;
  rate: number | null;
}

export interface SuccessRates {
  certificationId: string;
  minCandidates: number;
  overall: SuccessRateFigure;
  years: SuccessRateFigure[];
}

export interface SuccessRateByPartner {
  partnerId: string;
  partnerName: string;
  decided: number;
  certified: number;
  partiallyCertified: number;
  rate: number | null;
  smallSample: boolean;
}

export interface SuccessRateByBlock {
  code: string;
  title: string;
  inScope: number;
  validated: number;
  rate: number | null;
  smallSample: boolean;
}

export interface SuccessRateBreakdown {
  certificationId: string;
  year: number | null;
  minCandidates: number;
  byPartner: SuccessRateByPartner[];
  byBlock: SuccessRateByBlock[];
}

export interface FeedbackQuestionReport {
  question: FeedbackQuestion;
  answers: number;
  average: number | null;
  distribution: number[] | null;
}

export interface FeedbackReport {
  certificationId: string;
  year: number | null;
  questionSetVersion: number;
  answers: number;
  minAnswers: number;
  withheld: boolean;
  commentCount: number;
  comments: string[];
  questions: FeedbackQuestionReport[];
}

const FEEDBACK_FIELDS = `
  id
  state
  feedbackOpen
  feedback {
    id
    questionSetVersion
    comment
    submittedAt
    ratings {
      question
      rating
    }
  }
`;

export const MyFeedbackQuery = gql<{ myAttempts: AttemptFeedbackState[]; feedbackQuestionSet: FeedbackQuestionSet }, Record<string, never>>`
  query MyFeedback {
    myAttempts {
      ${FEEDBACK_FIELDS}
    }
    feedbackQuestionSet {
      version
      questions
      ratingMin
      ratingMax
      maxCommentLength
    }
  }
`;

export const SubmitFeedbackMutation = gql<
  { submitFeedback: AttemptFeedbackState },
  { attemptId: string; input: { ratings: FeedbackRating[]; comment?: string | null } }
>`
  mutation SubmitFeedback($attemptId: ID!, $input: FeedbackInput!) {
    submitFeedback(attemptId: $attemptId, input: $input) {
      ${FEEDBACK_FIELDS}
    }
  }
`;

const FIGURE_FIELDS = `year published decided certified partiallyCertified rate`;

export const CatalogueSuccessRatesQuery = gql<{ certifications: { id: string; successRates: SuccessRates }[] }, { activeOnly?: boolean }>`
  query CatalogueSuccessRates($activeOnly: Boolean = true) {
    certifications(activeOnly: $activeOnly) {
      id
      successRates {
        certificationId
        minCandidates
        overall { ${FIGURE_FIELDS} }
        years { ${FIGURE_FIELDS} }
      }
    }
  }
`;

export const StatisticsCertificationsQuery = gql<{ certifications: { id: string; code: string; title: string; active: boolean }[] }, Record<string, never>>`
  query StatisticsCertifications {
    certifications(activeOnly: false) {
      id
      code
      title
      active
    }
  }
`;

export const CertificationStatisticsQuery = gql<
  { certificationSuccessRates: SuccessRates | null; successRateBreakdown: SuccessRateBreakdown; feedbackReport: FeedbackReport },
  { certificationId: string; year?: number | null }
>`
  query CertificationStatistics($certificationId: ID!, $year: Int) {
    certificationSuccessRates(certificationId: $certificationId) {
      certificationId
      minCandidates
      overall { ${FIGURE_FIELDS} }
      years { ${FIGURE_FIELDS} }
    }
    successRateBreakdown(certificationId: $certificationId, year: $year) {
      certificationId
      year
      minCandidates
      byPartner { partnerId partnerName decided certified partiallyCertified rate smallSample }
      byBlock { code title inScope validated rate smallSample }
    }
    feedbackReport(certificationId: $certificationId, year: $year) {
      certificationId
      year
      questionSetVersion
      answers
      minAnswers
      withheld
      commentCount
      comments
      questions { question answers average distribution }
    }
  }
`;
