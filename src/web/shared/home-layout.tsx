import type { ComponentChildren } from 'preact';
import { SignOutEverywhere } from '../account/sign-out-everywhere';
import { EmptyState, PageHeading } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';

/** Every role's start page has one shape: a greeting, the events as cards (or why there are none), the account. */
export function homePage(ctx: PageContext, heading: { title: string; lead: string }, cards: ComponentChildren[], empty: string, before?: ComponentChildren): PageView {
  const { t } = ctx;
  return page(
    t('home.title'),
    <>
      <PageHeading title={heading.title} lead={heading.lead} />
      {before}
      <h2>{t('home.events')}</h2>
      {cards.length ? (
        <ul class="card-list">
          {cards.map((card) => (
            <li>{card}</li>
          ))}
        </ul>
      ) : (
        <EmptyState>{empty}</EmptyState>
      )}
      <SignOutEverywhere ctx={ctx} />
    </>,
  );
}
