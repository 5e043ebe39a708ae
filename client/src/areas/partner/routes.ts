import type { RouteRecordRaw } from 'vue-router';

export const partnerRoutes: RouteRecordRaw[] = [
  {
    path: '/partner',
    name: 'partner',
    component: () => import('./PartnerCandidatesView.vue'),
    meta: { roles: ['PARTNER'], titleKey: 'partner.title' },
  },
  {
    path: '/partner/complaints',
    name: 'partner-complaints',
    component: () => import('./PartnerComplaintsView.vue'),
    meta: { roles: ['PARTNER'], titleKey: 'complaints.title' },
  },
];
