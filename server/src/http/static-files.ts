// Serves the built Vue client (client/dist) with an SPA fallback to index.html.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

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

export function createStaticHandler(root: string) {
  const base = resolve(root);
  const index = join(base, 'index.html');
  return (req: IncomingMessage, res: ServerResponse, pathname: string): boolean => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (!existsSync(index)) return false;
    let file = normalize(join(base, decodeURIComponent(pathname)));
    if (!file.startsWith(base)) file = index; // no path traversal
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
    else createReadStream(file).pipe(res);
    return true;
  };
}
