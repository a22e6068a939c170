import { Injectable, Logger } from '@nestjs/common';
import { pageLinks } from '../common/http/page-links';
import { Catalogues, DEFAULT_LOCALE, translator } from '../common/i18n/catalogue';
import { TimeFormatter } from '../common/i18n/format';
import { Environment } from '../config/environment';
import { MailService } from '../mail/mail.service';
import { StudentsService } from '../students/students.service';
import { offerMail } from './offer-mail';
import { WaitlistRepository } from './waitlist.repository';

/** Sends an offer's mail (worker role): the held interview, the deadline in the event's zone, accept and decline links. */
@Injectable()
export class OfferDeliveryService {
  private readonly logger = new Logger(OfferDeliveryService.name);

  constructor(
    private readonly offers: WaitlistRepository,
    private readonly students: StudentsService,
    private readonly mail: MailService,
    private readonly catalogues: Catalogues,
    private readonly env: Environment,
  ) {}

  async deliver(offerId: string): Promise<'sent' | 'not-offered'> {
    const offer = await this.offers.offer(offerId);
    // Answered, expired or withdrawn before the mail could go: nothing to offer any more.
    if (!offer || offer.state !== 'offered') return 'not-offered';
    const student = await this.students.findOrFail(offer.student_id);
    const t = translator(DEFAULT_LOCALE, this.catalogues.messages(DEFAULT_LOCALE));
    const time = new TimeFormatter(DEFAULT_LOCALE, t);
    const message = offerMail(t, {
      brand: this.env.BRAND_NAME,
      studentName: student.name,
      eventName: offer.event_name,
      when: time.range(offer.starts_at, offer.ends_at, offer.timezone),
      volunteer: [offer.volunteer_name, offer.organization].filter(Boolean).join(', '),
      deadline: time.dateTime(offer.expires_at, offer.timezone),
      acceptUrl: pageLinks.offer(this.env.PUBLIC_URL, offer.id, 'accept'),
      declineUrl: pageLinks.offer(this.env.PUBLIC_URL, offer.id, 'decline'),
    });
    await this.mail.send({ to: { name: student.name, address: student.email }, ...message, messageId: `<offer-${offer.id}@fairgrid>` });
    this.logger.log({ offerId }, 'Offer mail sent');
    return 'sent';
  }
}
