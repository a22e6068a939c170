import ICAL from 'ical.js';
import type { ReceivedMail } from './smtp';

export interface InviteParts {
  /** The text/calendar alternative inside the body. */
  inline: { contentType: string; text: string };
  /** The invite.ics attachment. */
  file: { contentType: string; filename: string; text: string };
  text: string;
  html: string;
}

/** The calendar parts of a received invite, as mailparser splits them. */
export function inviteParts(mail: ReceivedMail): InviteParts {
  const inline = mail.parsed.attachments.find((a) => a.contentType === 'text/calendar');
  const file = mail.parsed.attachments.find((a) => a.filename === 'invite.ics');
  if (!inline || !file) throw new Error(`Invite parts missing in ${mail.parsed.messageId}`);
  return {
    inline: { contentType: String(inline.headers.get('content-type') ? headerText(inline.headers.get('content-type')) : ''), text: inline.content.toString('utf8') },
    file: { contentType: file.contentType, filename: file.filename!, text: file.content.toString('utf8') },
    text: mail.parsed.text ?? '',
    html: typeof mail.parsed.html === 'string' ? mail.parsed.html : '',
  };
}

function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
  const { value: main, params } = value as { value: string; params: Record<string, string> };
  return [main, ...Object.entries(params).map(([k, v]) => `${k}=${v}`)].join('; ');
}

/** Parses an .ics and registers its VTIMEZONEs, so times convert as a client would. */
export function parseIcs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const vevents = calendar.getAllSubcomponents('vevent');
  return { calendar, vevents, vevent: vevents[0] };
}

export function unixOf(value: unknown): number {
  return (value as InstanceType<typeof ICAL.Time>).toUnixTime();
}
