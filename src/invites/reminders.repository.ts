import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { BookingState } from '../bookings/booking-change-log';
import type { Tx } from '../database/database';
import type { InviteReminder } from './entities/invite-reminder.entity';

/** Reminders without per-event settings: a day before and an hour before. */
export const DEFAULT_REMINDER_OFFSETS = [1440, 60];

const COLUMNS = `id, booking_id AS "bookingId", recipient_role AS "recipientRole", recipient_id AS "recipientId",
  offset_minutes AS "offsetMinutes", starts_at AS "startsAt", due_at AS "dueAt", status`;

@Injectable()
export class RemindersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * In the relay's transaction, after a booking change, with the booking as it is now: cancels
   * reminders that no longer fit (moved, cancelled, other volunteer, offsets changed) and
   * schedules the missing ones still in the future.
   */
  async reschedule(tx: Tx, booking: BookingState): Promise<void> {
    const offsets = `COALESCE((SELECT offsets_minutes FROM event_reminder_settings WHERE event_id = $6), $7::int[])`;
    const params = [booking.id, booking.status === 'confirmed', booking.startsAt, booking.studentId, booking.volunteerId, booking.eventId, DEFAULT_REMINDER_OFFSETS];
    await tx.query(
      `UPDATE invite_reminders r SET status = 'cancelled'
        WHERE r.booking_id = $1 AND r.status = 'pending'
          AND NOT ($2::boolean AND r.starts_at = $3::timestamptz
                   AND r.recipient_id = CASE r.recipient_role WHEN 'student' THEN $4::uuid ELSE $5::uuid END
                   AND r.offset_minutes = ANY(${offsets}))`,
      params,
    );
    await tx.query(
      `INSERT INTO invite_reminders (booking_id, recipient_role, recipient_id, offset_minutes, starts_at, due_at)
       SELECT $1, p.role, p.id, o.minutes, $3::timestamptz, $3::timestamptz - make_interval(mins => o.minutes)
         FROM (VALUES ('student', $4::uuid), ('volunteer', $5::uuid)) AS p(role, id)
        CROSS JOIN LATERAL unnest(${offsets}) AS o(minutes)
        WHERE $2::boolean AND $3::timestamptz - make_interval(mins => o.minutes) > now()
       ON CONFLICT DO NOTHING`,
      params,
    );
  }

  /** Pending reminders never handed to the queue, or not for a while (Redis may have lost them). */
  async findUnqueued(limit: number, requeueAfterSeconds: number): Promise<{ id: string; dueAt: Date }[]> {
    return this.db.query(
      `SELECT id, due_at AS "dueAt" FROM invite_reminders
        WHERE status = 'pending' AND (enqueued_at IS NULL OR enqueued_at < now() - make_interval(secs => $2))
        ORDER BY due_at LIMIT $1`,
      [limit, requeueAfterSeconds],
    );
  }

  async markEnqueued(ids: string[]): Promise<void> {
    if (ids.length) await this.db.query(`UPDATE invite_reminders SET enqueued_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /**
   * Takes a due reminder for sending (left in `sending` by a worker that died counts too). The
   * caller then checks that its booking is still as it was made for (stillCurrent) and drops
   * it if not: a change committed before that check is seen, one after it would have come
   * after the send anyway.
   */
  async claim(id: string): Promise<InviteReminder | undefined> {
    const [rows] = await this.db.query(
      `UPDATE invite_reminders r SET status = 'sending' WHERE r.id = $1 AND r.status IN ('pending', 'sending')
       RETURNING ${COLUMNS}`,
      [id],
    );
    return rows[0];
  }

  /** A stale reminder (booking moved or cancelled) is dropped, never sent. */
  async cancelIfPending(id: string): Promise<void> {
    await this.db.query(`UPDATE invite_reminders SET status = 'cancelled' WHERE id = $1 AND status IN ('pending', 'sending')`, [id]);
  }

  async markSent(id: string): Promise<void> {
    await this.db.query(`UPDATE invite_reminders SET status = 'sent', sent_at = now() WHERE id = $1`, [id]);
  }

  async markRetry(id: string): Promise<void> {
    await this.db.query(`UPDATE invite_reminders SET status = 'pending' WHERE id = $1 AND status = 'sending'`, [id]);
  }

  async offsetsOf(eventId: string): Promise<number[]> {
    const [row] = await this.db.query(`SELECT offsets_minutes AS offsets FROM event_reminder_settings WHERE event_id = $1`, [eventId]);
    return row?.offsets ?? DEFAULT_REMINDER_OFFSETS;
  }

  /** Stores an event's offsets, in the caller's transaction (which then reschedules its bookings). */
  async saveOffsets(tx: Tx, eventId: string, offsets: number[]): Promise<void> {
    await tx.query(
      `INSERT INTO event_reminder_settings (event_id, offsets_minutes) VALUES ($1, $2::int[])
       ON CONFLICT (event_id) DO UPDATE SET offsets_minutes = EXCLUDED.offsets_minutes`,
      [eventId, offsets],
    );
  }
}

/** Whether a reminder still fits its booking: confirmed, same start and party, an offset the event still wants. */
export function stillCurrent(reminder: InviteReminder, booking: BookingState | undefined, offsets: number[]): boolean {
  if (!booking || booking.status !== 'confirmed') return false;
  const party = reminder.recipientRole === 'student' ? booking.studentId : booking.volunteerId;
  return booking.startsAt.getTime() === reminder.startsAt.getTime() && reminder.recipientId === party && offsets.includes(reminder.offsetMinutes);
}
