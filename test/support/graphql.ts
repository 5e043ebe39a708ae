// Minimal GraphQL clients for tests: HTTP (fetch) and WebSocket (graphql-ws over ws).
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export async function gql<T = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  options: { token?: string; locale?: string } = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.locale ? { 'accept-language': options.locale } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResponse<T>;
  return { ...body, status: response.status };
}

export const DEMO_PASSWORD = 'certijury-demo';

export async function loginAs(url: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const result = await gql<{ login: { token: string } }>(
    url,
    'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    { email, password },
  );
  if (!result.data?.login) throw new Error(`login failed for ${email}: ${JSON.stringify(result.errors)}`);
  return result.data.login.token;
}

export function wsClient(url: string, token?: string, extra: Record<string, unknown> = {}): Client {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra },
    retryAttempts: 0,
    lazy: true,
  });
}

/** Collects `count` events from a subscription (or fails after `timeoutMs`). */
export function collect<T = any>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  count: number,
  timeoutMs = 10_000,
): { events: T[]; done: Promise<T[]>; errors: unknown[]; ready: Promise<void>; stop(): void } {
  const events: T[] = [];
  const errors: unknown[] = [];
  let stop = () => {};
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const done = new Promise<T[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out with ${events.length}/${count} events; errors: ${JSON.stringify(errors)}`));
    }, timeoutMs);
    stop = client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          if (events.length >= count) return; // already complete: ignore what was in flight
          if (value.errors) errors.push(...value.errors);
          if (value.data) events.push(value.data as T);
          if (events.length >= count) {
            clearTimeout(timer);
            stop();
            resolve(events);
          }
        },
        error: (error) => {
          clearTimeout(timer);
          errors.push(error);
          reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        },
        complete: () => {
          clearTimeout(timer);
          resolve(events);
        },
      },
    );
    client.on('connected', () => markReady());
  });
  return { events, done, errors, ready, stop: () => stop() };
}

/** Opens a raw graphql-transport-ws socket, sends connection_init, and resolves the close code. */
export function closeCodeAfterInit(url: string, payload: Record<string, unknown>, timeoutMs = 5000): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('socket was not closed'));
    }, timeoutMs);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
    socket.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}
