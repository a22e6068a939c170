import type { CalendarUrlResponse } from '../../calendar/dto/calendar.dto';
import { PageHeading, PostForm } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';

/** The personal calendar feed: subscribe with one click, or paste the address; revoke it when it leaks. */
export function calendarPage(ctx: PageContext, feed: CalendarUrlResponse): PageView {
  const { t } = ctx;
  return page(
    t('calendar.title'),
    <>
      <PageHeading title={t('calendar.heading')} lead={t('calendar.lead')} />
      <div class="card">
        <p>
          <a class="button" href={feed.webcalUrl}>
            {t('calendar.subscribe')}
          </a>
        </p>
        <p>{t('calendar.paste')}</p>
        <p class="url" id="feed-url">
          {feed.url}
        </p>
        <ul class="hint">
          <li>{t('calendar.google')}</li>
          <li>{t('calendar.outlook')}</li>
          <li>{t('calendar.apple')}</li>
        </ul>
      </div>
      <section aria-labelledby="rotate-heading">
        <h2 id="rotate-heading">{t('calendar.rotateHeading')}</h2>
        <p>{t('calendar.rotateText')}</p>
        <PostForm ctx={ctx} action="/my/calendar/rotate">
          <button type="submit" class="button-secondary">
            {t('calendar.rotate')}
          </button>
        </PostForm>
      </section>
    </>,
  );
}
