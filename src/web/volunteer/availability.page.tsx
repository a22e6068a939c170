import type { Event } from '../../events/entities/event.entity';
import type { SlotResponse } from '../../slots/dto/slot.dto';
import { EmptyState, Notice, PageHeading, PostForm, TimeText } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';
import { EventWhenWhere } from '../shared/event-summary';
import { daysBetween, middayOf } from '../shared/zoned-input';
import type { GridCell, WindowRow } from './availability-form';

export interface BlockingBooking {
  bookingId: string;
  startsAt: Date;
  studentName: string;
}

export interface AvailabilityData {
  event: Event;
  rows: WindowRow[];
  cells: GridCell[];
  slots: SlotResponse[];
  /** Whole-form problems: a booked slot in the way, or windows clashing with another event. */
  blocking?: BlockingBooking[];
  busy?: boolean;
}

/** Blank rows offered below the volunteer's windows, for adding more without a script. */
const BLANK_ROWS = 2;

/**
 * The availability editor. Without JavaScript it is a list of windows (day, from, to); the
 * script turns the day grid below into the editor (click, drag or keyboard) and writes the
 * same fields, so the server reads one form either way.
 */
export function availabilityPage(ctx: PageContext, data: AvailabilityData, status = 200): PageView {
  const { t, time } = ctx;
  const { event } = data;
  const days = daysBetween(event.startsAt, event.endsAt, event.timezone);
  const rows: WindowRow[] = [...data.rows, ...Array.from({ length: BLANK_ROWS }, () => ({ day: days[0], from: '', to: '' }))];
  const rowErrors = data.rows.filter((r) => r.error).length;
  return page(
    t('availability.title'),
    <>
      <PageHeading title={t('availability.heading', { event: event.name })} lead={t('availability.lead', { minutes: event.slotMinutes })}>
        <EventWhenWhere ctx={ctx} event={event} />
      </PageHeading>
      {rowErrors ? <Notice tone="error">{t('availability.rowErrors', { count: rowErrors })}</Notice> : null}
      {data.busy ? <Notice tone="error">{t('availability.busy')}</Notice> : null}
      {data.blocking?.length ? (
        <Notice tone="error">
          <p>{t('availability.blocked', { count: data.blocking.length })}</p>
          <ul>
            {data.blocking.map((b) => (
              <li>
                <a href={`/interviews/${b.bookingId}`}>
                  <TimeText ctx={ctx} at={b.startsAt} zone={event.timezone} />
                </a>{' '}
                {t('interview.withName', { name: b.studentName })}
              </li>
            ))}
          </ul>
          <p>{t('availability.blockedHow')}</p>
        </Notice>
      ) : null}
      <PostForm ctx={ctx} action={`/event/${event.id}/availability`} data-availability-form="">
        <div data-grid hidden>
          <p class="hint" id="grid-help">
            {t('availability.gridHelp')}
          </p>
          <p role="status" aria-live="polite" data-grid-status data-one={t('availability.pickedOne')} data-other={t('availability.pickedMany')}></p>
          {days.map((day) => {
            const cells = data.cells.filter((c) => c.day === day);
            if (!cells.length) return null;
            const label = time.longDay(middayOf(day, event.timezone), event.timezone);
            return (
              <div class="grid-day" role="group" aria-labelledby={`day-${day}`} aria-describedby="grid-help">
                <h2 id={`day-${day}`}>{label}</h2>
                <ul class="cells">
                  {cells.map((c) => (
                    <li>
                      <button
                        type="button"
                        class="cell"
                        aria-pressed={c.selected ? 'true' : 'false'}
                        data-day={c.day}
                        data-from={c.from}
                        data-to={c.to}
                        data-booked={c.booked ? '' : undefined}
                        aria-label={`${time.time(c.startsAt, event.timezone)}${c.booked ? `, ${t('availability.bookedCell')}` : ''}`}
                      >
                        {time.time(c.startsAt, event.timezone)}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
        <fieldset data-rows>
          <legend>{t('availability.windows')}</legend>
          <p class="hint">{t('availability.rowsHint', { zone: time.zoneName(event.startsAt, event.timezone) })}</p>
          <ol class="windows">
            {rows.map((row, i) => (
              <li>
                <fieldset>
                  <legend>{t('availability.window', { n: i + 1 })}</legend>
                  {row.error ? <p class="field-error">{t(row.error)}</p> : null}
                  <div class="field">
                    <label for={`day-${i}`}>{t('availability.day')}</label>
                    <select id={`day-${i}`} name="day">
                      {days.map((day) => (
                        <option value={day} selected={day === row.day}>
                          {time.longDay(middayOf(day, event.timezone), event.timezone)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div class="window-row">
                    <div class="field">
                      <label for={`from-${i}`}>{t('availability.from')}</label>
                      <input type="time" id={`from-${i}`} name="from" value={row.from} step={300} />
                    </div>
                    <div class="field">
                      <label for={`to-${i}`}>{t('availability.to')}</label>
                      <input type="time" id={`to-${i}`} name="to" value={row.to} step={300} />
                    </div>
                  </div>
                </fieldset>
              </li>
            ))}
          </ol>
        </fieldset>
        <button type="submit">{t('availability.save')}</button>
      </PostForm>
      <section aria-labelledby="slots-heading">
        <h2 id="slots-heading">{t('availability.yourSlots', { count: data.slots.length })}</h2>
        {data.slots.length ? (
          <ul class="card-list">
            {data.slots.map((s) => (
              <li class="spread">
                <TimeText ctx={ctx} at={new Date(s.startsAt)} zone={event.timezone} />
                <span class={s.available ? 'meta' : 'badge badge-success'}>{s.available ? t('availability.free') : t('availability.booked')}</span>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState>{t('availability.noSlots')}</EmptyState>
        )}
      </section>
    </>,
    { status, scripts: ['availability.js'] },
  );
}
