import type { Translate } from '../common/i18n/catalogue';
import { escapeHtml } from '../common/http/escape-html';

export interface OfferMailContent {
  brand: string;
  studentName: string;
  eventName: string;
  /** The interview's time and the deadline, already formatted in the event's zone. */
  when: string;
  volunteer: string;
  deadline: string;
  acceptUrl: string;
  declineUrl: string;
}

/** The offer mail: what is held, until when, and one link to accept and one to decline (each opens the offer page). */
export function offerMail(t: Translate, c: OfferMailContent) {
  const lines = [
    t('mail.hello', { name: c.studentName }),
    '',
    t('mail.offer.intro', { event: c.eventName }),
    t('mail.offer.slot', { when: c.when, volunteer: c.volunteer }),
    t('mail.offer.deadline', { deadline: c.deadline }),
    '',
    t('mail.offer.accept'),
    c.acceptUrl,
    '',
    t('mail.offer.decline'),
    c.declineUrl,
  ];
  const html = [
    `<p>${escapeHtml(t('mail.hello', { name: c.studentName }))}</p>`,
    `<p>${escapeHtml(t('mail.offer.intro', { event: c.eventName }))}<br>${escapeHtml(t('mail.offer.slot', { when: c.when, volunteer: c.volunteer }))}</p>`,
    `<p><strong>${escapeHtml(t('mail.offer.deadline', { deadline: c.deadline }))}</strong></p>`,
    `<p><a href="${escapeHtml(c.acceptUrl)}">${escapeHtml(t('mail.offer.accept'))}</a></p>`,
    `<p><a href="${escapeHtml(c.declineUrl)}">${escapeHtml(t('mail.offer.decline'))}</a></p>`,
  ].join('\n');
  return { subject: t('mail.offer.subject', { event: c.eventName, brand: c.brand }), text: lines.join('\n'), html };
}
