import type { RouteRecordRaw } from 'vue-router';

export const jurorRoutes: RouteRecordRaw[] = [
  {
    path: '/juror',
    name: 'juror',
    component: () => import('./JurorOralsView.vue'),
    meta: { roles: ['JUROR'], titleKey: 'juror.title' },
  },
];
