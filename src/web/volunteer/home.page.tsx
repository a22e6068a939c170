import type { Event } from '../../events/entities/event.entity';
import { Badge } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import type { PageView } from '../layout/page-result';
import { EventWhenWhere } from '../shared/event-summary';
import { homePage } from '../shared/home-layout';

export interface VolunteerHomeEvent {
  event: Event;
  slotCount: number;
  booked: number;
}

/** A volunteer's start page: each event with their availability and how many interviews are booked. */
export function volunteerHomePage(ctx: PageContext, name: string, events: VolunteerHomeEvent[]): PageView {
  const { t } = ctx;
  const cards = events.map(({ event, slotCount, booked }) => (
    <>
      <div class="spread">
        <h3>
          <a href={`/event/${event.id}`}>{event.name}</a>
        </h3>
        {slotCount ? <Badge tone="success">{t('volunteer.slotCount', { count: slotCount })}</Badge> : <Badge tone="warning">{t('volunteer.noAvailability')}</Badge>}
      </div>
      <EventWhenWhere ctx={ctx} event={event} />
      <p class="meta">{t('volunteer.bookedCount', { count: booked })}</p>
      <div class="row">
        <a class="button" href={`/event/${event.id}/availability`}>
          {slotCount ? t('volunteer.editAvailability') : t('volunteer.giveAvailability')}
        </a>
        {booked ? (
          <a class="button button-secondary" href="/interviews">
            {t('volunteer.seeSchedule')}
          </a>
        ) : null}
      </div>
    </>
  ));
  return homePage(ctx, { title: t('home.greeting', { name }), lead: t('home.volunteerLead') }, cards, t('home.noEvents'));
}
