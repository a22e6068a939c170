import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { Booking } from '../../bookings/entities/booking.entity';

/** The last iTIP SEQUENCE given to a booking's invites; mirrors migration 1764100000000. */
@Entity('invite_sequences')
@Check('invite_sequences_sequence_check', 'sequence >= 0')
export class InviteSequence {
  @PrimaryColumn({ name: 'booking_id', type: 'uuid', primaryKeyConstraintName: 'invite_sequences_pkey' })
  @ForeignKey(() => Booking, { name: 'invite_sequences_booking_id_fkey', onDelete: 'CASCADE' })
  bookingId: string;

  @Column({ type: 'integer' })
  sequence: number;
}
