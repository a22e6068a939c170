import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Student } from '../../students/entities/student.entity';

export const STRIKE_ENTRY_KINDS = ['strike', 'excuse', 'clear'] as const;
export type StrikeEntryKind = (typeof STRIKE_ENTRY_KINDS)[number];
export const STRIKE_CAUSES = ['no_show', 'late_cancellation', 'manual'] as const;
export type StrikeCause = (typeof STRIKE_CAUSES)[number];
export type RecorderRole = 'staff' | 'volunteer' | 'student';

/**
 * One line of the append-only strike ledger: a strike, an excuse of one strike (`strikeId`), or
 * a clear of every strike before it. Never updated or deleted (a trigger of migration
 * 1765700000000 refuses it); corrections are new lines.
 */
@Entity('strike_entries')
@Check('strike_entries_kind_check', "kind IN ('strike', 'excuse', 'clear')")
@Check('strike_entries_cause_check', "cause IN ('no_show', 'late_cancellation', 'manual')")
@Check('strike_entries_role_check', "recorded_by_role IN ('staff', 'volunteer', 'student')")
@Check('strike_entries_reason_check', 'length(reason) >= 1')
@Check(
  'strike_entries_shape_check',
  `(kind = 'strike' AND cause IS NOT NULL AND strike_id IS NULL)
          OR (kind = 'excuse' AND cause IS NULL AND strike_id IS NOT NULL)
          OR (kind = 'clear' AND cause IS NULL AND strike_id IS NULL)`,
)
@Index('strike_entries_student_idx', ['studentId', 'id'])
@Index('strike_entries_one_excuse', ['strikeId'], { unique: true, where: "kind = 'excuse'" })
@Index('strike_entries_booking_idx', ['bookingId'], { where: 'booking_id IS NOT NULL' })
export class StrikeEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'strike_entries_pkey' })
  id: string;

  @Column({ name: 'student_id', type: 'uuid' })
  @ForeignKey(() => Student, { name: 'strike_entries_student_id_fkey', onDelete: 'CASCADE' })
  studentId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: StrikeEntryKind;

  @Column({ type: 'varchar', length: 32, nullable: true })
  cause: StrikeCause | null;

  @Column({ name: 'strike_id', type: 'bigint', nullable: true })
  @ForeignKey(() => StrikeEntry, { name: 'strike_entries_strike_id_fkey', onDelete: 'CASCADE' })
  strikeId: string | null;

  /** The interview it is about; history, not a foreign key (the strikes module sits below bookings). */
  @Column({ name: 'booking_id', type: 'uuid', nullable: true })
  bookingId: string | null;

  @Column({ name: 'event_id', type: 'uuid', nullable: true })
  eventId: string | null;

  /** When it happened: the interview's start for a no-show, the cancellation, or what staff say. */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @Column({ name: 'recorded_by_role', type: 'varchar', length: 16 })
  recordedByRole: RecorderRole;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
