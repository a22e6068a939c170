import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: waitlists with expiring offers (src/waitlist).
 * - A student waits in an event's line, optionally narrowed to one volunteer, organization or
 *   expertise tag; one waiting entry per student, event and narrowing (NULLS NOT DISTINCT, so
 *   "no narrowing" counts once too).
 * - An offer holds one slot for one student until it is answered, expires or its slot goes:
 *   at most one live (`offered`) offer per slot and per student and event (partial unique
 *   indexes). Offers are never deleted with their slot: the slot id turns NULL and a trigger
 *   marks the offer `withdrawn`, so every offer's history stays.
 * - A held slot cannot be booked by anyone (the offer's own student books it by accepting,
 *   which ends the hold in the same transaction): the first-come claim refuses it in its
 *   snapshot (`slot_held`), and `bookings_slot_held` holds it for every path that writes
 *   bookings (claims, moves, allocation), races included. It first takes the lock the foreign
 *   key check takes anyway (FOR KEY SHARE on the slot), which waits for an offer being made
 *   (the worker holds the slot FOR UPDATE), and then looks for a live offer in a new snapshot.
 */
export class WaitlistOffers1765650000000 implements MigrationInterface {
  name = 'WaitlistOffers1765650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE waitlist_settings (
        event_id uuid NOT NULL,
        offer_hold_seconds integer NOT NULL DEFAULT 7200,
        CONSTRAINT waitlist_settings_pkey PRIMARY KEY (event_id),
        CONSTRAINT waitlist_settings_event_id_fkey FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE,
        CONSTRAINT waitlist_settings_hold_check CHECK (offer_hold_seconds BETWEEN 1 AND 604800)
      )`);
    await q.query(`
      CREATE TABLE waitlist_entries (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL,
        student_id uuid NOT NULL,
        volunteer_id uuid,
        organization_id uuid,
        expertise varchar(100),
        status varchar(16) NOT NULL DEFAULT 'waiting',
        joined_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        ended_at timestamptz,
        CONSTRAINT waitlist_entries_pkey PRIMARY KEY (id),
        CONSTRAINT waitlist_entries_event_id_fkey FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE,
        CONSTRAINT waitlist_entries_student_id_fkey FOREIGN KEY (student_id) REFERENCES students(id) ON DELETE CASCADE,
        CONSTRAINT waitlist_entries_volunteer_id_fkey FOREIGN KEY (volunteer_id) REFERENCES volunteers(id) ON DELETE CASCADE,
        CONSTRAINT waitlist_entries_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE,
        CONSTRAINT waitlist_entries_status_check CHECK (status IN ('waiting', 'served', 'left', 'lapsed')),
        CONSTRAINT waitlist_entries_one_narrowing CHECK (num_nonnulls(volunteer_id, organization_id, expertise) <= 1),
        CONSTRAINT waitlist_entries_ended_check CHECK ((status = 'waiting') = (ended_at IS NULL))
      )`);
    await q.query(`
      CREATE UNIQUE INDEX waitlist_entries_waiting_unique
        ON waitlist_entries (event_id, student_id, volunteer_id, organization_id, expertise) NULLS NOT DISTINCT
        WHERE status = 'waiting'`);
    await q.query(`CREATE INDEX waitlist_entries_line_idx ON waitlist_entries (event_id, joined_at, id) WHERE status = 'waiting'`);
    await q.query(`CREATE INDEX waitlist_entries_student_idx ON waitlist_entries (student_id, joined_at)`);

    await q.query(`
      CREATE TABLE waitlist_offers (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        entry_id uuid NOT NULL,
        event_id uuid NOT NULL,
        student_id uuid NOT NULL,
        slot_id uuid,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        state varchar(16) NOT NULL DEFAULT 'offered',
        offered_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        booking_id uuid,
        CONSTRAINT waitlist_offers_pkey PRIMARY KEY (id),
        CONSTRAINT waitlist_offers_entry_id_fkey FOREIGN KEY (entry_id) REFERENCES waitlist_entries(id) ON DELETE CASCADE,
        CONSTRAINT waitlist_offers_event_id_fkey FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE,
        CONSTRAINT waitlist_offers_student_id_fkey FOREIGN KEY (student_id) REFERENCES students(id) ON DELETE CASCADE,
        CONSTRAINT waitlist_offers_slot_id_fkey FOREIGN KEY (slot_id) REFERENCES slots(id) ON DELETE SET NULL,
        CONSTRAINT waitlist_offers_booking_id_fkey FOREIGN KEY (booking_id) REFERENCES bookings(id) ON DELETE SET NULL,
        CONSTRAINT waitlist_offers_state_check CHECK (state IN ('offered', 'accepted', 'declined', 'expired', 'withdrawn')),
        CONSTRAINT waitlist_offers_ended_check CHECK ((state = 'offered') = (ended_at IS NULL)),
        CONSTRAINT waitlist_offers_live_has_slot CHECK (state <> 'offered' OR slot_id IS NOT NULL),
        CONSTRAINT waitlist_offers_expiry_order CHECK (expires_at > offered_at)
      )`);
    await q.query(`CREATE UNIQUE INDEX waitlist_offers_slot_held_unique ON waitlist_offers (slot_id) WHERE state = 'offered'`);
    await q.query(`CREATE UNIQUE INDEX waitlist_offers_student_live_unique ON waitlist_offers (event_id, student_id) WHERE state = 'offered'`);
    await q.query(`CREATE INDEX waitlist_offers_due_idx ON waitlist_offers (expires_at) WHERE state = 'offered'`);
    await q.query(`CREATE INDEX waitlist_offers_student_slot_idx ON waitlist_offers (student_id, slot_id)`);
    await q.query(`CREATE INDEX waitlist_offers_entry_idx ON waitlist_offers (entry_id)`);

    // Entities cannot declare triggers (README, Migrations): these live here only.
    await q.query(`
      CREATE FUNCTION waitlist_offers_withdraw_without_slot() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.slot_id IS NULL AND NEW.state = 'offered' THEN
          NEW.state := 'withdrawn';
          NEW.ended_at := now();
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER waitlist_offers_withdraw_without_slot BEFORE UPDATE OF slot_id ON waitlist_offers
        FOR EACH ROW EXECUTE FUNCTION waitlist_offers_withdraw_without_slot()`);
    await q.query(`
      CREATE FUNCTION bookings_slot_held() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.slot_id IS NOT DISTINCT FROM OLD.slot_id AND OLD.status = 'confirmed' THEN
          RETURN NEW;
        END IF;
        PERFORM 1 FROM slots WHERE id = NEW.slot_id FOR KEY SHARE;
        IF EXISTS (SELECT 1 FROM waitlist_offers WHERE slot_id = NEW.slot_id AND state = 'offered') THEN
          RAISE EXCEPTION 'slot % is held for a student on the waitlist', NEW.slot_id
            USING ERRCODE = 'unique_violation', CONSTRAINT = 'bookings_slot_held', TABLE = 'bookings';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER bookings_slot_held BEFORE INSERT OR UPDATE OF slot_id, status ON bookings
        FOR EACH ROW WHEN (NEW.status = 'confirmed' AND NEW.slot_id IS NOT NULL) EXECUTE FUNCTION bookings_slot_held()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER bookings_slot_held ON bookings`);
    await q.query(`DROP FUNCTION bookings_slot_held()`);
    await q.query(`DROP TABLE waitlist_offers`);
    await q.query(`DROP FUNCTION waitlist_offers_withdraw_without_slot()`);
    await q.query(`DROP TABLE waitlist_entries`);
    await q.query(`DROP TABLE waitlist_settings`);
  }
}
