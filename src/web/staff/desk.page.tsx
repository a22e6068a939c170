import type { Event } from '../../events/entities/event.entity';
import { EmptyState, Field, Notice, PageHeading, PostForm } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';
import { EventWhenWhere } from '../shared/event-summary';

/** The desk's start: which event's door this is. */
export function deskEventsPage(ctx: PageContext, events: Event[]): PageView {
  const { t } = ctx;
  return page(
    t('console.desk.title'),
    <>
      <PageHeading title={t('console.desk.title')} lead={t('console.desk.pick')} />
      {events.length === 0 ? (
        <EmptyState>{t('console.desk.noEvents')}</EmptyState>
      ) : (
        <ul class="card-list">
          {events.map((event) => (
            <li class="card">
              <h2>
                <a href={`/console/desk/${event.id}`}>{event.name}</a>
              </h2>
              <EventWhenWhere ctx={ctx} event={event} />
            </li>
          ))}
        </ul>
      )}
    </>,
  );
}

export type DeskOutcome = { kind: 'checked-in' | 'again'; name: string; at: Date } | { kind: 'unknown' | 'other-event' | 'empty' };

/**
 * The door: a typed code always works; where the browser has BarcodeDetector and a camera,
 * desk.js adds a scanner that fills the same field and sends the same form.
 */
export function deskPage(ctx: PageContext, event: Event, outcome?: DeskOutcome, status = 200): PageView {
  const { t } = ctx;
  return page(
    t('console.desk.title'),
    <>
      <PageHeading title={t('console.desk.title')} lead={event.name} />
      {outcome ? <DeskNotice ctx={ctx} event={event} outcome={outcome} /> : null}
      <PostForm ctx={ctx} action={`/console/desk/${event.id}`} class="card" data-desk-form="">
        <Field id="code" label={t('console.desk.code')} hint={t('console.desk.codeHint')}>
          {(d) => <input type="text" id="code" name="code" class="desk-code" autocomplete="off" autocapitalize="characters" spellcheck={false} required autofocus aria-describedby={d} />}
        </Field>
        <div class="actions">
          <button type="submit">{t('console.desk.checkIn')}</button>
          <button type="button" class="button-secondary" data-scan="" data-denied={t('console.desk.denied')} hidden>
            {t('console.desk.scan')}
          </button>
        </div>
        <p class="hint" data-scan-status="" role="status" aria-live="polite"></p>
        <video class="desk-video" data-scan-video="" muted playsInline hidden aria-label={t('console.desk.camera')}></video>
      </PostForm>
    </>,
    { status, scripts: ['desk.js'] },
  );
}

function DeskNotice({ ctx, event, outcome }: { ctx: PageContext; event: Event; outcome: DeskOutcome }) {
  const { t } = ctx;
  switch (outcome.kind) {
    case 'checked-in':
      return <Notice tone="success">{t('console.desk.welcome', { name: outcome.name })}</Notice>;
    case 'again':
      return <Notice tone="info">{t('console.desk.again', { name: outcome.name, time: ctx.time.time(outcome.at, event.timezone) })}</Notice>;
    case 'unknown':
      return <Notice tone="error">{t('console.desk.unknown')}</Notice>;
    case 'other-event':
      return <Notice tone="error">{t('console.desk.otherEvent')}</Notice>;
    case 'empty':
      return <Notice tone="error">{t('console.desk.empty')}</Notice>;
  }
}
