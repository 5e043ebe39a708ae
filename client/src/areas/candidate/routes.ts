import type { RouteRecordRaw } from 'vue-router';

export const candidateRoutes: RouteRecordRaw[] = [
  {
    path: '/candidate',
    name: 'candidate',
    component: () => import('./CandidateJourneyView.vue'),
    meta: { roles: ['CANDIDATE'], titleKey: 'candidate.title' },
  },
  {
    path: '/candidate/attempts/:attemptId/slot',
    name: 'candidate-booking',
    component: () => import('./CandidateBookingView.vue'),
    props: true,
    meta: { roles: ['CANDIDATE'], titleKey: 'booking.title' },
  },
  {
    path: '/candidate/attempts/:attemptId/practice',
    name: 'candidate-practice',
    component: () => import('./CandidatePracticeView.vue'),
    props: true,
    meta: { roles: ['CANDIDATE'], titleKey: 'practice.title' },
  },
  {
    path: '/candidate/attempts/:attemptId/questionnaire',
    name: 'candidate-questionnaire',
    component: () => import('./CandidateQuestionnaireView.vue'),
    props: true,
    meta: { roles: ['CANDIDATE'], titleKey: 'questionnaire.title' },
  },
  {
    path: '/candidate/attempts/:attemptId/appeal',
    name: 'candidate-appeal',
    component: () => import('./CandidateAppealView.vue'),
    props: true,
    meta: { roles: ['CANDIDATE'], titleKey: 'appeals.title' },
  },
  {
    path: '/candidate/attempts/:attemptId/clea',
    name: 'candidate-clea',
    component: () => import('./CleaJourneyView.vue'),
    props: true,
    meta: { roles: ['CANDIDATE'], titleKey: 'clea.title' },
  },
  {
    path: '/candidate/complaints',
    name: 'candidate-complaints',
    component: () => import('./CandidateComplaintsView.vue'),
    meta: { roles: ['CANDIDATE'], titleKey: 'complaints.title' },
  },
];
