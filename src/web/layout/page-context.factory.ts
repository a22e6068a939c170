import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../../common/auth/auth.guard';
import { VISITOR_COOKIE } from '../../common/auth/sessions/session-cookie';
import { SessionService } from '../../common/auth/sessions/session.service';
import { readCookie, setCookie } from '../../common/http/cookies';
import { Catalogues, negotiateLocale, translator } from '../../common/i18n/catalogue';
import { TimeFormatter } from '../../common/i18n/format';
import { Environment } from '../../config/environment';
import { AssetsService } from '../assets/assets.service';
import { Brand, NOTICES, PageContext } from './page-context';

/** A page request, as the guards and the interceptor leave it. */
export interface PageRequest extends AuthenticatedRequest {
  /** Set when this response gives the visitor their nonce cookie. */
  visitorNonce?: string;
  pageContext?: PageContext;
}

/** What a CSRF token is bound to: the session, or before sign-in the visitor's nonce cookie. */
export function csrfBinding(req: PageRequest): string | undefined {
  if (req.session) return `session:${req.session.id}`;
  const visitor = req.visitorNonce ?? readCookie(req, VISITOR_COOKIE);
  return visitor ? `visitor:${visitor}` : undefined;
}

@Injectable()
export class PageContextFactory {
  readonly secureCookies: boolean;
  private readonly brand: Brand;

  constructor(
    private readonly catalogues: Catalogues,
    private readonly sessions: SessionService,
    private readonly assets: AssetsService,
    env: Environment,
  ) {
    this.secureCookies = env.PUBLIC_URL.startsWith('https:');
    this.brand = { name: env.BRAND_NAME, logoUrl: assets.logoUrl };
  }

  create(req: PageRequest, res: Response): PageContext {
    if (!req.session && !readCookie(req, VISITOR_COOKIE)) {
      req.visitorNonce = randomBytes(16).toString('base64url');
      setCookie(res, VISITOR_COOKIE, req.visitorNonce, { secure: this.secureCookies });
    }
    const locale = negotiateLocale(req.headers['accept-language'], this.catalogues.locales);
    const t = translator(locale, this.catalogues.messages(locale));
    const noticeName = typeof req.query.notice === 'string' ? req.query.notice : undefined;
    const notice = noticeName && Object.hasOwn(NOTICES, noticeName) ? NOTICES[noticeName as keyof typeof NOTICES] : undefined;
    return {
      locale,
      t,
      time: new TimeFormatter(locale, t),
      principal: req.principal,
      csrf: this.sessions.csrfToken(csrfBinding(req)!),
      path: req.originalUrl,
      brand: this.brand,
      asset: (name) => this.assets.url(name),
      notice: notice && { text: t(notice.key), tone: notice.tone },
      now: new Date(),
    };
  }
}
