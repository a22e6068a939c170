import { bookingRequest, createBooking, createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { useTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const ms = (iso: string) => new Date(iso).getTime();

/** PATCH /events/:id changing times, slot length or break reshapes volunteers' slots, or refuses. */
describe('event schedule changes', () => {
  const t = useTestApp();
  let staff: string;
  beforeAll(async () => {
    staff = await t.staffToken();
  });

  const patch = (eventId: string, body: Record<string, unknown>) =>
    t.http().patch(`/api/events/${eventId}`).auth(staff, { type: 'bearer' }).send(body);
  const book = async (slotId: string) =>
    (await createBooking(t, (await createStudent(t)).token, { slotId })) as { id: string };
  const slotsOf = async (eventId: string, volunteerId: string) =>
    (await t.http().get(`/api/events/${eventId}/slots`).query({ volunteerId, limit: 500 }).auth(staff, { type: 'bearer' }).expect(200)).body
      .items as { id: string; startsAt: string; endsAt: string; available: boolean }[];
  const availability = async (eventId: string, volunteerId: string) =>
    (await t.http().get(`/api/events/${eventId}/volunteers/${volunteerId}/availability`).auth(staff, { type: 'bearer' }).expect(200)).body;
  const eventOf = async (eventId: string) => (await t.http().get(`/api/events/${eventId}`).auth(staff, { type: 'bearer' }).expect(200)).body;
  /** Everything a refused PATCH must leave as it was. */
  const state = async (eventId: string, volunteerId: string) => ({
    event: await eventOf(eventId),
    availability: await availability(eventId, volunteerId),
    slots: await slotsOf(eventId, volunteerId),
  });

  it('regenerates slots with a new slot length and break, DST-correct, in a draft event too', async () => {
    // US clocks spring forward at 02:00 on 2027-03-14: the window is two real hours.
    const event = await createEvent(t, {
      publish: false,
      timezone: 'America/New_York',
      startsAt: '2027-03-14T00:00:00-05:00',
      endsAt: '2027-03-14T12:00:00-04:00',
      bookingClosesAt: '2027-03-13T12:00:00-05:00',
    });
    const volunteer = await createVolunteer(t);
    expect(await createSlots(t, event.id, volunteer.id, '2027-03-14T01:00:00-05:00', '2027-03-14T04:00:00-04:00')).toHaveLength(4);

    await patch(event.id, { slotMinutes: 20 }).expect(200);
    const twenty = await slotsOf(event.id, volunteer.id);
    expect(twenty.map((s) => s.startsAt)).toEqual([
      '2027-03-14T01:00:00.000-05:00',
      '2027-03-14T01:20:00.000-05:00',
      '2027-03-14T01:40:00.000-05:00',
      '2027-03-14T03:00:00.000-04:00',
      '2027-03-14T03:20:00.000-04:00',
      '2027-03-14T03:40:00.000-04:00',
    ]);
    expect(twenty[2].endsAt).toBe('2027-03-14T03:00:00.000-04:00');

    await patch(event.id, { breakMinutes: 10 }).expect(200);
    expect((await slotsOf(event.id, volunteer.id)).map((s) => s.startsAt)).toEqual([
      '2027-03-14T01:00:00.000-05:00',
      '2027-03-14T01:30:00.000-05:00',
      '2027-03-14T03:00:00.000-04:00',
      '2027-03-14T03:30:00.000-04:00',
    ]);
    expect(await availability(event.id, volunteer.id)).toMatchObject({
      slotCount: 4,
      windows: [{ startsAt: '2027-03-14T01:00:00.000-05:00', endsAt: '2027-03-14T04:00:00.000-04:00' }],
    });
  });

  it('refuses a new grid without a booked slot with 409 SLOTS_BOOKED, changing nothing at all', async () => {
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    const slots = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 2));
    const booking = await book(slots[1].id);
    const before = await state(event.id, volunteer.id);

    // 20-minute slots start at :00, :20, :40; the booked 09:30-10:00 is not among them.
    const refused = await patch(event.id, { slotMinutes: 20, name: 'Renamed' }).expect(409);
    expect(refused.body).toEqual({
      statusCode: 409,
      code: 'SLOTS_BOOKED',
      message: expect.stringContaining('PATCH /api/bookings/{id}'),
      details: { bookings: [{ bookingId: booking.id, slotId: slots[1].id, startsAt: slots[1].startsAt }] },
      requestId: expect.any(String),
    });
    expect(await state(event.id, volunteer.id)).toEqual(before);

    // Moving the day's end before the booked slot is refused the same way.
    await patch(event.id, { endsAt: hoursAfter(event.startsAt, 0.5) })
      .expect(409)
      .expect((res) => expect(res.body.details.bookings).toEqual([expect.objectContaining({ bookingId: booking.id })]));
    expect(await state(event.id, volunteer.id)).toEqual(before);

    // Once staff cancel the booking, the same PATCH goes through.
    await t.http().delete(`/api/bookings/${booking.id}`).auth(staff, { type: 'bearer' }).expect(200);
    await patch(event.id, { slotMinutes: 20 }).expect(200);
    expect(await slotsOf(event.id, volunteer.id)).toHaveLength(6);
  });

  it('keeps a booked slot that lies on the new grid, with its id and booking', async () => {
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    const slots = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 2));
    const booking = await book(slots[0].id);

    // A 30-minute break keeps 09:00 and 10:00 (same start and end) and drops 09:30 and 10:30.
    await patch(event.id, { breakMinutes: 30 }).expect(200);
    const after = await slotsOf(event.id, volunteer.id);
    expect(after.map((s) => [s.id, s.available])).toEqual([
      [slots[0].id, false],
      [slots[2].id, true],
    ]);
    const [row] = await t.db.query(`SELECT slot_id, status FROM bookings WHERE id = $1`, [booking.id]);
    expect(row).toEqual({ slot_id: slots[0].id, status: 'confirmed' });
  });

  it('clips windows to new event bounds, dropping ones too short for a slot, and removes their slots', async () => {
    const event = await createEvent(t, { publish: false });
    const [late, early, edge] = await Promise.all([createVolunteer(t), createVolunteer(t), createVolunteer(t)]);
    await createSlots(t, event.id, late.id, hoursAfter(event.startsAt, 6), event.endsAt); // 15:00-17:00
    const earlySlots = await createSlots(t, event.id, early.id, event.startsAt, hoursAfter(event.startsAt, 1));
    await createSlots(t, event.id, edge.id, hoursAfter(event.startsAt, 7.25), event.endsAt); // 16:15-17:00

    const res = await patch(event.id, { endsAt: hoursAfter(event.startsAt, 7.5), startsAt: hoursAfter(event.startsAt, 0.5) }).expect(200);
    expect(ms(res.body.endsAt)).toBe(ms(hoursAfter(event.startsAt, 7.5)));

    const lateAvailability = await availability(event.id, late.id);
    expect(lateAvailability.slotCount).toBe(3);
    expect(lateAvailability.windows.map((w: { startsAt: string; endsAt: string }) => [ms(w.startsAt), ms(w.endsAt)])).toEqual([
      [ms(hoursAfter(event.startsAt, 6)), ms(hoursAfter(event.startsAt, 7.5))],
    ]);
    expect(ms((await slotsOf(event.id, late.id)).at(-1)!.endsAt)).toBe(ms(hoursAfter(event.startsAt, 7.5)));
    // 09:00-10:00 becomes 09:30-10:00: the 09:30 slot keeps its row.
    expect((await slotsOf(event.id, early.id)).map((s) => s.id)).toEqual([earlySlots[1].id]);
    // 16:15-16:30 is shorter than a slot: the window goes, and its slot with it.
    expect(await availability(event.id, edge.id)).toMatchObject({ slotCount: 0, windows: [] });
    expect(await slotsOf(event.id, edge.id)).toEqual([]);
  });

  it('makes a completed allocation run stale: publishing it after slots were regenerated writes nothing', async () => {
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    await createSlots(t, event.id, volunteer.id, hoursAfter(event.startsAt, 1), hoursAfter(event.startsAt, 3));
    const window = { preferencesOpenAt: hoursAfter(new Date().toISOString(), -1), preferencesCloseAt: hoursAfter(new Date().toISOString(), 1) };
    await t.http().put(`/api/events/${event.id}/allocation-settings`).auth(staff, { type: 'bearer' }).send(window).expect(200);
    const student = await createStudent(t);
    await t.http().put(`/api/events/${event.id}/preferences`).auth(student.token, { type: 'bearer' }).send({ choices: [{ volunteerId: volunteer.id }] }).expect(200);
    const started = await t.http().post(`/api/events/${event.id}/allocation-runs`).auth(staff, { type: 'bearer' }).send({}).expect(202);
    const run = await waitFor(async () => {
      const res = await t.http().get(`/api/allocation-runs/${started.body.id}`).auth(staff, { type: 'bearer' }).expect(200);
      return ['completed', 'failed'].includes(res.body.status) && res.body;
    }, 30_000);
    expect(run.status).toBe('completed');

    await patch(event.id, { slotMinutes: 20 }).expect(200);
    const res = await t.http().post(`/api/allocation-runs/${started.body.id}/publish`).auth(staff, { type: 'bearer' });
    expect([res.status, res.body.code]).toEqual([409, 'ALLOCATION_STALE']);
    const [count] = await t.db.query(`SELECT count(*)::int AS n FROM bookings WHERE event_id = $1`, [event.id]);
    expect(count.n).toBe(0);
  });

  it('a booking racing the PATCH waits for it and then finds its slot gone, never left on a deleted slot', async () => {
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    const slots = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 2));
    const [held, ...others] = [...slots].sort((a, b) => (a.id < b.id ? 1 : -1));
    const waiting = async (n: number) => {
      const [row] = await t.db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      return row.n >= n;
    };

    // An in-flight booking's foreign-key lock on the slot with the highest id: the PATCH locks
    // the event's slots in id order, so it waits here holding every other slot.
    const inFlight = t.db.createQueryRunner();
    await inFlight.connect();
    try {
      await inFlight.startTransaction();
      await inFlight.query(`SELECT 1 FROM slots WHERE id = $1 FOR KEY SHARE`, [held.id]);
      const patching = patch(event.id, { slotMinutes: 20 }).then((res) => res);
      await waitFor(() => waiting(1));
      const student = await createStudent(t);
      const booking = bookingRequest(t, student.token, { slotId: others[0].id }).then((res) => res);
      await waitFor(() => waiting(2));
      await inFlight.commitTransaction();

      expect((await patching).status).toBe(200);
      const refused = await booking;
      expect([refused.status, refused.body.code]).toEqual([404, 'NOT_FOUND']);
    } finally {
      await inFlight.release();
    }
    expect(await slotsOf(event.id, volunteer.id)).toHaveLength(6);
    const [count] = await t.db.query(`SELECT count(*)::int AS n FROM bookings WHERE event_id = $1`, [event.id]);
    expect(count.n).toBe(0);
  });

  it('under a real rush the PATCH and bookings agree: every confirmed booking sits on a live slot of its time', async () => {
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    const slots = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 4));
    const students = await Promise.all(slots.map(() => createStudent(t)));
    const [patched, ...bookings] = await Promise.all([
      patch(event.id, { slotMinutes: 20 }).then((res) => res),
      ...slots.map((slot, i) => bookingRequest(t, students[i].token, { slotId: slot.id }).then((res) => res)),
    ]);
    expect([200, 409]).toContain(patched.status);
    for (const b of bookings) expect([201, 404]).toContain(b.status);
    const won = bookings.filter((b) => b.status === 201).length;
    // No 30-minute slot lies on the 20-minute grid: the PATCH succeeds exactly when no booking won first.
    if (patched.status === 200) expect(won).toBe(0);
    else expect(won).toBeGreaterThan(0);
    const [orphans] = await t.db.query(
      `SELECT count(*)::int AS n FROM bookings b LEFT JOIN slots s ON s.id = b.slot_id
        WHERE b.event_id = $1 AND b.status = 'confirmed'
          AND (s.id IS NULL OR s.starts_at <> b.starts_at OR s.ends_at <> b.ends_at)`,
      [event.id],
    );
    expect(orphans.n).toBe(0);
    expect(await slotsOf(event.id, volunteer.id)).toHaveLength(patched.status === 200 ? 12 : 8);
  });
});
