import type { AllocationRunResponse, AllocationRunSummary } from '../../allocation/dto/allocation-run.dto';
import type { BookingResponse } from '../../bookings/dto/booking.dto';
import type { Event } from '../../events/entities/event.entity';
import type { OutboxMessageResponse } from '../../invites/dto/outbox.dto';
import type { SlotResponse } from '../../slots/dto/slot.dto';
import { Badge, EmptyState, Field, PageHeading, PostForm } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';
import { BarChart } from './charts';
import { DataTable } from './console';

export interface BookingFilters {
  status: '' | 'confirmed' | 'cancelled';
  q: string;
}

/** Every booking of an event, filtered by status and by a name; CSV of the schedule; cancel one. */
export function bookingsPage(ctx: PageContext, event: Event, bookings: BookingResponse[], filters: BookingFilters): PageView {
  const { t } = ctx;
  const base = `/console/events/${event.id}`;
  return page(
    t('console.day.bookings'),
    <>
      <PageHeading title={t('console.day.bookings')} lead={event.name} />
      <form method="get" action={`${base}/bookings`} class="filters">
        <Field id="b-q" label={t('console.bookings.search')}>
          {() => <input type="search" id="b-q" name="q" value={filters.q} />}
        </Field>
        <Field id="b-status" label={t('console.bookings.status')}>
          {() => (
            <select id="b-status" name="status">
              <option value="" selected={filters.status === ''}>
                {t('filters.any')}
              </option>
              <option value="confirmed" selected={filters.status === 'confirmed'}>
                {t('console.bookings.confirmed')}
              </option>
              <option value="cancelled" selected={filters.status === 'cancelled'}>
                {t('console.bookings.cancelled')}
              </option>
            </select>
          )}
        </Field>
        <button type="submit">{t('console.bookings.apply')}</button>
      </form>
      <p>
        <a class="button button-secondary" href={`${base}/bookings.csv`}>
          {t('console.bookings.csv')}
        </a>
      </p>
      {bookings.length === 0 ? (
        <EmptyState>{t('console.bookings.none')}</EmptyState>
      ) : (
        <DataTable label={t('console.day.bookings')} head={[t('console.bookings.when'), t('interview.student'), t('interview.interviewer'), t('console.bookings.status'), t('console.actions')]}>
          {bookings.map((b) => (
            <tr>
              <td>{ctx.time.dateTime(new Date(b.startsAt), event.timezone)}</td>
              <td>{b.student.name}</td>
              <td>
                {b.volunteer.name}
                {b.volunteer.organization ? ` (${b.volunteer.organization})` : ''}
              </td>
              <td>
                <Badge tone={b.status === 'confirmed' ? 'success' : 'neutral'}>{t(b.status === 'confirmed' ? 'console.bookings.confirmed' : 'console.bookings.cancelled')}</Badge>
              </td>
              <td>
                {b.status === 'confirmed' ? (
                  <div class="actions">
                  <a href={`${base}/bookings/${b.id}/move`} aria-label={t('console.bookings.moveOf', { student: b.student.name, volunteer: b.volunteer.name })}>
                    {t('console.bookings.move')}
                  </a>
                  <PostForm ctx={ctx} action={`${base}/bookings/${b.id}/cancel`}>
                    <button type="submit" class="button-secondary" aria-label={t('console.bookings.cancelOf', { student: b.student.name, volunteer: b.volunteer.name })}>
                      {t('interview.cancel')}
                    </button>
                  </PostForm>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>,
  );
}

/** Mails that failed for good, with their error and a retry. */
export function mailPage(ctx: PageContext, failed: OutboxMessageResponse[]): PageView {
  const { t } = ctx;
  return page(
    t('console.day.mail'),
    <>
      <PageHeading title={t('console.day.mail')} lead={t('console.mail.lead')} />
      {failed.length === 0 ? (
        <EmptyState>{t('console.mail.none')}</EmptyState>
      ) : (
        <DataTable label={t('console.day.mail')} head={[t('console.mail.to'), t('console.mail.kind'), t('console.mail.error'), t('console.actions')]}>
          {failed.map((m) => (
            <tr>
              <td>{t(`role.${m.recipientRole}`)}</td>
              <td>{m.method === 'CANCEL' ? t('console.mail.cancel') : t('console.mail.invite')}</td>
              <td>{m.lastError ?? ''}</td>
              <td>
                <PostForm ctx={ctx} action={`/console/mail/${m.id}/retry`}>
                  <button type="submit">{t('console.mail.retry')}</button>
                </PostForm>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>,
  );
}

/** The event's allocation runs, newest first, and a button to start one. */
export function allocationRunsPage(ctx: PageContext, event: Event, runs: AllocationRunSummary[]): PageView {
  const { t } = ctx;
  return page(
    t('console.day.allocation'),
    <>
      <PageHeading title={t('console.day.allocation')} lead={t('console.allocation.lead')} />
      <PostForm ctx={ctx} action={`/console/events/${event.id}/allocation`}>
        <button type="submit">{t('console.allocation.start')}</button>
      </PostForm>
      {runs.length === 0 ? (
        <EmptyState>{t('console.allocation.none')}</EmptyState>
      ) : (
        <ul class="card-list">
          {runs.map((run) => (
            <li class="card">
              <a href={`/console/allocation/${run.id}`}>{ctx.time.dateTime(new Date(run.createdAt), event.timezone)}</a> <RunStatus ctx={ctx} run={run} />
            </li>
          ))}
        </ul>
      )}
    </>,
  );
}

function RunStatus({ ctx, run }: { ctx: PageContext; run: AllocationRunSummary }) {
  const { t } = ctx;
  if (run.publishedAt) return <Badge tone="success">{t('console.allocation.published')}</Badge>;
  return <Badge tone={run.status === 'failed' ? 'warning' : 'neutral'}>{t(`console.allocation.status.${run.status}`, { progress: run.progress })}</Badge>;
}

/** One run: its live progress (the page reloads itself while it runs), results, the unplaced and why, and publish. */
export function allocationRunPage(ctx: PageContext, event: Event, run: AllocationRunResponse, studentNames: Map<string, string>): PageView {
  const { t } = ctx;
  const running = run.status === 'queued' || run.status === 'running';
  const stats = run.stats;
  return page(
    t('console.allocation.run'),
    <>
      <PageHeading title={t('console.allocation.run')} lead={event.name}>
        <RunStatus ctx={ctx} run={run} />
      </PageHeading>
      <div data-run-status={run.status}>
        {running ? (
          <>
            <label for="run-progress">{t('console.allocation.progress')}</label>
            <progress id="run-progress" max={100} value={run.progress}>
              {run.progress}%
            </progress>
          </>
        ) : null}
      </div>
      {run.error ? <p class="field-error">{run.error}</p> : null}
      {stats ? (
        <>
          <dl class="meta-list">
            <dt>{t('console.allocation.placed')}</dt>
            <dd>{t('console.allocation.placedText', { placed: stats.studentsPlaced, of: stats.studentsWithPreferences, interviews: stats.interviewsPlaced })}</dd>
            <dt>{t('console.allocation.worstRegret')}</dt>
            <dd>{stats.worstRegret}</dd>
          </dl>
          <h2>{t('console.allocation.byChoice')}</h2>
          <BarChart title={t('console.allocation.byChoice')} bars={stats.choiceHistogram.map((n, i) => ({ label: t('console.allocation.choice', { rank: i + 1 }), value: n }))} />
        </>
      ) : null}
      {run.unplaced?.length ? (
        <>
          <h2>{t('console.allocation.unplaced')}</h2>
          <DataTable label={t('console.allocation.unplaced')} head={[t('interview.student'), t('console.allocation.why'), t('console.actions')]}>
            {run.unplaced.slice(0, 200).map((u) => (
              <tr>
                <td>{studentNames.get(u.studentId) ?? u.studentId}</td>
                <td>{t(`console.allocation.reason.${u.reason}` as 'console.allocation.reason.capacity')}</td>
                <td>
                  <a href={`/console/allocation/${run.id}/explain/${u.studentId}`}>{t('console.allocation.explain')}</a>
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}
      {run.status === 'completed' && !run.publishedAt ? (
        <PostForm ctx={ctx} action={`/console/allocation/${run.id}/publish`}>
          <p>{t('console.allocation.publishText')}</p>
          <button type="submit">{t('console.allocation.publish')}</button>
        </PostForm>
      ) : null}
      <p>
        <a href={`/console/events/${event.id}/allocation`}>{t('console.allocation.back')}</a>
      </p>
    </>,
    { scripts: running ? ['console.js'] : [] },
  );
}

/** Why a student got what they got in a run, as they see it on their preferences page. */
export function explanationPage(
  ctx: PageContext,
  event: Event,
  runId: string,
  studentName: string,
  explanation: { interviews: number; limit: number; choices: { rank: number; outcome: string; heldAtHigherPriority?: number; heldByFairness?: number; volunteerId?: string; groupId?: string; organizationId?: string }[] },
  names: Map<string, string>,
): PageView {
  const { t } = ctx;
  return page(
    t('console.allocation.explainTitle', { name: studentName }),
    <>
      <PageHeading title={t('console.allocation.explainTitle', { name: studentName })} lead={t('console.allocation.explainLead', { interviews: explanation.interviews, limit: explanation.limit })} />
      <ol>
        {explanation.choices.map((c) => (
          <li>
            <strong>{(c.volunteerId && names.get(c.volunteerId)) ?? c.groupId ?? c.organizationId ?? ''}</strong>:{' '}
            {t(`explanation.${c.outcome}` as 'explanation.assigned', { count: c.heldAtHigherPriority ?? 0, fairness: c.heldByFairness ?? 0 })}
          </li>
        ))}
      </ol>
      <p>
        <a href={`/console/allocation/${runId}`}>{t('console.allocation.backToRun')}</a> · {event.name}
      </p>
    </>,
  );
}

/** Moving an interview: the event's free slots to choose from (the same rules as booking them apply). */
export function movePage(ctx: PageContext, event: Event, booking: BookingResponse, slots: SlotResponse[]): PageView {
  const { t } = ctx;
  return page(
    t('console.bookings.moveTitle'),
    <>
      <PageHeading
        title={t('console.bookings.moveTitle')}
        lead={t('console.bookings.moveLead', { student: booking.student.name, volunteer: booking.volunteer.name, when: ctx.time.dateTime(new Date(booking.startsAt), event.timezone) })}
      />
      {slots.length === 0 ? (
        <EmptyState>{t('console.bookings.noFreeSlots')}</EmptyState>
      ) : (
        <PostForm ctx={ctx} action={`/console/events/${event.id}/bookings/${booking.id}/move`} class="card">
          <fieldset>
            <legend>{t('console.bookings.newSlot')}</legend>
            {slots.map((s, i) => (
              <div class="row">
                <input type="radio" id={`slot-${s.id}`} name="slotId" value={s.id} required checked={i === 0} />
                <label for={`slot-${s.id}`}>
                  {ctx.time.dateTime(new Date(s.startsAt), event.timezone)} · {s.volunteer.name}
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit">{t('console.bookings.moveSubmit')}</button>
        </PostForm>
      )}
      <p>
        <a href={`/console/events/${event.id}/bookings`}>{t('console.bookings.back')}</a>
      </p>
    </>,
  );
}
