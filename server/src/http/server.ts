// One node:http server on one port: Apollo Server (GraphQL over HTTP) and graphql-ws (WebSocket) on
// /graphql, /healthz and /readyz, and the built client. Limits hold on both transports: complexity, depth
// and breadth live in the schema (plugin-complexity); body size, socket payload, subscriptions per socket
// and the connection_init timeout are enforced here.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { subscribe, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { contextFor, type AppServices, type Context } from '../graphql/context.ts';
import { createDocumentCache } from '../graphql/document-cache.ts';
import { executeInLocale } from '../graphql/execution.ts';
import { createGraphqlFastPath } from './graphql-fast-path.ts';
import { refuseNulCharacters } from '../graphql/hostile-input.ts';
import { credentialFrom } from '../auth/viewer.ts';
import { AppError, formatError } from '../lib/errors.ts';
import { localeFromHeader, runWithLocale, type Locale } from '../lib/request-context.ts';
import { createStaticHandler } from './static-files.ts';
import type { Logger } from '../lib/logger.ts';
import { createProjectFileUploadHandler } from '../modules/project-file/upload.http.ts';
import { EVIDENCE_DOWNLOAD_PREFIX, EVIDENCE_UPLOAD_PATH, createEvidenceDownloadHandler, createEvidenceUploadHandler } from '../modules/vae/vae.http.ts';
import { APPEAL_DOWNLOAD_PREFIX, APPEAL_UPLOAD_PATH, createAppealAttachmentDownloadHandler, createAppealAttachmentUploadHandler } from '../modules/appeal/appeal.http.ts';
import { CDC_DOWNLOAD_PREFIX, CDC_REPORT_UPLOAD_PATH, createCdcDownloadHandler, createCdcReportUploadHandler } from '../modules/cdc/cdc.http.ts';
import { createCertificateHttpHandler, isCertificateHttpPath } from '../modules/certificate/certificate.http.ts';

export interface HttpApp {
  server: Server;
  /** Stops accepting, closes sockets (code 1001 so clients reconnect elsewhere), stops Apollo. */
  close(): Promise<void>;
}

class BodyTooLargeError extends Error {}

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
 * Runs every step of an async iterator inside the operation's locale (ALS does not follow for-await).
 * A plain delegating iterator, so that return() reaches the source at once.
 */
function inLocale<T>(locale: Locale, iterable: AsyncIterable<T>): AsyncIterableIterator<T> {
  const iterator = iterable[Symbol.asyncIterator]();
  return {
    next: () => runWithLocale(locale, () => iterator.next()),
    return: (value?: unknown) => iterator.return?.(value) ?? Promise.resolve({ done: true as const, value: value as T }),
    throw: (error?: unknown) => iterator.throw?.(error) ?? Promise.reject(error),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

export async function createHttpApp(services: AppServices, schema: GraphQLSchema, log: Logger): Promise<HttpApp> {
  const { config, prisma } = services;
  const logError = (error: unknown) => log.error({ err: error }, 'unexpected error in a GraphQL operation');

  const apollo = new ApolloServer<Context & BaseContext>({
    schema,
    introspection: config.introspection,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // No cache hints anywhere in the schema, so every answer was `no-store`; the plugin still wrapped every field
    // resolver of every request to collect hints. The header is set below instead.
    plugins: [ApolloServerPluginCacheControlDisabled()],
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
  // Public certificate documents: credentials, status, PDF, issuer profiles (see modules/certificate/certificate.http.ts).
  const handleCertificateDocument = createCertificateHttpHandler(services);

  // Parsed-and-validated documents by query text, shared by the WebSocket path and the HTTP fast path.
  const prepare = createDocumentCache(schema);
  const tryFastPath = createGraphqlFastPath({ schema, prepare, introspection: config.introspection, production: config.production, logError });

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
    if (search !== '' || mayHoldNul(text)) {
      const refused = refuseNulCharacters(body, search ? Object.fromEntries(new URLSearchParams(search)) : null);
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
          sendJson(res, 400, { errors: [{ message: 'Invalid JSON body', extensions: { code: 'BAD_REQUEST' } }] });
          return;
        }
      } else body = text;
    }
    return runWithLocale(locale, () => answerGraphql(req, res, search, locale, body, text));
  };

  const server = createServer((req, res) => {
    const done = (error?: unknown) => {
      if (!error) return;
      if (error instanceof BodyTooLargeError) {
        if (!res.headersSent) {
          const message = new AppError('LIMIT_EXCEEDED', { details: `body > ${config.limits.maxBodyBytes} bytes` });
          res.setHeader('connection', 'close');
          sendJson(res, 413, { errors: [{ message: message.message, extensions: message.extensions }] });
        }
        return;
      }
      logError(error);
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL' } }] });
      else res.end();
    };
    // The GraphQL endpoint is recognised without parsing a URL (the busiest route); other routes get one.
    const graphqlSearch = graphqlSearchOf(req.url);
    if (graphqlSearch !== null) {
      handleGraphqlHttp(req, res, graphqlSearch).then(() => done(), done);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
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
    } else if (url.pathname === CDC_REPORT_UPLOAD_PATH) {
      handleCdcReportUpload(req, res, url).then(() => done(), done);
    } else if (url.pathname.startsWith(CDC_DOWNLOAD_PREFIX) && req.method === 'GET') {
      handleCdcDownload(req, res, url).then(() => done(), done);
    } else if (isCertificateHttpPath(url.pathname) && req.method === 'GET') {
      handleCertificateDocument(req, res, url).then(() => done(), done);
    } else if (url.pathname === '/healthz') {
      sendJson(res, 200, { status: 'ok' });
    } else if (url.pathname === '/readyz') {
      prisma.$queryRaw`SELECT 1`.then(
        () => sendJson(res, 200, { status: 'ready', database: 'ok' }),
        () => sendJson(res, 503, { status: 'unavailable', database: 'unreachable' }),
      );
    } else if (!serveStatic(req, res, url.pathname)) {
      sendJson(res, 404, { error: 'not found' });
    }
  });

  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: config.limits.wsMaxPayloadBytes });
  type SocketExtra = { context?: Context; activeOperations?: Set<string> };

  const wsServer = useServer<Record<string, unknown> | undefined, SocketExtra>(
    {
      schema,
      connectionInitWaitTimeout: config.limits.wsConnectionInitTimeoutMs,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const credential = credentialFrom(params.authorization ?? params.Authorization);
        const viewer = await services.viewers.resolve(credential);
        if (credential && !viewer) return false; // a wrong credential is refused (4403), never downgraded
        const requested = typeof params.locale === 'string' ? params.locale : ctx.extra.request.headers['accept-language'];
        ctx.extra.context = contextFor(services, { viewer, credential, locale: localeFromHeader(requested), clientIp: clientIpOf(ctx.extra.request, config.trustProxy) });
        ctx.extra.activeOperations = new Set();
        return true;
      },
      onSubscribe: (ctx, id, payload) => {
        const context = ctx.extra.context!;
        const active = (ctx.extra.activeOperations ??= new Set());
        return runWithLocale(context.locale, () => {
          if (active.size >= config.limits.wsMaxSubscriptionsPerSocket) {
            return [new AppError('LIMIT_EXCEEDED', { details: `> ${config.limits.wsMaxSubscriptionsPerSocket} subscriptions` })];
          }
          const refused = refuseNulCharacters(payload.query, payload.variables, payload.operationName);
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
      },
      execute: executeInLocale,
      subscribe: async (args) => {
        const locale = (args.contextValue as Context).locale;
        const result = await runWithLocale(locale, () => subscribe(args));
        return Symbol.asyncIterator in result ? inLocale(locale, result) : result;
      },
      onNext: (ctx, _id, _payload, _args, result) =>
        result.errors
          ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error, config.production, logError)) }
          : undefined,
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((error) => formatError(error.toJSON(), error, config.production, logError)),
      onComplete: (ctx, id) => {
        ctx.extra.activeOperations?.delete(id);
      },
    },
    wss,
  );

  return {
    server,
    async close() {
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

/** A NUL can reach the parsed body only as a raw NUL or a `\u0000` escape in its text: most bodies have neither. */
const mayHoldNul = (text: string) => text.includes('\u0000') || text.includes('\\u0000');

/** The client's address: the socket's peer, or the first X-Forwarded-For hop when behind a trusted proxy. */
function clientIpOf(req: IncomingMessage, trustProxy: boolean): string | null {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustProxy && forwarded) return String(Array.isArray(forwarded) ? forwarded[0] : forwarded).split(',')[0].trim() || null;
  return req.socket.remoteAddress ?? null;
}
