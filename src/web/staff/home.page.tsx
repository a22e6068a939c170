import type { Event } from '../../events/entities/event.entity';
import { Badge, EmptyState, PageHeading } from '../layout/components';
import { SignOutEverywhere } from '../account/sign-out-everywhere';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';
import { EventWhenWhere } from '../shared/event-summary';

/**
 * Staff's start page: every event with its status. Managing them is done through the API
 * (its documentation is linked) until the staff console lands.
 */
export function staffHomePage(ctx: PageContext, events: Event[]): PageView {
  const { t } = ctx;
  return page(
    t('home.title'),
    <>
      <PageHeading title={t('staff.heading')} lead={t('staff.lead')} />
      <p>
        <a class="button button-secondary" href="/api/docs">
          {t('staff.apiDocs')}
        </a>
      </p>
      <h2>{t('home.events')}</h2>
      {events.length ? (
        <ul class="card-list">
          {events.map((event) => (
            <li>
              <div class="spread">
                <h3>
                  <a href={`/event/${event.id}`}>{event.name}</a>
                </h3>
                <Badge tone={event.status === 'published' ? 'success' : 'neutral'}>{t(`eventStatus.${event.status}`)}</Badge>
              </div>
              <EventWhenWhere ctx={ctx} event={event} />
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('staff.noEvents')}</EmptyState>
      )}
      <SignOutEverywhere ctx={ctx} />
    </>,
  );
}
