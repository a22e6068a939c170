import type { Translate } from '../common/i18n/catalogue';
import { escapeHtml } from '../common/http/escape-html';

export interface SignInLink {
  role: 'student' | 'volunteer';
  url: string;
  /** The short code, as shown: `ABCD-EFGH`. */
  code: string;
}

/** The sign-in message: one link and code per account that uses this address. */
export function signInMail(t: Translate, brand: string, name: string, links: SignInLink[], ttlMinutes: number) {
  const heading = (l: SignInLink) => (links.length > 1 ? t('mail.signIn.linkAs', { brand, role: t(`role.${l.role}`) }) : t('mail.signIn.link', { brand }));
  const footer = t('mail.signIn.footer', { minutes: ttlMinutes });
  const text = [
    t('mail.hello', { name }),
    '',
    ...links.flatMap((l) => [heading(l), l.url, '', t('mail.signIn.code', { code: l.code }), '']),
    footer,
  ].join('\n');
  const html = [
    `<p>${escapeHtml(t('mail.hello', { name }))}</p>`,
    ...links.map(
      (l) =>
        `<p><a href="${escapeHtml(l.url)}">${escapeHtml(heading(l))}</a><br>${escapeHtml(t('mail.signIn.codeLead'))} <strong style="font-size:1.4em;letter-spacing:.1em">${escapeHtml(l.code)}</strong></p>`,
    ),
    `<p>${escapeHtml(footer)}</p>`,
  ].join('\n');
  const subject = links.length === 1 ? t('mail.signIn.subjectCode', { code: links[0].code, brand }) : t('mail.signIn.subject', { brand });
  return { subject, text, html };
}
