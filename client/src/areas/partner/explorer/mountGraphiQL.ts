// The GraphQL explorer (GraphiQL 5, React + Monaco), bundled by Vite: this module and everything it imports
// land in their own lazy chunks, loaded only on /partner/explorer. The Monaco workers (editor, JSON, GraphQL)
// are bundled as same-origin worker files by `graphiql/setup-workers/vite`: nothing is fetched from a CDN.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { getOperationAST, parse } from 'graphql';
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
  const httpOrSocket = createGraphiQLFetcher({
    url: options.httpUrl,
    wsClient,
    headers: { authorization, 'accept-language': options.locale },
  });
  // The toolkit sends an operation over the socket when, in the document GraphiQL hands it (`documentAST`), the
  // operation of that name is a subscription. Run right after being typed (in a new tab), the document it hands
  // over may still be the previous one: a subscription then went over HTTP, where it cannot run. The document is
  // read here from the text actually sent, and its only operation named.
  const fetcher: Fetcher = (params, fetcherOptions) => {
    let documentAST;
    try {
      documentAST = parse(params.query);
    } catch {
      return httpOrSocket(params, fetcherOptions); // not a document: the server says why
    }
    const operationName = params.operationName || getOperationAST(documentAST)?.name?.value;
    return httpOrSocket({ ...params, operationName }, { ...fetcherOptions, documentAST });
  };
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
