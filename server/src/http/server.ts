// One node:http server on one port: Apollo Server (GraphQL over HTTP) and graphql-ws (WebSocket) on
// /graphql, /healthz and /readyz, and the built client. Limits hold on both transports: complexity, depth
// and breadth live in the schema (plugin-complexity); body size, socket payload, subscriptions per socket
// and the connection_init timeout are enforced here.
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { WebSocket, WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { getOperationAST, subscribe, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { contextFor, type AppServices, type Context } from '../graphql/context.ts';
import { createDocumentCache } from '../graphql/document-cache.ts';
import { executeInLocale } from '../graphql/execution.ts';
import { createGraphqlFastPath } from './graphql-fast-path.ts';
import { refuseHostileCharacters } from '../graphql/hostile-input.ts';
import { credentialFrom, sha256 } from '../auth/viewer.ts';
import { AppError, formatError } from '../lib/errors.ts';
import { translate } from '../lib/messages.ts';
import { localeFromHeader, runWithLocale, type Locale } from '../lib/request-context.ts';
import { createStaticHandler } from './static-files.ts';
import { createSecurityHeaders } from './security-headers.ts';
import type { Logger } from '../lib/logger.ts';
import { createProjectFileUploadHandler } from '../modules/project-file/upload.http.ts';
import { EVIDENCE_DOWNLOAD_PREFIX, EVIDENCE_UPLOAD_PATH, createEvidenceDownloadHandler, createEvidenceUploadHandler } from '../modules/vae/vae.http.ts';
import { APPEAL_DOWNLOAD_PREFIX, APPEAL_UPLOAD_PATH, createAppealAttachmentDownloadHandler, createAppealAttachmentUploadHandler } from '../modules/appeal/appeal.http.ts';
import { CDC_DOWNLOAD_PREFIX, CDC_REPORT_UPLOAD_PATH, createCdcDownloadHandler, createCdcReportUploadHandler } from '../modules/cdc/cdc.http.ts';
import { PROJECT_FILE_DOWNLOAD_PREFIX, createProjectFileDownloadHandler } from '../modules/project-file/project-file.http.ts';
import { NO_ADMIN_HINT } from '../modules/account/account.rules.ts';
import { createCertificateHttpHandler, isAchievementJsonRequest, isCertificateHttpPath } from '../modules/certificate/certificate.http.ts';
import { METRICS_PATH, metricsAccess, routeFamily, type Metrics } from '../observability/metrics.ts';
import type { Tracing } from '../observability/tracing.ts';

export interface HttpApp {
  server: Server;
  /** Stops accepting, closes sockets (code 1001 so clients reconnect elsewhere), stops Apollo. */
  close(): Promise<void>;
}

class BodyTooLargeError extends Error {}

/** The log message of an error that escaped a request handler (tests look for it in the server's output). */
export const REQUEST_HANDLER_FAILED = 'unhandled error in a request handler';

/** graphql-ws's close code for a refused credential, also used when a socket's credential stops being valid. */
export const CLOSE_FORBIDDEN = 4403;

/**
 * How much of an oversized body is still read (and discarded) before the 413 is sent: a client still writing
 * when the server answers and closes gets a reset instead of the answer. Past this allowance the connection is
 * cut (the client then sees a reset, as behind any proxy).
 */
export const DRAIN_AFTER_LIMIT_BYTES = 1024 * 1024;

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      chunks.length = 0;
      if (size > limit + DRAIN_AFTER_LIMIT_BYTES) {
        reject(new BodyTooLargeError());
        req.destroy();
      }
    });
    // Too large but within the allowance: the 413 (written by the caller) goes out once the client has sent it all.
    req.on('end', () => (size > limit ? reject(new BodyTooLargeError()) : resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/**
 * Runs every step of an async iterator inside the operation's locale (ALS does not follow for-await), and calls
 * `onEnd` once when it ends (done, returned or thrown). A plain delegating iterator, so that return() reaches the
 * source at once.
 */
function inLocale<T>(locale: Locale, iterable: AsyncIterable<T>, onEnd: () => void): AsyncIterableIterator<T> {
  const iterator = iterable[Symbol.asyncIterator]();
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    onEnd();
  };
  return {
    next: () =>
      runWithLocale(locale, () => iterator.next()).then((step) => {
        if (step.done) end();
        return step;
      }),
    return: (value?: unknown) => {
      end();
      return iterator.return?.(value) ?? Promise.resolve({ done: true as const, value: value as T });
    },
    throw: (error?: unknown) => {
      end();
      return iterator.throw?.(error) ?? Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

export async function createHttpApp(services: AppServices, schema: GraphQLSchema, log: Logger, metrics: Metrics, tracing?: Tracing): Promise<HttpApp> {
  const { config, prisma } = services;
  const logError = (error: unknown) => log.error({ err: error }, 'unexpected error in a GraphQL operation');

  const apollo = new ApolloServer<Context & BaseContext>({
    schema,
    introspection: config.introspection,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // No cache hints anywhere in the schema, so every answer was `no-store`; the plugin still wrapped every field
    // resolver of every request to collect hints. The header is set below instead.
    // In production: no landing page (Apollo's loads a third-party CDN and names the server's version), and no
    // "Did you mean …?" suggestions (formatError strips them on every transport; Apollo's own option for its path).
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      ...(config.production ? [ApolloServerPluginLandingPageDisabled()] : []),
      {
        // Operation latency for what Apollo answers (the fast path counts its own).
        async requestDidStart() {
          const start = performance.now();
          return {
            async willSendResponse(request) {
              metrics.operation(request.operationName ?? request.operation?.name?.value, request.operation?.operation ?? 'invalid', 'http', start, !request.errors?.length);
            },
          };
        },
      },
    ],
    hideSchemaDetailsFromClientErrors: config.production,
    formatError: (formatted, error) => formatError(formatted, error, config.production, logError),
  });
  await apollo.start();

  const serveStatic = createStaticHandler(config.clientDist);
  // Project file upload: plain HTTP multipart, outside GraphQL (see modules/project-file/upload.http.ts).
  const handleProjectFileUpload = await createProjectFileUploadHandler(services, log);
  // CDC batch files: GET /downloads/cdc-batches/<id>.xml (admins; see modules/cdc/cdc.http.ts).
  const handleCdcDownload = createCdcDownloadHandler(services);
  // CDC processing reports: POST /uploads/cdc-report (admins; see modules/cdc/cdc.http.ts).
  const handleCdcReportUpload = await createCdcReportUploadHandler(services, log);
  // Appeal attachments: POST /uploads/appeal-attachment, GET /downloads/appeal-attachments/<id> (see modules/appeal/appeal.http.ts).
  const handleAppealAttachmentUpload = await createAppealAttachmentUploadHandler(services, log);
  const handleAppealAttachmentDownload = createAppealAttachmentDownloadHandler(services);
  // VAE evidence: POST /uploads/experience-evidence, GET /downloads/experience-evidence/<periodId> (see modules/vae/vae.http.ts).
  const handleEvidenceUpload = await createEvidenceUploadHandler(services, log);
  const handleEvidenceDownload = createEvidenceDownloadHandler(services);
  const handleProjectFileDownload = createProjectFileDownloadHandler(services);
  // Public certificate documents: credentials, status, PDF, issuer profiles (see modules/certificate/certificate.http.ts).
  const handleCertificateDocument = createCertificateHttpHandler(services);

  // Parsed-and-validated documents by query text, shared by the WebSocket path and the HTTP fast path.
  const prepare = createDocumentCache(schema, { introspection: config.introspection });
  const tryFastPath = createGraphqlFastPath({
    schema,
    prepare,
    introspection: config.introspection,
    production: config.production,
    logError,
    onOperation: (name, type, startedAt, ok) => metrics.operation(name, type, 'http', startedAt, ok),
  });

  /** The request's context: built at once when its viewer needs no database read, else the promise of it. */
  const contextOf = (req: IncomingMessage, locale: Locale): Context | Promise<Context> => {
    const credential = credentialFrom(req.headers.authorization);
    const clientIp = clientIpOf(req, config.trustProxy);
    const known = services.viewers.known(credential);
    if (known !== undefined) return contextFor(services, { locale, credential, clientIp, viewer: known });
    return services.viewers.resolve(credential).then((viewer) => contextFor(services, { locale, credential, clientIp, viewer }));
  };

  const answerWithApollo = async (req: IncomingMessage, res: ServerResponse, search: string, body: unknown, context: Context | Promise<Context>) => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body },
      // The same context the fast path may already have built (a request error it hands over): built once.
      context: async () => context,
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    // GraphQL answers are per caller and never cached (what Apollo's cache-control plugin answered for us).
    if (!response.headers.has('cache-control')) res.setHeader('cache-control', 'no-store');
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  };

  /** Everything after the body is read runs in the request's locale (messages, resolvers, formatError). */
  const answerGraphql = (req: IncomingMessage, res: ServerResponse, search: string, locale: Locale, body: unknown, text: string): void | Promise<void> => {
    if (search !== '' || mayHoldHostileCharacters(text)) {
      const refused = refuseHostileCharacters({ '': body, ...(search ? { search: Object.fromEntries(new URLSearchParams(search)) } : {}) });
      if (refused) {
        sendJson(res, 400, { errors: [{ message: refused.message, extensions: refused.extensions }] });
        return;
      }
    }
    const context = contextOf(req, locale);
    const request = { method: req.method, contentType: req.headers['content-type'], accept: req.headers.accept, search, body };
    const answered = tryFastPath(request, res, context);
    if (answered === true) return;
    if (answered === false) return answerWithApollo(req, res, search, body, context);
    return answered.then((done) => (done ? undefined : answerWithApollo(req, res, search, body, context)));
  };

  const handleGraphqlHttp = async (req: IncomingMessage, res: ServerResponse, search: string) => {
    const locale = localeFromHeader(req.headers['accept-language']);
    let body: unknown = undefined;
    let text = '';
    if (req.method === 'POST') {
      text = await readBody(req, config.limits.maxBodyBytes);
      const contentType = String(req.headers['content-type'] ?? '');
      if (contentType.includes('json')) {
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // A raw NUL inside a JSON string is a JSON error too, but the caller learns the real reason.
          const refused = runWithLocale(locale, () => (text.includes('\u0000') ? refuseHostileCharacters({ '': text }) : null) ?? new AppError('BAD_REQUEST', { details: translate('request.invalidJson') }));
          sendJson(res, 400, { errors: [{ message: refused.message, extensions: refused.extensions }] });
          return;
        }
      } else body = text;
    }
    return runWithLocale(locale, () => answerGraphql(req, res, search, locale, body, text));
  };

  /**
   * The last line of defence: an error thrown by a request handler (synchronously, or by the promise it returned)
   * is logged at error level under one message a test can look for, and answered 500 JSON; the process lives on.
   */
  const handlerFailed = (error: unknown, res: ServerResponse) => {
    log.error({ err: error }, REQUEST_HANDLER_FAILED);
    if (!res.headersSent) sendJson(res, 500, { errors: [{ message: translate('error.INTERNAL'), extensions: { code: 'INTERNAL' } }] });
    else res.destroy();
  };

  const securityHeaders = createSecurityHeaders(config.production);
  const handle = (req: IncomingMessage, res: ServerResponse, family: string) => {
    try {
      securityHeaders(req, res);
      metrics.httpRequest(req, res, family);
      route(req, res);
    } catch (error) {
      handlerFailed(error, res);
    }
  };
  const familyOf = (req: IncomingMessage) => (graphqlSearchOf(req.url) !== null ? 'graphql' : routeFamily((req.url ?? '/').split('?', 1)[0]));
  const server = createServer(
    tracing
      ? (req, res) => {
          const family = familyOf(req);
          tracing.inRequestSpan(req, res, family, () => handle(req, res, family));
        }
      : (req, res) => handle(req, res, familyOf(req)),
  );

  // A request node:http cannot parse (a malformed request line or header, an invalid method): a JSON 400 (431 for
  // headers too large) instead of Node's empty answer, then the connection is closed.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const message = new AppError('BAD_REQUEST', { details: translate('request.malformed') });
    const body = JSON.stringify({ errors: [{ message: message.message, extensions: message.extensions }] });
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });

  // CONNECT (a proxy tunnel) is not served: Node would drop the connection without a word.
  server.on('connect', (_req: IncomingMessage, socket: import('node:stream').Duplex) => {
    const message = new AppError('BAD_REQUEST', { details: translate('request.method') });
    const body = JSON.stringify({ errors: [{ message: message.message, extensions: message.extensions }] });
    socket.on('error', () => undefined);
    socket.end(`HTTP/1.1 405 Method Not Allowed\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });

  const route = (req: IncomingMessage, res: ServerResponse) => {
    const done = (error?: unknown) => {
      if (!error) return;
      if (error instanceof BodyTooLargeError) {
        if (!res.headersSent) {
          const locale = localeFromHeader(req.headers['accept-language']);
          const message = runWithLocale(locale, () => new AppError('LIMIT_EXCEEDED', { details: translate('request.tooLarge', { max: config.limits.maxBodyBytes }) }));
          res.setHeader('connection', 'close');
          sendJson(res, 413, { errors: [{ message: message.message, extensions: message.extensions }] });
        }
        return;
      }
      // The client went away while sending its body: nothing to answer, and no fault of ours.
      if ((error as NodeJS.ErrnoException).code === 'ECONNRESET' || (error as Error).message === 'aborted') return void res.destroy();
      handlerFailed(error, res);
    };
    // The GraphQL endpoint is recognised without parsing a URL (the busiest route); other routes get one.
    const graphqlSearch = graphqlSearchOf(req.url);
    if (graphqlSearch !== null) {
      handleGraphqlHttp(req, res, graphqlSearch).then(() => done(), done);
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      const refused = runWithLocale(localeFromHeader(req.headers['accept-language']), () => new AppError('BAD_REQUEST', { details: translate('request.path') }));
      sendJson(res, 400, { errors: [{ message: refused.message, extensions: refused.extensions }] }); // an absolute-form target that is no URL (`http://[`)
      return;
    }
    if (url.pathname === '/graphql') {
      handleGraphqlHttp(req, res, url.search).then(() => done(), done);
    } else if (url.pathname === '/uploads/project-file') {
      handleProjectFileUpload(req, res, url).then(() => done(), done);
    } else if (url.pathname === EVIDENCE_UPLOAD_PATH) {
      handleEvidenceUpload(req, res, url).then(() => done(), done);
    } else if (url.pathname.startsWith(EVIDENCE_DOWNLOAD_PREFIX) && req.method === 'GET') {
      handleEvidenceDownload(req, res, url).then(() => done(), done);
    } else if (url.pathname === APPEAL_UPLOAD_PATH) {
      handleAppealAttachmentUpload(req, res, url).then(() => done(), done);
    } else if (url.pathname.startsWith(APPEAL_DOWNLOAD_PREFIX) && req.method === 'GET') {
      handleAppealAttachmentDownload(req, res, url).then(() => done(), done);
    } else if (url.pathname.startsWith(PROJECT_FILE_DOWNLOAD_PREFIX) && req.method === 'GET') {
      handleProjectFileDownload(req, res, url).then(() => done(), done);
    } else if (url.pathname === CDC_REPORT_UPLOAD_PATH) {
      handleCdcReportUpload(req, res, url).then(() => done(), done);
    } else if (url.pathname.startsWith(CDC_DOWNLOAD_PREFIX) && req.method === 'GET') {
      handleCdcDownload(req, res, url).then(() => done(), done);
    } else if ((isCertificateHttpPath(url.pathname) || isAchievementJsonRequest(req, url.pathname)) && req.method === 'GET') {
      handleCertificateDocument(req, res, url).then(() => done(), done);
    } else if (url.pathname === METRICS_PATH && req.method === 'GET') {
      const access = metricsAccess(req, config.metricsToken, config.production);
      if (access === 'hidden') return sendJson(res, 404, { error: 'not found' });
      if (access === 'unauthorized') {
        res.setHeader('www-authenticate', 'Bearer realm="metrics"');
        return sendJson(res, 401, { error: 'unauthorized' });
      }
      metrics.registry.metrics().then((text) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
        res.end(text);
      }, done);
    } else if (url.pathname === '/healthz') {
      sendJson(res, 200, { status: 'ok' });
    } else if (url.pathname === '/readyz') {
      // Ready once the database answers; `admin: "missing"` tells an operator that nobody can sign in yet.
      prisma.user.count({ where: { role: 'ADMIN', disabledAt: null } }).then(
        (admins) => sendJson(res, 200, { status: 'ready', database: 'ok', ...(admins ? {} : { admin: 'missing', hint: NO_ADMIN_HINT }) }),
        () => sendJson(res, 503, { status: 'unavailable', database: 'unreachable' }),
      );
    } else if (!serveStatic(req, res, url.pathname)) {
      sendJson(res, 404, { error: 'not found' });
    }
  };

  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: config.limits.wsMaxPayloadBytes });
  type SocketExtra = { context?: Context; activeOperations?: Set<string> };
  wss.on('connection', (socket) => {
    metrics.wsConnections.inc();
    socket.once('close', () => metrics.wsConnections.dec());
  });

  /**
   * Signed-in sockets and what their identity rests on. A socket's credential is checked again whenever it may
   * have stopped being valid: a revocation heard from any process (logout, revoked API key, erased account), its
   * expiry (a sweep every second), and each new operation. A socket whose credential no longer holds is closed with
   * 4403, as one refused at connection_init, which ends every operation running on it.
   */
  interface SignedInSocket {
    credential: string;
    credentialHash: string;
    expiresAt: number;
  }
  const signedIn = new Map<WebSocket, SignedInSocket>();
  const refuseSocket = (socket: WebSocket) => {
    signedIn.delete(socket);
    if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) socket.close(CLOSE_FORBIDDEN, 'Forbidden');
  };
  /** Reads the socket's credential again (the cache was just emptied) and closes it when it no longer holds. */
  const recheck = (socket: WebSocket, entry: SignedInSocket) =>
    services.viewers.resolveWithExpiry(entry.credential).then(
      (resolved) => (resolved.viewer ? void (entry.expiresAt = resolved.expiresAt) : refuseSocket(socket)),
      (error) => log.error({ err: error }, 'could not check a socket credential again'),
    );
  const unlistenRevocations = services.viewers.onRevocation((credentialHash) => {
    for (const [socket, entry] of signedIn) {
      if (credentialHash === null) void recheck(socket, entry);
      else if (entry.credentialHash === credentialHash) refuseSocket(socket);
    }
  });
  const expirySweep = setInterval(() => {
    const now = Date.now();
    for (const [socket, entry] of signedIn) if (entry.expiresAt <= now) refuseSocket(socket);
  }, 1000);
  expirySweep.unref();

  const wsServer = useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      schema,
      connectionInitWaitTimeout: config.limits.wsConnectionInitTimeoutMs,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const credential = credentialFrom(params.authorization ?? params.Authorization);
        const { viewer, expiresAt } = await services.viewers.resolveWithExpiry(credential);
        if (credential && !viewer) return false; // a wrong credential is refused (4403), never downgraded
        const requested = typeof params.locale === 'string' ? params.locale : ctx.extra.request.headers['accept-language'];
        ctx.extra.context = contextFor(services, { viewer, credential, locale: localeFromHeader(requested), clientIp: clientIpOf(ctx.extra.request, config.trustProxy) });
        ctx.extra.activeOperations = new Set();
        if (credential && viewer) {
          const socket = ctx.extra.socket;
          signedIn.set(socket, { credential, credentialHash: sha256(credential), expiresAt });
          socket.once('close', () => signedIn.delete(socket));
        }
        return true;
      },
      onSubscribe: (ctx, id, payload) => {
        const context = ctx.extra.context!;
        const active = (ctx.extra.activeOperations ??= new Set());
        const prepareOperation = () =>
          runWithLocale(context.locale, () => {
            if (active.size >= config.limits.wsMaxSubscriptionsPerSocket) {
              return [new AppError('LIMIT_EXCEEDED', { details: `> ${config.limits.wsMaxSubscriptionsPerSocket} subscriptions` })];
            }
            const refused = refuseHostileCharacters({ query: payload.query, variables: payload.variables, operationName: payload.operationName });
            if (refused) return [refused];
            const prepared = prepare(payload.query);
            if ('errors' in prepared) return prepared.errors;
            active.add(id);
            const args: ExecutionArgs = {
              schema,
              document: prepared.document,
              operationName: payload.operationName,
              variableValues: payload.variables,
              contextValue: context,
            };
            return args;
          });
        if (!context.credential) return prepareOperation();
        // A signed-in socket's credential must still hold: revoked (even if the news has not reached this process's
        // socket list yet, the cache was emptied), expired, or its socket already refused: the operation is refused.
        const socket = ctx.extra.socket;
        const entry = signedIn.get(socket);
        const refusedOperation = () => {
          refuseSocket(socket);
          return [runWithLocale(context.locale, () => new AppError('UNAUTHENTICATED'))];
        };
        if (!entry || entry.expiresAt <= Date.now()) return refusedOperation();
        const known = services.viewers.known(context.credential);
        if (known) return prepareOperation();
        if (known === null) return refusedOperation();
        return services.viewers.resolveWithExpiry(context.credential).then((resolved) => (resolved.viewer ? prepareOperation() : refusedOperation()));
      },
      execute: (args) => {
        const start = performance.now();
        const observe = (result: ExecutionResult) => {
          const operation = getOperationAST(args.document, args.operationName);
          metrics.operation(operation?.name?.value, operation?.operation ?? 'invalid', 'ws', start, !result.errors);
          return result;
        };
        const result = executeInLocale(args);
        return result instanceof Promise ? result.then(observe) : observe(result);
      },
      subscribe: async (args) => {
        const locale = (args.contextValue as Context).locale;
        const result = await runWithLocale(locale, () => subscribe(args));
        if (!(Symbol.asyncIterator in result)) return result;
        metrics.subscriptions.inc({ transport: 'ws' });
        return inLocale(locale, result, () => metrics.subscriptions.dec({ transport: 'ws' }));
      },
      // Formatted in the socket's locale (request errors such as a variable of the wrong type are built here).
      onNext: (ctx, _id, _payload, _args, result) =>
        result.errors
          ? runWithLocale(ctx.extra.context?.locale ?? 'fr', () => ({ ...result, errors: result.errors!.map((error) => formatError(error.toJSON(), error, config.production, logError)) }))
          : undefined,
      onError: (ctx, _id, _payload, errors) =>
        runWithLocale(ctx.extra.context?.locale ?? 'fr', () => errors.map((error) => formatError(error.toJSON(), error, config.production, logError))),
      onComplete: (ctx, id) => {
        ctx.extra.activeOperations?.delete(id);
      },
    },
    wss,
  );

  return {
    server,
    async close() {
      unlistenRevocations();
      clearInterval(expirySweep);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const client of wss.clients) client.close(1001, 'Server going away');
        server.closeIdleConnections();
      });
      await wsServer.dispose();
      await apollo.stop();
    },
  };
}

/**
 * The query string ('' when none) of a request target that is exactly /graphql, the way `new URL()` reads it;
 * null for any other target, including one a URL parse would normalise to /graphql (the caller parses those).
 */
export function graphqlSearchOf(target: string | undefined): string | null {
  if (target === undefined || !target.startsWith('/graphql')) return null;
  if (target.length === 8) return '';
  if (target.charCodeAt(8) !== 63 /* ? */ || target.includes('#')) return null;
  return target.length === 9 ? '' : target.slice(8);
}

/**
 * A NUL can reach the parsed body only as a raw NUL or a `\u0000` escape in its text, and a lone surrogate only as a
 * `\uD800`–`\uDFFF` escape (raw bytes that are no UTF-8 are decoded as U+FFFD): most bodies have none of them.
 */
const mayHoldHostileCharacters = (text: string) => text.includes('\u0000') || text.includes('\\u0000') || /\\u[dD][89a-fA-F]/.test(text);

/** The client's address: the socket's peer, or the first X-Forwarded-For hop when behind a trusted proxy. */
function clientIpOf(req: IncomingMessage, trustProxy: boolean): string | null {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustProxy && forwarded) return String(Array.isArray(forwarded) ? forwarded[0] : forwarded).split(',')[0].trim() || null;
  return req.socket.remoteAddress ?? null;
}
