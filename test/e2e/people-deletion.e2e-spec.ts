import type { Response } from 'supertest';
import { CLAIM } from '../../src/bookings/booking-claim.sql';
import { StudentsService } from '../../src/students/students.service';
import { bookingRequest, createBooking, createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { bearer, useTestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/** Issue 13: staff change and delete students and volunteers through the API. */
describe('people: PATCH and DELETE (issue 13)', () => {
  const t = useTestApp();
  const subjects = (email: string) => t.smtp.to(email).map((m) => m.parsed.subject ?? '');
  const feedPath = (url: string) => new URL(url).pathname;

  it('changes a student, refusing a taken address; a deleted student is not found', async () => {
    const staff = await t.staffToken();
    const [ada, bob] = await Promise.all([createStudent(t, { name: 'Ada' }), createStudent(t)]);
    const res = await t.http().patch(`/api/students/${ada.id}`).set(bearer(staff)).send({ name: 'Ada Lovelace', major: 'Mathematics', graduationYear: 2027 }).expect(200);
    expect(res.body).toMatchObject({ name: 'Ada Lovelace', email: ada.email, major: 'Mathematics', graduationYear: 2027 });
    const taken = await t.http().patch(`/api/students/${ada.id}`).set(bearer(staff)).send({ email: bob.email }).expect(409);
    expect(taken.body.code).toBe('EMAIL_TAKEN');
    await t.http().patch(`/api/students/${ada.id}`).set(bearer(staff)).send({ graduationYear: 1200 }).expect(400);
    // A name or address sent as null is refused with the field named (the fuzzer found a 500 here).
    for (const field of ['name', 'email']) {
      const refused = await t.http().patch(`/api/students/${ada.id}`).set(bearer(staff)).send({ [field]: null }).expect(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    // Optional fields may be cleared.
    const cleared = await t.http().patch(`/api/students/${ada.id}`).set(bearer(staff)).send({ major: null }).expect(200);
    expect(cleared.body).toMatchObject({ name: 'Ada Lovelace', major: null });
    await t.http().delete(`/api/students/${bob.id}`).set(bearer(staff)).expect(202);
    await t.http().patch(`/api/students/${bob.id}`).set(bearer(staff)).send({ name: 'Back' }).expect(404);
    await t.http().delete(`/api/students/${bob.id}`).set(bearer(staff)).expect(404);
  });

  it('changes a volunteer, their organization found or made as on create', async () => {
    const staff = await t.staffToken();
    const volunteer = await createVolunteer(t, { organization: 'Acme' });
    const res = await t.http().patch(`/api/volunteers/${volunteer.id}`).set(bearer(staff)).send({ organization: 'Globex', title: 'CTO' }).expect(200);
    expect(res.body).toMatchObject({ organization: 'Globex', title: 'CTO', name: (volunteer as unknown as { name: string }).name });
    expect(res.body.organizationId).toEqual(expect.any(String));
    for (const field of ['name', 'email', 'organization', 'expertise']) {
      await t.http().patch(`/api/volunteers/${volunteer.id}`).set(bearer(staff)).send({ [field]: null }).expect(400);
    }
  });

  it('deletes a student: the account closes at once, their interview is cancelled with mails to both, then their data is erased', async () => {
    const staff = await t.staffToken();
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    const [slot] = await createSlots(t, event.id, volunteer.id, hoursAfter(event.startsAt, 1), hoursAfter(event.startsAt, 2));
    const student = await createStudent(t, { name: 'Gone Soon', major: 'History' });
    await createBooking(t, student.token, { slotId: slot.id });
    await waitFor(() => subjects(student.email).some((s) => s.startsWith('Invitation')), 20_000);
    const feed = feedPath((await t.http().get('/api/students/me/calendar').set(bearer(student.token)).expect(200)).body.url);
    await t.http().get(feed).expect(200);

    const res = await t.http().delete(`/api/students/${student.id}`).set(bearer(staff)).expect(202);
    expect(res.body).toEqual({ id: student.id, cancelled: 1, status: 'closed' });
    await t.http().get('/api/students/me').set(bearer(student.token)).expect(401);
    // Their subscription URL stops working with the account.
    await t.http().get(feed).expect(404);
    // A closed account books nothing more, not even by staff (the slot is free again).
    const refused = await t.http().post('/api/bookings').set(bearer(staff)).send({ slotId: slot.id, studentId: student.id }).expect(404);
    expect(refused.body.code).toBe('NOT_FOUND');
    const list = await t.http().get('/api/students').query({ q: 'Gone Soon' }).set(bearer(staff)).expect(200);
    expect(list.body.items).toEqual([]);
    // Cancellations to both parties, addressed and named as they were.
    await waitFor(() => subjects(student.email).some((s) => s.startsWith('Cancelled')) && subjects(volunteer.email).some((s) => s.startsWith('Cancelled')), 20_000);
    const slots = await t.http().get(`/api/events/${event.id}/slots`).query({ volunteerId: volunteer.id }).set(bearer(staff)).expect(200);
    expect(slots.body.items[0]).toMatchObject({ id: slot.id, available: true });
    // …and then nothing personal is left.
    const erased = await waitFor(async () => {
      const [row] = await t.db.query(`SELECT name, email, major, erased_at FROM students WHERE id = $1`, [student.id]);
      return row.erased_at ? row : undefined;
    }, 30_000);
    expect(erased).toMatchObject({ name: 'Deleted student', email: `deleted-${student.id}@deleted.invalid`, major: null });
    const [booking] = await t.db.query(`SELECT status FROM bookings WHERE student_id = $1`, [student.id]);
    expect(booking.status).toBe('cancelled');
  });

  it('deletes a volunteer: withdrawn from each event (interviews cancelled, slots gone), then erased', async () => {
    const staff = await t.staffToken();
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t, { name: 'Leaving Volunteer' });
    const slots = await createSlots(t, event.id, volunteer.id, hoursAfter(event.startsAt, 3), hoursAfter(event.startsAt, 4));
    const student = await createStudent(t);
    await createBooking(t, student.token, { slotId: slots[0].id });
    const feed = feedPath((await t.http().get('/api/volunteers/me/calendar').set(bearer(volunteer.token)).expect(200)).body.url);
    await t.http().get(feed).expect(200);

    const res = await t.http().delete(`/api/volunteers/${volunteer.id}`).set(bearer(staff)).expect(202);
    expect(res.body).toEqual({ id: volunteer.id, cancelled: 1, status: 'closed' });
    await t.http().get('/api/volunteers/me').set(bearer(volunteer.token)).expect(401);
    await t.http().get(feed).expect(404);
    await waitFor(() => subjects(student.email).some((s) => s.startsWith('Cancelled')) && subjects(volunteer.email).some((s) => s.startsWith('Cancelled')), 20_000);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM slots WHERE volunteer_id = $1`, [volunteer.id]);
    expect(n).toBe(0);
    const erased = await waitFor(async () => {
      const [row] = await t.db.query(`SELECT name, email, erased_at FROM volunteers WHERE id = $1`, [volunteer.id]);
      return row.erased_at ? row : undefined;
    }, 30_000);
    expect(erased).toMatchObject({ name: 'Deleted volunteer', email: `deleted-${volunteer.id}@deleted.invalid` });
  });

  it('erases at once someone who holds nothing', async () => {
    const staff = await t.staffToken();
    const student = await createStudent(t);
    await t.http().delete(`/api/students/${student.id}`).set(bearer(staff)).expect(202);
    await waitFor(async () => (await t.db.query(`SELECT erased_at FROM students WHERE id = $1`, [student.id]))[0].erased_at ?? undefined, 20_000);
  });

  it('takes a deleted student out of every waitlist and of allocation: their offer goes to the next in line, their choices go', async () => {
    const staff = await t.staffToken();
    const event = await createEvent(t);
    // The event's only slot, booked: a full event to wait for.
    const slots = await createSlots(t, event.id, (await createVolunteer(t)).id, event.startsAt, hoursAfter(event.startsAt, 0.5));
    expect(slots).toHaveLength(1);
    const [slot] = slots;
    const holder = await createStudent(t);
    const booked = await createBooking(t, holder.token, { slotId: slot.id });
    const [leaving, next] = [await createStudent(t), await createStudent(t)];
    for (const student of [leaving, next]) await t.http().post(`/api/events/${event.id}/waitlist`).set(bearer(student.token)).send({}).expect(201);
    // Ranked choices, as the next allocation run would read them.
    await t.db.query(`INSERT INTO allocation_preferences (event_id, student_id, choices, unavailable) VALUES ($1, $2, '[]', '[]')`, [event.id, leaving.id]);
    const offers = (): Promise<{ student_id: string; state: string }[]> =>
      t.db.query(`SELECT student_id, state FROM waitlist_offers WHERE slot_id = $1 ORDER BY offered_at`, [slot.id]);
    await t.http().delete(`/api/bookings/${booked.id}`).set(bearer(holder.token)).expect(200);
    await waitFor(async () => (await offers()).some((o) => o.student_id === leaving.id && o.state === 'offered'));

    await t.http().delete(`/api/students/${leaving.id}`).set(bearer(staff)).expect(202);
    await waitFor(async () => (await offers()).some((o) => o.student_id === next.id && o.state === 'offered'));
    expect(await offers()).toEqual([
      { student_id: leaving.id, state: 'withdrawn' },
      { student_id: next.id, state: 'offered' },
    ]);
    expect(await t.db.query(`SELECT status FROM waitlist_entries WHERE student_id = $1`, [leaving.id])).toEqual([{ status: 'left' }]);
    expect(await t.db.query(`SELECT 1 FROM allocation_preferences WHERE student_id = $1`, [leaving.id])).toEqual([]);
  });

  describe('a booking racing the deletion of its student', () => {
    const freeSlot = async () => {
      const event = await createEvent(t);
      const [slot] = await createSlots(t, event.id, (await createVolunteer(t)).id, hoursAfter(event.startsAt, 1), hoursAfter(event.startsAt, 2));
      return slot;
    };
    /** Whether a statement of this database whose text holds `sql` waits for a lock another transaction holds. */
    const waitsForLock = async (sql: string) =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND strpos(query, $1) > 0`,
          [sql],
        )
      )[0].n === 1;

    it('arriving while the deletion is under way, waits for it and is refused: no interview is left', async () => {
      const staff = await t.staffToken();
      const [slot, student] = [await freeSlot(), await createStudent(t)];
      let booking: Promise<Response> | undefined;
      await t.db.transaction(async (tx) => {
        expect(await t.app.get(StudentsService).close(tx, student.id)).toBe(true);
        booking = bookingRequest(t, staff, { slotId: slot.id, studentId: student.id }).then((res) => res);
        // The claim's read of the student (pg_stat_activity keeps a statement's first kilobyte).
        await waitFor(() => waitsForLock('FROM students WHERE id = $2'));
      });
      const res = await booking!;
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
      expect(await t.db.query(`SELECT id FROM bookings WHERE student_id = $1`, [student.id])).toEqual([]);
    });

    it('under way when the deletion arrives, is waited for and cancelled with the rest', async () => {
      const staff = await t.staffToken();
      const [slot, student] = [await freeSlot(), await createStudent(t)];
      let deletion: Promise<Response> | undefined;
      // The claim statement itself, in a transaction left open: a booking not yet committed.
      const bookingId = await t.db.transaction(async (tx) => {
        const [{ verdict, response }] = await tx.query(CLAIM.text, [slot.id, student.id, true, true]);
        expect(verdict).toBe('booked');
        deletion = t.http().delete(`/api/students/${student.id}`).set(bearer(staff)).then((res) => res);
        await waitFor(() => waitsForLock('SET deleted_at = now()'));
        return response.booking.id as string;
      });
      const res = await deletion!;
      expect({ status: res.status, cancelled: res.body.cancelled }).toEqual({ status: 202, cancelled: 1 });
      expect(await t.db.query(`SELECT status FROM bookings WHERE id = $1`, [bookingId])).toEqual([{ status: 'cancelled' }]);
    });
  });
});
