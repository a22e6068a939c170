import { bookingRequest, createEvent, createStudent, createVolunteer } from '../support/factories';
import { useTestApp, TestApp } from '../support/test-app';

describe('availability and slots', () => {
  const t = useTestApp();
  let staff: string;
  beforeAll(async () => {
    staff = await t.staffToken();
  });

  const put = (token: string, eventId: string, volunteerId: string, windows: unknown[]) =>
    t.http().put(`/api/events/${eventId}/volunteers/${volunteerId}/availability`).auth(token, { type: 'bearer' }).send({ windows });
  const slotsOf = async (eventId: string, query: Record<string, unknown> = {}) =>
    (await t.http().get(`/api/events/${eventId}/slots`).query({ limit: 500, ...query }).auth(staff, { type: 'bearer' }).expect(200)).body;

  it('generates real-length slots across a DST change, shown in the event zone', async () => {
    // US clocks spring forward at 02:00 on 2027-03-14: 02:00-03:00 local does not exist.
    const event = await createEvent(t, {
      timezone: 'America/New_York',
      startsAt: '2027-03-14T00:00:00-05:00',
      endsAt: '2027-03-14T12:00:00-04:00',
      bookingOpensAt: new Date(Date.now() - 3600_000).toISOString(),
      bookingClosesAt: '2027-03-13T12:00:00-05:00',
    });
    const volunteer = await createVolunteer(t);
    const res = await put(staff, event.id, volunteer.id, [{ startsAt: '2027-03-14T01:00:00-05:00', endsAt: '2027-03-14T04:00:00-04:00' }]).expect(200);
    expect(res.body.slotCount).toBe(4);
    const page = await slotsOf(event.id, { volunteerId: volunteer.id });
    expect(page.items.map((s: { startsAt: string }) => s.startsAt)).toEqual([
      '2027-03-14T01:00:00.000-05:00',
      '2027-03-14T01:30:00.000-05:00',
      '2027-03-14T03:00:00.000-04:00',
      '2027-03-14T03:30:00.000-04:00',
    ]);
    expect(page.items[1].endsAt).toBe('2027-03-14T03:00:00.000-04:00');
  });

  it('uses the event slot length and breaks, and a volunteer may set their own availability', async () => {
    const event = await createEvent(t, { slotMinutes: 20, breakMinutes: 10 });
    const volunteer = await createVolunteer(t, { expertise: ['finance'], organization: 'Acme' });
    const res = await put(volunteer.token, event.id, volunteer.id, [{ startsAt: event.startsAt, endsAt: hours(event.startsAt, 1.5) }]).expect(200);
    expect(res.body.slotCount).toBe(3);
    const page = await slotsOf(event.id, { volunteerId: volunteer.id });
    expect(page.items.map((s: { startsAt: string }) => new Date(s.startsAt).getTime() - new Date(event.startsAt).getTime())).toEqual([0, 30, 60].map((m) => m * 60_000));
    expect(page.items[0].volunteer).toEqual({ id: volunteer.id, name: expect.any(String), organization: 'Acme', title: '', expertise: ['finance'] });
    const got = await t.http().get(`/api/events/${event.id}/volunteers/${volunteer.id}/availability`).auth(volunteer.token, { type: 'bearer' }).expect(200);
    expect(got.body).toMatchObject({ slotCount: 3, windows: [{ startsAt: expect.any(String), endsAt: expect.any(String) }] });
  });

  it('rejects windows outside the event or overlapping each other, changing nothing', async () => {
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    await put(staff, event.id, volunteer.id, [{ startsAt: event.startsAt, endsAt: hours(event.startsAt, 1) }]).expect(200);
    const res = await put(staff, event.id, volunteer.id, [
      { startsAt: hours(event.startsAt, -2), endsAt: hours(event.startsAt, 1) },
      { startsAt: hours(event.startsAt, 2), endsAt: hours(event.startsAt, 4) },
      { startsAt: hours(event.startsAt, 3), endsAt: hours(event.startsAt, 5) },
    ]).expect(422);
    expect(res.body).toMatchObject({ code: 'INVALID_AVAILABILITY', details: { windows: [{ index: 0 }, { index: 2, reason: 'overlaps window 1' }] } });
    expect((await slotsOf(event.id, { volunteerId: volunteer.id })).items).toHaveLength(2);
  });

  it('refuses a change that would delete a booked slot, listing the booking; keeps booked slots that stay', async () => {
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    await put(staff, event.id, volunteer.id, [{ startsAt: event.startsAt, endsAt: hours(event.startsAt, 2) }]).expect(200);
    const [first, second] = (await slotsOf(event.id, { volunteerId: volunteer.id })).items;
    const student = await createStudent(t);
    const booking = await bookingRequest(t, student.token, { slotId: second.id }).expect(201);

    const refused = await put(staff, event.id, volunteer.id, [{ startsAt: hours(event.startsAt, 1), endsAt: hours(event.startsAt, 2) }]).expect(409);
    expect(refused.body).toMatchObject({ code: 'SLOTS_BOOKED', details: { bookings: [{ bookingId: booking.body.id, slotId: second.id }] } });
    expect((await slotsOf(event.id, { volunteerId: volunteer.id })).items).toHaveLength(4);

    // Shrinking around the booked slot keeps it (same id) and drops only free ones.
    await put(staff, event.id, volunteer.id, [{ startsAt: hours(event.startsAt, 0.5), endsAt: hours(event.startsAt, 1) }]).expect(200);
    const after = (await slotsOf(event.id, { volunteerId: volunteer.id })).items;
    expect(after.map((s: { id: string }) => s.id)).toEqual([second.id]);
    expect(after.map((s: { id: string }) => s.id)).not.toContain(first.id);
  });

  it('filters slots by availability, volunteer, expertise and time, with a cursor', async () => {
    const event = await createEvent(t);
    const fin = await createVolunteer(t, { expertise: ['finance'] });
    const sw = await createVolunteer(t, { expertise: ['software'] });
    await put(staff, event.id, fin.id, [{ startsAt: event.startsAt, endsAt: hours(event.startsAt, 2) }]).expect(200);
    await put(staff, event.id, sw.id, [{ startsAt: event.startsAt, endsAt: hours(event.startsAt, 2) }]).expect(200);
    const all = await slotsOf(event.id);
    expect(all.items).toHaveLength(8);
    const student = await createStudent(t);
    await bookingRequest(t, student.token, { slotId: all.items[0].id }).expect(201);

    expect((await slotsOf(event.id, { available: 'true' })).items).toHaveLength(7);
    expect((await slotsOf(event.id, { available: 'false' })).items.map((s: { id: string }) => s.id)).toEqual([all.items[0].id]);
    expect((await slotsOf(event.id, { expertise: 'finance' })).items.every((s: { volunteer: { id: string } }) => s.volunteer.id === fin.id)).toBe(true);
    expect((await slotsOf(event.id, { from: hours(event.startsAt, 1), to: hours(event.startsAt, 1.5) })).items).toHaveLength(2);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await slotsOf(event.id, { limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((s: { id: string }) => s.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((s: { id: string }) => s.id));
    const asStudent = await t.http().get(`/api/events/${event.id}/slots`).auth(student.token, { type: 'bearer' }).expect(200);
    expect(JSON.stringify(asStudent.body)).not.toContain('@');
  });
});

function hours(iso: string, h: number): string {
  return new Date(new Date(iso).getTime() + h * 3600_000).toISOString();
}
