import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import type { AuthenticatedRequest } from '../../common/auth/auth.guard';
import { SessionService } from '../../common/auth/sessions/session.service';
import { DomainError } from '../../common/errors/domain-error';
import { csrfBinding } from './page-context.factory';

/**
 * Every state-changing page request carries the form's `_csrf` token, an HMAC of the session
 * (or, before sign-in, of the visitor's nonce cookie): another site can make a browser post
 * to us, but it cannot read our cookie to compute the token. SameSite=Lax is the second lock.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly sessions: SessionService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.method === 'GET' || request.method === 'HEAD') return true;
    const binding = csrfBinding(request);
    // A file upload's body (multipart) is read after the guards, so its form carries the token in
    // its address instead; only such a request may (issue 13's CSV import).
    const multipart = String(request.headers['content-type'] ?? '').startsWith('multipart/form-data');
    const given = (request.body as Record<string, unknown> | undefined)?._csrf ?? request.headers['x-csrf-token'] ?? (multipart ? request.query?._csrf : undefined);
    if (binding && this.sessions.csrfMatches(binding, given)) return true;
    throw new DomainError(HttpStatus.FORBIDDEN, 'CSRF_FAILED', 'This form has expired or did not come from this site');
  }
}
