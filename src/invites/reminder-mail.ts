import { DateTime } from 'luxon';

export interface ReminderMailInput {
  reminderId: string;
  domain: string;
  offsetMinutes: number;
  recipientRole: 'student' | 'volunteer';
  recipient: { name: string; email: string };
  counterpartName: string;
  event: { name: string; location: string; timezone: string };
  startsAt: Date;
  /** The interview's page: details, calendar file, cancelling. */
  interviewUrl: string;
  brand: string;
}

/** A plain reminder e-mail; its Message-ID follows from the reminder, so a resend matches. */
export function renderReminderMail(input: ReminderMailInput) {
  const when = DateTime.fromJSDate(input.startsAt, { zone: input.event.timezone });
  const lead = input.offsetMinutes % 1440 === 0 ? `${input.offsetMinutes / 1440} day(s)` : input.offsetMinutes % 60 === 0 ? `${input.offsetMinutes / 60} hour(s)` : `${input.offsetMinutes} minute(s)`;
  const who = input.recipientRole === 'student' ? `with ${input.counterpartName}` : `with ${input.counterpartName} (student)`;
  const text = [
    `Hello ${oneLine(input.recipient.name)},`,
    '',
    `Your mock interview ${who} starts in ${lead}:`,
    `${when.toFormat('cccc d LLLL yyyy, HH:mm')} (${input.event.timezone})`,
    input.event.location ? `Where: ${input.event.location}` : null,
    input.event.name,
    '',
    `Details, or cancel if you cannot make it: ${input.interviewUrl}`,
    '',
    `— ${input.brand}`,
  ]
    .filter((line) => line !== null)
    .join('\n');
  return {
    to: { name: oneLine(input.recipient.name), address: input.recipient.email },
    subject: oneLine(`Reminder: mock interview ${who}, ${when.toFormat('ccc d LLL HH:mm')}`),
    messageId: `<reminder-${input.reminderId}@${input.domain}>`,
    text: `${text}\n`,
  };
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\t\u0000-\u001F\u007F]+/g, ' ').trim();
}
