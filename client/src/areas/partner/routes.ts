import type { RouteRecordRaw } from 'vue-router';

export const partnerRoutes: RouteRecordRaw[] = [
  {
    path: '/partner',
    name: 'partner',
    component: () => import('./PartnerCandidatesView.vue'),
    meta: { roles: ['PARTNER'], titleKey: 'partner.title' },
  },
];
