import { randomUUID } from 'node:crypto';
import { QueueName } from '../../src/queue/jobs';
import { createEvent, createStudent } from '../support/factories';
import { PageClient } from '../support/pages';
import { servedRoutes } from '../support/routes';
import { ADMIN, bearer, useTestApp } from '../support/test-app';

/** What a `desk` account may call: checking students in and marking attendance, nothing else. */
const DESK_ALLOWED = new Set(['POST /api/events/:eventId/check-ins', 'POST /api/bookings/:id/attendance']);
/** What only admins may call: staff accounts. */
const ADMIN_ONLY = ['POST /api/staff', 'GET /api/staff', 'PATCH /api/staff/:id'];

describe('staff roles (issue 13)', () => {
  const t = useTestApp();
  const login = (email: string, password: string) => t.http().post('/api/auth/login').send({ email, password });

  async function account(role: 'admin' | 'staff' | 'desk') {
    const admin = await t.staffToken();
    const body = { name: `A ${role}`, email: `${role}-${randomUUID().slice(0, 8)}@fairgrid.test`, password: 'a-long-enough-password', role };
    const created = await t.http().post('/api/staff').set(bearer(admin)).send(body).expect(201);
    const token = (await login(body.email, body.password).expect(200)).body.accessToken as string;
    return { id: created.body.id as string, email: body.email, password: body.password, token };
  }

  it('made the accounts that existed admins, and new ones staff unless told', async () => {
    const res = await login(ADMIN.email, ADMIN.password).expect(200);
    expect(res.body).toMatchObject({ role: 'staff', staffRole: 'admin' });
    const admin = await t.staffToken();
    const created = await t.http().post('/api/staff').set(bearer(admin)).send({ name: 'Plain', email: 'plain@fairgrid.test', password: 'a-long-enough-password' }).expect(201);
    expect(created.body).toMatchObject({ role: 'staff', disabled: false });
    const list = await t.http().get('/api/staff').set(bearer(admin)).expect(200);
    expect(list.body.map((s: { email: string; role: string }) => [s.email, s.role])).toEqual(expect.arrayContaining([[ADMIN.email, 'admin'], ['plain@fairgrid.test', 'staff']]));
  });

  it('refuses a desk account every endpoint but check-in and attendance, before reading anything', async () => {
    const desk = await account('desk');
    const routes = servedRoutes(t).filter((r) => !r.isPublic && !DESK_ALLOWED.has(r.expressKey));
    expect(routes.length).toBeGreaterThan(40);
    for (const route of routes) {
      const path = route.path.replace(/\{(\w+)\}/g, () => randomUUID());
      const res = await t.http()[route.method as 'get'](path).set(bearer(desk.token)).send({});
      expect({ route: route.key, status: res.status, code: res.body.code }).toEqual({ route: route.key, status: 403, code: 'FORBIDDEN' });
    }
  });

  it('lets a desk account check a student in by their code', async () => {
    const desk = await account('desk');
    const event = await createEvent(t);
    const student = await createStudent(t);
    const code = (await t.http().get(`/api/events/${event.id}/check-in-code`).set(bearer(student.token)).expect(200)).body.checkInCode;
    await t.http().post(`/api/events/${event.id}/check-ins`).set(bearer(desk.token)).send({ code }).expect(201);
    await t.http().post(`/api/events/${event.id}/check-ins`).set(bearer(desk.token)).send({ code }).expect(200);
  });

  it('keeps staff accounts to admins', async () => {
    const staff = await account('staff');
    for (const key of ADMIN_ONLY) {
      const [method, path] = key.split(' ');
      const res = await t.http()[method.toLowerCase() as 'get'](path.replace(':id', staff.id)).set(bearer(staff.token)).send({ role: 'admin' });
      expect({ key, status: res.status }).toEqual({ key, status: 403 });
    }
    await t.http().get('/api/events').set(bearer(staff.token)).expect(200);
  });

  it('applies a changed role and a disabled account at once, to tokens already issued', async () => {
    const admin = await t.staffToken();
    const desk = await account('desk');
    await t.http().get('/api/students').set(bearer(desk.token)).expect(403);
    await t.http().patch(`/api/staff/${desk.id}`).set(bearer(admin)).send({ role: 'staff' }).expect(200);
    await t.http().get('/api/students').set(bearer(desk.token)).expect(200);
    const disabled = await t.http().patch(`/api/staff/${desk.id}`).set(bearer(admin)).send({ disabled: true }).expect(200);
    expect(disabled.body).toMatchObject({ role: 'staff', disabled: true });
    await t.http().get('/api/students').set(bearer(desk.token)).expect(401);
    await login(desk.email, desk.password).expect(401);
    await t.http().patch(`/api/staff/${desk.id}`).set(bearer(admin)).send({ disabled: false }).expect(200);
    await login(desk.email, desk.password).expect(200);
  });

  it('always leaves one enabled admin, also when two admins demote each other at once', async () => {
    const [a, b] = await Promise.all([account('admin'), account('admin')]);
    const [first] = await t.db.query(`SELECT id FROM staff WHERE email = $1`, [ADMIN.email]);
    await t.http().patch(`/api/staff/${first.id}`).set(bearer(a.token)).send({ role: 'staff' }).expect(200);
    const answers = await Promise.all([
      t.http().patch(`/api/staff/${b.id}`).set(bearer(a.token)).send({ role: 'desk' }),
      t.http().patch(`/api/staff/${a.id}`).set(bearer(b.token)).send({ disabled: true }),
    ]);
    // One goes through; the other finds itself the last admin (409), or no admin any more (403).
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect([[409], [403]]).toContainEqual(answers.map((r) => r.status).filter((s) => s !== 200));
    for (const r of answers.filter((r) => r.status === 409)) expect(r.body.code).toBe('LAST_ADMIN');
    const [{ admins }] = await t.db.query(`SELECT count(*)::int AS admins FROM staff WHERE role = 'admin' AND disabled_at IS NULL`);
    expect(admins).toBe(1);
    // Restore the first account for the other tests.
    const [left] = await t.db.query(`SELECT id FROM staff WHERE role = 'admin' AND disabled_at IS NULL`);
    const leftToken = await t.tokenFor('staff', left.id);
    const restored = await t.http().patch(`/api/staff/${first.id}`).set(bearer(leftToken)).send({ role: 'admin' }).expect(200);
    expect(restored.body.role).toBe('admin');
  });

  it('shows the queue dashboard to signed-in admin and staff accounts only', async () => {
    const visitor = await t.http().get('/api/admin/queues');
    expect(visitor.status).toBe(303);
    expect(visitor.headers.location).toBe('/?next=%2Fapi%2Fadmin%2Fqueues');
    const bearerOnly = await t.http().get('/api/admin/queues').set(bearer(await t.staffToken()));
    expect(bearerOnly.status).toBe(303);
    const [desk, staff] = await Promise.all([account('desk'), account('staff')]);
    const deskPage = await PageClient.signedIn(t, { role: 'staff', id: desk.id });
    expect((await deskPage.get('/api/admin/queues')).status).toBe(403);
    expect((await deskPage.get('/api/admin/queues/api/queues')).status).toBe(403);
    const student = await PageClient.signedIn(t, { role: 'student', id: (await t.db.query(`INSERT INTO students (name, email) VALUES ('S', 's-board@example.edu') RETURNING id`))[0].id });
    expect((await student.get('/api/admin/queues')).status).toBe(403);
    const staffPage = await PageClient.signedIn(t, { role: 'staff', id: staff.id });
    const ui = await staffPage.get('/api/admin/queues');
    expect(ui.status).toBe(200);
    expect(ui.headers['content-security-policy']).toContain("script-src 'self'");
    const queues = await staffPage.get('/api/admin/queues/api/queues');
    expect(queues.status).toBe(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(Object.values(QueueName).sort());
  });

  it('refuses to demote the only admin', async () => {
    const admin = await t.staffToken();
    const [first] = await t.db.query(`SELECT id FROM staff WHERE email = $1`, [ADMIN.email]);
    const admins: { id: string }[] = await t.db.query(`SELECT id FROM staff WHERE role = 'admin' AND disabled_at IS NULL AND id <> $1`, [first.id]);
    for (const other of admins) await t.http().patch(`/api/staff/${other.id}`).set(bearer(admin)).send({ role: 'staff' }).expect(200);
    const res = await t.http().patch(`/api/staff/${first.id}`).set(bearer(admin)).send({ disabled: true }).expect(409);
    expect(res.body.code).toBe('LAST_ADMIN');
  });
});
