import type { RouteRecordRaw } from 'vue-router';

export const candidateRoutes: RouteRecordRaw[] = [
  {
    path: '/candidate',
    name: 'candidate',
    component: () => import('./CandidateJourneyView.vue'),
    meta: { roles: ['CANDIDATE'], titleKey: 'candidate.title' },
  },
];
