import { CombinedError } from '@urql/core';

/** Error codes the server puts in `extensions.code`. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'VALIDATION_FAILED'
  | 'INVALID_CREDENTIALS'
  | 'CONFLICT'
  | (string & {});

export interface FieldError {
  path: string[];
  message: string;
}

/** What the UI can show for an error: server messages (already translated) or a network failure. */
export interface DescribedError {
  kind: 'graphql' | 'network' | 'unknown';
  messages: string[];
  codes: ErrorCode[];
}

export function errorCodes(error: CombinedError | null | undefined): ErrorCode[] {
  if (!error) return [];
  return error.graphQLErrors
    .map((e) => e.extensions?.code)
    .filter((code): code is string => typeof code === 'string');
}

export function hasErrorCode(error: CombinedError | null | undefined, code: ErrorCode): boolean {
  return errorCodes(error).includes(code);
}

export function describeError(error: unknown): DescribedError {
  if (error instanceof CombinedError) {
    if (error.graphQLErrors.length > 0) {
      const messages = [...new Set(error.graphQLErrors.map((e) => e.message).filter(Boolean))];
      return { kind: 'graphql', messages, codes: errorCodes(error) };
    }
    return { kind: 'network', messages: [], codes: [] };
  }
  if (typeof error === 'string' && error) return { kind: 'graphql', messages: [error], codes: [] };
  return { kind: 'unknown', messages: [], codes: [] };
}

/** `extensions.fields` of a VALIDATION_FAILED error, keyed by dotted path (e.g. "email"). */
export function fieldErrors(error: CombinedError | null | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  if (!error) return result;
  for (const gqlError of error.graphQLErrors) {
    if (gqlError.extensions?.code !== 'VALIDATION_FAILED') continue;
    const fields = gqlError.extensions.fields;
    if (!Array.isArray(fields)) continue;
    for (const field of fields as unknown[]) {
      if (!field || typeof field !== 'object') continue;
      const { path, message } = field as Partial<FieldError>;
      if (!Array.isArray(path) || typeof message !== 'string') continue;
      result[path.join('.')] ??= message;
      // Also reachable by the last segment, whether the server reports ["email"] or ["input", "email"].
      const last = path[path.length - 1];
      if (typeof last === 'string') result[last] ??= message;
    }
  }
  return result;
}
