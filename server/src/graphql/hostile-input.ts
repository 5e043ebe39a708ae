// Input no field ever accepts, refused before parsing or execution on HTTP and WebSocket alike, as VALIDATION_FAILED
// naming where it was found (`variables.<name>…`, `query`, `operationName`):
// - the NUL character (U+0000): PostgreSQL text cannot hold it;
// - a lone UTF-16 surrogate (`"\ud800"` is valid JSON, but no character): PostgreSQL refuses it too, and it
//   cannot be written as UTF-8.
// Letting either through would turn a caller's mistake into a database error (an INTERNAL answer) instead of a clear
// refusal. Every string input of the schema arrives through the query text or the variables, so both are walked.
import { validationFailed, type AppError } from '../lib/errors.ts';
import { translate } from '../lib/messages.ts';

type Problem = 'nul' | 'surrogate';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemOf(text: string): Problem | null {
  if (text.includes('\u0000')) return 'nul';
  return LONE_SURROGATE.test(text) ? 'surrogate' : null;
}

/** The path of the first string (or key) holding a problem, with the problem; null when all is clean. */
function findProblem(value: unknown, path: (string | number)[], depth = 0): { path: (string | number)[]; problem: Problem } | null {
  if (typeof value === 'string') {
    const problem = problemOf(value);
    return problem ? { path, problem } : null;
  }
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findProblem(value[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const keyProblem = problemOf(key);
    if (keyProblem) return { path, problem: keyProblem };
    const found = findProblem(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * The refusal for an operation carrying a NUL character or a lone surrogate; null when it is clean. `parts` are named
 * (`{ query, variables, operationName }`, or a whole HTTP body/query string under `''`).
 */
export function refuseHostileCharacters(parts: Record<string, unknown>): AppError | null {
  for (const [name, part] of Object.entries(parts)) {
    const found = findProblem(part, name ? [name] : []);
    if (found) {
      return validationFailed([{ path: found.path, message: translate(found.problem === 'nul' ? 'validation.nulCharacter' : 'validation.loneSurrogate') }]);
    }
  }
  return null;
}
