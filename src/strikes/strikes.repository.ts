import { Injectable } from '@nestjs/common';
import { Database, Tx } from '../database/database';
import { RowOf, statement } from '../database/statement';
import type { RecorderRole } from './entities/strike-entry.entity';

const ENTRY = {
  id: 'int8',
  kind: 'varchar',
  cause: 'varchar?',
  strike_id: 'int8?',
  booking_id: 'uuid?',
  event_id: 'uuid?',
  occurred_at: 'timestamptz',
  reason: 'varchar',
  recorded_by: 'uuid?',
  recorded_by_role: 'varchar',
  recorded_at: 'timestamptz',
} as const;
export type EntryRow = RowOf<typeof ENTRY>;
const ENTRY_COLUMNS = Object.keys(ENTRY).join(', ');

const POLICY = {
  strike_limit: 'int2',
  period_days: 'int2?',
  period_starts_at: 'timestamptz?',
  period_ends_at: 'timestamptz?',
  late_cancel_minutes: 'int4',
  no_shows_count: 'bool',
  updated_at: 'timestamptz',
} as const;
export type PolicyRow = RowOf<typeof POLICY>;
const POLICY_COLUMNS = Object.keys(POLICY).join(', ');

const EVENT_POLICY = {
  strike_limit: 'int2?',
  period_days: 'int2?',
  period_starts_at: 'timestamptz?',
  period_ends_at: 'timestamptz?',
  late_cancel_minutes: 'int4?',
  no_shows_count: 'bool?',
} as const;
export type EventPolicyRow = RowOf<typeof EVENT_POLICY>;

const ENTRIES_OF = statement('strikes.entries-of', `SELECT ${ENTRY_COLUMNS} FROM strike_entries WHERE student_id = $1 ORDER BY id`, ENTRY);

/** The office's window, and the student's strikes that count in it now. */
const STANDING = statement(
  'strikes.standing',
  `SELECT g.strike_limit, w.window_from, w.window_to,
          (SELECT count(*)::int FROM active_strikes a
            WHERE a.student_id = $1 AND a.occurred_at >= w.window_from AND (w.window_to IS NULL OR a.occurred_at < w.window_to)) AS strikes
     FROM strike_policy g,
          LATERAL (SELECT CASE WHEN g.period_days IS NOT NULL THEN now() - make_interval(days => g.period_days) ELSE g.period_starts_at END AS window_from,
                          CASE WHEN g.period_days IS NULL THEN g.period_ends_at END AS window_to) AS w`,
  { strike_limit: 'int2', window_from: 'timestamptz', window_to: 'timestamptz?', strikes: 'int4' },
);

/** Whether the student may not book themselves in this event (the same view the booking claim reads). */
const BLOCK = statement(
  'strikes.block',
  `SELECT strikes, strike_limit FROM strike_blocks WHERE event_id = $1 AND student_id = $2`,
  { strikes: 'int4', strike_limit: 'int2' },
);

const INSERT_ENTRY = `INSERT INTO strike_entries (student_id, kind, cause, strike_id, booking_id, event_id, occurred_at, reason, recorded_by, recorded_by_role)`;

const ADD = statement(
  'strikes.add',
  `${INSERT_ENTRY} VALUES ($1, 'strike', 'manual', NULL, NULL, $2, COALESCE($3::timestamptz, now()), $4, $5, $6) RETURNING ${ENTRY_COLUMNS}`,
  ENTRY,
);

/** An excuse of one of the student's strikes; nothing when the id is not theirs (or not a strike). */
const EXCUSE = statement(
  'strikes.excuse',
  `${INSERT_ENTRY}
   SELECT x.student_id, 'excuse', NULL, x.id, x.booking_id, x.event_id, now(), $3, $4, $5
     FROM strike_entries x WHERE x.id = $2 AND x.student_id = $1 AND x.kind = 'strike'
   RETURNING ${ENTRY_COLUMNS}`,
  ENTRY,
);

const CLEAR = statement(
  'strikes.clear',
  `${INSERT_ENTRY} VALUES ($1, 'clear', NULL, NULL, NULL, NULL, now(), $2, $3, $4) RETURNING ${ENTRY_COLUMNS}`,
  ENTRY,
);

/** A student's own cancellation inside the event's late window is a strike. */
const LATE_CANCELLATION = statement(
  'strikes.late-cancellation',
  `${INSERT_ENTRY}
   SELECT $1, 'strike', 'late_cancellation', NULL, $2, $3, now(), 'Cancelled less than ' || r.late_cancel_minutes || ' minutes before the interview', $1, 'student'
     FROM event_strike_rules r
    WHERE r.event_id = $3 AND r.late_cancel_minutes > 0 AND now() >= $4::timestamptz - make_interval(mins => r.late_cancel_minutes)
   RETURNING id`,
  { id: 'int8' },
);

/**
 * A no-show is a strike, once per booking: none while a strike of this booking stands unexcused.
 * The caller holds the booking's attendance row locked, so two marks of one booking queue.
 */
const NO_SHOW = statement(
  'strikes.no-show',
  `${INSERT_ENTRY}
   SELECT $1, 'strike', 'no_show', NULL, $2, $3, $4, 'Marked as a no-show', $5, $6
     FROM event_strike_rules r
    WHERE r.event_id = $3 AND r.no_shows_count
      AND NOT EXISTS (SELECT 1 FROM strike_entries x
                       WHERE x.booking_id = $2 AND x.kind = 'strike' AND x.cause = 'no_show'
                         AND NOT EXISTS (SELECT 1 FROM strike_entries y WHERE y.kind = 'excuse' AND y.strike_id = x.id))
   RETURNING id`,
  { id: 'int8' },
);

/** Attendance corrected to "attended": the booking's standing no-show strike is excused by who corrected it. */
const EXCUSE_NO_SHOW = statement(
  'strikes.excuse-no-show',
  `${INSERT_ENTRY}
   SELECT x.student_id, 'excuse', NULL, x.id, x.booking_id, x.event_id, now(), 'Attendance corrected to attended', $2, $3
     FROM strike_entries x
    WHERE x.booking_id = $1 AND x.kind = 'strike' AND x.cause = 'no_show'
      AND NOT EXISTS (SELECT 1 FROM strike_entries y WHERE y.kind = 'excuse' AND y.strike_id = x.id)
   RETURNING id`,
  { id: 'int8' },
);

const GET_POLICY = statement('strikes.policy', `SELECT ${POLICY_COLUMNS} FROM strike_policy`, POLICY);
const PUT_POLICY = statement(
  'strikes.put-policy',
  `UPDATE strike_policy SET strike_limit = $1, period_days = $2, period_starts_at = $3, period_ends_at = $4,
          late_cancel_minutes = $5, no_shows_count = $6, updated_by = $7, updated_at = now()
    RETURNING ${POLICY_COLUMNS}`,
  POLICY,
);
const GET_EVENT_POLICY = statement(
  'strikes.event-policy',
  `SELECT ${Object.keys(EVENT_POLICY).join(', ')} FROM event_strike_policies WHERE event_id = $1`,
  EVENT_POLICY,
);
const PUT_EVENT_POLICY = statement(
  'strikes.put-event-policy',
  `INSERT INTO event_strike_policies (event_id, strike_limit, period_days, period_starts_at, period_ends_at, late_cancel_minutes, no_shows_count, updated_by)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
   ON CONFLICT (event_id) DO UPDATE SET strike_limit = EXCLUDED.strike_limit, period_days = EXCLUDED.period_days,
          period_starts_at = EXCLUDED.period_starts_at, period_ends_at = EXCLUDED.period_ends_at,
          late_cancel_minutes = EXCLUDED.late_cancel_minutes, no_shows_count = EXCLUDED.no_shows_count,
          updated_by = EXCLUDED.updated_by, updated_at = now()
   RETURNING ${Object.keys(EVENT_POLICY).join(', ')}`,
  EVENT_POLICY,
);

export interface Recorder {
  id: string;
  role: RecorderRole;
}

export interface PolicyValues {
  strikeLimit: number;
  periodDays: number | null;
  periodStartsAt: Date | null;
  periodEndsAt: Date | null;
  lateCancelMinutes: number;
  noShowsCount: boolean;
}
export type EventPolicyValues = { [K in keyof PolicyValues]: PolicyValues[K] | null };

@Injectable()
export class StrikesRepository {
  constructor(private readonly db: Database) {}

  entriesOf(studentId: string): Promise<EntryRow[]> {
    return this.db.run(ENTRIES_OF, [studentId]);
  }

  async standing(studentId: string) {
    const [row] = await this.db.run(STANDING, [studentId]);
    return row;
  }

  async block(studentId: string, eventId: string): Promise<{ strikes: number; limit: number } | undefined> {
    const [row] = await this.db.run(BLOCK, [eventId, studentId]);
    return row && { strikes: row.strikes, limit: row.strike_limit };
  }

  async add(studentId: string, eventId: string | null, occurredAt: Date | null, reason: string, by: Recorder): Promise<EntryRow> {
    const [row] = await this.db.run(ADD, [studentId, eventId, occurredAt, reason, by.id, by.role]);
    return row;
  }

  async excuse(studentId: string, strikeId: string, reason: string, by: Recorder): Promise<EntryRow | undefined> {
    const [row] = await this.db.run(EXCUSE, [studentId, strikeId, reason, by.id, by.role]);
    return row;
  }

  async clear(studentId: string, reason: string, by: Recorder): Promise<EntryRow> {
    const [row] = await this.db.run(CLEAR, [studentId, reason, by.id, by.role]);
    return row;
  }

  async lateCancellation(tx: Tx, booking: { id: string; studentId: string; eventId: string; startsAt: Date }): Promise<boolean> {
    return (await this.db.run(LATE_CANCELLATION, [booking.studentId, booking.id, booking.eventId, booking.startsAt], tx)).length > 0;
  }

  async noShow(tx: Tx, booking: { id: string; studentId: string; eventId: string; startsAt: Date }, by: Recorder): Promise<boolean> {
    return (await this.db.run(NO_SHOW, [booking.studentId, booking.id, booking.eventId, booking.startsAt, by.id, by.role], tx)).length > 0;
  }

  async excuseNoShow(tx: Tx, bookingId: string, by: Recorder): Promise<boolean> {
    return (await this.db.run(EXCUSE_NO_SHOW, [bookingId, by.id, by.role], tx)).length > 0;
  }

  async policy(): Promise<PolicyRow> {
    const [row] = await this.db.run(GET_POLICY, []);
    return row;
  }

  async putPolicy(values: PolicyValues, by: string): Promise<PolicyRow> {
    const [row] = await this.db.run(PUT_POLICY, [
      values.strikeLimit,
      values.periodDays,
      values.periodStartsAt,
      values.periodEndsAt,
      values.lateCancelMinutes,
      values.noShowsCount,
      by,
    ]);
    return row;
  }

  async eventPolicy(eventId: string): Promise<EventPolicyRow | undefined> {
    const [row] = await this.db.run(GET_EVENT_POLICY, [eventId]);
    return row;
  }

  async putEventPolicy(eventId: string, values: EventPolicyValues, by: string): Promise<EventPolicyRow> {
    const [row] = await this.db.run(PUT_EVENT_POLICY, [
      eventId,
      values.strikeLimit,
      values.periodDays,
      values.periodStartsAt,
      values.periodEndsAt,
      values.lateCancelMinutes,
      values.noShowsCount,
      by,
    ]);
    return row;
  }
}
