import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { InviteReminder } from './entities/invite-reminder.entity';

/** Reminders without per-event settings: a day before and an hour before. */
export const DEFAULT_REMINDER_OFFSETS = [1440, 60];

/**
 * The booking still is as the reminder was made for (confirmed, same start, same party) and
 * the event still wants a reminder at that offset.
 */
const STILL_CURRENT = `EXISTS (SELECT 1 FROM bookings b WHERE b.id = r.booking_id AND b.status = 'confirmed'
  AND b.starts_at = r.starts_at
  AND r.recipient_id = CASE r.recipient_role WHEN 'student' THEN b.student_id ELSE b.volunteer_id END
  AND r.offset_minutes = ANY(COALESCE((SELECT s.offsets_minutes FROM event_reminder_settings s WHERE s.event_id = b.event_id),
                                      '{${DEFAULT_REMINDER_OFFSETS.join(',')}}'::int[])))`;

const COLUMNS = `id, booking_id AS "bookingId", recipient_role AS "recipientRole", recipient_id AS "recipientId",
  offset_minutes AS "offsetMinutes", starts_at AS "startsAt", due_at AS "dueAt", status`;

@Injectable()
export class RemindersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * In the relay's transaction, after a booking change: cancels reminders that no longer fit
   * (moved, cancelled, other volunteer) and schedules the missing ones still in the future.
   */
  async reschedule(tx: EntityManager, bookingId: string): Promise<void> {
    await tx.query(`UPDATE invite_reminders r SET status = 'cancelled' WHERE r.booking_id = $1 AND r.status = 'pending' AND NOT ${STILL_CURRENT}`, [
      bookingId,
    ]);
    await tx.query(
      `INSERT INTO invite_reminders (booking_id, recipient_role, recipient_id, offset_minutes, starts_at, due_at)
       SELECT b.id, p.role, p.id, o.minutes, b.starts_at, b.starts_at - make_interval(mins => o.minutes)
         FROM bookings b
        CROSS JOIN LATERAL (VALUES ('student', b.student_id), ('volunteer', b.volunteer_id)) AS p(role, id)
        CROSS JOIN LATERAL unnest(COALESCE(
              (SELECT offsets_minutes FROM event_reminder_settings s WHERE s.event_id = b.event_id), $2::int[])) AS o(minutes)
        WHERE b.id = $1 AND b.status = 'confirmed' AND b.starts_at - make_interval(mins => o.minutes) > now()
       ON CONFLICT DO NOTHING`,
      [bookingId, DEFAULT_REMINDER_OFFSETS],
    );
  }

  /**
   * Pending reminders never handed to the queue, or due within `lookaheadSeconds` (or overdue)
   * and not handed over for `requeueAfterSeconds` (Redis may have lost them).
   */
  async findUnqueued(limit: number, requeueAfterSeconds: number, lookaheadSeconds: number): Promise<{ id: string; dueAt: Date }[]> {
    return this.db.query(
      `SELECT id, due_at AS "dueAt" FROM invite_reminders
        WHERE status = 'pending'
          AND (enqueued_at IS NULL
               OR (enqueued_at < now() - make_interval(secs => $2) AND due_at < now() + make_interval(secs => $3)))
        ORDER BY due_at LIMIT $1`,
      [limit, requeueAfterSeconds, lookaheadSeconds],
    );
  }

  async markEnqueued(ids: string[]): Promise<void> {
    if (ids.length) await this.db.query(`UPDATE invite_reminders SET enqueued_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Takes a due reminder for sending, only while its booking is as it was made for. */
  async claim(id: string): Promise<InviteReminder | undefined> {
    const [rows] = await this.db.query(
      `UPDATE invite_reminders r SET status = 'sending' WHERE r.id = $1 AND r.status IN ('pending', 'sending') AND ${STILL_CURRENT}
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

  /** New offsets apply to the event's booked interviews at once. */
  async saveOffsets(eventId: string, offsets: number[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO event_reminder_settings (event_id, offsets_minutes) VALUES ($1, $2::int[])
         ON CONFLICT (event_id) DO UPDATE SET offsets_minutes = EXCLUDED.offsets_minutes`,
        [eventId, offsets],
      );
      const booked: { id: string }[] = await tx.query(`SELECT id FROM bookings WHERE event_id = $1 AND status = 'confirmed'`, [eventId]);
      for (const { id } of booked) await this.reschedule(tx, id);
    });
  }
}
