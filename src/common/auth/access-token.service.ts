import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { PRINCIPAL_ROLES, Principal, PrincipalRole } from './principal';

interface AccessTokenClaims {
  sub: string;
  role: PrincipalRole;
  exp?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Issues and verifies the bearer JWTs every role uses. */
@Injectable()
export class AccessTokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(principal: Principal): Promise<string> {
    const claims: AccessTokenClaims = { sub: principal.id, role: principal.role };
    return this.jwt.signAsync(claims);
  }

  /**
   * Returns the principal, or undefined for any bad, expired or foreign token, and for one
   * without `exp`: we never issue those, and one would never expire (RFC 7519 §4.1.4).
   */
  async verify(token: string): Promise<Principal | undefined> {
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
      if (typeof claims.sub !== 'string' || !UUID.test(claims.sub) || !PRINCIPAL_ROLES.includes(claims.role)) return undefined;
      if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) return undefined;
      return { id: claims.sub, role: claims.role };
    } catch {
      return undefined;
    }
  }
}
