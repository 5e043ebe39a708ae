import {
  Client,
  cacheExchange,
  fetchExchange,
  mapExchange,
  subscriptionExchange,
  type CombinedError,
  type Operation,
} from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { readonly, ref, shallowRef } from 'vue';
import { authToken } from '../auth/token';
import { currentLocale } from '../i18n';
import { hasErrorCode } from './errors';

export const GRAPHQL_PATH = '/graphql';

export type ConnectionState = 'connecting' | 'connected' | 'offline';

const state = ref<ConnectionState>('connecting');
/** State of the real-time (graphql-ws) connection, for the header indicator and live views. */
export const connectionState = readonly(state);

/** Number of times the socket has (re)connected since the page loaded; lets views detect reconnections. */
const connectionsCount = ref(0);
export const connectionEpoch = readonly(connectionsCount);

/** ws:// or wss:// URL of the GraphQL endpoint, derived from the page location. */
export function graphqlWsUrl(location: Location = window.location): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}${GRAPHQL_PATH}`;
}

function authorizationHeader(): string | null {
  return authToken.value ? `Bearer ${authToken.value}` : null;
}

// ---------------------------------------------------------------------------
// WebSocket client (graphql-ws), one at a time, recreated when the token changes.
// ---------------------------------------------------------------------------

const PING_INTERVAL_MS = 12_000;
const PONG_TIMEOUT_MS = 6_000;
const MAX_RETRY_DELAY_MS = 10_000;
const RECREATE_AFTER_FATAL_MS = 5_000;

let currentWs: WsClient | null = null;
/** Incremented for each new socket; events from older sockets are ignored. */
let socketGeneration = 0;
let recreateTimer: ReturnType<typeof setTimeout> | undefined;

/** Capped exponential back-off with jitter: 1 s, 2 s, 4 s, 8 s, then every ~10 s. */
function retryWait(retries: number): Promise<void> {
  const delay = Math.min(1000 * 2 ** retries, MAX_RETRY_DELAY_MS) + Math.floor(Math.random() * 1000);
  return new Promise((resolve) => setTimeout(resolve, delay));
}

function createSocket(): WsClient {
  // The token is captured now: a new socket is created whenever it changes (see resetGraphqlClient).
  const authorization = authorizationHeader();
  const generation = ++socketGeneration;
  // graphql-ws emits `connecting` synchronously from createClient (lazy: false), before `ws` is assigned.
  const isCurrent = () => generation === socketGeneration;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;

  const ws: WsClient = createWsClient({
    url: graphqlWsUrl(),
    connectionParams: authorization ? { authorization } : {},
    lazy: false, // keep one socket open for the whole session: the indicator reflects reality
    retryAttempts: Infinity,
    // Browsers report a dropped connection as an `error` event before the close event; retry on
    // everything graphql-ws does not consider fatal (it still gives up on 4400, 4401, 4409, 4429, 4500…).
    shouldRetry: () => true,
    retryWait,
    keepAlive: PING_INTERVAL_MS,
    onNonLazyError: (error) => {
      // A fatal close (the server refused us for good): stay offline, then start over with a fresh socket.
      if (!isCurrent()) return;
      state.value = 'offline';
      console.warn('[certijury] real-time connection closed', error);
      clearTimeout(recreateTimer);
      recreateTimer = setTimeout(() => {
        if (isCurrent()) replaceSocket();
      }, RECREATE_AFTER_FATAL_MS);
    },
    on: {
      connecting: () => {
        if (isCurrent()) state.value = 'connecting';
      },
      connected: () => {
        if (!isCurrent()) return;
        state.value = 'connected';
        connectionsCount.value += 1;
      },
      closed: () => {
        clearTimeout(pongTimer);
        if (isCurrent()) state.value = 'offline';
      },
      // Detect half-open sockets (sleeping laptop, dropped Wi-Fi): no pong in time → terminate and retry.
      ping: (received) => {
        if (received) return;
        clearTimeout(pongTimer);
        pongTimer = setTimeout(() => ws.terminate(), PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
    },
  });
  return ws;
}

function replaceSocket(): WsClient {
  clearTimeout(recreateTimer);
  const previous = currentWs;
  currentWs = null;
  socketGeneration += 1; // silence the previous socket's events before it closes
  void previous?.dispose();
  state.value = 'connecting';
  currentWs = createSocket();
  return currentWs;
}

// ---------------------------------------------------------------------------
// urql client
// ---------------------------------------------------------------------------

type UnauthenticatedHandler = (error: CombinedError, operation: Operation) => void;
let onUnauthenticated: UnauthenticatedHandler | null = null;

/** Called when the server answers UNAUTHENTICATED to a request that carried a token (expired session). */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler | null): void {
  onUnauthenticated = handler;
}

function createUrqlClient(): Client {
  return new Client({
    url: GRAPHQL_PATH,
    // The server's CSRF prevention refuses GET queries: always POST JSON.
    preferGetMethod: false,
    requestPolicy: 'cache-first',
    fetchOptions: () => {
      const headers: Record<string, string> = { 'Accept-Language': currentLocale() };
      const authorization = authorizationHeader();
      if (authorization) headers.Authorization = authorization;
      return { headers };
    },
    exchanges: [
      mapExchange({
        onError(error, operation) {
          const sentToken = Boolean(authToken.value);
          if (sentToken && hasErrorCode(error, 'UNAUTHENTICATED')) onUnauthenticated?.(error, operation);
        },
      }),
      cacheExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const payload = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              // Resolved at subscription time: after a socket replacement new subscriptions use the new one.
              const ws = currentWs ?? replaceSocket();
              const unsubscribe = ws.subscribe(payload, sink);
              return { unsubscribe };
            },
          };
        },
      }),
      fetchExchange,
    ],
  });
}

/**
 * The application's urql client. It is replaced (never mutated) when the session changes, so that
 * the previous user's cached results are dropped together with their socket. `@urql/vue` is given
 * this ref: every `useQuery`/`useSubscription` follows the replacement by itself.
 */
replaceSocket();
export const graphqlClient = shallowRef<Client>(createUrqlClient());

/** Drop the cache and reopen the WebSocket with the current token (call after login and logout). */
export function resetGraphqlClient(): Client {
  replaceSocket();
  graphqlClient.value = createUrqlClient();
  return graphqlClient.value;
}
