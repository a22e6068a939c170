import type { Translate } from '../../common/i18n/catalogue';
import type { Event } from '../../events/entities/event.entity';
import type { WaitlistEntryResponse } from '../../waitlist/dto/waitlist.dto';
import { PostForm } from '../layout/components';
import type { PageContext } from '../layout/page-context';

/** Issue 12: what an entry waits for, in words. */
export function waitingFor(t: Translate, entry: WaitlistEntryResponse): string {
  const n = entry.narrowing;
  if (n?.expertise) return t('waitlist.narrowExpertise', { tag: n.expertise });
  if (n?.volunteer) return n.volunteer.name;
  if (n?.organization) return n.organization.name;
  return t('waitlist.narrowAny');
}

/** The student's waiting entries of one event: place in line, the offer out to them, and a way out. */
export function WaitlistPlaces({ ctx, event, entries }: { ctx: PageContext; event: Event; entries: WaitlistEntryResponse[] }) {
  const { t } = ctx;
  const waiting = entries.filter((e) => e.status === 'waiting');
  if (!waiting.length) return null;
  return (
    <ul class="card-list">
      {waiting.map((entry) => (
        <li>
          {entry.offer ? (
            <p>
              {t('waitlist.offerOut', { deadline: ctx.time.dateTime(new Date(entry.offer.expiresAt), event.timezone) })}{' '}
              <a href={`/my/offers/${entry.offer.id}`}>{t('waitlist.answerOffer')}</a>
            </p>
          ) : (
            <p>{t('waitlist.place', { what: waitingFor(t, entry), position: entry.position ?? 0 })}</p>
          )}
          <PostForm ctx={ctx} action={`/my/waitlist/${entry.id}/leave`}>
            <button type="submit" class="button-secondary" aria-label={t('waitlist.leaveNamed', { what: waitingFor(t, entry) })}>
              {t('waitlist.leave')}
            </button>
          </PostForm>
        </li>
      ))}
    </ul>
  );
}

/** On the student's event page: their places in line and, while booking is open, the form to join (optionally narrowed to an expertise tag). */
export function WaitlistSection({ ctx, event, entries, expertise, open }: { ctx: PageContext; event: Event; entries: WaitlistEntryResponse[]; expertise: string[]; open: boolean }) {
  const { t } = ctx;
  if (!open && !entries.some((e) => e.status === 'waiting')) return null;
  return (
    <section aria-labelledby="waitlist-heading" id="waitlist" class="card">
      <h2 id="waitlist-heading">{t('waitlist.heading')}</h2>
      <WaitlistPlaces ctx={ctx} event={event} entries={entries} />
      {open ? (
        <>
          <p>{t('waitlist.lead')}</p>
          <PostForm ctx={ctx} action={`/event/${event.id}/waitlist`}>
            <div class="field">
              <label for="waitlist-for">{t('waitlist.narrowLabel')}</label>
              <select id="waitlist-for" name="expertise">
                <option value="">{t('waitlist.narrowAny')}</option>
                {expertise.map((tag) => (
                  <option value={tag}>{t('waitlist.narrowExpertise', { tag })}</option>
                ))}
              </select>
            </div>
            <button type="submit">{t('waitlist.join')}</button>
          </PostForm>
        </>
      ) : null}
    </section>
  );
}

