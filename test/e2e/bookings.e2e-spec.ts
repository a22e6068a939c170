import { bookingRequest, createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { useTestApp, TestApp } from '../support/test-app';

describe('bookings', () => {
  const t = useTestApp();

  it('books a free slot, refuses a taken one, and frees it on cancel', async () => {
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    const [slot] = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 1));
    const ann = await createStudent(t);
    const bob = await createStudent(t);

    const booked = await bookingRequest(t, ann.token, { slotId: slot.id }).expect(201);
    expect(booked.body).toMatchObject({ slotId: slot.id, status: 'confirmed', student: { id: ann.id }, volunteer: { id: volunteer.id } });

    const taken = await bookingRequest(t, bob.token, { slotId: slot.id }).expect(409);
    expect(taken.body).toMatchObject({ statusCode: 409, code: 'SLOT_TAKEN' });

    await t.http().delete(`/api/bookings/${booked.body.id}`).auth(ann.token, { type: 'bearer' }).expect(200);
    await bookingRequest(t, bob.token, { slotId: slot.id }).expect(201);
  });
});
