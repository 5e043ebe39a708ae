// Executing a prepared operation, one way for both transports: the WebSocket path (graphql-ws `execute`) and the
// HTTP fast path (http/graphql-fast-path.ts) run it inside the operation's locale, so that error and validation
// messages are written in the caller's language.
import { execute, type ExecutionArgs } from 'graphql';
import type { Context } from './context.ts';
import { runWithLocale } from '../lib/request-context.ts';

export function executeInLocale(args: ExecutionArgs) {
  return runWithLocale((args.contextValue as Context).locale, () => execute(args));
}
