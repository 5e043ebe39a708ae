// Input no field ever accepts, refused before parsing or execution on HTTP and WebSocket alike: the NUL character
// (U+0000). PostgreSQL text cannot hold it, so letting it through would turn a caller's mistake into a database
// error (an INTERNAL answer) instead of a clear refusal.
import { AppError } from '../lib/errors.ts';
import { translate } from '../lib/messages.ts';

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => containsNul(item, depth + 1));
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || containsNul(item, depth + 1));
}

/** The refusal for an operation (query text, variables, …) carrying a NUL character; null when it is clean. */
export function refuseNulCharacters(...parts: unknown[]): AppError | null {
  if (!parts.some((part) => containsNul(part))) return null;
  return new AppError('VALIDATION_FAILED', { details: translate('validation.nulCharacter') }, { fields: [] });
}
