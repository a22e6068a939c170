import { createStudent } from '../support/factories';
import { ADMIN, createTestApp, TestApp } from '../support/test-app';

/** Waits out a Retry-After the server stated (whole seconds, rounded up), plus a margin. */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms + 150));

/** Clients are told apart by address; behind the loopback proxy that is X-Forwarded-For. */
const client = (n: number) => ({ 'X-Forwarded-For': `203.0.113.${n}` });

describe('rate limits', () => {
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    t = await createTestApp({
      RATE_LIMIT_SIGN_IN_PER_CLIENT: '8/1m',
      RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '12/1m',
      RATE_LIMIT_FAILURES_BEFORE_DELAY: '3',
      RATE_LIMIT_EXPENSIVE_PER_CALLER: '3/1m',
    });
    staff = await t.staffToken();
  });
  afterAll(() => t.close());

  const login = (n: number, password: string, email = ADMIN.email) => t.http().post('/api/auth/login').set(client(n)).send({ email, password });
  const expect429 = (res: { status: number; body: { code: string }; headers: Record<string, string> }) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    return Number(res.headers['retry-after']);
  };

  it('wrong staff passwords: after 3 failures each try waits twice as long, from any client, even with the right password', async () => {
    const account = 'victim@fairgrid.test';
    await t.http().post('/api/staff').auth(staff, { type: 'bearer' }).send({ name: 'Victim', email: account, password: 'the-right-password', role: 'admin' }).expect(201);
    for (let i = 0; i < 3; i++) await login(10 + i, 'wrong-password-1', account).expect(401);
    // The fourth try, from yet another address and with the right password, must wait.
    expect(expect429(await login(20, 'the-right-password', account))).toBe(1);
    // Once the second is over, a fourth failure doubles the wait.
    await pause(1_000);
    await login(21, 'wrong-password-2', account).expect(401);
    expect(expect429(await login(22, 'wrong-password-3', account))).toBe(2);
    // The right password after the wait signs in and forgets the failures.
    await pause(2_000);
    await login(23, 'the-right-password', account).expect(200);
    await login(24, 'wrong-password-4', account).expect(401);
    await login(25, 'wrong-password-5', account).expect(401);
  });

  it('asking for a sign-in mail does not wipe out the delay earned by failed sign-ins of the address', async () => {
    const account = 'second-victim@fairgrid.test';
    await t.http().post('/api/staff').auth(staff, { type: 'bearer' }).send({ name: 'Second', email: account, password: 'the-right-password' }).expect(201);
    for (let i = 0; i < 3; i++) await login(30 + i, 'wrong-password', account).expect(401);
    await t.http().post('/api/auth/magic-link').set(client(34)).send({ email: account }).expect(202);
    expect429(await login(35, 'the-right-password', account));
  });

  it('one client: the 9th sign-in request within the minute is refused, whatever addresses it names; other clients go on', async () => {
    for (let i = 0; i < 8; i++) {
      const res = await t.http().post('/api/auth/magic-link').set(client(50)).send({ email: `spray-${i}@example.edu` });
      expect(res.status).toBe(202);
    }
    const refused = await t.http().post('/api/auth/magic-link').set(client(50)).send({ email: 'spray-8@example.edu' });
    expect(expect429(refused)).toBeLessThanOrEqual(60);
    // Code entry from the same client counts too, whatever the body.
    expect429(await t.http().post('/api/auth/magic-link/verify').set(client(50)).send({ token: 'x'.repeat(43) }));
    await t.http().post('/api/auth/magic-link').set(client(51)).send({ email: 'spray-8@example.edu' }).expect(202);
  });

  it('one address: the 13th request within the minute is refused from any client, sign-in mails and code entry alike', async () => {
    const student = await createStudent(t);
    for (let i = 0; i < 6; i++) await t.http().post('/api/auth/magic-link').set(client(60 + i)).send({ email: student.email }).expect(202);
    // Code entry for the address counts whatever else the body holds (here a code that is not text: 400).
    for (let i = 0; i < 6; i++) {
      const res = await t.http().post('/api/auth/magic-link/verify').set(client(70 + i)).send({ email: student.email.toUpperCase(), code: 123456 });
      expect(res.status).toBe(400);
    }
    expect429(await t.http().post('/api/auth/magic-link').set(client(80)).send({ email: student.email }));
    expect429(await t.http().post('/api/auth/magic-link/verify').set(client(81)).send({ email: student.email, code: '654321' }));
  });

  it('expensive staff calls: the 4th within the minute is refused for that caller only', async () => {
    const make = (token: string, n: number) =>
      t.http().post('/api/staff').auth(token, { type: 'bearer' }).send({ name: `Staff ${n}`, email: `staff-${n}@fairgrid.test`, password: 'a-long-enough-password' });
    const other = (await login(90, 'the-right-password', 'victim@fairgrid.test').expect(200)).body.accessToken as string;
    // The tests above used two of staff's three (the victims' accounts); the first victim is an admin, who may add staff.
    await make(staff, 1).expect(201);
    expect429(await make(staff, 2));
    await make(other, 3).expect(201);
  });
});
