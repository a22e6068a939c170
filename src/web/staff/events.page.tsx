import type { AllocationSettingsResponse } from '../../allocation/dto/allocation-settings.dto';
import type { MessageKey } from '../../common/i18n/catalogue';
import type { Event } from '../../events/entities/event.entity';
import { Badge, Field, Notice, PageHeading, PostForm } from '../layout/components';
import type { FormErrors } from '../layout/form-dto';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';
import { BookingWindowLine, EventWhenWhere } from '../shared/event-summary';
import { EVENT_NUMBER_FIELDS, EVENT_TIME_FIELDS, EventFormValues } from './event-form';

const STATUS_TONE = { draft: 'neutral', published: 'success', closed: 'warning' } as const;

/** One event in the console: its facts, its state changes, and the day's tools. */
export function consoleEventPage(ctx: PageContext, event: Event): PageView {
  const { t } = ctx;
  const base = `/console/events/${event.id}`;
  const actions: [string, MessageKey, string][] = [];
  if (event.status === 'draft') actions.push(['publish', 'console.events.publish', '']);
  if (event.status !== 'closed') actions.push(['close', 'console.events.close', 'button-secondary']);
  if (event.status === 'closed') actions.push(['reopen', 'console.events.reopen', '']);
  const tools: [string, MessageKey][] = [
    [`${base}/edit`, 'console.events.edit'],
    [`${base}/settings`, 'console.events.settings'],
    [`${base}/bookings`, 'console.day.bookings'],
    [`${base}/allocation`, 'console.day.allocation'],
    [`${base}/floor`, 'console.day.floor'],
    [`/console/desk/${event.id}`, 'console.nav.desk'],
    [`${base}/report`, 'console.day.report'],
    ['/console/mail', 'console.day.mail'],
  ];
  return page(
    event.name,
    <>
      <PageHeading title={event.name}>
        <Badge tone={STATUS_TONE[event.status]}>{t(`eventStatus.${event.status}`)}</Badge>
        <EventWhenWhere ctx={ctx} event={event} />
        <BookingWindowLine ctx={ctx} event={event} />
      </PageHeading>
      <div class="actions">
        {actions.map(([action, label, cls]) => (
          <PostForm ctx={ctx} action={`${base}/status`}>
            <input type="hidden" name="action" value={action} />
            <button type="submit" class={cls || undefined}>
              {t(label)}
            </button>
          </PostForm>
        ))}
      </div>
      <h2>{t('console.events.tools')}</h2>
      <ul class="card-list">
        {tools.map(([href, label]) => (
          <li class="card">
            <a href={href}>{t(label)}</a>
          </li>
        ))}
      </ul>
    </>,
  );
}

const LABELS: Record<keyof EventFormValues, MessageKey> = {
  name: 'console.events.f.name',
  location: 'console.events.f.location',
  description: 'console.events.f.description',
  timezone: 'console.events.f.timezone',
  startsAt: 'console.events.f.startsAt',
  endsAt: 'console.events.f.endsAt',
  bookingOpensAt: 'console.events.f.bookingOpensAt',
  bookingClosesAt: 'console.events.f.bookingClosesAt',
  slotMinutes: 'console.events.f.slotMinutes',
  breakMinutes: 'console.events.f.breakMinutes',
  maxBookingsPerStudent: 'console.events.f.maxBookingsPerStudent',
};

/** Creating (no event) or editing an event; a refused edit says why in words and what to do. */
export function eventFormPage(
  ctx: PageContext,
  values: Partial<EventFormValues>,
  event?: Event,
  errors: FormErrors = {},
  conflict?: { text: string; bookings: { startsAt: string }[] },
  status = 200,
): PageView {
  const { t } = ctx;
  const title = event ? t('console.events.editTitle', { name: event.name }) : t('console.events.new');
  const input = (name: keyof EventFormValues, type: 'text' | 'datetime-local' | 'number') => (
    <Field id={`e-${name}`} label={t(LABELS[name])} hint={name === 'timezone' ? t('console.events.f.timezoneHint') : undefined} error={errors[name]}>
      {(d, invalid) =>
        name === 'description' ? (
          <textarea id={`e-${name}`} name={name} rows={3} aria-describedby={d} aria-invalid={invalid ? 'true' : undefined}>
            {values[name] ?? ''}
          </textarea>
        ) : type === 'datetime-local' ? (
          <input type="datetime-local" id={`e-${name}`} name={name} value={values[name] ?? ''} required aria-describedby={d} aria-invalid={invalid ? 'true' : undefined} />
        ) : (
          <input
            type="text"
            inputMode={type === 'number' ? 'numeric' : undefined}
            id={`e-${name}`}
            name={name}
            value={values[name] ?? ''}
            required={name === 'name' || name === 'timezone'}
            aria-describedby={d}
            aria-invalid={invalid ? 'true' : undefined}
          />
        )
      }
    </Field>
  );
  return page(
    title,
    <>
      <PageHeading title={title} lead={event ? undefined : t('console.events.newLead')} />
      {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
      {conflict ? (
        <Notice tone="error">
          {conflict.text}
          <ul class="problems">
            {conflict.bookings.slice(0, 20).map((b) => (
              <li>{ctx.time.dateTime(new Date(b.startsAt), event?.timezone ?? 'UTC')}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <PostForm ctx={ctx} action={event ? `/console/events/${event.id}/edit` : '/console/events'} novalidate class="card">
        {input('name', 'text')}
        {input('location', 'text')}
        {input('description', 'text')}
        {input('timezone', 'text')}
        <p class="hint">{t('console.events.timesHint')}</p>
        {EVENT_TIME_FIELDS.map((f) => input(f, 'datetime-local'))}
        {EVENT_NUMBER_FIELDS.map((f) => input(f, 'number'))}
        <button type="submit">{t(event ? 'console.save' : 'console.events.create')}</button>
      </PostForm>
    </>,
    { status },
  );
}

export interface SettingsValues {
  reminders: string;
  preferencesOpenAt: string;
  preferencesCloseAt: string;
  preferenceChoices: string;
  preferenceMode: string;
}

/** Reminders and preference settings of an event (the booking window and limits are on its edit page). */
export function eventSettingsPage(ctx: PageContext, event: Event, values: SettingsValues, errors: FormErrors = {}, status = 200): PageView {
  const { t } = ctx;
  return page(
    t('console.events.settings'),
    <>
      <PageHeading title={t('console.events.settings')} lead={event.name} />
      <p>
        <a href={`/console/events/${event.id}/edit`}>{t('console.events.windowOnEdit')}</a>
      </p>
      <PostForm ctx={ctx} action={`/console/events/${event.id}/settings`} novalidate class="card">
        <h2>{t('console.settings.reminders')}</h2>
        <Field id="s-reminders" label={t('console.settings.remindersLabel')} hint={t('console.settings.remindersHint')} error={errors.offsetsMinutes}>
          {(d, invalid) => <input type="text" id="s-reminders" name="reminders" value={values.reminders} aria-describedby={d} aria-invalid={invalid ? 'true' : undefined} />}
        </Field>
        <h2>{t('console.settings.preferences')}</h2>
        <p class="hint">{t('console.settings.preferencesHint')}</p>
        <Field id="s-open" label={t('console.settings.opens')} error={errors.preferencesOpenAt}>
          {(d, invalid) => <input type="datetime-local" id="s-open" name="preferencesOpenAt" value={values.preferencesOpenAt} aria-describedby={d} aria-invalid={invalid ? 'true' : undefined} />}
        </Field>
        <Field id="s-close" label={t('console.settings.closes')} error={errors.preferencesCloseAt}>
          {(d, invalid) => <input type="datetime-local" id="s-close" name="preferencesCloseAt" value={values.preferencesCloseAt} aria-describedby={d} aria-invalid={invalid ? 'true' : undefined} />}
        </Field>
        <Field id="s-choices" label={t('console.settings.choices')} error={errors.preferenceChoices}>
          {(d, invalid) => <input type="text" inputMode="numeric" id="s-choices" name="preferenceChoices" value={values.preferenceChoices} aria-describedby={d} aria-invalid={invalid ? 'true' : undefined} />}
        </Field>
        <Field id="s-mode" label={t('console.settings.mode')}>
          {() => (
            <select id="s-mode" name="preferenceMode">
              <option value="ranked" selected={values.preferenceMode === 'ranked'}>
                {t('console.settings.ranked')}
              </option>
              <option value="rated" selected={values.preferenceMode === 'rated'}>
                {t('console.settings.rated')}
              </option>
            </select>
          )}
        </Field>
        <button type="submit">{t('console.save')}</button>
      </PostForm>
    </>,
    { status },
  );
}

export function settingsValues(event: Event, reminders: number[], prefs: AllocationSettingsResponse, local: (at: Date) => string): SettingsValues {
  return {
    reminders: reminders.join(', '),
    preferencesOpenAt: prefs.preferencesOpenAt ? local(new Date(prefs.preferencesOpenAt)) : '',
    preferencesCloseAt: prefs.preferencesCloseAt ? local(new Date(prefs.preferencesCloseAt)) : '',
    preferenceChoices: String(prefs.preferenceChoices),
    preferenceMode: prefs.preferenceMode,
  };
}
