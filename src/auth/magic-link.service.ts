import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AccessTokenService } from '../common/auth/access-token.service';
import type { Principal } from '../common/auth/principal';
import { pageLinks } from '../common/http/page-links';
import { Catalogues, DEFAULT_LOCALE, translator } from '../common/i18n/catalogue';
import { Environment } from '../config/environment';
import { MailService } from '../mail/mail.service';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName } from '../queue/jobs';
import { StudentsService } from '../students/students.service';
import { VolunteersService } from '../volunteers/volunteers.service';
import { AuthRepository } from './auth.repository';
import { AuthErrors } from './auth.errors';
import { AccessTokenResponse } from './dto/auth.dto';
import { formatSignInCode, newSignInCode, normalizeSignInCode, signInCodeHash } from './sign-in-code';
import { signInMail, SignInLink } from './sign-in-mail';

const TOKEN_TTL_MINUTES = 15;
/** Wrong tries a code survives, and wrong tries an address gets per hour across its codes. */
const CODE_LIMITS = { perCode: 5, perAddress: 10, windowMinutes: 60 };

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * Passwordless sign-in for students and volunteers. The API only enqueues the address; the
 * worker decides whether it belongs to anyone, so the API's answer and timing reveal nothing.
 */
@Injectable()
export class MagicLinkService {
  private readonly logger = new Logger(MagicLinkService.name);

  constructor(
    private readonly repository: AuthRepository,
    private readonly queue: JobQueueService,
    private readonly tokens: AccessTokenService,
    private readonly students: StudentsService,
    private readonly volunteers: VolunteersService,
    private readonly mail: MailService,
    private readonly env: Environment,
    private readonly catalogues: Catalogues,
  ) {}

  /**
   * Only records the request in PostgreSQL (the worker's relay queues it), so the answer never
   * waits on Redis: while Redis is away the mail leaves when it is back.
   */
  async request(email: string, requestId?: string): Promise<void> {
    // One message per address per minute, whatever the number of clicks or API processes.
    const minute = Math.floor(Date.now() / 60_000);
    const jobId = `magic-link-${sha256(email).toString('hex').slice(0, 32)}-${minute}`;
    await this.queue.enqueueDurably(JobName.SendMagicLink, { email, requestId }, jobId);
  }

  /** Worker side: mints a token and a code per account with this address and mails them. */
  async send(email: string): Promise<void> {
    const [student, volunteer] = await Promise.all([this.students.findByEmail(email), this.volunteers.findByEmail(email)]);
    const accounts = [
      ...(student ? [{ role: 'student' as const, id: student.id, name: student.name }] : []),
      ...(volunteer ? [{ role: 'volunteer' as const, id: volunteer.id, name: volunteer.name }] : []),
    ];
    if (!accounts.length) {
      this.logger.log('Sign-in requested for an unknown address; nothing sent');
      return;
    }
    const expiresAt = new Date(Date.now() + TOKEN_TTL_MINUTES * 60_000);
    const links: SignInLink[] = [];
    for (const account of accounts) {
      const token = randomBytes(32).toString('base64url');
      const code = newSignInCode();
      await this.repository.saveToken({
        tokenHash: sha256(token),
        principalRole: account.role,
        principalId: account.id,
        expiresAt,
        email,
        codeHash: signInCodeHash(this.env.JWT_SECRET, email, code),
      });
      // The page that link opens signs nobody in by itself (src/web/sign-in): mail scanners open links.
      links.push({ role: account.role, url: pageLinks.signInLink(this.env.PUBLIC_URL, token), code: formatSignInCode(code) });
    }
    const t = translator(DEFAULT_LOCALE, this.catalogues.messages(DEFAULT_LOCALE));
    const message = signInMail(t, this.env.BRAND_NAME, accounts[0].name, links, TOKEN_TTL_MINUTES);
    await this.mail.send({ to: { name: accounts[0].name, address: email }, ...message });
    await this.repository.deleteExpiredTokens();
  }

  /** The person a mailed link's token belongs to; it works once. */
  async consumeLink(token: string): Promise<Principal> {
    const owner = await this.repository.consumeToken(sha256(token));
    if (!owner) throw AuthErrors.badMagicLink();
    return { id: owner.principalId, role: owner.principalRole };
  }

  /** The person a typed code belongs to, for the address it was sent to; it works once. */
  async consumeCode(email: string, typed: string): Promise<Principal> {
    const code = normalizeSignInCode(typed);
    // A malformed code is a wrong try as well: it must not be a free probe of the lock.
    const hash = signInCodeHash(this.env.JWT_SECRET, email, code ?? '-');
    const result = await this.repository.consumeCode(email, hash, CODE_LIMITS);
    if (result.outcome === 'locked') throw AuthErrors.codeLocked();
    if (result.outcome === 'wrong') throw AuthErrors.badCode();
    return { id: result.principal.principalId, role: result.principal.principalRole };
  }

  /** API sign-in with the mailed token, or with the address and the typed code. */
  async verify(proof: { token: string } | { email: string; code: string }): Promise<AccessTokenResponse> {
    const principal = 'token' in proof ? await this.consumeLink(proof.token) : await this.consumeCode(proof.email, proof.code);
    return { accessToken: await this.tokens.issue(principal), role: principal.role };
  }
}
