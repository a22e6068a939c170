import type { StrikeStandingResponse } from '../../strikes/dto/strike.dto';
import { Notice } from '../layout/components';
import type { PageContext } from '../layout/page-context';

/**
 * Issue 12: the student's strikes on their home page, each with why, and whether they may still
 * book themselves. Nothing when they never had one.
 */
export function StrikesSection({ ctx, standing }: { ctx: PageContext; standing: StrikeStandingResponse }) {
  const { t, time } = ctx;
  if (!standing.strikes.length) return null;
  return (
    <section aria-labelledby="strikes-heading" class="card">
      <h2 id="strikes-heading">{t('strikes.heading')}</h2>
      {standing.blocked ? <Notice tone="error">{t('strikes.blocked')}</Notice> : null}
      {standing.limit > 0 ? <p>{t('strikes.lead', { count: standing.activeStrikes, limit: standing.limit })}</p> : null}
      <ul>
        {standing.strikes.map((strike) => {
          // A strike spans events: its day in UTC, the ledger's own clock.
          const when = time.date(new Date(strike.occurredAt), 'UTC');
          return (
            <li>
              <strong>{t('strikes.at', { cause: t(`strikes.cause.${strike.cause}`), when })}</strong>
              {strike.eventName ? <span class="hint"> · {strike.eventName}</span> : null} · {t(`strikes.status.${strike.status}`)}
              <br />
              <span class="hint">{t('strikes.why', { reason: strike.reason })}</span>
              {strike.liftedReason ? (
                <>
                  <br />
                  <span class="hint">{t('strikes.lifted', { reason: strike.liftedReason })}</span>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
