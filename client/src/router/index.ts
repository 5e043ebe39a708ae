import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { adminRoutes } from '../areas/admin/routes';
import { candidateRoutes } from '../areas/candidate/routes';
import { jurorRoutes } from '../areas/juror/routes';
import { partnerRoutes } from '../areas/partner/routes';
import { homeFor } from '../auth/roles';
import { auth } from '../auth/store';
import { setUnauthenticatedHandler } from '../graphql/client';
import type { Role } from '../graphql/types';
import { i18n } from '../i18n';

declare module 'vue-router' {
  interface RouteMeta {
    /** Roles allowed on this route; absent = public. */
    roles?: Role[];
    /** Only for anonymous visitors (the login page). */
    guestOnly?: boolean;
    /** i18n key of the page title. */
    titleKey?: string;
  }
}

const routes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'catalogue',
    component: () => import('../views/CatalogueView.vue'),
    meta: { titleKey: 'catalogue.title' },
  },
  // An achievement's URL (in certificates): JSON-LD for machines (the server answers it), this page for people.
  {
    path: '/achievements/:code/:block?',
    name: 'achievement',
    component: () => import('../views/CatalogueView.vue'),
    meta: { titleKey: 'catalogue.title' },
  },
  {
    path: '/login',
    name: 'login',
    component: () => import('../views/LoginView.vue'),
    meta: { guestOnly: true, titleKey: 'login.title' },
  },
  {
    // Every signed-in role has notifications.
    path: '/notifications',
    name: 'notifications',
    component: () => import('../views/NotificationsView.vue'),
    meta: { roles: ['ADMIN', 'PARTNER', 'JUROR', 'CANDIDATE'], titleKey: 'notifications.title' },
  },
  // Public certificate verification (no login): by id (the link in the PDF and on LinkedIn), or by uploading the JSON.
  {
    path: '/verify',
    name: 'verify',
    component: () => import('../views/VerifyCertificateView.vue'),
    meta: { titleKey: 'verify.title' },
  },
  {
    path: '/verify/:id',
    name: 'verify-certificate',
    component: () => import('../views/VerifyCertificateView.vue'),
    meta: { titleKey: 'verify.title' },
  },
  // Accounts (issue 19): links sent by e-mail are public pages (the link is the credential).
  {
    path: '/account/set-password',
    name: 'set-password',
    component: () => import('../views/account/SetPasswordView.vue'),
    meta: { titleKey: 'account.setPassword.titleInvitation' },
  },
  {
    path: '/account/confirm-email',
    name: 'confirm-email',
    component: () => import('../views/account/ConfirmEmailView.vue'),
    meta: { titleKey: 'account.confirmEmail.title' },
  },
  {
    path: '/account/forgot-password',
    name: 'forgot-password',
    component: () => import('../views/account/ForgotPasswordView.vue'),
    meta: { guestOnly: true, titleKey: 'account.forgot.title' },
  },
  {
    path: '/account',
    name: 'account',
    component: () => import('../views/account/MyAccountView.vue'),
    meta: { roles: ['ADMIN', 'PARTNER', 'JUROR', 'CANDIDATE'], titleKey: 'account.page.title' },
  },
  {
    path: '/admin/people',
    name: 'admin-people',
    component: () => import('../views/account/PeopleView.vue'),
    meta: { roles: ['ADMIN'], titleKey: 'people.title' },
  },
  {
    path: '/admin/people/jurors/:id',
    name: 'admin-juror-profile',
    component: () => import('../views/account/JurorProfileView.vue'),
    props: true,
    meta: { roles: ['ADMIN'], titleKey: 'jurorProfile.pageTitle' },
  },
  {
    path: '/juror/profile',
    name: 'juror-profile',
    component: () => import('../views/account/JurorProfileView.vue'),
    meta: { roles: ['JUROR'], titleKey: 'jurorProfile.myTitle' },
  },
  {
    path: '/partner/candidates/:id/identity',
    name: 'partner-candidate-identity',
    component: () => import('../views/IdentityView.vue'),
    props: true,
    meta: { roles: ['PARTNER'], titleKey: 'identity.titlePartner' },
  },
  {
    path: '/candidate/identity',
    name: 'candidate-identity',
    component: () => import('../views/IdentityView.vue'),
    meta: { roles: ['CANDIDATE'], titleKey: 'identity.title' },
  },
  {
    path: '/admin/block-equivalences',
    name: 'admin-block-equivalences',
    component: () => import('../areas/admin/AdminBlockEquivalencesView.vue'),
    meta: { roles: ['ADMIN'], titleKey: 'bridges.title' },
  },
  {
    path: '/admin/rectifications',
    name: 'admin-rectifications',
    component: () => import('../areas/admin/AdminRectificationsView.vue'),
    meta: { roles: ['ADMIN'], titleKey: 'identity.rectification.adminTitle' },
  },
  {
    path: '/partner/people',
    name: 'partner-people',
    component: () => import('../views/account/PeopleView.vue'),
    meta: { roles: ['PARTNER'], titleKey: 'people.title' },
  },
  // Public contest link sent with a result (no login; the token is the credential).
  {
    path: '/appeal/:token',
    name: 'appeal-link',
    component: () => import('../views/AppealLinkView.vue'),
    props: true,
    meta: { titleKey: 'appeals.linkTitle' },
  },
  ...adminRoutes,
  ...partnerRoutes,
  ...jurorRoutes,
  ...candidateRoutes,
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('../views/NotFoundView.vue'),
    meta: { titleKey: 'notFound.title' },
  },
];

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior(to, _from, saved) {
    if (saved) return saved;
    if (to.hash) return { el: to.hash };
    return { top: 0 };
  },
});

router.beforeEach(async (to) => {
  await auth.ensureLoaded();
  const viewer = auth.viewer.value;
  const roles = to.meta.roles;

  if (roles) {
    if (!viewer) return { name: 'login', query: { redirect: to.fullPath } };
    if (!roles.includes(viewer.role)) return homeFor(viewer.role);
  }
  if (to.meta.guestOnly && viewer) return homeFor(viewer.role, to.query.redirect);
  return true;
});

function updateTitle(): void {
  const key = router.currentRoute.value.meta.titleKey;
  const t = i18n.global.t;
  document.title = key ? `${t(key)} · ${t('app.name')}` : t('app.name');
}

router.afterEach(() => updateTitle());

export { updateTitle };

/** Leave the current page if the viewer may no longer see it (session expired, other tab signed out/in). */
function enforceAccess(): void {
  const route = router.currentRoute.value;
  const viewer = auth.viewer.value;
  const roles = route.meta.roles;
  if (roles && (!viewer || !roles.includes(viewer.role))) {
    void router.replace(viewer ? homeFor(viewer.role) : { name: 'login', query: { redirect: route.fullPath } });
  } else if (route.meta.guestOnly && viewer) {
    void router.replace(homeFor(viewer.role, route.query.redirect));
  }
}

// A request carrying our token was refused: the session expired. Go back to the login page.
setUnauthenticatedHandler(() => {
  if (!auth.isAuthenticated.value) return;
  auth.expire();
  enforceAccess();
});
auth.onExternalChange(enforceAccess);
