import type { StudentExplanationResponse } from '../../allocation/dto/allocation-run.dto';
import type { PreferenceOptions } from '../../allocation/preferences.service';
import type { BookingResponse } from '../../bookings/dto/booking.dto';
import type { Event } from '../../events/entities/event.entity';
import { EmptyState, Notice, PageHeading, PostForm, TimeText } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';
import { EventWhenWhere } from '../shared/event-summary';
import { daysBetween, middayOf } from '../shared/zoned-input';
import { RATINGS, type PreferenceState } from './preference-state';

export interface PreferencesData {
  event: Event;
  state: PreferenceState;
  options: PreferenceOptions;
  /** Ranked (best first) or rated (1-5 each, ties allowed). */
  mode: 'ranked' | 'rated';
  /** Choices whose interviewer or organization no longer takes part (runs leave them out). */
  gone: Set<string>;
  /** Why the published allocation gave what it gave, when there is one. */
  explanation?: StudentExplanationResponse;
  maxChoices: number;
  window: { opensAt: Date | null; closesAt: Date | null };
  open: boolean;
  /** What an allocation gave the student in this event (once published). */
  held: BookingResponse[];
  problems?: string[];
}

/**
 * Ranking volunteers or expertise tags, and marking times the student cannot come. Every
 * button posts the whole list and saves it, so it works without a script, and moving a choice
 * up or down is two keys away (Tab, Enter), not a drag.
 */
export function preferencesPage(ctx: PageContext, data: PreferencesData, status = 200): PageView {
  const { t, time } = ctx;
  const { event, state, options } = data;
  const zone = event.timezone;
  const describe = (key: string) => {
    if (key.startsWith('t:')) return t('preferences.anyWith', { tag: key.slice(2) });
    if (key.startsWith('o:')) {
      const o = options.organizations.find((org) => `o:${org.id}` === key);
      return o ? t('preferences.anyFrom', { organization: o.name }) : t('preferences.unknownVolunteer');
    }
    const v = options.volunteers.find((o) => `v:${o.id}` === key);
    return v ? [v.name, [v.title, v.organization].filter(Boolean).join(', ')].filter(Boolean).join(' — ') : t('preferences.unknownVolunteer');
  };
  const rated = data.mode === 'rated';
  const available = [
    ...options.volunteers.map((v) => ({ key: `v:${v.id}`, group: 'volunteer' as const })),
    ...options.organizations.map((o) => ({ key: `o:${o.id}`, group: 'organization' as const })),
    ...options.expertise.map((tag) => ({ key: `t:${tag}`, group: 'tag' as const })),
  ].filter((o) => !state.choices.includes(o.key));
  const ratingSelect = (name: string, id: string, value: number, label: string) => (
    <select name={name} id={id} aria-label={label}>
      {RATINGS.map((r) => (
        <option value={r} selected={r === value}>
          {t(`preferences.rating.${r}`)}
        </option>
      ))}
    </select>
  );
  return page(
    t('preferences.title'),
    <>
      <PageHeading title={t('preferences.heading', { event: event.name })} lead={rated ? t('preferences.leadRated', { count: data.maxChoices }) : t('preferences.lead', { count: data.maxChoices })}>
        <EventWhenWhere ctx={ctx} event={event} />
        {data.window.closesAt ? (
          <p class="meta">
            {data.open ? t('preferences.closes') : t('preferences.closed')} <TimeText ctx={ctx} at={data.window.closesAt} zone={zone} />
          </p>
        ) : null}
      </PageHeading>
      {data.problems?.length ? (
        <Notice tone="error">
          <ul>
            {data.problems.map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {data.held.length ? (
        <section class="card" aria-labelledby="result-heading">
          <h2 id="result-heading">{t('preferences.result', { count: data.held.length })}</h2>
          <ul>
            {data.held.map((b) => (
              <li>
                <a href={`/interviews/${b.id}`}>
                  <TimeText ctx={ctx} at={new Date(b.startsAt)} zone={zone} />
                </a>{' '}
                {t('interview.withName', { name: b.volunteer.name })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data.explanation ? <Explanation ctx={ctx} explanation={data.explanation} describe={describe} /> : null}
      <PostForm ctx={ctx} action={`/event/${event.id}/preferences`}>
        {rated ? <input type="hidden" name="rated" value="1" /> : null}
        {state.choices.map((c) => (
          <input type="hidden" name="choice" value={c} />
        ))}
        {state.unavailable.map((u) => (
          <input type="hidden" name="unavailable" value={`${u.startsAt.toISOString()}/${u.endsAt.toISOString()}`} />
        ))}
        <section aria-labelledby="ranking-heading">
          <h2 id="ranking-heading">{t('preferences.ranking')}</h2>
          {state.choices.length ? (
            <ol class="ranking">
              {state.choices.map((c, i) => {
                const name = describe(c);
                return (
                  <li id={`choice-${i}`} tabIndex={-1}>
                    {rated ? null : (
                      <span class="rank" aria-hidden="true">
                        {i + 1}
                      </span>
                    )}
                    <span class="choice">
                      {name}
                      {data.gone.has(c) ? <span class="badge badge-warning">{t('preferences.gone')}</span> : null}
                    </span>
                    {rated ? (
                      data.open ? (
                        ratingSelect('rating', `rating-${i}`, state.ratings?.[i] ?? 3, t('preferences.ratingFor', { name }))
                      ) : (
                        <span class="meta">{t(`preferences.rating.${(state.ratings?.[i] ?? 3) as 1 | 2 | 3 | 4 | 5}`)}</span>
                      )
                    ) : null}
                    {data.open && rated ? (
                      <button type="submit" name="action" value={`remove:${i}`} class="button-link" aria-label={t('preferences.remove', { name })}>
                        {t('preferences.removeShort')}
                      </button>
                    ) : data.open ? (
                      <span class="row">
                        <button type="submit" name="action" value={`up:${i}`} class="button-secondary" disabled={i === 0} aria-label={t('preferences.moveUp', { name })}>
                          ↑
                        </button>
                        <button type="submit" name="action" value={`down:${i}`} class="button-secondary" disabled={i === state.choices.length - 1} aria-label={t('preferences.moveDown', { name })}>
                          ↓
                        </button>
                        <button type="submit" name="action" value={`remove:${i}`} class="button-link" aria-label={t('preferences.remove', { name })}>
                          {t('preferences.removeShort')}
                        </button>
                      </span>
                    ) : null}
                  </li>
                );
              })}
            </ol>
          ) : (
            <EmptyState>{t('preferences.noChoices')}</EmptyState>
          )}
          {data.open && rated && state.choices.length ? (
            <p>
              <button type="submit" name="action" value="save" class="button-secondary">
                {t('preferences.saveRatings')}
              </button>
            </p>
          ) : null}
          {data.open && state.choices.length < data.maxChoices && available.length ? (
            <div class="row">
              <div class="field">
                <label for="add">{t('preferences.add')}</label>
                <select id="add" name="add">
                  <optgroup label={t('preferences.volunteers')}>
                    {available.filter((o) => o.group === 'volunteer').map((o) => (
                      <option value={o.key}>{describe(o.key)}</option>
                    ))}
                  </optgroup>
                  <optgroup label={t('preferences.organizations')}>
                    {available.filter((o) => o.group === 'organization').map((o) => (
                      <option value={o.key}>{describe(o.key)}</option>
                    ))}
                  </optgroup>
                  <optgroup label={t('preferences.tags')}>
                    {available.filter((o) => o.group === 'tag').map((o) => (
                      <option value={o.key}>{describe(o.key)}</option>
                    ))}
                  </optgroup>
                </select>
              </div>
              {rated ? <div class="field">{ratingSelect('addRating', 'add-rating', 1, t('preferences.newRating'))}</div> : null}
              <button type="submit" name="action" value="add">
                {t('preferences.addButton')}
              </button>
            </div>
          ) : null}
        </section>
        <section aria-labelledby="unavailable-heading">
          <h2 id="unavailable-heading">{t('preferences.unavailable')}</h2>
          <p class="hint">{t('preferences.unavailableHint')}</p>
          {state.unavailable.length ? (
            <ul class="card-list">
              {state.unavailable.map((u, i) => (
                <li class="spread">
                  <span>{time.range(u.startsAt, u.endsAt, zone)}</span>
                  {data.open ? (
                    <button type="submit" name="action" value={`clear:${i}`} class="button-link">
                      {t('preferences.removeShort')}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
          {data.open ? (
            <fieldset>
              <legend>{t('preferences.addUnavailable')}</legend>
              <div class="field">
                <label for="u-day">{t('availability.day')}</label>
                <select id="u-day" name="day">
                  {daysBetween(event.startsAt, event.endsAt, zone).map((day) => (
                    <option value={day}>{time.longDay(middayOf(day, zone), zone)}</option>
                  ))}
                </select>
              </div>
              <div class="window-row">
                <div class="field">
                  <label for="u-from">{t('availability.from')}</label>
                  <input type="time" id="u-from" name="from" step={300} />
                </div>
                <div class="field">
                  <label for="u-to">{t('availability.to')}</label>
                  <input type="time" id="u-to" name="to" step={300} />
                </div>
              </div>
              <button type="submit" name="action" value="unavailable" class="button-secondary">
                {t('preferences.addUnavailableButton')}
              </button>
            </fieldset>
          ) : null}
        </section>
      </PostForm>
    </>,
    { status },
  );
}

/** Why the published allocation gave what it gave: each choice with its outcome, no other student named. */
function Explanation({ ctx, explanation, describe }: { ctx: PageContext; explanation: StudentExplanationResponse; describe: (key: string) => string }) {
  const { t } = ctx;
  const keyOf = (c: StudentExplanationResponse['choices'][number]) =>
    c.volunteerId ? `v:${c.volunteerId}` : c.organizationId ? `o:${c.organizationId}` : `t:${(c.groupId ?? '').replace(/^tag:/, '')}`;
  return (
    <section class="card" aria-labelledby="why-heading">
      <h2 id="why-heading">{t('preferences.why', { count: explanation.interviews })}</h2>
      <ul>
        {explanation.choices.map((c) => (
          <li>
            <strong>{describe(keyOf(c))}</strong>: {t(`explanation.${c.outcome as ExplanationOutcome}`, { count: c.heldAtHigherPriority ?? 0, fairness: c.heldByFairness ?? 0 })}
          </li>
        ))}
      </ul>
    </section>
  );
}

type ExplanationOutcome = 'assigned' | 'not-needed' | 'same-organization' | 'no-room' | 'unavailable' | 'clashes-with-interview' | 'taken' | 'load-limit' | 'kept-free';
