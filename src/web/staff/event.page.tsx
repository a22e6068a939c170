import type { Event } from '../../events/entities/event.entity';
import { Badge, PageHeading } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';
import { BookingWindowLine, EventWhenWhere } from '../shared/event-summary';

/** Staff's view of one event until the console lands: its facts, and where the API documents the rest. */
export function staffEventPage(ctx: PageContext, event: Event): PageView {
  const { t } = ctx;
  return page(
    event.name,
    <>
      <PageHeading title={event.name}>
        <Badge tone={event.status === 'published' ? 'success' : 'neutral'}>{t(`eventStatus.${event.status}`)}</Badge>
        <EventWhenWhere ctx={ctx} event={event} />
        <BookingWindowLine ctx={ctx} event={event} />
      </PageHeading>
      <p>{t('staff.eventApi')}</p>
      <p>
        <a class="button button-secondary" href="/api/docs">
          {t('staff.apiDocs')}
        </a>
      </p>
    </>,
  );
}
