// Serves the built Vue client (client/dist) with an SPA fallback to index.html.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../lib/errors.ts';
import { translate } from '../lib/messages.ts';
import { localeFromHeader, runWithLocale } from '../lib/request-context.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  // GraphiQL's Monaco editor (the partner's GraphQL explorer) ships its icons as a TrueType font.
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.map': 'application/json',
};

/** The decoded path, or null when its percent-encoding is malformed (`/%`, `/%E0%A4%A`) or it holds a NUL. */
function decodedPath(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  return decoded.includes('\u0000') ? null : decoded;
}

/** Whether `file` is `base` itself or lies inside it (`/srv/dist-other` is not inside `/srv/dist`). */
export const isInside = (base: string, file: string) => file === base || file.startsWith(base.endsWith(sep) ? base : base + sep);

/**
 * The handler answers GET and HEAD for files of `root` (and index.html for app routes) and returns true, or returns
 * false for the caller to answer 404. A malformed path is answered 400 here (it is the caller's mistake).
 */
export function createStaticHandler(root: string) {
  const base = resolve(root);
  const index = join(base, 'index.html');
  return (req: IncomingMessage, res: ServerResponse, pathname: string): boolean => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (!existsSync(index)) return false;
    const decoded = decodedPath(pathname);
    if (decoded === null) {
      const refused = runWithLocale(localeFromHeader(req.headers['accept-language']), () => new AppError('BAD_REQUEST', { details: translate('request.path') }));
      res.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ errors: [{ message: refused.message, extensions: refused.extensions }] }));
      return true;
    }
    let file = normalize(join(base, decoded));
    if (!isInside(base, file)) file = index; // no path traversal, not even into a sibling folder named like base
    if (!existsSync(file) || !statSync(file).isFile()) {
      if (extname(pathname)) return false; // a missing asset is a 404, not the app
      file = index;
    }
    const immutable = file.includes(`${join(base, 'assets')}`);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else {
      // A file removed between stat and read (a redeploy) must not become an unhandled 'error' event.
      const stream = createReadStream(file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    }
    return true;
  };
}
