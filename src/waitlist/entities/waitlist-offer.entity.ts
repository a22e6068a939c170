import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Booking } from '../../bookings/entities/booking.entity';
import { Event } from '../../events/entities/event.entity';
import { Slot } from '../../slots/entities/slot.entity';
import { Student } from '../../students/entities/student.entity';
import { WaitlistEntry } from './waitlist-entry.entity';

export const OFFER_STATES = ['offered', 'accepted', 'declined', 'expired', 'withdrawn'] as const;
export type OfferState = (typeof OFFER_STATES)[number];

/**
 * A slot held for one waiting student until they answer or `expiresAt`; kept for good as the
 * offer's history. Mirrors 1765650000000, whose triggers (not expressible here) withdraw an
 * offer whose slot is deleted and refuse bookings of a held slot.
 */
@Entity('waitlist_offers')
@Check('waitlist_offers_state_check', "state IN ('offered', 'accepted', 'declined', 'expired', 'withdrawn')")
@Check('waitlist_offers_ended_check', "(state = 'offered') = (ended_at IS NULL)")
@Check('waitlist_offers_live_has_slot', "state <> 'offered' OR slot_id IS NOT NULL")
@Check('waitlist_offers_expiry_order', 'expires_at > offered_at')
@Index('waitlist_offers_slot_held_unique', ['slotId'], { unique: true, where: "state = 'offered'" })
@Index('waitlist_offers_student_live_unique', ['eventId', 'studentId'], { unique: true, where: "state = 'offered'" })
@Index('waitlist_offers_due_idx', ['expiresAt'], { where: "state = 'offered'" })
@Index('waitlist_offers_student_slot_idx', ['studentId', 'slotId'])
@Index('waitlist_offers_entry_idx', ['entryId'])
export class WaitlistOffer {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'waitlist_offers_pkey' })
  id: string;

  @Column({ name: 'entry_id', type: 'uuid' })
  @ForeignKey(() => WaitlistEntry, { name: 'waitlist_offers_entry_id_fkey', onDelete: 'CASCADE' })
  entryId: string;

  @Column({ name: 'event_id', type: 'uuid' })
  @ForeignKey(() => Event, { name: 'waitlist_offers_event_id_fkey', onDelete: 'CASCADE' })
  eventId: string;

  @Column({ name: 'student_id', type: 'uuid' })
  @ForeignKey(() => Student, { name: 'waitlist_offers_student_id_fkey', onDelete: 'CASCADE' })
  studentId: string;

  @Column({ name: 'slot_id', type: 'uuid', nullable: true })
  @ForeignKey(() => Slot, { name: 'waitlist_offers_slot_id_fkey', onDelete: 'SET NULL' })
  slotId: string | null;

  /** The slot's times when offered, kept after the slot is gone. */
  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'varchar', length: 16, default: 'offered' })
  state: OfferState;

  @Column({ name: 'offered_at', type: 'timestamptz', default: () => 'now()' })
  offeredAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  /** When it left `offered` (answered, expired or withdrawn). */
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'booking_id', type: 'uuid', nullable: true })
  @ForeignKey(() => Booking, { name: 'waitlist_offers_booking_id_fkey', onDelete: 'SET NULL' })
  bookingId: string | null;
}
