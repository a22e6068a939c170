import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { Principal } from '../../common/auth/principal';
import { SESSION_COOKIE } from '../../common/auth/sessions/session-cookie';
import { SessionService } from '../../common/auth/sessions/session.service';
import { clearCookie, setCookie } from '../../common/http/cookies';
import { PageContextFactory, PageRequest } from '../layout/page-context.factory';

/** Starting and ending a page session: the row in PostgreSQL and the cookie in the browser. */
@Injectable()
export class WebSessions {
  constructor(
    private readonly sessions: SessionService,
    private readonly contexts: PageContextFactory,
  ) {}

  async signIn(res: Response, principal: Principal): Promise<void> {
    const session = await this.sessions.start(principal);
    setCookie(res, SESSION_COOKIE, session.token, { maxAgeSeconds: session.maxAgeSeconds, secure: this.contexts.secureCookies });
  }

  /** Ends this session, or every session of the person ("sign out everywhere"). */
  async signOut(req: PageRequest, res: Response, everywhere: boolean): Promise<void> {
    if (req.session) await this.sessions.end(req.session, everywhere);
    clearCookie(res, SESSION_COOKIE, this.contexts.secureCookies);
  }
}
