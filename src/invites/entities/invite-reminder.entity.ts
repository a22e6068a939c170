import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Booking } from '../../bookings/entities/booking.entity';

/** One reminder e-mail to one party; mirrors migrations 1764100000000 and 1764470000000 by constraint name. */
@Entity('invite_reminders')
@Check('invite_reminders_recipient_role_check', "recipient_role IN ('student', 'volunteer')")
@Check('invite_reminders_status_check', "status IN ('pending', 'sending', 'sent', 'cancelled')")
@Check('invite_reminders_offset_check', 'offset_minutes > 0')
@Index('invite_reminders_unique', ['bookingId', 'recipientRole', 'recipientId', 'offsetMinutes', 'startsAt'], { unique: true, where: "status <> 'cancelled'" })
@Index('invite_reminders_pending_idx', ['dueAt'], { where: "status IN ('pending', 'sending')" })
export class InviteReminder {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'invite_reminders_pkey' })
  id: string;

  @Column({ name: 'booking_id', type: 'uuid' })
  @ForeignKey(() => Booking, { name: 'invite_reminders_booking_id_fkey', onDelete: 'CASCADE' })
  bookingId: string;

  @Column({ name: 'recipient_role', type: 'varchar', length: 16 })
  recipientRole: 'student' | 'volunteer';

  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId: string;

  @Column({ name: 'offset_minutes', type: 'integer' })
  offsetMinutes: number;

  /** The booking's start this reminder was made for. */
  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: 'pending' | 'sending' | 'sent' | 'cancelled';

  @Column({ name: 'enqueued_at', type: 'timestamptz', nullable: true })
  enqueuedAt: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
