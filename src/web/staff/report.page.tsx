import type { Event } from '../../events/entities/event.entity';
import type { EventReport } from '../../reports/dto/report.dto';
import { EmptyState, PageHeading } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';
import { BarChart, LineChart } from './charts';

const pct = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);

/** The event report: totals, charts drawn on the server, and the CSV. */
export function reportPage(ctx: PageContext, event: Event, report: EventReport): PageView {
  const { t } = ctx;
  const totals = report.totals;
  const cohorts = report.byMajorAndYear.slice(0, 20);
  return page(
    t('console.day.report'),
    <>
      <PageHeading title={t('console.day.report')} lead={event.name} />
      <p>
        <a class="button button-secondary" href={`/console/events/${event.id}/report.csv`}>
          {t('console.report.csv')}
        </a>
      </p>
      <dl class="meta-list">
        <dt>{t('console.report.registered')}</dt>
        <dd>{totals.registeredStudents}</dd>
        <dt>{t('console.report.checkedIn')}</dt>
        <dd>{totals.checkedInStudents}</dd>
        <dt>{t('console.report.fillRate')}</dt>
        <dd>{t('console.report.fillRateText', { booked: totals.booked, offered: totals.slotsOffered, rate: pct(totals.fillRate) })}</dd>
        <dt>{t('console.report.attendance')}</dt>
        <dd>{pct(totals.attendanceRate)}</dd>
        <dt>{t('console.report.noShows')}</dt>
        <dd>{t('console.report.noShowsText', { count: totals.noShows, rate: pct(totals.noShowRate) })}</dd>
      </dl>
      <h2>{t('console.report.fillRate')}</h2>
      <BarChart title={t('console.report.fillChart')} bars={[{ label: t('console.report.slots'), value: totals.booked, of: totals.slotsOffered }]} format={(v, of) => `${v} / ${of ?? 0}`} />
      <h2>{t('console.report.fillOverTime')}</h2>
      <FillOverTimeChart ctx={ctx} event={event} report={report} />
      <h2>{t('console.report.attendance')}</h2>
      <BarChart
        title={t('console.report.attendanceChart')}
        bars={[
          { label: t('attendance.attended'), value: totals.attended },
          { label: t('attendance.no_show'), value: totals.noShows },
          { label: t('console.report.unmarked'), value: totals.unmarked },
        ]}
      />
      <h2>{t('console.report.byMajorYear')}</h2>
      {cohorts.length ? (
        <BarChart
          title={t('console.report.byMajorYearChart')}
          bars={cohorts.map((c) => ({ label: `${c.major ?? t('console.report.noMajor')} · ${c.graduationYear ?? '–'}`, value: c.attended, of: c.booked }))}
          format={(v, of) => t('console.report.attendedOf', { attended: v, booked: of ?? 0 })}
        />
      ) : (
        <EmptyState>{t('console.report.noCohorts')}</EmptyState>
      )}
    </>,
  );
}

/** How long a step of the fill-rate series is, in words. */
function stepText(ctx: PageContext, minutes: number): string {
  if (minutes % 1440 === 0) return ctx.t('console.report.days', { count: minutes / 1440 });
  if (minutes % 60 === 0) return ctx.t('console.report.hours', { count: minutes / 60 });
  return ctx.t('console.report.minutes', { count: minutes });
}

/** Issue 13: the share of slots booked over time, every time in the event's zone. */
function FillOverTimeChart({ ctx, event, report }: { ctx: PageContext; event: Event; report: EventReport }) {
  const { t } = ctx;
  const { points, stepMinutes } = report.fillOverTime;
  if (!points.length) return <EmptyState>{t('console.report.fillOverTimeNone')}</EmptyState>;
  const when = (at: string) => ctx.time.dateTime(new Date(at), event.timezone);
  const rates = points.map((p) => p.fillRate ?? 0);
  const description = t('console.report.fillOverTimeDesc', {
    from: when(points[0].at),
    to: when(points[points.length - 1].at),
    step: stepText(ctx, stepMinutes),
    first: pct(points[0].fillRate),
    last: pct(points[points.length - 1].fillRate),
    peak: pct(Math.max(...rates)),
  });
  return (
    <LineChart
      id="fill-over-time"
      title={t('console.report.fillOverTimeChart')}
      description={description}
      points={points.map((p) => ({ label: when(p.at), value: p.fillRate, text: t('console.report.bookedShareText', { booked: p.booked, rate: pct(p.fillRate) }) }))}
      tableLabel={t('console.report.fillOverTimeTable')}
      head={[t('console.report.at', { zone: ctx.time.zoneName(new Date(points[0].at), event.timezone) }), t('console.report.bookedShare')]}
    />
  );
}
