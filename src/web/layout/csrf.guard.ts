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
    const given = (request.body as Record<string, unknown> | undefined)?._csrf ?? request.headers['x-csrf-token'];
    if (binding && this.sessions.csrfMatches(binding, given)) return true;
    throw new DomainError(HttpStatus.FORBIDDEN, 'CSRF_FAILED', 'This form has expired or did not come from this site');
  }
}
