import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import { Database, Tx } from '../database/database';
import { RowOf, statement } from '../database/statement';
import type { BookingChangeKind } from './entities/booking-change.entity';
import type { BookingStatus } from './entities/booking.entity';

/**
 * Bookings' change log (`booking_changes`), owned here and offered to the features that follow
 * bookings (calendar invites and reminders): they claim a batch of pending changes with the
 * booking as it is now, mark them processed in the same transaction, and load what an invite
 * needs. Rows are written in the transaction of the change itself (`record`, and the claim
 * statement for new bookings), so the log is complete exactly when the changes are.
 *
 * New rows are announced on BOOKING_CHANGES_CHANNEL after their commit, so followers need not
 * wait for their next poll. Announced by this process, not by a trigger: a NOTIFY in the
 * booking's own transaction serialises every committing booking on PostgreSQL's notify-queue
 * lock, fsync included, which capped a booking rush at a few hundred bookings a second.
 * Announcements are coalesced (one in flight per process) and not flushed to disk: a lost one
 * costs a follower's poll interval, never a change.
 */

/** Where bookings announce new change-log rows; the payload is empty. */
export const BOOKING_CHANGES_CHANNEL = 'booking_changes';
/** How long the first announcement of a burst waits for others to join it. */
const ANNOUNCE_DELAY_MS = 5;

const BOOKING_STATE = {
  id: 'uuid',
  eventId: 'uuid',
  studentId: 'uuid',
  volunteerId: 'uuid',
  startsAt: 'timestamptz',
  endsAt: 'timestamptz',
  status: 'varchar',
} as const;

/** A booking as the invites and reminders of it need it. */
export type BookingState = Omit<RowOf<typeof BOOKING_STATE>, 'status'> & { status: BookingStatus };

/** A pending change, with the booking's state when it was claimed. */
export interface PendingChange {
  id: string;
  change: BookingChangeKind;
  booking: BookingState;
}

const STATE_COLUMNS = `b.id, b.event_id AS "eventId", b.student_id AS "studentId", b.volunteer_id AS "volunteerId",
  b.starts_at AS "startsAt", b.ends_at AS "endsAt", b.status`;

/**
 * The oldest unprocessed changes, skipping rows another claimer holds and any change whose
 * booking has an earlier unprocessed one: that keeps confirmed → updated → cancelled in order
 * per booking even with several workers at once.
 */
const CLAIM_BATCH = statement(
  'booking-changes.claim-batch',
  `SELECT c.id::text AS change_id, c.change, ${STATE_COLUMNS}
     FROM booking_changes c JOIN bookings b ON b.id = c.booking_id
    WHERE c.processed_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM booking_changes e
                       WHERE e.booking_id = c.booking_id AND e.id < c.id AND e.processed_at IS NULL)
    ORDER BY c.id
    LIMIT $1
      FOR UPDATE OF c SKIP LOCKED`,
  { change_id: 'text', change: 'varchar', ...BOOKING_STATE },
);

const MARK_PROCESSED = statement('booking-changes.mark-processed', `UPDATE booking_changes SET processed_at = now() WHERE id = ANY($1::bigint[])`, {});

const RECORD = statement(
  'booking-changes.record',
  `INSERT INTO booking_changes (booking_id, change) SELECT id, $2::varchar FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n) ORDER BY n`,
  {},
);

/** `updated` for the event's confirmed interviews that have not ended. */
const RECORD_UPDATED_FOR_EVENT = statement(
  'booking-changes.record-updated-for-event',
  `INSERT INTO booking_changes (booking_id, change)
   SELECT id, 'updated' FROM bookings
    WHERE event_id = $1 AND status = 'confirmed' AND ends_at > now()
    ORDER BY starts_at, id`,
  {},
);

const ANNOUNCE = statement(
  'booking-changes.announce',
  `SELECT count(*)::int AS sent FROM (SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, '')) AS announce`,
  { sent: 'int4' },
);

const STATE_BY_ID = statement('bookings.state-by-id', `SELECT ${STATE_COLUMNS} FROM bookings b WHERE b.id = $1`, BOOKING_STATE);
const CONFIRMED_OF_EVENT = statement(
  'bookings.confirmed-of-event',
  `SELECT ${STATE_COLUMNS} FROM bookings b WHERE b.event_id = $1 AND b.status = 'confirmed' ORDER BY b.starts_at, b.id`,
  BOOKING_STATE,
);

@Injectable()
export class BookingChangeLog implements OnModuleDestroy {
  private readonly logger = new Logger(BookingChangeLog.name);
  private pending = false;
  private flushing?: Promise<void>;

  constructor(private readonly db: Database) {}

  /** Tells followers (other processes included) that change-log rows were committed. */
  announce(): void {
    this.pending = true;
    this.flushing ??= this.flush();
  }

  private async flush(): Promise<void> {
    await delay(ANNOUNCE_DELAY_MS);
    // No await between the last check of `pending` and clearing `flushing`: a change announced
    // meanwhile either ran before the check (and is sent) or starts a new flush.
    while (this.pending) {
      this.pending = false;
      try {
        await this.db.run(ANNOUNCE, [BOOKING_CHANGES_CHANNEL]);
      } catch (error) {
        this.logger.warn({ err: error }, 'Announcing booking changes failed; followers will find them on their next poll');
      }
    }
    this.flushing = undefined;
  }

  /** Lets an announcement in flight finish while the database is still open. */
  async onModuleDestroy(): Promise<void> {
    await this.flushing;
  }

  /** Locks up to `limit` pending changes for the caller's transaction (see CLAIM_BATCH). */
  async claimBatch(tx: Tx, limit: number): Promise<PendingChange[]> {
    const rows = await this.db.run(CLAIM_BATCH, [limit], tx);
    return rows.map(({ change_id, change, ...booking }) => ({
      id: change_id,
      change: change as BookingChangeKind,
      booking: booking as BookingState,
    }));
  }

  async markProcessed(tx: Tx, changeIds: string[]): Promise<void> {
    if (changeIds.length) await this.db.run(MARK_PROCESSED, [changeIds], tx);
  }

  /** Logs changes in the caller's transaction, in the order given. */
  async record(tx: Tx, bookingIds: string[], change: BookingChangeKind): Promise<void> {
    if (!bookingIds.length) return;
    await this.db.run(RECORD, [bookingIds, change], tx);
    this.db.afterCommit(tx, () => this.announce());
  }

  /** An event's name, venue, organizer or zone changed: its coming interviews' invites are updated. */
  async recordUpdatedForEvent(tx: Tx, eventId: string): Promise<void> {
    if ((await this.db.count(RECORD_UPDATED_FOR_EVENT, [eventId], tx)) > 0) this.db.afterCommit(tx, () => this.announce());
  }

  /** A booking as an invite or reminder shows it, or undefined when it is gone. */
  async bookingState(bookingId: string, tx?: Tx): Promise<BookingState | undefined> {
    const [row] = await this.db.run(STATE_BY_ID, [bookingId], tx);
    return row as BookingState | undefined;
  }

  /** An event's confirmed bookings (e.g. to reschedule their reminders), in the caller's transaction. */
  async confirmedOfEvent(tx: Tx, eventId: string): Promise<BookingState[]> {
    return (await this.db.run(CONFIRMED_OF_EVENT, [eventId], tx)) as BookingState[];
  }
}
