import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Requests that only start background work (a sign-in e-mail, an allocation run) write a row
 * here instead of talking to Redis, so a Redis outage delays the work but never holds up or
 * refuses the request. The worker's relay hands rows to the queue (job id = row key) and
 * drops them once the job has finished. NOTIFY `job_outbox` at commit wakes the relay at once.
 */
export class JobOutbox1765200000000 implements MigrationInterface {
  name = 'JobOutbox1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE job_outbox (
        job_id varchar(200) NOT NULL,
        name varchar(64) NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        enqueued_at timestamptz,
        CONSTRAINT job_outbox_pkey PRIMARY KEY (job_id)
      )`);
    await q.query(`CREATE INDEX job_outbox_unqueued_idx ON job_outbox (created_at) WHERE enqueued_at IS NULL`);
    await q.query(`CREATE INDEX job_outbox_enqueued_idx ON job_outbox (enqueued_at) WHERE enqueued_at IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION job_outbox_kick() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('job_outbox', '');
        RETURN NULL;
      END
      $$`);
    await q.query(`CREATE TRIGGER job_outbox_kick_relay AFTER INSERT ON job_outbox FOR EACH STATEMENT EXECUTE FUNCTION job_outbox_kick()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER job_outbox_kick_relay ON job_outbox`);
    await q.query(`DROP FUNCTION job_outbox_kick()`);
    await q.query(`DROP TABLE job_outbox`);
  }
}
