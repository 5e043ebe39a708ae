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

/** One entry of `extensions.ineligible` on a JUROR_INELIGIBLE error. */
export interface IneligibleEntry {
  code: string;
  jurorId: string | null;
  candidateId: string | null;
  message: string;
}

/** `extensions.ineligible` of JUROR_INELIGIBLE errors (messages already translated by the server). */
export function ineligibleEntries(error: CombinedError | null | undefined): IneligibleEntry[] {
  if (!error) return [];
  const result: IneligibleEntry[] = [];
  for (const gqlError of error.graphQLErrors) {
    if (gqlError.extensions?.code !== 'JUROR_INELIGIBLE') continue;
    const entries = gqlError.extensions.ineligible;
    if (!Array.isArray(entries)) continue;
    for (const entry of entries as unknown[]) {
      if (!entry || typeof entry !== 'object') continue;
      const { code, jurorId, candidateId, message } = entry as Partial<IneligibleEntry>;
      if (typeof message !== 'string') continue;
      result.push({ code: String(code ?? ''), jurorId: jurorId ?? null, candidateId: candidateId ?? null, message });
    }
  }
  return result;
}

/**
 * Every message worth showing for a refusal: the errors' own messages, then the details of
 * JUROR_INELIGIBLE (`extensions.ineligible`) and VALIDATION_FAILED (`extensions.fields`), deduplicated.
 */
export function detailedMessages(error: unknown): string[] {
  const described = describeError(error);
  const messages = [...described.messages];
  if (error instanceof CombinedError) {
    for (const entry of ineligibleEntries(error)) messages.push(entry.message);
    for (const gqlError of error.graphQLErrors) {
      if (gqlError.extensions?.code !== 'VALIDATION_FAILED' || !Array.isArray(gqlError.extensions.fields)) continue;
      for (const field of gqlError.extensions.fields as unknown[]) {
        const message = (field as Partial<FieldError> | null)?.message;
        if (typeof message === 'string') messages.push(message);
      }
    }
  }
  return [...new Set(messages)];
}
