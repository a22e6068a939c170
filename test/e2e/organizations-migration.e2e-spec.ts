import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { Organizations1765300000000 } from '../../src/database/migrations/1765300000000-Organizations';
import { MIGRATIONS } from '../../src/database/registry';

/**
 * Migration 1765300000000 on a database that already has data (issue 14): free-text
 * organization names fold case-insensitively into records, and bookings that already hold two
 * interviews with one organization keep the second unmarked so the new unique index builds.
 * Then the trigger fills new bookings, and down() undoes it all.
 */
const ADMIN_DB_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_DB_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('organizations migration on existing data', () => {
  const database = `fairgrid_orgmig_${process.pid}_${randomBytes(4).toString('hex')}`;
  let db: DataSource;

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE ${database}`);
    const url = new URL(ADMIN_DB_URL);
    url.pathname = `/${database}`;
    // The migrations before it (later ones, e.g. issue 12's waitlists, may build on its tables).
    const before = MIGRATIONS.slice(0, MIGRATIONS.indexOf(Organizations1765300000000));
    db = new DataSource({ ...dataSourceOptions(url.toString()), migrations: before });
    await db.initialize();
    await db.runMigrations();
  });
  afterAll(async () => {
    await db?.destroy();
    await adminQuery(`DROP DATABASE IF EXISTS ${database}`);
  });

  it('folds names into records, keeps doubled-up bookings, fills new bookings, and rolls back', async () => {
    const [acme1, acme2, globex, none, student, event] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const insertVolunteer = (id: string, organization: string) =>
      db.query(`INSERT INTO volunteers (id, email, name, organization) VALUES ($1, $2, 'V', $3)`, [id, `${id}@example.com`, organization]);
    await insertVolunteer(acme1, 'Acme');
    await insertVolunteer(acme2, ' ACME ');
    await insertVolunteer(globex, 'Globex');
    await insertVolunteer(none, '');
    await db.query(`INSERT INTO students (id, email, name) VALUES ($1, 's@example.edu', 'S')`, [student]);
    await db.query(
      `INSERT INTO events (id, name, location, timezone, starts_at, ends_at, booking_opens_at, booking_closes_at, status, max_bookings_per_student)
       VALUES ($1, 'Fair', 'Hall', 'UTC', '2030-03-10T09:00Z', '2030-03-10T17:00Z', '2030-03-01T00:00Z', '2030-03-10T08:00Z', 'published', 3)`,
      [event],
    );
    // Two confirmed interviews with Acme (two spellings) before the rule existed.
    const slot = async (volunteer: string, hour: number) => {
      const id = randomUUID();
      await db.query(
        `INSERT INTO slots (id, event_id, volunteer_id, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5)`,
        [id, event, volunteer, `2030-03-10T${hour}:00Z`, `2030-03-10T${hour}:30Z`],
      );
      return id;
    };
    const confirmed = async (volunteer: string, hour: number, n: number) => {
      const slotId = await slot(volunteer, hour);
      await db.query(
        `INSERT INTO bookings (event_id, slot_id, volunteer_id, student_id, starts_at, ends_at, booking_number)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [event, slotId, volunteer, student, `2030-03-10T${hour}:00Z`, `2030-03-10T${hour}:30Z`, n],
      );
    };
    await confirmed(acme1, 10, 1);
    await confirmed(acme2, 11, 2);

    const runner = db.createQueryRunner();
    await runner.connect();
    try {
      await new Organizations1765300000000().up(runner);
    } finally {
      await runner.release();
    }

    const orgs: { name: string; name_key: string }[] = await db.query(`SELECT name, name_key FROM organizations ORDER BY name_key`);
    expect(orgs).toEqual([
      // Spelled as the earliest volunteer spelled it.
      { name: 'Acme', name_key: 'acme' },
      { name: 'Globex', name_key: 'globex' },
    ]);
    const linked: { id: string; organization_id: string | null }[] = await db.query(`SELECT id, organization_id FROM volunteers`);
    const orgOf = new Map(linked.map((v) => [v.id, v.organization_id]));
    expect(orgOf.get(acme1)).toBe(orgOf.get(acme2));
    expect(orgOf.get(acme1)).toEqual(expect.any(String));
    expect(orgOf.get(globex)).not.toBe(orgOf.get(acme1));
    expect(orgOf.get(none)).toBeNull();
    // The earlier of the two Acme bookings carries the organization; the later one stays unmarked.
    const marked: { booking_number: number; organization_id: string | null }[] = await db.query(
      `SELECT booking_number, organization_id FROM bookings ORDER BY booking_number`,
    );
    expect(marked).toEqual([
      { booking_number: 1, organization_id: orgOf.get(acme1) },
      { booking_number: 2, organization_id: null },
    ]);
    // From now on the trigger fills the column, and the index refuses a third Acme interview.
    const slotId = await slot(acme2, 12);
    await expect(
      db.query(
        `INSERT INTO bookings (event_id, slot_id, volunteer_id, student_id, starts_at, ends_at, booking_number)
         VALUES ($1, $2, $3, $4, '2030-03-10T12:00Z', '2030-03-10T12:30Z', 3)`,
        [event, slotId, acme2, student],
      ),
    ).rejects.toMatchObject({ constraint: 'bookings_student_organization_unique' });
    await confirmed(globex, 13, 3);
    const [globexBooking]: { organization_id: string }[] = await db.query(`SELECT organization_id FROM bookings WHERE volunteer_id = $1`, [globex]);
    expect(globexBooking.organization_id).toBe(orgOf.get(globex));

    const down = db.createQueryRunner();
    await down.connect();
    try {
      await new Organizations1765300000000().down(down);
    } finally {
      await down.release();
    }
    const tables: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename IN ('organizations', 'allocation_loads', 'allocation_explanations')`);
    expect(tables).toEqual([{ n: 0 }]);
    const columns: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM information_schema.columns WHERE column_name = 'organization_id' AND table_name IN ('volunteers', 'bookings')`,
    );
    expect(columns).toEqual([{ n: 0 }]);
  });
});
