import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14: organizations become records. Volunteers point at one (the free-text name stays
 * beside it for existing clients); existing names are folded case-insensitively into records,
 * each spelled as its earliest volunteer spelled it.
 * A confirmed booking carries its volunteer's organization, filled by a trigger, so a partial
 * unique index holds "at most one interview per organization per student" in first-come booking
 * too. Bookings already doubled up before this rule keep their second row unmarked (NULL), so
 * the index can be built over existing data. Per-event loads (minimum and maximum interviews
 * per organization or volunteer), rated preferences and per-student explanations of a run.
 */
export class Organizations1765300000000 implements MigrationInterface {
  name = 'Organizations1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organizations (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        name_key varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organizations_pkey PRIMARY KEY (id),
        CONSTRAINT organizations_name_key_unique UNIQUE (name_key),
        CONSTRAINT organizations_name_check CHECK (name = btrim(name) AND name <> ''),
        CONSTRAINT organizations_name_key_check CHECK (name_key = lower(name))
      )`);
    await q.query(`ALTER TABLE volunteers ADD COLUMN organization_id uuid`);
    await q.query(
      `ALTER TABLE volunteers ADD CONSTRAINT volunteers_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE SET NULL`,
    );
    await q.query(`CREATE INDEX volunteers_organization_idx ON volunteers (organization_id)`);
    await q.query(`
      INSERT INTO organizations (name, name_key)
      SELECT DISTINCT ON (lower(btrim(organization))) btrim(organization), lower(btrim(organization))
        FROM volunteers WHERE btrim(organization) <> ''
       ORDER BY lower(btrim(organization)), created_at, id`);
    await q.query(`UPDATE volunteers v SET organization_id = o.id FROM organizations o WHERE o.name_key = lower(btrim(v.organization))`);

    await q.query(`ALTER TABLE bookings ADD COLUMN organization_id uuid`);
    await q.query(
      `ALTER TABLE bookings ADD CONSTRAINT bookings_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE SET NULL`,
    );
    await q.query(`
      UPDATE bookings b SET organization_id = x.organization_id
        FROM (SELECT b2.id, v.organization_id,
                     row_number() OVER (PARTITION BY b2.event_id, b2.student_id, v.organization_id ORDER BY b2.created_at, b2.id) AS k
                FROM bookings b2 JOIN volunteers v ON v.id = b2.volunteer_id
               WHERE b2.status = 'confirmed' AND v.organization_id IS NOT NULL) x
       WHERE b.id = x.id AND x.k = 1`);
    await q.query(
      `CREATE UNIQUE INDEX bookings_student_organization_unique ON bookings (event_id, student_id, organization_id) WHERE status = 'confirmed'`,
    );
    // Entities cannot declare triggers (see README, Migrations): this one lives here only, and
    // booking-rules tests it. It runs on every insert and on a move to another volunteer.
    await q.query(`
      CREATE FUNCTION bookings_set_organization() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.organization_id := (SELECT organization_id FROM volunteers WHERE id = NEW.volunteer_id);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER bookings_set_organization BEFORE INSERT OR UPDATE OF volunteer_id ON bookings
        FOR EACH ROW EXECUTE FUNCTION bookings_set_organization()`);

    await q.query(`
      CREATE TABLE allocation_loads (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL,
        organization_id uuid,
        volunteer_id uuid,
        min_interviews smallint,
        max_interviews smallint,
        CONSTRAINT allocation_loads_pkey PRIMARY KEY (id),
        CONSTRAINT allocation_loads_event_id_fkey FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE,
        CONSTRAINT allocation_loads_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE,
        CONSTRAINT allocation_loads_volunteer_id_fkey FOREIGN KEY (volunteer_id) REFERENCES volunteers(id) ON DELETE CASCADE,
        CONSTRAINT allocation_loads_one_target CHECK ((organization_id IS NULL) <> (volunteer_id IS NULL)),
        CONSTRAINT allocation_loads_bounds CHECK (min_interviews >= 0 AND max_interviews >= 0 AND min_interviews <= max_interviews),
        CONSTRAINT allocation_loads_event_organization_unique UNIQUE (event_id, organization_id),
        CONSTRAINT allocation_loads_event_volunteer_unique UNIQUE (event_id, volunteer_id)
      )`);

    await q.query(`ALTER TABLE allocation_settings ADD COLUMN preference_mode varchar(8) NOT NULL DEFAULT 'ranked'`);
    await q.query(`ALTER TABLE allocation_settings ADD COLUMN acceptable_rating smallint`);
    await q.query(`ALTER TABLE allocation_settings ADD CONSTRAINT allocation_settings_preference_mode_check CHECK (preference_mode IN ('ranked', 'rated'))`);
    await q.query(`ALTER TABLE allocation_settings ADD CONSTRAINT allocation_settings_acceptable_rating_check CHECK (acceptable_rating BETWEEN 1 AND 5)`);

    await q.query(`
      CREATE TABLE allocation_explanations (
        run_id uuid NOT NULL,
        student_id uuid NOT NULL,
        explanation jsonb NOT NULL,
        CONSTRAINT allocation_explanations_pkey PRIMARY KEY (run_id, student_id),
        CONSTRAINT allocation_explanations_run_id_fkey FOREIGN KEY (run_id) REFERENCES allocation_runs(id) ON DELETE CASCADE,
        CONSTRAINT allocation_explanations_student_id_fkey FOREIGN KEY (student_id) REFERENCES students(id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE allocation_explanations`);
    await q.query(`ALTER TABLE allocation_settings DROP CONSTRAINT allocation_settings_acceptable_rating_check`);
    await q.query(`ALTER TABLE allocation_settings DROP CONSTRAINT allocation_settings_preference_mode_check`);
    await q.query(`ALTER TABLE allocation_settings DROP COLUMN acceptable_rating`);
    await q.query(`ALTER TABLE allocation_settings DROP COLUMN preference_mode`);
    await q.query(`DROP TABLE allocation_loads`);
    await q.query(`DROP TRIGGER bookings_set_organization ON bookings`);
    await q.query(`DROP FUNCTION bookings_set_organization()`);
    await q.query(`DROP INDEX bookings_student_organization_unique`);
    await q.query(`ALTER TABLE bookings DROP COLUMN organization_id`);
    await q.query(`DROP INDEX volunteers_organization_idx`);
    await q.query(`ALTER TABLE volunteers DROP COLUMN organization_id`);
    await q.query(`DROP TABLE organizations`);
  }
}
