import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * API answers are JSON, never a document: no script, frame or resource of any kind, and no
 * page may frame them. A page (the sign-in page, later the web pages) sets its own policy on
 * its response; this one only fills the gap when a response has none.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Swagger UI: its own scripts and styles (plus inline styles and data: icons), nothing else. */
const DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

/**
 * helmet's headers (RFC 7034 X-Frame-Options DENY, nosniff, Referrer-Policy no-referrer,
 * cross-origin isolation headers), HSTS (RFC 6797) only when people reach us over https: over
 * plain http a browser ignores it, and a development setup must not pin https on localhost.
 * The CSP comes from `defaultHeaders`, so that a response can choose its own.
 */
export function securityHeaders(publicUrl: string): RequestHandler {
  const headers = recordedHeaders(
    helmet({
      contentSecurityPolicy: false,
      frameguard: { action: 'deny' },
      strictTransportSecurity: publicUrl.startsWith('https:') ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    }),
  );
  return (req, res, next) => {
    res.setHeaders(headers);
    next();
  };
}

/**
 * What helmet sets, asked once: with the CSP left to `defaultHeaders`, its headers are the same
 * on every response. One `setHeaders` instead of helmet's chain of eleven middlewares per request
 * (about 3 % of the API's CPU in a booking rush). helmet's only other act, removing
 * X-Powered-By, the app does itself (`app.disable('x-powered-by')`).
 */
function recordedHeaders(middleware: RequestHandler): Map<string, string> {
  const headers = new Map<string, string>();
  const recorder = { setHeader: (name: string, value: string) => headers.set(name, value), removeHeader: () => undefined };
  let done = false;
  middleware({} as Request, recorder as unknown as Response, () => (done = true));
  if (!done) throw new Error('helmet did not set its headers at once');
  return headers;
}

/**
 * Headers a handler may set for itself, added just before the head is written when it did not:
 * the CSP everywhere, and `Cache-Control: no-store` on API answers (they carry tokens and
 * people's records; a calendar feed that wants revalidation says so itself).
 */
export function defaultHeaders(req: Request, res: Response, next: NextFunction): void {
  const api = req.path === '/api' || req.path.startsWith('/api/');
  const docs = req.path === '/api/docs' || req.path.startsWith('/api/docs/');
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: unknown[]) {
    if (!res.hasHeader('Content-Security-Policy')) res.setHeader('Content-Security-Policy', docs ? DOCS_CSP : API_CSP);
    if (api && !res.hasHeader('Cache-Control')) res.setHeader('Cache-Control', 'no-store');
    return (writeHead as (...a: unknown[]) => Response).apply(this, args);
  } as Response['writeHead'];
  next();
}

/** The headers a browser front end on an allowed origin may send and read. */
export function corsOptions(origins: string[]): CorsOptions {
  return {
    origin: origins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'If-None-Match', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'ETag', 'Idempotent-Replayed'],
    // Bearer tokens, not cookies: a cross-origin caller never needs the browser's credentials.
    credentials: false,
    maxAge: 600,
  };
}
