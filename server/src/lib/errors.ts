// Typed application errors. Every error a client sees has a stable `extensions.code` and a message in the
// request's language; internal errors are logged and answered with a generic INTERNAL message.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { PothosValidationError } from '@pothos/core';
import { translate, type MessageKey } from './messages.ts';

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'VALIDATION_FAILED',
  'INVALID_CREDENTIALS',
  'CONFLICT',
  'ALREADY_EXISTS',
  'INVALID_STATE',
  'LIMIT_EXCEEDED',
  'SLOT_FULL',
  'ALREADY_BOOKED',
  'JUROR_INELIGIBLE',
  'CDC_NOTHING_TO_EXPORT',
  'RATE_LIMITED',
  'MAX_ATTEMPTS_REACHED',
  'RETAKE_UNAVAILABLE',
  'RETAKE_ALREADY_OPENED',
  // Appeals (issue 7)
  'TOKEN_EXPIRED',
  'TOKEN_USED',
  'APPEAL_WINDOW_CLOSED',
  'APPEAL_ALREADY_OPEN',
  // Assessed questionnaire (issue 8)
  'QUESTIONNAIRE_TIME_UP',
  'QUESTIONNAIRE_ALREADY_TAKEN',
  'QUESTIONNAIRE_MISSING',
  // CléA pathway (issue 13)
  'EVALUATOR_INELIGIBLE',
  'CLEA_WINDOW_EXPIRED',
  'COMMISSION_UNBALANCED',
  'CLEA_FILE_INCOMPLETE',
  // CQP block bridges and VAE (issue 13)
  'VAE_NOT_AVAILABLE',
  'VAE_NOT_ELIGIBLE',
  // Requests a client got wrong before any field ran (issue 20): the HTTP request itself (malformed JSON, method,
  // CSRF, persisted queries, operation not found), a document that does not parse, one that does not fit the schema.
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

export class AppError extends GraphQLError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, params: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
    super(translate(`error.${code}` as MessageKey, params), { extensions: { code, ...extra } });
    this.code = code;
  }
}

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = () => new AppError('FORBIDDEN');
export const unauthenticated = () => new AppError('UNAUTHENTICATED');

export function validationFailed(fields: FieldIssue[]): AppError {
  const details = fields.map((field) => `${field.path.join('.') || '—'} : ${field.message}`).join(' ; ');
  return new AppError('VALIDATION_FAILED', { details }, { fields });
}

/** Removes graphql-js's "Did you mean …?" suggestions, which spell out the schema to whoever probes it. */
export const withoutSuggestions = (message: string) => message.replace(/ ?Did you mean [^?]*\?$/, '');

export type ErrorLogger = (error: unknown) => void;

/**
 * The typed error for a request error that graphql-js or Apollo produced themselves (a code of theirs, or none):
 * every one a client can cause answers a code of `enum ErrorCode`, in the request's language. Null when it is not one.
 */
function clientErrorOf(formatted: GraphQLFormattedError, original: unknown, production: boolean): AppError | null {
  const frameworkCode = formatted.extensions?.code as string | undefined;
  const variable = /^Variable "\$([^"]+)"/.exec(formatted.message);
  // graphql-js's own request errors: no cause, or (variable coercion, on the WebSocket) the coercion error as cause,
  // before any field ran (no path).
  const plain = original instanceof GraphQLError && (!original.originalError || (variable !== null && !formatted.path && original.originalError instanceof GraphQLError));
  if (frameworkCode === undefined && !plain) return null;
  const message = production ? withoutSuggestions(formatted.message) : formatted.message;
  switch (frameworkCode ?? (variable ? 'BAD_USER_INPUT' : /^Syntax Error/.test(message) ? 'GRAPHQL_PARSE_FAILED' : /operation/i.test(message) && !formatted.locations ? 'OPERATION_RESOLUTION_FAILURE' : 'GRAPHQL_VALIDATION_FAILED')) {
    case 'BAD_USER_INPUT':
      if (variable) {
        return validationFailed([{ path: ['variables', variable[1]], message: `${translate('validation.variableType', { name: variable[1] })} (${message})` }]);
      }
      return validationFailed([{ path: (formatted.path ?? []) as (string | number)[], message }]);
    case 'GRAPHQL_PARSE_FAILED':
      return new AppError('GRAPHQL_PARSE_FAILED', { details: message });
    case 'GRAPHQL_VALIDATION_FAILED':
      return new AppError('GRAPHQL_VALIDATION_FAILED', { details: message });
    case 'PERSISTED_QUERY_NOT_FOUND':
    case 'PERSISTED_QUERY_NOT_SUPPORTED':
      return new AppError('BAD_REQUEST', { details: translate('request.persistedQuery') });
    case 'OPERATION_RESOLUTION_FAILURE':
      return new AppError('BAD_REQUEST', { details: translate('request.operation') });
    case 'BAD_REQUEST':
      return new AppError('BAD_REQUEST', { details: /csrf/i.test(message) ? translate('request.csrf') : translate('request.invalidBody') });
    default:
      return null;
  }
}

/**
 * One formatter for HTTP and WebSocket: keeps typed errors, maps framework errors to codes,
 * hides everything else behind INTERNAL (never a stack trace in production).
 */
export function formatError(formatted: GraphQLFormattedError, original: unknown, production: boolean, log: ErrorLogger) {
  const cause = original instanceof GraphQLError && original.originalError ? original.originalError : original;
  if (cause instanceof AppError) {
    return { message: cause.message, locations: formatted.locations, path: formatted.path, extensions: cause.extensions };
  }
  if (cause instanceof PothosValidationError) {
    // Pothos refuses malformed pagination arguments (an invalid cursor, first and last together…): the caller's mistake.
    const refused = validationFailed([{ path: (formatted.path ?? []) as (string | number)[], message: translate('validation.pagination') }]);
    return { message: refused.message, locations: formatted.locations, path: formatted.path, extensions: refused.extensions };
  }
  const code = formatted.extensions?.code as string | undefined;
  const clientError = clientErrorOf(formatted, original, production);
  if (clientError) return { message: clientError.message, locations: formatted.locations, path: formatted.path, extensions: clientError.extensions };
  if (code === 'PRISMA_NOT_FOUND') return { message: translate('error.NOT_FOUND'), locations: formatted.locations, path: formatted.path, extensions: { code: 'NOT_FOUND' } };
  log(cause);
  return {
    message: translate('error.INTERNAL'),
    locations: formatted.locations,
    path: formatted.path,
    extensions: production ? { code: 'INTERNAL' } : { code: 'INTERNAL', detail: String((cause as Error)?.message ?? cause) },
  };
}
