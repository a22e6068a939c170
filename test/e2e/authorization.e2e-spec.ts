import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { servedRoutes } from '../support/routes';
import { bearer, createTestApp, ADMIN, TestApp } from '../support/test-app';
import { bookingRequest, createEvent, createSlots, createStudent, createVolunteer, hoursAfter, startInterview } from '../support/factories';
import { waitFor } from '../support/wait-for';

/**
 * Every endpoint × every kind of caller, with the status the caller must get. "student" and
 * "volunteer" are A, who own the records in the paths; "otherStudent" and "otherVolunteer"
 * are B, calling on A's records, where they must never get a 2xx.
 */
type Caller = 'none' | 'student' | 'volunteer' | 'staff' | 'otherStudent' | 'otherVolunteer' | 'desk';

interface Fixtures {
  staff: string;
  /** A `desk` staff account (issue 13): check-in and attendance only. */
  desk: string;
  event: { id: string; startsAt: string };
  draft: { id: string; startsAt: string };
  volunteerA: { id: string; email: string; token: string };
  volunteerB: { id: string; email: string; token: string };
  studentA: { id: string; email: string; token: string };
  studentB: { id: string; email: string; token: string };
  window: { startsAt: string; endsAt: string };
  /** Student A's booking; nobody but A and staff may touch it. */
  bookingA: string;
  /** A free slot that only forbidden calls aim at; it must stay free. */
  spareSlot: string;
  /** Free slots handed out to calls that are allowed to book. */
  freeSlots: string[];
}

interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: object | string;
  contentType?: string;
}

interface Endpoint {
  /** Method and path exactly as the controllers declare them. */
  route: string;
  expect: Partial<Record<Caller, number>>;
  /** The path parameters and body; may first create what a successful call uses up. */
  call?: (fx: Fixtures, caller: Caller, t: TestApp) => Call | Promise<Call>;
}

const all = (status: number) => ({ none: status, student: status, volunteer: status, staff: status });
const unique = () => randomUUID().slice(0, 8);

/** A draft event on a day of its own, so that it never meets another event's windows. */
async function draftEvent(t: TestApp, staff: string, daysAhead = 30) {
  const day = new Date(Date.now() + daysAhead * 24 * 3600_000);
  day.setUTCHours(0, 0, 0, 0);
  const at = (h: number) => new Date(day.getTime() + h * 3600_000).toISOString();
  const res = await t
    .http()
    .post('/api/events')
    .set(bearer(staff))
    .send({ name: `Draft ${unique()}`, timezone: 'UTC', startsAt: at(9), endsAt: at(17), bookingOpensAt: new Date().toISOString(), bookingClosesAt: at(8) })
    .expect(201);
  return res.body as { id: string; startsAt: string };
}

/** Books a fresh slot for student A, so that a cancel can succeed. */
async function freshBookingOfA(t: TestApp, fx: Fixtures): Promise<string> {
  const slotId = fx.freeSlots.shift()!;
  const res = await bookingRequest(t, fx.studentA.token, { slotId }).expect(201);
  return res.body.id;
}

/** A booking of student A with a fresh volunteer after A's other interviews, and that volunteer's next slot to move it to. */
async function movableBooking(t: TestApp, fx: Fixtures): Promise<Call> {
  const volunteer = await createVolunteer(t);
  const [from, to] = await createSlots(t, fx.event.id, volunteer.id, hoursAfter(fx.event.startsAt, 4), hoursAfter(fx.event.startsAt, 5));
  const res = await bookingRequest(t, fx.studentA.token, { slotId: from.id }).expect(201);
  return { params: { id: res.body.id }, body: { slotId: to.id } };
}

/** A published event on a day of its own where volunteer A has availability, for a withdrawal to remove. */
async function eventWithAvailabilityOfA(t: TestApp, fx: Fixtures, daysAhead: number): Promise<string> {
  const day = new Date(Date.now() + daysAhead * 24 * 3600_000);
  day.setUTCHours(0, 0, 0, 0);
  const at = (h: number) => new Date(day.getTime() + h * 3600_000).toISOString();
  const event = await createEvent(t, { startsAt: at(9), endsAt: at(17), bookingClosesAt: at(8) });
  await createSlots(t, event.id, fx.volunteerA.id, at(9), at(10));
  return event.id;
}

/** Issue 12: a published event on a day of its own, without slots (nothing to offer). */
let waitlistDay = 100;
async function waitlistEvent(t: TestApp) {
  const day = new Date(Date.now() + waitlistDay++ * 24 * 3600_000);
  day.setUTCHours(0, 0, 0, 0);
  const at = (h: number) => new Date(day.getTime() + h * 3600_000).toISOString();
  return createEvent(t, { startsAt: at(9), endsAt: at(17), bookingClosesAt: at(8) });
}

/** Issue 12: a waitlist offer out to student A (a slot of an event of its own, cancelled by its holder while A waits). */
async function offerToA(t: TestApp, fx: Fixtures): Promise<string> {
  const event = await waitlistEvent(t);
  const volunteer = await createVolunteer(t);
  const [slot] = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 0.5));
  const holder = await createStudent(t);
  const booked = await bookingRequest(t, holder.token, { slotId: slot.id }).expect(201);
  await t.http().post(`/api/events/${event.id}/waitlist`).set(bearer(fx.studentA.token)).send({}).expect(201);
  await t.http().delete(`/api/bookings/${booked.body.id}`).set(bearer(holder.token)).expect(200);
  const [offer] = await waitFor(async () => {
    const rows: { id: string }[] = await t.db.query(`SELECT id FROM waitlist_offers WHERE event_id = $1 AND state = 'offered'`, [event.id]);
    return rows.length > 0 && rows;
  });
  return offer.id;
}
let sharedOffer: Promise<string> | undefined;
/** One offer to A that only reads and forbidden answers aim at; it stays open. */
const sharedOfferToA = (t: TestApp, fx: Fixtures) => (sharedOffer ??= offerToA(t, fx));

/** Asks for a sign-in e-mail for a new student and returns the token of the link in it. */
async function freshSignInCode(t: TestApp): Promise<string> {
  const student = await createStudent(t);
  await t.http().post('/api/auth/magic-link').send({ email: student.email }).expect(202);
  const [mail] = await waitFor(() => t.smtp.to(student.email).length > 0 && t.smtp.to(student.email));
  return /\/sign-in\/link\?token=([\w-]+)/.exec(mail.parsed.text ?? '')![1];
}

const eventBody = () => {
  const start = new Date(Date.now() + 60 * 24 * 3600_000);
  start.setUTCHours(9, 0, 0, 0);
  return {
    name: `Created ${unique()}`,
    timezone: 'Europe/Berlin',
    startsAt: start.toISOString(),
    endsAt: hoursAfter(start.toISOString(), 8),
    bookingOpensAt: new Date().toISOString(),
    bookingClosesAt: hoursAfter(start.toISOString(), -1),
  };
};

/** Opens preference submission for an event (allocation, issue 3). */
async function openPreferences(t: TestApp, staff: string, eventId: string): Promise<void> {
  const at = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
  await t.http().put(`/api/events/${eventId}/allocation-settings`).set(bearer(staff)).send({ preferencesOpenAt: at(-1), preferencesCloseAt: at(1) }).expect(200);
}

let publishedAllocation: Promise<string> | undefined;
/** An event of its own whose only run (student A's preferences) is published; returns the event id. */
function publishedAllocationEvent(t: TestApp, fx: Fixtures): Promise<string> {
  publishedAllocation ??= (async () => {
    const day = new Date(Date.now() + 55 * 24 * 3600_000);
    day.setUTCHours(0, 0, 0, 0);
    const at = (h: number) => new Date(day.getTime() + h * 3600_000).toISOString();
    const event = await createEvent(t, { startsAt: at(9), endsAt: at(17), bookingClosesAt: at(8) });
    const volunteer = await createVolunteer(t);
    await createSlots(t, event.id, volunteer.id, at(9), at(10));
    await openPreferences(t, fx.staff, event.id);
    await t.http().put(`/api/events/${event.id}/preferences`).set(bearer(fx.studentA.token)).send({ choices: [{ volunteerId: volunteer.id }] }).expect(200);
    const run = await t.http().post(`/api/events/${event.id}/allocation-runs`).set(bearer(fx.staff)).send({}).expect(202);
    await waitFor(async () => (await t.http().get(`/api/allocation-runs/${run.body.id}`).set(bearer(fx.staff))).body.status === 'completed', 30_000);
    await t.http().post(`/api/allocation-runs/${run.body.id}/publish`).set(bearer(fx.staff)).expect(200);
    return event.id;
  })();
  return publishedAllocation;
}

let allocationRun: Promise<string> | undefined;
/**
 * A completed allocation run of an event of its own, on a day no other fixture uses, so that
 * other rows' bookings never make it stale before staff publish it.
 */
function completedAllocationRun(t: TestApp, fx: Fixtures): Promise<string> {
  allocationRun ??= (async () => {
    const day = new Date(Date.now() + 50 * 24 * 3600_000);
    day.setUTCHours(0, 0, 0, 0);
    const at = (h: number) => new Date(day.getTime() + h * 3600_000).toISOString();
    const event = await createEvent(t, { startsAt: at(9), endsAt: at(17), bookingClosesAt: at(8) });
    const volunteer = await createVolunteer(t);
    await createSlots(t, event.id, volunteer.id, at(9), at(10));
    await openPreferences(t, fx.staff, event.id);
    await t.http().put(`/api/events/${event.id}/preferences`).set(bearer(fx.studentA.token)).send({ choices: [{ volunteerId: volunteer.id }] }).expect(200);
    const run = await t.http().post(`/api/events/${event.id}/allocation-runs`).set(bearer(fx.staff)).send({}).expect(202);
    await waitFor(async () => (await t.http().get(`/api/allocation-runs/${run.body.id}`).set(bearer(fx.staff))).body.status === 'completed', 30_000);
    return run.body.id as string;
  })();
  return allocationRun;
}

/** A fresh exhibitor of the published event, for calls that read, change or delete one. */
async function newExhibitor(t: TestApp, fx: Fixtures): Promise<string> {
  const res = await t.http().post(`/api/events/${fx.event.id}/exhibitors`).set(bearer(fx.staff)).send({ organization: `Exhibitor ${unique()}` }).expect(201);
  return res.body.id;
}

const ENDPOINTS: Endpoint[] = [
  // Public: sign-in, health and docs answer everyone, with or without a token.
  { route: 'GET /api/health', expect: all(200) },
  { route: 'GET /api/docs', expect: all(200) },
  { route: 'GET /api/docs-json', expect: all(200) },
  { route: 'POST /api/auth/login', expect: all(200), call: () => ({ body: ADMIN }) },
  { route: 'POST /api/auth/magic-link', expect: all(202), call: () => ({ body: { email: `nobody-${unique()}@example.edu` } }) },
  { route: 'GET /api/auth/magic-link/verify', expect: all(303), call: () => ({ query: { token: 'x'.repeat(43) } }) },
  { route: 'POST /api/auth/magic-link/verify', expect: all(200), call: async (_fx, _c, t) => ({ body: { token: await freshSignInCode(t) } }) },

  // Staff accounts.
  {
    route: 'POST /api/staff',
    expect: { none: 401, student: 403, volunteer: 403, staff: 201 },
    call: () => ({ body: { name: 'New staff', email: `staff-${unique()}@fairgrid.test`, password: 'a-long-enough-password' } }),
  },
  // Issue 13: admins list staff accounts and change their role or disable them.
  { route: 'GET /api/staff', expect: { none: 401, student: 403, volunteer: 403, staff: 200 } },
  {
    route: 'PATCH /api/staff/:id',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: async (fx, caller, t) => {
      const created = await t.http().post('/api/staff').set(bearer(fx.staff)).send({ name: 'Changed', email: `staff-${unique()}@fairgrid.test`, password: 'a-long-enough-password' }).expect(201);
      return { params: { id: created.body.id }, body: { role: 'desk' } };
    },
  },

  // Events.
  { route: 'GET /api/events', expect: { none: 401, student: 200, volunteer: 200, staff: 200 } },
  { route: 'POST /api/events', expect: { none: 401, student: 403, volunteer: 403, staff: 201 }, call: () => ({ body: eventBody() }) },
  { route: 'GET /api/events/:id', expect: { none: 401, student: 200, volunteer: 200, staff: 200 }, call: (fx) => ({ params: { id: fx.event.id } }) },
  {
    route: 'PATCH /api/events/:id',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx) => ({ params: { id: fx.draft.id }, body: { location: 'Room 101' } }),
  },
  {
    route: 'DELETE /api/events/:id',
    expect: { none: 401, student: 403, volunteer: 403, staff: 204 },
    call: async (fx, caller, t) => ({ params: { id: caller === 'staff' ? (await draftEvent(t, fx.staff, 40)).id : fx.draft.id } }),
  },
  {
    route: 'POST /api/events/:id/publish',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: async (fx, caller, t) => ({ params: { id: caller === 'staff' ? (await draftEvent(t, fx.staff, 41)).id : fx.draft.id } }),
  },
  // Issue 13: a closed event published again.
  {
    route: 'POST /api/events/:id/reopen',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: async (fx, caller, t) => {
      if (caller !== 'staff') return { params: { id: fx.draft.id } };
      const event = await draftEvent(t, fx.staff, 42);
      await t.http().patch(`/api/events/${event.id}`).set(bearer(fx.staff)).send({ status: 'closed' }).expect(200);
      return { params: { id: event.id } };
    },
  },

  // Volunteers.
  {
    route: 'POST /api/volunteers',
    expect: { none: 401, student: 403, volunteer: 403, staff: 201 },
    call: () => ({ body: { name: 'New volunteer', email: `vol-${unique()}@example.com` } }),
  },
  { route: 'GET /api/volunteers', expect: { none: 401, student: 403, volunteer: 403, staff: 200 } },
  { route: 'GET /api/organizations', expect: { none: 401, student: 403, volunteer: 403, staff: 200 } },
  { route: 'GET /api/volunteers/me', expect: { none: 401, student: 403, volunteer: 200, staff: 403 } },
  {
    route: 'GET /api/volunteers/:id',
    expect: { none: 401, student: 403, volunteer: 200, staff: 200, otherVolunteer: 404 },
    call: (fx) => ({ params: { id: fx.volunteerA.id } }),
  },

  // Availability and slots.
  {
    route: 'PUT /api/events/:eventId/volunteers/:volunteerId/availability',
    expect: { none: 401, student: 403, volunteer: 200, staff: 200, otherVolunteer: 403 },
    // The same window again: allowed callers change nothing, so A's booked slot survives.
    call: (fx) => ({ params: { eventId: fx.event.id, volunteerId: fx.volunteerA.id }, body: { windows: [fx.window] } }),
  },
  {
    route: 'GET /api/events/:eventId/volunteers/:volunteerId/availability',
    expect: { none: 401, student: 403, volunteer: 200, staff: 200, otherVolunteer: 403 },
    call: (fx) => ({ params: { eventId: fx.event.id, volunteerId: fx.volunteerA.id } }),
  },
  { route: 'GET /api/events/:eventId/slots', expect: { none: 401, student: 200, volunteer: 200, staff: 200 }, call: (fx) => ({ params: { eventId: fx.event.id } }) },

  // Students.
  {
    route: 'POST /api/students',
    expect: { none: 401, student: 403, volunteer: 403, staff: 201 },
    call: () => ({ body: { name: 'New student', email: `stu-${unique()}@example.edu` } }),
  },
  { route: 'GET /api/students', expect: { none: 401, student: 403, volunteer: 403, staff: 200 } },
  // Issue 13: staff change and delete people.
  {
    route: 'PATCH /api/students/:id',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx) => ({ params: { id: fx.studentB.id }, body: { major: 'Physics' } }),
  },
  {
    route: 'DELETE /api/students/:id',
    expect: { none: 401, student: 403, volunteer: 403, staff: 202 },
    call: async (fx, caller, t) => ({ params: { id: caller === 'staff' ? (await createStudent(t)).id : fx.studentA.id } }),
  },
  {
    route: 'PATCH /api/volunteers/:id',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx) => ({ params: { id: fx.volunteerB.id }, body: { title: 'Recruiter' } }),
  },
  {
    route: 'DELETE /api/volunteers/:id',
    expect: { none: 401, student: 403, volunteer: 403, staff: 202 },
    call: async (fx, caller, t) => ({ params: { id: caller === 'staff' ? (await createVolunteer(t)).id : fx.volunteerA.id } }),
  },
  { route: 'GET /api/students/me', expect: { none: 401, student: 200, volunteer: 403, staff: 403 } },
  {
    // Issue 13.
    route: 'POST /api/volunteers/import',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: () => ({ contentType: 'text/csv', body: `name,email,organization\nImported Volunteer,impv-${unique()}@example.com,Importers\n` }),
  },
  {
    route: 'POST /api/students/import',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: () => ({
      contentType: 'text/csv',
      body: `name,email,studentNumber,major,graduationYear\nImported,imp-${unique()}@example.edu,S1,History,2028\n`,
    }),
  },

  // Bookings.
  {
    route: 'POST /api/bookings',
    expect: { none: 401, student: 201, volunteer: 403, staff: 201, otherStudent: 403 },
    call: (fx, caller) => {
      if (caller === 'student') return { body: { slotId: fx.freeSlots.shift()! } };
      if (caller === 'staff') return { body: { slotId: fx.freeSlots.shift()!, studentId: fx.studentA.id } };
      // Student B booking in A's name, and everyone else, aim at the spare slot.
      return { body: { slotId: fx.spareSlot, studentId: fx.studentA.id } };
    },
  },
  {
    route: 'DELETE /api/bookings/:id',
    // Volunteer A gives the interviews on A's slots: they may cancel one; volunteer B may not see it.
    expect: { none: 401, student: 200, volunteer: 200, staff: 200, otherStudent: 404, otherVolunteer: 404 },
    call: async (fx, caller, t) => ({
      params: { id: caller === 'student' || caller === 'staff' || caller === 'volunteer' ? await freshBookingOfA(t, fx) : fx.bookingA },
    }),
  },
  {
    route: 'PATCH /api/bookings/:id',
    // Forbidden callers aim A's booking at the spare slot, which must stay free.
    expect: { none: 401, student: 403, volunteer: 403, staff: 200, otherStudent: 403, otherVolunteer: 403 },
    call: async (fx, caller, t) => (caller === 'staff' ? movableBooking(t, fx) : { params: { id: fx.bookingA }, body: { slotId: fx.spareSlot } }),
  },
  {
    route: 'POST /api/events/:eventId/volunteers/:volunteerId/withdrawal',
    // Allowed callers withdraw A from an event of its own; forbidden ones aim at A in the shared event.
    expect: { none: 401, student: 403, volunteer: 200, staff: 200, otherVolunteer: 403 },
    call: async (fx, caller, t) => ({
      params: {
        eventId: caller === 'volunteer' || caller === 'staff' ? await eventWithAvailabilityOfA(t, fx, caller === 'staff' ? 70 : 71) : fx.event.id,
        volunteerId: fx.volunteerA.id,
      },
    }),
  },
  { route: 'GET /api/bookings/me', expect: { none: 401, student: 200, volunteer: 200, staff: 403 } },
  {
    route: 'GET /api/events/:eventId/bookings',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx) => ({ params: { eventId: fx.event.id } }),
  },
  // Eligibility (issue 12).
  {
    route: 'GET /api/events/:id/eligibility',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx) => ({ params: { id: fx.event.id } }),
  },
  {
    route: 'PUT /api/events/:id/eligibility',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx) => ({ params: { id: fx.event.id }, body: {} }),
  },
  {
    route: 'GET /api/events/:id/eligibility/me',
    expect: { none: 401, student: 200, volunteer: 403, staff: 403 },
    call: (fx) => ({ params: { id: fx.event.id } }),
  },
  // Allocation (issue 3).
  {
    route: 'GET /api/events/:id/allocation-settings',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx) => ({ params: { id: fx.event.id } }),
  },
  {
    route: 'PUT /api/events/:id/allocation-settings',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx) => ({ params: { id: fx.event.id }, body: { preferenceChoices: 5 } }),
  },
  {
    route: 'PUT /api/events/:id/preferences',
    expect: { none: 401, student: 200, volunteer: 403, staff: 403 },
    call: async (fx, _caller, t) => {
      await openPreferences(t, fx.staff, fx.event.id);
      return { params: { id: fx.event.id }, body: { choices: [{ volunteerId: fx.volunteerA.id }] } };
    },
  },
  {
    route: 'GET /api/events/:id/preferences',
    expect: { none: 401, student: 200, volunteer: 403, staff: 200, otherStudent: 403 },
    call: (fx) => ({ params: { id: fx.event.id }, query: { studentId: fx.studentA.id } }),
  },
  {
    route: 'GET /api/events/:id/allocation-loads',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx) => ({ params: { id: fx.event.id } }),
  },
  {
    route: 'PUT /api/events/:id/allocation-loads',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx) => ({ params: { id: fx.event.id }, body: { loads: [] } }),
  },
  {
    route: 'GET /api/events/:id/preferences/preflib',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx) => ({ params: { id: fx.event.id } }),
  },
  {
    route: 'GET /api/allocation-runs/:id/explanations/:studentId',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: async (fx, _caller, t) => ({ params: { id: await completedAllocationRun(t, fx), studentId: fx.studentA.id } }),
  },
  {
    route: 'GET /api/events/:id/allocation/explanation',
    // Student A's own, from a published run; student B had no preferences there (404); nobody else may ask.
    expect: { none: 401, student: 200, volunteer: 403, staff: 403, otherStudent: 404 },
    call: async (fx, _caller, t) => ({ params: { id: await publishedAllocationEvent(t, fx) } }),
  },
  {
    route: 'POST /api/events/:id/allocation-runs',
    expect: { none: 401, student: 403, volunteer: 403, staff: 202 },
    call: (fx) => ({ params: { id: fx.event.id }, body: {} }),
  },
  {
    route: 'GET /api/events/:id/allocation-runs',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx) => ({ params: { id: fx.event.id } }),
  },
  {
    route: 'GET /api/allocation-runs/:id',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: async (fx, _caller, t) => ({ params: { id: await completedAllocationRun(t, fx) } }),
  },
  {
    route: 'GET /api/allocation-runs/:id/assignments',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: async (fx, _caller, t) => ({ params: { id: await completedAllocationRun(t, fx) } }),
  },
  {
    route: 'POST /api/allocation-runs/:id/publish',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: async (fx, _caller, t) => ({ params: { id: await completedAllocationRun(t, fx) } }),
  },
  // Calendar invites (issue 5).
  { route: 'GET /api/admin/outbox', expect: { none: 401, student: 403, volunteer: 403, staff: 200 } },
  {
    route: 'POST /api/admin/outbox/:id/retry',
    // No failed message exists in these fixtures: staff pass the guard and meet 404.
    expect: { none: 401, student: 403, volunteer: 403, staff: 404 },
    call: () => ({ params: { id: '3f0a5c1e-0000-4000-8000-000000000001' } }),
  },
  {
    route: 'GET /api/calendar/:token.ics',
    // Public: the token in the path is the key, whoever asks.
    expect: all(200),
    call: async (fx, _caller, t) => {
      const me = await t.http().get('/api/students/me/calendar').set(bearer(fx.studentA.token)).expect(200);
      return { params: { token: (me.body.url as string).match(/calendar\/(.+)\.ics$/)![1] } };
    },
  },
  { route: 'POST /api/calendar/token/rotate', expect: { none: 401, student: 200, volunteer: 200, staff: 403 } },
  { route: 'GET /api/volunteers/me/calendar', expect: { none: 401, student: 403, volunteer: 200, staff: 403 } },
  { route: 'GET /api/students/me/calendar', expect: { none: 401, student: 200, volunteer: 403, staff: 403 } },
  {
    route: 'GET /api/calendar/events/:eventId.ics',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx) => ({ params: { eventId: fx.event.id } }),
  },
  {
    route: 'GET /api/calendar/volunteers/:volunteerId.ics',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx) => ({ params: { volunteerId: fx.volunteerA.id } }),
  },
  // Staff's feed URLs; a volunteer may not obtain staff's URL even of their own feed.
  ...['GET /api/events/:eventId/calendar', 'POST /api/events/:eventId/calendar/rotate'].map((route) => ({
    route,
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx: Fixtures) => ({ params: { eventId: fx.event.id } }),
  })),
  ...['GET /api/volunteers/:volunteerId/calendar', 'POST /api/volunteers/:volunteerId/calendar/rotate'].map((route) => ({
    route,
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx: Fixtures) => ({ params: { volunteerId: fx.volunteerA.id } }),
  })),
  {
    route: 'GET /api/events/:eventId/reminder-settings',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx) => ({ params: { eventId: fx.event.id } }),
  },
  {
    route: 'PUT /api/events/:eventId/reminder-settings',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx) => ({ params: { eventId: fx.event.id }, body: { offsetsMinutes: [1440, 60] } }),
  },

  // Job fair floor (issue 4): exhibitors, floor plan and map, check-in, attendance, reports.
  {
    route: 'POST /api/events/:eventId/exhibitors',
    expect: { none: 401, student: 403, volunteer: 403, staff: 201 },
    call: (fx) => ({ params: { eventId: fx.event.id }, body: { organization: `Exhibitor ${unique()}` } }),
  },
  { route: 'GET /api/events/:eventId/exhibitors', expect: { none: 401, student: 200, volunteer: 200, staff: 200 }, call: (fx) => ({ params: { eventId: fx.event.id } }) },
  {
    route: 'GET /api/events/:eventId/exhibitors/:exhibitorId',
    expect: { none: 401, student: 200, volunteer: 200, staff: 200 },
    call: async (fx, _c, t) => ({ params: { eventId: fx.event.id, exhibitorId: await newExhibitor(t, fx) } }),
  },
  {
    route: 'PATCH /api/events/:eventId/exhibitors/:exhibitorId',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: async (fx, _c, t) => ({ params: { eventId: fx.event.id, exhibitorId: await newExhibitor(t, fx) }, body: { roles: ['internship'] } }),
  },
  {
    route: 'DELETE /api/events/:eventId/exhibitors/:exhibitorId',
    expect: { none: 401, student: 403, volunteer: 403, staff: 204 },
    call: async (fx, _c, t) => ({ params: { eventId: fx.event.id, exhibitorId: await newExhibitor(t, fx) } }),
  },
  {
    route: 'POST /api/events/:eventId/exhibitors/import',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx) => ({ params: { eventId: fx.event.id }, contentType: 'text/csv', body: `organization,industries\nImported ${unique()},Software\n` }),
  },
  { route: 'GET /api/events/:eventId/floor-plan', expect: { none: 401, student: 200, volunteer: 200, staff: 200 }, call: (fx) => ({ params: { eventId: fx.event.id } }) },
  {
    route: 'PUT /api/events/:eventId/floor-plan',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: async (fx, _c, t) => {
      const current = await t.http().get(`/api/events/${fx.event.id}/floor-plan`).set(bearer(fx.staff)).expect(200);
      return { params: { eventId: fx.event.id }, body: { version: current.body.version, halls: [{ key: 'A', name: 'Hall A', width: 10, height: 10, places: [] }] } };
    },
  },
  { route: 'GET /api/events/:eventId/floor-plan.svg', expect: { none: 401, student: 200, volunteer: 200, staff: 200 }, call: (fx) => ({ params: { eventId: fx.event.id } }) },
  { route: 'GET /api/events/:eventId/check-in-code', expect: { none: 401, student: 200, volunteer: 403, staff: 403 }, call: (fx) => ({ params: { eventId: fx.event.id } }) },
  {
    route: 'POST /api/events/:eventId/check-ins',
    expect: { none: 401, student: 403, volunteer: 403, staff: 201, desk: 201 },
    call: async (fx, _c, t) => {
      const student = await createStudent(t);
      const res = await t.http().get(`/api/events/${fx.event.id}/check-in-code`).set(bearer(student.token)).expect(200);
      return { params: { eventId: fx.event.id }, body: { code: res.body.checkInCode } };
    },
  },
  {
    route: 'POST /api/bookings/:id/attendance',
    expect: { none: 401, student: 403, volunteer: 200, staff: 200, otherVolunteer: 404, desk: 200 },
    // Attendance is marked once the interview has started (issue 12).
    call: async (fx, _c, t) => {
      await startInterview(t, fx.bookingA);
      return { params: { id: fx.bookingA }, body: { status: 'attended' } };
    },
  },
  {
    route: 'GET /api/students/:id/no-shows',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx) => ({ params: { id: fx.studentA.id } }),
  },
  { route: 'GET /api/events/:eventId/report', expect: { none: 401, student: 403, volunteer: 403, staff: 200 }, call: (fx) => ({ params: { eventId: fx.event.id } }) },
  // Waitlists with offers (issue 12).
  {
    route: 'POST /api/events/:eventId/waitlist',
    expect: { none: 401, student: 201, volunteer: 403, staff: 403 },
    call: async (fx, caller, t) => ({ params: { eventId: caller === 'student' ? (await waitlistEvent(t)).id : fx.event.id }, body: {} }),
  },
  { route: 'GET /api/waitlist/me', expect: { none: 401, student: 200, volunteer: 403, staff: 403 } },
  {
    route: 'DELETE /api/waitlist/:id',
    expect: { none: 401, student: 200, volunteer: 403, staff: 403, otherStudent: 404 },
    call: async (fx, _c, t) => {
      const entry = await t.http().post(`/api/events/${(await waitlistEvent(t)).id}/waitlist`).set(bearer(fx.studentA.token)).send({}).expect(201);
      return { params: { id: entry.body.id } };
    },
  },
  {
    route: 'GET /api/events/:eventId/waitlist-settings',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx) => ({ params: { eventId: fx.event.id } }),
  },
  {
    route: 'PUT /api/events/:eventId/waitlist-settings',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx) => ({ params: { eventId: fx.event.id }, body: { offerHoldSeconds: 7200 } }),
  },
  { route: 'GET /api/offers/me', expect: { none: 401, student: 200, volunteer: 403, staff: 403 } },
  {
    route: 'GET /api/offers/:id',
    expect: { none: 401, student: 200, volunteer: 403, staff: 200, otherStudent: 404 },
    call: async (fx, _c, t) => ({ params: { id: await sharedOfferToA(t, fx) } }),
  },
  {
    route: 'POST /api/offers/:id/accept',
    expect: { none: 401, student: 201, volunteer: 403, staff: 403, otherStudent: 404 },
    call: async (fx, caller, t) => ({ params: { id: caller === 'student' ? await offerToA(t, fx) : await sharedOfferToA(t, fx) } }),
  },
  {
    route: 'POST /api/offers/:id/decline',
    expect: { none: 401, student: 200, volunteer: 403, staff: 403, otherStudent: 404 },
    call: async (fx, caller, t) => ({ params: { id: caller === 'student' ? await offerToA(t, fx) : await sharedOfferToA(t, fx) } }),
  },
  // Issue 12, the strike ledger: students read their own; staff see, add, excuse and clear, and set the policy.
  { route: 'GET /api/strikes/me', expect: { none: 401, student: 200, volunteer: 403, staff: 403 } },
  { route: 'GET /api/students/:id/strikes', expect: { none: 401, student: 403, volunteer: 403, staff: 200, otherStudent: 403 }, call: (fx) => ({ params: { id: fx.studentA.id } }) },
  {
    route: 'POST /api/students/:id/strikes',
    expect: { none: 401, student: 403, volunteer: 403, staff: 201, otherStudent: 403 },
    call: async (fx, caller, t) => ({ params: { id: caller === 'staff' ? (await createStudent(t)).id : fx.studentA.id }, body: { reason: 'Late twice' } }),
  },
  {
    route: 'POST /api/students/:id/strikes/:strikeId/excuse',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200, otherStudent: 403 },
    call: async (fx, caller, t) => {
      if (caller !== 'staff') return { params: { id: fx.studentA.id, strikeId: '1' }, body: { reason: 'Excused' } };
      const student = await createStudent(t);
      const added = await t.http().post(`/api/students/${student.id}/strikes`).set(bearer(fx.staff)).send({ reason: 'Late' }).expect(201);
      return { params: { id: student.id, strikeId: added.body.strikes[0].id }, body: { reason: 'Excused' } };
    },
  },
  {
    route: 'POST /api/students/:id/strikes/clear',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200, otherStudent: 403 },
    call: async (fx, caller, t) => ({ params: { id: caller === 'staff' ? (await createStudent(t)).id : fx.studentA.id }, body: { reason: 'New term' } }),
  },
  { route: 'GET /api/strike-policy', expect: { none: 401, student: 403, volunteer: 403, staff: 200 } },
  {
    route: 'PUT /api/strike-policy',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: () => ({ body: { strikeLimit: 3, periodDays: 120, lateCancelMinutes: 1440, noShowsCount: true } }),
  },
  { route: 'GET /api/events/:eventId/strike-policy', expect: { none: 401, student: 403, volunteer: 403, staff: 200 }, call: (fx) => ({ params: { eventId: fx.event.id } }) },
  { route: 'PUT /api/events/:eventId/strike-policy', expect: { none: 401, student: 403, volunteer: 403, staff: 200 }, call: (fx) => ({ params: { eventId: fx.event.id }, body: {} }) },
  // Issue 12, interview feedback: staff set the rubric; the interview's volunteer gives feedback once it has ended; its student reads it.
  { route: 'GET /api/events/:eventId/feedback-rubric', expect: { none: 401, student: 403, volunteer: 403, staff: 200 }, call: (fx) => ({ params: { eventId: fx.event.id } }) },
  {
    route: 'PUT /api/events/:eventId/feedback-rubric',
    expect: { none: 401, student: 403, volunteer: 403, staff: 200 },
    call: (fx) => ({ params: { eventId: fx.event.id }, body: { criteria: [{ key: 'preparation', label: 'Preparation' }, { key: 'communication', label: 'Communication' }, { key: 'answers', label: 'Answers' }] } }),
  },
  {
    route: 'GET /api/bookings/:id/feedback',
    expect: { none: 401, student: 200, volunteer: 200, staff: 200, otherStudent: 404, otherVolunteer: 404 },
    call: (fx) => ({ params: { id: fx.bookingA } }),
  },
  {
    route: 'POST /api/bookings/:id/feedback',
    expect: { none: 401, student: 403, volunteer: 201, staff: 403, otherVolunteer: 404 },
    call: async (fx, _c, t) => {
      // Ended an hour ago's half hour: feedback is given once the interview has ended.
      await startInterview(t, fx.bookingA, 60, 30);
      return { params: { id: fx.bookingA }, body: { scores: { preparation: 3, communication: 3, answers: 3 } } };
    },
  },
  {
    route: 'PUT /api/bookings/:id/feedback',
    expect: { none: 401, student: 403, volunteer: 200, staff: 403, otherVolunteer: 404 },
    call: async (fx, _c, t) => {
      await startInterview(t, fx.bookingA, 60, 30);
      return { params: { id: fx.bookingA }, body: { scores: { preparation: 4, communication: 3, answers: 3 } } };
    },
  },
];

/** Codes the guard and the ownership checks give; 2xx bodies carry no code. */
const CODE_BY_STATUS: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' };

/**
 * A `desk` account (issue 13) is refused every endpoint that requires sign-in, unless its row
 * says otherwise (check-in and attendance).
 */
const withDesk = (expect: Endpoint['expect']): Endpoint['expect'] => (expect.none === 401 ? { desk: 403, ...expect } : expect);

const ROWS = ENDPOINTS.flatMap((endpoint) =>
  (Object.entries(withDesk(endpoint.expect)) as [Caller, number][]).map(([caller, status]) => ({
    label: `${endpoint.route} as ${caller} → ${status}`,
    endpoint,
    caller,
    status,
  })),
);

describe('authorization', () => {
  let t: TestApp;
  const fx = {} as Fixtures;

  const tokenOf = (caller: Caller): string | undefined =>
    ({
      none: undefined,
      student: fx.studentA.token,
      volunteer: fx.volunteerA.token,
      staff: fx.staff,
      otherStudent: fx.studentB.token,
      otherVolunteer: fx.volunteerB.token,
      desk: fx.desk,
    })[caller];

  beforeAll(async () => {
    t = await createTestApp();
    fx.staff = await t.staffToken();
    const desk = { name: 'Door', email: 'desk@fairgrid.test', password: 'desk-password-123', role: 'desk' };
    await t.http().post('/api/staff').set(bearer(fx.staff)).send(desk).expect(201);
    fx.desk = (await t.http().post('/api/auth/login').send({ email: desk.email, password: desk.password }).expect(200)).body.accessToken;
    fx.event = await createEvent(t, { maxBookingsPerStudent: 10 });
    fx.draft = await draftEvent(t, fx.staff);
    // Without an organization: student A books several of A's slots (one per organization would refuse them).
    [fx.volunteerA, fx.volunteerB, fx.studentA, fx.studentB] = await Promise.all([
      createVolunteer(t, { organization: '' }),
      createVolunteer(t, { organization: '' }),
      createStudent(t),
      createStudent(t),
    ]);
    fx.window = { startsAt: fx.event.startsAt, endsAt: hoursAfter(fx.event.startsAt, 4) };
    const slots = await createSlots(t, fx.event.id, fx.volunteerA.id, fx.window.startsAt, fx.window.endsAt);
    const [first, spare, ...rest] = slots.map((s) => s.id);
    const booked = await bookingRequest(t, fx.studentA.token, { slotId: first }).expect(201);
    fx.bookingA = booked.body.id;
    fx.spareSlot = spare;
    fx.freeSlots = rest;
  });
  afterAll(() => t.close());

  it('has a row for every route the controllers declare, and for each of none, student, volunteer and staff', () => {
    const tableRoutes = ENDPOINTS.map((e) => e.route);
    expect(tableRoutes.length).toBe(new Set(tableRoutes).size);
    // The docs are served by Swagger's middleware, not by a controller.
    const served = [...servedRoutes(t).map((r) => r.expressKey), 'GET /api/docs', 'GET /api/docs-json'];
    expect([...tableRoutes].sort()).toEqual([...new Set(served)].sort());
    for (const endpoint of ENDPOINTS) {
      expect({ route: endpoint.route, callers: Object.keys(endpoint.expect) }).toEqual({
        route: endpoint.route,
        callers: expect.arrayContaining(['none', 'student', 'volunteer', 'staff']),
      });
    }
  });

  it.each(ROWS)('$label', async ({ endpoint, caller, status }) => {
    const call = (await endpoint.call?.(fx, caller, t)) ?? {};
    const [method, template] = endpoint.route.split(' ');
    const path = template.replace(/:(\w+)/g, (_, name: string) => call.params![name]);
    let req = t.http()[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path);
    const token = tokenOf(caller);
    if (token) req = req.set(bearer(token));
    if (call.query) req = req.query(call.query);
    if (call.contentType) req = req.set('Content-Type', call.contentType);
    if (call.body !== undefined) req = req.send(call.body);
    const res = await req;

    const isPublic = endpoint.expect.none !== 401;
    const code = isPublic || status < 400 ? undefined : CODE_BY_STATUS[status];
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  });

  it('left every record the forbidden calls aimed at as it was', async () => {
    const booking = await t.db.query(`SELECT status FROM bookings WHERE id = $1`, [fx.bookingA]);
    expect(booking).toEqual([{ status: 'confirmed' }]);
    const spare = await t.db.query(`SELECT count(*)::int AS n FROM bookings WHERE slot_id = $1`, [fx.spareSlot]);
    expect(spare).toEqual([{ n: 0 }]);
    const draft = await t.db.query(`SELECT status, location FROM events WHERE id = $1`, [fx.draft.id]);
    expect(draft).toEqual([{ status: 'draft', location: 'Room 101' }]);
    const windows = await t.db.query(`SELECT count(*)::int AS n FROM availability_windows WHERE volunteer_id = $1`, [fx.volunteerA.id]);
    expect(windows).toEqual([{ n: 1 }]);
    // Only staff's import and staff's POSTs created people; the forbidden ones wrote nothing.
    const imported = await t.db.query(`SELECT count(*)::int AS n FROM students WHERE name = 'Imported'`);
    expect(imported).toEqual([{ n: 1 }]);
    const volunteers = await t.db.query(`SELECT count(*)::int AS n FROM volunteers WHERE name = 'New volunteer'`);
    expect(volunteers).toEqual([{ n: 1 }]);
    const importedVolunteers = await t.db.query(`SELECT count(*)::int AS n FROM volunteers WHERE name = 'Imported Volunteer'`);
    expect(importedVolunteers).toEqual([{ n: 1 }]);
  });

  it('left the floor, check-ins and attendance as only the allowed calls made them', async () => {
    const plans = await t.db.query(`SELECT version FROM floor_plans WHERE event_id = $1`, [fx.event.id]);
    expect(plans).toEqual([{ version: 1 }]);
    const checkIns = await t.db.query(`SELECT count(*)::int AS n FROM check_ins WHERE event_id = $1`, [fx.event.id]);
    expect(checkIns).toEqual([{ n: 2 }]); // staff's and the desk's
    const marks = await t.db.query(`SELECT marked_by FROM attendance WHERE booking_id = $1`, [fx.bookingA]);
    expect(marks).toHaveLength(1);
    expect(marks[0].marked_by).not.toBe(fx.volunteerB.id);
    const imported = await t.db.query(`SELECT count(*)::int AS n FROM exhibitors WHERE event_id = $1 AND organization LIKE 'Imported %'`, [fx.event.id]);
    expect(imported).toEqual([{ n: 1 }]);
  });

  it("shows each student and volunteer only their own interviews in /bookings/me", async () => {
    const mine = await t.http().get('/api/bookings/me').set(bearer(fx.studentA.token)).expect(200);
    expect(mine.body.map((b: { id: string }) => b.id)).toContain(fx.bookingA);
    const hers = await t.http().get('/api/bookings/me').set(bearer(fx.studentB.token)).expect(200);
    expect(hers.body).toEqual([]);

    const volunteerA = await t.http().get('/api/bookings/me').set(bearer(fx.volunteerA.token)).expect(200);
    expect(volunteerA.body.map((b: { id: string }) => b.id)).toContain(fx.bookingA);
    const volunteerB = await t.http().get('/api/bookings/me').set(bearer(fx.volunteerB.token)).expect(200);
    expect(volunteerB.body).toEqual([]);
  });

  describe('tokens', () => {
    const header = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
    const now = () => Math.floor(Date.now() / 1000);

    const BAD_HEADERS: [string, (fx: Fixtures, t: TestApp) => string][] = [
      ['signed with another secret', (fx) => `Bearer ${new JwtService({ secret: 'x'.repeat(64) }).sign({ sub: fx.studentA.id, role: 'student' })}`],
      ['expired', (fx, t) => `Bearer ${new JwtService({ secret: t.env.JWT_SECRET }).sign({ sub: fx.studentA.id, role: 'student', exp: now() - 60 })}`],
      ['not yet valid', (fx, t) => `Bearer ${new JwtService({ secret: t.env.JWT_SECRET }).sign({ sub: fx.studentA.id, role: 'student', nbf: now() + 3600 })}`],
      ['unsigned (alg none)', (fx) => `Bearer ${header({ alg: 'none', typ: 'JWT' })}.${header({ sub: fx.studentA.id, role: 'staff', iat: now() })}.`],
      [
        'signed with HS512 instead of HS256',
        (fx, t) => `Bearer ${new JwtService({ secret: t.env.JWT_SECRET }).sign({ sub: fx.studentA.id, role: 'student' }, { algorithm: 'HS512' })}`,
      ],
      ['with an unknown role', (fx, t) => `Bearer ${new JwtService({ secret: t.env.JWT_SECRET }).sign({ sub: fx.studentA.id, role: 'admin' })}`],
      ['without a subject', (_fx, t) => `Bearer ${new JwtService({ secret: t.env.JWT_SECRET }).sign({ role: 'student' })}`],
      // We never issue one; it would never expire.
      ['without an expiry', (fx, t) => `Bearer ${new JwtService({ secret: t.env.JWT_SECRET }).sign({ sub: fx.studentA.id, role: 'student', iat: now() })}`],
      ['whose subject is not an id', (_fx, t) => `Bearer ${new JwtService({ secret: t.env.JWT_SECRET }).sign({ sub: 'students; --', role: 'student', exp: now() + 60 })}`],
      ['with a tampered payload', (fx) => {
        const [h, , s] = fx.studentA.token.split('.');
        return `Bearer ${h}.${header({ sub: fx.studentA.id, role: 'staff', iat: now() })}.${s}`;
      }],
      ['scheme only', () => 'Bearer'],
      ['scheme and blank', () => 'Bearer   '],
      ['not a JWT', () => 'Bearer not-a-jwt'],
      ['Basic credentials', () => `Basic ${Buffer.from(`${ADMIN.email}:${ADMIN.password}`).toString('base64')}`],
      ['a valid token without a scheme', (fx) => fx.studentA.token],
      ['a valid token under another scheme', (fx) => `Token ${fx.studentA.token}`],
      ['a valid token followed by junk', (fx) => `Bearer ${fx.studentA.token} junk`],
      ['two tokens', (fx) => `Bearer ${fx.studentA.token}, Bearer ${fx.studentA.token}`],
    ];

    it.each(BAD_HEADERS)('refuses a token %s with 401 UNAUTHENTICATED', async (_name, make) => {
      const authorization = make(fx, t);
      for (const path of ['/api/events', '/api/students/me']) {
        const res = await t.http().get(path).set('Authorization', authorization);
        expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 401, code: 'UNAUTHENTICATED' });
      }
    });

    it('accepts the same requests with a valid token, with the scheme in any case (RFC 9110 §11.1)', async () => {
      for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
        await t.http().get('/api/students/me').set('Authorization', `${scheme} ${fx.studentA.token}`).expect(200);
      }
      const fresh = new JwtService({ secret: t.env.JWT_SECRET }).sign({ sub: fx.studentA.id, role: 'student', exp: now() + 60 });
      await t.http().get('/api/events').set(bearer(fresh)).expect(200);
    });

    it('refuses the still-valid token of an account deleted since, on every route its role could call, with 401', async () => {
      const gone = { student: await createStudent(t), volunteer: await createVolunteer(t) };
      for (const role of ['student', 'volunteer'] as const) {
        await t.http().get(`/api/${role}s/me`).set(bearer(gone[role].token)).expect(200);
        await t.db.query(`DELETE FROM ${role}s WHERE id = $1`, [gone[role].id]);
        // The app had just seen the account; PostgreSQL's announcement of the deletion makes it forget it.
        await waitFor(async () => (await t.http().get(`/api/${role}s/me`).set(bearer(gone[role].token))).status === 401);
      }
      const routes = servedRoutes(t).filter((r) => !r.isPublic);
      expect(routes.length).toBeGreaterThan(40);
      for (const route of routes) {
        const path = route.path.replace(/\{\w+\}/g, fx.event.id);
        for (const role of ['student', 'volunteer'] as const) {
          const res = await t.http()[route.method as 'get'](path).set(bearer(gone[role].token)).send({});
          expect({ route: route.key, role, status: res.status, code: res.body.code }).toEqual({ route: route.key, role, status: 401, code: 'UNAUTHENTICATED' });
        }
      }
    });
  });

  describe('draft and closed events', () => {
    let closedId: string;
    beforeAll(async () => {
      // Give the draft slots, so that hiding them is not just an empty list.
      await createSlots(t, fx.draft.id, fx.volunteerB.id, fx.draft.startsAt, hoursAfter(fx.draft.startsAt, 1));
      const closed = await createEvent(t);
      await t.http().patch(`/api/events/${closed.id}`).set(bearer(fx.staff)).send({ status: 'closed' }).expect(200);
      closedId = closed.id;
    });

    it.each(['student', 'volunteer'] as const)('hides drafts and closed events from a %s', async (role) => {
      const token = role === 'student' ? fx.studentA.token : fx.volunteerB.token;
      for (const id of [fx.draft.id, closedId]) {
        const one = await t.http().get(`/api/events/${id}`).set(bearer(token));
        expect({ status: one.status, code: one.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
        const slots = await t.http().get(`/api/events/${id}/slots`).set(bearer(token));
        expect({ status: slots.status, code: slots.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
      }
      const list = await t.http().get('/api/events').set(bearer(token)).expect(200);
      const ids = list.body.map((e: { id: string }) => e.id);
      expect(ids).toContain(fx.event.id);
      expect(ids).not.toContain(fx.draft.id);
      expect(ids).not.toContain(closedId);
      expect(list.body.every((e: { status: string }) => e.status === 'published')).toBe(true);
    });

    it('hides a draft from its own volunteer when they manage availability', async () => {
      const res = await t
        .http()
        .get(`/api/events/${fx.draft.id}/volunteers/${fx.volunteerB.id}/availability`)
        .set(bearer(fx.volunteerB.token));
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    });

    it('shows staff every event', async () => {
      const list = await t.http().get('/api/events').set(bearer(fx.staff)).expect(200);
      const ids = list.body.map((e: { id: string }) => e.id);
      expect(ids).toEqual(expect.arrayContaining([fx.event.id, fx.draft.id, closedId]));
      await t.http().get(`/api/events/${fx.draft.id}`).set(bearer(fx.staff)).expect(200);
      const slots = await t.http().get(`/api/events/${fx.draft.id}/slots`).set(bearer(fx.staff)).expect(200);
      expect(slots.body.items.length).toBeGreaterThan(0);
    });
  });

  describe("volunteers' e-mail addresses", () => {
    it.each(['student', 'volunteer', 'staff'] as const)('never appear in slot listings, seen by %s', async (role) => {
      const token = { student: fx.studentA.token, volunteer: fx.volunteerB.token, staff: fx.staff }[role];
      for (const query of [{}, { available: 'false' }, { volunteerId: fx.volunteerA.id }, { expertise: 'software' }]) {
        const res = await t.http().get(`/api/events/${fx.event.id}/slots`).query(query).set(bearer(token)).expect(200);
        expect(res.body.items.length).toBeGreaterThan(0);
        expect(res.body.items.some((s: { volunteer: { id: string } }) => s.volunteer.id === fx.volunteerA.id)).toBe(true);
        expect(res.text).not.toContain(fx.volunteerA.email);
        expect(res.text).not.toMatch(/"email"/);
        expect(res.text).not.toContain('@');
      }
    });

    it("never appear in a student's bookings", async () => {
      const res = await t.http().get('/api/bookings/me').set(bearer(fx.studentA.token)).expect(200);
      expect(res.body.length).toBeGreaterThan(0);
      expect(res.text).not.toContain(fx.volunteerA.email);
    });
  });
});
