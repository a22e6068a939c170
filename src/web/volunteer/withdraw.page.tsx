import type { BookingResponse } from '../../bookings/dto/booking.dto';
import type { Event } from '../../events/entities/event.entity';
import { PageHeading, PostForm, TimeText } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';
import { EventWhenWhere } from '../shared/event-summary';

/** Before a volunteer withdraws: who will be told (each student with an interview, and the office). */
export function withdrawPage(ctx: PageContext, event: Event, upcoming: BookingResponse[]): PageView {
  const { t } = ctx;
  return page(
    t('withdraw.title'),
    <>
      <PageHeading title={t('withdraw.heading', { event: event.name })}>
        <EventWhenWhere ctx={ctx} event={event} />
      </PageHeading>
      <div class="card">
        <p>{t('withdraw.what')}</p>
        {upcoming.length ? (
          <>
            <p>{t('withdraw.told', { count: upcoming.length })}</p>
            <ul>
              {upcoming.map((b) => (
                <li>
                  {b.student.name}, <TimeText ctx={ctx} at={new Date(b.startsAt)} zone={event.timezone} />
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t('withdraw.nobody')}</p>
        )}
        <p>{t('withdraw.office')}</p>
        <PostForm ctx={ctx} action={`/event/${event.id}/withdraw`} class="row">
          <button type="submit" class="button-danger">
            {t('withdraw.confirm')}
          </button>
          <a class="button button-secondary" href={`/event/${event.id}`}>
            {t('withdraw.keep')}
          </a>
        </PostForm>
      </div>
    </>,
  );
}
