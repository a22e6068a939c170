import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { dropDemoDatabase } from '../../src/demo/demo-database';
import type { DemoSummary } from '../../src/demo/demo-day';
import { validateWithPython } from '../support/ical-validators';
import { freePort } from '../support/process';

const ADMIN_DB_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DEMO = join(__dirname, '..', '..', 'dist', 'demo', 'demo.js');

/**
 * `npm run demo` end to end on a small seed, as a newcomer's CI would run it: the built demo as
 * a child process with CI set, in a database and Redis prefix of its own. Its output must be
 * sound (every .ics accepted by two independent parsers, the floor plan drawn) and its summary
 * must say what the database holds.
 */
describe('npm run demo (150 students, CI set)', () => {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = Object.assign(new URL(ADMIN_DB_URL), { pathname: `/fairgrid_demo_t_${suffix}` }).toString();
  const prefix = `fgdemo_${suffix}`;
  const out = mkdtempSync(join(tmpdir(), 'fairgrid-demo-'));
  let exitCode: number | null = null;
  let stdout = '';
  let stderr = '';
  let summary: DemoSummary;
  let db: Client;

  beforeAll(async () => {
    const port = await freePort();
    // Only the variables a newcomer's shell would have, plus the four the demo honours.
    const child = spawn(process.execPath, [DEMO, '--students', '150', '--out', out], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CI: 'true', DATABASE_URL: databaseUrl, REDIS_URL, PORT: String(port), QUEUE_PREFIX: prefix },
      stdio: 'pipe',
    });
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    [exitCode] = (await once(child, 'exit')) as [number | null];
    clearTimeout(timer);
    if (exitCode === 0) summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as DemoSummary;
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  }, 300_000);

  afterAll(async () => {
    await db?.end();
    await dropDemoDatabase(databaseUrl);
    rmSync(out, { recursive: true, force: true });
    const redis = new Redis(REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  });

  const count = async (sql: string, params: unknown[] = []) => Number((await db.query<{ n: string }>(sql, params)).rows[0].n);

  it('exits 0 after printing the summary, with a progress line for the allocation', () => {
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(stdout).toMatch(/Migrations applied: \d+\./);
    expect(stdout).toContain('allocation 100%');
    expect(stdout).toMatch(/students placed: +\d+ of 150/);
    expect(stdout).toMatch(/first choices: +\d+/);
    expect(stdout).toMatch(/fill rate: +\d+\.\d%/);
    expect(stdout).toMatch(/messages: +\d+ /);
  });

  it("builds the fair: two halls' floor plan, 60 exhibitors, 40 volunteers of 15 organizations, 150 students", async () => {
    expect(summary.students).toBe(await count('SELECT count(*) AS n FROM students'));
    expect(summary.students).toBe(150);
    expect(summary.volunteers).toBe(await count('SELECT count(*) AS n FROM volunteers'));
    expect(summary.volunteers).toBe(40);
    expect(await count('SELECT count(*) AS n FROM organizations')).toBe(15);
    expect(summary.exhibitors).toBe(await count('SELECT count(*) AS n FROM exhibitors'));
    expect(summary.exhibitors).toBe(60);
    const svg = readFileSync(join(out, 'floor-plan.svg'), 'utf8');
    expect(svg.startsWith('<svg') || svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('Main Hall');
    expect(svg).toContain('East Hall');
  });

  it("states the database's figures: students placed, first choices, interviews, fill rate", async () => {
    const event = [summary.eventId];
    const confirmed = `FROM bookings WHERE event_id = $1 AND status = 'confirmed'`;
    expect(summary.studentsPlaced).toBe(await count(`SELECT count(DISTINCT student_id) AS n ${confirmed}`, event));
    expect(summary.interviews).toBe(await count(`SELECT count(*) AS n ${confirmed}`, event));
    expect(summary.slots).toBe(await count('SELECT count(*) AS n FROM slots WHERE event_id = $1', event));
    expect(summary.fillRate).toBeCloseTo(summary.interviews / summary.slots, 10);
    const firstChoices = await count(
      `SELECT count(DISTINCT b.student_id) AS n
         FROM bookings b
         JOIN volunteers v ON v.id = b.volunteer_id
         JOIN allocation_preferences p ON p.event_id = b.event_id AND p.student_id = b.student_id
        WHERE b.event_id = $1 AND b.status = 'confirmed' AND v.organization_id = (p.choices->0->>'organizationId')::uuid`,
      event,
    );
    expect(summary.firstChoices).toBe(firstChoices);
    expect(summary.studentsPlaced).toBeGreaterThan(100);
    expect(summary.firstChoices).toBeGreaterThan(0);
  });

  it('caught every message it counts as .eml, each invitation with a valid .ics', async () => {
    const files = readdirSync(join(out, 'mail'));
    const eml = files.filter((f) => f.endsWith('.eml'));
    const ics = files.filter((f) => f.endsWith('.ics'));
    expect(eml).toHaveLength(summary.messages.total);
    expect(ics).toHaveLength(summary.messages.calendarFiles);
    expect(summary.messages.invitations).toBe(await count(`SELECT count(*) AS n FROM outbox_messages WHERE status = 'sent'`));
    expect(summary.messages.reminders).toBe(await count(`SELECT count(*) AS n FROM invite_reminders WHERE status = 'sent'`));
    expect(summary.messages.invitations).toBe(2 * summary.interviews);
    expect(summary.messages.reminders).toBeGreaterThan(0);
    for (const file of ics) expect(existsSync(join(out, 'mail', file.replace(/\.ics$/, '.eml')))).toBe(true);
    await validateWithPython(ics.map((f) => readFileSync(join(out, 'mail', f), 'utf8')));
  });
});
