import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app';

const HOUR = 3600_000;
const unique = () => randomUUID().slice(0, 8);

export interface EventFields {
  name?: string;
  timezone?: string;
  startsAt?: string;
  endsAt?: string;
  bookingOpensAt?: string;
  bookingClosesAt?: string;
  slotMinutes?: number;
  breakMinutes?: number;
  maxBookingsPerStudent?: number;
  // Issue 12.
  minGapMinutes?: number;
  bookingCutoffMinutes?: number;
  publish?: boolean;
}

/** An event tomorrow 09:00-17:00 UTC whose booking window is open now; published by default. */
export async function createEvent(t: TestApp, fields: EventFields = {}) {
  const day = new Date(Date.now() + 24 * HOUR);
  day.setUTCHours(0, 0, 0, 0);
  const { publish = true, ...rest } = fields;
  const body = {
    name: `Mock interview day ${unique()}`,
    location: 'Student Union',
    timezone: 'UTC',
    startsAt: new Date(day.getTime() + 9 * HOUR).toISOString(),
    endsAt: new Date(day.getTime() + 17 * HOUR).toISOString(),
    bookingOpensAt: new Date(Date.now() - HOUR).toISOString(),
    bookingClosesAt: new Date(day.getTime() + 8 * HOUR).toISOString(),
    ...rest,
  };
  const staff = await t.staffToken();
  const res = await t.http().post('/api/events').auth(staff, { type: 'bearer' }).send(body).expect(201);
  if (publish) await t.http().post(`/api/events/${res.body.id}/publish`).auth(staff, { type: 'bearer' }).expect(200);
  return { ...res.body, status: publish ? 'published' : 'draft' } as { id: string; startsAt: string; endsAt: string; [k: string]: unknown };
}

export async function createVolunteer(t: TestApp, fields: Record<string, unknown> = {}) {
  const res = await t
    .http()
    .post('/api/volunteers')
    .auth(await t.staffToken(), { type: 'bearer' })
    // Each volunteer its own organization unless a test names one: a student may hold one interview per organization.
    .send({ name: `Volunteer ${unique()}`, email: `vol-${unique()}@example.com`, organization: `Org ${unique()}`, expertise: ['software'], ...fields })
    .expect(201);
  return { ...res.body, token: await t.tokenFor('volunteer', res.body.id) } as { id: string; email: string; token: string };
}

export async function createStudent(t: TestApp, fields: Record<string, unknown> = {}) {
  const res = await t
    .http()
    .post('/api/students')
    .auth(await t.staffToken(), { type: 'bearer' })
    .send({ name: `Student ${unique()}`, email: `stu-${unique()}@example.edu`, ...fields })
    .expect(201);
  return { ...res.body, token: await t.tokenFor('student', res.body.id) } as { id: string; email: string; token: string };
}

/** Gives a volunteer availability and returns the generated slots, in time order. */
export async function createSlots(t: TestApp, eventId: string, volunteerId: string, startsAt: string, endsAt: string) {
  const staff = await t.staffToken();
  await t
    .http()
    .put(`/api/events/${eventId}/volunteers/${volunteerId}/availability`)
    .auth(staff, { type: 'bearer' })
    .send({ windows: [{ startsAt, endsAt }] })
    .expect(200);
  const res = await t.http().get(`/api/events/${eventId}/slots`).query({ volunteerId, limit: 500 }).auth(staff, { type: 'bearer' }).expect(200);
  return res.body.items as { id: string; startsAt: string; endsAt: string; available: boolean }[];
}

export const hoursAfter = (iso: string, hours: number) => new Date(new Date(iso).getTime() + hours * HOUR).toISOString();

/** What a booking answer carries that tests look at. */
export interface BookedSlot {
  id: string;
  slotId: string;
  status: 'confirmed' | 'cancelled';
  startsAt: string;
  endsAt: string;
  student: { id: string; name: string };
  volunteer: { id: string; name: string };
  [field: string]: unknown;
}

/**
 * POST /api/bookings as `token`: a student books for themself (`{ slotId }`), staff name the
 * student (`{ slotId, studentId }`). The request, to assert on its answer.
 */
export function bookingRequest(t: TestApp, token: string, body: { slotId: string; studentId?: string }, idempotencyKey?: string) {
  const request = t.http().post('/api/bookings').auth(token, { type: 'bearer' });
  if (idempotencyKey !== undefined) request.set('Idempotency-Key', idempotencyKey);
  return request.send(body);
}

/** A confirmed booking (the test fails unless the answer is 201); see bookingRequest. */
export async function createBooking(t: TestApp, token: string, body: { slotId: string; studentId?: string }): Promise<BookedSlot> {
  return (await bookingRequest(t, token, body).expect(201)).body as BookedSlot;
}

/**
 * Issue 12: moves a booked interview into the past, as if its day had come (attendance and
 * feedback need a started or ended interview; bookings refuse slots that have started).
 * `startedMinutesAgo` 10 and `lengthMinutes` 30 give an interview under way.
 */
export async function startInterview(t: TestApp, bookingId: string, startedMinutesAgo = 10, lengthMinutes = 30): Promise<void> {
  await t.db.query(
    `UPDATE bookings SET starts_at = now() - make_interval(mins => $2), ends_at = now() - make_interval(mins => $2) + make_interval(mins => $3) WHERE id = $1`,
    [bookingId, startedMinutesAgo, lengthMinutes],
  );
}
