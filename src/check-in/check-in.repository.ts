import { Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { statement } from '../database/statement';

export interface CheckInRow {
  checkedInAt: Date;
  inserted: boolean;
}

/** The student's code for the event, stored with the candidate ($3) if they had none. */
const CODE_FOR = statement(
  'check-in.code-for',
  `WITH issued AS (
     INSERT INTO check_in_codes (event_id, student_id, code) VALUES ($1, $2, $3)
     ON CONFLICT (event_id, student_id) DO NOTHING RETURNING code)
   SELECT code FROM issued UNION ALL SELECT code FROM check_in_codes WHERE event_id = $1 AND student_id = $2`,
  { code: 'varchar' },
);
const FIND_CODE = statement('check-in.find-code', `SELECT event_id, student_id FROM check_in_codes WHERE code = $1`, {
  event_id: 'uuid',
  student_id: 'uuid',
});
/** One row per student and event: a repeated scan returns the first check-in's time. */
const CHECK_IN = statement(
  'check-in.check-in',
  `WITH added AS (
     INSERT INTO check_ins (event_id, student_id, checked_in_by) VALUES ($1, $2, $3)
     ON CONFLICT (event_id, student_id) DO NOTHING RETURNING checked_in_at)
   SELECT checked_in_at, true AS inserted FROM added
   UNION ALL SELECT checked_in_at, false FROM check_ins WHERE event_id = $1 AND student_id = $2`,
  { checked_in_at: 'timestamptz', inserted: 'bool' },
);

@Injectable()
export class CheckInRepository {
  constructor(private readonly db: Database) {}

  async codeFor(eventId: string, studentId: string, candidate: string): Promise<string> {
    const rows = await this.db.run(CODE_FOR, [eventId, studentId, candidate]);
    // A concurrent first request committed after this statement's snapshot: read it now.
    if (!rows.length) return this.codeFor(eventId, studentId, candidate);
    return rows[0].code;
  }

  async findCode(code: string): Promise<{ eventId: string; studentId: string } | null> {
    const [row] = await this.db.run(FIND_CODE, [code]);
    return row ? { eventId: row.event_id, studentId: row.student_id } : null;
  }

  async checkIn(eventId: string, studentId: string, by: string): Promise<CheckInRow> {
    const rows = await this.db.run(CHECK_IN, [eventId, studentId, by]);
    // A concurrent first scan committed after this statement's snapshot: read it now.
    if (!rows.length) return this.checkIn(eventId, studentId, by);
    return { checkedInAt: rows[0].checked_in_at, inserted: rows[0].inserted };
  }
}
