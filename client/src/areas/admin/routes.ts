import type { RouteRecordRaw } from 'vue-router';

export const adminRoutes: RouteRecordRaw[] = [
  {
    path: '/admin',
    name: 'admin',
    component: () => import('./AdminHomeView.vue'),
    meta: { roles: ['ADMIN'], titleKey: 'admin.title' },
  },
];
