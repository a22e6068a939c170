import type { Response } from 'supertest';
import { ADMIN, createTestApp, TestApp } from '../support/test-app';
import { createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { PrivatePostgres } from '../support/private-services';
import { waitFor } from '../support/wait-for';

/**
 * PostgreSQL crashes and comes back under a running app (a private cluster: the shared one is
 * never touched). Requests fail fast with a retryable 503, and the app recovers by itself.
 */
describe('PostgreSQL outage', () => {
  let pg: PrivatePostgres;
  let t: TestApp;
  beforeAll(async () => {
    pg = await PrivatePostgres.start();
    t = await createTestApp({}, { adminDatabaseUrl: pg.adminUrl });
  });
  afterAll(async () => {
    await t?.close();
    await pg?.destroy();
  });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After at once while it is down; an Idempotency-Key retry after it is back books once', async () => {
    const staff = await t.staffToken();
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    const [slot] = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 1));
    const student = await createStudent(t);
    const book = () => t.http().post('/api/bookings').auth(student.token, { type: 'bearer' }).set('Idempotency-Key', 'during-the-outage').send({ slotId: slot.id });

    await pg.stop('immediate');
    let slowest = 0;
    const calls: [string, () => Promise<Response>][] = [
      ['a booking with an Idempotency-Key', book],
      ['a staff list', () => t.http().get('/api/events').auth(staff, { type: 'bearer' })],
      ['a student reading their record', () => t.http().get('/api/students/me').auth(student.token, { type: 'bearer' })],
      ['staff sign-in', () => t.http().post('/api/auth/login').send(ADMIN)],
      ['a sign-in mail', () => t.http().post('/api/auth/magic-link').send({ email: student.email })],
    ];
    for (const [what, call] of calls) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const started = performance.now();
        const res = await call();
        const ms = performance.now() - started;
        slowest = Math.max(slowest, ms);
        expect({ what, status: res.status, code: res.body.code, retryAfter: res.headers['retry-after'] }).toEqual({
          what,
          status: 503,
          code: 'DATABASE_UNAVAILABLE',
          retryAfter: '5',
        });
        expect(res.body.requestId).toEqual(expect.any(String));
        expect(res.text).not.toMatch(/ECONNREFUSED|Connection terminated|stack/);
        // Fast: refused connections, not a wait for the pool's 5 s connect timeout.
        expect({ what, fast: ms < 2_500 }).toEqual({ what, fast: true });
      }
    }
    const health = await t.http().get('/api/health').expect(503);
    expect(health.body).toMatchObject({ status: 'degraded', postgres: { status: 'down' }, redis: { status: 'up' } });

    const restarted = performance.now();
    await pg.start();
    await waitFor(async () => (await t.http().get('/api/events').auth(staff, { type: 'bearer' })).status === 200, 30_000);
    const recoveryMs = performance.now() - restarted;
    process.stdout.write(
      `fault figures: PostgreSQL down → 503 in ${Math.round(slowest)} ms at most (10 requests); back → first 200 in ${Math.round(recoveryMs)} ms (includes the cluster's own start)\n`,
    );

    const first = await book().expect(201);
    const replay = await book().expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM bookings WHERE student_id = $1`, [student.id]);
    expect(n).toBe(1);
  });
});
