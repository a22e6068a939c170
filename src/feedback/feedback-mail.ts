import type { Translate } from '../common/i18n/catalogue';
import { escapeHtml } from '../common/http/escape-html';

export interface FeedbackMailInput {
  volunteerName: string;
  studentName: string;
  eventName: string;
  /** The form's page (the volunteer signs in first if they must). */
  formUrl: string;
  brand: string;
}

/** The mail asking a volunteer for feedback after an interview; strings from the catalogue. */
export function feedbackRequestMail(t: Translate, input: FeedbackMailInput) {
  const lead = t('mail.feedback.lead', { student: input.studentName, event: input.eventName });
  const action = t('mail.feedback.action');
  const footer = t('mail.feedback.footer', { brand: input.brand });
  const text = [t('mail.hello', { name: input.volunteerName }), '', lead, '', `${action} ${input.formUrl}`, '', footer].join('\n');
  const html = [
    `<p>${escapeHtml(t('mail.hello', { name: input.volunteerName }))}</p>`,
    `<p>${escapeHtml(lead)}</p>`,
    `<p><a href="${escapeHtml(input.formUrl)}">${escapeHtml(action)}</a></p>`,
    `<p>${escapeHtml(footer)}</p>`,
  ].join('\n');
  return { subject: oneLine(t('mail.feedback.subject', { student: input.studentName })), text: `${text}\n`, html };
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\t\u0000-\u001F\u007F]+/g, ' ').trim();
}
