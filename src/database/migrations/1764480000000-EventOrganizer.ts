import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each event may name its own organizer (the ORGANIZER of its calendar invites, where
 * replies go); empty means the configured sender (INVITE_ORGANIZER or MAIL_FROM).
 */
export class EventOrganizer1764480000000 implements MigrationInterface {
  name = 'EventOrganizer1764480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events ADD COLUMN organizer_name varchar(200) NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE events ADD COLUMN organizer_email varchar(254) NOT NULL DEFAULT ''`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events DROP COLUMN organizer_email`);
    await q.query(`ALTER TABLE events DROP COLUMN organizer_name`);
  }
}
