import request from 'supertest';
import type { Principal } from '../../src/common/auth/principal';
import { SESSION_COOKIE } from '../../src/common/auth/sessions/session-cookie';
import { SessionService } from '../../src/common/auth/sessions/session.service';
import type { TestApp } from './test-app';

/** The text of a page's first CSRF field. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('The page has no form with a CSRF token');
  return match[1];
}

/**
 * A browser without a browser: keeps cookies like one (Set-Cookie in, Cookie out), and posts
 * forms with the CSRF token of the page it last loaded, as a person filling in that form would.
 */
export class PageClient {
  private readonly cookies = new Map<string, string>();
  private lastHtml = '';

  constructor(private readonly t: TestApp) {}

  /** Signed in as this person: a real session row and cookie, as a sign-in page would make. */
  static async signedIn(t: TestApp, principal: Principal): Promise<PageClient> {
    const client = new PageClient(t);
    const session = await t.app.get(SessionService).start(principal);
    client.cookies.set(SESSION_COOKIE, session.token);
    return client;
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async get(path: string): Promise<request.Response> {
    const res = await this.t.http().get(path).set('Cookie', this.cookieHeader).set('Accept-Language', 'en');
    this.keep(res);
    if (res.type === 'text/html') this.lastHtml = res.text;
    return res;
  }

  /** Posts a form as the last page loaded would (its CSRF token unless `_csrf` is given). */
  async post(path: string, fields: Record<string, string | string[]> = {}): Promise<request.Response> {
    const form = new URLSearchParams();
    if (!('_csrf' in fields)) form.append('_csrf', csrfOf(this.lastHtml));
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
    const res = await this.t.http().post(path).set('Cookie', this.cookieHeader).type('form').send(form.toString());
    this.keep(res);
    if (res.type === 'text/html' && res.text) this.lastHtml = res.text;
    return res;
  }

  private keep(res: request.Response): void {
    const set = res.headers['set-cookie'] as unknown as string[] | undefined;
    for (const line of set ?? []) {
      const [pair] = line.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (/Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
