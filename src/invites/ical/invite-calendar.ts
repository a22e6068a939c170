import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';

export type InviteMethod = 'REQUEST' | 'CANCEL';

export interface Mailbox {
  name: string;
  email: string;
}

/** What one party's calendar needs to know about one interview. */
export interface InterviewDetails {
  /** The booking's UID (see `inviteUid` / `feedUid`): stable for its whole life. */
  uid: string;
  startsAt: Date;
  endsAt: Date;
  /** IANA zone of the event; times are written in it with a matching VTIMEZONE. */
  timezone: string;
  summary: string;
  location: string;
  description: string;
  url: string;
}

export interface InviteInput extends InterviewDetails {
  method: InviteMethod;
  sequence: number;
  /** When this version of the invite was created; written in UTC (RFC 5545 §3.8.7.2). */
  stamp: Date;
  organizer: Mailbox;
  /** The one party this copy goes to: a volunteer never sees the student's address. */
  attendee: Mailbox & { role: 'REQ-PARTICIPANT' | 'CHAIR' };
}

export interface FeedInput {
  name: string;
  /** Seconds between client refreshes (REFRESH-INTERVAL, RFC 7986 §5.7; X-PUBLISHED-TTL). */
  refreshSeconds: number;
  /** DTSTAMP of events that do not carry their own. */
  stamp: Date;
  events: (InterviewDetails & { stamp?: Date })[];
}

const PROD_ID = { company: 'Fairgrid', product: 'Fairgrid Interviews', language: 'EN' };

/**
 * The e-mailed copy and the feed copy of a booking carry different UIDs, so a client holding
 * both (an accepted invite and a subscription) neither merges nor duplicates them.
 */
export function inviteUid(bookingId: string, domain: string): string {
  return `booking-${bookingId}@${domain}`;
}

export function feedUid(bookingId: string, domain: string): string {
  return `feed-${bookingId}@${domain}`;
}

/** An iTIP (RFC 5546) REQUEST or CANCEL for one party; the text ends with CRLF. */
export function buildInvite(input: InviteInput): string {
  const calendar = newCalendar(input.method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL);
  const event = calendar.createEvent({
    ...eventFields(input),
    sequence: input.sequence,
    stamp: DateTime.fromJSDate(input.stamp, { zone: 'utc' }),
    organizer: { name: clean(input.organizer.name), email: input.organizer.email },
    status: input.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  event.createAttendee({
    name: clean(input.attendee.name),
    email: input.attendee.email,
    role: input.attendee.role === 'CHAIR' ? ICalAttendeeRole.CHAIR : ICalAttendeeRole.REQ,
    status: ICalAttendeeStatus.NEEDSACTION,
    rsvp: true,
  });
  return finish(calendar.toString());
}

/** A METHOD:PUBLISH subscription feed: no ATTENDEE or RSVP, which would invite replies. */
export function buildFeed(input: FeedInput): string {
  const calendar = newCalendar(ICalCalendarMethod.PUBLISH);
  // ical-generator writes NAME / X-WR-CALNAME verbatim, unlike event properties.
  calendar.name(escapeText(clean(input.name)));
  calendar.ttl(input.refreshSeconds);
  for (const details of input.events) {
    calendar.createEvent({
      ...eventFields(details),
      stamp: DateTime.fromJSDate(details.stamp ?? input.stamp, { zone: 'utc' }),
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return finish(calendar.toString());
}

function newCalendar(method: ICalCalendarMethod) {
  const calendar = ical({ prodId: PROD_ID, method });
  // A calendar-level zone name would make DTSTAMP floating; only the VTIMEZONE generator is
  // wanted, for the zones the events name.
  calendar.timezone({ name: null, generator: vtimezone });
  return calendar;
}

function eventFields(details: InterviewDetails) {
  // A zone without a known VTIMEZONE is written in UTC: the same instant, never a TZID that a
  // client cannot resolve.
  const zone = vtimezoneOrUndefined(details.timezone) ? details.timezone : 'UTC';
  // Zoned Luxon values: ical-generator writes their wall-clock time under the TZID. Plain
  // Date values would be written as UTC clock time under the TZID (wrong by the offset).
  return {
    id: details.uid,
    start: DateTime.fromJSDate(details.startsAt, { zone }),
    end: DateTime.fromJSDate(details.endsAt, { zone }),
    timezone: zone,
    summary: clean(details.summary),
    location: details.location ? clean(details.location) : null,
    description: clean(details.description),
    url: details.url,
  };
}

/** The package reads a file per call; zones are few, so each is read once. */
const VTIMEZONES = new Map<string, string>();

function vtimezoneOrUndefined(zone: string): string | undefined {
  if (zone === 'UTC') return undefined;
  let component = VTIMEZONES.get(zone);
  if (!component) {
    component = getVtimezoneComponent(zone) ?? undefined;
    if (component) VTIMEZONES.set(zone, component);
  }
  return component;
}

function vtimezone(zone: string): string | null {
  return vtimezoneOrUndefined(zone) ?? null;
}

/**
 * Control characters other than line breaks and tab are not allowed in TEXT (RFC 5545
 * §3.3.11); ical-generator escapes the rest (backslash, comma, semicolon, line breaks).
 */
function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
}

/** TEXT escaping of RFC 5545 §3.3.11, for the values ical-generator leaves raw. */
export function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/** Every line CRLF-terminated (RFC 5545 §3.1), including the last. */
function finish(text: string): string {
  const crlf = text.replace(/\r?\n/g, '\r\n');
  return crlf.endsWith('\r\n') ? crlf : `${crlf}\r\n`;
}
