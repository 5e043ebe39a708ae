import type { RouteRecordRaw } from 'vue-router';

export const jurorRoutes: RouteRecordRaw[] = [
  {
    path: '/juror',
    name: 'juror',
    component: () => import('./JurorOralsView.vue'),
    meta: { roles: ['JUROR'], titleKey: 'juror.title' },
  },
  {
    path: '/juror/conflicts',
    name: 'juror-conflicts',
    component: () => import('./JurorConflictsView.vue'),
    meta: { roles: ['JUROR'], titleKey: 'conflicts.title' },
  },
  {
    path: '/juror/clea',
    name: 'juror-clea',
    component: () => import('./CleaEvaluationView.vue'),
    meta: { roles: ['JUROR'], titleKey: 'cleaEvaluator.title' },
  },
  {
    path: '/juror/orals/:id',
    name: 'juror-oral',
    component: () => import('./OralRoomPage.vue'),
    props: true,
    meta: { roles: ['JUROR'], titleKey: 'room.title' },
  },
];
