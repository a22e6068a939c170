import { Injectable } from '@nestjs/common';
import type { BookingState } from '../bookings/booking-change-log';
import { Database, Tx } from '../database/database';
import { statement } from '../database/statement';
import type { InviteReminder } from './entities/invite-reminder.entity';

/** Reminders without per-event settings: a day before and an hour before. */
export const DEFAULT_REMINDER_OFFSETS = [1440, 60];

const COLUMNS = `id, booking_id AS "bookingId", recipient_role AS "recipientRole", recipient_id AS "recipientId",
  offset_minutes AS "offsetMinutes", starts_at AS "startsAt", due_at AS "dueAt", status`;
const REMINDER = {
  id: 'uuid',
  bookingId: 'uuid',
  recipientRole: 'varchar',
  recipientId: 'uuid',
  offsetMinutes: 'int4',
  startsAt: 'timestamptz',
  dueAt: 'timestamptz',
  status: 'varchar',
} as const;

/** The event's offsets ($6), or the defaults ($7). */
const OFFSETS = `COALESCE((SELECT offsets_minutes FROM event_reminder_settings WHERE event_id = $6), $7::int[])`;

/** Parameters: $1 booking, $2 confirmed, $3 its start, $4 student, $5 volunteer, $6 event, $7 default offsets. */
const CANCEL_UNFITTING = statement(
  'reminders.cancel-unfitting',
  `UPDATE invite_reminders r SET status = 'cancelled'
    WHERE r.booking_id = $1 AND r.status = 'pending'
      AND NOT ($2::boolean AND r.starts_at = $3::timestamptz
               AND r.recipient_id = CASE r.recipient_role WHEN 'student' THEN $4::uuid ELSE $5::uuid END
               AND r.offset_minutes = ANY(${OFFSETS}))`,
  {},
);
const SCHEDULE_MISSING = statement(
  'reminders.schedule-missing',
  `INSERT INTO invite_reminders (booking_id, recipient_role, recipient_id, offset_minutes, starts_at, due_at)
   SELECT $1, p.role, p.id, o.minutes, $3::timestamptz, $3::timestamptz - make_interval(mins => o.minutes)
     FROM (VALUES ('student', $4::uuid), ('volunteer', $5::uuid)) AS p(role, id)
    CROSS JOIN LATERAL unnest(${OFFSETS}) AS o(minutes)
    WHERE $2::boolean AND $3::timestamptz - make_interval(mins => o.minutes) > now()
   ON CONFLICT DO NOTHING`,
  {},
);
/** Pending reminders never handed to the queue, or not for a while (Redis may have lost them). */
const FIND_UNQUEUED = statement(
  'reminders.find-unqueued',
  `SELECT id, due_at AS "dueAt" FROM invite_reminders
    WHERE status = 'pending'
      AND (enqueued_at IS NULL
           OR (enqueued_at < now() - make_interval(secs => $2) AND due_at < now() + make_interval(secs => $3)))
    ORDER BY due_at LIMIT $1`,
  { id: 'uuid', dueAt: 'timestamptz' },
);
const MARK_ENQUEUED = statement('reminders.mark-enqueued', `UPDATE invite_reminders SET enqueued_at = now() WHERE id = ANY($1::uuid[])`, {});
const CLAIM = statement(
  'reminders.claim',
  `UPDATE invite_reminders r SET status = 'sending' WHERE r.id = $1 AND r.status IN ('pending', 'sending') RETURNING ${COLUMNS}`,
  REMINDER,
);
const CANCEL_IF_PENDING = statement(
  'reminders.cancel-if-pending',
  `UPDATE invite_reminders SET status = 'cancelled' WHERE id = $1 AND status IN ('pending', 'sending')`,
  {},
);
const MARK_SENT = statement('reminders.mark-sent', `UPDATE invite_reminders SET status = 'sent', sent_at = now() WHERE id = $1`, {});
const MARK_RETRY = statement('reminders.mark-retry', `UPDATE invite_reminders SET status = 'pending' WHERE id = $1 AND status = 'sending'`, {});
const OFFSETS_OF = statement('reminders.offsets-of', `SELECT offsets_minutes AS offsets FROM event_reminder_settings WHERE event_id = $1`, {
  offsets: 'int4[]',
});
const SAVE_OFFSETS = statement(
  'reminders.save-offsets',
  `INSERT INTO event_reminder_settings (event_id, offsets_minutes) VALUES ($1, $2::int[])
   ON CONFLICT (event_id) DO UPDATE SET offsets_minutes = EXCLUDED.offsets_minutes`,
  {},
);

@Injectable()
export class RemindersRepository {
  constructor(private readonly db: Database) {}

  /**
   * In the relay's transaction, after a booking change, with the booking as it is now: cancels
   * reminders that no longer fit (moved, cancelled, other volunteer, offsets changed) and
   * schedules the missing ones still in the future.
   */
  async reschedule(tx: Tx, booking: BookingState): Promise<void> {
    const params = [booking.id, booking.status === 'confirmed', booking.startsAt, booking.studentId, booking.volunteerId, booking.eventId, DEFAULT_REMINDER_OFFSETS];
    await this.db.run(CANCEL_UNFITTING, params, tx);
    await this.db.run(SCHEDULE_MISSING, params, tx);
  }

  /**
   * Pending reminders never handed to the queue, or due within `lookaheadSeconds` (or overdue)
   * and not handed over for `requeueAfterSeconds` (Redis may have lost them).
   */
  findUnqueued(limit: number, requeueAfterSeconds: number, lookaheadSeconds: number): Promise<{ id: string; dueAt: Date }[]> {
    return this.db.run(FIND_UNQUEUED, [limit, requeueAfterSeconds, lookaheadSeconds]);
  }

  async markEnqueued(ids: string[]): Promise<void> {
    if (ids.length) await this.db.run(MARK_ENQUEUED, [ids]);
  }

  /**
   * Takes a due reminder for sending (left in `sending` by a worker that died counts too). The
   * caller then checks that its booking is still as it was made for (stillCurrent) and drops
   * it if not: a change committed before that check is seen, and one committed after it would
   * as well have come after the send.
   */
  async claim(id: string): Promise<InviteReminder | undefined> {
    return (await this.db.run(CLAIM, [id]))[0] as InviteReminder | undefined;
  }

  /** A stale reminder (booking moved or cancelled) is dropped, never sent. */
  async cancelIfPending(id: string): Promise<void> {
    await this.db.run(CANCEL_IF_PENDING, [id]);
  }

  async markSent(id: string): Promise<void> {
    await this.db.run(MARK_SENT, [id]);
  }

  async markRetry(id: string): Promise<void> {
    await this.db.run(MARK_RETRY, [id]);
  }

  async offsetsOf(eventId: string): Promise<number[]> {
    return (await this.db.run(OFFSETS_OF, [eventId]))[0]?.offsets ?? DEFAULT_REMINDER_OFFSETS;
  }

  /** Stores an event's offsets, in the caller's transaction (which then reschedules its bookings). */
  async saveOffsets(tx: Tx, eventId: string, offsets: number[]): Promise<void> {
    await this.db.run(SAVE_OFFSETS, [eventId, offsets], tx);
  }
}

/** Whether a reminder still fits its booking: confirmed, same start and party, an offset the event still wants. */
export function stillCurrent(reminder: InviteReminder, booking: BookingState | undefined, offsets: number[]): boolean {
  if (!booking || booking.status !== 'confirmed') return false;
  const party = reminder.recipientRole === 'student' ? booking.studentId : booking.volunteerId;
  return booking.startsAt.getTime() === reminder.startsAt.getTime() && reminder.recipientId === party && offsets.includes(reminder.offsetMinutes);
}
