import { DateTime } from 'luxon';
import { bookingRequest, createEvent, createSlots, createStudent, createVolunteer } from '../support/factories';
import { validateWithPython } from '../support/ical-validators';
import { parseIcs, unixOf } from '../support/invites';
import { createTestApp, TestApp } from '../support/test-app';

const HOSTILE = 'Zoë "Z" O\'Neil, Jr.; \\back\\slash';
const DST_DAY = '2027-03-28';

describe('calendar feeds', () => {
  let t: TestApp;
  const everyIcs: string[] = [];
  let fx: Awaited<ReturnType<typeof setup>>;

  async function setup() {
    const event = await createEvent(t, {
      name: 'Spring, mock; interviews',
      timezone: 'Europe/Berlin',
      startsAt: `${DST_DAY}T00:00:00.000Z`,
      endsAt: `${DST_DAY}T06:00:00.000Z`,
      bookingClosesAt: `${DST_DAY}T00:00:00.000Z`,
      slotMinutes: 60,
    });
    const volunteer = await createVolunteer(t, { name: 'Ada Lovelace' });
    const student = await createStudent(t, { name: HOSTILE });
    const slots = await createSlots(t, event.id, volunteer.id, `${DST_DAY}T00:30:00.000Z`, `${DST_DAY}T02:30:00.000Z`);
    const first = await bookingRequest(t, student.token, { slotId: slots[0].id }).expect(201);
    return { event, volunteer, student, slots, bookingId: first.body.id as string };
  }

  beforeAll(async () => {
    t = await createTestApp();
    fx = await setup();
  });
  afterAll(() => t.close());

  const pathOf = (url: string) => {
    expect(url.startsWith('http://fairgrid.test/api/calendar/')).toBe(true);
    return url.slice('http://fairgrid.test'.length);
  };

  it("lists a student's interviews as METHOD:PUBLISH with feed UIDs, no attendees, refresh hints and a DST-safe zoned time", async () => {
    const me = await t.http().get('/api/students/me/calendar').auth(fx.student.token, { type: 'bearer' }).expect(200);
    expect(me.body.url).toMatch(/^http:\/\/fairgrid\.test\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const again = await t.http().get('/api/students/me/calendar').auth(fx.student.token, { type: 'bearer' }).expect(200);
    expect(again.body.url).toBe(me.body.url);
    // Stored hashed: the token itself is nowhere in the table.
    const token = me.body.url.match(/calendar\/(.+)\.ics$/)[1];
    const [stored] = await t.db.query(`SELECT token_hash, token_sealed FROM calendar_tokens WHERE student_id = $1`, [fx.student.id]);
    expect(JSON.stringify(stored)).not.toContain(token);

    const res = await t.http().get(pathOf(me.body.url)).expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const text = res.text;
    everyIcs.push(text);
    const { calendar, vevents, vevent } = parseIcs(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(text).toContain('\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n');
    expect(text).toContain('\r\nX-PUBLISHED-TTL:PT1H\r\n');
    expect(vevents).toHaveLength(1);
    expect(vevent.getFirstPropertyValue('uid')).toBe(`feed-${fx.bookingId}@fairgrid.test`);
    expect(vevent.getFirstPropertyValue('uid')).not.toBe(`booking-${fx.bookingId}@fairgrid.test`);
    expect(vevent.getAllProperties('attendee')).toHaveLength(0);
    expect(text).not.toMatch(/ATTENDEE|RSVP|ORGANIZER/);
    expect(vevent.getFirstPropertyValue('summary')).toBe('Mock interview with Ada Lovelace — Spring, mock; interviews');
    expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Berlin');
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:20270328T013000\r\n');
    expect(text).toContain('DTEND;TZID=Europe/Berlin:20270328T033000\r\n');
    expect(unixOf(vevent.getFirstPropertyValue('dtend'))).toBe(Date.parse(`${DST_DAY}T01:30:00Z`) / 1000);
    const wall = DateTime.fromSeconds(unixOf(vevent.getFirstPropertyValue('dtend')), { zone: 'Europe/Berlin' });
    expect(wall.toFormat('HH:mm ZZ')).toBe('03:30 +02:00');

    const same = await t.http().get(pathOf(me.body.url)).expect(200);
    expect(same.headers.etag).toBe(res.headers.etag);
    expect(same.text).toBe(text);
    const notModified = await t.http().get(pathOf(me.body.url)).set('If-None-Match', res.headers.etag).expect(304);
    expect(notModified.text ?? '').toBe('');
  });

  it("gives the volunteer the student's name but not the address, and staff their event and volunteer feeds", async () => {
    const me = await t.http().get('/api/volunteers/me/calendar').auth(fx.volunteer.token, { type: 'bearer' }).expect(200);
    const res = await t.http().get(pathOf(me.body.url)).expect(200);
    everyIcs.push(res.text);
    const { vevent } = parseIcs(res.text);
    expect(vevent.getFirstPropertyValue('summary')).toBe(`Mock interview with ${HOSTILE} (student) — Spring, mock; interviews`);
    expect(res.text.toLowerCase()).not.toContain(fx.student.email.toLowerCase());

    const staff = await t.staffToken();
    const byEvent = await t.http().get(`/api/calendar/events/${fx.event.id}.ics`).auth(staff, { type: 'bearer' }).expect(200);
    const byVolunteer = await t.http().get(`/api/calendar/volunteers/${fx.volunteer.id}.ics`).auth(staff, { type: 'bearer' }).expect(200);
    for (const feed of [byEvent, byVolunteer]) {
      expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
      everyIcs.push(feed.text);
      const parsed = parseIcs(feed.text);
      expect(parsed.calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
      expect(parsed.vevents.map((e) => e.getFirstPropertyValue('uid'))).toEqual([`feed-${fx.bookingId}@fairgrid.test`]);
      expect(parsed.vevent.getFirstPropertyValue('summary')).toBe(`${HOSTILE} with Ada Lovelace — Spring, mock; interviews`);
    }
    await t.http().get(`/api/calendar/events/${fx.volunteer.id}.ics`).auth(staff, { type: 'bearer' }).expect(404);
  });

  it('gives staff subscribable event and volunteer URLs, apart from the personal ones, with the table in LOCATION', async () => {
    const staff = await t.staffToken();
    const eventUrl = await t.http().get(`/api/events/${fx.event.id}/calendar`).auth(staff, { type: 'bearer' }).expect(200);
    const volunteerUrl = await t.http().get(`/api/volunteers/${fx.volunteer.id}/calendar`).auth(staff, { type: 'bearer' }).expect(200);
    const own = await t.http().get('/api/volunteers/me/calendar').auth(fx.volunteer.token, { type: 'bearer' }).expect(200);
    expect(new Set([eventUrl.body.url, volunteerUrl.body.url, own.body.url]).size).toBe(3);
    const again = await t.http().get(`/api/events/${fx.event.id}/calendar`).auth(staff, { type: 'bearer' }).expect(200);
    expect(again.body.url).toBe(eventUrl.body.url);

    // A calendar app subscribes without signing in, and sees the floor plan's table.
    const plan = {
      version: 0,
      halls: [{ key: 'B', name: 'Hall B', width: 20, height: 10, places: [
        { label: 'Table 7', kind: 'interview_table', x: 1, y: 1, width: 2, height: 1,
          assignments: [{ volunteerId: fx.volunteer.id, startsAt: fx.event.startsAt, endsAt: fx.event.endsAt }] },
      ] }],
    };
    await t.http().put(`/api/events/${fx.event.id}/floor-plan`).auth(staff, { type: 'bearer' }).send(plan).expect(200);
    for (const url of [eventUrl.body.url, volunteerUrl.body.url]) {
      const feed = await t.http().get(pathOf(url)).expect(200);
      expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
      everyIcs.push(feed.text);
      const { vevents, vevent } = parseIcs(feed.text);
      expect(vevents.map((e) => e.getFirstPropertyValue('uid'))).toEqual([`feed-${fx.bookingId}@fairgrid.test`]);
      expect(vevent.getFirstPropertyValue('summary')).toBe(`${HOSTILE} with Ada Lovelace — Spring, mock; interviews`);
      expect(vevent.getFirstPropertyValue('location')).toMatch(/, Hall B · Table 7$/);
      const notModified = await t.http().get(pathOf(url)).set('If-None-Match', feed.headers.etag).expect(304);
      expect(notModified.headers.etag).toBe(feed.headers.etag);
    }
    const personal = parseIcs((await t.http().get(pathOf(own.body.url)).expect(200)).text).vevent;
    expect(personal.getFirstPropertyValue('location')).toMatch(/, Hall B · Table 7$/);

    // Rotating staff's volunteer URL revokes only that one; the volunteer's own keeps working.
    const rotated = await t.http().post(`/api/volunteers/${fx.volunteer.id}/calendar/rotate`).auth(staff, { type: 'bearer' }).expect(200);
    expect(rotated.body.url).not.toBe(volunteerUrl.body.url);
    await t.http().get(pathOf(volunteerUrl.body.url)).expect(404);
    await t.http().get(pathOf(rotated.body.url)).expect(200);
    await t.http().get(pathOf(own.body.url)).expect(200);
    const rotatedEvent = await t.http().post(`/api/events/${fx.event.id}/calendar/rotate`).auth(staff, { type: 'bearer' }).expect(200);
    await t.http().get(pathOf(eventUrl.body.url)).expect(404);
    await t.http().get(pathOf(rotatedEvent.body.url)).expect(200);

    const [rows] = await t.db.query(
      `SELECT count(*)::int AS n FROM calendar_tokens WHERE volunteer_id = $1 OR event_id = $2`,
      [fx.volunteer.id, fx.event.id],
    );
    expect(rows.n).toBe(3); // own, staff's volunteer, staff's event: rotation replaced, never added
    const unknown = await t.http().get(`/api/events/${fx.volunteer.id}/calendar`).auth(staff, { type: 'bearer' }).expect(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    await t.http().post(`/api/volunteers/${fx.event.id}/calendar/rotate`).auth(staff, { type: 'bearer' }).expect(404);
  });

  it('drops cancelled interviews and changes the ETag', async () => {
    const me = await t.http().get('/api/students/me/calendar').auth(fx.student.token, { type: 'bearer' }).expect(200);
    const before = await t.http().get(pathOf(me.body.url)).expect(200);
    const second = await bookingRequest(t, await t.staffToken(), { slotId: fx.slots[1].id, studentId: (await createStudent(t)).id }).expect(201);
    await t.http().delete(`/api/bookings/${fx.bookingId}`).auth(fx.student.token, { type: 'bearer' }).expect(200);
    const after = await t.http().get(pathOf(me.body.url)).set('If-None-Match', before.headers.etag).expect(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    everyIcs.push(after.text);
    expect(parseIcs(after.text).vevents).toHaveLength(0);
    const staffFeed = await t.http().get(`/api/calendar/events/${fx.event.id}.ics`).auth(await t.staffToken(), { type: 'bearer' }).expect(200);
    expect(parseIcs(staffFeed.text).vevents.map((e) => e.getFirstPropertyValue('uid'))).toEqual([`feed-${second.body.id}@fairgrid.test`]);
  });

  it("lists a student's interviews across events in their own zones, one VTIMEZONE each, and offers a webcal:// link", async () => {
    const student = await createStudent(t);
    const booked: { zone: string; startsAt: string }[] = [];
    for (const [i, zone] of ['America/New_York', 'Asia/Kolkata'].entries()) {
      const event = await createEvent(t, { timezone: zone });
      const volunteer = await createVolunteer(t);
      // Two hours apart: one student cannot hold overlapping interviews, across events too.
      const from = Date.parse(event.startsAt) + i * 2 * 3600_000;
      const [slot] = await createSlots(t, event.id, volunteer.id, new Date(from).toISOString(), new Date(from + 3600_000).toISOString());
      await bookingRequest(t, student.token, { slotId: slot.id }).expect(201);
      booked.push({ zone, startsAt: slot.startsAt });
    }
    const me = await t.http().get('/api/students/me/calendar').auth(student.token, { type: 'bearer' }).expect(200);
    expect(me.body.webcalUrl).toBe(me.body.url.replace(/^http:/, 'webcal:'));
    const res = await t.http().get(pathOf(me.body.url)).expect(200);
    everyIcs.push(res.text);
    const { calendar, vevents } = parseIcs(res.text);
    expect(calendar.getAllSubcomponents('vtimezone').map((tz) => tz.getFirstPropertyValue('tzid')).sort()).toEqual(['America/New_York', 'Asia/Kolkata']);
    expect(vevents).toHaveLength(2);
    for (const { zone, startsAt } of booked) {
      const vevent = vevents.find((e) => e.getFirstProperty('dtstart')!.getParameter('tzid') === zone)!;
      expect(unixOf(vevent.getFirstPropertyValue('dtstart'))).toBe(Date.parse(startsAt) / 1000);
    }
  });

  it('rotating revokes the old URL; unknown tokens are 404', async () => {
    const old = await t.http().get('/api/volunteers/me/calendar').auth(fx.volunteer.token, { type: 'bearer' }).expect(200);
    const rotated = await t.http().post('/api/calendar/token/rotate').auth(fx.volunteer.token, { type: 'bearer' }).expect(200);
    expect(rotated.body.url).not.toBe(old.body.url);
    await t.http().get(pathOf(old.body.url)).expect(404);
    await t.http().get(pathOf(rotated.body.url)).expect(200);
    const now = await t.http().get('/api/volunteers/me/calendar').auth(fx.volunteer.token, { type: 'bearer' }).expect(200);
    expect(now.body.url).toBe(rotated.body.url);
    const missing = await t.http().get(`/api/calendar/${'A'.repeat(43)}.ics`).expect(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    expect(missing.headers['content-type']).toMatch(/^application\/json/);
    await t.http().get('/api/calendar/short.ics').expect(404);
  });

  it('produces feeds that Python icalendar and vobject (strict) accept', async () => {
    expect(everyIcs.length).toBeGreaterThanOrEqual(7);
    await validateWithPython(everyIcs);
  });
});
