import type { Event } from '../../events/entities/event.entity';
import { TimeText } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { bookingWindow } from '../shared/booking-window';

/** When and where an event is: "Tue 10 Mar, 9:00 AM – 5:00 PM EDT · Student Union". */
export function EventWhenWhere({ ctx, event }: { ctx: PageContext; event: Event }) {
  return (
    <p class="meta">
      {ctx.time.range(event.startsAt, event.endsAt, event.timezone)}
      {event.location ? ` · ${event.location}` : ''}
    </p>
  );
}

/** "Booking opens Tue 10 Mar, 9:00 AM EDT (in 3 days)" / "Booking closes in 2 days" / "Booking has closed". */
export function BookingWindowLine({ ctx, event }: { ctx: PageContext; event: Event }) {
  const { t, time } = ctx;
  const window = bookingWindow(event, ctx.now);
  if (window.state === 'closed') return <p class="meta">{t('booking.window.closed')}</p>;
  const at = window.state === 'open' ? window.closesAt : window.opensAt;
  return (
    <p class="meta">
      {window.state === 'open' ? t('booking.window.closes', { when: time.relative(at, ctx.now) }) : t('booking.window.opens', { when: time.relative(at, ctx.now) })}{' '}
      <TimeText ctx={ctx} at={at} zone={event.timezone} />
    </p>
  );
}
