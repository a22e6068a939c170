import { DateTime } from 'luxon';
import { escapeHtml } from '../common/http/escape-html';
import { pageLinks } from '../common/http/page-links';
import { buildInvite, InviteMethod, inviteUid, Mailbox } from './ical/invite-calendar';

/** Everything one party's e-mail is made from, loaded by the delivery service. */
export interface InviteMailInput {
  method: InviteMethod;
  sequence: number;
  stamp: Date;
  /** `<...@domain>`: fixed when the outbox row is written, so a resend carries the same id. */
  messageId: string;
  /** True when this REQUEST follows an earlier one for the same party (an update). */
  isUpdate: boolean;
  bookingId: string;
  eventId: string;
  uidDomain: string;
  publicUrl: string;
  /** The office's name, signing the message. */
  brand: string;
  organizer: Mailbox;
  event: { name: string; location: string; description: string; timezone: string };
  startsAt: Date;
  endsAt: Date;
  recipientRole: 'student' | 'volunteer';
  recipient: Mailbox;
  /** The other party, by name only: a volunteer never receives a student's address. */
  counterpart: { name: string; organization?: string; title?: string };
  /** The student's check-in code for the day, shown in their booking confirmation (`cid` names the QR image). */
  checkIn?: { code: string; cid: string };
}

export interface RenderedMail {
  to: { name: string; address: string };
  subject: string;
  messageId: string;
  text: string;
  html: string;
  ics: string;
  method: InviteMethod;
}

/** Builds one party's invite e-mail (RFC 6047): text, HTML and the iTIP object. */
export function renderInviteMail(input: InviteMailInput): RenderedMail {
  const when = DateTime.fromJSDate(input.startsAt, { zone: input.event.timezone });
  const until = DateTime.fromJSDate(input.endsAt, { zone: input.event.timezone });
  const whenText = `${when.toFormat('cccc d LLLL yyyy, HH:mm')}–${until.toFormat('HH:mm')} (${input.event.timezone})`;
  const other = describeCounterpart(input);
  const summary =
    input.recipientRole === 'student'
      ? `Mock interview with ${input.counterpart.name} — ${input.event.name}`
      : `Mock interview with ${input.counterpart.name} (student) — ${input.event.name}`;
  const page = pageLinks.interview(input.publicUrl, input.bookingId);
  const cancelHow =
    input.recipientRole === 'student'
      ? `Your interview, to add to your calendar or cancel before it starts: ${page}`
      : `If you cannot make it, cancel it here (the student is told at once): ${page}, or tell the career office (${input.organizer.email}).`;
  const bring =
    input.recipientRole === 'student' ? 'Bring a printed copy of your CV and the job posting you are practising for.' : '';
  const description = [
    `${input.recipientRole === 'student' ? 'Interviewer' : 'Student'}: ${other}`,
    `When: ${whenText}`,
    input.event.location ? `Where: ${input.event.location}` : '',
    bring,
    input.event.description,
    cancelHow,
  ]
    .filter((line) => line.trim() !== '')
    .join('\n');

  const ics = buildInvite({
    method: input.method,
    uid: inviteUid(input.bookingId, input.uidDomain),
    sequence: input.sequence,
    stamp: input.stamp,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    timezone: input.event.timezone,
    summary,
    location: input.event.location,
    description,
    url: page,
    organizer: input.organizer,
    attendee: { ...input.recipient, role: 'REQ-PARTICIPANT' },
  });

  const prefix = input.method === 'CANCEL' ? 'Cancelled' : input.isUpdate ? 'Updated' : 'Invitation';
  const lead =
    input.method === 'CANCEL'
      ? 'This interview has been cancelled.'
      : input.isUpdate
        ? 'This interview has changed; the details below replace the earlier ones.'
        : 'You have a mock interview booked.';
  const links = [
    `The event: ${pageLinks.event(input.publicUrl, input.eventId)}`,
    `Every interview in your calendar app, kept up to date: ${pageLinks.calendar(input.publicUrl)}`,
  ];
  const checkIn = input.method === 'REQUEST' && input.checkIn ? input.checkIn : undefined;
  const checkInText = checkIn
    ? [`Your check-in code for the day: ${checkIn.code}. Show it at the desk (as text or as the QR code: ${pageLinks.checkIn(input.publicUrl, input.eventId)}).`]
    : [];
  const text = [`Hello ${oneLine(input.recipient.name)},`, '', lead, '', input.event.name, description, '', ...checkInText, ...links, '', `— ${input.brand}`, ''].join('\n');
  return {
    to: { name: oneLine(input.recipient.name), address: input.recipient.email },
    // Header values are single lines: user text must not start a new header.
    subject: oneLine(`${prefix}: ${summary}, ${when.toFormat('ccc d LLL HH:mm')}`),
    messageId: input.messageId,
    text,
    html: [
      `<!doctype html><html><body><p>Hello ${escapeHtml(input.recipient.name)},</p><p>${escapeHtml(lead)}</p>`,
      `<p><strong>${escapeHtml(input.event.name)}</strong><br>${description.split('\n').map(linkify).join('<br>')}</p>`,
      checkIn
        ? `<p>Your check-in code for the day: <strong>${escapeHtml(checkIn.code)}</strong>. Show it at the desk.</p><p><img src="cid:${escapeHtml(checkIn.cid)}" width="200" height="200" alt="QR code of check-in code ${escapeHtml(checkIn.code)}"></p>`
        : '',
      `<p>${links.map(linkify).join('<br>')}</p><p>— ${escapeHtml(input.brand)}</p></body></html>`,
    ].join(''),
    ics,
    method: input.method,
  };
}

function describeCounterpart(input: InviteMailInput): string {
  const { name, organization, title } = input.counterpart;
  const role = [title, organization].filter(Boolean).join(', ');
  return role ? `${name} (${role})` : name;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\t\u0000-\u001F\u007F]+/g, ' ').trim();
}

/** Escapes a line, then makes our own page addresses in it clickable. */
function linkify(line: string): string {
  return escapeHtml(line).replace(/https?:\/\/[^\s<,]+/g, (url) => `<a href="${url}">${url}</a>`);
}
