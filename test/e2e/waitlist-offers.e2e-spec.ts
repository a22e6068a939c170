import { bookingRequest, createBooking, createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { TestApp, useTestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

type Student = Awaited<ReturnType<typeof createStudent>>;
interface Offer {
  id: string;
  slotId: string | null;
  state: string;
  expiresAt: string;
  bookingId: string | null;
  startsAt: string;
}
interface Entry {
  id: string;
  eventId: string;
  status: string;
  position: number | null;
  offer: Offer | null;
  narrowing: unknown;
}

/** Issue 12: waitlists with offers, against the real database, queue, worker and SMTP server. */
describe('waitlists with offers', () => {
  const t = useTestApp();
  let staff: string;
  beforeAll(async () => {
    staff = await t.staffToken();
  });

  const join = (student: Student, eventId: string, body: Record<string, unknown> = {}) =>
    t.http().post(`/api/events/${eventId}/waitlist`).auth(student.token, { type: 'bearer' }).send(body);
  const entries = async (student: Student): Promise<Entry[]> =>
    (await t.http().get('/api/waitlist/me').auth(student.token, { type: 'bearer' }).expect(200)).body;
  const offerOf = (student: Student, eventId: string, timeoutMs?: number): Promise<Offer> =>
    waitFor(async () => (await entries(student)).find((e) => e.eventId === eventId && e.offer?.state === 'offered')?.offer ?? undefined, timeoutMs);
  const offer = async (id: string, token = staff): Promise<Offer> => (await t.http().get(`/api/offers/${id}`).auth(token, { type: 'bearer' }).expect(200)).body;
  const cancel = (token: string, bookingId: string) => t.http().delete(`/api/bookings/${bookingId}`).auth(token, { type: 'bearer' }).expect(200);
  const hold = (eventId: string, seconds: number) =>
    t.http().put(`/api/events/${eventId}/waitlist-settings`).auth(staff, { type: 'bearer' }).send({ offerHoldSeconds: seconds }).expect(200);
  const liveOffers = async (eventId: string): Promise<{ slot_id: string; student_id: string }[]> =>
    t.db.query(`SELECT slot_id, student_id FROM waitlist_offers WHERE event_id = $1 AND state = 'offered'`, [eventId]);

  /** An event whose one volunteer has `count` half-hour slots, each booked by a student of its own. */
  async function fullEvent(count = 1, fields: Parameters<typeof createEvent>[1] = {}) {
    const event = await createEvent(t, fields);
    const volunteer = await createVolunteer(t);
    const slots = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, count / 2));
    const holders = [];
    for (const slot of slots) {
      const holder = await createStudent(t);
      holders.push({ student: holder, booking: await createBooking(t, holder.token, { slotId: slot.id }) });
    }
    return { event, volunteer, slots, holders };
  }

  it('joins, shows the place in line, refuses a second identical entry and leaves', async () => {
    const { event, volunteer } = await fullEvent();
    const [a, b] = [await createStudent(t), await createStudent(t)];
    const first = await join(a, event.id).expect(201);
    expect(first.body).toMatchObject({ eventId: event.id, status: 'waiting', position: 1, narrowing: null, offer: null });
    const second = await join(b, event.id, { volunteerId: volunteer.id }).expect(201);
    expect(second.body).toMatchObject({ position: 2, narrowing: { volunteer: { id: volunteer.id } } });
    expect((await join(a, event.id).expect(409)).body.code).toBe('WAITLIST_ALREADY_JOINED');
    // Another narrowing is another entry; two narrowings at once are refused.
    await join(a, event.id, { expertise: 'software' }).expect(201);
    expect((await join(a, event.id, { expertise: 'law', volunteerId: volunteer.id }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await join(b, event.id, { volunteerId: '00000000-0000-4000-8000-000000000000' }).expect(404)).body.code).toBe('NOT_FOUND');

    const left = await t.http().delete(`/api/waitlist/${first.body.id}`).auth(a.token, { type: 'bearer' }).expect(200);
    expect(left.body).toMatchObject({ status: 'left', position: null });
    expect((await entries(b)).find((e) => e.id === second.body.id)?.position).toBe(1);
    // Only its student may leave it; others are told it does not exist.
    await t.http().delete(`/api/waitlist/${second.body.id}`).auth(a.token, { type: 'bearer' }).expect(404);
    // Staff and volunteers have no waitlist of their own.
    await t.http().post(`/api/events/${event.id}/waitlist`).auth(staff, { type: 'bearer' }).send({}).expect(403);

    const closed = await createEvent(t, { bookingClosesAt: new Date(Date.now() + 1_000).toISOString() });
    await waitFor(() => Date.now() > Date.parse(closed.bookingClosesAt as string) + 50);
    expect((await join(a, closed.id).expect(422)).body.code).toBe('WAITLIST_CLOSED');
  });

  it('holds a cancelled slot for the first in line, refuses it to everyone else, and an accept books it with invites', async () => {
    const { event, slots, holders } = await fullEvent();
    const [b, c, d] = [await createStudent(t), await createStudent(t), await createStudent(t)];
    await join(b, event.id).expect(201);
    await join(c, event.id).expect(201);
    await cancel(holders[0].student.token, holders[0].booking.id);

    const held = await offerOf(b, event.id);
    expect(held).toMatchObject({ slotId: slots[0].id, state: 'offered' });
    // Two hours by default, never past the booking close.
    const holdMs = Date.parse(held.expiresAt) - Date.now();
    expect(holdMs).toBeGreaterThan(7_100_000);
    expect(holdMs).toBeLessThanOrEqual(7_200_000);
    // The mail names the deadline and links to the offer page for each answer.
    const mail = await waitFor(() => t.smtp.to(b.email).find((m) => m.parsed.messageId === `<offer-${held.id}@fairgrid>`));
    expect(mail.parsed.text).toContain(`http://fairgrid.test/my/offers/${held.id}?answer=accept`);
    expect(mail.parsed.text).toContain(`http://fairgrid.test/my/offers/${held.id}?answer=decline`);

    // The slot page shows it taken while it is held.
    const page = await t.http().get(`/api/events/${event.id}/slots`).query({ limit: 50 }).auth(d.token, { type: 'bearer' }).expect(200);
    expect(page.body.items.find((s: { id: string }) => s.id === slots[0].id)).toMatchObject({ available: false });
    for (const token of [d.token, holders[0].student.token, c.token]) {
      expect((await bookingRequest(t, token, { slotId: slots[0].id }).expect(409)).body.code).toBe('SLOT_HELD');
    }
    expect((await bookingRequest(t, staff, { slotId: slots[0].id, studentId: d.id }).expect(409)).body.code).toBe('SLOT_HELD');
    // Nobody else may see or answer it.
    await t.http().get(`/api/offers/${held.id}`).auth(c.token, { type: 'bearer' }).expect(404);
    await t.http().post(`/api/offers/${held.id}/accept`).auth(c.token, { type: 'bearer' }).expect(404);

    const booked = await t.http().post(`/api/offers/${held.id}/accept`).auth(b.token, { type: 'bearer' }).expect(201);
    expect(booked.body).toMatchObject({ slotId: slots[0].id, status: 'confirmed', student: { id: b.id } });
    expect(await offer(held.id)).toMatchObject({ state: 'accepted', bookingId: booked.body.id });
    expect((await entries(b)).find((e) => e.eventId === event.id)).toMatchObject({ status: 'served', position: null });
    expect((await entries(c)).find((e) => e.eventId === event.id)).toMatchObject({ status: 'waiting', position: 1, offer: null });
    await waitFor(() => t.smtp.to(b.email).some((m) => m.parsed.messageId?.startsWith('<invite-')));
    // Answered once: a second answer is refused with the state.
    expect((await t.http().post(`/api/offers/${held.id}/decline`).auth(b.token, { type: 'bearer' }).expect(409)).body).toMatchObject({
      code: 'OFFER_CLOSED',
      details: { state: 'accepted' },
    });
  });

  it("an offer is held no longer than the event's cut-off before its slot", async () => {
    const { event, slots, holders } = await fullEvent();
    const startsAt = new Date(slots[0].startsAt).getTime();
    // The cut-off falls an hour from now, well before the default two-hour hold would end.
    const cutoffMinutes = Math.floor((startsAt - Date.now()) / 60_000) - 60;
    await t.http().patch(`/api/events/${event.id}`).auth(staff, { type: 'bearer' }).send({ bookingCutoffMinutes: cutoffMinutes }).expect(200);
    const waiting = await createStudent(t);
    await join(waiting, event.id).expect(201);
    await cancel(holders[0].student.token, holders[0].booking.id);
    const held = await offerOf(waiting, event.id);
    expect(new Date(held.expiresAt).getTime()).toBe(startsAt - cutoffMinutes * 60_000);
  });

  it('a decline moves the slot to the next in line, who is never offered it again', async () => {
    const { event, slots, holders } = await fullEvent();
    const [b, c] = [await createStudent(t), await createStudent(t)];
    await join(b, event.id).expect(201);
    await join(c, event.id).expect(201);
    await cancel(holders[0].student.token, holders[0].booking.id);
    const first = await offerOf(b, event.id);
    const declined = await t.http().post(`/api/offers/${first.id}/decline`).auth(b.token, { type: 'bearer' }).expect(200);
    expect(declined.body).toMatchObject({ state: 'declined', endedAt: expect.any(String) });
    expect((await offerOf(c, event.id)).slotId).toBe(slots[0].id);
    // B keeps their place for other slots; C declining as well leaves the slot free for anyone.
    expect((await entries(b)).find((e) => e.eventId === event.id)).toMatchObject({ status: 'waiting', position: 1, offer: null });
    const second = await offerOf(c, event.id);
    await t.http().post(`/api/offers/${second.id}/decline`).auth(c.token, { type: 'bearer' }).expect(200);
    const anyone = await createStudent(t);
    await waitFor(async () => (await bookingRequest(t, anyone.token, { slotId: slots[0].id })).status === 201);
    expect(await liveOffers(event.id)).toEqual([]);
  });

  it('an offer that expires moves on to the next in line by itself; the lapsed student leaves the line', async () => {
    const { event, slots, holders } = await fullEvent();
    await hold(event.id, 2);
    const [b, c] = [await createStudent(t), await createStudent(t)];
    await join(b, event.id).expect(201);
    await join(c, event.id).expect(201);
    await cancel(holders[0].student.token, holders[0].booking.id);
    const first = await offerOf(b, event.id);
    expect(Date.parse(first.expiresAt) - Date.now()).toBeLessThanOrEqual(2_000);
    const next = await offerOf(c, event.id);
    expect(next.slotId).toBe(slots[0].id);
    expect(await offer(first.id)).toMatchObject({ state: 'expired', endedAt: expect.any(String) });
    expect((await entries(b)).find((e) => e.eventId === event.id)).toMatchObject({ status: 'lapsed', position: null });
    expect((await t.http().post(`/api/offers/${first.id}/accept`).auth(b.token, { type: 'bearer' }).expect(409)).body.details).toEqual({ state: 'expired' });
  });

  it('skips students who cannot take the slot (an overlapping interview, the booking limit) and offers it to the next', async () => {
    const { event, slots, holders } = await fullEvent();
    const other = await createVolunteer(t);
    const [sameTime, later] = await createSlots(t, event.id, other.id, event.startsAt, hoursAfter(event.startsAt, 1));
    const [busy, full, free] = [await createStudent(t), await createStudent(t), await createStudent(t)];
    await createBooking(t, busy.token, { slotId: sameTime.id });
    // One interview per student in this event: `full` holds it already.
    await createBooking(t, full.token, { slotId: later.id });
    for (const student of [busy, full, free]) await join(student, event.id).expect(201);
    await cancel(holders[0].student.token, holders[0].booking.id);
    expect((await offerOf(free, event.id)).slotId).toBe(slots[0].id);
    expect((await entries(busy)).find((e) => e.eventId === event.id)).toMatchObject({ status: 'waiting', offer: null, position: 1 });
    expect((await entries(full)).find((e) => e.eventId === event.id)).toMatchObject({ status: 'waiting', offer: null, position: 2 });
  });

  it('narrowed entries are offered only slots that fit them', async () => {
    const { event, holders } = await fullEvent();
    const elsewhere = await createVolunteer(t);
    const [narrow, any] = [await createStudent(t), await createStudent(t)];
    await join(narrow, event.id, { volunteerId: elsewhere.id }).expect(201);
    await join(any, event.id).expect(201);
    await cancel(holders[0].student.token, holders[0].booking.id);
    await offerOf(any, event.id);
    expect((await entries(narrow))[0].offer).toBeNull();
    // New availability of the volunteer they asked for is offered to them.
    const [slot] = await createSlots(t, event.id, elsewhere.id, hoursAfter(event.startsAt, 3), hoursAfter(event.startsAt, 4));
    expect((await offerOf(narrow, event.id)).slotId).toBe(slot.id);
  });

  it('a held slot leaving the event withdraws its offer, which stays in the history', async () => {
    const { event, volunteer, holders } = await fullEvent();
    const b = await createStudent(t);
    await join(b, event.id).expect(201);
    await cancel(holders[0].student.token, holders[0].booking.id);
    const held = await offerOf(b, event.id);
    await t.http().post(`/api/events/${event.id}/volunteers/${volunteer.id}/withdrawal`).auth(staff, { type: 'bearer' }).expect(200);
    expect(await offer(held.id, b.token)).toMatchObject({ state: 'withdrawn', slotId: null });
    const history = (await t.http().get('/api/offers/me').auth(b.token, { type: 'bearer' }).expect(200)).body as Offer[];
    expect(history.map((o) => o.id)).toContain(held.id);
  });
});

export type { TestApp };
