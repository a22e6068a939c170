import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const EVENT_STATUSES = ['draft', 'published', 'closed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** Constraints mirror the migrations by name; test/e2e/schema-drift checks they agree. */
@Entity('events')
@Check('events_slot_minutes_check', 'slot_minutes BETWEEN 5 AND 480')
@Check('events_break_minutes_check', 'break_minutes BETWEEN 0 AND 240')
@Check('events_max_bookings_per_student_check', 'max_bookings_per_student BETWEEN 1 AND 50')
@Check('events_status_check', "status IN ('draft', 'published', 'closed')")
@Check('events_time_order', 'ends_at > starts_at')
@Check('events_booking_window_order', 'booking_closes_at > booking_opens_at')
@Check('events_min_gap_minutes_check', 'min_gap_minutes BETWEEN 0 AND 240')
@Check('events_booking_cutoff_minutes_check', 'booking_cutoff_minutes BETWEEN 0 AND 10080')
export class Event {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'events_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'varchar', length: 300, default: '' })
  location: string;

  /** ORGANIZER of the event's invites; empty: the configured sender. */
  @Column({ name: 'organizer_name', type: 'varchar', length: 200, default: '' })
  organizerName: string;

  @Column({ name: 'organizer_email', type: 'varchar', length: 254, default: '' })
  organizerEmail: string;

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

  /**
   * Least time between two interviews of one student in this event (issue 12); 0: none. Held
   * by the exclusion constraint bookings_student_gap (migration 1765600000000).
   */
  @Column({ name: 'min_gap_minutes', type: 'smallint', default: 0 })
  minGapMinutes: number;

  /** Students can neither book nor cancel a slot this many minutes before it starts; 0: until it starts. */
  @Column({ name: 'booking_cutoff_minutes', type: 'integer', default: 0 })
  bookingCutoffMinutes: number;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: EventStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
