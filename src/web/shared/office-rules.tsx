import type { Translate } from '../../common/i18n/catalogue';
import type { IneligibleRule } from '../../eligibility/eligibility.service';
import type { Event } from '../../events/entities/event.entity';
import { Notice } from '../layout/components';
import type { PageContext } from '../layout/page-context';

/** "2 hours", "90 minutes": whole hours as hours, anything else in minutes. */
export function duration(t: Translate, minutes: number): string {
  return minutes % 60 === 0 ? t('rules.duration.hours', { count: minutes / 60 }) : t('rules.duration.minutes', { count: minutes });
}

/** Why the student cannot book the event, instead of its book buttons. */
export function NotEligible({ ctx, rule }: { ctx: PageContext; rule: IneligibleRule }) {
  const { t } = ctx;
  return (
    <Notice tone="info">
      <strong>{t('rules.notEligible')}</strong> {t(`rules.reason.${rule}`)} {t('rules.askOffice')}
    </Notice>
  );
}

/** The event's gap and cut-off, as one line each when set. */
export function RuleLines({ ctx, event }: { ctx: PageContext; event: Event }) {
  const { t } = ctx;
  if (!event.bookingCutoffMinutes && !event.minGapMinutes) return null;
  return (
    <ul class="meta rules">
      {event.bookingCutoffMinutes ? <li>{t('rules.cutoff', { duration: duration(t, event.bookingCutoffMinutes) })}</li> : null}
      {event.minGapMinutes ? <li>{t('rules.gap', { duration: duration(t, event.minGapMinutes) })}</li> : null}
    </ul>
  );
}
