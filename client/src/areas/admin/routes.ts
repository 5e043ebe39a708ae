import type { RouteRecordRaw } from 'vue-router';

export const adminRoutes: RouteRecordRaw[] = [
  {
    path: '/admin',
    name: 'admin',
    component: () => import('./AdminHomeView.vue'),
    meta: { roles: ['ADMIN'], titleKey: 'admin.title' },
  },
  {
    path: '/admin/certifications',
    name: 'admin-certifications',
    component: () => import('./certifications/AdminCertificationsView.vue'),
    meta: { roles: ['ADMIN'], titleKey: 'certEditor.title' },
  },
  {
    path: '/admin/certifications/:certificationId',
    name: 'admin-certification',
    component: () => import('./certifications/AdminCertificationView.vue'),
    meta: { roles: ['ADMIN'], titleKey: 'certEditor.editTitle' },
  },
  {
    path: '/admin/sessions',
    name: 'admin-sessions',
    component: () => import('./AdminSessionsView.vue'),
    meta: { roles: ['ADMIN'], titleKey: 'sessions.title' },
  },
  {
    path: '/admin/statistics',
    name: 'admin-statistics',
    component: () => import('./AdminStatisticsView.vue'),
    meta: { roles: ['ADMIN'], titleKey: 'statistics.title' },
  },
  {
    path: '/admin/cdc',
    name: 'admin-cdc',
    component: () => import('./AdminCdcView.vue'),
    meta: { roles: ['ADMIN'], titleKey: 'cdc.title' },
  },
  {
    path: '/admin/complaints',
    name: 'admin-complaints',
    component: () => import('./AdminComplaintsView.vue'),
    meta: { roles: ['ADMIN'], titleKey: 'complaints.title' },
  },
  {
    path: '/admin/retakes',
    name: 'admin-retakes',
    component: () => import('./AdminRetakesView.vue'),
    meta: { roles: ['ADMIN'], titleKey: 'retake.adminTitle' },
  },
  {
    path: '/admin/appeals/:appealId?',
    name: 'admin-appeal',
    component: () => import('./AdminAppealsView.vue'),
    meta: { roles: ['ADMIN'], titleKey: 'appeals.admin.title' },
  },
  {
    path: '/admin/vae',
    name: 'admin-vae',
    component: () => import('./AdminVaeReviewView.vue'),
    meta: { roles: ['ADMIN'], titleKey: 'vae.admin.title' },
  },
  {
    path: '/admin/questions',
    name: 'admin-questions',
    component: () => import('./AdminQuestionBankView.vue'),
    meta: { roles: ['ADMIN'], titleKey: 'bank.title' },
  },
  {
    path: '/admin/project-files',
    name: 'admin-project-files',
    component: () => import('./ProjectFileQueueView.vue'),
    meta: { roles: ['ADMIN'], titleKey: 'fileQueue.title' },
  },
  {
    path: '/admin/outbox',
    name: 'admin-outbox',
    component: () => import('./AdminOutboxView.vue'),
    meta: { roles: ['ADMIN'], titleKey: 'outbox.title' },
  },
];
