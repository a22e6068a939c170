import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { BookingChange } from '../../bookings/entities/booking-change.entity';
import { Booking } from '../../bookings/entities/booking.entity';

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
export type RecipientRole = 'student' | 'volunteer';
export type InviteMethodColumn = 'REQUEST' | 'CANCEL';

/** One e-mail to one party; mirrors migration 1764100000000 by constraint name. */
@Entity('outbox_messages')
@Check('outbox_messages_recipient_role_check', "recipient_role IN ('student', 'volunteer')")
@Check('outbox_messages_method_check', "method IN ('REQUEST', 'CANCEL')")
@Check('outbox_messages_status_check', "status IN ('pending', 'sending', 'sent', 'failed')")
@Check('outbox_messages_sequence_check', 'sequence >= 0')
@Check('outbox_messages_attempts_check', 'attempts >= 0')
@Check('outbox_messages_sent_has_time', "(status = 'sent') = (sent_at IS NOT NULL)")
@Unique('outbox_messages_message_id_unique', ['messageId'])
@Index('outbox_messages_change_recipient_unique', ['changeId', 'recipientRole', 'recipientId'], { unique: true })
@Index('outbox_messages_booking_idx', ['bookingId', 'recipientRole', 'sequence'])
@Index('outbox_messages_unsent_idx', ['createdAt'], { where: "status IN ('pending', 'sending')" })
@Index('outbox_messages_status_idx', ['status', 'createdAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'outbox_messages_pkey' })
  id: string;

  @Column({ name: 'booking_id', type: 'uuid' })
  @ForeignKey(() => Booking, { name: 'outbox_messages_booking_id_fkey', onDelete: 'CASCADE' })
  bookingId: string;

  @Column({ name: 'change_id', type: 'bigint' })
  @ForeignKey(() => BookingChange, { name: 'outbox_messages_change_id_fkey', onDelete: 'CASCADE' })
  changeId: string;

  @Column({ name: 'recipient_role', type: 'varchar', length: 16 })
  recipientRole: RecipientRole;

  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId: string;

  @Column({ type: 'varchar', length: 8 })
  method: InviteMethodColumn;

  @Column({ type: 'integer' })
  sequence: number;

  /** The invite's DTSTAMP: fixed when the message is created, so a resend is byte-identical. */
  @Column({ type: 'timestamptz' })
  stamp: Date;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'message_id', type: 'varchar', length: 255 })
  messageId: string;

  @Column({ name: 'enqueued_at', type: 'timestamptz', nullable: true })
  enqueuedAt: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
