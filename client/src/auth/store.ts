import type { CombinedError } from '@urql/core';
import { computed, reactive, readonly } from 'vue';
import { graphqlClient, resetGraphqlClient } from '../graphql/client';
import { hasErrorCode } from '../graphql/errors';
import { LoginMutation, LogoutMutation, MeQuery } from '../graphql/operations';
import type { Viewer } from '../graphql/types';
import { setLocale, storedLocale } from '../i18n';
import { authToken, setAuthToken, syncAuthTokenFromStorage, TOKEN_STORAGE_KEY } from './token';

type Status = 'idle' | 'loading' | 'ready' | 'error';

interface AuthState {
  viewer: Viewer | null;
  status: Status;
  /** Why the viewer could not be loaded (server unreachable…); the token is kept in that case. */
  error: CombinedError | null;
  /** Set when the session ended without the user asking (expired token). */
  notice: 'sessionExpired' | null;
  expiresAt: string | null;
}

const state = reactive<AuthState>({
  viewer: null,
  status: 'idle',
  error: null,
  notice: null,
  expiresAt: null,
});

let loading: Promise<void> | null = null;
let externalChangeHandler: (() => void) | null = null;

/** Follow the viewer's preferred language unless the user picked one explicitly in this browser. */
function adoptViewerLocale(viewer: Viewer): void {
  if (!storedLocale()) setLocale(viewer.locale, false);
}

async function fetchViewer(): Promise<void> {
  state.status = 'loading';
  if (!authToken.value) {
    state.viewer = null;
    state.error = null;
    state.status = 'ready';
    return;
  }
  const result = await graphqlClient.value
    .query(MeQuery, {}, { requestPolicy: 'network-only' })
    .toPromise();
  if (result.error && !hasErrorCode(result.error, 'UNAUTHENTICATED')) {
    // Server unreachable or failing: keep the token, try again on the next navigation.
    state.viewer = null;
    state.error = result.error;
    state.status = 'error';
    return;
  }
  const viewer = result.data?.me ?? null;
  state.error = null;
  if (!viewer) {
    // The stored token is no longer valid.
    endSession('sessionExpired');
  } else {
    state.viewer = viewer;
    adoptViewerLocale(viewer);
  }
  state.status = 'ready';
}

/** Forget the session locally (token, viewer, cache, socket). */
function endSession(notice: AuthState['notice'] = null): void {
  const hadToken = Boolean(authToken.value);
  setAuthToken(null);
  state.viewer = null;
  state.expiresAt = null;
  state.notice = notice;
  if (hadToken) resetGraphqlClient();
}

export const auth = {
  state: readonly(state),
  viewer: computed(() => state.viewer),
  isAuthenticated: computed(() => state.viewer !== null),
  role: computed(() => state.viewer?.role ?? null),

  /** Load the viewer once (or again after a failure). Route guards await this. */
  ensureLoaded(): Promise<void> {
    if (state.status === 'ready') return Promise.resolve();
    loading ??= fetchViewer().finally(() => {
      loading = null;
    });
    return loading;
  },

  /** Re-query `me` (after a token change in another tab, for instance). */
  reload(): Promise<void> {
    state.status = 'idle';
    return this.ensureLoaded();
  },

  async login(email: string, password: string): Promise<{ viewer: Viewer } | { error: CombinedError }> {
    const result = await graphqlClient.value
      .mutation(LoginMutation, { email, password }, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.error || !result.data) {
      return { error: result.error as CombinedError };
    }
    const { token, expiresAt, viewer } = result.data.login;
    this.adoptSession(token, expiresAt, viewer);
    return { viewer };
  },

  /** A session opened by the server (sign-in, or a link that set the password): keep its token, load its viewer. */
  adoptSession(token: string, expiresAt: string, viewer: Viewer): void {
    setAuthToken(token);
    // New cache and a new socket whose connectionParams carry the new token.
    resetGraphqlClient();
    state.viewer = viewer;
    state.expiresAt = expiresAt;
    state.error = null;
    state.notice = null;
    state.status = 'ready';
    adoptViewerLocale(viewer);
  },

  /**
   * Sign out: tell the server (best effort), forget the session, let the caller navigate away,
   * then drop the cache and reopen the socket anonymously.
   */
  async logout(navigate?: () => Promise<unknown>): Promise<void> {
    if (authToken.value) {
      await graphqlClient.value
        .mutation(LogoutMutation, {})
        .toPromise()
        .catch(() => undefined);
    }
    setAuthToken(null);
    state.viewer = null;
    state.expiresAt = null;
    state.notice = null;
    state.status = 'ready';
    await navigate?.();
    resetGraphqlClient();
  },

  /** The server refused our token (UNAUTHENTICATED): the session expired or was revoked. */
  expire(): void {
    if (!authToken.value) return;
    endSession('sessionExpired');
    state.status = 'ready';
  },

  clearNotice(): void {
    state.notice = null;
  },

  /** Called after the session changed outside this tab (the router re-checks the current page). */
  onExternalChange(handler: (() => void) | null): void {
    externalChangeHandler = handler;
  },
};

// Another tab signed in or out: follow it.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== TOKEN_STORAGE_KEY && event.key !== null) return;
    if (!syncAuthTokenFromStorage()) return;
    resetGraphqlClient();
    void auth.reload().then(() => externalChangeHandler?.());
  });
}

