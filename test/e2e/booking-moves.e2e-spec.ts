import { randomUUID } from 'node:crypto';
import { createBooking, createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { validateWithPython } from '../support/ical-validators';
import { inviteParts, parseIcs, unixOf } from '../support/invites';
import type { ReceivedMail } from '../support/smtp';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

type Person = { id: string; email: string; token: string };
const MINUTE = 60_000;

describe('moving booked interviews and changing their event (invite updates)', () => {
  let t: TestApp;
  let staff: string;
  const everyIcs: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.staffToken();
  });
  afterAll(() => t.close());

  /** Invites (not reminders) to an address with this METHOD, in the order received. */
  const invites = (address: string, method: 'REQUEST' | 'CANCEL'): ReceivedMail[] =>
    t.smtp
      .to(address)
      .filter((m) => m.parsed.attachments.some((a) => a.contentType === 'text/calendar'))
      .filter((m) => inviteParts(m).inline.text.includes(`METHOD:${method}\r\n`));
  /** …of one booking. */
  const invitesOf = (address: string, method: 'REQUEST' | 'CANCEL', bookingId: string) =>
    invites(address, method).filter((m) => inviteParts(m).inline.text.includes(`\r\nUID:booking-${bookingId}@fairgrid.test\r\n`));
  const vevent = (mail: ReceivedMail) => {
    everyIcs.push(inviteParts(mail).inline.text);
    return parseIcs(inviteParts(mail).inline.text).vevent;
  };
  const waitForInvites = (address: string, method: 'REQUEST' | 'CANCEL', n: number) =>
    waitFor(() => invites(address, method).length === n && invites(address, method));

  const move = (bookingId: string, slotId: string) =>
    t.http().patch(`/api/bookings/${bookingId}`).auth(staff, { type: 'bearer' }).send({ slotId });
  const book = async (student: Person, slotId: string) =>
    (await createBooking(t, staff, { slotId, studentId: student.id })).id as string;
  const changesOf = async (bookingId: string): Promise<string[]> =>
    (await t.db.query(`SELECT change FROM booking_changes WHERE booking_id = $1 ORDER BY id`, [bookingId])).map((r: { change: string }) => r.change);
  const slotAvailable = async (eventId: string, slotId: string) => {
    const res = await t.http().get(`/api/events/${eventId}/slots`).query({ limit: 500 }).auth(staff, { type: 'bearer' }).expect(200);
    return res.body.items.find((s: { id: string }) => s.id === slotId)?.available as boolean | undefined;
  };

  it('moves an interview to another time: same booking and UID, SEQUENCE+1, new DTSTART; the old slot is free; reminders follow', async () => {
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    const student = await createStudent(t);
    const slots = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 2));
    const bookingId = await book(student, slots[0].id);
    const [firstToStudent] = await waitForInvites(student.email, 'REQUEST', 1);
    const [firstToVolunteer] = await waitForInvites(volunteer.email, 'REQUEST', 1);

    const res = await move(bookingId, slots[2].id).expect(200);
    expect(res.body).toMatchObject({ id: bookingId, slotId: slots[2].id, status: 'confirmed', volunteer: { id: volunteer.id }, student: { id: student.id } });
    expect(Date.parse(res.body.startsAt)).toBe(Date.parse(slots[2].startsAt));
    expect(Date.parse(res.body.endsAt)).toBe(Date.parse(slots[2].endsAt));

    for (const [address, first] of [
      [student.email, firstToStudent],
      [volunteer.email, firstToVolunteer],
    ] as const) {
      const [, update] = await waitForInvites(address, 'REQUEST', 2);
      const before = vevent(first);
      const after = vevent(update);
      expect(update.parsed.subject).toMatch(/^Updated: /);
      expect(after.getFirstPropertyValue('uid')).toBe(`booking-${bookingId}@fairgrid.test`);
      expect(after.getFirstPropertyValue('uid')).toBe(before.getFirstPropertyValue('uid'));
      expect(after.getFirstPropertyValue('sequence')).toBe(1);
      expect(unixOf(after.getFirstPropertyValue('dtstart'))).toBe(Date.parse(slots[2].startsAt) / 1000);
      expect(unixOf(after.getFirstPropertyValue('dtend'))).toBe(Date.parse(slots[2].endsAt) / 1000);
      expect(unixOf(after.getFirstPropertyValue('dtstamp'))).toBeGreaterThanOrEqual(unixOf(before.getFirstPropertyValue('dtstamp')));
      expect(invites(address, 'CANCEL')).toHaveLength(0);
    }

    const [row] = await t.db.query(`SELECT slot_id, volunteer_id, starts_at, ends_at, booking_number FROM bookings WHERE id = $1`, [bookingId]);
    expect(row).toMatchObject({ slot_id: slots[2].id, volunteer_id: volunteer.id, booking_number: 1 });
    expect(row.starts_at.toISOString()).toBe(new Date(slots[2].startsAt).toISOString());
    expect(await changesOf(bookingId)).toEqual(['confirmed', 'updated']);
    expect(await slotAvailable(event.id, slots[0].id)).toBe(true);
    expect(await slotAvailable(event.id, slots[2].id)).toBe(false);
    // The freed slot can be booked at once.
    await book(await createStudent(t), slots[0].id);

    // The relay cancelled the reminders for the old start and scheduled them for the new one.
    await waitFor(async () => {
      const rows: { starts_at: Date; status: string }[] = await t.db.query(
        `SELECT starts_at, status FROM invite_reminders WHERE booking_id = $1 AND offset_minutes = 60`,
        [bookingId],
      );
      const at = (iso: string) => rows.filter((r) => r.starts_at.getTime() === Date.parse(iso)).map((r) => r.status).sort();
      expect(at(slots[0].startsAt)).toEqual(['cancelled', 'cancelled']);
      expect(at(slots[2].startsAt)).toEqual(['pending', 'pending']);
      return true;
    });
  });

  it('moving an interview there and back schedules its reminders again', async () => {
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    const student = await createStudent(t);
    const slots = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 2));
    const bookingId = await book(student, slots[0].id);
    const pendingAt = async (iso: string) =>
      (
        await t.db.query(`SELECT count(*)::int AS n FROM invite_reminders
            WHERE booking_id = $1 AND offset_minutes = 60 AND status = 'pending' AND starts_at = $2`, [
          bookingId,
          iso,
        ])
      )[0].n as number;
    // The hour-before reminder of each party (the event is tomorrow, so it is always due later).
    await waitFor(async () => (await pendingAt(slots[0].startsAt)) === 2);
    await move(bookingId, slots[1].id).expect(200);
    await waitFor(async () => (await pendingAt(slots[1].startsAt)) === 2 && (await pendingAt(slots[0].startsAt)) === 0);
    await move(bookingId, slots[0].id).expect(200);
    await waitFor(async () => (await pendingAt(slots[0].startsAt)) === 2 && (await pendingAt(slots[1].startsAt)) === 0);
  });

  it('moves an interview to another volunteer: CANCEL to the old one, REQUEST to the new one, an update to the student', async () => {
    const event = await createEvent(t);
    const [oldVolunteer, newVolunteer] = [await createVolunteer(t, { name: 'Olga Old' }), await createVolunteer(t, { name: 'Nina New' })];
    const student = await createStudent(t);
    const [oldSlot] = await createSlots(t, event.id, oldVolunteer.id, event.startsAt, hoursAfter(event.startsAt, 1));
    const [newSlot] = await createSlots(t, event.id, newVolunteer.id, event.startsAt, hoursAfter(event.startsAt, 1));
    const bookingId = await book(student, oldSlot.id);
    const [firstToStudent] = await waitForInvites(student.email, 'REQUEST', 1);
    const [firstToOld] = await waitForInvites(oldVolunteer.email, 'REQUEST', 1);

    const res = await move(bookingId, newSlot.id).expect(200);
    expect(res.body).toMatchObject({ id: bookingId, slotId: newSlot.id, volunteer: { id: newVolunteer.id, name: 'Nina New' } });

    const uid = `booking-${bookingId}@fairgrid.test`;
    const [cancel] = await waitForInvites(oldVolunteer.email, 'CANCEL', 1);
    const cancelled = vevent(cancel);
    expect(cancel.parsed.subject).toMatch(/^Cancelled: /);
    expect(cancelled.getFirstPropertyValue('uid')).toBe(uid);
    expect(cancelled.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(Number(cancelled.getFirstPropertyValue('sequence'))).toBeGreaterThan(Number(vevent(firstToOld).getFirstPropertyValue('sequence')));
    expect(invites(oldVolunteer.email, 'REQUEST')).toHaveLength(1);

    const [toNew] = await waitForInvites(newVolunteer.email, 'REQUEST', 1);
    const request = vevent(toNew);
    expect(request.getFirstPropertyValue('uid')).toBe(uid);
    expect(request.getFirstPropertyValue('sequence')).toBe(1);
    expect(String(request.getFirstProperty('attendee')!.getFirstValue()).toLowerCase()).toBe(`mailto:${newVolunteer.email}`);

    const [, update] = await waitForInvites(student.email, 'REQUEST', 2);
    const studentView = vevent(update);
    expect(studentView.getFirstPropertyValue('uid')).toBe(vevent(firstToStudent).getFirstPropertyValue('uid'));
    expect(studentView.getFirstPropertyValue('sequence')).toBe(1);
    expect(unixOf(studentView.getFirstPropertyValue('dtstart'))).toBe(Date.parse(newSlot.startsAt) / 1000);
    expect(String(studentView.getFirstPropertyValue('description'))).toContain('Interviewer: Nina New');
    expect(invites(student.email, 'CANCEL')).toHaveLength(0);

    // Reminders now go to the new volunteer only.
    await waitFor(async () => {
      const rows: { recipient_id: string; status: string }[] = await t.db.query(
        `SELECT recipient_id, status FROM invite_reminders WHERE booking_id = $1 AND recipient_role = 'volunteer' AND offset_minutes = 60`,
        [bookingId],
      );
      expect(rows.map((r) => `${r.recipient_id === newVolunteer.id ? 'new' : 'old'}:${r.status}`).sort()).toEqual(['new:pending', 'old:cancelled']);
      return true;
    });
    expect(await slotAvailable(event.id, oldSlot.id)).toBe(true);
  });

  it('refuses bad moves with a code and changes nothing; the own slot is a no-op', async () => {
    const event = await createEvent(t, { maxBookingsPerStudent: 2 });
    const other = await createEvent(t);
    // v without an organization: Ann holds two of v's interviews (one per organization would refuse the second).
    const [v, w] = [await createVolunteer(t, { organization: '' }), await createVolunteer(t)];
    const [ann, bob] = [await createStudent(t), await createStudent(t)];
    const vSlots = await createSlots(t, event.id, v.id, event.startsAt, hoursAfter(event.startsAt, 2));
    const wSlots = await createSlots(t, event.id, w.id, event.startsAt, hoursAfter(event.startsAt, 2));
    const [otherSlot] = await createSlots(t, other.id, (await createVolunteer(t)).id, other.startsAt, hoursAfter(other.startsAt, 1));
    const annFirst = await book(ann, vSlots[0].id);
    const annSecond = await book(ann, vSlots[2].id);
    const bobs = await book(bob, vSlots[1].id);
    const cancelledId = await book(await createStudent(t), wSlots[3].id);
    await t.http().delete(`/api/bookings/${cancelledId}`).auth(staff, { type: 'bearer' }).expect(200);
    const before = await t.db.query(`SELECT id, slot_id, volunteer_id, starts_at, status FROM bookings ORDER BY id`);
    const changesBefore = await t.db.query(`SELECT count(*)::int AS n FROM booking_changes`);

    const expectError = async (req: ReturnType<typeof move>, status: number, code: string) => {
      const res = await req;
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
      expect(res.body).toMatchObject({ statusCode: status, message: expect.any(String), requestId: expect.any(String) });
    };
    await expectError(move(randomUUID(), vSlots[3].id), 404, 'NOT_FOUND');
    await expectError(move('not-a-uuid', vSlots[3].id), 404, 'NOT_FOUND');
    await expectError(move(annFirst, randomUUID()), 404, 'NOT_FOUND');
    await expectError(move(annFirst, 'not-a-uuid'), 400, 'VALIDATION_FAILED');
    await expectError(t.http().patch(`/api/bookings/${annFirst}`).auth(staff, { type: 'bearer' }).send({}), 400, 'VALIDATION_FAILED');
    await expectError(
      t.http().patch(`/api/bookings/${annFirst}`).auth(staff, { type: 'bearer' }).send({ slotId: vSlots[3].id, studentId: bob.id }),
      400,
      'VALIDATION_FAILED',
    );
    await expectError(move(cancelledId, wSlots[2].id), 422, 'BOOKING_NOT_CONFIRMED');
    await expectError(move(annFirst, otherSlot.id), 422, 'SLOT_OTHER_EVENT');
    // Bob holds the slot; and Ann has an interview at 10:00 already (with v), so w's 10:00 clashes.
    await expectError(move(annFirst, vSlots[1].id), 409, 'SLOT_TAKEN');
    await expectError(move(annFirst, wSlots[2].id), 409, 'BOOKING_OVERLAP');
    const student = await t.http().patch(`/api/bookings/${annFirst}`).auth(ann.token, { type: 'bearer' }).send({ slotId: vSlots[3].id });
    expect({ status: student.status, code: student.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });

    const same = await move(annFirst, vSlots[0].id).expect(200);
    expect(same.body).toMatchObject({ id: annFirst, slotId: vSlots[0].id, status: 'confirmed' });

    expect(await t.db.query(`SELECT id, slot_id, volunteer_id, starts_at, status FROM bookings ORDER BY id`)).toEqual(before);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM booking_changes`)).toEqual(changesBefore);
    expect(await changesOf(annSecond)).toEqual(['confirmed']);
    expect(await changesOf(bobs)).toEqual(['confirmed']);
  });

  it('refuses a slot that has started, or an event that is closed', async () => {
    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    const iso = (ms: number) => new Date(ms).toISOString();
    const event = await createEvent(t, { startsAt: iso(now - 45 * MINUTE), endsAt: iso(now + 180 * MINUTE), bookingClosesAt: iso(now + 120 * MINUTE) });
    const volunteer = await createVolunteer(t);
    const slots = await createSlots(t, event.id, volunteer.id, iso(now - 45 * MINUTE), iso(now + 135 * MINUTE));
    const bookingId = await book(await createStudent(t), slots[3].id);
    const started = await move(bookingId, slots[0].id).expect(422);
    expect(started.body).toMatchObject({ code: 'BOOKING_CLOSED', message: 'This slot has already started' });

    await t.http().patch(`/api/events/${event.id}`).auth(staff, { type: 'bearer' }).send({ status: 'closed' }).expect(200);
    const closed = await move(bookingId, slots[4].id).expect(422);
    expect(closed.body).toMatchObject({ code: 'BOOKING_CLOSED', message: 'This event is not open for booking' });
    expect(await changesOf(bookingId)).toEqual(['confirmed']);
  });

  it('lets exactly one of two simultaneous moves into the same slot win', async () => {
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    const slots = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 2));
    const ids = [await book(await createStudent(t), slots[0].id), await book(await createStudent(t), slots[1].id)];
    const results = await Promise.all(ids.map((id) => move(id, slots[3].id)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = ids[results.findIndex((r) => r.status === 409)];
    expect(results.find((r) => r.status === 409)!.body.code).toBe('SLOT_TAKEN');
    const held = await t.db.query(`SELECT id FROM bookings WHERE slot_id = $1 AND status = 'confirmed'`, [slots[3].id]);
    expect(held).toHaveLength(1);
    expect(await changesOf(loser)).toEqual(['confirmed']);
    expect(await changesOf(held[0].id)).toEqual(['confirmed', 'updated']);

    // Two moves swapping slots: each slot is held by the other booking (a deadlock, if they
    // interleave, that PostgreSQL breaks), so both are refused with SLOT_TAKEN, never a 500.
    const [a, b] = [held[0].id, loser];
    const [slotOfA] = await t.db.query(`SELECT slot_id FROM bookings WHERE id = $1`, [a]);
    const [slotOfB] = await t.db.query(`SELECT slot_id FROM bookings WHERE id = $1`, [b]);
    const swapped = await Promise.all([move(a, slotOfB.slot_id), move(b, slotOfA.slot_id)]);
    expect(swapped.map((r) => [r.status, r.body.code])).toEqual([
      [409, 'SLOT_TAKEN'],
      [409, 'SLOT_TAKEN'],
    ]);
  });

  it("updates the invites of the event's interviews that have not ended when its venue changes, and only then", async () => {
    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    const iso = (ms: number) => new Date(ms).toISOString();
    const event = await createEvent(t, { startsAt: iso(now - 45 * MINUTE), endsAt: iso(now + 240 * MINUTE), bookingClosesAt: iso(now + 180 * MINUTE) });
    const volunteer = await createVolunteer(t);
    const student = await createStudent(t);
    // 30-minute slots from 45 minutes ago: [0] has ended, [1] is under way, [2] on are ahead.
    const slots = await createSlots(t, event.id, volunteer.id, iso(now - 45 * MINUTE), iso(now + 195 * MINUTE));
    const future = await book(student, slots[3].id);
    const cancelled = await book(await createStudent(t), slots[4].id);
    await t.http().delete(`/api/bookings/${cancelled}`).auth(staff, { type: 'bearer' }).expect(200);
    // Interviews cannot be booked once started; these two are as if booked earlier.
    const [ended, underWay] = await Promise.all(
      [slots[0], slots[1]].map(async (slot) => {
        const s = await createStudent(t);
        const [row] = await t.db.query(
          `INSERT INTO bookings (event_id, slot_id, volunteer_id, student_id, starts_at, ends_at, booking_number)
           SELECT event_id, id, volunteer_id, $2, starts_at, ends_at, 1 FROM slots WHERE id = $1 RETURNING id`,
          [slot.id, s.id],
        );
        await t.db.query(`INSERT INTO booking_changes (booking_id, change) VALUES ($1, 'confirmed')`, [row.id]);
        return row.id as string;
      }),
    );
    const firstOf = (address: string) => waitFor(() => invitesOf(address, 'REQUEST', future).length === 1 && invitesOf(address, 'REQUEST', future)[0]);
    const [firstToStudent, firstToVolunteer] = [await firstOf(student.email), await firstOf(volunteer.email)];

    const patch = (body: object) => t.http().patch(`/api/events/${event.id}`).auth(staff, { type: 'bearer' }).send(body).expect(200);
    // Nothing an invite shows: no update.
    await patch({ location: 'Student Union', slotMinutes: 30, bookingClosesAt: iso(now + 150 * MINUTE), maxBookingsPerStudent: 2 });
    for (const id of [future, underWay, ended]) expect(await changesOf(id)).toEqual(['confirmed']);

    await patch({ location: 'Engineering Hall, Room 2' });
    expect(await changesOf(future)).toEqual(['confirmed', 'updated']);
    expect(await changesOf(underWay)).toEqual(['confirmed', 'updated']);
    expect(await changesOf(ended)).toEqual(['confirmed']);
    expect(await changesOf(cancelled)).toEqual(['confirmed', 'cancelled']);

    for (const [address, first] of [
      [student.email, firstToStudent],
      [volunteer.email, firstToVolunteer],
    ] as const) {
      const update = await waitFor(() => invitesOf(address, 'REQUEST', future)[1]);
      const before = vevent(first);
      const after = vevent(update);
      expect(before.getFirstPropertyValue('location')).toBe('Student Union');
      expect(after.getFirstPropertyValue('location')).toBe('Engineering Hall, Room 2');
      expect(after.getFirstPropertyValue('uid')).toBe(before.getFirstPropertyValue('uid'));
      expect(after.getFirstPropertyValue('sequence')).toBe(Number(before.getFirstPropertyValue('sequence')) + 1);
      expect(unixOf(after.getFirstPropertyValue('dtstart'))).toBe(unixOf(before.getFirstPropertyValue('dtstart')));
    }

    // A new name is shown too; the same name again is not a change.
    await patch({ name: 'Spring interview day' });
    await patch({ name: 'Spring interview day', description: undefined });
    expect(await changesOf(future)).toEqual(['confirmed', 'updated', 'updated']);
    const renamed = await waitFor(() => {
      const mails = invites(student.email, 'REQUEST');
      return mails.length === 3 && mails[2];
    });
    expect(String(vevent(renamed).getFirstPropertyValue('summary'))).toContain('Spring interview day');
    expect(vevent(renamed).getFirstPropertyValue('sequence')).toBe(2);

    // The event's own organizer takes ORGANIZER's place (replies go there): an update too.
    expect(String(vevent(renamed).getFirstPropertyValue('organizer'))).not.toContain('eng-careers');
    const bad = await t.http().patch(`/api/events/${event.id}`).auth(staff, { type: 'bearer' }).send({ organizerEmail: 'not an address' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['organizerEmail']);
    const organized = await patch({ organizerName: 'Engineering Careers, Room 5', organizerEmail: 'Eng-Careers@Example.edu' });
    expect(organized.body).toMatchObject({ organizerName: 'Engineering Careers, Room 5', organizerEmail: 'eng-careers@example.edu' });
    const reorganized = await waitFor(() => {
      const mails = invites(student.email, 'REQUEST');
      return mails.length === 4 && mails[3];
    });
    const organizer = vevent(reorganized).getFirstProperty('organizer')!;
    expect(organizer.getFirstValue()).toBe('mailto:eng-careers@example.edu');
    expect(organizer.getParameter('cn')).toBe('Engineering Careers, Room 5');
    expect(vevent(reorganized).getFirstPropertyValue('sequence')).toBe(3);
    // Empty goes back to the configured sender.
    expect((await patch({ organizerEmail: '' })).body.organizerEmail).toBe('');
  });

  it('rolls the event back with its invite updates when the edit is refused', async () => {
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    const [slot] = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 1));
    const bookingId = await book(await createStudent(t), slot.id);
    // endsAt before startsAt fails the cross-field check inside the transaction.
    const res = await t
      .http()
      .patch(`/api/events/${event.id}`)
      .auth(staff, { type: 'bearer' })
      .send({ location: 'Elsewhere', endsAt: hoursAfter(event.startsAt, -1) })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const [row] = await t.db.query(`SELECT location FROM events WHERE id = $1`, [event.id]);
    expect(row.location).toBe('Student Union');
    expect(await changesOf(bookingId)).toEqual(['confirmed']);
  });

  it('produces update and cancel files that Python icalendar and vobject (strict) accept', async () => {
    expect(everyIcs.length).toBeGreaterThanOrEqual(8);
    await validateWithPython([...new Set(everyIcs)]);
  });
});
