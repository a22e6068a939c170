import { Client } from 'pg';
import { bookingRequest, createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * Pins how many statements the hot paths send to PostgreSQL: when booking opens, each round
 * trip costs the API a socket write and PostgreSQL a wake-up per request, so a change that adds
 * one shows up here as a failing test rather than as a slower benchmark weeks later. Counted
 * at pg's Client#query, through which TypeORM and the prepared statements both go; the app
 * runs as role `api`, so no worker loop queries meanwhile.
 */
describe('database round trips per request', () => {
  let t: TestApp;
  let queries: string[] = [];
  let announcements = 0;
  const original = Client.prototype.query;

  beforeAll(async () => {
    t = await createTestApp({ FAIRGRID_ROLE: 'api' });
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const config = args[0] as string | { text?: string; name?: string };
      const name = typeof config === 'string' ? config : (config.name ?? config.text ?? '?');
      queries.push(name);
      if (name === 'booking-changes.announce') announcements++;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof Client.prototype.query;
  });
  afterAll(async () => {
    Client.prototype.query = original;
    await t.close();
  });

  const ANNOUNCE = 'booking-changes.announce';
  /** The auth guard's check that the token's account still exists (a prepared primary-key lookup). */
  const STUDENT_CHECK = 'auth.exists-in-students';

  /**
   * The statements one request sent, once things settled. A new booking's announcement to the
   * invite relay (coalesced per process, shared by every booking of a burst) is counted apart,
   * as is the account-deletion listener's LISTEN (its own connection, once per process).
   */
  async function statementsOf(request: () => Promise<unknown>): Promise<string[]> {
    queries = [];
    await request();
    return queries.filter((q) => q !== ANNOUNCE && !q.startsWith('LISTEN '));
  }

  /** Until the app hears account deletions, every request looks its account up; then one lookup is believed. */
  async function accountSeen(token: string): Promise<void> {
    await waitFor(async () => !(await statementsOf(() => t.http().get('/api/students/me').auth(token, { type: 'bearer' }).expect(200))).includes(STUDENT_CHECK));
  }

  it('looks a student account up once, then believes it until PostgreSQL announces its deletion', async () => {
    const student = await createStudent(t);
    const me = () => t.http().get('/api/students/me').auth(student.token, { type: 'bearer' });
    await accountSeen(student.token);
    expect(await statementsOf(() => me().expect(200))).not.toContain(STUDENT_CHECK);
    await t.db.query(`DELETE FROM students WHERE id = $1`, [student.id]);
    await waitFor(async () => (await me()).status === 401);
    expect(await statementsOf(() => me().expect(401))).toEqual([STUDENT_CHECK]);
  });

  it('a booking is one statement, with or without an Idempotency-Key, taken or not, first answer or replay', async () => {
    const event = await createEvent(t, { maxBookingsPerStudent: 2 });
    // Three volunteers, three organizations: a student may hold one interview per organization.
    const [first, second, third] = await Promise.all(
      [0, 1, 2].map(async (hour) => {
        const [slot] = await createSlots(t, event.id, (await createVolunteer(t)).id, hoursAfter(event.startsAt, hour), hoursAfter(event.startsAt, hour + 1));
        return slot;
      }),
    );
    const [ann, bob] = [await createStudent(t), await createStudent(t)];
    for (const student of [ann, bob]) await accountSeen(student.token);
    const book = (token: string, slotId: string, key?: string) => bookingRequest(t, token, { slotId }, key);

    expect(await statementsOf(() => book(ann.token, first.id).expect(201))).toEqual(['bookings.claim']);
    expect(await statementsOf(() => book(ann.token, second.id, 'k-1').expect(201))).toEqual(['bookings.claim-with-key']);
    expect(await statementsOf(() => book(ann.token, second.id, 'k-1').expect(201))).toEqual(['bookings.claim-with-key']);
    expect(await statementsOf(() => book(bob.token, first.id, 'k-2').expect(409))).toEqual(['bookings.claim-with-key']);
    expect(await statementsOf(() => book(bob.token, first.id).expect(409))).toEqual(['bookings.claim']);
    expect(await statementsOf(() => book(ann.token, third.id).expect(422))).toEqual(['bookings.claim']);
    // One announcement per new booking here (two, a burst would share one), none for refusals or the replay.
    await waitFor(() => announcements === 2);
    expect(announcements).toBe(2);
  });

  it('the slot page, my interviews and the event page are one prepared statement each', async () => {
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 2));
    const student = await createStudent(t);
    await accountSeen(student.token);
    const get = (path: string) => t.http().get(path).auth(student.token, { type: 'bearer' }).expect(200);

    expect(await statementsOf(() => get(`/api/events/${event.id}/slots?limit=2`))).toEqual([expect.stringMatching(/^slots\.page-of-event:/)]);
    expect(await statementsOf(() => get('/api/bookings/me'))).toEqual(['bookings.views-of-student']);
    expect(await statementsOf(() => get(`/api/events/${event.id}`))).toEqual(['events.by-id']);
  });
});
