import type { BookingResponse } from '../../bookings/dto/booking.dto';
import type { Event } from '../../events/entities/event.entity';
import { Badge, TimeText } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import type { PageView } from '../layout/page-result';
import { bookingWindow } from '../shared/booking-window';
import { BookingWindowLine, EventWhenWhere } from '../shared/event-summary';
import { homePage } from '../shared/home-layout';
import type { IneligibleRule } from '../../eligibility/eligibility.service';
import { NotEligible } from '../shared/office-rules';
import type { WaitlistEntryResponse } from '../../waitlist/dto/waitlist.dto';
import { WaitlistPlaces } from './waitlist';
import type { StrikeStandingResponse } from '../../strikes/dto/strike.dto';
import { StrikesSection } from './strikes';

export interface StudentHomeEvent {
  event: Event;
  held: BookingResponse[];
  preferencesOpen: boolean;
  /** Issue 12: the eligibility rule the student fails, or null. */
  ineligible: IneligibleRule | null;
  /** Issue 12: the student's waitlist entries of this event. */
  waitlist: WaitlistEntryResponse[];
}

/** A student's start page: their events, each with its booking window and what they hold. */
export function studentHomePage(ctx: PageContext, name: string, events: StudentHomeEvent[], strikes: StrikeStandingResponse): PageView {
  const { t } = ctx;
  const cards = events.map(({ event, held, preferencesOpen, ineligible, waitlist }) => {
    const open = bookingWindow(event, ctx.now).state === 'open' && !ineligible;
    return (
      <>
        <div class="spread">
          <h3>
            <a href={`/event/${event.id}`}>{event.name}</a>
          </h3>
          {held.length ? <Badge tone="success">{t('home.holding', { count: held.length })}</Badge> : null}
        </div>
        <EventWhenWhere ctx={ctx} event={event} />
        <BookingWindowLine ctx={ctx} event={event} />
        {ineligible ? <NotEligible ctx={ctx} rule={ineligible} /> : null}
        <WaitlistPlaces ctx={ctx} event={event} entries={waitlist} />
        {held.length ? (
          <p>
            {t('home.next')}{' '}
            <a href={`/interviews/${held[0].id}`}>
              <TimeText ctx={ctx} at={new Date(held[0].startsAt)} zone={event.timezone} />
            </a>{' '}
            {t('interview.withName', { name: held[0].volunteer.name })}
          </p>
        ) : null}
        <div class="row">
          <a class={open ? 'button' : 'button button-secondary'} href={`/event/${event.id}`}>
            {open ? t('home.bookSlots') : t('home.seeEvent')}
          </a>
          {preferencesOpen && !ineligible ? (
            <a class="button button-secondary" href={`/event/${event.id}/preferences`}>
              {t('event.rankChoices')}
            </a>
          ) : null}
          {held.length ? (
            <a class="button button-secondary" href={`/event/${event.id}/check-in`}>
              {t('home.checkInCode')}
            </a>
          ) : null}
        </div>
      </>
    );
  });
  return homePage(ctx, { title: t('home.greeting', { name }), lead: t('home.studentLead') }, cards, t('home.noEvents'), <StrikesSection ctx={ctx} standing={strikes} />);
}
