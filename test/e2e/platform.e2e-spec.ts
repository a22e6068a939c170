import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Client } from 'pg';
import { MIGRATIONS } from '../../src/database/registry';
import { ADMIN } from '../support/test-app';
import { FairgridProcess, freePort, MAIN } from '../support/process';
import { TestSmtpServer } from '../support/smtp';
import { waitFor } from '../support/wait-for';

/**
 * Starts the built service (`npm run build` first; `npm test` does) as separate processes,
 * the way operators run it.
 */
describe('the service as processes', () => {
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const database = `fairgrid_p_${randomBytes(4).toString('hex')}`;
  const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
  const smtp = new TestSmtpServer();
  let baseEnv: Record<string, string>;
  const processes: FairgridProcess[] = [];

  const admin = async (sql: string) => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  const start = (env: Record<string, string>) => {
    const p = new FairgridProcess({ ...baseEnv, ...env });
    processes.push(p);
    return p;
  };

  beforeAll(async () => {
    expect(existsSync(MAIN)).toBe(true);
    await admin(`CREATE DATABASE ${database}`);
    baseEnv = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      SMTP_URL: await smtp.start(),
      MAIL_FROM: 'Fairgrid <no-reply@fairgrid.test>',
      PUBLIC_URL: 'http://fairgrid.test',
      JWT_SECRET: randomBytes(32).toString('hex'),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      QUEUE_PREFIX: `fgproc_${randomBytes(4).toString('hex')}`,
      LOG_LEVEL: 'warn',
    };
  });

  afterAll(async () => {
    for (const p of processes) p.kill('SIGKILL');
    await smtp.stop();
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it.each([
    ['JWT_SECRET', { JWT_SECRET: '' }, /^Configuration error: JWT_SECRET is missing$/],
    ['JWT_SECRET', { JWT_SECRET: 'short' }, /^Configuration error: JWT_SECRET must be at least 32 characters/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/db' }, /^Configuration error: DATABASE_URL must be a postgres:\/\/ URL$/],
    ['FAIRGRID_ROLE', { FAIRGRID_ROLE: 'scheduler' }, /^Configuration error: FAIRGRID_ROLE must be one of/],
    ['PORT', { PORT: 'eighty' }, /^Configuration error: PORT must be an integer/],
    ['MIGRATIONS_RUN', { MIGRATIONS_RUN: 'yes' }, /^Configuration error: MIGRATIONS_RUN must be true or false$/],
  ])('refuses to start with a bad %s, in one line', async (_name, env, expected) => {
    const p = start(env);
    expect(await p.exited()).toBe(1);
    const lines = p.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
  });

  it.each([
    ['PostgreSQL', { DATABASE_URL: 'postgres://fairgrid:secret@127.0.0.1:1/fairgrid' }, 'Cannot reach PostgreSQL at postgres://fairgrid:***@127.0.0.1:1/fairgrid'],
    ['Redis', { REDIS_URL: 'redis://127.0.0.1:1' }, 'Cannot reach Redis at redis://127.0.0.1:1'],
  ])('says which %s URL it tried and where to read how to start it', async (_name, env, expected) => {
    const p = start(env);
    expect(await p.exited()).toBe(1);
    const lines = p.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(expected);
    expect(lines[0]).toContain('README.md');
    expect(p.stderr).not.toContain('secret');
  });

  it('runs two API processes and a worker against one database: migrations once, sign-in mail through the worker, clean shutdown', async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    const apiA = start({ FAIRGRID_ROLE: 'api', PORT: String(portA) });
    const apiB = start({ FAIRGRID_ROLE: 'api', PORT: String(portB) });
    for (const port of [portA, portB]) {
      await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/api/health`)).ok, 30_000);
    }
    const health = await (await fetch(`http://127.0.0.1:${portA}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', postgres: { status: 'up' }, redis: { status: 'up' } });

    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const migrations = await db.query(`SELECT name FROM migrations`);
      // Each migration applied once although two processes started at once on an empty database.
      expect(migrations.rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => new m().name));
      const staff = await db.query(`SELECT email FROM staff`);
      expect(staff.rows).toEqual([{ email: ADMIN.email }]);

      // Staff on process A creates a student; the student asks process B for a link.
      const login = await fetch(`http://127.0.0.1:${portA}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(ADMIN),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const created = await fetch(`http://127.0.0.1:${portA}/api/students`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ name: 'Proc Student', email: 'proc@uni.edu' }),
      });
      expect(created.status).toBe(201);
      const asked = await fetch(`http://127.0.0.1:${portB}/api/auth/magic-link`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'proc@uni.edu' }),
      });
      expect(asked.status).toBe(202);

      // API processes only enqueue: the request waits in the job outbox, which only a worker's
      // relay hands on, so nothing is sent until a worker runs.
      const outbox = await db.query(`SELECT count(*)::int AS n FROM job_outbox WHERE name = 'send-magic-link' AND enqueued_at IS NULL`);
      expect(outbox.rows).toEqual([{ n: 1 }]);
      expect(smtp.to('proc@uni.edu')).toHaveLength(0);
      const worker = start({ FAIRGRID_ROLE: 'worker' });
      await waitFor(() => smtp.to('proc@uni.edu').length === 1, 30_000);

      for (const p of [apiA, apiB, worker]) p.kill('SIGTERM');
      for (const p of [apiA, apiB, worker]) expect(await p.exited(15_000)).toBe(0);
      expect(apiA.stderr + apiB.stderr + worker.stderr).not.toMatch(/error/i);
    } finally {
      await db.end();
    }
  });
});
