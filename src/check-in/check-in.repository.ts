import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';

export interface CheckInRow {
  checkedInAt: Date;
  inserted: boolean;
}

@Injectable()
export class CheckInRepository {
  constructor(private readonly db: Database) {}

  /** The student's code for the event, stored with `candidate` if they had none. */
  async codeFor(eventId: string, studentId: string, candidate: string): Promise<string> {
    const rows: { code: string }[] = await this.db.query(
      `WITH issued AS (
         INSERT INTO check_in_codes (event_id, student_id, code) VALUES ($1, $2, $3)
         ON CONFLICT (event_id, student_id) DO NOTHING RETURNING code)
       SELECT code FROM issued UNION ALL SELECT code FROM check_in_codes WHERE event_id = $1 AND student_id = $2`,
      [eventId, studentId, candidate],
    );
    // A concurrent first request committed after this statement's snapshot: read it now.
    if (!rows.length) return this.codeFor(eventId, studentId, candidate);
    return rows[0].code;
  }

  async findCode(code: string): Promise<{ eventId: string; studentId: string } | null> {
    const rows: { event_id: string; student_id: string }[] = await this.db.query(
      `SELECT event_id, student_id FROM check_in_codes WHERE code = $1`,
      [code],
    );
    return rows[0] ? { eventId: rows[0].event_id, studentId: rows[0].student_id } : null;
  }

  /** One row per student and event: a repeated scan returns the first check-in's time. */
  async checkIn(eventId: string, studentId: string, by: string): Promise<CheckInRow> {
    const rows: { checked_in_at: Date; inserted: boolean }[] = await this.db.query(
      `WITH added AS (
         INSERT INTO check_ins (event_id, student_id, checked_in_by) VALUES ($1, $2, $3)
         ON CONFLICT (event_id, student_id) DO NOTHING RETURNING checked_in_at)
       SELECT checked_in_at, true AS inserted FROM added
       UNION ALL SELECT checked_in_at, false FROM check_ins WHERE event_id = $1 AND student_id = $2`,
      [eventId, studentId, by],
    );
    // A concurrent first scan committed after this statement's snapshot: read it now.
    if (!rows.length) return this.checkIn(eventId, studentId, by);
    return { checkedInAt: rows[0].checked_in_at, inserted: rows[0].inserted };
  }
}
