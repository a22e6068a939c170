import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, Observable } from 'rxjs';
import { renderDocument } from './document';
import { PageContextFactory, PageRequest } from './page-context.factory';
import type { PageResult } from './page-result';

/** The template name every page handler renders (see PageGet); the view only hands back our HTML. */
export const PAGE_VIEW = 'fairgrid-page';

/** Pages larger than this are compressed (small ones cost more to compress than to send). */
const COMPRESS_FROM_BYTES = 1024;

/**
 * Before the handler: builds the page context (locale, messages, CSRF token). After: turns its
 * PageResult into the response, with the security headers every page carries.
 */
@Injectable()
export class PageInterceptor implements NestInterceptor {
  constructor(private readonly contexts: PageContextFactory) {}

  intercept(context: ExecutionContext, next: CallHandler<PageResult>): Observable<{ body: Buffer | string }> {
    const req = context.switchToHttp().getRequest<PageRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const ctx = this.contexts.create(req, res);
    req.pageContext = ctx;
    return next.handle().pipe(
      map((result) => {
        setPageHeaders(res, result.kind === 'page' && result.noReferrer);
        if (result.kind === 'redirect') {
          res.status(303).setHeader('Location', result.to);
          return { body: '' };
        }
        if (result.kind === 'file') {
          res.setHeader('Content-Type', result.contentType);
          res.setHeader('Content-Disposition', `attachment; filename="${result.filename}"`);
          return { body: result.body };
        }
        res.status(result.status ?? 200);
        return { body: compress(req, res, renderDocument(ctx, result)) };
      }),
    );
  }
}

/**
 * A strict Content-Security-Policy: scripts and styles only from our own origin (no inline
 * script, no eval), forms post only to us, no framing. Personal pages are never cached.
 */
export function setPageHeaders(res: Response, noReferrer = false): void {
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', noReferrer ? 'no-referrer' : 'same-origin');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Vary', 'Accept-Language, Accept-Encoding, Cookie');
}

/** Brotli when the browser takes it (quality 4: fast, and most of the gain), else gzip. */
export function compress(req: PageRequest, res: Response, html: string): Buffer | string {
  if (Buffer.byteLength(html) < COMPRESS_FROM_BYTES) return html;
  const accepted = String(req.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepted)) {
    res.setHeader('Content-Encoding', 'br');
    return brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
  }
  if (/\bgzip\b/.test(accepted)) {
    res.setHeader('Content-Encoding', 'gzip');
    return gzipSync(html, { level: 6 });
  }
  return html;
}
