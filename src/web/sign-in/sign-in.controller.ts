import { Body, HttpStatus, Query, Req, Res } from '@nestjs/common';
import { isEmail } from 'class-validator';
import type { Response } from 'express';
import { MagicLinkService } from '../../auth/magic-link.service';
import { StaffService } from '../../auth/staff.service';
import { Public } from '../../common/auth/auth.decorators';
import { RateLimit } from '../../common/rate-limit/rate-limit.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { readCookie, setCookie } from '../../common/http/cookies';
import { WebSessions } from '../account/web-sessions';
import type { PageContext } from '../layout/page-context';
import { PageContextFactory, PageRequest } from '../layout/page-context.factory';
import { Ctx, PageController, PageGet, PagePost } from '../layout/page-decorators';
import { redirect, PageResult } from '../layout/page-result';
import { field, FormBody, safeNext } from '../layout/form';
import { codePage, landingPage, linkPage } from './sign-in.pages';

/** Remembers the address a code was sent to, so the code page can fill it in (15 minutes). */
const EMAIL_COOKIE = 'fg_sign_in_email';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;

const normalizeEmail = (text: string) => text.trim().toLowerCase();
const validEmail = (text: string) => text.length <= 254 && isEmail(text);

/** Everyone: the front page, the three ways to sign in, and signing out. */
@PageController()
export class SignInController {
  constructor(
    private readonly magicLinks: MagicLinkService,
    private readonly staff: StaffService,
    private readonly sessions: WebSessions,
    private readonly contexts: PageContextFactory,
  ) {}

  @PageGet('')
  @Public()
  landing(@Ctx() ctx: PageContext, @Query('next') next: unknown): PageResult {
    if (ctx.principal) return redirect(safeNext(next));
    return landingPage(ctx, { next: safeNext(next) });
  }

  /** Sends the link and code; the answer is the same whether or not the address is known. */
  @PagePost('sign-in')
  @Public()
  @RateLimit('sign-in-mail')
  async requestLink(@Ctx() ctx: PageContext, @Body() body: FormBody, @Req() req: PageRequest, @Res({ passthrough: true }) res: Response): Promise<PageResult> {
    const email = normalizeEmail(field(body, 'email'));
    const next = safeNext(field(body, 'next'));
    if (!validEmail(email)) return landingPage(ctx, { email, next, emailError: ctx.t('signIn.emailInvalid') }, HttpStatus.UNPROCESSABLE_ENTITY);
    await this.magicLinks.request(email, String(req.id));
    setCookie(res, EMAIL_COOKIE, Buffer.from(email).toString('base64url'), { maxAgeSeconds: 15 * 60, secure: this.contexts.secureCookies });
    return redirect(next === '/home' ? '/sign-in/code' : `/sign-in/code?next=${encodeURIComponent(next)}`, 'sign-in-sent');
  }

  @PageGet('sign-in/code')
  @Public()
  codeForm(@Ctx() ctx: PageContext, @Req() req: PageRequest, @Query('next') next: unknown): PageResult {
    const remembered = readCookie(req, EMAIL_COOKIE);
    const email = remembered ? Buffer.from(remembered, 'base64url').toString('utf8') : '';
    return codePage(ctx, { email: validEmail(email) ? email : '', next: safeNext(next) });
  }

  @PagePost('sign-in/code')
  @Public()
  @RateLimit('sign-in')
  async signInWithCode(@Ctx() ctx: PageContext, @Body() body: FormBody, @Res({ passthrough: true }) res: Response): Promise<PageResult> {
    const email = normalizeEmail(field(body, 'email'));
    const next = safeNext(field(body, 'next'));
    if (!validEmail(email)) return codePage(ctx, { email, next, error: ctx.t('signIn.emailInvalid') }, HttpStatus.UNPROCESSABLE_ENTITY);
    try {
      await this.sessions.signIn(res, await this.magicLinks.consumeCode(email, field(body, 'code')));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const message = error.code === 'SIGN_IN_CODE_LOCKED' ? ctx.t('signInCode.locked') : ctx.t('signInCode.wrong');
      return codePage(ctx, { email, next, error: message }, error.status);
    }
    return redirect(next);
  }

  @PageGet('sign-in/link')
  @Public()
  linkLanding(@Ctx() ctx: PageContext, @Query('token') token: unknown): PageResult {
    const valid = typeof token === 'string' && TOKEN_PATTERN.test(token);
    return linkPage(ctx, valid ? token : undefined, valid ? undefined : ctx.t('signInLink.incomplete'));
  }

  @PagePost('sign-in/link')
  @Public()
  @RateLimit('sign-in')
  async signInWithLink(@Ctx() ctx: PageContext, @Body() body: FormBody, @Res({ passthrough: true }) res: Response): Promise<PageResult> {
    const token = field(body, 'token');
    if (!TOKEN_PATTERN.test(token)) return linkPage(ctx, undefined, ctx.t('signInLink.incomplete'), HttpStatus.BAD_REQUEST);
    try {
      await this.sessions.signIn(res, await this.magicLinks.consumeLink(token));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return linkPage(ctx, undefined, ctx.t('signInLink.used'), error.status);
    }
    return redirect('/home');
  }

  @PagePost('sign-in/staff')
  @Public()
  @RateLimit('sign-in')
  async signInStaff(@Ctx() ctx: PageContext, @Body() body: FormBody, @Res({ passthrough: true }) res: Response): Promise<PageResult> {
    const next = safeNext(field(body, 'next'));
    const email = normalizeEmail(field(body, 'email'));
    const password = typeof body.password === 'string' ? body.password : '';
    try {
      if (!validEmail(email) || !password || password.length > 1024) throw new DomainError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', '');
      await this.sessions.signIn(res, await this.staff.authenticate({ email, password }));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return landingPage(ctx, { next, staffError: ctx.t('signIn.staffWrong') }, HttpStatus.UNAUTHORIZED);
    }
    return redirect(next);
  }

  /** Signs out this browser, or (everywhere=1) every browser the person is signed in on. */
  @PagePost('sign-out')
  @Public()
  async signOut(@Body() body: FormBody, @Req() req: PageRequest, @Res({ passthrough: true }) res: Response): Promise<PageResult> {
    await this.sessions.signOut(req, res, field(body, 'everywhere') === '1');
    return redirect('/', 'signed-out');
  }
}
