// The browser-side protections of every answer, set in one place with helmet: a Content-Security-Policy that the
// built client and the bundled GraphiQL explorer (Monaco, its same-origin workers) pass without a violation, no
// framing (frame-ancestors 'none' and X-Frame-Options: DENY), no Referer (appeal links carry a token in their path),
// nosniff, and the cross-origin isolation headers. HSTS only in production (served over HTTPS behind PUBLIC_URL).
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  // Monaco (GraphiQL) and Vue transitions write <style> elements and style attributes at run time.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  // GraphQL over HTTP and graphql-ws on the same origin ('self' covers ws: and wss: of the same host).
  connectSrc: ["'self'"],
  // Monaco's editor, JSON and GraphQL workers are same-origin files; some builds start them from blob: URLs.
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
} as const;

export function createSecurityHeaders(production: boolean): (req: IncomingMessage, res: ServerResponse) => void {
  const middleware = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY as unknown as Record<string, string[]> },
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  return (req, res) => middleware(req as never, res as never, () => undefined);
}
