import type { Principal } from '../../src/common/auth/principal';
import { createEvent, createSlots, createStudent, createVolunteer, hoursAfter, startInterview } from '../support/factories';

const staffCaller = (caller: string) => caller === 'staff' || caller === 'plainStaff';
let nextDay = 200;
/** A draft event of its own (issue 13's event pages change it). */
const freshDraft = (t: TestApp) => {
  const day = new Date(Date.now() + nextDay++ * 24 * 3600_000);
  day.setUTCHours(0, 0, 0, 0);
  const at = (h: number) => new Date(day.getTime() + h * 3600_000).toISOString();
  return createEvent(t, { publish: false, startsAt: at(9), endsAt: at(17), bookingClosesAt: at(8) });
};
const eventForm = {
  name: 'Console Event',
  timezone: 'UTC',
  startsAt: '2031-05-01T09:00',
  endsAt: '2031-05-01T17:00',
  bookingOpensAt: '2031-04-01T09:00',
  bookingClosesAt: '2031-05-01T08:00',
  slotMinutes: '30',
  breakMinutes: '0',
  maxBookingsPerStudent: '2',
};
import { PageClient } from '../support/pages';
import { servedPages } from '../support/routes';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * Every page × every kind of caller, as the API's authorization table does for endpoints.
 * Callers are browsers with a session cookie (none: a visitor who is not signed in). "student"
 * and "volunteer" own the records in the paths; "otherStudent" and "otherVolunteer" must never
 * see or change them. A POST carries the caller's own valid CSRF token, so what answers is the
 * authorization, not the CSRF check.
 */
type Caller = 'none' | 'student' | 'volunteer' | 'staff' | 'otherStudent' | 'otherVolunteer' | 'plainStaff' | 'desk';

interface Fixtures {
  eventId: string;
  /** An event volunteer A withdraws from (the withdrawal changes it). */
  withdrawEventId: string;
  student: { id: string };
  volunteer: { id: string };
  otherStudent: { id: string };
  otherVolunteer: { id: string };
  staffId: string;
  /** Issue 13: a `staff` and a `desk` account besides the admin (staffId). */
  plainStaffId: string;
  deskId: string;
  /** Student A's interview with volunteer A. */
  bookingId: string;
  freeSlots: string[];
  cssFile: string;
}

interface Call {
  params?: Record<string, string>;
  form?: Record<string, string | string[]>;
}

interface PageRow {
  route: string;
  expect: Partial<Record<Caller, number>>;
  call?: (fx: Fixtures, caller: Caller, t: TestApp) => Call | Promise<Call>;
}

const everyone = (status: number) => ({ none: status, student: status, volunteer: status, staff: status, desk: status });
/**
 * Signed-in pages for some roles: a visitor is sent to sign in, the other roles are refused.
 * A `desk` account is refused whatever it is not listed for; a `staff` account may do what the
 * admin (`staff`) may, unless listed otherwise.
 */
const only = (allowed: Partial<Record<Caller, number>>) => ({ none: 303, student: 403, volunteer: 403, staff: 403, desk: 403, ...(allowed.staff ? { plainStaff: allowed.staff } : {}), ...allowed });

/** A fresh booking of student A with volunteer A, for a call that uses one up. */
async function freshBooking(t: TestApp, fx: Fixtures): Promise<string> {
  const token = await t.tokenFor('student', fx.student.id);
  const res = await t.http().post('/api/bookings').auth(token, { type: 'bearer' }).send({ slotId: fx.freeSlots.shift()! }).expect(201);
  return res.body.id;
}

const ROWS: PageRow[] = [
  { route: 'GET /assets/:file', expect: everyone(200), call: (fx) => ({ params: { file: fx.cssFile } }) },
  { route: 'GET /', expect: { none: 200, student: 303, volunteer: 303, staff: 303 } },
  { route: 'POST /sign-in', expect: everyone(303), call: () => ({ form: { email: 'nobody@example.edu' } }) },
  { route: 'GET /sign-in/code', expect: everyone(200) },
  { route: 'POST /sign-in/code', expect: everyone(401), call: () => ({ form: { email: 'nobody@example.edu', code: 'ZZZZ-ZZZZ' } }) },
  { route: 'GET /sign-in/link', expect: everyone(200) },
  { route: 'POST /sign-in/link', expect: everyone(401), call: () => ({ form: { token: 'x'.repeat(43) } }) },
  { route: 'POST /sign-in/staff', expect: everyone(401), call: () => ({ form: { email: 'admin@fairgrid.test', password: 'wrong password' } }) },
  { route: 'POST /sign-out', expect: everyone(303) },
  // A desk account's home is the check-in desk.
  { route: 'GET /home', expect: only({ student: 200, volunteer: 200, staff: 200, desk: 303 }) },
  { route: 'GET /event/:eventId', expect: only({ student: 200, volunteer: 200, staff: 200 }), call: (fx) => ({ params: { eventId: fx.eventId } }) },
  {
    route: 'POST /event/:eventId/book',
    expect: only({ student: 303 }),
    call: (fx) => ({ params: { eventId: fx.eventId }, form: { slotId: fx.freeSlots.shift()!, attempt: 'authz', filters: '' } }),
  },
  { route: 'GET /event/:eventId/preferences', expect: only({ student: 200 }), call: (fx) => ({ params: { eventId: fx.eventId } }) },
  // The event takes no preferences: a student's change is refused on the page (422), not by role.
  { route: 'POST /event/:eventId/preferences', expect: only({ student: 422 }), call: (fx) => ({ params: { eventId: fx.eventId }, form: { action: 'add', add: `v:${fx.volunteer.id}` } }) },
  { route: 'GET /event/:eventId/check-in', expect: only({ student: 200 }), call: (fx) => ({ params: { eventId: fx.eventId } }) },
  { route: 'GET /event/:eventId/availability', expect: only({ volunteer: 200 }), call: (fx) => ({ params: { eventId: fx.eventId } }) },
  { route: 'POST /event/:eventId/availability', expect: only({ volunteer: 303 }), call: (fx) => ({ params: { eventId: fx.withdrawEventId }, form: { day: [''], from: [''], to: [''] } }) },
  { route: 'GET /event/:eventId/withdraw', expect: only({ volunteer: 200 }), call: (fx) => ({ params: { eventId: fx.eventId } }) },
  { route: 'POST /event/:eventId/withdraw', expect: only({ volunteer: 303 }), call: (fx) => ({ params: { eventId: fx.withdrawEventId } }) },
  { route: 'GET /interviews', expect: only({ student: 200, volunteer: 200 }) },
  { route: 'GET /interviews/:id', expect: only({ student: 200, volunteer: 200, otherStudent: 404, otherVolunteer: 404 }), call: (fx) => ({ params: { id: fx.bookingId } }) },
  { route: 'GET /interviews/:id/cancel', expect: only({ student: 200, volunteer: 200, otherStudent: 404, otherVolunteer: 404 }), call: (fx) => ({ params: { id: fx.bookingId } }) },
  {
    route: 'POST /interviews/:id/cancel',
    expect: only({ student: 303, volunteer: 303, otherStudent: 404, otherVolunteer: 404 }),
    call: async (fx, caller, t) => ({ params: { id: caller === 'student' || caller === 'volunteer' ? await freshBooking(t, fx) : fx.bookingId } }),
  },
  {
    route: 'POST /interviews/:id/attendance',
    expect: only({ volunteer: 303, otherVolunteer: 404 }),
    // Attendance is marked once the interview has started (issue 12).
    call: async (fx, _c, t) => {
      await startInterview(t, fx.bookingId);
      return { params: { id: fx.bookingId }, form: { status: 'attended' } };
    },
  },
  // Issue 12: the volunteer's feedback form (not ended yet here: the form says so, and a POST goes back to it).
  { route: 'GET /interviews/:id/feedback', expect: only({ volunteer: 200, otherVolunteer: 404 }), call: (fx) => ({ params: { id: fx.bookingId } }) },
  {
    route: 'POST /interviews/:id/feedback',
    expect: only({ volunteer: 303, otherVolunteer: 404 }),
    call: (fx) => ({ params: { id: fx.bookingId }, form: { 'score-preparation': '3', 'score-communication': '3', 'score-answers': '3', comment: '' } }),
  },
  { route: 'GET /interviews/:id/invite.ics', expect: only({ student: 200, volunteer: 200, otherStudent: 404, otherVolunteer: 404 }), call: (fx) => ({ params: { id: fx.bookingId } }) },
  { route: 'GET /my/calendar', expect: only({ student: 200, volunteer: 200 }) },
  { route: 'POST /my/calendar/rotate', expect: only({ student: 303, volunteer: 303 }) },
  // Waitlists with offers (issue 12).
  {
    route: 'POST /event/:eventId/waitlist',
    expect: only({ student: 303 }),
    call: async (fx, caller, t) => ({ params: { eventId: caller === 'student' ? (await createEvent(t)).id : fx.eventId } }),
  },
  {
    route: 'POST /my/waitlist/:id/leave',
    expect: only({ student: 303, otherStudent: 404 }),
    call: async (fx, _c, t) => ({ params: { id: await waitingEntry(t, fx) } }),
  },
  { route: 'GET /my/offers/:id', expect: only({ student: 200, otherStudent: 404 }), call: async (fx, _c, t) => ({ params: { id: await sharedOffer(t, fx) } }) },
  {
    route: 'POST /my/offers/:id/accept',
    expect: only({ student: 303, otherStudent: 404 }),
    call: async (fx, caller, t) => ({ params: { id: caller === 'student' ? await offerToStudent(t, fx) : await sharedOffer(t, fx) } }),
  },
  {
    route: 'POST /my/offers/:id/decline',
    expect: only({ student: 303, otherStudent: 404 }),
    call: async (fx, caller, t) => ({ params: { id: caller === 'student' ? await offerToStudent(t, fx) : await sharedOffer(t, fx) } }),
  },
  // Issue 13: the staff console.
  { route: 'GET /console/staff', expect: only({ staff: 200, plainStaff: 403 }) },
  {
    route: 'POST /console/staff',
    expect: only({ staff: 303, plainStaff: 403 }),
    call: () => ({ form: { name: 'Page made', email: `page-${Math.random().toString(36).slice(2, 10)}@fairgrid.test`, password: 'a-long-enough-password', role: 'staff' } }),
  },
  { route: 'POST /console/staff/:id', expect: only({ staff: 303, plainStaff: 403 }), call: (fx) => ({ params: { id: fx.plainStaffId }, form: { role: 'staff' } }) },
  { route: 'GET /console/students', expect: only({ staff: 200 }) },
  { route: 'GET /console/students/new', expect: only({ staff: 200 }) },
  { route: 'POST /console/students', expect: only({ staff: 303 }), call: () => ({ form: { name: 'Page Student', email: `ps-${Math.random().toString(36).slice(2, 10)}@example.edu` } }) },
  // Not a file upload: the page says to choose a file (422); the role is what is tested.
  { route: 'POST /console/students/import', expect: only({ staff: 422 }) },
  { route: 'GET /console/students/:id', expect: only({ staff: 200 }), call: (fx) => ({ params: { id: fx.otherStudent.id } }) },
  {
    route: 'POST /console/students/:id',
    expect: only({ staff: 303 }),
    call: (fx) => ({ params: { id: fx.otherStudent.id }, form: { name: 'Renamed Student', email: (fx.otherStudent as { email?: string }).email! } }),
  },
  {
    route: 'POST /console/students/:id/delete',
    expect: only({ staff: 303 }),
    call: async (fx, caller, t) => ({ params: { id: staffCaller(caller) ? (await createStudent(t)).id : fx.otherStudent.id } }),
  },
  { route: 'GET /console/volunteers', expect: only({ staff: 200 }) },
  { route: 'GET /console/volunteers/new', expect: only({ staff: 200 }) },
  // Not a file upload: the page says to choose a file (422); the role is what is tested.
  { route: 'POST /console/volunteers/import', expect: only({ staff: 422 }) },
  { route: 'POST /console/volunteers', expect: only({ staff: 303 }), call: () => ({ form: { name: 'Page Volunteer', email: `pv-${Math.random().toString(36).slice(2, 10)}@example.com`, expertise: 'software, finance' } }) },
  { route: 'GET /console/volunteers/:id', expect: only({ staff: 200 }), call: (fx) => ({ params: { id: fx.otherVolunteer.id } }) },
  {
    route: 'POST /console/volunteers/:id',
    expect: only({ staff: 303 }),
    call: (fx) => ({ params: { id: fx.otherVolunteer.id }, form: { name: 'Renamed Volunteer', email: (fx.otherVolunteer as { email?: string }).email!, organization: 'Org B' } }),
  },
  {
    route: 'POST /console/volunteers/:id/delete',
    expect: only({ staff: 303 }),
    call: async (fx, caller, t) => ({ params: { id: staffCaller(caller) ? (await createVolunteer(t)).id : fx.otherVolunteer.id } }),
  },
  // The check-in desk: desk accounts too. An unknown code is a 404 on the page, whoever types it.
  { route: 'GET /console/desk', expect: only({ staff: 200, desk: 200 }) },
  { route: 'GET /console/desk/:eventId', expect: only({ staff: 200, desk: 200 }), call: (fx) => ({ params: { eventId: fx.eventId } }) },
  { route: 'POST /console/desk/:eventId', expect: only({ staff: 404, desk: 404 }), call: (fx) => ({ params: { eventId: fx.eventId }, form: { code: 'AAAAA-AAAAA-AAAAA' } }) },
  { route: 'GET /console/events/new', expect: only({ staff: 200 }) },
  // The day.
  { route: 'GET /console/events/:id/bookings', expect: only({ staff: 200 }), call: (fx) => ({ params: { id: fx.eventId } }) },
  { route: 'GET /console/events/:id/bookings.csv', expect: only({ staff: 200 }), call: (fx) => ({ params: { id: fx.eventId } }) },
  {
    route: 'POST /console/events/:id/bookings/:bookingId/cancel',
    expect: only({ staff: 303 }),
    call: async (fx, caller, t) => ({ params: { id: fx.eventId, bookingId: staffCaller(caller) ? await freshBooking(t, fx) : fx.bookingId } }),
  },
  { route: 'GET /console/events/:id/bookings/:bookingId/move', expect: only({ staff: 200 }), call: (fx) => ({ params: { id: fx.eventId, bookingId: fx.bookingId } }) },
  {
    route: 'POST /console/events/:id/bookings/:bookingId/move',
    expect: only({ staff: 303 }),
    call: async (fx, caller, t) => {
      if (!staffCaller(caller)) return { params: { id: fx.eventId, bookingId: fx.bookingId }, form: { slotId: fx.freeSlots[0] } };
      // A volunteer of their own, so the move uses none of the shared free slots.
      const volunteer = await createVolunteer(t, { organization: '' });
      const [event] = await t.db.query(`SELECT starts_at FROM events WHERE id = $1`, [fx.eventId]);
      const [from, to] = await createSlots(t, fx.eventId, volunteer.id, hoursAfter(event.starts_at.toISOString(), 6), hoursAfter(event.starts_at.toISOString(), 7));
      const token = await t.tokenFor('student', fx.student.id);
      const booked = await t.http().post('/api/bookings').auth(token, { type: 'bearer' }).send({ slotId: from.id }).expect(201);
      return { params: { id: fx.eventId, bookingId: booked.body.id }, form: { slotId: to.id } };
    },
  },
  { route: 'GET /console/events/:id/report', expect: only({ staff: 200 }), call: (fx) => ({ params: { id: fx.eventId } }) },
  { route: 'GET /console/events/:id/report.csv', expect: only({ staff: 200 }), call: (fx) => ({ params: { id: fx.eventId } }) },
  { route: 'GET /console/mail', expect: only({ staff: 200 }) },
  // No such message: refused by role first, then not found.
  { route: 'POST /console/mail/:id/retry', expect: only({ staff: 404 }), call: () => ({ params: { id: '00000000-0000-4000-8000-000000000000' } }) },
  { route: 'GET /console/events/:id/allocation', expect: only({ staff: 200 }), call: (fx) => ({ params: { id: fx.eventId } }) },
  {
    route: 'POST /console/events/:id/allocation',
    expect: only({ staff: 303 }),
    call: async (fx, caller, t) => ({ params: { id: staffCaller(caller) ? (await freshDraft(t)).id : fx.eventId } }),
  },
  { route: 'GET /console/allocation/:runId', expect: only({ staff: 404 }), call: () => ({ params: { runId: '00000000-0000-4000-8000-000000000000' } }) },
  {
    route: 'GET /console/allocation/:runId/explain/:studentId',
    expect: only({ staff: 404 }),
    call: (fx) => ({ params: { runId: '00000000-0000-4000-8000-000000000000', studentId: fx.student.id } }),
  },
  { route: 'POST /console/allocation/:runId/publish', expect: only({ staff: 404 }), call: () => ({ params: { runId: '00000000-0000-4000-8000-000000000000' } }) },
  { route: 'GET /console/events/:id/floor', expect: only({ staff: 200 }), call: (fx) => ({ params: { id: fx.eventId } }) },
  // Not a file upload: the page says the file is not a plan (422); the role is what is tested.
  { route: 'POST /console/events/:id/floor', expect: only({ staff: 422 }), call: (fx) => ({ params: { id: fx.eventId } }) },
  // Issue 13: the floor plan's form per place. Staff open it on an event whose plan has a hall.
  {
    route: 'GET /console/events/:id/floor/place',
    expect: only({ staff: 200 }),
    call: async (fx, caller, t) => ({ params: { id: staffCaller(caller) ? await eventWithHall(t) : fx.eventId } }),
  },
  // Posted without the plan's version: the form is refused (422); the role is what is tested.
  { route: 'POST /console/events/:id/floor/place', expect: only({ staff: 422 }), call: (fx) => ({ params: { id: fx.eventId } }) },
  { route: 'POST /console/events/:id/floor/place/remove', expect: only({ staff: 422 }), call: (fx) => ({ params: { id: fx.eventId } }) },
  { route: 'POST /console/events', expect: only({ staff: 303 }), call: () => ({ form: eventForm }) },
  { route: 'GET /console/events/:id', expect: only({ staff: 200 }), call: (fx) => ({ params: { id: fx.eventId } }) },
  { route: 'GET /console/events/:id/edit', expect: only({ staff: 200 }), call: (fx) => ({ params: { id: fx.eventId } }) },
  {
    route: 'POST /console/events/:id/edit',
    expect: only({ staff: 303 }),
    call: async (fx, caller, t) => ({ params: { id: staffCaller(caller) ? (await freshDraft(t)).id : fx.eventId }, form: { ...eventForm, startsAt: '2031-05-02T09:00', endsAt: '2031-05-02T17:00' } }),
  },
  {
    route: 'POST /console/events/:id/status',
    expect: only({ staff: 303 }),
    call: async (fx, caller, t) => ({ params: { id: staffCaller(caller) ? (await freshDraft(t)).id : fx.eventId }, form: { action: 'close' } }),
  },
  { route: 'GET /console/events/:id/settings', expect: only({ staff: 200 }), call: (fx) => ({ params: { id: fx.eventId } }) },
  {
    route: 'POST /console/events/:id/settings',
    expect: only({ staff: 303 }),
    call: async (fx, caller, t) => ({ params: { id: staffCaller(caller) ? (await freshDraft(t)).id : fx.eventId }, form: { reminders: '1440, 60', preferenceChoices: '3', preferenceMode: 'ranked' } }),
  },
];

/** Issue 12: student A waiting in an event without slots. */
async function waitingEntry(t: TestApp, fx: Fixtures): Promise<string> {
  const event = await createEvent(t);
  const token = await t.tokenFor('student', fx.student.id);
  return (await t.http().post(`/api/events/${event.id}/waitlist`).auth(token, { type: 'bearer' }).send({}).expect(201)).body.id;
}

let offerDay = 40;
/** Issue 12: an offer to student A: they join the waitlist of an event (a day of its own) whose one slot is free, which is offered at once. */
async function offerToStudent(t: TestApp, fx: Fixtures): Promise<string> {
  const day = new Date(Date.now() + offerDay++ * 24 * 3600_000);
  day.setUTCHours(0, 0, 0, 0);
  const at = (h: number) => new Date(day.getTime() + h * 3600_000).toISOString();
  const event = await createEvent(t, { startsAt: at(9), endsAt: at(17), bookingClosesAt: at(8) });
  await createSlots(t, event.id, (await createVolunteer(t)).id, at(9), at(9.5));
  const token = await t.tokenFor('student', fx.student.id);
  await t.http().post(`/api/events/${event.id}/waitlist`).auth(token, { type: 'bearer' }).send({}).expect(201);
  const [offer] = await waitFor(async () => {
    const rows: { id: string }[] = await t.db.query(`SELECT id FROM waitlist_offers WHERE event_id = $1 AND state = 'offered'`, [event.id]);
    return rows.length > 0 && rows;
  });
  return offer.id;
}
/** An event whose floor plan has one hall, so a place can be added to it. */
async function eventWithHall(t: TestApp): Promise<string> {
  const event = await createEvent(t);
  const staff = await t.staffToken();
  await t.http().put(`/api/events/${event.id}/floor-plan`).auth(staff, { type: 'bearer' }).send({ version: 0, halls: [{ key: 'A', name: 'Hall A', width: 10, height: 10, places: [] }] }).expect(200);
  return event.id;
}
let shared: Promise<string> | undefined;
const sharedOffer = (t: TestApp, fx: Fixtures) => (shared ??= offerToStudent(t, fx));

describe('page authorization', () => {
  let t: TestApp;
  const fx = {} as Fixtures;

  beforeAll(async () => {
    t = await createTestApp();
    const event = await createEvent(t, { maxBookingsPerStudent: 10 });
    // Another day: a volunteer's windows may not overlap across events.
    const day = new Date(Date.now() + 3 * 24 * 3600_000);
    day.setUTCHours(0, 0, 0, 0);
    const at = (h: number) => new Date(day.getTime() + h * 3600_000).toISOString();
    const other = await createEvent(t, { name: 'Withdraw from me', startsAt: at(9), endsAt: at(17), bookingClosesAt: at(8) });
    // Volunteer A belongs to no organization: student A holds several of their slots.
    const [student, otherStudent, volunteer, otherVolunteer] = await Promise.all([createStudent(t), createStudent(t), createVolunteer(t, { organization: '' }), createVolunteer(t)]);
    const slots = await createSlots(t, event.id, volunteer.id, hoursAfter(event.startsAt, 0), hoursAfter(event.startsAt, 6));
    await createSlots(t, other.id, volunteer.id, hoursAfter(other.startsAt, 0), hoursAfter(other.startsAt, 1));
    const [first, ...rest] = slots.map((s) => s.id);
    const booking = await t.http().post('/api/bookings').auth(student.token, { type: 'bearer' }).send({ slotId: first }).expect(201);
    const [staff] = await t.db.query(`SELECT id FROM staff LIMIT 1`);
    const [[plainStaff], [desk]] = await Promise.all(
      (['staff', 'desk'] as const).map((role) => t.db.query(`INSERT INTO staff (email, name, password_hash, role) VALUES ($1, $1, 'x', $2) RETURNING id`, [`${role}@fairgrid.test`, role])),
    );
    const css = /\/assets\/(app\.[0-9a-f]{12}\.css)/.exec((await t.http().get('/')).text)![1];
    Object.assign(fx, { eventId: event.id, withdrawEventId: other.id, student, volunteer, otherStudent, otherVolunteer, staffId: staff.id, plainStaffId: plainStaff.id, deskId: desk.id, bookingId: booking.body.id, freeSlots: rest, cssFile: css });
  });
  afterAll(() => t.close());

  const principalOf = (caller: Caller): Principal | undefined =>
    ({
      none: undefined,
      student: { role: 'student' as const, id: fx.student.id },
      volunteer: { role: 'volunteer' as const, id: fx.volunteer.id },
      staff: { role: 'staff' as const, id: fx.staffId },
      otherStudent: { role: 'student' as const, id: fx.otherStudent.id },
      otherVolunteer: { role: 'volunteer' as const, id: fx.otherVolunteer.id },
      plainStaff: { role: 'staff' as const, id: fx.plainStaffId },
      desk: { role: 'staff' as const, id: fx.deskId },
    })[caller];

  it('has a row for every page route, and for each of none, student, volunteer and staff', () => {
    const table = ROWS.map((r) => r.route);
    expect(table.length).toBe(new Set(table).size);
    expect([...table].sort()).toEqual([...new Set(servedPages(t).map((r) => r.expressKey))].sort());
    for (const row of ROWS) expect(Object.keys(row.expect)).toEqual(expect.arrayContaining(['none', 'student', 'volunteer', 'staff']));
  });

  const cases = ROWS.flatMap((row) => (Object.entries(row.expect) as [Caller, number][]).map(([caller, status]) => ({ label: `${row.route} as ${caller} → ${status}`, row, caller, status })));

  it.each(cases)('$label', async ({ row, caller, status }) => {
    const principal = principalOf(caller);
    const browser = principal ? await PageClient.signedIn(t, principal) : new PageClient(t);
    // A page with a form first, as a person would have: it gives the cookie and the CSRF token.
    await browser.get('/sign-in/code');
    const call = (await row.call?.(fx, caller, t)) ?? {};
    const [method, template] = row.route.split(' ');
    const path = template.replace(/:(\w+)/g, (_, name: string) => call.params![name]);
    const res = method === 'GET' ? await browser.get(path) : await browser.post(path, call.form ?? {});
    // A visitor who is not signed in is sent to sign in (and, from a GET, back again), not refused.
    const toSignIn = caller === 'none' && !row.route.includes('/sign-') && row.route !== 'GET /' && status === 303;
    expect({ status: res.status, toSignIn: toSignIn ? /^\/(\?next=%2F|$)/.test(res.headers.location ?? '') : undefined }).toEqual({
      status,
      toSignIn: toSignIn ? true : undefined,
    });
  });

  it('left the records the refused calls aimed at as they were', async () => {
    const [event] = await t.db.query(`SELECT status FROM events WHERE id = $1`, [fx.eventId]);
    expect(event.status).toBe('published');
    const [booking] = await t.db.query(`SELECT status FROM bookings WHERE id = $1`, [fx.bookingId]);
    expect(booking.status).toBe('confirmed');
    const marks = await t.db.query(`SELECT marked_by FROM attendance WHERE booking_id = $1`, [fx.bookingId]);
    expect(marks.map((m: { marked_by: string }) => m.marked_by)).toEqual([fx.volunteer.id]);
    const bookedByOthers = await t.db.query(`SELECT count(*)::int AS n FROM bookings WHERE student_id <> $1`, [fx.student.id]);
    expect(bookedByOthers).toEqual([{ n: 0 }]);
  });
});
