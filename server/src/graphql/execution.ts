// Executing a prepared operation on the WebSocket path (graphql-ws `execute`) inside the operation's locale, so
// that error and validation messages are written in the caller's language. (The HTTP fast path,
// http/graphql-fast-path.ts, runs graphql-js `execute` directly: its whole request already runs in the locale.)
import { execute, type ExecutionArgs } from 'graphql';
import type { Context } from './context.ts';
import { runWithLocale } from '../lib/request-context.ts';

export function executeInLocale(args: ExecutionArgs) {
  return runWithLocale((args.contextValue as Context).locale, () => execute(args));
}
