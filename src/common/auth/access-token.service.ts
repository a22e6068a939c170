import { createHmac, createSecretKey, KeyObject, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Environment } from '../../config/environment';
import { PRINCIPAL_ROLES, Principal, PrincipalRole } from './principal';

interface AccessTokenClaims {
  sub: string;
  role: PrincipalRole;
  exp?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Issues and verifies the bearer JWTs every role uses (HS256, RFC 7519).
 *
 * Verifying is on every request's path, so it is done here with node:crypto and a key object
 * made once: jsonwebtoken first tries to parse the secret as a PEM public key on every verify
 * and only then falls back to HMAC, a few percent of the API's CPU during a booking rush.
 */
@Injectable()
export class AccessTokenService {
  private readonly key: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    env: Environment,
  ) {
    this.key = createSecretKey(Buffer.from(env.JWT_SECRET, 'utf8'));
  }

  issue(principal: Principal): Promise<string> {
    const claims: AccessTokenClaims = { sub: principal.id, role: principal.role };
    return this.jwt.signAsync(claims);
  }

  /**
   * Returns the principal, or undefined for any bad, expired or foreign token, and for one
   * without `exp`: we never issue those, and one would never expire (RFC 7519 §4.1.4).
   */
  async verify(token: string): Promise<Principal | undefined> {
    const claims = this.verifiedClaims(token);
    if (!claims || typeof claims.sub !== 'string' || !UUID.test(claims.sub) || !PRINCIPAL_ROLES.includes(claims.role as PrincipalRole)) return undefined;
    return { id: claims.sub, role: claims.role as PrincipalRole };
  }

  private verifiedClaims(token: string): Record<string, unknown> | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [header, payload, signature] = parts;
    // Compared as the encoded text, so only the one canonical spelling of the signature passes.
    const expected = Buffer.from(createHmac('sha256', this.key).update(`${header}.${payload}`).digest('base64url'));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const head = decodeJson(header);
    // Only HS256 is ever issued; RFC 8725 §3.1: never let the token pick its algorithm.
    if (head?.alg !== 'HS256') return undefined;
    const claims = decodeJson(payload);
    const now = Math.floor(Date.now() / 1000);
    // Tokens are always issued with an expiry (JWT_TTL); one without is not ours.
    if (!claims || typeof claims.exp !== 'number' || now >= claims.exp) return undefined;
    if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > now)) return undefined;
    return claims;
  }
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
