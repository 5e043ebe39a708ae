// The GraphQL explorer (GraphiQL 5, React + Monaco), bundled by Vite: this module and everything it imports
// land in their own lazy chunks, loaded only on /partner/explorer. The Monaco workers (editor, JSON, GraphQL)
// are bundled as same-origin worker files by `graphiql/setup-workers/vite`: nothing is fetched from a CDN.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';

export interface ExplorerOptions {
  /** `/graphql` on this origin, over HTTP. */
  httpUrl: string;
  /** `ws(s)://<this host>/graphql`, for subscriptions (graphql-ws). */
  wsUrl: string;
  /** A session token or a partner API key, sent as `Authorization: Bearer …` (and in `connection_init`). */
  credential: string;
  locale: string;
  initialQuery: string;
}

/** Mounts GraphiQL into `element`; returns the function that unmounts it and closes its socket. */
export function mountGraphiQL(element: HTMLElement, options: ExplorerOptions): () => void {
  const authorization = `Bearer ${options.credential}`;
  // Lazy: the socket opens with the first subscription only.
  const wsClient = createClient({
    url: options.wsUrl,
    connectionParams: { authorization, locale: options.locale },
  });
  const fetcher = createGraphiQLFetcher({
    url: options.httpUrl,
    wsClient,
    headers: { authorization, 'accept-language': options.locale },
  });
  const root = createRoot(element);
  root.render(
    createElement(GraphiQL, {
      fetcher,
      initialQuery: options.initialQuery,
      defaultQuery: options.initialQuery,
      // The credential is ours; the headers pane stays available for anything else.
      shouldPersistHeaders: false,
      forcedTheme: 'light',
    }),
  );
  return () => {
    root.unmount();
    void wsClient.dispose();
  };
}
