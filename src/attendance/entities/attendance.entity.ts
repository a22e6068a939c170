import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Booking } from '../../bookings/entities/booking.entity';
import { Student } from '../../students/entities/student.entity';

export const ATTENDANCE_STATUSES = ['attended', 'no_show'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** One mark per booking; the student is copied so no-shows count without joining bookings. */
@Entity('attendance')
@Check('attendance_status_check', "status IN ('attended', 'no_show')")
@Index('attendance_student_idx', ['studentId', 'status'])
export class Attendance {
  @PrimaryColumn({ name: 'booking_id', type: 'uuid', primaryKeyConstraintName: 'attendance_pkey' })
  @ForeignKey(() => Booking, { name: 'attendance_booking_id_fkey', onDelete: 'CASCADE' })
  bookingId: string;

  @Column({ name: 'student_id', type: 'uuid' })
  @ForeignKey(() => Student, { name: 'attendance_student_id_fkey', onDelete: 'CASCADE' })
  studentId: string;

  @Column({ type: 'varchar', length: 16 })
  status: AttendanceStatus;

  @Column({ name: 'marked_by', type: 'uuid' })
  markedBy: string;

  @UpdateDateColumn({ name: 'marked_at', type: 'timestamptz' })
  markedAt: Date;
}
