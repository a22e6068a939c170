import { applyDecorators, CanActivate, ExecutionContext, HttpStatus, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiConsumes } from '@nestjs/swagger';
import type { Request } from 'express';
import { DomainError } from '../errors/domain-error';

const CONSUMES_KEY = 'fairgrid:consumes';
const JSON_TYPES = ['application/json', 'application/*+json'];

/** The body types an endpoint reads instead of JSON; documented and enforced from this one list. */
export const Consumes = (...types: string[]) =>
  applyDecorators(SetMetadata(CONSUMES_KEY, types), ApiConsumes(...types));

/**
 * API endpoints read JSON, except those that declare other types with `@Consumes` (the CSV
 * imports). A body of another type (a
 * form, text/plain) used to be read as "no body" and a write could succeed as a no-op: it is
 * 415 instead (RFC 9110 §15.5.16). Requests without a body pass whatever their Content-Type.
 * Only under /api: pages outside it take form posts.
 */
@Injectable()
export class MediaTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (!req.path.startsWith('/api/') || !hasBody(req)) return true;
    const declared = this.reflector.getAllAndOverride<string[] | undefined>(CONSUMES_KEY, [context.getHandler(), context.getClass()]);
    const accepted = declared?.length ? declared : JSON_TYPES;
    if (req.is(accepted)) return true;
    throw new DomainError(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'UNSUPPORTED_MEDIA_TYPE',
      `Send the body as ${accepted.includes('application/json') ? 'application/json' : accepted.join(' or ')}`,
    );
  }
}

/** A body is announced by Transfer-Encoding or a non-zero Content-Length (RFC 9112 §6.3). */
function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length'] ?? 0);
  return !Number.isFinite(length) || length > 0;
}
