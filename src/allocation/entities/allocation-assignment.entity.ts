import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Booking } from '../../bookings/entities/booking.entity';
import { AllocationRun } from './allocation-run.entity';

/**
 * One interview a run proposes. Slot, student and volunteer are a snapshot (no foreign keys):
 * the run stays readable when they change, and publishing checks the current state instead.
 */
@Entity('allocation_assignments')
@Check('allocation_assignments_rank_check', 'rank >= 1')
@Index('allocation_assignments_run_start_idx', ['runId', 'startsAt', 'slotId'])
export class AllocationAssignmentRow {
  @PrimaryColumn({ name: 'run_id', type: 'uuid', primaryKeyConstraintName: 'allocation_assignments_pkey' })
  @ForeignKey(() => AllocationRun, { name: 'allocation_assignments_run_id_fkey', onDelete: 'CASCADE' })
  runId: string;

  @PrimaryColumn({ name: 'slot_id', type: 'uuid', primaryKeyConstraintName: 'allocation_assignments_pkey' })
  slotId: string;

  @Column({ name: 'student_id', type: 'uuid' })
  studentId: string;

  @Column({ name: 'volunteer_id', type: 'uuid' })
  volunteerId: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'smallint' })
  rank: number;

  /** The booking publishing made from this assignment. */
  @Column({ name: 'booking_id', type: 'uuid', nullable: true })
  @ForeignKey(() => Booking, { name: 'allocation_assignments_booking_id_fkey', onDelete: 'SET NULL' })
  bookingId: string | null;
}
