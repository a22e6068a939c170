import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A job written to PostgreSQL by a request, for the worker's relay to hand to Redis. The
 * request never waits on Redis; mirrors migration 1765200000000 by constraint name.
 */
@Entity('job_outbox')
@Index('job_outbox_unqueued_idx', ['createdAt'], { where: 'enqueued_at IS NULL' })
@Index('job_outbox_enqueued_idx', ['enqueuedAt'], { where: 'enqueued_at IS NOT NULL' })
export class JobOutboxEntry {
  /** The BullMQ job id: a second hand-over of the same row adds nothing. */
  @PrimaryColumn({ name: 'job_id', type: 'varchar', length: 200, primaryKeyConstraintName: 'job_outbox_pkey' })
  jobId: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** A delayed job: when it runs (migration 1765700000001); null runs at once. */
  @Column({ name: 'run_at', type: 'timestamptz', nullable: true })
  runAt: Date | null;

  /** When the relay last handed it to Redis; null until the first time. */
  @Column({ name: 'enqueued_at', type: 'timestamptz', nullable: true })
  enqueuedAt: Date | null;
}
