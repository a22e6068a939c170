import { Check, Column, CreateDateColumn, Entity, Exclusion, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Event } from '../../events/entities/event.entity';
import { Organization } from '../../organizations/entities/organization.entity';
import { Slot } from '../../slots/entities/slot.entity';
import { Student } from '../../students/entities/student.entity';
import { Volunteer } from '../../volunteers/entities/volunteer.entity';

export type BookingStatus = 'confirmed' | 'cancelled';

/**
 * Times and volunteer are copied from the slot so the exclusion constraint can see them.
 * Constraints mirror the migrations by name; test/e2e/schema-drift checks they agree.
 */
@Entity('bookings')
@Check('bookings_booking_number_check', 'booking_number >= 1')
@Check('bookings_status_check', "status IN ('confirmed', 'cancelled')")
@Check('bookings_confirmed_has_slot', "status <> 'confirmed' OR slot_id IS NOT NULL")
@Check('bookings_cancelled_has_time', "(status = 'cancelled') = (cancelled_at IS NOT NULL)")
@Exclusion(
  'bookings_student_no_overlap',
  "USING gist (student_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status = 'confirmed')",
)
// Issue 12: one student's interviews in one event at least the event's gap apart (gap_range,
// set by the bookings_set_gap_range trigger of migration 1765600000000).
@Exclusion('bookings_student_gap', "USING gist (event_id WITH =, student_id WITH =, gap_range WITH &&) WHERE (status = 'confirmed')")
@Index('bookings_slot_confirmed_unique', ['slotId'], { unique: true, where: "status = 'confirmed'" })
@Index('bookings_student_number_unique', ['eventId', 'studentId', 'bookingNumber'], {
  unique: true,
  where: "status = 'confirmed'",
})
@Index('bookings_student_organization_unique', ['eventId', 'studentId', 'organizationId'], {
  unique: true,
  where: "status = 'confirmed'",
})
@Index('bookings_student_idx', ['studentId', 'startsAt'])
@Index('bookings_event_idx', ['eventId', 'startsAt'])
export class Booking {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'bookings_pkey' })
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  @ForeignKey(() => Event, { name: 'bookings_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string;

  @Column({ name: 'slot_id', type: 'uuid', nullable: true })
  @ForeignKey(() => Slot, { name: 'bookings_slot_id_fkey', onDelete: 'SET NULL' })
  slotId: string | null;

  @Column({ name: 'volunteer_id', type: 'uuid' })
  @ForeignKey(() => Volunteer, { name: 'bookings_volunteer_id_fkey', onDelete: 'CASCADE' })
  volunteerId: string;

  /**
   * The volunteer's organization, set by the `bookings_set_organization` trigger (migration
   * 1765300000000) on insert and on a move: at most one confirmed interview per organization.
   */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  @ForeignKey(() => Organization, { name: 'bookings_organization_id_fkey', onDelete: 'SET NULL' })
  organizationId: string | null;

  @Column({ name: 'student_id', type: 'uuid' })
  @ForeignKey(() => Student, { name: 'bookings_student_id_fkey', onDelete: 'CASCADE' })
  studentId: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  /** The interview widened by half its event's gap on each side; NULL when the event has none. Written by the trigger only. */
  @Column({ name: 'gap_range', type: 'tstzrange', nullable: true, select: false, insert: false, update: false })
  gapRange?: string | null;

  @Column({ name: 'booking_number', type: 'smallint' })
  bookingNumber: number;

  @Column({ type: 'varchar', length: 16, default: 'confirmed' })
  status: BookingStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;
}
