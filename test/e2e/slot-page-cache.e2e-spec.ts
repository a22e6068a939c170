import { Client } from 'pg';
import { createBooking, createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { useTestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

type Page = { items: { id: string; available: boolean }[] };

/** Students asking for the same slot page within SLOT_PAGE_CACHE_MS share one answer (SlotsService.list). */
describe('shared slot pages', () => {
  describe('within the time', () => {
    const t = useTestApp({ SLOT_PAGE_CACHE_MS: '60000' });
    const page = async (token: string, eventId: string, query: Record<string, unknown> = {}) =>
      (await t.http().get(`/api/events/${eventId}/slots`).query({ limit: 50, ...query }).auth(token, { type: 'bearer' }).expect(200)).body as Page;

    it('serves a student the page another student read, while staff and volunteers read afresh', async () => {
      const event = await createEvent(t);
      const volunteer = await createVolunteer(t);
      const [slot] = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 1));
      const [ann, bob] = [await createStudent(t), await createStudent(t)];
      expect((await page(ann.token, event.id)).items.find((s) => s.id === slot.id)?.available).toBe(true);

      await createBooking(t, bob.token, { slotId: slot.id });
      // The same page: the answer shared since before the booking.
      expect((await page(ann.token, event.id)).items.find((s) => s.id === slot.id)?.available).toBe(true);
      // Another page (other filters) is read now; so are staff's and the volunteer's.
      expect((await page(ann.token, event.id, { available: false })).items.map((s) => s.id)).toEqual([slot.id]);
      expect((await page(await t.staffToken(), event.id)).items.find((s) => s.id === slot.id)?.available).toBe(false);
      expect((await page(volunteer.token, event.id)).items.find((s) => s.id === slot.id)?.available).toBe(false);
    });

    it('reads a page once for students asking at the same moment', async () => {
      const event = await createEvent(t);
      const volunteer = await createVolunteer(t);
      await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 2));
      const students = await Promise.all([1, 2, 3, 4, 5, 6].map(() => createStudent(t)));
      const original = Client.prototype.query;
      let reads = 0;
      Client.prototype.query = function (this: Client, ...args: unknown[]) {
        const config = args[0] as { name?: string } | string;
        if (typeof config === 'object' && config.name?.startsWith('slots.page-of-event:')) reads++;
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof Client.prototype.query;
      try {
        const pages = await Promise.all(students.map((s) => page(s.token, event.id, { limit: 3 })));
        expect(new Set(pages.map((p) => JSON.stringify(p))).size).toBe(1);
        expect(reads).toBe(1);
      } finally {
        Client.prototype.query = original;
      }
    });

    it('still decides per student who may see the event', async () => {
      const draft = await createEvent(t, { publish: false });
      const volunteer = await createVolunteer(t);
      await createSlots(t, draft.id, volunteer.id, draft.startsAt, hoursAfter(draft.startsAt, 1));
      const student = await createStudent(t);
      await t.http().get(`/api/events/${draft.id}/slots`).auth(student.token, { type: 'bearer' }).expect(404);
      await t.http().get(`/api/events/${draft.id}/slots`).auth(student.token, { type: 'bearer' }).expect(404);
      expect((await page(await t.staffToken(), draft.id)).items).toHaveLength(2);
    });
  });

  describe('after the time', () => {
    const t = useTestApp({ SLOT_PAGE_CACHE_MS: '200' });

    it('shows a booking once the shared answer is older than SLOT_PAGE_CACHE_MS', async () => {
      const event = await createEvent(t);
      const volunteer = await createVolunteer(t);
      const [slot] = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 1));
      const [ann, bob] = [await createStudent(t), await createStudent(t)];
      const available = async () =>
        ((await t.http().get(`/api/events/${event.id}/slots`).auth(ann.token, { type: 'bearer' }).expect(200)).body as Page).items.find((s) => s.id === slot.id)
          ?.available;
      expect(await available()).toBe(true);
      await createBooking(t, bob.token, { slotId: slot.id });
      await waitFor(async () => (await available()) === false);
    });
  });
});
