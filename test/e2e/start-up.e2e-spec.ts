import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { FairgridProcess, freePort } from '../support/process';
import { TestSmtpServer } from '../support/smtp';
import { ADMIN } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * What an operator sees when the built service starts: one readable line (where it listens,
 * its role, the migrations it applied), not Nest's two hundred; a taken port as one line on
 * stderr; JSON logs unless NODE_ENV=development or LOG_FORMAT=pretty.
 */
describe('start-up output', () => {
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const database = `fairgrid_s_${randomBytes(4).toString('hex')}`;
  const smtp = new TestSmtpServer();
  const processes: FairgridProcess[] = [];
  let env: Record<string, string>;
  let port: number;

  const admin = async (sql: string) => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  const start = (extra: Record<string, string> = {}) => {
    const p = new FairgridProcess({ ...env, ...extra });
    processes.push(p);
    return p;
  };
  const startLine = (p: FairgridProcess) => p.stdout.split('\n').find((line) => line.includes('Fairgrid listening on port'));

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${database}`);
    port = await freePort();
    env = {
      DATABASE_URL: Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString(),
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      SMTP_URL: await smtp.start(),
      MAIL_FROM: 'Fairgrid <no-reply@fairgrid.test>',
      PUBLIC_URL: `http://localhost:${port}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      QUEUE_PREFIX: `fgstart_${randomBytes(4).toString('hex')}`,
      PORT: String(port),
    };
  });

  afterAll(async () => {
    for (const p of processes) p.kill('SIGKILL');
    await Promise.all(processes.map((p) => p.exited()));
    await smtp.stop();
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it('says in one JSON line where it listens, its role and the migrations it applied; a second on the same port says the port is taken in one line', async () => {
    const first = start();
    const line = await waitFor(() => startLine(first), 60_000);
    const entry = JSON.parse(line) as { level: number; msg: string; role: string };
    expect(entry.level).toBe(30);
    expect(entry.role).toBe('all');
    expect(entry.msg).toMatch(new RegExp(`^Fairgrid listening on port ${port} \\(http://localhost:${port}\\), role all \\(API, pages and worker\\); \\d+ migrations applied \\(InitialSchema\\d+, `));
    // Nest's own lines per module and route stay out of it.
    expect(first.stdout).not.toMatch(/Mapped \{|dependencies initialized|Nest application successfully started/);

    const second = start();
    expect(await second.exited(60_000)).toBe(1);
    expect(second.stderr).toBe(`Port ${port} is taken: another process listens there. Stop it, or set PORT to a free port (and PUBLIC_URL to match).\n`);
    expect(second.stdout).not.toMatch(/EADDRINUSE|\n\s+at /);
    first.kill();
    expect(await first.exited()).toBe(0);
  });

  it('writes pretty single lines in development, saying the schema was already up to date', async () => {
    const dev = start({ NODE_ENV: 'development' });
    const line = await waitFor(() => startLine(dev), 60_000);
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: Bootstrap: Fairgrid listening on port \d+ .*; schema up to date, no migrations applied$/);
    dev.kill();
    expect(await dev.exited()).toBe(0);
    expect(dev.stdout).toMatch(/INFO: Shutdown: Shut down cleanly \{"signal":"SIGTERM"\}/);
  });
});
