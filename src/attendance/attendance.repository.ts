import { Injectable } from '@nestjs/common';
import { Database, Tx } from '../database/database';
import { statement } from '../database/statement';
import type { AttendanceStatus } from './entities/attendance.entity';

export interface AttendanceRow {
  bookingId: string;
  studentId: string;
  status: AttendanceStatus;
  markedAt: Date;
}

/** One mark per booking; marking again corrects it. */
const MARK = statement(
  'attendance.mark',
  `INSERT INTO attendance (booking_id, student_id, status, marked_by) VALUES ($1, $2, $3, $4)
   ON CONFLICT (booking_id) DO UPDATE SET status = EXCLUDED.status, marked_by = EXCLUDED.marked_by, marked_at = now()
   RETURNING booking_id, student_id, status, marked_at`,
  { booking_id: 'uuid', student_id: 'uuid', status: 'varchar', marked_at: 'timestamptz' },
);
const COUNTS_FOR_STUDENT = statement(
  'attendance.counts-for-student',
  `SELECT count(*) FILTER (WHERE status = 'attended')::int AS attended, count(*) FILTER (WHERE status = 'no_show')::int AS no_shows
     FROM attendance WHERE student_id = $1`,
  { attended: 'int4', no_shows: 'int4' },
);
const NO_SHOWS_OF = statement('attendance.no-shows-of', `SELECT booking_id FROM attendance WHERE student_id = $1 AND status = 'no_show'`, {
  booking_id: 'uuid',
});

@Injectable()
export class AttendanceRepository {
  constructor(private readonly db: Database) {}

  /** In the caller's transaction, which then holds the booking's mark locked until it commits. */
  async mark(tx: Tx, bookingId: string, studentId: string, status: AttendanceStatus, by: string): Promise<AttendanceRow> {
    const [row] = await this.db.run(MARK, [bookingId, studentId, status, by], tx);
    return { bookingId: row.booking_id, studentId: row.student_id, status: row.status as AttendanceStatus, markedAt: row.marked_at };
  }

  async findForBookings(bookingIds: string[]): Promise<Map<string, AttendanceStatus>> {
    if (!bookingIds.length) return new Map();
    const rows = await this.db.query<{ booking_id: string; status: AttendanceStatus }[]>(
      `SELECT booking_id, status FROM attendance WHERE booking_id = ANY($1::uuid[])`,
      [bookingIds],
    );
    return new Map(rows.map((r) => [r.booking_id, r.status]));
  }

  async countsForStudent(studentId: string): Promise<{ attended: number; noShows: number }> {
    const [row] = await this.db.run(COUNTS_FOR_STUDENT, [studentId]);
    return { attended: row.attended, noShows: row.no_shows };
  }

  async noShowBookingsOf(studentId: string): Promise<string[]> {
    return (await this.db.run(NO_SHOWS_OF, [studentId])).map((r) => r.booking_id);
  }
}
