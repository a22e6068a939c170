import { EmptyState, PageHeading } from '../web/layout/components';
import type { PageContext } from '../web/layout/page-context';
import { page, PageView } from '../web/layout/page-result';
import type { CaughtMail } from './mail-catcher';
import { DEMO_STAFF } from './demo-options';

/** The demo's inbox: every caught message, newest first, each opening as plain text. */
export function demoMailListPage(ctx: PageContext, messages: readonly CaughtMail[], directory: string): PageView {
  const { t } = ctx;
  const newestFirst = [...messages].reverse();
  return page(
    t('demo.mail.title'),
    <div>
      <PageHeading title={t('demo.mail.heading')} lead={t('demo.mail.lead', { directory })} />
      <p class="hint">{t('demo.mail.signIn', { email: DEMO_STAFF.email, password: DEMO_STAFF.password })}</p>
      {newestFirst.length ? (
        <ul class="card-list">
          {newestFirst.map((mail) => (
            <li key={mail.number}>
              <a href={`/demo/mail/${mail.number}`}>{mail.subject || `#${mail.number}`}</a>
              <p class="meta">
                {t('demo.mail.to', { to: mail.to.join(', ') })}
                {mail.icsFile ? ` · ${t('demo.mail.calendar')}` : ''}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('demo.mail.empty')}</EmptyState>
      )}
    </div>,
  );
}

/** One message's text part: the sign-in link and code are in it. */
export function demoMailPage(ctx: PageContext, mail: CaughtMail): PageView {
  const { t } = ctx;
  return page(
    mail.subject,
    <div>
      <p>
        <a href="/demo/mail">{t('demo.mail.back')}</a>
      </p>
      <PageHeading title={mail.subject} lead={t('demo.mail.to', { to: mail.to.join(', ') })} />
      <pre class="card demo-mail-text">{withLinks(mail.text)}</pre>
    </div>,
  );
}

/** The message's web addresses as links (the sign-in link first of all); the rest as text, escaped by Preact. */
function withLinks(text: string) {
  return text.split(/(https?:\/\/[^\s<>"]+)/).map((part, i) => (i % 2 ? <a href={part}>{part}</a> : part));
}
