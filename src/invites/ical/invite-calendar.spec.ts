import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { buildFeed, buildInvite, feedUid, InviteInput, inviteUid } from './invite-calendar';

const HOSTILE = 'Zoë "Z" O\'Neil, Jr.; \\back\\slash\r\nATTENDEE:mailto:evil@x.test\rX\nY';

function invite(overrides: Partial<InviteInput> = {}): InviteInput {
  return {
    method: 'REQUEST',
    uid: inviteUid('7f1c8a52-8c55-4a43-9bb3-0d1b8f0d7a10', 'fairgrid.test'),
    sequence: 0,
    stamp: new Date('2026-03-01T12:00:00.000Z'),
    // 02:00 local does not exist on 2026-03-29 in Berlin: 01:30 CET → 03:30 CEST crosses it.
    startsAt: new Date('2026-03-29T00:30:00.000Z'),
    endsAt: new Date('2026-03-29T01:30:00.000Z'),
    timezone: 'Europe/Berlin',
    summary: 'Mock interview with Ada Lovelace',
    location: 'Main Hall, Table 4',
    description: 'Volunteer: Ada Lovelace\nBring your CV.',
    url: 'https://fairgrid.test/bookings/7f1c8a52',
    organizer: { name: 'Fairgrid', email: 'no-reply@fairgrid.test' },
    attendee: { name: 'Sam Student', email: 'sam@students.test', role: 'REQ-PARTICIPANT' },
    ...overrides,
  };
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const vevents = calendar.getAllSubcomponents('vevent');
  return { calendar, vevents, vevent: vevents[0] };
}

/** The wall-clock time a client shows, in the event's zone, from the parsed DTSTART. */
function wallClock(value: unknown): string {
  const time = value as InstanceType<typeof ICAL.Time>;
  return DateTime.fromSeconds(time.toUnixTime(), { zone: 'Europe/Berlin' }).toISO({ suppressMilliseconds: true })!;
}

describe('buildInvite', () => {
  it('writes an iTIP REQUEST with a zoned start across a DST change, UTC DTSTAMP and one attendee', () => {
    const text = buildInvite(invite());
    const { calendar, vevent } = parse(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Fairgrid//Fairgrid Interviews//EN');
    expect(vevent.getFirstPropertyValue('uid')).toBe('booking-7f1c8a52-8c55-4a43-9bb3-0d1b8f0d7a10@fairgrid.test');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(0);
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');

    const start = vevent.getFirstProperty('dtstart')!;
    expect(start.getParameter('tzid')).toBe('Europe/Berlin');
    expect(wallClock(start.getFirstValue())).toBe('2026-03-29T01:30:00+01:00');
    expect(wallClock(vevent.getFirstPropertyValue('dtend'))).toBe('2026-03-29T03:30:00+02:00');
    expect((start.getFirstValue() as InstanceType<typeof ICAL.Time>).toUnixTime()).toBe(Date.parse('2026-03-29T00:30:00Z') / 1000);
    expect((vevent.getFirstPropertyValue('dtend') as InstanceType<typeof ICAL.Time>).toUnixTime()).toBe(
      Date.parse('2026-03-29T01:30:00Z') / 1000,
    );
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:20260329T013000\r\n');
    expect(text).toContain('DTEND;TZID=Europe/Berlin:20260329T033000\r\n');
    expect(text).toContain('DTSTAMP:20260301T120000Z\r\n');
    expect(calendar.getAllSubcomponents('vtimezone').map((tz) => tz.getFirstPropertyValue('tzid'))).toEqual(['Europe/Berlin']);

    const organizer = vevent.getFirstProperty('organizer')!;
    expect(String(organizer.getFirstValue()).toLowerCase()).toBe('mailto:no-reply@fairgrid.test');
    expect(organizer.getParameter('cn')).toBe('Fairgrid');
    const attendees = vevent.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    expect(String(attendees[0].getFirstValue()).toLowerCase()).toBe('mailto:sam@students.test');
    expect(attendees[0].getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(attendees[0].getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(attendees[0].getParameter('rsvp')).toBe('TRUE');
    expect(attendees[0].getParameter('cn')).toBe('Sam Student');

    expect(vevent.getFirstPropertyValue('summary')).toBe('Mock interview with Ada Lovelace');
    expect(vevent.getFirstPropertyValue('location')).toBe('Main Hall, Table 4');
    expect(vevent.getFirstPropertyValue('description')).toBe('Volunteer: Ada Lovelace\nBring your CV.');
    expect(vevent.getFirstPropertyValue('url')).toBe('https://fairgrid.test/bookings/7f1c8a52');
  });

  it('keeps the wall-clock time on the summer side of a DST change too (America/New_York, November)', () => {
    const text = buildInvite(
      invite({
        timezone: 'America/New_York',
        // 00:30 EDT to 02:30 EST: three hours, although the clock moves two.
        startsAt: new Date('2026-11-01T04:30:00Z'),
        endsAt: new Date('2026-11-01T07:30:00Z'),
      }),
    );
    const { vevent } = parse(text);
    const start = vevent.getFirstPropertyValue('dtstart') as InstanceType<typeof ICAL.Time>;
    const end = vevent.getFirstPropertyValue('dtend') as InstanceType<typeof ICAL.Time>;
    expect(start.toUnixTime()).toBe(Date.parse('2026-11-01T04:30:00Z') / 1000);
    expect(end.toUnixTime()).toBe(Date.parse('2026-11-01T07:30:00Z') / 1000);
    expect(text).toContain('DTSTART;TZID=America/New_York:20261101T003000\r\n');
  });

  it('escapes a hostile name so it can neither break the file nor inject a property', () => {
    const text = buildInvite(
      invite({
        summary: `Mock interview with ${HOSTILE}`,
        location: HOSTILE,
        description: `Student: ${HOSTILE}`,
        attendee: { name: HOSTILE, email: 'sam@students.test', role: 'REQ-PARTICIPANT' },
        organizer: { name: HOSTILE, email: 'no-reply@fairgrid.test' },
      }),
    );
    const { vevent } = parse(text);
    const asText = HOSTILE.replace(/\r\n|\r|\n/g, '\n');
    expect(vevent.getFirstPropertyValue('summary')).toBe(`Mock interview with ${asText}`);
    expect(vevent.getFirstPropertyValue('location')).toBe(asText);
    expect(vevent.getFirstPropertyValue('description')).toBe(`Student: ${asText}`);
    const attendees = vevent.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    expect(String(attendees[0].getFirstValue()).toLowerCase()).toBe('mailto:sam@students.test');
    expect(attendees[0].getParameter('cn')).toBe(asText);
    expect(vevent.getFirstProperty('organizer')!.getParameter('cn')).toBe(asText);
    expect(text).not.toMatch(/\r\nATTENDEE:mailto:evil/);
    expect(text).not.toMatch(/\r\n[XY]\r\n/);
  });

  it('uses CRLF everywhere, ends with CRLF and folds at 75 octets without splitting a UTF-8 character', () => {
    const text = buildInvite(invite({ description: 'ü€😀'.repeat(60), summary: 'x'.repeat(200) }));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) {
      const bytes = Buffer.from(line, 'utf8');
      expect(bytes.length).toBeLessThanOrEqual(75);
      expect(bytes.toString('utf8')).toBe(line); // no lone surrogate or cut character
      expect(line).not.toContain('\uFFFD');
    }
    expect(parse(text).vevent.getFirstPropertyValue('description')).toBe('ü€😀'.repeat(60));
  });

  it('writes a CANCEL with the same UID, a higher SEQUENCE and STATUS:CANCELLED', () => {
    const request = parse(buildInvite(invite())).vevent;
    const text = buildInvite(invite({ method: 'CANCEL', sequence: 2, stamp: new Date('2026-03-02T08:00:00Z') }));
    const { calendar, vevent } = parse(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevent.getFirstPropertyValue('uid')).toBe(request.getFirstPropertyValue('uid'));
    expect(vevent.getFirstPropertyValue('sequence')).toBe(2);
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(text).toContain('DTSTAMP:20260302T080000Z\r\n');
  });
});

describe('buildFeed', () => {
  it('publishes events without attendees, with refresh hints and feed UIDs', () => {
    const { uid: _uid, method: _m, sequence: _s, stamp: _st, organizer: _o, attendee: _a, ...details } = invite();
    const text = buildFeed({
      name: `Interviews of ${HOSTILE}`,
      refreshSeconds: 3600,
      stamp: new Date('2026-03-01T12:00:00Z'),
      events: [{ ...details, uid: feedUid('7f1c8a52-8c55-4a43-9bb3-0d1b8f0d7a10', 'fairgrid.test') }],
    });
    const { calendar, vevents } = parse(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    // ical.js leaves NAME (RFC 7986) unescaped: the raw value shows the escaping itself.
    expect(calendar.getFirstPropertyValue('name')).toBe(
      'Interviews of Zoë "Z" O\'Neil\\, Jr.\\; \\\\back\\\\slash\\nATTENDEE:mailto:evil@x.test\\nX\\nY',
    );
    expect(text).not.toMatch(/\r\n(ATTENDEE|X|Y)[:\r]/);
    expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n');
    expect(text).toContain('X-PUBLISHED-TTL:PT1H\r\n');
    expect(vevents).toHaveLength(1);
    expect(vevents[0].getFirstPropertyValue('uid')).toBe('feed-7f1c8a52-8c55-4a43-9bb3-0d1b8f0d7a10@fairgrid.test');
    expect(vevents[0].getAllProperties('attendee')).toHaveLength(0);
    expect(text).not.toContain('RSVP');
    expect(wallClock(vevents[0].getFirstPropertyValue('dtstart'))).toBe('2026-03-29T01:30:00+01:00');
  });
});

describe('zones', () => {
  it('writes UTC times (never a floating time or an unresolvable TZID) for UTC or an unknown zone', () => {
    for (const timezone of ['UTC', 'Mars/Olympus_Mons']) {
      const text = buildInvite(invite({ timezone }));
      expect(text).toContain('DTSTART:20260329T003000Z\r\n');
      expect(text).not.toContain('TZID');
      expect(text).not.toContain('VTIMEZONE');
    }
  });
});
