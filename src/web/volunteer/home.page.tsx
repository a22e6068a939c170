import type { Event } from '../../events/entities/event.entity';
import { Badge, EmptyState, PageHeading } from '../layout/components';
import { SignOutEverywhere } from '../account/sign-out-everywhere';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';
import { EventWhenWhere } from '../shared/event-summary';

export interface VolunteerHomeEvent {
  event: Event;
  slotCount: number;
  booked: number;
}

/** A volunteer's start page: each event with their availability and how many interviews are booked. */
export function volunteerHomePage(ctx: PageContext, name: string, events: VolunteerHomeEvent[]): PageView {
  const { t } = ctx;
  return page(
    t('home.title'),
    <>
      <PageHeading title={t('home.greeting', { name })} lead={t('home.volunteerLead')} />
      <h2>{t('home.events')}</h2>
      {events.length ? (
        <ul class="card-list">
          {events.map(({ event, slotCount, booked }) => (
            <li>
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
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>{t('home.noEvents')}</EmptyState>
      )}
      <SignOutEverywhere ctx={ctx} />
    </>,
  );
}
