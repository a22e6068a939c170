import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { pgConstraint, pgErrorCode } from '../../src/common/errors/pg-errors';
import { createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The booking invariants under a real rush: many HTTP requests in flight at once against a
 * listening server, then the database itself is asked whether any invariant broke.
 */

describe('booking concurrency', () => {
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp();
    // A real listening socket: supertest would otherwise listen anew for every request. The
    // backlog holds the whole burst so the kernel never refuses a connection.
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  interface Answer {
    status: number;
    body: { id?: string; code?: string; slotId?: string; student?: { id: string } };
    replayed: boolean;
  }

  /** One POST /api/bookings over the socket; resolves with what came back, never rejects on 4xx/5xx. */
  async function book(token: string, slotId: string, idempotencyKey?: string): Promise<Answer> {
    const req = request(baseUrl).post('/api/bookings').auth(token, { type: 'bearer' });
    if (idempotencyKey) req.set('Idempotency-Key', idempotencyKey);
    const res = await req.send({ slotId });
    return { status: res.status, body: res.body as Answer['body'], replayed: res.headers['idempotent-replayed'] === 'true' };
  }

  /** Creates `count` students with one CSV import and mints their tokens. */
  async function importStudents(count: number): Promise<{ id: string; token: string }[]> {
    const batch = randomUUID().slice(0, 8);
    const lines = Array.from({ length: count }, (_, i) => `Rush Student ${i},rush-${batch}-${i}@example.edu,R${i},Economics,2027`);
    const csv = ['name,email,studentNumber,major,graduationYear', ...lines].join('\n');
    const res = await t
      .http()
      .post('/api/students/import')
      .auth(await t.staffToken(), { type: 'bearer' })
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(200);
    expect(res.body).toMatchObject({ total: count });
    const rows: { id: string }[] = await t.db.query(`SELECT id FROM students WHERE email LIKE $1 ORDER BY email`, [`rush-${batch}-%`]);
    expect(rows).toHaveLength(count);
    return Promise.all(rows.map(async ({ id }) => ({ id, token: await t.tokenFor('student', id) })));
  }

  const countBy = <T>(items: T[], key: (item: T) => string) =>
    items.reduce<Record<string, number>>((acc, item) => ({ ...acc, [key(item)]: (acc[key(item)] ?? 0) + 1 }), {});

  it('200 students racing for one slot: exactly one wins, 199 get SLOT_TAKEN, no 5xx', async () => {
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    const [slot] = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 1));
    const students = await importStudents(200);

    const answers = await Promise.all(students.map((s) => book(s.token, slot.id)));

    expect(countBy(answers, (a) => `${a.status} ${a.body.code ?? ''}`.trim())).toEqual({ '201': 1, '409 SLOT_TAKEN': 199 });
    const winner = answers.find((a) => a.status === 201)!;
    const rows: { id: string; student_id: string }[] = await t.db.query(
      `SELECT id, student_id FROM bookings WHERE slot_id = $1 AND status = 'confirmed'`,
      [slot.id],
    );
    expect(rows).toEqual([{ id: winner.body.id, student_id: winner.body.student!.id }]);
  });

  it('500 students racing for 100 slots, 2 bookings each: no double booking, overlap or limit breach', async () => {
    const maxBookings = 2;
    const event = await createEvent(t, { maxBookingsPerStudent: maxBookings });
    // 4 volunteers on the hour and half hour, 2 shifted by 15 minutes (partial overlaps across
    // volunteers), 1 for three hours: 64 + 30 + 6 = 100 slots of 30 minutes.
    const windows: [number, number][] = [[0, 8], [0, 8], [0, 8], [0, 8], [0.25, 7.75], [0.25, 7.75], [1, 4]];
    // Each volunteer is an organization of their own: a second interview with one is refused too.
    const volunteerOf = new Map<string, string>();
    const slots = (
      await Promise.all(
        windows.map(async ([from, to]) => {
          const volunteer = await createVolunteer(t);
          const own = await createSlots(t, event.id, volunteer.id, hoursAfter(event.startsAt, from), hoursAfter(event.startsAt, to));
          own.forEach((slot) => volunteerOf.set(slot.id, volunteer.id));
          return own;
        }),
      )
    ).flat();
    expect(slots).toHaveLength(100);
    const slotById = new Map(slots.map((slot) => [slot.id, { startsAt: Date.parse(slot.startsAt), endsAt: Date.parse(slot.endsAt) }]));
    const students = await importStudents(500);

    // Each student fires 3 or 4 attempts at distinct random slots, all students at once.
    const attempts = students.flatMap((s, i) =>
      pickDistinct(slots.length, 3 + (i % 2)).map((slotIndex) => ({ studentId: s.id, token: s.token, slotId: slots[slotIndex].id })),
    );
    const answers = await Promise.all(attempts.map((a) => book(a.token, a.slotId)));

    const outcomes = countBy(answers, (a) => `${a.status} ${a.body.code ?? ''}`.trim());
    const allowed = ['201', '409 SLOT_TAKEN', '409 BOOKING_OVERLAP', '422 BOOKING_LIMIT', '409 ORGANIZATION_ALREADY_BOOKED'];
    expect(Object.keys(outcomes).filter((o) => !allowed.includes(o))).toEqual([]);
    expect(outcomes['409 SLOT_TAKEN']).toBeGreaterThan(0);

    const confirmed: { id: string; slot_id: string; student_id: string }[] = await t.db.query(
      `SELECT id, slot_id, student_id FROM bookings WHERE event_id = $1 AND status = 'confirmed'`,
      [event.id],
    );
    // Every 201 is a confirmed row for that student and slot, and every row was answered 201 once.
    const created = answers.flatMap((a, i) => (a.status === 201 ? [{ id: a.body.id, slot_id: attempts[i].slotId, student_id: attempts[i].studentId }] : []));
    const byId = (rows: { id?: string }[]) => [...rows].sort((a, b) => (a.id! < b.id! ? -1 : 1));
    expect(created.length).toBeGreaterThan(0);
    expect(byId(created)).toEqual(byId(confirmed));
    expect(new Set(created.map((c) => c.id)).size).toBe(created.length);

    // Every refusal is borne out by the final state (nothing is cancelled, so a true one stays true).
    const holder = new Map(confirmed.map((c) => [c.slot_id, c.student_id]));
    const held = (studentId: string) => confirmed.filter((c) => c.student_id === studentId).map((c) => slotById.get(c.slot_id)!);
    const untrue = answers.flatMap((a, i) => {
      const { studentId, slotId } = attempts[i];
      const slot = slotById.get(slotId)!;
      const truth: Record<string, boolean> = {
        SLOT_TAKEN: holder.has(slotId) && holder.get(slotId) !== studentId,
        BOOKING_OVERLAP: held(studentId).some((h) => h.startsAt < slot.endsAt && slot.startsAt < h.endsAt),
        BOOKING_LIMIT: held(studentId).length === maxBookings,
        ORGANIZATION_ALREADY_BOOKED: confirmed.some((c) => c.student_id === studentId && volunteerOf.get(c.slot_id) === volunteerOf.get(slotId)),
      };
      return a.status !== 201 && !truth[a.body.code!] ? [{ ...attempts[i], token: undefined, code: a.body.code }] : [];
    });
    expect(untrue).toEqual([]);

    const sameOrganization = confirmed.filter((c, i) =>
      confirmed.some((d, j) => j < i && d.student_id === c.student_id && volunteerOf.get(d.slot_id) === volunteerOf.get(c.slot_id)),
    );
    expect(sameOrganization).toEqual([]);
    const doubleBooked = await t.db.query(
      `SELECT slot_id FROM bookings WHERE event_id = $1 AND status = 'confirmed' GROUP BY slot_id HAVING count(*) > 1`,
      [event.id],
    );
    const overlapping = await t.db.query(
      `SELECT a.id, b.id FROM bookings a JOIN bookings b
          ON a.student_id = b.student_id AND a.id < b.id
         AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
       WHERE a.event_id = $1 AND a.status = 'confirmed' AND b.status = 'confirmed'`,
      [event.id],
    );
    const overLimit = await t.db.query(
      `SELECT student_id FROM bookings WHERE event_id = $1 AND status = 'confirmed' GROUP BY student_id HAVING count(*) > $2`,
      [event.id, maxBookings],
    );
    expect({ doubleBooked, overlapping, overLimit }).toEqual({ doubleBooked: [], overlapping: [], overLimit: [] });
  });

  it('the same Idempotency-Key fired 20 times at once books once and answers alike', async () => {
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    const [slot, other] = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 1));
    const student = await createStudent(t);
    const key = randomUUID();

    const answers = await Promise.all(Array.from({ length: 20 }, () => book(student.token, slot.id, key)));

    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    const [first] = answers;
    for (const answer of answers) expect(answer.body).toEqual(first.body);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    const rows: { id: string }[] = await t.db.query(`SELECT id FROM bookings WHERE student_id = $1`, [student.id]);
    expect(rows).toEqual([{ id: first.body.id }]);

    const replay = await book(student.token, slot.id, key);
    expect(replay).toEqual({ status: 201, body: first.body, replayed: true });
    const reused = await book(student.token, other.id, key);
    expect(reused).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await t.db.query(`SELECT count(*)::int AS n FROM bookings WHERE student_id = $1`, [student.id])).toEqual([{ n: 1 }]);
  });

  it('PostgreSQL itself refuses a double booking, an overlap and a reused booking number', async () => {
    const event = await createEvent(t, { maxBookingsPerStudent: 3 });
    // Without an organization, so a second interview with Ann is the database's to allow.
    const ann = await createVolunteer(t, { organization: '' });
    const ben = await createVolunteer(t, { organization: '' });
    const annSlots = await createSlots(t, event.id, ann.id, event.startsAt, hoursAfter(event.startsAt, 2));
    const benSlots = await createSlots(t, event.id, ben.id, hoursAfter(event.startsAt, 0.25), hoursAfter(event.startsAt, 2));
    const student = await createStudent(t);
    const booked = await book(student.token, annSlots[0].id);
    expect(booked.status).toBe(201);
    const rivals = await importStudents(20);

    /** Inserts a confirmed booking straight into the table, bypassing the service. */
    const insert = (slot: { id: string; startsAt: string; endsAt: string }, volunteerId: string, studentId: string, bookingNumber: number) =>
      t.db
        .query(
          `INSERT INTO bookings (event_id, slot_id, volunteer_id, student_id, starts_at, ends_at, booking_number)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [event.id, slot.id, volunteerId, studentId, slot.startsAt, slot.endsAt, bookingNumber],
        )
        .then(
          () => 'inserted',
          (error: unknown) => `${pgErrorCode(error)} ${pgConstraint(error)}`,
        );

    // A rival takes the booked slot: one confirmed booking per slot.
    expect(await insert(annSlots[0], ann.id, rivals[0].id, 1)).toBe('23505 bookings_slot_confirmed_unique');
    // The student takes Ben's 09:15 slot, which overlaps their 09:00 one.
    expect(await insert(benSlots[0], ben.id, student.id, 2)).toBe('23P01 bookings_student_no_overlap');
    // The student takes a free, non-overlapping slot under a booking number they already hold.
    expect(await insert(annSlots[2], ann.id, student.id, 1)).toBe('23505 bookings_student_number_unique');
    // The same insert with a fresh number is fine: the constraints refuse only what they must.
    expect(await insert(annSlots[2], ann.id, student.id, 2)).toBe('inserted');

    // Plain INSERTs racing on separate connections, as many API processes would: one wins.
    const race = await Promise.all(rivals.map((rival) => insert(annSlots[3], ann.id, rival.id, 1)));
    expect(countBy(race, (r) => r)).toEqual({ inserted: 1, '23505 bookings_slot_confirmed_unique': rivals.length - 1 });

    const rows: { slot_id: string }[] = await t.db.query(
      `SELECT slot_id FROM bookings WHERE event_id = $1 AND status = 'confirmed' ORDER BY starts_at`,
      [event.id],
    );
    expect(rows.map((r) => r.slot_id)).toEqual([annSlots[0].id, annSlots[2].id, annSlots[3].id]);
  });
});

/** `count` distinct indexes in [0, size), uniformly at random. */
function pickDistinct(size: number, count: number): number[] {
  const picked = new Set<number>();
  while (picked.size < count) picked.add(Math.floor(Math.random() * size));
  return [...picked];
}
