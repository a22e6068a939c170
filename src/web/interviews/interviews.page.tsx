import type { Principal } from '../../common/auth/principal';
import { Badge, EmptyState, PageHeading, PostForm, TimeText } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';
import type { InterviewView } from './interview-pages.service';

/** A student's interviews, or a volunteer's schedule: upcoming first, then past and cancelled ones. */
export function interviewsPage(ctx: PageContext, principal: Principal, interviews: InterviewView[]): PageView {
  const { t } = ctx;
  const isVolunteer = principal.role === 'volunteer';
  const now = ctx.now.getTime();
  const upcoming = interviews.filter((i) => i.booking.status === 'confirmed' && i.endsAt.getTime() > now);
  const past = interviews.filter((i) => i.booking.status === 'confirmed' && i.endsAt.getTime() <= now).reverse();
  const cancelled = interviews.filter((i) => i.booking.status === 'cancelled');
  return page(
    isVolunteer ? t('schedule.title') : t('interviews.title'),
    <>
      <PageHeading title={isVolunteer ? t('schedule.title') : t('interviews.title')} lead={isVolunteer ? t('schedule.lead') : t('interviews.lead')} />
      <h2>{t('interviews.upcoming')}</h2>
      {upcoming.length ? <InterviewList ctx={ctx} principal={principal} items={upcoming} /> : <EmptyState>{isVolunteer ? t('schedule.none') : t('interviews.none')}</EmptyState>}
      {past.length ? (
        <>
          <h2>{t('interviews.past')}</h2>
          <InterviewList ctx={ctx} principal={principal} items={past} />
        </>
      ) : null}
      {cancelled.length ? (
        <details>
          <summary>{t('interviews.cancelled', { count: cancelled.length })}</summary>
          <InterviewList ctx={ctx} principal={principal} items={cancelled} />
        </details>
      ) : null}
    </>,
  );
}

function InterviewList({ ctx, principal, items }: { ctx: PageContext; principal: Principal; items: InterviewView[] }) {
  const { t } = ctx;
  return (
    <ul class="card-list">
      {items.map((i) => {
        const other = principal.role === 'volunteer' ? i.booking.student.name : i.booking.volunteer.name;
        return (
          <li>
            <div class="spread">
              <a href={`/interviews/${i.booking.id}`}>
                <TimeText ctx={ctx} at={i.startsAt} zone={i.event.timezone} />
              </a>
              {i.booking.status === 'cancelled' ? <Badge>{t('interview.status.cancelled')}</Badge> : i.attendance ? <Badge tone="success">{t(`attendance.${i.attendance}`)}</Badge> : null}
            </div>
            <p class="meta">
              {t('interview.withName', { name: other })}
              {principal.role === 'student' && i.booking.volunteer.organization ? ` (${i.booking.volunteer.organization})` : ''} · {i.event.name}
            </p>
            {i.location ? <p class="meta">{i.location}</p> : null}
            {principal.role === 'volunteer' && i.booking.status === 'confirmed' && i.startsAt.getTime() <= ctx.now.getTime() ? <AttendanceButtons ctx={ctx} item={i} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** Attended / no-show, for the volunteer once the interview has started; pressing again corrects it. */
export function AttendanceButtons({ ctx, item }: { ctx: PageContext; item: InterviewView }) {
  const { t } = ctx;
  const name = item.booking.student.name;
  return (
    <PostForm ctx={ctx} action={`/interviews/${item.booking.id}/attendance`} class="row">
      <button type="submit" name="status" value="attended" class={item.attendance === 'attended' ? '' : 'button-secondary'} aria-pressed={item.attendance === 'attended' ? 'true' : 'false'} aria-label={t('attendance.markAttended', { name })}>
        {t('attendance.attended')}
      </button>
      <button type="submit" name="status" value="no_show" class={item.attendance === 'no_show' ? '' : 'button-secondary'} aria-pressed={item.attendance === 'no_show' ? 'true' : 'false'} aria-label={t('attendance.markNoShow', { name })}>
        {t('attendance.no_show')}
      </button>
    </PostForm>
  );
}
