import { OfferMatcherService } from '../../src/waitlist/offer-matcher.service';
import { bookingRequest, createBooking, createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { useTestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

type Student = Awaited<ReturnType<typeof createStudent>>;

/**
 * Issue 12: the waitlist's invariants under races, against the real database and worker: a slot
 * is never held for two students, nobody in line is skipped, an offer ends exactly one way, and
 * a booking and an offer never both win one slot.
 */
describe('waitlist offers under concurrency', () => {
  const t = useTestApp();
  let staff: string;
  let day = 2;
  beforeAll(async () => {
    staff = await t.staffToken();
  });

  /** An event on a day of its own: its volunteer's `count` half-hour slots each booked by a holder. */
  async function fullEvent(count: number) {
    const start = new Date(Date.now() + day++ * 24 * 3600_000);
    start.setUTCHours(0, 0, 0, 0);
    const at = (h: number) => new Date(start.getTime() + h * 3600_000).toISOString();
    const event = await createEvent(t, { startsAt: at(9), endsAt: at(17), bookingClosesAt: at(8) });
    const volunteer = await createVolunteer(t);
    const slots = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, count / 2));
    const holders = [];
    for (const slot of slots) {
      const student = await createStudent(t);
      holders.push({ student, booking: await createBooking(t, student.token, { slotId: slot.id }) });
    }
    return { event, slots, holders };
  }
  const join = (student: Student, eventId: string) => t.http().post(`/api/events/${eventId}/waitlist`).auth(student.token, { type: 'bearer' }).send({}).expect(201);
  const cancel = (token: string, id: string) => t.http().delete(`/api/bookings/${id}`).auth(token, { type: 'bearer' });
  const offers = (eventId: string): Promise<{ id: string; slot_id: string | null; student_id: string; state: string }[]> =>
    t.db.query(`SELECT id, slot_id, student_id, state FROM waitlist_offers WHERE event_id = $1 ORDER BY offered_at, id`, [eventId]);
  const confirmedOn = async (slotId: string): Promise<string[]> =>
    (await t.db.query(`SELECT student_id FROM bookings WHERE slot_id = $1 AND status = 'confirmed'`, [slotId])).map((r: { student_id: string }) => r.student_id);

  it('two cancellations with two students waiting at once: two distinct offers, nobody skipped, no slot held twice', async () => {
    const matcher = t.app.get(OfferMatcherService);
    for (let round = 0; round < 3; round++) {
      const { event, slots, holders } = await fullEvent(2);
      const [b, c] = [await createStudent(t), await createStudent(t)];
      await join(b, event.id);
      await join(c, event.id);
      // Both cancellations at once, and passes of the matcher racing the jobs they queue.
      const answers = await Promise.all([
        ...holders.map((h) => cancel(h.student.token, h.booking.id)),
        ...Array.from({ length: 4 }, () => matcher.match(event.id)),
      ]);
      expect(answers.slice(0, 2).map((r) => (r as { status: number }).status)).toEqual([200, 200]);
      const live = await waitFor(async () => {
        const rows = (await offers(event.id)).filter((o) => o.state === 'offered');
        return rows.length === 2 && rows;
      });
      expect(new Set(live.map((o) => o.student_id))).toEqual(new Set([b.id, c.id]));
      expect(new Set(live.map((o) => o.slot_id))).toEqual(new Set(slots.map((s) => s.id)));
      // Nothing else was offered: one offer each, ever.
      expect(await offers(event.id)).toHaveLength(2);
    }
  });

  it('an offer expiring while its student accepts ends exactly one way', async () => {
    const matcher = t.app.get(OfferMatcherService);
    const outcomes: string[] = [];
    for (const offsetMs of [-40, -10, 0, 15, 40]) {
      const { event, slots, holders } = await fullEvent(1);
      await t.http().put(`/api/events/${event.id}/waitlist-settings`).auth(staff, { type: 'bearer' }).send({ offerHoldSeconds: 2 }).expect(200);
      const [b, c] = [await createStudent(t), await createStudent(t)];
      await join(b, event.id);
      await join(c, event.id);
      await cancel(holders[0].student.token, holders[0].booking.id).expect(200);
      const [offer] = await waitFor(async () => {
        const rows = (await t.db.query(`SELECT id, expires_at FROM waitlist_offers WHERE event_id = $1 AND state = 'offered'`, [event.id])) as { id: string; expires_at: Date }[];
        return rows.length > 0 && rows;
      });
      await waitFor(() => Date.now() >= offer.expires_at.getTime() + offsetMs, 10_000);
      // The accept, the delayed expiry job and a pass of the matcher, all at once.
      const [accepted] = await Promise.all([
        t.http().post(`/api/offers/${offer.id}/accept`).auth(b.token, { type: 'bearer' }),
        matcher.match(event.id),
      ]);
      const stateOf = async () => (await t.db.query(`SELECT state, booking_id FROM waitlist_offers WHERE id = $1`, [offer.id]))[0];
      // Refused as past its expiry, the offer may still be `offered` a moment until the worker ends it.
      const row = accepted.status === 201 ? await stateOf() : await waitFor(async () => ((await stateOf()).state !== 'offered' ? stateOf() : undefined));
      if (accepted.status === 201) {
        expect(row).toEqual({ state: 'accepted', booking_id: accepted.body.id });
        expect(await confirmedOn(slots[0].id)).toEqual([b.id]);
        outcomes.push('accepted');
      } else {
        expect({ status: accepted.status, body: accepted.body }).toMatchObject({ status: 409, body: { code: 'OFFER_CLOSED', details: { state: 'expired' } } });
        expect(row).toEqual({ state: 'expired', booking_id: null });
        expect(await confirmedOn(slots[0].id)).toEqual([]);
        // …and the slot moved on to the next in line.
        await waitFor(async () => (await offers(event.id)).some((o) => o.student_id === c.id && o.state === 'offered'));
        outcomes.push('expired');
      }
      expect((await offers(event.id)).filter((o) => o.state === 'offered' && o.student_id === b.id)).toEqual([]);
    }
    process.stdout.write(`waitlist figures: accept at expiry (-40, -10, 0, +15, +40 ms): ${outcomes.join(', ')}\n`);
  });

  it('a booking racing an offer for the same slot: exactly one of them gets it', async () => {
    const matcher = t.app.get(OfferMatcherService);
    const winners: string[] = [];
    for (let round = 0; round < 6; round++) {
      const { event, slots, holders } = await fullEvent(1);
      const [b, d] = [await createStudent(t), await createStudent(t)];
      await join(b, event.id);
      await cancel(holders[0].student.token, holders[0].booking.id).expect(200);
      // D books the freed slot while passes of the matcher try to hold it for B.
      const [booking] = await Promise.all([bookingRequest(t, d.token, { slotId: slots[0].id }), matcher.match(event.id), matcher.match(event.id)]);
      const live = (await offers(event.id)).filter((o) => o.state === 'offered');
      const booked = await confirmedOn(slots[0].id);
      if (booking.status === 201) {
        expect(booked).toEqual([d.id]);
        expect(live).toEqual([]);
        winners.push('booking');
      } else {
        expect(booking.body.code).toBe('SLOT_HELD');
        expect(booked).toEqual([]);
        expect(live.map((o) => [o.student_id, o.slot_id])).toEqual([[b.id, slots[0].id]]);
        winners.push('offer');
      }
    }
    process.stdout.write(`waitlist figures: booking vs offer for one slot, winners: ${winners.join(', ')}\n`);
  });
});
