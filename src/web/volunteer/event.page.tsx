import type { BookingResponse } from '../../bookings/dto/booking.dto';
import type { Event } from '../../events/entities/event.entity';
import type { AvailabilityResponse } from '../../slots/dto/availability.dto';
import { EmptyState, PageHeading, TimeText } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';
import { EventWhenWhere } from '../shared/event-summary';

/** A volunteer's view of an event: their windows, their interviews in it, and what they can do. */
export function volunteerEventPage(ctx: PageContext, event: Event, availability: AvailabilityResponse, interviews: BookingResponse[]): PageView {
  const { t, time } = ctx;
  return page(
    event.name,
    <>
      <PageHeading title={event.name}>
        <EventWhenWhere ctx={ctx} event={event} />
      </PageHeading>
      {event.description ? <p class="description">{event.description}</p> : null}
      <section class="card" aria-labelledby="availability-heading">
        <h2 id="availability-heading">{t('volunteer.yourAvailability')}</h2>
        {availability.windows.length ? (
          <ul>
            {availability.windows.map((w) => (
              <li>{time.range(new Date(w.startsAt), new Date(w.endsAt), event.timezone)}</li>
            ))}
          </ul>
        ) : (
          <p>{t('volunteer.noAvailability')}</p>
        )}
        <p class="meta">{t('volunteer.slotCount', { count: availability.slotCount })}</p>
        <a class="button" href={`/event/${event.id}/availability`}>
          {availability.windows.length ? t('volunteer.editAvailability') : t('volunteer.giveAvailability')}
        </a>
      </section>
      <section aria-labelledby="interviews-heading">
        <h2 id="interviews-heading">{t('volunteer.interviewsHere', { count: interviews.length })}</h2>
        {interviews.length ? (
          <ul class="card-list">
            {interviews.map((b) => (
              <li>
                <a href={`/interviews/${b.id}`}>
                  <TimeText ctx={ctx} at={new Date(b.startsAt)} zone={event.timezone} />
                </a>{' '}
                {t('interview.withName', { name: b.student.name })}
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState>{t('volunteer.noInterviews')}</EmptyState>
        )}
      </section>
      {availability.windows.length || interviews.length ? (
        <p>
          <a href={`/event/${event.id}/withdraw`}>{t('volunteer.withdrawLink')}</a>
        </p>
      ) : null}
    </>,
  );
}
