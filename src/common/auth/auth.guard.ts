import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, forbidden } from '../errors/domain-error';
import { AccessTokenService } from './access-token.service';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import type { PrincipalRole } from './principal';
import { PrincipalDirectory } from './principal-directory';

/**
 * Global guard: secure by default. An endpoint is reachable only if marked @Public() or if
 * the caller's role is listed in its @Roles(); an endpoint with neither is refused to all.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly directory: PrincipalDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest();
    const header: unknown = request.headers?.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    const principal = match ? await this.tokens.verify(match[1]) : undefined;
    // A well-signed token of an account deleted since counts as no token.
    if (!principal || !(await this.directory.exists(principal))) {
      throw new DomainError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'Sign in first: a valid bearer token is required');
    }
    request.principal = principal;

    const roles = this.reflector.getAllAndOverride<PrincipalRole[]>(ROLES_KEY, targets) ?? [];
    if (!roles.includes(principal.role)) throw forbidden();
    return true;
  }
}
