import type { Principal } from '../../common/auth/principal';
import { Badge, PageHeading, PostForm, TimeText } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';
import type { InterviewView } from './interview-pages.service';
import { AttendanceButtons } from './interviews.page';
import { cutoffPassed } from '../../bookings/bookings.service';
import { duration } from '../shared/office-rules';
import { FeedbackShown } from './feedback.page';

/** One interview: when, with whom, where (with the table), and what its student or volunteer can do. */
export function interviewPage(ctx: PageContext, principal: Principal, item: InterviewView): PageView {
  const { t, time } = ctx;
  const { booking, event } = item;
  const isStudent = principal.role === 'student';
  const confirmed = booking.status === 'confirmed';
  const started = item.startsAt.getTime() <= ctx.now.getTime();
  const who = isStudent ? booking.volunteer : booking.student;
  // Issue 12: inside the event's cut-off a student cannot cancel here (staff can).
  const cutoff = isStudent && cutoffPassed(item.startsAt, event.bookingCutoffMinutes, ctx.now);
  return page(
    t('interview.title'),
    <>
      <PageHeading title={t('interview.heading', { name: who.name })}>
        <p class="meta">{event.name}</p>
        {confirmed ? null : <Badge>{t('interview.status.cancelled')}</Badge>}
      </PageHeading>
      <div class="card">
        <dl class="meta-list">
          <dt>{t('interview.when')}</dt>
          <dd>
            <TimeText ctx={ctx} at={item.startsAt} zone={event.timezone} />
            <span class="hint"> {t('interview.until', { time: time.time(item.endsAt, event.timezone) })}</span>
          </dd>
          <dt>{isStudent ? t('interview.interviewer') : t('interview.student')}</dt>
          <dd>
            {who.name}
            {isStudent ? [booking.volunteer.title, booking.volunteer.organization].filter(Boolean).map((part) => `, ${part}`).join('') : ''}
          </dd>
          {item.location ? (
            <>
              <dt>{t('interview.where')}</dt>
              <dd>{item.location}</dd>
            </>
          ) : null}
          {item.attendance ? (
            <>
              <dt>{t('interview.attendance')}</dt>
              <dd>{t(`attendance.${item.attendance}`)}</dd>
            </>
          ) : null}
        </dl>
      </div>
      {confirmed ? (
        <div class="row">
          <a class="button button-secondary" href={`/interviews/${booking.id}/invite.ics`}>
            {t('interview.addToCalendar')}
          </a>
          <a class="button button-secondary" href="/my/calendar">
            {t('interview.subscribe')}
          </a>
          {isStudent ? (
            <a class="button button-secondary" href={`/event/${event.id}/check-in`}>
              {t('home.checkInCode')}
            </a>
          ) : null}
        </div>
      ) : null}
      {confirmed && !isStudent && started ? (
        <section aria-labelledby="attendance-heading">
          <h2 id="attendance-heading">{t('interview.attendance')}</h2>
          <AttendanceButtons ctx={ctx} item={item} />
        </section>
      ) : null}
      {confirmed && !isStudent && item.endsAt.getTime() <= ctx.now.getTime() ? (
        <section aria-labelledby="feedback-heading">
          <h2 id="feedback-heading">{t('feedback.title')}</h2>
          <a class="button" href={`/interviews/${booking.id}/feedback`}>
            {item.feedback?.submitted ? t('feedback.change') : t('feedback.give')}
          </a>
        </section>
      ) : null}
      {isStudent && item.feedback?.submitted ? (
        <section aria-labelledby="feedback-heading">
          <h2 id="feedback-heading">{t('feedback.fromInterviewer')}</h2>
          <FeedbackShown ctx={ctx} feedback={item.feedback} />
        </section>
      ) : null}
      {confirmed && !started ? (
        <section aria-labelledby="cancel-heading">
          <h2 id="cancel-heading">{t('interview.cancelHeading')}</h2>
          {cutoff ? (
            <p>{t('rules.cancelClosed', { duration: duration(t, event.bookingCutoffMinutes) })}</p>
          ) : (
            <>
              <p>{isStudent ? t('interview.cancelStudent') : t('interview.cancelVolunteer')}</p>
              <a class="button button-secondary" href={`/interviews/${booking.id}/cancel`}>
                {t('interview.cancel')}
              </a>
            </>
          )}
        </section>
      ) : null}
      <p>
        <a href={`/event/${event.id}`}>{t('interview.backToEvent', { event: event.name })}</a>
      </p>
    </>,
  );
}

/** "Are you sure?" before a cancellation, which tells the other party at once. */
export function cancelPage(ctx: PageContext, principal: Principal, item: InterviewView): PageView {
  const { t } = ctx;
  const other = principal.role === 'student' ? item.booking.volunteer.name : item.booking.student.name;
  return page(
    t('interview.cancelTitle'),
    <div class="card">
      <PageHeading title={t('interview.cancelQuestion')}>
        <p>
          <TimeText ctx={ctx} at={item.startsAt} zone={item.event.timezone} /> {t('interview.withName', { name: other })}
        </p>
      </PageHeading>
      <p>{t('interview.cancelTold', { name: other })}</p>
      <PostForm ctx={ctx} action={`/interviews/${item.booking.id}/cancel`} class="row">
        <button type="submit" class="button-danger">
          {t('interview.cancelConfirm')}
        </button>
        <a class="button button-secondary" href={`/interviews/${item.booking.id}`}>
          {t('interview.keep')}
        </a>
      </PostForm>
    </div>,
  );
}
