import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff feeds become subscribable: a calendar app cannot send a bearer token, so the floor
 * team's per-event and per-volunteer feeds get secret URLs like the personal ones. A token
 * belongs to a student, a volunteer or an event, and is read by its owner or by staff; a
 * volunteer may have both (their own URL and the one staff hand out), revoked separately.
 */
export class StaffCalendarFeeds1764400000000 implements MigrationInterface {
  name = 'StaffCalendarFeeds1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE calendar_tokens ADD COLUMN event_id uuid`);
    await q.query(`ALTER TABLE calendar_tokens ADD COLUMN audience varchar(16) NOT NULL DEFAULT 'owner'`);
    await q.query(`
      ALTER TABLE calendar_tokens
        ADD CONSTRAINT calendar_tokens_event_id_fkey FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE calendar_tokens DROP CONSTRAINT calendar_tokens_one_owner`);
    await q.query(`
      ALTER TABLE calendar_tokens
        ADD CONSTRAINT calendar_tokens_one_owner CHECK (num_nonnulls(student_id, volunteer_id, event_id) = 1)`);
    // Students read only their own feed; an event's feed is only ever staff's.
    await q.query(`
      ALTER TABLE calendar_tokens ADD CONSTRAINT calendar_tokens_audience_check CHECK (
        (audience = 'owner' AND event_id IS NULL) OR (audience = 'staff' AND student_id IS NULL))`);
    // One live token per owner and audience: rotating replaces the row, revoking the old URL.
    await q.query(`DROP INDEX calendar_tokens_student_unique`);
    await q.query(`DROP INDEX calendar_tokens_volunteer_unique`);
    await q.query(`CREATE UNIQUE INDEX calendar_tokens_student_unique ON calendar_tokens (student_id, audience) WHERE student_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX calendar_tokens_volunteer_unique ON calendar_tokens (volunteer_id, audience) WHERE volunteer_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX calendar_tokens_event_unique ON calendar_tokens (event_id, audience) WHERE event_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM calendar_tokens WHERE audience = 'staff'`);
    await q.query(`DROP INDEX calendar_tokens_event_unique`);
    await q.query(`DROP INDEX calendar_tokens_volunteer_unique`);
    await q.query(`DROP INDEX calendar_tokens_student_unique`);
    await q.query(`CREATE UNIQUE INDEX calendar_tokens_student_unique ON calendar_tokens (student_id) WHERE student_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX calendar_tokens_volunteer_unique ON calendar_tokens (volunteer_id) WHERE volunteer_id IS NOT NULL`);
    await q.query(`ALTER TABLE calendar_tokens DROP CONSTRAINT calendar_tokens_audience_check`);
    await q.query(`ALTER TABLE calendar_tokens DROP CONSTRAINT calendar_tokens_one_owner`);
    await q.query(`ALTER TABLE calendar_tokens ADD CONSTRAINT calendar_tokens_one_owner CHECK (num_nonnulls(student_id, volunteer_id) = 1)`);
    await q.query(`ALTER TABLE calendar_tokens DROP COLUMN audience`);
    await q.query(`ALTER TABLE calendar_tokens DROP COLUMN event_id`);
  }
}
