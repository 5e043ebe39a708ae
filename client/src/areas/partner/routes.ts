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
  {
    path: '/partner/import',
    name: 'partner-import',
    component: () => import('./PartnerImportView.vue'),
    meta: { roles: ['PARTNER'], titleKey: 'partnerTools.import.title' },
  },
  {
    path: '/partner/api-keys',
    name: 'partner-api-keys',
    component: () => import('./PartnerApiKeysView.vue'),
    meta: { roles: ['PARTNER'], titleKey: 'partnerTools.apiKeys.title' },
  },
  {
    // GraphiQL (React + Monaco) is loaded by this view on demand, in chunks of its own.
    path: '/partner/explorer',
    name: 'partner-explorer',
    component: () => import('./PartnerExplorerView.vue'),
    meta: { roles: ['PARTNER'], titleKey: 'partnerTools.explorer.title' },
  },
];
