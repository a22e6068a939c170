import type { CheckInCodeResponse } from '../../check-in/dto/check-in.dto';
import type { Event } from '../../events/entities/event.entity';
import { PageHeading } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import { page, PageView } from '../layout/page-result';
import { EventWhenWhere } from '../shared/event-summary';

/** The student's check-in code for fair day: a QR code to show at the desk, and the same code as text. */
export function checkInPage(ctx: PageContext, event: Event, code: CheckInCodeResponse): PageView {
  const { t } = ctx;
  return page(
    t('checkIn.title'),
    <>
      <PageHeading title={t('checkIn.heading', { event: event.name })} lead={t('checkIn.lead')}>
        <EventWhenWhere ctx={ctx} event={event} />
      </PageHeading>
      <figure class="card">
        {/* Our own SVG from the qrcode library, made from a code we issued: no user text in it. */}
        <div class="qr" role="img" aria-label={t('checkIn.qrLabel', { code: code.checkInCode })} dangerouslySetInnerHTML={{ __html: code.qrSvg }} />
        <figcaption>
          {t('checkIn.typed')} <span class="code">{code.checkInCode}</span>
        </figcaption>
      </figure>
    </>,
  );
}
