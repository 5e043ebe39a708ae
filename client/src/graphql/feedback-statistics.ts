// Operations and types of the candidate feedback and the success-rate statistics.
import { graphql, type ResultOf } from './tada';
import type { EnumOf } from './types';

export type FeedbackQuestion = EnumOf<'FeedbackQuestion'>;

const FEEDBACK_FIELDS = graphql(`
  fragment AttemptFeedbackFields on Attempt @_unmask {
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
  }
`);

export const MyFeedbackQuery = graphql(`
  query MyFeedback {
    myAttempts {
      ...AttemptFeedbackFields
    }
    feedbackQuestionSet {
      version
      questions
      ratingMin
      ratingMax
      maxCommentLength
    }
  }
`, [FEEDBACK_FIELDS]);

export const SubmitFeedbackMutation = graphql(`
  mutation SubmitFeedback($attemptId: ID!, $input: FeedbackInput!) {
    submitFeedback(attemptId: $attemptId, input: $input) {
      ...AttemptFeedbackFields
    }
  }
`, [FEEDBACK_FIELDS]);

const FIGURE_FIELDS = graphql(`
  fragment SuccessRateFigureFields on SuccessRateFigure @_unmask {
    year
    published
    decided
    certified
    partiallyCertified
    rate
  }
`);

const SUCCESS_RATES_FIELDS = graphql(`
  fragment SuccessRatesFields on SuccessRates @_unmask {
    certificationId
    minCandidates
    overall {
      ...SuccessRateFigureFields
    }
    years {
      ...SuccessRateFigureFields
    }
  }
`, [FIGURE_FIELDS]);

export const CatalogueSuccessRatesQuery = graphql(`
  query CatalogueSuccessRates($activeOnly: Boolean = true) {
    certifications(activeOnly: $activeOnly) {
      id
      successRates {
        ...SuccessRatesFields
      }
    }
  }
`, [SUCCESS_RATES_FIELDS]);

export const StatisticsCertificationsQuery = graphql(`
  query StatisticsCertifications {
    certifications(activeOnly: false) {
      id
      code
      title
      active
    }
  }
`);

export const CertificationStatisticsQuery = graphql(`
  query CertificationStatistics($certificationId: ID!, $year: Int) {
    certificationSuccessRates(certificationId: $certificationId) {
      ...SuccessRatesFields
    }
    successRateBreakdown(certificationId: $certificationId, year: $year) {
      certificationId
      year
      minCandidates
      byPartner {
        partnerId
        partnerName
        decided
        certified
        partiallyCertified
        rate
        smallSample
      }
      byBlock {
        code
        title
        inScope
        validated
        rate
        smallSample
      }
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
      questions {
        question
        answers
        average
        distribution
      }
    }
  }
`, [SUCCESS_RATES_FIELDS]);

export type SuccessRates = ResultOf<typeof SUCCESS_RATES_FIELDS>;
export type SuccessRateFigure = ResultOf<typeof FIGURE_FIELDS>;
