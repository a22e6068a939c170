import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Booking } from './booking.entity';

export const BOOKING_CHANGES = ['confirmed', 'updated', 'cancelled'] as const;
export type BookingChangeKind = (typeof BOOKING_CHANGES)[number];

/** One row per change to a booking, written in the change's own transaction. */
@Entity('booking_changes')
@Check('booking_changes_change_check', "change IN ('confirmed', 'updated', 'cancelled')")
@Index('booking_changes_pending_idx', ['id'], { where: 'processed_at IS NULL' })
@Index('booking_changes_booking_idx', ['bookingId', 'id'])
export class BookingChange {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'booking_changes_pkey' })
  id: string;

  @Column({ name: 'booking_id', type: 'uuid' })
  @ForeignKey(() => Booking, { name: 'booking_changes_booking_id_fkey', onDelete: 'CASCADE' })
  bookingId: string;

  @Column({ type: 'varchar', length: 16 })
  change: BookingChangeKind;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt: Date | null;
}
