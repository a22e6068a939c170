import { randomUUID } from 'node:crypto';
import { bookingRequest, createBooking, createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { inviteParts, parseIcs } from '../support/invites';
import type { ReceivedMail } from '../support/smtp';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

type Person = { id: string; email: string; token: string };
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('volunteers withdrawing', () => {
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.staffToken();
  });
  afterAll(() => t.close());

  const invitesOf = (address: string, method: 'REQUEST' | 'CANCEL', bookingId: string): ReceivedMail[] =>
    t.smtp
      .to(address)
      .filter((m) => m.parsed.attachments.some((a) => a.contentType === 'text/calendar'))
      .filter((m) => inviteParts(m).inline.text.includes(`METHOD:${method}\r\n`))
      .filter((m) => inviteParts(m).inline.text.includes(`\r\nUID:booking-${bookingId}@fairgrid.test\r\n`));
  const vevent = (mail: ReceivedMail) => parseIcs(inviteParts(mail).inline.text).vevent;
  const book = async (student: Person, slotId: string) =>
    (await createBooking(t, staff, { slotId, studentId: student.id })).id as string;
  const changesOf = async (bookingId: string): Promise<string[]> =>
    (await t.db.query(`SELECT change FROM booking_changes WHERE booking_id = $1 ORDER BY id`, [bookingId])).map((r: { change: string }) => r.change);
  /** A booking of an interview that has started, as if booked before it did (the API refuses that now). */
  const startedBooking = async (slotId: string, student: Person) => {
    const [row] = await t.db.query(
      `INSERT INTO bookings (event_id, slot_id, volunteer_id, student_id, starts_at, ends_at, booking_number)
       SELECT event_id, id, volunteer_id, $2, starts_at, ends_at, 1 FROM slots WHERE id = $1 RETURNING id`,
      [slotId, student.id],
    );
    await t.db.query(`INSERT INTO booking_changes (booking_id, change) VALUES ($1, 'confirmed')`, [row.id]);
    return row.id as string;
  };
  /** CANCEL to both parties, same UID as their REQUEST, a higher SEQUENCE, STATUS:CANCELLED. */
  const expectCancelledInvites = async (bookingId: string, parties: Person[]) => {
    for (const party of parties) {
      const [cancel] = await waitFor(() => invitesOf(party.email, 'CANCEL', bookingId).length === 1 && invitesOf(party.email, 'CANCEL', bookingId));
      const [request] = invitesOf(party.email, 'REQUEST', bookingId);
      const after = vevent(cancel);
      expect(after.getFirstPropertyValue('uid')).toBe(`booking-${bookingId}@fairgrid.test`);
      expect(after.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(Number(after.getFirstPropertyValue('sequence'))).toBeGreaterThan(Number(vevent(request).getFirstPropertyValue('sequence')));
    }
  };

  describe('cancelling one interview (DELETE /api/bookings/:id)', () => {
    it('lets its volunteer cancel it until it starts; both parties get a CANCEL and the slot leaves the event', async () => {
      const event = await createEvent(t);
      const [volunteer, stranger] = [await createVolunteer(t), await createVolunteer(t)];
      const student = await createStudent(t);
      const [slot] = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 1));
      const bookingId = await book(student, slot.id);
      await waitFor(() => invitesOf(student.email, 'REQUEST', bookingId).length === 1 && invitesOf(volunteer.email, 'REQUEST', bookingId).length === 1);

      const other = await t.http().delete(`/api/bookings/${bookingId}`).auth(stranger.token, { type: 'bearer' });
      expect({ status: other.status, code: other.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
      expect(await changesOf(bookingId)).toEqual(['confirmed']);

      const res = await t.http().delete(`/api/bookings/${bookingId}`).auth(volunteer.token, { type: 'bearer' }).expect(200);
      expect(res.body).toMatchObject({ id: bookingId, status: 'cancelled', cancelledAt: expect.any(String) });
      await t.http().delete(`/api/bookings/${bookingId}`).auth(volunteer.token, { type: 'bearer' }).expect(200);
      expect(await changesOf(bookingId)).toEqual(['confirmed', 'cancelled']);
      await expectCancelledInvites(bookingId, [student, volunteer]);
      // The volunteer cannot give that time: nobody else may book it.
      const listed = await t.http().get(`/api/events/${event.id}/slots`).auth(staff, { type: 'bearer' }).expect(200);
      expect(listed.body.items.map((s: { id: string }) => s.id)).not.toContain(slot.id);
      const rebook = await bookingRequest(t, staff, { slotId: slot.id, studentId: (await createStudent(t)).id });
      expect({ status: rebook.status, code: rebook.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
      const [row] = await t.db.query(`SELECT status, slot_id FROM bookings WHERE id = $1`, [bookingId]);
      expect(row).toEqual({ status: 'cancelled', slot_id: null });
    });

    it('refuses a volunteer once the interview has started (CANCELLATION_CLOSED), as it does a student; staff still may', async () => {
      const now = Math.floor(Date.now() / MINUTE) * MINUTE;
      const event = await createEvent(t, { startsAt: iso(now - 15 * MINUTE), endsAt: iso(now + 120 * MINUTE), bookingClosesAt: iso(now + 60 * MINUTE) });
      const volunteer = await createVolunteer(t);
      const student = await createStudent(t);
      const [slot] = await createSlots(t, event.id, volunteer.id, iso(now - 15 * MINUTE), iso(now + 15 * MINUTE));
      const bookingId = await startedBooking(slot.id, student);
      for (const token of [volunteer.token, student.token]) {
        const res = await t.http().delete(`/api/bookings/${bookingId}`).auth(token, { type: 'bearer' }).expect(422);
        expect(res.body.code).toBe('CANCELLATION_CLOSED');
      }
      expect(await changesOf(bookingId)).toEqual(['confirmed']);
      await t.http().delete(`/api/bookings/${bookingId}`).auth(staff, { type: 'bearer' }).expect(200);
      expect(await changesOf(bookingId)).toEqual(['confirmed', 'cancelled']);
    });
  });

  describe('withdrawing from an event (POST /api/events/:eventId/volunteers/:volunteerId/withdrawal)', () => {
    const withdraw = (eventId: string, volunteerId: string, token: string) =>
      t.http().post(`/api/events/${eventId}/volunteers/${volunteerId}/withdrawal`).auth(token, { type: 'bearer' });

    it('cancels the interviews that have not started, removes availability and free slots, and leaves the rest', async () => {
      const now = Math.floor(Date.now() / MINUTE) * MINUTE;
      // 30-minute slots from 15 minutes ago: [0] is under way, [1] on are ahead.
      const event = await createEvent(t, { startsAt: iso(now - 15 * MINUTE), endsAt: iso(now + 300 * MINUTE), bookingClosesAt: iso(now + 240 * MINUTE) });
      const elsewhere = await createEvent(t);
      const [volunteer, colleague] = [await createVolunteer(t), await createVolunteer(t)];
      const [ann, bob, cat, dan] = [await createStudent(t), await createStudent(t), await createStudent(t), await createStudent(t)];
      const slots = await createSlots(t, event.id, volunteer.id, iso(now - 15 * MINUTE), iso(now + 165 * MINUTE));
      const [colleagueSlot] = await createSlots(t, event.id, colleague.id, iso(now + 15 * MINUTE), iso(now + 45 * MINUTE));
      const [elsewhereSlot] = await createSlots(t, elsewhere.id, volunteer.id, elsewhere.startsAt, hoursAfter(elsewhere.startsAt, 1));
      // Both at tables all day (placed before any booking, so no invite update follows).
      const allDay = (volunteerId: string) => [{ volunteerId, startsAt: event.startsAt, endsAt: event.endsAt }];
      const table = (label: string, x: number, volunteerId: string) => ({ label, kind: 'interview_table', x, y: 1, width: 2, height: 1, assignments: allDay(volunteerId) });
      const plan = { version: 0, halls: [{ key: 'A', name: 'Hall A', width: 20, height: 10, places: [table('T1', 1, volunteer.id), table('T2', 5, colleague.id)] }] };
      await t.http().put(`/api/events/${event.id}/floor-plan`).auth(staff, { type: 'bearer' }).send(plan).expect(200);
      const underWay = await startedBooking(slots[0].id, ann);
      const first = await book(bob, slots[1].id);
      const second = await book(cat, slots[3].id);
      const cancelledBefore = await book(dan, slots[4].id);
      await t.http().delete(`/api/bookings/${cancelledBefore}`).auth(dan.token, { type: 'bearer' }).expect(200);
      const colleagues = await book(dan, colleagueSlot.id);
      const otherEvent = await book(ann, elsewhereSlot.id);
      await waitFor(() => [first, second].every((id) => invitesOf(volunteer.email, 'REQUEST', id).length === 1));

      const res = await withdraw(event.id, volunteer.id, staff).expect(200);
      expect(res.body).toMatchObject({ eventId: event.id, volunteerId: volunteer.id, slotsRemoved: slots.length - 1 });
      expect(res.body.cancelled.map((b: { id: string }) => b.id)).toEqual([first, second]);
      expect(res.body.cancelled.every((b: { status: string; volunteer: { id: string } }) => b.status === 'cancelled' && b.volunteer.id === volunteer.id)).toBe(true);

      await expectCancelledInvites(first, [bob, volunteer]);
      await expectCancelledInvites(second, [cat, volunteer]);
      expect(await changesOf(first)).toEqual(['confirmed', 'cancelled']);
      expect(await changesOf(cancelledBefore)).toEqual(['confirmed', 'cancelled']);
      // The interview under way, the colleague's and the other event's stay as they were.
      for (const id of [underWay, colleagues, otherEvent]) expect(await changesOf(id)).toEqual(['confirmed']);
      const statuses = await t.db.query(`SELECT id, status FROM bookings WHERE id = ANY($1::uuid[]) ORDER BY starts_at`, [[underWay, colleagues, otherEvent]]);
      expect(statuses.map((r: { status: string }) => r.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);

      const left = await t.db.query(
        `SELECT (SELECT count(*)::int FROM availability_windows WHERE event_id = $1 AND volunteer_id = $2) AS windows,
                (SELECT array_agg(id) FROM slots WHERE event_id = $1 AND volunteer_id = $2) AS slots,
                (SELECT count(*)::int FROM slots WHERE event_id = $3 AND volunteer_id = $2) AS elsewhere`,
        [event.id, volunteer.id, elsewhere.id],
      );
      expect(left).toEqual([{ windows: 0, slots: [slots[0].id], elsewhere: 2 }]);
      const listed = await t.http().get(`/api/events/${event.id}/slots`).query({ volunteerId: volunteer.id }).auth(staff, { type: 'bearer' }).expect(200);
      expect(listed.body.items.map((s: { id: string }) => s.id)).toEqual([slots[0].id]);
      const gone = await bookingRequest(t, dan.token, { slotId: slots[2].id });
      expect({ status: gone.status, code: gone.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });

      // Off the floor plan, but for the interview under way, which keeps its table until it ends.
      const floor = await t.http().get(`/api/events/${event.id}/floor-plan`).auth(staff, { type: 'bearer' }).expect(200);
      expect(floor.body.version).toBe(2);
      const [t1, t2] = floor.body.halls[0].places;
      expect(t1.assignments.map((a: { volunteerId: string; endsAt: string }) => [a.volunteerId, Date.parse(a.endsAt)])).toEqual([[volunteer.id, Date.parse(slots[0].endsAt)]]);
      expect(t2.assignments.map((a: { volunteerId: string; endsAt: string }) => [a.volunteerId, Date.parse(a.endsAt)])).toEqual([[colleague.id, Date.parse(event.endsAt)]]);
      // Staff can save the plan they load next, as it is.
      await t.http().put(`/api/events/${event.id}/floor-plan`).auth(staff, { type: 'bearer' }).send({ version: 2, halls: floor.body.halls }).expect(200);

      // Again: nothing more to cancel or remove.
      const again = await withdraw(event.id, volunteer.id, staff).expect(200);
      expect(again.body).toEqual({ eventId: event.id, volunteerId: volunteer.id, cancelled: [], slotsRemoved: 0 });
      expect(await changesOf(first)).toEqual(['confirmed', 'cancelled']);
    });

    it('lets a volunteer withdraw themself but nobody else, and hides unknown and draft events', async () => {
      const event = await createEvent(t);
      const draft = await createEvent(t, { publish: false });
      const [volunteer, other] = [await createVolunteer(t), await createVolunteer(t)];
      const student = await createStudent(t);
      const [slot] = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 1));
      const bookingId = await book(student, slot.id);

      const expectError = async (req: ReturnType<typeof withdraw>, status: number, code: string) => {
        const res = await req;
        expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
      };
      await expectError(withdraw(event.id, volunteer.id, other.token), 403, 'FORBIDDEN');
      await expectError(withdraw(event.id, volunteer.id, student.token), 403, 'FORBIDDEN');
      await expectError(withdraw(draft.id, volunteer.id, volunteer.token), 404, 'NOT_FOUND');
      await expectError(withdraw(randomUUID(), volunteer.id, staff), 404, 'NOT_FOUND');
      await expectError(withdraw(event.id, randomUUID(), staff), 404, 'NOT_FOUND');
      await expectError(withdraw(event.id, 'nope', staff), 404, 'NOT_FOUND');
      expect(await changesOf(bookingId)).toEqual(['confirmed']);

      const res = await withdraw(event.id, volunteer.id, volunteer.token).expect(200);
      expect(res.body.cancelled.map((b: { id: string }) => b.id)).toEqual([bookingId]);
      await expectCancelledInvites(bookingId, [student, volunteer]);
    });

    it('cancels a booking that races the withdrawal, or refuses it; never leaves one on a removed slot', async () => {
      const event = await createEvent(t);
      const volunteer = await createVolunteer(t);
      const slots = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 4));
      const students = await Promise.all(slots.map(() => createStudent(t)));
      const [withdrawal, ...bookings] = await Promise.all([
        withdraw(event.id, volunteer.id, staff),
        ...slots.map((slot, i) => bookingRequest(t, students[i].token, { slotId: slot.id })),
      ]);
      expect(withdrawal.status).toBe(200);
      for (const b of bookings) expect([201, 404]).toContain(b.status);
      const won = bookings.filter((b) => b.status === 201).map((b) => b.body.id).sort();
      expect(withdrawal.body.cancelled.map((b: { id: string }) => b.id).sort()).toEqual(won);
      const [left] = await t.db.query(
        `SELECT (SELECT count(*)::int FROM bookings WHERE event_id = $1 AND status = 'confirmed') AS confirmed,
                (SELECT count(*)::int FROM slots WHERE event_id = $1) AS slots`,
        [event.id],
      );
      expect(left).toEqual({ confirmed: 0, slots: 0 });
    });
  });
});
