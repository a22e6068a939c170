import { bookingRequest, createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { useTestApp, TestApp } from '../support/test-app';

describe('booking rules', () => {
  const t = useTestApp();
  let staff: string;
  beforeAll(async () => {
    staff = await t.staffToken();
  });

  const book = (token: string, body: { slotId: string; studentId?: string }) => bookingRequest(t, token, body);

  it('refuses an overlapping booking and enforces the per-event limit', async () => {
    const event = await createEvent(t, { maxBookingsPerStudent: 2 });
    const [a, b] = [await createVolunteer(t), await createVolunteer(t)];
    const slotsA = await createSlots(t, event.id, a.id, event.startsAt, hoursAfter(event.startsAt, 2));
    const slotsB = await createSlots(t, event.id, b.id, event.startsAt, hoursAfter(event.startsAt, 2));
    const student = await createStudent(t);

    await book(student.token, { slotId: slotsA[0].id }).expect(201);
    const overlap = await book(student.token, { slotId: slotsB[0].id }).expect(409);
    expect(overlap.body.code).toBe('BOOKING_OVERLAP');
    await book(student.token, { slotId: slotsB[1].id }).expect(201);
    const limit = await book(student.token, { slotId: slotsA[3].id }).expect(422);
    expect(limit.body).toMatchObject({ code: 'BOOKING_LIMIT', details: { maxBookingsPerStudent: 2 } });

    const mine = await t.http().get('/api/bookings/me').auth(student.token, { type: 'bearer' }).expect(200);
    expect(mine.body.map((x: { slotId: string }) => x.slotId)).toEqual([slotsA[0].id, slotsB[1].id]);
    const volunteerView = await t.http().get('/api/bookings/me').auth(b.token, { type: 'bearer' }).expect(200);
    expect(volunteerView.body).toEqual([expect.objectContaining({ slotId: slotsB[1].id, student: { id: student.id, name: expect.any(String) } })]);
    expect(JSON.stringify(volunteerView.body)).not.toContain(student.email);

    // Cancelling frees a place under the limit at once.
    await t.http().delete(`/api/bookings/${mine.body[0].id}`).auth(student.token, { type: 'bearer' }).expect(200);
    await book(student.token, { slotId: slotsA[3].id }).expect(201);
  });

  it('closes booking outside the window and for unpublished events', async () => {
    const future = await createEvent(t, { bookingOpensAt: new Date(Date.now() + 3600_000).toISOString() });
    const v = await createVolunteer(t);
    const [slot] = await createSlots(t, future.id, v.id, future.startsAt, hoursAfter(future.startsAt, 1));
    const student = await createStudent(t);
    const early = await book(student.token, { slotId: slot.id }).expect(422);
    expect(early.body).toMatchObject({ code: 'BOOKING_CLOSED', message: 'Booking has not opened yet' });

    // Staff may book for a student outside the window, and must name the student.
    const missing = await book(staff, { slotId: slot.id }).expect(422);
    expect(missing.body.code).toBe('STUDENT_REQUIRED');
    const byStaff = await book(staff, { slotId: slot.id, studentId: student.id }).expect(201);
    expect(byStaff.body.student.id).toBe(student.id);

    const draft = await createEvent(t, { publish: false });
    // One person cannot sit at two events at once: v's time is taken by the other event.
    const busy = await t
      .http()
      .put(`/api/events/${draft.id}/volunteers/${v.id}/availability`)
      .auth(staff, { type: 'bearer' })
      .send({ windows: [{ startsAt: draft.startsAt, endsAt: hoursAfter(draft.startsAt, 1) }] })
      .expect(409);
    expect(busy.body.code).toBe('VOLUNTEER_BUSY');
    const other = await createVolunteer(t);
    const [draftSlot] = await createSlots(t, draft.id, other.id, draft.startsAt, hoursAfter(draft.startsAt, 1));
    const res = await book(staff, { slotId: draftSlot.id, studentId: student.id }).expect(422);
    expect(res.body.code).toBe('BOOKING_CLOSED');
    // Students cannot even see the draft event's slot.
    await book(student.token, { slotId: draftSlot.id }).expect(404);
  });

  it('lets staff list an event\'s bookings and cancel any; students only their own', async () => {
    const event = await createEvent(t);
    const v = await createVolunteer(t);
    const [s1, s2] = await createSlots(t, event.id, v.id, event.startsAt, hoursAfter(event.startsAt, 1));
    const [ann, bob] = [await createStudent(t), await createStudent(t)];
    const annBooking = await book(ann.token, { slotId: s1.id }).expect(201);
    await book(bob.token, { slotId: s2.id }).expect(201);

    const notYours = await t.http().delete(`/api/bookings/${annBooking.body.id}`).auth(bob.token, { type: 'bearer' }).expect(404);
    expect(notYours.body.code).toBe('NOT_FOUND');
    const cancelled = await t.http().delete(`/api/bookings/${annBooking.body.id}`).auth(staff, { type: 'bearer' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) });
    await t.http().delete(`/api/bookings/${annBooking.body.id}`).auth(staff, { type: 'bearer' }).expect(200);

    const all = await t.http().get(`/api/events/${event.id}/bookings`).auth(staff, { type: 'bearer' }).expect(200);
    expect(all.body.map((b: { status: string }) => b.status).sort()).toEqual(['cancelled', 'confirmed']);
    const confirmed = await t.http().get(`/api/events/${event.id}/bookings`).query({ status: 'confirmed' }).auth(staff, { type: 'bearer' }).expect(200);
    expect(confirmed.body).toEqual([expect.objectContaining({ student: { id: bob.id, name: expect.any(String) } })]);
  });

  it('replays a retried POST with the same Idempotency-Key instead of booking twice', async () => {
    const event = await createEvent(t, { maxBookingsPerStudent: 3 });
    const v = await createVolunteer(t);
    const [s1, s2] = await createSlots(t, event.id, v.id, event.startsAt, hoursAfter(event.startsAt, 1));
    const student = await createStudent(t);
    const first = await book(student.token, { slotId: s1.id }).set('Idempotency-Key', 'retry-1').expect(201);
    const retry = await book(student.token, { slotId: s1.id }).set('Idempotency-Key', 'retry-1').expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const reused = await book(student.token, { slotId: s2.id }).set('Idempotency-Key', 'retry-1').expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM bookings WHERE student_id = $1`, [student.id]);
    expect(count).toBe(1);
  });

  it('logs every confirmation and cancellation in the same transaction, in order', async () => {
    const event = await createEvent(t);
    const v = await createVolunteer(t);
    const [slot] = await createSlots(t, event.id, v.id, event.startsAt, hoursAfter(event.startsAt, 1));
    const student = await createStudent(t);
    const booked = await book(student.token, { slotId: slot.id }).expect(201);
    await book(student.token, { slotId: slot.id }).expect(409);
    await t.http().delete(`/api/bookings/${booked.body.id}`).auth(student.token, { type: 'bearer' }).expect(200);
    await t.http().delete(`/api/bookings/${booked.body.id}`).auth(student.token, { type: 'bearer' }).expect(200);
    const changes = await t.db.query(`SELECT change FROM booking_changes WHERE booking_id = $1 ORDER BY id`, [booked.body.id]);
    expect(changes.map((c: { change: string }) => c.change)).toEqual(['confirmed', 'cancelled']);
  });

  describe('lowering maxBookingsPerStudent', () => {
    const patchLimit = (eventId: string, max: number) =>
      t.http().patch(`/api/events/${eventId}`).auth(staff, { type: 'bearer' }).send({ maxBookingsPerStudent: max });

    it('below what a student holds is refused with 409 listing that student\'s bookings; nothing changes', async () => {
      const event = await createEvent(t, { maxBookingsPerStudent: 3 });
      // Of no organization: one student holds several of this volunteer's interviews.
      const v = await createVolunteer(t, { organization: '' });
      const slots = await createSlots(t, event.id, v.id, event.startsAt, hoursAfter(event.startsAt, 3));
      const [busy, calm] = [await createStudent(t), await createStudent(t)];
      const held = [];
      for (const slot of slots.slice(0, 3)) held.push((await book(busy.token, { slotId: slot.id }).expect(201)).body.id);
      await book(calm.token, { slotId: slots[4].id }).expect(201);

      const refused = await patchLimit(event.id, 2).expect(409);
      expect(refused.body).toMatchObject({ code: 'BOOKINGS_OVER_LIMIT', details: { maxBookingsPerStudent: 2 } });
      expect(refused.body.details.bookings).toEqual(held.map((bookingId, i) => ({ bookingId, studentId: busy.id, slotId: slots[i].id, startsAt: expect.any(String) })));
      const got = await t.http().get(`/api/events/${event.id}`).auth(staff, { type: 'bearer' }).expect(200);
      expect(got.body.maxBookingsPerStudent).toBe(3);

      // The same edit together with a new name changes neither.
      await t.http().patch(`/api/events/${event.id}`).auth(staff, { type: 'bearer' }).send({ maxBookingsPerStudent: 1, name: 'Renamed' }).expect(409);
      expect((await t.http().get(`/api/events/${event.id}`).auth(staff, { type: 'bearer' })).body.name).not.toBe('Renamed');
      await patchLimit(event.id, 3).expect(200);
    });

    it('that everyone fits is accepted, and holds from then on even for a student whose remaining booking had a high number', async () => {
      const event = await createEvent(t, { maxBookingsPerStudent: 2 });
      const v = await createVolunteer(t, { organization: '' });
      const slots = await createSlots(t, event.id, v.id, event.startsAt, hoursAfter(event.startsAt, 3));
      const student = await createStudent(t);
      const first = await book(student.token, { slotId: slots[0].id }).expect(201);
      await book(student.token, { slotId: slots[1].id }).expect(201);
      // Left with booking number 2 only.
      await t.http().delete(`/api/bookings/${first.body.id}`).auth(student.token, { type: 'bearer' }).expect(200);

      await patchLimit(event.id, 1).expect(200);
      const over = await book(student.token, { slotId: slots[3].id }).expect(422);
      expect(over.body).toMatchObject({ code: 'BOOKING_LIMIT', details: { maxBookingsPerStudent: 1 } });
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM bookings WHERE student_id = $1 AND status = 'confirmed'`, [student.id]);
      expect(n).toBe(1);
    });

    it('racing bookings never leave a student over the limit (10 rounds), and nobody gets a 500', async () => {
      for (let round = 0; round < 10; round++) {
        const event = await createEvent(t, { maxBookingsPerStudent: 2 });
        const v = await createVolunteer(t, { organization: '' });
        const slots = await createSlots(t, event.id, v.id, event.startsAt, hoursAfter(event.startsAt, 4));
        const students = await Promise.all(Array.from({ length: 4 }, () => createStudent(t)));
        await Promise.all(students.map((s, i) => book(s.token, { slotId: slots[i].id }).expect(201)));
        const [edit, ...second] = await Promise.all([
          patchLimit(event.id, 1),
          ...students.map((s, i) => book(s.token, { slotId: slots[4 + i].id })),
        ]);
        for (const res of [edit, ...second]) expect(res.status).toBeLessThan(500);
        const max = (await t.http().get(`/api/events/${event.id}`).auth(staff, { type: 'bearer' })).body.maxBookingsPerStudent;
        expect(max).toBe(edit.status === 200 ? 1 : 2);
        if (edit.status !== 200) expect(edit.body.code).toBe('BOOKINGS_OVER_LIMIT');
        const rows: { n: number }[] = await t.db.query(
          `SELECT count(*)::int AS n FROM bookings WHERE event_id = $1 AND status = 'confirmed' GROUP BY student_id`,
          [event.id],
        );
        for (const { n } of rows) expect(n).toBeLessThanOrEqual(max);
        const numbers: { over: number }[] = await t.db.query(
          `SELECT count(*)::int AS over FROM bookings WHERE event_id = $1 AND status = 'confirmed' AND booking_number > $2`,
          [event.id, max],
        );
        expect(numbers[0].over).toBe(0);
      }
    });
  });
});
