import type { Request, Response } from 'express';

/** Reads one cookie from the request's Cookie header (RFC 6265 §5.4); undefined when absent or malformed. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    const value = pair.slice(eq + 1).trim();
    return /^[A-Za-z0-9_.~-]{1,512}$/.test(value) ? value : undefined;
  }
  return undefined;
}

export interface CookieOptions {
  maxAgeSeconds?: number;
  /** Secure when the site is served over HTTPS (PUBLIC_URL). */
  secure: boolean;
}

/** Always HttpOnly and SameSite=Lax: no script reads it, and other sites' forms do not carry it. */
export function setCookie(res: Response, name: string, value: string, options: CookieOptions): void {
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`);
  if (options.secure) parts.push('Secure');
  res.append('Set-Cookie', parts.join('; '));
}

export function clearCookie(res: Response, name: string, secure: boolean): void {
  setCookie(res, name, '', { maxAgeSeconds: 0, secure });
}
