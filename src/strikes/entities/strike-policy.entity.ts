import { Check, Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Event } from '../../events/entities/event.entity';

/**
 * The office's strike policy: one row (id = true), seeded by migration 1765700000000.
 * A period is either rolling (`periodDays`) or a term (`periodStartsAt` to `periodEndsAt`).
 */
@Entity('strike_policy')
@Check('strike_policy_one_row', 'id')
@Check('strike_policy_limit_check', 'strike_limit BETWEEN 0 AND 100')
@Check('strike_policy_late_cancel_check', 'late_cancel_minutes BETWEEN 0 AND 20160')
@Check(
  'strike_policy_period_check',
  `(period_days BETWEEN 1 AND 3660 AND period_starts_at IS NULL AND period_ends_at IS NULL)
          OR (period_days IS NULL AND period_starts_at IS NOT NULL AND period_ends_at > period_starts_at)`,
)
export class StrikePolicy {
  @PrimaryColumn({ type: 'boolean', default: true, primaryKeyConstraintName: 'strike_policy_pkey' })
  id: boolean;

  /** Strikes within the period that stop a student booking themselves; 0: never. */
  @Column({ name: 'strike_limit', type: 'smallint', default: 3 })
  strikeLimit: number;

  @Column({ name: 'period_days', type: 'smallint', nullable: true })
  periodDays: number | null;

  @Column({ name: 'period_starts_at', type: 'timestamptz', nullable: true })
  periodStartsAt: Date | null;

  @Column({ name: 'period_ends_at', type: 'timestamptz', nullable: true })
  periodEndsAt: Date | null;

  /** A student's own cancellation this close to the start is a strike; 0: never. */
  @Column({ name: 'late_cancel_minutes', type: 'integer', default: 0 })
  lateCancelMinutes: number;

  @Column({ name: 'no_shows_count', type: 'boolean', default: true })
  noShowsCount: boolean;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One event's overrides of the office's policy; NULL follows the office. */
@Entity('event_strike_policies')
@Check('event_strike_policies_limit_check', 'strike_limit BETWEEN 0 AND 100')
@Check('event_strike_policies_late_cancel_check', 'late_cancel_minutes BETWEEN 0 AND 20160')
@Check(
  'event_strike_policies_period_check',
  `(period_days IS NULL OR (period_days BETWEEN 1 AND 3660 AND period_starts_at IS NULL))
          AND (period_starts_at IS NULL) = (period_ends_at IS NULL)
          AND (period_ends_at IS NULL OR period_ends_at > period_starts_at)`,
)
export class EventStrikePolicy {
  @PrimaryColumn({ name: 'event_id', type: 'uuid', primaryKeyConstraintName: 'event_strike_policies_pkey' })
  @ForeignKey(() => Event, { name: 'event_strike_policies_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string;

  @Column({ name: 'strike_limit', type: 'smallint', nullable: true })
  strikeLimit: number | null;

  @Column({ name: 'period_days', type: 'smallint', nullable: true })
  periodDays: number | null;

  @Column({ name: 'period_starts_at', type: 'timestamptz', nullable: true })
  periodStartsAt: Date | null;

  @Column({ name: 'period_ends_at', type: 'timestamptz', nullable: true })
  periodEndsAt: Date | null;

  @Column({ name: 'late_cancel_minutes', type: 'integer', nullable: true })
  lateCancelMinutes: number | null;

  @Column({ name: 'no_shows_count', type: 'boolean', nullable: true })
  noShowsCount: boolean | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
