// Operations of the admin dashboard (issue 10): the deadlines at risk across every queue, and the 12-month trends.
import { graphql, type ResultOf } from './tada';

export const DashboardDeadlinesQuery = graphql(`
  query DashboardDeadlines {
    projectFilesAtRisk {
      id
      atRisk
      late
    }
    resultsToPublish(atRisk: true) {
      id
      late
    }
    certificatesToIssue(atRisk: true) {
      attemptId
      late
    }
    appeals(atRisk: true, first: 1) {
      totalCount
    }
    complaints(atRisk: true, first: 1) {
      totalCount
    }
    cdcDeadlines {
      atRisk
      late
    }
  }
`);

export const DashboardTrendsQuery = graphql(`
  query DashboardTrends($months: Int) {
    dashboardTrends(months: $months) {
      from
      to
      months {
        month
        decided
        certified
        partiallyCertified
        rate
        byCertification {
          certificationId
          decided
        }
      }
      certifications {
        certificationId
        code
        title
      }
    }
  }
`);

export type DashboardTrends = ResultOf<typeof DashboardTrendsQuery>['dashboardTrends'];
