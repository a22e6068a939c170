import type { AssignmentResponse } from '../../src/allocation/dto/allocation-run.dto';
import { bookingRequest, createBooking, createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { PageClient } from '../support/pages';
import { bearer, useTestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const HOUR = 3600_000;
const MIN = 60_000;

/**
 * Issue 12, office policies: eligibility per event, the least gap between one student's
 * interviews and the booking cut-off, on every path that makes or ends a booking.
 */
describe('eligibility, gaps and cut-offs', () => {
  const t = useTestApp();
  let staff: string;
  beforeAll(async () => {
    staff = await t.staffToken();
  });

  const patchEvent = (id: string, body: Record<string, unknown>) => t.http().patch(`/api/events/${id}`).set(bearer(staff)).send(body);
  const putRules = (id: string, body: Record<string, unknown>) => t.http().put(`/api/events/${id}/eligibility`).set(bearer(staff)).send(body);
  const storedVerdict = async (principalId: string, key: string) =>
    (await t.db.query(`SELECT response->>'verdict' AS verdict FROM idempotency_keys WHERE principal_id = $1 AND key = $2`, [principalId, key]))[0]?.verdict;
  const cancel = (token: string, bookingId: string) => t.http().delete(`/api/bookings/${bookingId}`).set(bearer(token));

  describe('cut-off', () => {
    it('refuses students booking inside the cut-off, with or without an Idempotency-Key; staff may book', async () => {
      // Slots start tomorrow; a week's cut-off has passed for all of them.
      const event = await createEvent(t, { bookingCutoffMinutes: 10080 });
      expect(event.bookingCutoffMinutes).toBe(10080);
      const v = await createVolunteer(t);
      const [slot, other] = await createSlots(t, event.id, v.id, event.startsAt, hoursAfter(event.startsAt, 1));
      const student = await createStudent(t);

      const refused = await bookingRequest(t, student.token, { slotId: slot.id }).expect(422);
      expect(refused.body).toMatchObject({ code: 'CUTOFF_PASSED', details: { cutoffMinutes: 10080 } });
      const keyed = await bookingRequest(t, student.token, { slotId: slot.id }, 'cutoff-1').expect(422);
      expect(keyed.body).toMatchObject({ code: 'CUTOFF_PASSED', details: { cutoffMinutes: 10080 } });
      const replayed = await bookingRequest(t, student.token, { slotId: slot.id }, 'cutoff-1').expect(422);
      expect(replayed.body).toEqual({ ...keyed.body, requestId: expect.any(String) });
      expect(await storedVerdict(student.id, 'cutoff-1')).toBe('cutoff_passed');

      await createBooking(t, staff, { slotId: other.id, studentId: student.id });
    });

    it('lets students book and cancel before the cut-off, and only staff inside it', async () => {
      const event = await createEvent(t, { bookingCutoffMinutes: 60 });
      const v = await createVolunteer(t);
      const [s1, s2] = await createSlots(t, event.id, v.id, event.startsAt, hoursAfter(event.startsAt, 1));
      const [ann, bob] = [await createStudent(t), await createStudent(t)];
      const annBooking = await createBooking(t, ann.token, { slotId: s1.id });
      const bobBooking = await createBooking(t, bob.token, { slotId: s2.id });
      await cancel(ann.token, annBooking.id).expect(200);

      // The office widens the cut-off to a week: tomorrow's interviews are inside it now.
      await patchEvent(event.id, { bookingCutoffMinutes: 10080 }).expect(200);
      const refused = await cancel(bob.token, bobBooking.id).expect(422);
      expect(refused.body).toMatchObject({ code: 'CUTOFF_PASSED', details: { cutoffMinutes: 10080 } });
      expect(refused.body.message).toMatch(/cancel/);
      const still = await t.http().get('/api/bookings/me').set(bearer(bob.token)).expect(200);
      expect(still.body).toEqual([expect.objectContaining({ id: bobBooking.id, status: 'confirmed' })]);
      // The volunteer and staff still may.
      const byStaff = await cancel(staff, bobBooking.id).expect(200);
      expect(byStaff.body.status).toBe('cancelled');
    });

    it('refuses a cut-off outside 0..10080 minutes', async () => {
      const event = await createEvent(t);
      for (const bookingCutoffMinutes of [-1, 10081, 1.5]) {
        const res = await patchEvent(event.id, { bookingCutoffMinutes });
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      }
    });
  });

  describe('gap between one student\'s interviews', () => {
    /** An event with 30-minute slots back to back for two volunteers from 09:00 to 11:00. */
    async function gapEvent(minGapMinutes: number) {
      const event = await createEvent(t, { maxBookingsPerStudent: 4, minGapMinutes });
      const [a, b] = [await createVolunteer(t), await createVolunteer(t)];
      const slotsA = await createSlots(t, event.id, a.id, event.startsAt, hoursAfter(event.startsAt, 2));
      const slotsB = await createSlots(t, event.id, b.id, event.startsAt, hoursAfter(event.startsAt, 2));
      return { event, slotsA, slotsB };
    }

    it('refuses first-come bookings closer than the gap, with and without a key, and for staff', async () => {
      const { event, slotsA, slotsB } = await gapEvent(15);
      expect(event.minGapMinutes).toBe(15);
      const student = await createStudent(t);
      await createBooking(t, student.token, { slotId: slotsA[0].id });

      const close = await bookingRequest(t, student.token, { slotId: slotsB[1].id }).expect(409);
      expect(close.body).toMatchObject({ code: 'BOOKING_TOO_CLOSE', details: { minGapMinutes: 15 } });
      const keyed = await bookingRequest(t, student.token, { slotId: slotsB[1].id }, 'gap-1').expect(409);
      expect(keyed.body).toMatchObject({ code: 'BOOKING_TOO_CLOSE', details: { minGapMinutes: 15 } });
      await bookingRequest(t, student.token, { slotId: slotsB[1].id }, 'gap-1').expect(409);
      expect(await storedVerdict(student.id, 'gap-1')).toBe('booking_too_close');
      const byStaff = await bookingRequest(t, staff, { slotId: slotsB[1].id, studentId: student.id }).expect(409);
      expect(byStaff.body.code).toBe('BOOKING_TOO_CLOSE');
      // An overlap is still called an overlap.
      const overlap = await bookingRequest(t, student.token, { slotId: slotsB[0].id }).expect(409);
      expect(overlap.body.code).toBe('BOOKING_OVERLAP');

      // 30 minutes after the first ends is far enough; the slot right after it stays free for others.
      await createBooking(t, student.token, { slotId: slotsB[2].id });
      const other = await createStudent(t);
      await createBooking(t, other.token, { slotId: slotsB[1].id });
    });

    it('allows interviews exactly the gap apart', async () => {
      const { slotsA, slotsB } = await gapEvent(30);
      const student = await createStudent(t);
      await createBooking(t, student.token, { slotId: slotsA[0].id });
      await bookingRequest(t, student.token, { slotId: slotsB[1].id }).expect(409);
      await createBooking(t, student.token, { slotId: slotsB[2].id });
    });

    it('refuses a staff move closer than the gap', async () => {
      const { slotsA, slotsB } = await gapEvent(15);
      const student = await createStudent(t);
      await createBooking(t, student.token, { slotId: slotsA[0].id });
      const second = await createBooking(t, student.token, { slotId: slotsB[3].id });
      const moved = await t.http().patch(`/api/bookings/${second.id}`).set(bearer(staff)).send({ slotId: slotsB[1].id }).expect(409);
      expect(moved.body).toMatchObject({ code: 'BOOKING_TOO_CLOSE', details: { minGapMinutes: 15 } });
      await t.http().patch(`/api/bookings/${second.id}`).set(bearer(staff)).send({ slotId: slotsB[2].id }).expect(200);
    });

    it('holds the gap in the database when two bookings of one student race', async () => {
      const { slotsA, slotsB } = await gapEvent(15);
      for (let round = 0; round < 2; round++) {
        const student = await createStudent(t);
        // 09:00 with A and 09:30 with B (round 0), 09:30 with A and 10:00 with B (round 1): back to back.
        const answers = await Promise.all([
          bookingRequest(t, student.token, { slotId: slotsA[round * 2].id }),
          bookingRequest(t, student.token, { slotId: slotsB[round * 2 + 1].id }),
        ]);
        expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
        expect(answers.find((r) => r.status === 409)!.body.code).toBe('BOOKING_TOO_CLOSE');
      }
    });

    it('refuses a larger gap than bookings already keep, and widens them for a gap they keep', async () => {
      const { event, slotsA, slotsB } = await gapEvent(0);
      const student = await createStudent(t);
      const first = await createBooking(t, student.token, { slotId: slotsA[0].id });
      const second = await createBooking(t, student.token, { slotId: slotsB[2].id });
      const tooLarge = await patchEvent(event.id, { minGapMinutes: 45 }).expect(409);
      expect(tooLarge.body).toMatchObject({
        code: 'BOOKINGS_TOO_CLOSE',
        details: { minGapMinutes: 45, bookings: [{ studentId: student.id, bookingId: expect.any(String), otherBookingId: expect.any(String) }] },
      });
      expect([tooLarge.body.details.bookings[0].bookingId, tooLarge.body.details.bookings[0].otherBookingId].sort()).toEqual([first.id, second.id].sort());
      const unchanged = await t.http().get(`/api/events/${event.id}`).set(bearer(staff)).expect(200);
      expect(unchanged.body.minGapMinutes).toBe(0);

      await patchEvent(event.id, { minGapMinutes: 30 }).expect(200);
      // The new gap holds from now on, for bookings made before it too (09:30 with a third volunteer).
      const c = await createVolunteer(t);
      const slotsC = await createSlots(t, event.id, c.id, event.startsAt, hoursAfter(event.startsAt, 1));
      const close = await bookingRequest(t, student.token, { slotId: slotsC[1].id }).expect(409);
      expect(close.body.code).toBe('BOOKING_TOO_CLOSE');
      const [row] = await t.db.query(`SELECT upper(gap_range) - ends_at AS pad FROM bookings WHERE id = $1`, [first.id]);
      expect(row.pad).toMatchObject({ minutes: 15 });
    });

    it('never lets a booking and a larger gap that it breaks both win when they race', async () => {
      for (let round = 0; round < 3; round++) {
        const { event, slotsA, slotsB } = await gapEvent(0);
        const student = await createStudent(t);
        await createBooking(t, student.token, { slotId: slotsA[0].id });
        // 09:30 right after 09:00-09:30: fine without a gap, too close with 15 minutes.
        const [edit, booking] = await Promise.all([
          patchEvent(event.id, { minGapMinutes: 15 }),
          bookingRequest(t, student.token, { slotId: slotsB[1].id }),
        ]);
        const outcome = [edit.status, booking.status, edit.body.code ?? null, booking.body.code ?? null];
        expect([
          [200, 409, null, 'BOOKING_TOO_CLOSE'],
          [409, 201, 'BOOKINGS_TOO_CLOSE', null],
        ]).toContainEqual(outcome);
      }
    });

    it('refuses a gap outside 0..240 minutes', async () => {
      const event = await createEvent(t);
      const res = await patchEvent(event.id, { minGapMinutes: 241 });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    });
  });

  describe('eligibility', () => {
    async function bookableEvent() {
      const event = await createEvent(t, { maxBookingsPerStudent: 3 });
      const v = await createVolunteer(t);
      const slots = await createSlots(t, event.id, v.id, event.startsAt, hoursAfter(event.startsAt, 2));
      return { event, slots };
    }

    it('restricts booking to majors (case-insensitively), graduation years, e-mail domains or a list', async () => {
      const cs = await createStudent(t, { major: 'computer science ', graduationYear: 2027, email: `cs-${Date.now()}@cs.example.edu` });
      const econ = await createStudent(t, { major: 'Economics', graduationYear: 2028, email: `econ-${Date.now()}@other.org` });
      const none = await createStudent(t);
      const cases: [Record<string, unknown>, { token: string; id: string }, string][] = [
        [{ majors: ['Computer Science'] }, econ, 'major'],
        [{ majors: ['Computer Science'] }, none, 'major'],
        [{ graduationYears: [2026, 2027] }, econ, 'graduationYear'],
        [{ graduationYears: [2027] }, none, 'graduationYear'],
        [{ emailDomains: ['Example.EDU'] }, econ, 'emailDomain'],
        [{ studentIds: [cs.id] }, econ, 'list'],
        // Every rule must hold: the first one failed is named.
        [{ majors: ['Computer Science'], graduationYears: [2028] }, cs, 'graduationYear'],
      ];
      for (const [i, [rules, student, rule]] of cases.entries()) {
        const { event, slots } = await bookableEvent();
        await putRules(event.id, rules).expect(200);
        const refused = await bookingRequest(t, student.token, { slotId: slots[0].id }).expect(422);
        expect({ rules, code: refused.body.code, details: refused.body.details }).toEqual({ rules, code: 'NOT_ELIGIBLE', details: { rule } });
        expect(refused.body.message).toEqual(expect.any(String));
        const mine = await t.http().get(`/api/events/${event.id}/eligibility/me`).set(bearer(student.token)).expect(200);
        expect(mine.body).toEqual({ eligible: false, rule, message: refused.body.message });
        // Staff may book the student anyway (once: every event is at the same time).
        if (i === 0) await createBooking(t, staff, { slotId: slots[1].id, studentId: student.id });
      }
      // cs qualifies under each rule of the table above but the last.
      const { event, slots } = await bookableEvent();
      await putRules(event.id, { majors: ['Computer Science'], graduationYears: [2027], emailDomains: ['example.edu'], studentIds: [cs.id] }).expect(200);
      await createBooking(t, cs.token, { slotId: slots[0].id });
      const mine = await t.http().get(`/api/events/${event.id}/eligibility/me`).set(bearer(cs.token)).expect(200);
      expect(mine.body).toEqual({ eligible: true, rule: null, message: null });
    });

    it("keeps an event's waitlist to the students who qualify", async () => {
      const { event } = await bookableEvent();
      await putRules(event.id, { majors: ['Physics'] }).expect(200);
      const [physicist, historian] = [await createStudent(t, { major: 'Physics' }), await createStudent(t, { major: 'History' })];
      const refused = await t.http().post(`/api/events/${event.id}/waitlist`).set(bearer(historian.token)).send({}).expect(422);
      expect({ code: refused.body.code, details: refused.body.details }).toEqual({ code: 'NOT_ELIGIBLE', details: { rule: 'major' } });
      await t.http().post(`/api/events/${event.id}/waitlist`).set(bearer(physicist.token)).send({}).expect(201);
      const lines = await t.db.query(`SELECT student_id FROM waitlist_entries WHERE event_id = $1`, [event.id]);
      expect(lines).toEqual([{ student_id: physicist.id }]);
    });

    it('stores and answers the rules, stores a refusal under its key, and opens the event again with {}', async () => {
      const { event, slots } = await bookableEvent();
      const student = await createStudent(t, { major: 'History' });
      const put = await putRules(event.id, { majors: ['Physics', ' physics ', 'Chemistry'], emailDomains: ['@Example.edu'] }).expect(200);
      expect(put.body).toEqual({ eventId: event.id, majors: ['Physics', 'Chemistry'], graduationYears: null, emailDomains: ['example.edu'], studentIds: null });
      const got = await t.http().get(`/api/events/${event.id}/eligibility`).set(bearer(staff)).expect(200);
      expect(got.body).toEqual(put.body);

      const keyed = await bookingRequest(t, student.token, { slotId: slots[0].id }, 'elig-1').expect(422);
      expect(keyed.body).toMatchObject({ code: 'NOT_ELIGIBLE', details: { rule: 'major' } });
      const replay = await bookingRequest(t, student.token, { slotId: slots[0].id }, 'elig-1').expect(422);
      expect(await storedVerdict(student.id, 'elig-1')).toBe('not_eligible');
      expect(replay.body).toMatchObject({ code: 'NOT_ELIGIBLE', details: { rule: 'major' } });

      const open = await putRules(event.id, {}).expect(200);
      expect(open.body).toEqual({ eventId: event.id, majors: null, graduationYears: null, emailDomains: null, studentIds: null });
      await createBooking(t, student.token, { slotId: slots[0].id });
    });

    it('refuses unknown students, bad input, and anyone but staff setting rules', async () => {
      const { event } = await bookableEvent();
      const unknown = await putRules(event.id, { studentIds: ['00000000-0000-4000-8000-000000000000'] }).expect(422);
      expect(unknown.body.code).toBe('UNKNOWN_STUDENTS');
      for (const body of [{ majors: [] }, { emailDomains: ['not a domain'] }, { graduationYears: [1800] }, { studentIds: ['nope'] }, { other: 1 }]) {
        const res = await putRules(event.id, body);
        expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
      }
      const student = await createStudent(t);
      await t.http().put(`/api/events/${event.id}/eligibility`).set(bearer(student.token)).send({}).expect(403);
      await t.http().get(`/api/events/${event.id}/eligibility`).set(bearer(student.token)).expect(403);
      await t.http().get(`/api/events/00000000-0000-4000-8000-000000000000/eligibility`).set(bearer(staff)).expect(404);
    });

    it('refuses preferences from a student who is not eligible', async () => {
      const { event } = await bookableEvent();
      const v = await createVolunteer(t);
      await createSlots(t, event.id, v.id, hoursAfter(event.startsAt, 3), hoursAfter(event.startsAt, 4));
      await t
        .http()
        .put(`/api/events/${event.id}/allocation-settings`)
        .set(bearer(staff))
        .send({ preferencesOpenAt: new Date(Date.now() - HOUR).toISOString(), preferencesCloseAt: new Date(Date.now() + HOUR).toISOString() })
        .expect(200);
      await putRules(event.id, { graduationYears: [2030] }).expect(200);
      const [no, yes] = [await createStudent(t, { graduationYear: 2029 }), await createStudent(t, { graduationYear: 2030 })];
      const refused = await t.http().put(`/api/events/${event.id}/preferences`).set(bearer(no.token)).send({ choices: [{ volunteerId: v.id }] }).expect(422);
      expect(refused.body).toMatchObject({ code: 'NOT_ELIGIBLE', details: { rule: 'graduationYear' } });
      await t.http().put(`/api/events/${event.id}/preferences`).set(bearer(yes.token)).send({ choices: [{ volunteerId: v.id }] }).expect(200);
    });
  });

  describe('pages', () => {
    const attemptOf = (html: string) => /name="attempt" value="([^"]+)"/.exec(html)![1];
    /** The home page's card of one event (other tests' events are listed too). */
    const cardOf = (html: string, eventId: string) => html.split('<li>').find((card) => card.includes(`href="/event/${eventId}"`)) ?? '';

    it('show a student who is not eligible why, instead of the book buttons, on the event page and at home', async () => {
      const event = await createEvent(t, { name: 'Invited Only Day' });
      const v = await createVolunteer(t);
      const [slot] = await createSlots(t, event.id, v.id, event.startsAt, hoursAfter(event.startsAt, 1));
      const [invited, outsider] = [await createStudent(t), await createStudent(t)];
      await putRules(event.id, { studentIds: [invited.id] }).expect(200);

      const browser = await PageClient.signedIn(t, { role: 'student', id: outsider.id });
      const page = await browser.get(`/event/${event.id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('You cannot book interviews at this event.');
      expect(page.text).toContain('It is open only to invited students.');
      expect(page.text).not.toContain('name="slotId"');
      const home = await browser.get('/home');
      expect(cardOf(home.text, event.id)).toContain('It is open only to invited students.');
      expect(cardOf(home.text, event.id)).not.toContain('Book an interview');
      // A form posted anyway (an old tab) is refused with the reason.
      const posted = await browser.post(`/event/${event.id}/book`, { slotId: slot.id, attempt: 'old-tab', filters: '', _csrf: /name="_csrf" value="([^"]+)"/.exec(home.text)![1] });
      expect(posted.headers.location).toBe(`/event/${event.id}?notice=not-eligible#slots`);
      expect((await browser.get(`/event/${event.id}?notice=not-eligible`)).text).toContain('The event page says why.');

      const welcome = await PageClient.signedIn(t, { role: 'student', id: invited.id });
      const open = await welcome.get(`/event/${event.id}`);
      expect(open.text).not.toContain('You cannot book interviews at this event.');
      expect(open.text).toContain(`value="${slot.id}"`);
      const welcomeHome = cardOf((await welcome.get('/home')).text, event.id);
      expect(welcomeHome).toContain('Book an interview');
      expect(welcomeHome).not.toContain('You cannot book');
    });

    it('close slots and the cancel button inside the cut-off with a readable reason; staff still book and cancel', async () => {
      const event = await createEvent(t, { bookingCutoffMinutes: 120, minGapMinutes: 15 });
      const v = await createVolunteer(t);
      const [slot] = await createSlots(t, event.id, v.id, event.startsAt, hoursAfter(event.startsAt, 1));
      const student = await createStudent(t);
      const browser = await PageClient.signedIn(t, { role: 'student', id: student.id });
      const before = await browser.get(`/event/${event.id}`);
      expect(before.text).toContain('Booking and cancelling close 2 hours before each interview starts.');
      expect(before.text).toContain('Your interviews at this event must be at least 15 minutes apart.');
      expect(before.text).toContain(`value="${slot.id}"`);

      // A week's cut-off: tomorrow's slots are closed now.
      await patchEvent(event.id, { bookingCutoffMinutes: 10080 }).expect(200);
      const page = await browser.get(`/event/${event.id}`);
      expect(page.text).not.toContain(`value="${slot.id}"`);
      expect(page.text).toContain('Booking has closed for this slot: it starts in less than 168 hours.');
      const posted = await browser.post(`/event/${event.id}/book`, { slotId: slot.id, attempt: attemptOf(page.text), filters: '' });
      expect(posted.headers.location).toBe(`/event/${event.id}?notice=cutoff-passed#slots`);

      const booking = await createBooking(t, staff, { slotId: slot.id, studentId: student.id });
      const interview = await browser.get(`/interviews/${booking.id}`);
      expect(interview.text).toContain('so it can no longer be cancelled here');
      expect(interview.text).not.toContain(`href="/interviews/${booking.id}/cancel"`);
      const confirm = await browser.get(`/interviews/${booking.id}/cancel`);
      expect(confirm.headers.location).toBe(`/interviews/${booking.id}?notice=cancel-cutoff-passed`);
      const cancelled = await browser.post(`/interviews/${booking.id}/cancel`, { _csrf: /name="_csrf" value="([^"]+)"/.exec(interview.text)![1] });
      expect(cancelled.headers.location).toBe(`/interviews/${booking.id}?notice=cancel-cutoff-passed`);
      expect((await browser.get(cancelled.headers.location)).text).toContain('starts too soon to be cancelled here');
      const [row] = await t.db.query(`SELECT status FROM bookings WHERE id = $1`, [booking.id]);
      expect(row.status).toBe('confirmed');
      await cancel(staff, booking.id).expect(200);
    });

    it('tell a student a slot is too close to their other interview', async () => {
      const event = await createEvent(t, { maxBookingsPerStudent: 2, minGapMinutes: 15 });
      const [a, b] = [await createVolunteer(t), await createVolunteer(t)];
      const [first] = await createSlots(t, event.id, a.id, event.startsAt, hoursAfter(event.startsAt, 0.5));
      const [, close] = await createSlots(t, event.id, b.id, event.startsAt, hoursAfter(event.startsAt, 1));
      const student = await createStudent(t);
      await createBooking(t, student.token, { slotId: first.id });
      const browser = await PageClient.signedIn(t, { role: 'student', id: student.id });
      const page = await browser.get(`/event/${event.id}`);
      const posted = await browser.post(`/event/${event.id}/book`, { slotId: close.id, attempt: attemptOf(page.text), filters: '' });
      expect(posted.headers.location).toBe(`/event/${event.id}?notice=booking-too-close#slots`);
      expect((await browser.get(`/event/${event.id}?notice=booking-too-close`)).text).toContain('too close to another of your interviews');
    });

    it('tell a student who is not eligible why their ranking was not saved', async () => {
      const event = await createEvent(t);
      const v = await createVolunteer(t);
      await createSlots(t, event.id, v.id, event.startsAt, hoursAfter(event.startsAt, 1));
      await t
        .http()
        .put(`/api/events/${event.id}/allocation-settings`)
        .set(bearer(staff))
        .send({ preferencesOpenAt: new Date(Date.now() - HOUR).toISOString(), preferencesCloseAt: new Date(Date.now() + HOUR).toISOString() })
        .expect(200);
      await putRules(event.id, { emailDomains: ['example.org'] }).expect(200);
      const student = await createStudent(t);
      const browser = await PageClient.signedIn(t, { role: 'student', id: student.id });
      expect((await browser.get(`/event/${event.id}/preferences`)).status).toBe(200);
      const saved = await browser.post(`/event/${event.id}/preferences`, { action: 'add', add: `v:${v.id}` });
      expect(saved.status).toBe(422);
      expect(saved.text).toContain('It is open only to students with an e-mail address at certain schools.');
    });

    it('show staff the event\'s gap, cut-off and who may book', async () => {
      const event = await createEvent(t, { minGapMinutes: 90, bookingCutoffMinutes: 30 });
      const student = await createStudent(t);
      await putRules(event.id, { majors: ['Physics'], graduationYears: [2027], studentIds: [student.id] }).expect(200);
      const [row] = await t.db.query(`SELECT id FROM staff LIMIT 1`);
      const browser = await PageClient.signedIn(t, { role: 'staff', id: row.id });
      const page = await browser.get(`/event/${event.id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Office rules');
      expect(page.text).toContain('90 minutes');
      expect(page.text).toContain('30 minutes before the interview');
      expect(page.text).toContain('majors: Physics; graduating in: 2027; only 1 listed student');
    });
  });

  describe('allocation', () => {
    it('keeps the gap between a student\'s interviews, leaves out students no longer eligible, and publishes', async () => {
      const event = await createEvent(t, { maxBookingsPerStudent: 2, minGapMinutes: 20 });
      const [a, b] = [await createVolunteer(t), await createVolunteer(t)];
      // a: 09:00-10:00 (two slots); b: 09:30-10:30 (two slots).
      await createSlots(t, event.id, a.id, event.startsAt, hoursAfter(event.startsAt, 1));
      await createSlots(t, event.id, b.id, hoursAfter(event.startsAt, 0.5), hoursAfter(event.startsAt, 1.5));
      await t
        .http()
        .put(`/api/events/${event.id}/allocation-settings`)
        .set(bearer(staff))
        .send({ preferencesOpenAt: new Date(Date.now() - HOUR).toISOString(), preferencesCloseAt: new Date(Date.now() + HOUR).toISOString() })
        .expect(200);
      const students = await Promise.all([1, 2, 3].map(() => createStudent(t, { graduationYear: 2027 })));
      for (const s of students) {
        await t.http().put(`/api/events/${event.id}/preferences`).set(bearer(s.token)).send({ choices: [{ volunteerId: a.id }, { volunteerId: b.id }] }).expect(200);
      }
      // The third no longer qualifies once the office restricts the event.
      await t.db.query(`UPDATE students SET graduation_year = 2026 WHERE id = $1`, [students[2].id]);
      await putRules(event.id, { graduationYears: [2027] }).expect(200);

      const started = await t.http().post(`/api/events/${event.id}/allocation-runs`).set(bearer(staff)).send({ seed: 'gap' }).expect(202);
      const run = await waitFor(async () => {
        const res = await t.http().get(`/api/allocation-runs/${started.body.id}`).set(bearer(staff)).expect(200);
        return ['completed', 'failed'].includes(res.body.status) && res.body;
      }, 30_000);
      expect(run.status).toBe('completed');
      const res = await t.http().get(`/api/allocation-runs/${run.id}/assignments`).query({ limit: 500 }).set(bearer(staff)).expect(200);
      const assignments = res.body.items as AssignmentResponse[];
      expect(assignments.some((x) => x.studentId === students[2].id)).toBe(false);
      const byStudent = new Map<string, AssignmentResponse[]>();
      for (const x of assignments) byStudent.set(x.studentId, [...(byStudent.get(x.studentId) ?? []), x]);
      expect(assignments.length).toBeGreaterThan(0);
      for (const list of byStudent.values()) {
        const times = list.map((x) => [Date.parse(x.startsAt), Date.parse(x.endsAt)]).sort((p, q) => p[0] - q[0]);
        for (let i = 1; i < times.length; i++) expect(times[i][0] - times[i - 1][1]).toBeGreaterThanOrEqual(20 * MIN);
      }
      await t.http().post(`/api/allocation-runs/${run.id}/publish`).set(bearer(staff)).expect(200);
      const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM bookings WHERE event_id = $1 AND status = 'confirmed'`, [event.id]);
      expect(count).toBe(assignments.length);
    });
  });
});
