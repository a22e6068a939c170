import { randomBytes, randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ADMIN } from '../support/test-app';

const CLI = join(__dirname, '..', '..', 'dist', 'cli', 'cli.js');

/**
 * `npm run cli -- <command>` as an operator runs it: the built CLI as a child process, reading
 * only its environment (its working directory has no .env), against a database of its own.
 */
describe('the operators\' CLI', () => {
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const database = `fairgrid_cli_${randomBytes(4).toString('hex')}`;
  const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
  const dir = mkdtempSync(join(tmpdir(), 'fairgrid-cli-'));
  let db: Client;
  const env = {
    PATH: process.env.PATH ?? '',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    SMTP_URL: 'smtp://127.0.0.1:2525',
    MAIL_FROM: 'Fairgrid <no-reply@fairgrid.test>',
    PUBLIC_URL: 'http://fairgrid.test',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    QUEUE_PREFIX: `fgcli_${randomBytes(4).toString('hex')}`,
  };

  const cli = async (args: string[], extra: Record<string, string> = {}) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: { ...env, ...extra }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const [code] = (await once(child, 'exit')) as [number];
    return { code, stdout, stderr };
  };
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  beforeAll(async () => {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`).finally(() => admin.end());
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).finally(() => admin.end());
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates a new database, then finds nothing pending', async () => {
    const first = await cli(['migrate']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^Applied \d+ migration\(s\): InitialSchema\d+, /);
    // Every command migrates first, so the second run has nothing left to apply.
    expect(await cli(['migrate'])).toEqual({ code: 0, stdout: 'No pending migrations: the schema is up to date.\n', stderr: '' });
  });

  it('creates a staff account that can sign in, and refuses the same address twice', async () => {
    const created = await cli(['create-staff', 'Ops@Example.edu', '--name', 'Olu Ops'], { FAIRGRID_STAFF_PASSWORD: 'a-long-password-1' });
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Created staff account ops@example\.edu \([0-9a-f-]{36}\)\.\n$/);
    const rows = (await db.query(`SELECT name, password_hash <> '' AS "hasPassword" FROM staff WHERE email = 'ops@example.edu'`)).rows;
    expect(rows).toEqual([{ name: 'Olu Ops', hasPassword: true }]);
    const again = await cli(['create-staff', 'ops@example.edu'], { FAIRGRID_STAFF_PASSWORD: 'a-long-password-1' });
    expect(again).toEqual({ code: 1, stdout: '', stderr: 'EMAIL_TAKEN: A staff member with this e-mail address already exists\n' });
    const short = await cli(['create-staff', 'new@example.edu', '--password', 'short']);
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/^password: /);
  });

  it('imports students from a Windows-1252 file, and names the bad lines of a file it refuses', async () => {
    const good = file('students.csv', Buffer.from('name,email,studentNumber,major,graduationYear\r\nJosé Peña,jose@example.edu,S1,Biology,2027\r\nAda Lovelace,ada@example.edu,S2,Mathematics,2026\r\n', 'latin1'));
    expect(await cli(['import-students', good])).toEqual({ code: 0, stdout: 'Imported 2 students: 2 new, 0 updated.\n', stderr: '' });
    expect((await db.query(`SELECT name FROM students ORDER BY email`)).rows).toEqual([{ name: 'Ada Lovelace' }, { name: 'José Peña' }]);
    const bad = file('bad.csv', 'name,email,studentNumber,major,graduationYear\nNo Mail,,S3,,\n');
    const refused = await cli(['import-students', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^IMPORT_REJECTED: 1 row\(s\) are not valid; nothing was imported\n  line 2: /);
    const missing = await cli(['import-students', join(dir, 'nope.csv')]);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Cannot read .*nope\.csv: ENOENT\n$/) });
  });

  it('imports volunteers, skipping addresses already known', async () => {
    const csv = file('volunteers.csv', 'name,email,organization,title,expertise\nPriya Raman,priya@globex.example,Globex,Engineer,software;backend\n');
    expect((await cli(['import-volunteers', csv])).stdout).toBe('Imported 1 volunteer(s): 1 new, 0 already known (left as they are).\n');
    expect((await cli(['import-volunteers', csv])).stdout).toBe('Imported 1 volunteer(s): 0 new, 1 already known (left as they are).\n');
    const volunteer = (await db.query(`SELECT organization, expertise FROM volunteers WHERE email = 'priya@globex.example'`)).rows[0];
    expect(volunteer).toEqual({ organization: 'Globex', expertise: ['software', 'backend'] });
    const bad = await cli(['import-volunteers', file('bad-volunteers.csv', 'name,email,expertise\nX,not-an-address,Has Spaces\n')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^The file has bad rows; nothing was imported:\n  line 2: email: /);
  });

  it("imports an event's exhibitors and exports its schedule as CSV with a BOM and spreadsheet times", async () => {
    const eventId = randomUUID();
    const start = new Date(Date.UTC(2031, 2, 10, 14));
    await db.query(
      `INSERT INTO events (id, name, timezone, starts_at, ends_at, booking_opens_at, booking_closes_at, status)
       VALUES ($1, 'CLI fair', 'America/New_York', $2, $2::timestamptz + interval '4 hours', now(), $2, 'published')`,
      [eventId, start],
    );
    const exhibitors = file('exhibitors.csv', 'organization,industries\nGlobex,Software;Hardware\n');
    expect((await cli(['import-exhibitors', eventId, exhibitors])).stdout).toBe('Imported 1 exhibitor: 1 new, 0 updated.\n');

    const [{ id: volunteerId }] = (await db.query(`SELECT id FROM volunteers WHERE email = 'priya@globex.example'`)).rows;
    const [{ id: studentId }] = (await db.query(`SELECT id FROM students WHERE email = 'jose@example.edu'`)).rows;
    const slotId = randomUUID();
    await db.query(`INSERT INTO slots (id, event_id, volunteer_id, starts_at, ends_at) VALUES ($1, $2, $3, $4, $4::timestamptz + interval '30 minutes')`, [slotId, eventId, volunteerId, start]);
    await db.query(
      `INSERT INTO bookings (event_id, slot_id, volunteer_id, student_id, starts_at, ends_at, booking_number)
       VALUES ($1, $2, $3, $4, $5, $5::timestamptz + interval '30 minutes', 1)`,
      [eventId, slotId, volunteerId, studentId, start],
    );
    const out = join(dir, 'schedule.csv');
    expect(await cli(['export-schedule', eventId, '--out', out])).toEqual({ code: 0, stdout: `Wrote 1 interview(s) to ${out}.\n`, stderr: '' });
    expect(readFileSync(out, 'utf8')).toBe(
      '\uFEFFstartsAt,endsAt,table,volunteer,organization,student,studentNumber\r\n2031-03-10 10:00:00,2031-03-10 10:30:00,,Priya Raman,Globex,José Peña,S1\r\n',
    );
    const unknown = await cli(['export-schedule', randomUUID()]);
    expect(unknown).toMatchObject({ code: 1, stderr: 'NOT_FOUND: Event not found\n' });
  });

  it('says what is wrong with the configuration in one line', async () => {
    expect(await cli(['migrate'], { JWT_SECRET: 'short' })).toEqual({ code: 1, stdout: '', stderr: 'Configuration error: JWT_SECRET must be at least 32 characters (use a random secret)\n' });
  });
});
