import { createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

describe('bookings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('books a free slot, refuses a taken one, and frees it on cancel', async () => {
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    const [slot] = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 1));
    const ann = await createStudent(t);
    const bob = await createStudent(t);

    const booked = await t.http().post('/api/bookings').auth(ann.token, { type: 'bearer' }).send({ slotId: slot.id }).expect(201);
    expect(booked.body).toMatchObject({ slotId: slot.id, status: 'confirmed', student: { id: ann.id }, volunteer: { id: volunteer.id } });

    const taken = await t.http().post('/api/bookings').auth(bob.token, { type: 'bearer' }).send({ slotId: slot.id }).expect(409);
    expect(taken.body).toMatchObject({ statusCode: 409, code: 'SLOT_TAKEN' });

    await t.http().delete(`/api/bookings/${booked.body.id}`).auth(ann.token, { type: 'bearer' }).expect(200);
    await t.http().post('/api/bookings').auth(bob.token, { type: 'bearer' }).send({ slotId: slot.id }).expect(201);
  });
});
