import { requestHash } from '../../src/common/idempotency/idempotency-key';
import { bookingRequest, createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { useTestApp } from '../support/test-app';

/** The Idempotency-Key paths outside the common case (booking-claim.ts). */
describe('Idempotency-Key edge cases', () => {
  const t = useTestApp({ FAIRGRID_ROLE: 'api' });

  async function fixture() {
    const event = await createEvent(t, { maxBookingsPerStudent: 3 });
    const volunteer = await createVolunteer(t);
    const slots = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 2));
    // Another organization's slot after the first volunteer's (one interview per organization and student).
    const [later] = await createSlots(t, event.id, (await createVolunteer(t)).id, hoursAfter(event.startsAt, 3), hoursAfter(event.startsAt, 4));
    return { slots, later, student: await createStudent(t) };
  }

  it('books anew under a key that expired, replacing it', async () => {
    const { slots, later, student } = await fixture();
    const first = await bookingRequest(t, student.token, { slotId: slots[0].id }, 'old-key').expect(201);
    await t.db.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'old-key'`);
    const again = await bookingRequest(t, student.token, { slotId: later.id }, 'old-key').expect(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.body.id).not.toBe(first.body.id);
    const replay = await bookingRequest(t, student.token, { slotId: later.id }, 'old-key').expect(201);
    expect(replay.body).toEqual(again.body);
  });

  it('stores refusals found before the booking statement (staff without a student) and replays them', async () => {
    const { slots } = await fixture();
    const staff = await t.staffToken();
    const refused = await bookingRequest(t, staff, { slotId: slots[0].id }, 'no-student').expect(422);
    expect(refused.body.code).toBe('STUDENT_REQUIRED');
    const replayed = await bookingRequest(t, staff, { slotId: slots[0].id }, 'no-student').expect(422);
    expect(replayed.body).toMatchObject({ code: 'STUDENT_REQUIRED', message: refused.body.message });
    const [row] = await t.db.query(`SELECT status_code FROM idempotency_keys WHERE key = 'no-student'`);
    expect(row.status_code).toBe(422);
  });

  it('replays answers stored in the earlier form (a rendered body, or {code, message, details})', async () => {
    const { slots, student } = await fixture();
    const body = { id: '00000000-0000-4000-8000-000000000000', slotId: slots[0].id, status: 'confirmed' };
    const hash = requestHash({ slotId: slots[0].id });
    await t.db.query(
      `INSERT INTO idempotency_keys (principal_id, key, request_hash, status_code, response)
       VALUES ($1, 'legacy-ok', $2, 201, $3), ($1, 'legacy-error', $2, 422, $4)`,
      [student.id, hash, JSON.stringify(body), JSON.stringify({ code: 'BOOKING_LIMIT', message: 'limit', details: { maxBookingsPerStudent: 1 } })],
    );
    const ok = await bookingRequest(t, student.token, { slotId: slots[0].id }, 'legacy-ok').expect(201);
    expect(ok.body).toEqual(body);
    expect(ok.headers['idempotent-replayed']).toBe('true');
    const error = await bookingRequest(t, student.token, { slotId: slots[0].id }, 'legacy-error').expect(422);
    expect(error.body).toMatchObject({ code: 'BOOKING_LIMIT', details: { maxBookingsPerStudent: 1 } });
  });

  it('a refusal replays the same answer after the slot is free again', async () => {
    const { slots, student } = await fixture();
    const other = await createStudent(t);
    const taken = await bookingRequest(t, other.token, { slotId: slots[0].id }).expect(201);
    await bookingRequest(t, student.token, { slotId: slots[0].id }, 'was-taken').expect(409);
    await t.http().delete(`/api/bookings/${taken.body.id}`).auth(other.token, { type: 'bearer' }).expect(200);
    const replay = await bookingRequest(t, student.token, { slotId: slots[0].id }, 'was-taken').expect(409);
    expect(replay.body.code).toBe('SLOT_TAKEN');
  });
});
