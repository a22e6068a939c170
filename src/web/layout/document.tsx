import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { PageContext } from './page-context';
import type { PageView } from './page-result';
import { consoleLinks } from '../staff/console';
import { CsrfField, Notice } from './components';

/** The whole HTML document around a page: head, header with navigation, main, footer. */
export function renderDocument(ctx: PageContext, view: PageView): string {
  return `<!doctype html>${renderToString(<Document ctx={ctx} view={view} />)}`;
}

function Document({ ctx, view }: { ctx: PageContext; view: PageView }) {
  const { t, brand } = ctx;
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>{`${view.title} · ${brand.name}`}</title>
        <link rel="stylesheet" href={ctx.asset('app.css')} />
        <script type="module" src={ctx.asset('app.js')} />
        {(view.scripts ?? []).map((name) => (
          <script type="module" src={ctx.asset(name)} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skipToContent')}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href={ctx.principal ? '/home' : '/'}>
              {brand.logoUrl ? <img src={brand.logoUrl} alt="" class="brand-logo" /> : null}
              <span>{brand.name}</span>
            </a>
            {ctx.principal ? <SignOut ctx={ctx} /> : null}
          </div>
          {ctx.principal ? <Navigation ctx={ctx} /> : null}
        </header>
        <main id="main" class="wrap" tabIndex={-1}>
          {ctx.notice ? <Notice tone={ctx.notice.tone}>{ctx.notice.text}</Notice> : null}
          {view.body}
        </main>
        <footer class="site-footer">
          <div class="wrap">{t('layout.footer', { brand: brand.name })}</div>
        </footer>
      </body>
    </html>
  );
}

function Navigation({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  const links: [string, string][] =
    ctx.principal?.role === 'staff'
      ? consoleLinks(ctx)
      : [
          ['/home', t('nav.events')],
          ['/interviews', ctx.principal?.role === 'volunteer' ? t('nav.schedule') : t('nav.interviews')],
          ['/my/calendar', t('nav.calendar')],
        ];
  const here = ctx.path.split('?')[0];
  return (
    <nav class="site-nav" aria-label={t('nav.label')}>
      <ul class="wrap">
        {links.map(([href, label]) => (
          <li>
            <a href={href} aria-current={here === href || (href !== '/home' && here.startsWith(`${href}/`)) ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function SignOut({ ctx }: { ctx: PageContext }) {
  return (
    <form method="post" action="/sign-out" class="sign-out">
      <CsrfField ctx={ctx} />
      <button type="submit" class="button-link">
        {ctx.t('nav.signOut')}
      </button>
    </form>
  );
}

export type Children = ComponentChildren;
