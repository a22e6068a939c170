import type { Event } from '../../events/entities/event.entity';
import { Badge } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import type { PageView } from '../layout/page-result';
import { EventWhenWhere } from '../shared/event-summary';
import { homePage } from '../shared/home-layout';

/**
 * Staff's start page: every event with its status. Managing them is done through the API
 * (its documentation is linked) until the staff console lands.
 */
export function staffHomePage(ctx: PageContext, events: Event[]): PageView {
  const { t } = ctx;
  const cards = events.map((event) => (
    <>
      <div class="spread">
        <h3>
          <a href={`/console/events/${event.id}`}>{event.name}</a>
        </h3>
        <Badge tone={event.status === 'published' ? 'success' : 'neutral'}>{t(`eventStatus.${event.status}`)}</Badge>
      </div>
      <EventWhenWhere ctx={ctx} event={event} />
    </>
  ));
  const docs = (
    <p class="actions">
      <a class="button" href="/console/events/new">
        {t('console.events.new')}
      </a>
      <a class="button button-secondary" href="/api/docs">
        {t('staff.apiDocs')}
      </a>
    </p>
  );
  return homePage(ctx, { title: t('staff.heading'), lead: t('staff.lead') }, cards, t('staff.noEvents'), docs);
}
