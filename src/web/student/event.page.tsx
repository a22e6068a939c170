import type { BookingResponse } from '../../bookings/dto/booking.dto';
import type { Event } from '../../events/entities/event.entity';
import type { SlotResponse } from '../../slots/dto/slot.dto';
import type { SlotFacets } from '../../slots/slots.repository';
import { EmptyState, Notice, PageHeading, PostForm, TimeText } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';
import { bookingWindow } from '../shared/booking-window';
import { BookingWindowLine, EventWhenWhere } from '../shared/event-summary';
import { middayOf } from '../shared/zoned-input';
import { groupByTime, groupByVolunteer } from './slot-groups';
import { cutoffPassed } from '../../bookings/bookings.service';
import type { IneligibleRule } from '../../eligibility/eligibility.service';
import { duration, NotEligible, RuleLines } from '../shared/office-rules';
import type { WaitlistEntryResponse } from '../../waitlist/dto/waitlist.dto';
import { WaitlistSection } from './waitlist';

export interface SlotFilterValues {
  expertise?: string;
  organization?: string;
  timeOfDay?: 'morning' | 'afternoon' | 'evening';
  view: 'time' | 'volunteer';
  cursor?: string;
}

export interface StudentEventData {
  event: Event;
  slots: SlotResponse[];
  nextCursor: string | null;
  facets: SlotFacets;
  held: BookingResponse[];
  filters: SlotFilterValues;
  /** A fresh random id per render: with the slot, the Idempotency-Key of a tap on it. */
  attempt: string;
  takesPreferences: boolean;
  /** Issue 12: the eligibility rule the student fails, or null. */
  ineligible: IneligibleRule | null;
  /** Issue 12: the student's waitlist entries of this event. */
  waitlist: WaitlistEntryResponse[];
}

/** A student's view of an event: what they hold, and the free slots to book with one tap. */
export function studentEventPage(ctx: PageContext, data: StudentEventData): PageView {
  const { t } = ctx;
  const { event } = data;
  const open = bookingWindow(event, ctx.now).state === 'open';
  const full = data.held.length >= event.maxBookingsPerStudent;
  const eligible = data.ineligible === null;
  return page(
    event.name,
    <>
      <PageHeading title={event.name}>
        <EventWhenWhere ctx={ctx} event={event} />
        <BookingWindowLine ctx={ctx} event={event} />
        <RuleLines ctx={ctx} event={event} />
      </PageHeading>
      {event.description ? <p class="description">{event.description}</p> : null}
      {data.takesPreferences && eligible ? (
        <Notice tone="info">
          {t('event.preferencesOpen')} <a href={`/event/${event.id}/preferences`}>{t('event.rankChoices')}</a>
        </Notice>
      ) : null}
      <Held ctx={ctx} held={data.held} event={event} />
      <section aria-labelledby="slots-heading" id="slots">
        <h2 id="slots-heading">{t('event.freeSlots')}</h2>
        {data.ineligible ? <NotEligible ctx={ctx} rule={data.ineligible} /> : null}
        {eligible && !open ? <Notice tone="info">{t('event.bookingNotOpen')}</Notice> : null}
        {eligible && open && full ? <Notice tone="info">{t('event.holdingMax', { count: event.maxBookingsPerStudent })}</Notice> : null}
        <Filters ctx={ctx} data={data} />
        <SlotList ctx={ctx} data={data} bookable={open && !full && eligible} />
      </section>
      {eligible ? <WaitlistSection ctx={ctx} event={event} entries={data.waitlist} expertise={data.facets.expertise} open={open} /> : null}
    </>,
  );
}

function Held({ ctx, held, event }: { ctx: PageContext; held: BookingResponse[]; event: Event }) {
  const { t } = ctx;
  if (!held.length) return null;
  return (
    <section aria-labelledby="held-heading" class="card">
      <h2 id="held-heading">{t('event.yourInterviews', { count: held.length })}</h2>
      <ul class="card-list">
        {held.map((b) => (
          <li>
            <a href={`/interviews/${b.id}`}>
              <TimeText ctx={ctx} at={new Date(b.startsAt)} zone={event.timezone} />
            </a>{' '}
            {t('interview.withName', { name: b.volunteer.name })}
            {b.volunteer.organization ? ` (${b.volunteer.organization})` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Filters({ ctx, data }: { ctx: PageContext; data: StudentEventData }) {
  const { t } = ctx;
  const f = data.filters;
  const viewLink = (view: 'time' | 'volunteer') => {
    const query = new URLSearchParams({ ...(f.expertise ? { expertise: f.expertise } : {}), ...(f.organization ? { organization: f.organization } : {}), ...(f.timeOfDay ? { timeOfDay: f.timeOfDay } : {}), view });
    return `/event/${data.event.id}?${query.toString()}#slots`;
  };
  return (
    <>
      <form method="get" action={`/event/${data.event.id}`} class="filters" aria-label={t('filters.label')}>
        <input type="hidden" name="view" value={f.view} />
        <div class="field">
          <label for="f-expertise">{t('filters.expertise')}</label>
          <select id="f-expertise" name="expertise">
            <option value="">{t('filters.any')}</option>
            {data.facets.expertise.map((tag) => (
              <option value={tag} selected={tag === f.expertise}>
                {tag}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-organization">{t('filters.organization')}</label>
          <select id="f-organization" name="organization">
            <option value="">{t('filters.any')}</option>
            {data.facets.organizations.map((org) => (
              <option value={org} selected={org === f.organization}>
                {org}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-time">{t('filters.timeOfDay')}</label>
          <select id="f-time" name="timeOfDay">
            <option value="">{t('filters.anyTime')}</option>
            {(['morning', 'afternoon', 'evening'] as const).map((part) => (
              <option value={part} selected={part === f.timeOfDay}>
                {t(`filters.${part}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button-secondary">
          {t('filters.apply')}
        </button>
      </form>
      <nav class="view-switch" aria-label={t('filters.viewLabel')}>
        <a href={viewLink('time')} aria-current={f.view === 'time' ? 'true' : undefined}>
          {t('filters.byTime')}
        </a>
        <a href={viewLink('volunteer')} aria-current={f.view === 'volunteer' ? 'true' : undefined}>
          {t('filters.byVolunteer')}
        </a>
      </nav>
    </>
  );
}

/**
 * One form, one button per slot: a tap posts that slot. The form carries the render's attempt
 * id, so a double tap replays the first answer instead of booking twice.
 */
function SlotList({ ctx, data, bookable }: { ctx: PageContext; data: StudentEventData; bookable: boolean }) {
  const { t, time } = ctx;
  const zone = data.event.timezone;
  if (!data.slots.length) return <EmptyState>{t('event.noSlots')}</EmptyState>;
  const slotButton = (slot: SlotResponse, label: 'time' | 'volunteer') => {
    const startsAt = new Date(slot.startsAt);
    // Issue 12: inside the event's cut-off the slot is shown, closed, with why.
    const closed = bookable && cutoffPassed(startsAt, data.event.bookingCutoffMinutes, ctx.now);
    // The visible text is part of the button's name (WCAG 2.5.3); the hidden part adds what the heading says.
    const who = (
      <span class="slot-who">
        <span class="visually-hidden">{label === 'volunteer' ? `${time.dateTime(startsAt, zone)}, ` : `${slot.volunteer.name}, `}</span>
        {label === 'volunteer' ? slot.volunteer.name : <TimeText ctx={ctx} at={startsAt} zone={zone} format="time" />}
        <span class="slot-detail">{label === 'volunteer' ? [slot.volunteer.title, slot.volunteer.organization].filter(Boolean).join(', ') : ''}</span>
        {slot.volunteer.expertise.length ? <span class="slot-detail">{slot.volunteer.expertise.join(' · ')}</span> : null}
      </span>
    );
    return (
      <li>
        {bookable && !closed ? (
          <button type="submit" name="slotId" value={slot.id} class="slot">
            {who}
            <span class="slot-action">{t('event.book')}</span>
          </button>
        ) : closed ? (
          <div class="slot button">
            {who}
            <span class="slot-action">
              {t('rules.slotClosed')}
              <span class="visually-hidden"> {t('rules.slotClosedHint', { duration: duration(t, data.event.bookingCutoffMinutes) })}</span>
            </span>
          </div>
        ) : (
          <div class="slot button">{who}</div>
        )}
      </li>
    );
  };
  const groups =
    data.filters.view === 'volunteer' ? (
      groupByVolunteer(data.slots).map((g) => (
        <div class="slot-group">
          <h3>
            {g.volunteer.name}
            <span class="slot-detail"> {[g.volunteer.title, g.volunteer.organization].filter(Boolean).join(', ')}</span>
          </h3>
          <ul class="slots">{g.slots.map((s) => slotButton({ ...s, volunteer: { ...s.volunteer, expertise: [] } }, 'time'))}</ul>
        </div>
      ))
    ) : (
      groupByTime(data.slots, zone).map((d) => (
        <div class="slot-day-group">
          <h3 class="slot-day">{time.longDay(middayOf(d.day, zone), zone)}</h3>
          {d.times.map((g) => (
            <div class="slot-group">
              <h4>
                <TimeText ctx={ctx} at={g.startsAt} zone={zone} format="time" />
              </h4>
              <ul class="slots">{g.slots.map((s) => slotButton(s, 'volunteer'))}</ul>
            </div>
          ))}
        </div>
      ))
    );
  const more = data.nextCursor ? (
    <p>
      <a class="button button-secondary" href={`/event/${data.event.id}?${new URLSearchParams({ ...stripUndefined(data.filters), cursor: data.nextCursor }).toString()}#slots`}>
        {t('event.laterSlots')}
      </a>
    </p>
  ) : null;
  return bookable ? (
    <PostForm ctx={ctx} action={`/event/${data.event.id}/book`} data-book-form="">
      <input type="hidden" name="attempt" value={data.attempt} />
      <input type="hidden" name="filters" value={new URLSearchParams(stripUndefined(data.filters)).toString()} />
      {groups}
      {more}
    </PostForm>
  ) : (
    <div>
      {groups}
      {more}
    </div>
  );
}

function stripUndefined(filters: SlotFilterValues): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'cursor'));
}
