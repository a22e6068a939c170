import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type BookingStatus = 'confirmed' | 'cancelled';

/** Times and volunteer are copied from the slot so the exclusion constraint can see them. */
@Entity('bookings')
export class Booking {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'slot_id', type: 'uuid', nullable: true })
  slotId: string | null;

  @Column({ name: 'volunteer_id', type: 'uuid' })
  volunteerId: string;

  @Column({ name: 'student_id', type: 'uuid' })
  studentId: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ name: 'booking_number', type: 'smallint' })
  bookingNumber: number;

  @Column({ type: 'varchar', length: 16, default: 'confirmed' })
  status: BookingStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;
}
