import { Injectable } from '@nestjs/common';
import type { AttendanceStatus } from './entities/attendance.entity';
import { Database } from '../database/database';

export interface AttendanceRow {
  bookingId: string;
  studentId: string;
  status: AttendanceStatus;
  markedAt: Date;
}

@Injectable()
export class AttendanceRepository {
  constructor(private readonly db: Database) {}

  /** One mark per booking; marking again corrects it. */
  async mark(bookingId: string, studentId: string, status: AttendanceStatus, by: string): Promise<AttendanceRow> {
    const [row]: { booking_id: string; student_id: string; status: AttendanceStatus; marked_at: Date }[] = await this.db.query(
      `INSERT INTO attendance (booking_id, student_id, status, marked_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (booking_id) DO UPDATE SET status = EXCLUDED.status, marked_by = EXCLUDED.marked_by, marked_at = now()
       RETURNING booking_id, student_id, status, marked_at`,
      [bookingId, studentId, status, by],
    );
    return { bookingId: row.booking_id, studentId: row.student_id, status: row.status, markedAt: row.marked_at };
  }

  async countsForStudent(studentId: string): Promise<{ attended: number; noShows: number }> {
    const [row]: { attended: number; no_shows: number }[] = await this.db.query(
      `SELECT count(*) FILTER (WHERE status = 'attended')::int AS attended, count(*) FILTER (WHERE status = 'no_show')::int AS no_shows
         FROM attendance WHERE student_id = $1`,
      [studentId],
    );
    return { attended: row.attended, noShows: row.no_shows };
  }

  async noShowBookingsOf(studentId: string): Promise<string[]> {
    const rows: { booking_id: string }[] = await this.db.query(
      `SELECT booking_id FROM attendance WHERE student_id = $1 AND status = 'no_show'`,
      [studentId],
    );
    return rows.map((r) => r.booking_id);
  }
}
