import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Wakes the invite relay as soon as there is work, instead of on its next poll: NOTIFY on the
 * `invite_relay` channel, the payload naming the table. NOTIFY is delivered at commit and
 * repeats of the same channel and payload in one transaction collapse into one, so a bulk
 * writer (the allocation publish) costs one notification, not one per row.
 * - `booking_changes` rows: a booking was confirmed, changed or cancelled;
 * - `invite_reminders` rows: reminders to hand to the queue as delayed jobs;
 * - an outbox message put back from `failed` by staff's retry.
 */
export class InviteRelayKick1764460000000 implements MigrationInterface {
  name = 'InviteRelayKick1764460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION invite_relay_kick() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('invite_relay', TG_TABLE_NAME);
        RETURN NULL;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER booking_changes_kick_relay AFTER INSERT ON booking_changes
        FOR EACH STATEMENT EXECUTE FUNCTION invite_relay_kick()`);
    await q.query(`
      CREATE TRIGGER invite_reminders_kick_relay AFTER INSERT ON invite_reminders
        FOR EACH STATEMENT EXECUTE FUNCTION invite_relay_kick()`);
    // Row level only to read OLD and NEW: it fires for staff's retry, not every status change.
    await q.query(`
      CREATE TRIGGER outbox_messages_kick_relay AFTER UPDATE OF status ON outbox_messages
        FOR EACH ROW WHEN (OLD.status = 'failed' AND NEW.status = 'pending')
        EXECUTE FUNCTION invite_relay_kick()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER outbox_messages_kick_relay ON outbox_messages`);
    await q.query(`DROP TRIGGER invite_reminders_kick_relay ON invite_reminders`);
    await q.query(`DROP TRIGGER booking_changes_kick_relay ON booking_changes`);
    await q.query(`DROP FUNCTION invite_relay_kick()`);
  }
}
