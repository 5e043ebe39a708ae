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

/** Codes that graphql-js or Apollo produce themselves and that we pass through unchanged. */
const PASSTHROUGH_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export type ErrorLogger = (error: unknown) => void;

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
  if (code && PASSTHROUGH_CODES.has(code)) return withoutStack(formatted);
  if (!code && original instanceof GraphQLError && !original.originalError) {
    // graphql-js validation/coercion errors (e.g. a wrong variable type): the caller's mistake.
    return { ...withoutStack(formatted), extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (code === 'PRISMA_NOT_FOUND') return { ...withoutStack(formatted), message: translate('error.NOT_FOUND'), extensions: { code: 'NOT_FOUND' } };
  log(cause);
  return {
    message: translate('error.INTERNAL'),
    locations: formatted.locations,
    path: formatted.path,
    extensions: production ? { code: 'INTERNAL' } : { code: 'INTERNAL', detail: String((cause as Error)?.message ?? cause) },
  };
}

function withoutStack(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions) return formatted;
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions as Record<string, unknown>;
  return { ...formatted, extensions };
}
