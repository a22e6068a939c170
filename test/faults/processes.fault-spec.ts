import { existsSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { bookMany, expectEachDeliveredOnce } from '../support/delivery';
import { createStudent } from '../support/factories';
import { PrivatePostgres, PrivateRedis } from '../support/private-services';
import { FairgridProcess, freePort, MAIN } from '../support/process';
import { ADMIN, createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * The built service as operators run it, on a private PostgreSQL and Redis: two API
 * processes and two workers (dist/main.js; `npm test` builds first) beside an in-process app
 * used only to prepare data. Workers are killed and stopped while they send.
 */
describe('API and worker processes', () => {
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  let t: TestApp;
  const processes: FairgridProcess[] = [];
  let env: Record<string, string>;
  let apiPorts: number[];

  const start = (extra: Record<string, string>) => {
    const p = new FairgridProcess({ ...env, ...extra });
    processes.push(p);
    return p;
  };
  const base = (i: number) => `http://127.0.0.1:${apiPorts[i]}`;

  beforeAll(async () => {
    expect(existsSync(MAIN)).toBe(true);
    [pg, redis] = await Promise.all([PrivatePostgres.start(), PrivateRedis.start()]);
    // The in-process app only prepares data (role api: it sends nothing).
    t = await createTestApp({ FAIRGRID_ROLE: 'api', REDIS_URL: redis.url, RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '4/1m' }, { adminDatabaseUrl: pg.adminUrl });
    env = {
      DATABASE_URL: t.env.DATABASE_URL,
      REDIS_URL: redis.url,
      SMTP_URL: t.env.SMTP_URL,
      MAIL_FROM: t.env.MAIL_FROM,
      PUBLIC_URL: t.env.PUBLIC_URL,
      JWT_SECRET: t.env.JWT_SECRET,
      ADMIN_EMAIL: t.env.ADMIN_EMAIL,
      ADMIN_PASSWORD: t.env.ADMIN_PASSWORD,
      QUEUE_PREFIX: t.env.QUEUE_PREFIX,
      MIGRATIONS_RUN: 'false',
      RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '4/1m',
      SHUTDOWN_TIMEOUT_MS: '3000',
      LOG_LEVEL: 'info',
    };
    apiPorts = [await freePort(), await freePort()];
    apiPorts.forEach((port) => start({ FAIRGRID_ROLE: 'api', PORT: String(port) }));
    start({ FAIRGRID_ROLE: 'worker', WORKER_CONCURRENCY: '2' });
    start({ FAIRGRID_ROLE: 'worker', WORKER_CONCURRENCY: '2' });
    for (let i = 0; i < 2; i++) await waitFor(async () => (await fetch(`${base(i)}/api/health`)).ok, 60_000);
  });
  afterAll(async () => {
    for (const p of processes) p.kill('SIGKILL');
    await Promise.all(processes.map((p) => p.exited()));
    await t?.close();
    await Promise.all([pg?.destroy(), redis?.stop()]);
  });

  const post = (i: number, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base(i)}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('share the work: a sign-in asked on one API is mailed by a worker whose log carries the request id; limits hold across APIs', async () => {
    const student = await createStudent(t);
    const requestId = `fault-${randomBytes(6).toString('hex')}`;
    expect((await post(1, '/api/auth/magic-link', { email: student.email }, { 'X-Request-Id': requestId })).status).toBe(202);
    await waitFor(() => t.smtp.to(student.email).length === 1, 30_000);
    // The worker's log line for the job names the request that caused it.
    await waitFor(
      () => processes.slice(2).some((p) => p.stdout.split('\n').some((line) => line.includes('Sign-in e-mail job done') && line.includes(`"requestId":"${requestId}"`))),
      10_000,
    );

    // Staff's own sign-in (for createStudent) used 1 of the address's 4; wrong passwords
    // alternating between the two APIs use the rest, wherever they land.
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(i % 2, '/api/auth/login', { email: ADMIN.email, password: `wrong-${i}-password` })).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('SIGKILL of a worker while it sends: every invite arrives, a repeat only of a message cut off by the kill, with its Message-ID', async () => {
    const fx = await bookMany(t, 30);
    const before = t.smtp.messages.length;
    await Promise.all(Array.from({ length: 30 }, (_, i) => fx.book(i)));
    await waitFor(() => t.smtp.messages.length >= before + 8, 60_000);
    const killedAt = Date.now();
    const victim = processes[2];
    victim.kill('SIGKILL');
    expect(await victim.exited()).toBe('SIGKILL');
    // Killed mid-stream, not after the work was done.
    expect(t.smtp.messages.length).toBeLessThan(before + 60);
    // The killed worker had at most WORKER_CONCURRENCY sends in flight.
    await expectEachDeliveredOnce(t, 60, 90_000, { interrupted: { at: killedAt, sends: 2 } });
  });

  it('SIGTERM of a worker while it sends: it finishes what it holds, nothing fails on a closed pool, and it exits 0', async () => {
    const worker = start({ FAIRGRID_ROLE: 'worker', WORKER_CONCURRENCY: '2' });
    await waitFor(() => worker.stdout.includes('Worker started'), 60_000);
    t.smtp.acceptDelayMs = 400;
    try {
      const [{ before }] = await t.db.query(`SELECT count(*)::int AS before FROM outbox_messages`);
      const since = t.smtp.messages.length;
      const fx = await bookMany(t, 12);
      await Promise.all(Array.from({ length: 12 }, (_, i) => fx.book(i)));
      // Stopped while it holds sends: a message of its is in the slow server's hands.
      await waitFor(() => /"msg":"Invite job done"/.test(worker.stdout), 60_000);
      const stoppedAt = Date.now();
      worker.kill('SIGTERM');
      expect(await worker.exited(15_000)).toBe(0);
      const stopMs = Date.now() - stoppedAt;
      expect(worker.stdout).toContain('Shut down cleanly');
      expect(worker.stdout + worker.stderr).not.toMatch(/pool (was|is) closed|Cannot use a pool|"level":50/);
      // Nothing it held is sent again: each message exactly once.
      // (The SIGKILL test's allowed repeat of a message it cut off is not this test's.)
      await expectEachDeliveredOnce(t, before + 24, 60_000, { since });
      process.stdout.write(`fault figures: worker SIGTERM with sends in flight (SMTP answering after 400 ms) → exit 0 in ${stopMs} ms\n`);
    } finally {
      t.smtp.acceptDelayMs = 0;
    }
  });

  it('SIGTERM of an API under keep-alive load: requests in flight finish, new ones are told Connection: close, it exits 0 within SHUTDOWN_TIMEOUT_MS', async () => {
    // Signed in before the first test wore out the admin address's sign-in limit.
    const accessToken = await t.staffToken();
    // One kept-alive connection per client: what the server promises is per connection.
    const agents = Array.from({ length: 4 }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
    const results: { status?: number; connection?: string; error?: string; client: number; at: number }[] = [];
    let running = true;
    const get = (client: number) =>
      new Promise<void>((resolve) => {
        const req = request(`${base(0)}/api/events`, { agent: agents[client], headers: { Authorization: `Bearer ${accessToken}` } }, (res) => {
          res.resume();
          res.on('end', () => {
            results.push({ status: res.statusCode, connection: res.headers.connection, client, at: Date.now() });
            resolve();
          });
        });
        req.on('error', (error: NodeJS.ErrnoException) => {
          results.push({ error: error.code ?? error.message, client, at: Date.now() });
          resolve();
        });
        req.end();
      });
    // Four clients sending back to back on kept-alive connections, as a busy load balancer would.
    const clients = Array.from({ length: 4 }, async (_, client) => {
      while (running) await get(client);
    });
    await waitFor(() => results.length >= 40, 30_000);
    const api = processes[0];
    const signalled = Date.now();
    api.kill('SIGTERM');
    const code = await api.exited(20_000);
    const stopMs = Date.now() - signalled;
    running = false;
    await Promise.all(clients);
    for (const agent of agents) agent.destroy();

    expect(code).toBe(0);
    // Bounded: the deadline (3 s) plus closing, however hard the clients keep sending.
    expect(stopMs).toBeLessThan(3_000 + 5_000);
    expect(api.stdout).toContain('Shut down cleanly');
    const after = results.filter((r) => r.at >= signalled);
    // Every answer is a success (no 5xx, no request cut off mid-way) …
    expect(results.filter((r) => r.status !== undefined && r.status !== 200)).toEqual([]);
    // … once draining, each connection is answered Connection: close, and nothing is served
    // after that to that client: it can no longer hold the process open by sending.
    for (let client = 0; client < 4; client++) {
      const mine = results.filter((r) => r.client === client);
      const closed = mine.findIndex((r) => r.connection === 'close');
      const served = mine.slice(closed + 1).filter((r) => r.status !== undefined);
      expect({ client, closed: closed >= 0 || mine.some((r) => r.error), servedAfterClose: closed >= 0 ? served.length : 0 }).toEqual({
        client,
        closed: true,
        servedAfterClose: 0,
      });
    }
    // … and once it has closed, clients are refused and go elsewhere.
    expect(after.filter((r) => r.error).every((r) => ['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(r.error!))).toBe(true);
    // The other API process serves on.
    expect((await fetch(`${base(1)}/api/health`)).status).toBe(200);
    process.stdout.write(`fault figures: API SIGTERM under keep-alive load from 4 clients → exit 0 in ${stopMs} ms; ${after.length} requests after the signal\n`);
  });
});
