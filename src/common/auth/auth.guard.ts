import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError, forbidden } from '../errors/domain-error';
import { readCookie } from '../http/cookies';
import { AccessTokenService } from './access-token.service';
import { DEFAULT_STAFF_ROLES, PAGE_KEY, PUBLIC_KEY, ROLES_KEY, STAFF_ROLES_KEY } from './auth.decorators';
import type { Principal, PrincipalRole, StaffRole } from './principal';
import { PrincipalDirectory } from './principal-directory';
import { SESSION_COOKIE } from './sessions/session-cookie';
import { SessionService, SignedInSession } from './sessions/session.service';

/** What the guard leaves on the request for handlers (CurrentPrincipal) and pages. */
export interface AuthenticatedRequest extends Request {
  principal?: Principal;
  /** Pages only: the browser session, when signed in. */
  session?: SignedInSession;
}

/**
 * Global guard: secure by default. An endpoint is reachable only if marked @Public() or if
 * the caller's role is listed in its @Roles(); an endpoint with neither is refused to all.
 * API endpoints know the caller by a bearer token, pages by their session cookie; either way
 * the account must still exist (a deleted account's token or session counts as none). A staff
 * account must also have one of the endpoint's staff roles (@StaffRoles; `admin` and `staff`
 * when unstated), read from the account on each request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly directory: PrincipalDirectory,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false;
    const isPage = this.reflector.getAllAndOverride<boolean>(PAGE_KEY, targets) ?? false;

    // A public page still wants to know who is there (the home page sends the signed-in on).
    if (isPage) await this.readSession(request);
    if (isPublic) return true;
    if (!isPage) request.principal = await this.readBearer(request);
    if (!request.principal) {
      throw new DomainError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'Sign in first: a valid bearer token is required');
    }
    const roles = this.reflector.getAllAndOverride<PrincipalRole[]>(ROLES_KEY, targets) ?? [];
    if (!roles.includes(request.principal.role)) throw forbidden();
    if (request.principal.role === 'staff') {
      const staffRoles = this.reflector.getAllAndOverride<StaffRole[]>(STAFF_ROLES_KEY, targets) ?? DEFAULT_STAFF_ROLES;
      if (!request.principal.staffRole || !staffRoles.includes(request.principal.staffRole)) throw forbidden('Your staff role does not allow this');
    }
    return true;
  }

  private async readBearer(request: AuthenticatedRequest): Promise<Principal | undefined> {
    const header: unknown = request.headers?.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    const principal = match ? await this.tokens.verify(match[1]) : undefined;
    return principal ? this.directory.resolve(principal) : undefined;
  }

  private async readSession(request: AuthenticatedRequest): Promise<void> {
    const token = readCookie(request, SESSION_COOKIE);
    const found = token ? await this.sessions.resolve(token) : undefined;
    const principal = found ? await this.directory.resolve(found.principal) : undefined;
    request.session = principal && found ? { ...found, principal } : undefined;
    request.principal = principal;
  }
}
