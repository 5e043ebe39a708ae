// The plain case of GraphQL over HTTP, answered without Apollo's request pipeline: a JSON POST of a document that
// the shared document cache (the one the WebSocket path uses) holds as valid, executed the way the WebSocket
// path executes (graphql-js `execute`), errors formatted by the same formatError after the enrichment Apollo applies.
// The caller runs it inside the request's locale. It stays synchronous when it can (an anonymous or cached viewer,
// resolvers that return plain values): each await is a turn of the microtask queue on every request.
// Everything else (GET, other content types or Accept headers, persisted queries, batches, extensions, documents
// that do not parse or validate, introspection when it is off, subscriptions, request errors such as a variable
// of the wrong type) goes to Apollo, which answers as it always did. Limits (depth, breadth, complexity) live in
// the schema, the body size and NUL refusal are checked before, and a JSON POST passes Apollo's CSRF prevention
// (application/json is not a "simple" content type), so every behaviour is kept.
import type { ServerResponse } from 'node:http';
import { execute, getOperationAST, GraphQLError, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Context } from '../graphql/context.ts';
import type { PreparedDocument } from '../graphql/document-cache.ts';
import { formatError, type ErrorLogger } from '../lib/errors.ts';
import { translate } from '../lib/messages.ts';

export interface FastPathOptions {
  schema: GraphQLSchema;
  prepare: (query: string) => PreparedDocument;
  introspection: boolean;
  production: boolean;
  logError: ErrorLogger;
  /** Told of each operation it answers: name, type, its start (performance.now()), whether it had no error (the metrics). */
  onOperation?: (name: string | undefined, type: string, startedAt: number, ok: boolean) => void;
}

interface Request {
  method: string | undefined;
  contentType: string | undefined;
  accept: string | undefined;
  search: string;
  body: unknown;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
const GRAPHQL_RESPONSE_HEADERS = { 'content-type': 'application/graphql-response+json; charset=utf-8', 'cache-control': 'no-store' };

/**
 * The headers Apollo answers a successful request with, for the Accept values whose choice is plain: none, the
 * wildcard or `application/json` (JSON), and a list without weights that starts with `application/graphql-response+json`
 * (what our client, urql, sends). Anything else (weights, other types first) is left to Apollo's negotiation: null.
 */
function responseHeadersFor(accept: string | undefined) {
  if (accept === undefined || accept === '' || accept === '*/*' || accept === 'application/json') return JSON_HEADERS;
  if (accept.startsWith('application/graphql-response+json') && !accept.includes(';')) {
    const first = accept.split(',', 1)[0].trim();
    if (first === 'application/graphql-response+json') return GRAPHQL_RESPONSE_HEADERS;
  }
  return null;
}
const isJsonContentType = (contentType: string | undefined) => contentType !== undefined && contentType.split(';')[0].trim().toLowerCase() === 'application/json';
/** Conservative: any mention sends the request to Apollo, which applies the introspection policy. */
const mentionsIntrospection = (query: string) => /__schema|__type\b/.test(query);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What Apollo does to an error before formatError (errorNormalize.ts): a code by default, no stack trace. */
function enriched(error: GraphQLError): GraphQLFormattedError {
  return { ...error.toJSON(), extensions: { ...error.extensions, code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR' } };
}

export function createGraphqlFastPath(options: FastPathOptions) {
  const { schema, prepare, introspection, production, logError, onOperation } = options;
  const format = (error: GraphQLError) => {
    try {
      return formatError(enriched(error), error, production, logError);
    } catch {
      return { message: translate('error.INTERNAL'), extensions: { code: 'INTERNAL' } };
    }
  };

  const answer = (result: ExecutionResult, res: ServerResponse, headers: typeof JSON_HEADERS): boolean => {
    // A request error (no data: e.g. a variable of the wrong type) comes before any resolver: Apollo answers it.
    if (!('data' in result)) return false;
    const payload = result.errors || result.extensions ? { errors: result.errors?.map(format), data: result.data, extensions: result.extensions } : { data: result.data };
    res.writeHead(200, headers);
    res.end(JSON.stringify(payload) + '\n');
    return true;
  };

  /**
   * Answers the request and returns true, or returns false (nothing written) for Apollo to answer it. `context` is
   * the request's context, or the promise of it when its viewer must first be read from the database.
   */
  return function tryFastPath(request: Request, res: ServerResponse, context: Context | Promise<Context>): boolean | Promise<boolean> {
    if (request.method !== 'POST' || request.search !== '' || !isJsonContentType(request.contentType)) return false;
    const headers = responseHeadersFor(request.accept);
    if (!headers) return false;
    const { body } = request;
    if (!isObject(body) || typeof body.query !== 'string' || body.extensions !== undefined) return false;
    const { query, variables, operationName } = body;
    if (variables !== undefined && variables !== null && !isObject(variables)) return false;
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return false;
    if (!introspection && mentionsIntrospection(query)) return false;
    const prepared = prepare(query);
    if ('errors' in prepared) return false;
    const operation = getOperationAST(prepared.document, operationName ?? undefined);
    if (!operation || operation.operation === 'subscription') return false;
    const run = (contextValue: Context) => {
      const start = onOperation ? performance.now() : 0;
      const answered = (settled: ExecutionResult) => {
        const done = answer(settled, res, headers);
        // Counted only when answered here (a request error goes on to Apollo, which counts it).
        if (done) onOperation?.(operation.name?.value ?? operationName ?? undefined, operation.operation, start, !settled.errors);
        return done;
      };
      const result = execute({ schema, document: prepared.document, operationName: operationName ?? undefined, variableValues: variables ?? undefined, contextValue });
      return result instanceof Promise ? result.then(answered) : answered(result);
    };
    return context instanceof Promise ? context.then(run) : run(context);
  };
}
