import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const EVENT_STATUSES = ['draft', 'published', 'closed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

@Entity('events')
export class Event {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'varchar', length: 300, default: '' })
  location: string;

  /** IANA zone; slot times are generated and shown in it. */
  @Column({ type: 'varchar', length: 64 })
  timezone: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ name: 'booking_opens_at', type: 'timestamptz' })
  bookingOpensAt: Date;

  @Column({ name: 'booking_closes_at', type: 'timestamptz' })
  bookingClosesAt: Date;

  @Column({ name: 'slot_minutes', type: 'smallint', default: 30 })
  slotMinutes: number;

  @Column({ name: 'break_minutes', type: 'smallint', default: 0 })
  breakMinutes: number;

  @Column({ name: 'max_bookings_per_student', type: 'smallint', default: 1 })
  maxBookingsPerStudent: number;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: EventStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
