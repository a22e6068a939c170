import type { Event } from '../../events/entities/event.entity';
import { Badge, PageHeading } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';
import { BookingWindowLine, EventWhenWhere } from '../shared/event-summary';
import type { EligibilityResponse } from '../../eligibility/dto/eligibility.dto';
import { duration } from '../shared/office-rules';

/** Staff's view of one event until the console lands: its facts, and where the API documents the rest. */
export function staffEventPage(ctx: PageContext, event: Event, eligibility: EligibilityResponse): PageView {
  const { t } = ctx;
  return page(
    event.name,
    <>
      <PageHeading title={event.name}>
        <Badge tone={event.status === 'published' ? 'success' : 'neutral'}>{t(`eventStatus.${event.status}`)}</Badge>
        <EventWhenWhere ctx={ctx} event={event} />
        <BookingWindowLine ctx={ctx} event={event} />
      </PageHeading>
      <OfficeRules ctx={ctx} event={event} eligibility={eligibility} />
      <p>{t('staff.eventApi')}</p>
      <p>
        <a class="button button-secondary" href="/api/docs">
          {t('staff.apiDocs')}
        </a>
      </p>
    </>,
  );
}

/** Issue 12: the event's gap, cut-off and eligibility, read-only (set through the API). */
function OfficeRules({ ctx, event, eligibility: e }: { ctx: PageContext; event: Event; eligibility: EligibilityResponse }) {
  const { t } = ctx;
  const who = [
    e.majors ? t('rules.staffMajors', { list: e.majors.join(', ') }) : null,
    e.graduationYears ? t('rules.staffYears', { list: e.graduationYears.join(', ') }) : null,
    e.emailDomains ? t('rules.staffDomains', { list: e.emailDomains.join(', ') }) : null,
    e.studentIds ? t('rules.staffListed', { count: e.studentIds.length }) : null,
  ].filter((x): x is string => x !== null);
  return (
    <section aria-labelledby="rules-heading" class="card">
      <h2 id="rules-heading">{t('rules.staffHeading')}</h2>
      <dl class="meta-list">
        <dt>{t('rules.staffGap')}</dt>
        <dd>{event.minGapMinutes ? duration(t, event.minGapMinutes) : t('rules.staffNone')}</dd>
        <dt>{t('rules.staffCutoff')}</dt>
        <dd>{event.bookingCutoffMinutes ? t('rules.staffCutoffValue', { duration: duration(t, event.bookingCutoffMinutes) }) : t('rules.staffUntilStart')}</dd>
        <dt>{t('rules.staffWho')}</dt>
        <dd>{who.length ? who.join('; ') : t('rules.staffEveryone')}</dd>
      </dl>
      <p class="hint">{t('rules.staffEdit', { id: event.id })}</p>
    </section>
  );
}
