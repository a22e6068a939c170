import { createEvent, createSlots, createStudent, createVolunteer, hoursAfter, startInterview } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/** An ISO 8601 time written with New York's offset (EST or EDT), as the API promises for every time. */
const NEW_YORK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}-0[45]:00$/;

describe('times in the event zone, everywhere the API returns one', () => {
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.staffToken();
  });
  afterAll(() => t.close());

  it('check-ins, attendance marks, no-shows and floor-plan assignments', async () => {
    const event = await createEvent(t, { timezone: 'America/New_York' });
    const volunteer = await createVolunteer(t);
    const [slot] = await createSlots(t, event.id, volunteer.id, hoursAfter(event.startsAt, 1), hoursAfter(event.startsAt, 2));
    const student = await createStudent(t);
    const booking = await t.http().post('/api/bookings').auth(student.token, { type: 'bearer' }).send({ slotId: slot.id }).expect(201);

    const { checkInCode } = (await t.http().get(`/api/events/${event.id}/check-in-code`).auth(student.token, { type: 'bearer' }).expect(200)).body;
    const checkIn = await t.http().post(`/api/events/${event.id}/check-ins`).auth(staff, { type: 'bearer' }).send({ code: checkInCode }).expect(201);
    expect(checkIn.body.checkedInAt).toMatch(NEW_YORK);

    // Attendance is marked once the interview has started (issue 12).
    await startInterview(t, booking.body.id);
    const [{ starts_at: startedAt }] = await t.db.query(`SELECT starts_at FROM bookings WHERE id = $1`, [booking.body.id]);
    const mark = await t.http().post(`/api/bookings/${booking.body.id}/attendance`).auth(staff, { type: 'bearer' }).send({ status: 'no_show' }).expect(200);
    expect(mark.body.markedAt).toMatch(NEW_YORK);
    const noShows = await t.http().get(`/api/students/${student.id}/no-shows`).auth(staff, { type: 'bearer' }).expect(200);
    expect(noShows.body.noShowBookings[0].startsAt).toMatch(NEW_YORK);
    expect(Date.parse(noShows.body.noShowBookings[0].startsAt)).toBe(new Date(startedAt).getTime());

    const from = hoursAfter(event.startsAt, 0);
    const until = hoursAfter(event.startsAt, 4);
    const plan = await t.http()
      .put(`/api/events/${event.id}/floor-plan`)
      .auth(staff, { type: 'bearer' })
      .send({
        version: 0,
        halls: [{ key: 'A', name: 'Hall A', width: 20, height: 10, places: [{ label: 'T1', kind: 'interview_table', x: 1, y: 1, width: 2, height: 1, assignments: [{ volunteerId: volunteer.id, startsAt: from, endsAt: until }] }] }],
      })
      .expect(200);
    const [assignment] = plan.body.halls[0].places[0].assignments;
    expect(assignment.startsAt).toMatch(NEW_YORK);
    expect(Date.parse(assignment.startsAt)).toBe(Date.parse(from));
    expect(Date.parse(assignment.endsAt)).toBe(Date.parse(until));
    expect(plan.body.updatedAt).toMatch(NEW_YORK);
    const read = await t.http().get(`/api/events/${event.id}/floor-plan`).auth(student.token, { type: 'bearer' }).expect(200);
    expect(read.body.halls[0].places[0].assignments[0].endsAt).toMatch(NEW_YORK);
  });

  it("says a student already holds the slot they book again, instead of calling it taken", async () => {
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    const [slot] = await createSlots(t, event.id, volunteer.id, hoursAfter(event.startsAt, 3), hoursAfter(event.startsAt, 4));
    const student = await createStudent(t);
    const first = await t.http().post('/api/bookings').auth(student.token, { type: 'bearer' }).send({ slotId: slot.id }).expect(201);
    const again = await t.http().post('/api/bookings').auth(student.token, { type: 'bearer' }).send({ slotId: slot.id }).expect(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_BOOKED', details: { bookingId: first.body.id } });
    const other = await createStudent(t);
    const taken = await t.http().post('/api/bookings').auth(other.token, { type: 'bearer' }).send({ slotId: slot.id }).expect(409);
    expect(taken.body.code).toBe('SLOT_TAKEN');
  });
});
