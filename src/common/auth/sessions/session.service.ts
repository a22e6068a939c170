import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { durationMs, Environment } from '../../../config/environment';
import type { Principal } from '../principal';
import { SessionsRepository } from './sessions.repository';

export interface SignedInSession {
  id: string;
  principal: Principal;
}

export interface NewSession {
  /** The cookie's value: 256 random bits, never stored. */
  token: string;
  maxAgeSeconds: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * Browser sessions for the pages. The API keeps its bearer tokens; pages use an HttpOnly
 * cookie instead, so no script (ours or an injected one) can read a credential, and a
 * session can be ended on the server (sign-out deletes it), which a JWT cannot.
 */
@Injectable()
export class SessionService {
  private readonly ttlMs: number;
  private readonly csrfKey: Buffer;

  constructor(
    private readonly sessions: SessionsRepository,
    env: Environment,
  ) {
    this.ttlMs = durationMs(env.SESSION_TTL);
    // A key of its own, derived from the secret every process shares, so any process can check a token.
    this.csrfKey = createHmac('sha256', env.JWT_SECRET).update('fairgrid csrf v1').digest();
  }

  async start(principal: Principal): Promise<NewSession> {
    const token = randomBytes(32).toString('base64url');
    await this.sessions.create(sha256(token), principal, new Date(Date.now() + this.ttlMs));
    // Sign-in is rare next to page views: a good moment to sweep the table.
    await this.sessions.deleteExpired();
    return { token, maxAgeSeconds: this.ttlMs / 1000 };
  }

  async resolve(token: string): Promise<SignedInSession | undefined> {
    return this.sessions.findLive(sha256(token));
  }

  async end(session: SignedInSession, everywhere: boolean): Promise<void> {
    if (everywhere) await this.sessions.deleteAllOf(session.principal);
    else await this.sessions.delete(session.id);
  }

  /**
   * The CSRF token of a session, or of an anonymous visitor's nonce cookie (sign-in forms):
   * an HMAC of it, so nothing is stored and another site, which cannot read our cookies,
   * cannot compute it (OWASP's signed double-submit pattern).
   */
  csrfToken(binding: string): string {
    return createHmac('sha256', this.csrfKey).update(binding).digest('base64url');
  }

  csrfMatches(binding: string, given: unknown): boolean {
    if (typeof given !== 'string') return false;
    const expected = Buffer.from(this.csrfToken(binding));
    const actual = Buffer.from(given);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}
