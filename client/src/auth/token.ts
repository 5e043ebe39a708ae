import { ref } from 'vue';

/** localStorage key holding the session token (raw string). */
export const TOKEN_STORAGE_KEY = 'certijury.token';

function readStoredToken(): string | null {
  try {
    const value = window.localStorage.getItem(TOKEN_STORAGE_KEY);
    return value && value.trim() ? value : null;
  } catch {
    return null; // storage disabled (private mode, policy): keep the session in memory only
  }
}

/** The current bearer token; reactive so the UI and the GraphQL client can follow it. */
export const authToken = ref<string | null>(readStoredToken());

export function setAuthToken(token: string | null): void {
  authToken.value = token;
  try {
    if (token) window.localStorage.setItem(TOKEN_STORAGE_KEY, token);
    else window.localStorage.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    /* ignore storage failures */
  }
}

/** Re-read the token after another tab changed it. Returns true when it changed. */
export function syncAuthTokenFromStorage(): boolean {
  const stored = readStoredToken();
  if (stored === authToken.value) return false;
  authToken.value = stored;
  return true;
}
