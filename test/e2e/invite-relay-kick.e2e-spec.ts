import { Client } from 'pg';
import { bookingRequest, createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * Far beyond what a test waits: a mail within KICKED_MS came from the kick, not a poll. The
 * kick usually takes ~50 ms; the margin is for a loaded CI machine, and still a third of a poll.
 */
const POLL_MS = '60000';
const KICKED_MS = 20_000;

const LISTENER_PID = `SELECT pid FROM pg_stat_activity WHERE application_name = 'fairgrid-invite-relay' AND datname = current_database()`;

describe('invite relay kicked by PostgreSQL NOTIFY (bookings announce their changes)', () => {
  let t: TestApp;
  let book: (i: number) => Promise<{ id: string; studentEmail: string }>;
  let cancel: (id: string) => Promise<unknown>;
  let volunteerEmail: string;
  let eventId: string;

  beforeAll(async () => {
    t = await createTestApp({ INVITE_RELAY_INTERVAL_MS: POLL_MS });
    const event = await createEvent(t, { slotMinutes: 15 });
    eventId = event.id;
    const volunteer = await createVolunteer(t);
    volunteerEmail = volunteer.email;
    const slots = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 4));
    const staff = await t.staffToken();
    book = async (i) => {
      const student = await createStudent(t);
      const res = await bookingRequest(t, staff, { slotId: slots[i].id, studentId: student.id }).expect(201);
      return { id: res.body.id as string, studentEmail: student.email };
    };
    cancel = (id) => t.http().delete(`/api/bookings/${id}`).auth(staff, { type: 'bearer' }).expect(200);
    // Both loops' first passes (at start) are over: from now on only a kick sends.
    await waitFor(async () => (await t.db.query(LISTENER_PID)).length === 1);
  });
  afterAll(async () => {
    await t?.close();
  });

  const received = (email: string, method: 'REQUEST' | 'CANCEL') => t.smtp.to(email).filter((m) => m.raw.includes(`METHOD:${method}`)).length;

  it('sends the invites of a booking at once, not on the next poll', async () => {
    const started = Date.now();
    const { studentEmail } = await book(0);
    await waitFor(() => received(studentEmail, 'REQUEST') === 1 && received(volunteerEmail, 'REQUEST') === 1, KICKED_MS);
    expect(Date.now() - started).toBeLessThan(KICKED_MS);
  });

  it('sends a cancel made right after the booking as soon as the invite it waits for is sent', async () => {
    const { id, studentEmail } = await book(1);
    await cancel(id);
    await waitFor(() => received(studentEmail, 'CANCEL') === 1 && received(volunteerEmail, 'CANCEL') === 1, KICKED_MS);
    expect(received(studentEmail, 'REQUEST')).toBe(1);
  });

  it('listens again after its connection is killed, catching up on what was missed', async () => {
    const [{ pid }] = await t.db.query(LISTENER_PID);
    const [{ killed }] = await t.db.query(`SELECT pg_terminate_backend($1) AS killed`, [pid]);
    expect(killed).toBe(true);
    // Booked while the listener may be away: the reconnect's catch-up pass sends it.
    const missed = await book(2);
    await waitFor(() => received(missed.studentEmail, 'REQUEST') === 1, 10_000);
    const [again] = await waitFor(async () => {
      const rows: { pid: number }[] = await t.db.query(LISTENER_PID);
      return rows.length === 1 && rows[0].pid !== pid && rows;
    }, 10_000);
    expect(again.pid).not.toBe(pid);

    const started = Date.now();
    const { studentEmail } = await book(3);
    await waitFor(() => received(studentEmail, 'REQUEST') === 1, KICKED_MS);
    expect(Date.now() - started).toBeLessThan(KICKED_MS);
  });

  it('announces booking changes once per transaction, after its commit, however many change rows it writes', async () => {
    // What the allocation publish and event edits rely on: a bulk write wakes the relays once.
    const listener = new Client({ connectionString: t.env.DATABASE_URL });
    await listener.connect();
    try {
      const announced: string[] = [];
      listener.on('notification', (n) => announced.push(n.channel));
      await listener.query('LISTEN booking_changes');
      const booked = [await book(4), await book(5), await book(6)];
      await waitFor(() => booked.every((b) => received(b.studentEmail, 'REQUEST') === 1));
      const before = announced.length;
      expect(before).toBeGreaterThanOrEqual(1);
      // A new name is an update of all three invites: three change rows, one transaction.
      await t.http().patch(`/api/events/${eventId}`).auth(await t.staffToken(), { type: 'bearer' }).send({ name: 'Renamed day' }).expect(200);
      await waitFor(() => booked.every((b) => received(b.studentEmail, 'REQUEST') === 2), KICKED_MS);
      expect(announced.length - before).toBe(1);
    } finally {
      await listener.end();
    }
  });

  it('no longer notifies from a trigger in the booking transaction', async () => {
    const [row] = await t.db.query(`SELECT count(*)::int AS n FROM pg_trigger WHERE tgname = 'booking_changes_kick_relay'`);
    expect(row.n).toBe(0);
  });
});
