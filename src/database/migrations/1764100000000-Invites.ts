import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calendar invites (issue 5): a transactional outbox of e-mails, one row per message and
 * party, created from `booking_changes` in the transaction that marks the change processed;
 * and each booking's last iTIP SEQUENCE (RFC 5545 §3.8.7.4), so updates and cancellations
 * count up without touching `bookings`; and the personal calendar feed tokens (hashed for
 * lookup, sealed with a key derived from JWT_SECRET so the owner can be shown the URL again).
 */
export class Invites1764100000000 implements MigrationInterface {
  name = 'Invites1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invite_sequences (
        booking_id uuid NOT NULL,
        sequence integer NOT NULL,
        CONSTRAINT invite_sequences_pkey PRIMARY KEY (booking_id),
        CONSTRAINT invite_sequences_booking_id_fkey FOREIGN KEY (booking_id) REFERENCES bookings (id) ON DELETE CASCADE,
        CONSTRAINT invite_sequences_sequence_check CHECK (sequence >= 0)
      )`);
    await q.query(`
      CREATE TABLE outbox_messages (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        booking_id uuid NOT NULL,
        change_id bigint NOT NULL,
        recipient_role varchar(16) NOT NULL,
        recipient_id uuid NOT NULL,
        method varchar(8) NOT NULL,
        sequence integer NOT NULL,
        stamp timestamptz NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        message_id varchar(255) NOT NULL,
        enqueued_at timestamptz,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT outbox_messages_pkey PRIMARY KEY (id),
        CONSTRAINT outbox_messages_booking_id_fkey FOREIGN KEY (booking_id) REFERENCES bookings (id) ON DELETE CASCADE,
        CONSTRAINT outbox_messages_change_id_fkey FOREIGN KEY (change_id) REFERENCES booking_changes (id) ON DELETE CASCADE,
        CONSTRAINT outbox_messages_recipient_role_check CHECK (recipient_role IN ('student', 'volunteer')),
        CONSTRAINT outbox_messages_method_check CHECK (method IN ('REQUEST', 'CANCEL')),
        CONSTRAINT outbox_messages_status_check CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
        CONSTRAINT outbox_messages_sequence_check CHECK (sequence >= 0),
        CONSTRAINT outbox_messages_attempts_check CHECK (attempts >= 0),
        CONSTRAINT outbox_messages_sent_has_time CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
        CONSTRAINT outbox_messages_message_id_unique UNIQUE (message_id)
      )`);
    // One message per party per change, recipient included: a volunteer swap yields a CANCEL
    // to the old volunteer and a REQUEST to the new one for the same change.
    await q.query(
      `CREATE UNIQUE INDEX outbox_messages_change_recipient_unique ON outbox_messages (change_id, recipient_role, recipient_id)`,
    );
    await q.query(`CREATE INDEX outbox_messages_booking_idx ON outbox_messages (booking_id, recipient_role, sequence)`);
    await q.query(`CREATE INDEX outbox_messages_unsent_idx ON outbox_messages (created_at) WHERE status IN ('pending', 'sending')`);
    await q.query(`CREATE INDEX outbox_messages_status_idx ON outbox_messages (status, created_at)`);

    await q.query(`
      CREATE TABLE calendar_tokens (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        student_id uuid,
        volunteer_id uuid,
        token_hash char(64) NOT NULL,
        token_sealed text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT calendar_tokens_pkey PRIMARY KEY (id),
        CONSTRAINT calendar_tokens_student_id_fkey FOREIGN KEY (student_id) REFERENCES students (id) ON DELETE CASCADE,
        CONSTRAINT calendar_tokens_volunteer_id_fkey FOREIGN KEY (volunteer_id) REFERENCES volunteers (id) ON DELETE CASCADE,
        CONSTRAINT calendar_tokens_one_owner CHECK (num_nonnulls(student_id, volunteer_id) = 1),
        CONSTRAINT calendar_tokens_token_hash_unique UNIQUE (token_hash)
      )`);
    // One live token per person: rotating replaces the row, which revokes the old URL.
    await q.query(`CREATE UNIQUE INDEX calendar_tokens_student_unique ON calendar_tokens (student_id) WHERE student_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX calendar_tokens_volunteer_unique ON calendar_tokens (volunteer_id) WHERE volunteer_id IS NOT NULL`);

    // Reminders: offsets (minutes before the start) per event; without a row, 24 h and 1 h.
    await q.query(`
      CREATE TABLE event_reminder_settings (
        event_id uuid NOT NULL,
        offsets_minutes integer[] NOT NULL,
        CONSTRAINT event_reminder_settings_pkey PRIMARY KEY (event_id),
        CONSTRAINT event_reminder_settings_event_id_fkey FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
        CONSTRAINT event_reminder_settings_offsets_check CHECK (cardinality(offsets_minutes) <= 5)
      )`);
    // One row per reminder e-mail, written with the booking change that schedules it. A row
    // names the start it was made for: a moved booking's old reminders are cancelled, and the
    // job re-checks the booking when it fires.
    await q.query(`
      CREATE TABLE invite_reminders (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        booking_id uuid NOT NULL,
        recipient_role varchar(16) NOT NULL,
        recipient_id uuid NOT NULL,
        offset_minutes integer NOT NULL,
        starts_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending',
        enqueued_at timestamptz,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT invite_reminders_pkey PRIMARY KEY (id),
        CONSTRAINT invite_reminders_booking_id_fkey FOREIGN KEY (booking_id) REFERENCES bookings (id) ON DELETE CASCADE,
        CONSTRAINT invite_reminders_recipient_role_check CHECK (recipient_role IN ('student', 'volunteer')),
        CONSTRAINT invite_reminders_status_check CHECK (status IN ('pending', 'sending', 'sent', 'cancelled')),
        CONSTRAINT invite_reminders_offset_check CHECK (offset_minutes > 0)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX invite_reminders_unique ON invite_reminders (booking_id, recipient_role, recipient_id, offset_minutes, starts_at)`,
    );
    await q.query(`CREATE INDEX invite_reminders_pending_idx ON invite_reminders (due_at) WHERE status IN ('pending', 'sending')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invite_reminders`);
    await q.query(`DROP TABLE event_reminder_settings`);
    await q.query(`DROP TABLE calendar_tokens`);
    await q.query(`DROP TABLE outbox_messages`);
    await q.query(`DROP TABLE invite_sequences`);
  }
}
