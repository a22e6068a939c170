import { randomUUID } from 'node:crypto';
import { bookingRequest, createEvent, createSlots, createStudent, createVolunteer, hoursAfter, startInterview } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

/**
 * Issue 12, the no-show strike ledger: strikes from no-shows and late cancellations, the limit
 * refusing self-booking and preferences (staff exempt), excuses and clears, the period, the
 * append-only ledger, and attendance only once an interview has started.
 */
describe('no-show strikes', () => {
  let t: TestApp;
  let staff: string;
  let event: { id: string; startsAt: string };
  let volunteer: { id: string; token: string };
  let free: { id: string; startsAt: string }[];

  type Student = { id: string; token: string };
  const mark = (bookingId: string, status: string, token: string) => t.http().post(`/api/bookings/${bookingId}/attendance`).set(bearer(token)).send({ status });
  const strikesOf = async (student: Student) => (await t.http().get('/api/strikes/me').set(bearer(student.token)).expect(200)).body;
  const ledgerOf = async (student: Student) => (await t.http().get(`/api/students/${student.id}/strikes`).set(bearer(staff)).expect(200)).body;
  const nextSlot = () => free.shift()!;
  /** A confirmed interview of the student that has started (staff book it, then it is moved into the past). */
  let pastOffset = 0;
  const pastInterview = async (student: Student) => {
    const booking = await bookingRequest(t, staff, { slotId: nextSlot().id, studentId: student.id }).expect(201);
    // Each 40 minutes apart, so one student's past interviews never overlap.
    pastOffset += 40;
    await startInterview(t, booking.body.id, 10 + pastOffset);
    return booking.body.id as string;
  };
  const addStrike = (student: Student, body: Record<string, unknown> = {}) =>
    t.http().post(`/api/students/${student.id}/strikes`).set(bearer(staff)).send({ reason: 'Rude to the interviewer', ...body });

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.staffToken();
    // Two strikes within 120 days block; late cancellations count only where an event says so.
    await t.http().put('/api/strike-policy').set(bearer(staff)).send({ strikeLimit: 2, periodDays: 120, lateCancelMinutes: 0, noShowsCount: true }).expect(200);
    event = await createEvent(t, { maxBookingsPerStudent: 20 });
    volunteer = await createVolunteer(t, { organization: '' });
    free = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 8));
  });
  afterAll(() => t.close());

  it('refuses attendance before the interview starts, to volunteers and staff alike; once started it is marked and corrected', async () => {
    const student = await createStudent(t);
    const booking = await bookingRequest(t, staff, { slotId: nextSlot().id, studentId: student.id }).expect(201);
    for (const token of [volunteer.token, staff]) {
      const early = await mark(booking.body.id, 'no_show', token).expect(422);
      expect(early.body.code).toBe('ATTENDANCE_NOT_STARTED');
    }
    expect(await t.db.query(`SELECT 1 FROM attendance WHERE booking_id = $1`, [booking.body.id])).toEqual([]);
    await startInterview(t, booking.body.id);
    await mark(booking.body.id, 'attended', volunteer.token).expect(200);
    // Staff correct it later, after the interview ended.
    await startInterview(t, booking.body.id, 600);
    const corrected = await mark(booking.body.id, 'no_show', staff).expect(200);
    expect(corrected.body.status).toBe('no_show');
  });

  it('makes a no-show a strike once, shows the student why, and a correction to attended excuses it', async () => {
    const student = await createStudent(t);
    const bookingId = await pastInterview(student);
    await mark(bookingId, 'no_show', volunteer.token).expect(200);
    await mark(bookingId, 'no_show', volunteer.token).expect(200);
    let mine = await strikesOf(student);
    expect(mine).toMatchObject({ studentId: student.id, activeStrikes: 1, limit: 2, blocked: false });
    expect(mine.strikes).toEqual([
      expect.objectContaining({ cause: 'no_show', status: 'active', bookingId, eventId: event.id, eventName: expect.any(String), recordedBy: { id: volunteer.id, role: 'volunteer' } }),
    ]);

    await mark(bookingId, 'attended', volunteer.token).expect(200);
    mine = await strikesOf(student);
    expect(mine.activeStrikes).toBe(0);
    expect(mine.strikes).toEqual([expect.objectContaining({ status: 'excused', liftedReason: 'Attendance corrected to attended' })]);

    // Marked a no-show again: a new strike, the excused one stays in the ledger.
    await mark(bookingId, 'no_show', staff).expect(200);
    const ledger = await ledgerOf(student);
    expect(ledger.activeStrikes).toBe(1);
    expect(ledger.ledger.map((e: { kind: string; recordedBy: { role: string } }) => `${e.kind}:${e.recordedBy.role}`)).toEqual([
      'strike:volunteer',
      'excuse:volunteer',
      'strike:staff',
    ]);
  });

  it("makes a student's own cancellation inside the event's late window a strike, not an earlier one nor staff's", async () => {
    const late = await createEvent(t, { maxBookingsPerStudent: 5 });
    const lateVolunteer = await createVolunteer(t, { organization: '' });
    const slots = await createSlots(t, late.id, lateVolunteer.id, late.startsAt, hoursAfter(late.startsAt, 3));
    const student = await createStudent(t);
    const cancel = (id: string, token: string) => t.http().delete(`/api/bookings/${id}`).set(bearer(token)).expect(200);

    // The office counts no late cancellations (lateCancelMinutes 0): a cancellation is free.
    const first = await bookingRequest(t, student.token, { slotId: slots[0].id }).expect(201);
    await cancel(first.body.id, student.token);
    expect((await strikesOf(student)).strikes).toEqual([]);

    // This event: 14 days (the interview is tomorrow, so inside).
    await t.http().put(`/api/events/${late.id}/strike-policy`).set(bearer(staff)).send({ lateCancelMinutes: 20160 }).expect(200);
    const byStaff = await bookingRequest(t, student.token, { slotId: slots[1].id }).expect(201);
    await cancel(byStaff.body.id, staff);
    const byVolunteer = await bookingRequest(t, student.token, { slotId: slots[2].id }).expect(201);
    await cancel(byVolunteer.body.id, lateVolunteer.token);
    expect((await strikesOf(student)).strikes).toEqual([]);
    const own = await bookingRequest(t, student.token, { slotId: slots[3].id }).expect(201);
    await cancel(own.body.id, student.token);
    // Cancelling twice is a no-op, and no second strike.
    await cancel(own.body.id, student.token);
    const mine = await strikesOf(student);
    expect(mine.strikes).toEqual([expect.objectContaining({ cause: 'late_cancellation', status: 'active', bookingId: own.body.id, recordedBy: { id: student.id, role: 'student' } })]);

    const policy = await t.http().get(`/api/events/${late.id}/strike-policy`).set(bearer(staff)).expect(200);
    expect(policy.body).toMatchObject({ eventId: late.id, lateCancelMinutes: 20160, strikeLimit: null, office: { strikeLimit: 2, lateCancelMinutes: 0 } });
  });

  it('at the limit refuses self-booking (with and without Idempotency-Key) and preferences, but not staff; excusing or clearing restores it', async () => {
    const student = await createStudent(t);
    for (const bookingId of [await pastInterview(student), await pastInterview(student)]) await mark(bookingId, 'no_show', volunteer.token).expect(200);
    const mine = await strikesOf(student);
    expect(mine).toMatchObject({ activeStrikes: 2, limit: 2, blocked: true });

    const wanted = free[0].id;
    const plain = await bookingRequest(t, student.token, { slotId: wanted }).expect(422);
    expect(plain.body.code).toBe('STRIKE_LIMIT');
    const key = randomUUID();
    const keyed = await bookingRequest(t, student.token, { slotId: wanted }, key).expect(422);
    expect(keyed.body.code).toBe('STRIKE_LIMIT');
    const replayed = await bookingRequest(t, student.token, { slotId: wanted }, key).expect(422);
    expect(replayed.body.code).toBe('STRIKE_LIMIT');
    // The refusal is stored under the key by the claim statement itself, and replays as such.
    expect(await t.db.query(`SELECT status_code, response->>'verdict' AS verdict FROM idempotency_keys WHERE key = $1`, [key])).toEqual([{ status_code: 422, verdict: 'strike_limit' }]);

    await t.http()
      .put(`/api/events/${event.id}/allocation-settings`)
      .set(bearer(staff))
      .send({ preferencesOpenAt: new Date(Date.now() - 3600_000).toISOString(), preferencesCloseAt: new Date(Date.now() + 3600_000).toISOString() })
      .expect(200);
    const preferences = await t.http().put(`/api/events/${event.id}/preferences`).set(bearer(student.token)).send({ choices: [{ volunteerId: volunteer.id }] }).expect(422);
    expect(preferences.body.code).toBe('STRIKE_LIMIT');

    // Staff book for a blocked student.
    const byStaff = await bookingRequest(t, staff, { slotId: nextSlot().id, studentId: student.id }).expect(201);
    await t.http().delete(`/api/bookings/${byStaff.body.id}`).set(bearer(staff)).expect(200);

    // Excusing one strike: below the limit again.
    const excused = await t.http().post(`/api/students/${student.id}/strikes/${mine.strikes[0].id}/excuse`).set(bearer(staff)).send({ reason: 'Was ill, sent a note' }).expect(200);
    expect(excused.body).toMatchObject({ activeStrikes: 1, blocked: false });
    const again = await t.http().post(`/api/students/${student.id}/strikes/${mine.strikes[0].id}/excuse`).set(bearer(staff)).send({ reason: 'twice' }).expect(409);
    expect(again.body.code).toBe('STRIKE_ALREADY_EXCUSED');
    const booked = await bookingRequest(t, student.token, { slotId: nextSlot().id }).expect(201);
    await t.http().put(`/api/events/${event.id}/preferences`).set(bearer(student.token)).send({ choices: [{ volunteerId: volunteer.id }] }).expect(200);

    // A strike added by staff blocks again; a clear lifts every strike so far.
    await addStrike(student).expect(201);
    expect((await bookingRequest(t, student.token, { slotId: nextSlot().id }).expect(422)).body.code).toBe('STRIKE_LIMIT');
    const cleared = await t.http().post(`/api/students/${student.id}/strikes/clear`).set(bearer(staff)).send({ reason: 'New term, fresh start' }).expect(200);
    expect(cleared.body).toMatchObject({ activeStrikes: 0, blocked: false });
    expect(cleared.body.strikes.map((s: { status: string }) => s.status).sort()).toEqual(['cleared', 'cleared', 'excused']);
    expect(cleared.body.ledger.at(-1)).toMatchObject({ kind: 'clear', reason: 'New term, fresh start', recordedBy: { role: 'staff', id: expect.any(String) }, recordedAt: expect.any(String) });
    await bookingRequest(t, student.token, { slotId: nextSlot().id }).expect(201);
    expect(booked.body.id).toEqual(expect.any(String));
    // The key still answers what it answered (refusals replay, README "Idempotency-Key").
    expect((await bookingRequest(t, student.token, { slotId: wanted }, key).expect(422)).body.code).toBe('STRIKE_LIMIT');
  });

  it('counts only strikes inside the period: rolling days for the office, a term for one event', async () => {
    const student = await createStudent(t);
    const longAgo = new Date(Date.now() - 200 * 24 * 3600_000).toISOString();
    await addStrike(student, { occurredAt: longAgo }).expect(201);
    await addStrike(student, { occurredAt: longAgo, eventId: event.id }).expect(201);
    let mine = await strikesOf(student);
    expect(mine).toMatchObject({ activeStrikes: 0, blocked: false });
    expect(mine.strikes.map((s: { status: string }) => s.status)).toEqual(['expired', 'expired']);
    await bookingRequest(t, student.token, { slotId: nextSlot().id }).expect(201);

    // Another event counts a term around those old strikes, and one strike blocks there.
    const strict = await createEvent(t);
    const strictVolunteer = await createVolunteer(t);
    const [slot] = await createSlots(t, strict.id, strictVolunteer.id, hoursAfter(strict.startsAt, 5), hoursAfter(strict.startsAt, 6));
    const term = { periodStartsAt: new Date(Date.now() - 300 * 24 * 3600_000).toISOString(), periodEndsAt: new Date(Date.now() - 100 * 24 * 3600_000).toISOString() };
    await t.http().put(`/api/events/${strict.id}/strike-policy`).set(bearer(staff)).send({ strikeLimit: 1, ...term }).expect(200);
    expect((await bookingRequest(t, student.token, { slotId: slot.id }).expect(422)).body.code).toBe('STRIKE_LIMIT');
    mine = await strikesOf(student);
    expect(mine.blocked).toBe(false); // by the office's policy

    const bad = await t.http().put(`/api/events/${strict.id}/strike-policy`).set(bearer(staff)).send({ periodDays: 30, ...term }).expect(422);
    expect(bad.body.code).toBe('INVALID_STRIKE_POLICY');
    const half = await t.http().put('/api/strike-policy').set(bearer(staff)).send({ strikeLimit: 2, periodStartsAt: term.periodStartsAt, lateCancelMinutes: 0, noShowsCount: true }).expect(422);
    expect(half.body.code).toBe('INVALID_STRIKE_POLICY');
  });

  it('holds under concurrency: two no-show marks make one strike, two excuses of one strike give one 200 and one 409', async () => {
    const student = await createStudent(t);
    const bookingId = await pastInterview(student);
    const marks = await Promise.all([mark(bookingId, 'no_show', volunteer.token), mark(bookingId, 'no_show', staff), mark(bookingId, 'no_show', volunteer.token)]);
    expect(marks.map((r) => r.status)).toEqual([200, 200, 200]);
    const { strikes } = await strikesOf(student);
    expect(strikes).toHaveLength(1);
    const excuse = () => t.http().post(`/api/students/${student.id}/strikes/${strikes[0].id}/excuse`).set(bearer(staff)).send({ reason: 'Doctor note' });
    const answers = await Promise.all([excuse(), excuse(), excuse()]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM strike_entries WHERE kind = 'excuse' AND strike_id = $1`, [strikes[0].id])).toEqual([{ n: 1 }]);
  });

  it('keeps the ledger append-only in the database; only a student erasure takes their lines', async () => {
    const student = await createStudent(t);
    await addStrike(student).expect(201);
    const [line] = await t.db.query(`SELECT id FROM strike_entries WHERE student_id = $1`, [student.id]);
    await expect(t.db.query(`UPDATE strike_entries SET reason = 'edited' WHERE id = $1`, [line.id])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM strike_entries WHERE id = $1`, [line.id])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE strike_entries`)).rejects.toThrow(/append-only/);
    expect(await t.db.query(`SELECT reason FROM strike_entries WHERE id = $1`, [line.id])).toEqual([{ reason: 'Rude to the interviewer' }]);
    await t.db.query(`DELETE FROM students WHERE id = $1`, [student.id]);
    expect(await t.db.query(`SELECT 1 FROM strike_entries WHERE student_id = $1`, [student.id])).toEqual([]);
  });

  it('lets only staff see, add, excuse and clear; a student sees only their own', async () => {
    const student = await createStudent(t);
    const other = await createStudent(t);
    for (const token of [student.token, volunteer.token]) {
      await t.http().get(`/api/students/${other.id}/strikes`).set(bearer(token)).expect(403);
      await t.http().post(`/api/students/${other.id}/strikes`).set(bearer(token)).send({ reason: 'x' }).expect(403);
      await t.http().post(`/api/students/${other.id}/strikes/clear`).set(bearer(token)).send({ reason: 'x' }).expect(403);
      await t.http().put('/api/strike-policy').set(bearer(token)).send({}).expect(403);
    }
    await t.http().get('/api/strikes/me').set(bearer(volunteer.token)).expect(403);
    await t.http().get('/api/strikes/me').expect(401);
    const added = await addStrike(other).expect(201);
    // Another student's strike is not this student's to excuse.
    await t.http().post(`/api/students/${student.id}/strikes/${added.body.strikes[0].id}/excuse`).set(bearer(staff)).send({ reason: 'x' }).expect(404);
    await t.http().post(`/api/students/${student.id}/strikes/not-a-number/excuse`).set(bearer(staff)).send({ reason: 'x' }).expect(404);
    await t.http().get('/api/students/00000000-0000-4000-8000-000000000000/strikes').set(bearer(staff)).expect(404);
    expect((await addStrike(other, { reason: '' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await strikesOf(student)).strikes).toEqual([]);
  });
});
