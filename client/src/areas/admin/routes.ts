import type { RouteRecordRaw } from 'vue-router';

export const adminRoutes: RouteRecordRaw[] = [
  {
    path: '/admin',
    name: 'admin',
    component: () => import('./AdminHomeView.vue'),
    meta: { roles: ['ADMIN'], titleKey: 'admin.title' },
  },
  {
    path: '/admin/sessions',
    name: 'admin-sessions',
    component: () => import('./AdminSessionsView.vue'),
    meta: { roles: ['ADMIN'], titleKey: 'sessions.title' },
  },
  {
    path: '/admin/cdc',
    name: 'admin-cdc',
    component: () => import('./AdminCdcView.vue'),
    meta: { roles: ['ADMIN'], titleKey: 'cdc.title' },
  },
];
