import { bookingRequest, createEvent, createSlots, createStudent, createVolunteer, hoursAfter, startInterview } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

describe('attendance and no-shows', () => {
  let t: TestApp;
  let staff: string;
  let volunteer: { id: string; token: string };
  let otherVolunteer: { id: string; token: string };
  let student: { id: string; token: string };
  let bookings: string[];

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.staffToken();
    // No organization: the student holds several interviews with this volunteer (one per organization would refuse them).
    [volunteer, otherVolunteer, student] = await Promise.all([createVolunteer(t, { organization: '' }), createVolunteer(t), createStudent(t)]);
    // Three interviews of one student with one volunteer, over two events.
    const first = await createEvent(t, { maxBookingsPerStudent: 5 });
    const second = await createEvent(t, { startsAt: hoursAfter(first.startsAt, 24), endsAt: hoursAfter(first.startsAt, 32) });
    const slots1 = await createSlots(t, first.id, volunteer.id, first.startsAt, hoursAfter(first.startsAt, 2));
    const slots2 = await createSlots(t, second.id, volunteer.id, hoursAfter(first.startsAt, 24), hoursAfter(first.startsAt, 26));
    bookings = [];
    for (const slot of [slots1[0], slots1[2], slots2[0]]) {
      const res = await bookingRequest(t, staff, { slotId: slot.id, studentId: student.id }).expect(201);
      bookings.push(res.body.id);
    }
    // The day has come (attendance is marked once an interview has started): newest first, 40 minutes apart.
    for (const [i, id] of bookings.entries()) await startInterview(t, id, 10 + 40 * (bookings.length - 1 - i));
  });
  afterAll(() => t.close());

  const mark = (bookingId: string, status: string, token = staff) =>
    t.http().post(`/api/bookings/${bookingId}/attendance`).set(bearer(token)).send({ status });

  it('lets staff and the interviewing volunteer mark attendance, and a second mark corrects the first', async () => {
    const byVolunteer = await mark(bookings[0], 'attended', volunteer.token).expect(200);
    expect(byVolunteer.body).toEqual({ bookingId: bookings[0], studentId: student.id, status: 'attended', markedAt: expect.any(String) });
    await mark(bookings[1], 'attended').expect(200);
    const corrected = await mark(bookings[1], 'no_show').expect(200);
    expect(corrected.body.status).toBe('no_show');
    await mark(bookings[2], 'no_show', volunteer.token).expect(200);
    const rows = await t.db.query(`SELECT count(*)::int AS n FROM attendance WHERE student_id = $1`, [student.id]);
    expect(rows).toEqual([{ n: 3 }]);
  });

  it('counts no-shows per student across events', async () => {
    const res = await t.http().get(`/api/students/${student.id}/no-shows`).set(bearer(staff)).expect(200);
    expect(res.body).toMatchObject({ studentId: student.id, attended: 1, noShows: 2, noShowEvents: 2 });
    expect(res.body.noShowBookings.map((b: { bookingId: string }) => b.bookingId)).toEqual([bookings[2], bookings[1]]);
    const clean = await createStudent(t);
    const none = await t.http().get(`/api/students/${clean.id}/no-shows`).set(bearer(staff)).expect(200);
    expect(none.body).toEqual({ studentId: clean.id, attended: 0, noShows: 0, noShowEvents: 0, noShowBookings: [] });
    await t.http().get('/api/students/00000000-0000-4000-8000-000000000000/no-shows').set(bearer(staff)).expect(404);
  });

  it("refuses another volunteer's booking (404), a bad status (400), an unknown booking (404) and a cancelled one (409)", async () => {
    const foreign = await mark(bookings[0], 'no_show', otherVolunteer.token).expect(404);
    expect(foreign.body.code).toBe('NOT_FOUND');
    const bad = await mark(bookings[0], 'late').expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    await mark('00000000-0000-4000-8000-000000000000', 'attended').expect(404);
    await mark('not-a-uuid', 'attended').expect(404);
    const booking = await bookingRequest(t, staff, {
      slotId: (await t.db.query(`SELECT id FROM slots WHERE volunteer_id = $1 AND id NOT IN (SELECT slot_id FROM bookings WHERE slot_id IS NOT NULL) ORDER BY starts_at LIMIT 1`, [volunteer.id]))[0].id,
      studentId: student.id,
    }).expect(201);
    await t.http().delete(`/api/bookings/${booking.body.id}`).set(bearer(staff)).expect(200);
    const cancelled = await mark(booking.body.id, 'no_show').expect(409);
    expect(cancelled.body.code).toBe('BOOKING_CANCELLED');
    // The first mark is untouched by the refused ones.
    const [row] = await t.db.query(`SELECT status FROM attendance WHERE booking_id = $1`, [bookings[0]]);
    expect(row).toEqual({ status: 'attended' });
  });
});
