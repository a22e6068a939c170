import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AccessTokenService } from '../common/auth/access-token.service';
import { Environment } from '../config/environment';
import { MailService } from '../mail/mail.service';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName } from '../queue/jobs';
import { StudentsService } from '../students/students.service';
import { VolunteersService } from '../volunteers/volunteers.service';
import { AuthRepository } from './auth.repository';
import { AuthErrors } from './auth.errors';
import { AccessTokenResponse } from './dto/auth.dto';
import { signInMail, SignInLink } from './sign-in-mail';

const TOKEN_TTL_MINUTES = 15;

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

  /** Worker side: mints a token per account with this address and mails the links. */
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
      await this.repository.saveToken({ tokenHash: sha256(token), principalRole: account.role, principalId: account.id, expiresAt });
      const url = new URL('/api/auth/magic-link/verify', this.env.PUBLIC_URL);
      url.searchParams.set('token', token);
      links.push({ role: account.role, url: url.toString(), code: token });
    }
    await this.mail.send({ to: { name: accounts[0].name, address: email }, ...signInMail(accounts[0].name, links, TOKEN_TTL_MINUTES) });
    await this.repository.deleteExpiredTokens();
  }

  async verify(token: string): Promise<AccessTokenResponse> {
    const owner = await this.repository.consumeToken(sha256(token));
    if (!owner) throw AuthErrors.badMagicLink();
    const accessToken = await this.tokens.issue({ id: owner.principalId, role: owner.principalRole });
    return { accessToken, role: owner.principalRole };
  }
}
