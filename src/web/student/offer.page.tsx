import type { OfferResponse } from '../../waitlist/dto/waitlist.dto';
import { Notice, PageHeading, PostForm, TimeText } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';

/**
 * Issue 12: the page an offer mail links to (`?answer=accept|decline` from its two links). A GET
 * never answers (mail scanners open links): the student confirms with a button.
 */
export function offerPage(ctx: PageContext, offer: OfferResponse, answer?: 'accept' | 'decline'): PageView {
  const { t, time } = ctx;
  const zone = offer.timezone;
  const open = offer.state === 'offered';
  const accept = (
    <PostForm ctx={ctx} action={`/my/offers/${offer.id}/accept`}>
      <button type="submit" class={answer === 'decline' ? 'button-secondary' : undefined}>
        {t('offer.accept')}
      </button>
    </PostForm>
  );
  const decline = (
    <PostForm ctx={ctx} action={`/my/offers/${offer.id}/decline`}>
      <button type="submit" class={answer === 'decline' ? undefined : 'button-secondary'}>
        {t('offer.decline')}
      </button>
    </PostForm>
  );
  return page(
    t('offer.title'),
    <>
      <PageHeading title={t('offer.heading')}>
        <p class="meta">{offer.eventName}</p>
      </PageHeading>
      <div class="card">
        <dl class="meta-list">
          <dt>{t('interview.when')}</dt>
          <dd>
            <TimeText ctx={ctx} at={new Date(offer.startsAt)} zone={zone} />
            <span class="hint"> {t('interview.until', { time: time.time(new Date(offer.endsAt), zone) })}</span>
          </dd>
          {offer.volunteer ? (
            <>
              <dt>{t('interview.interviewer')}</dt>
              <dd>{[offer.volunteer.name, offer.volunteer.title, offer.volunteer.organization].filter(Boolean).join(', ')}</dd>
            </>
          ) : null}
          <dt>{t('offer.deadline')}</dt>
          <dd>
            <TimeText ctx={ctx} at={new Date(offer.expiresAt)} zone={zone} />
          </dd>
        </dl>
      </div>
      {open ? (
        <>
          {answer ? <Notice tone="info">{answer === 'accept' ? t('offer.chosenAccept') : t('offer.chosenDecline')}</Notice> : null}
          <p>{t('offer.declineHint')}</p>
          <div class="row">{answer === 'decline' ? [decline, accept] : [accept, decline]}</div>
        </>
      ) : (
        <Notice tone={offer.state === 'accepted' ? 'success' : 'info'}>{t(`offer.state.${offer.state as Exclude<typeof offer.state, 'offered'>}`)}</Notice>
      )}
      {offer.bookingId ? (
        <p>
          <a href={`/interviews/${offer.bookingId}`}>{t('offer.seeInterview')}</a>
        </p>
      ) : null}
      <p>
        <a href={`/event/${offer.eventId}`}>{t('interview.backToEvent', { event: offer.eventName })}</a>
      </p>
    </>,
  );
}
