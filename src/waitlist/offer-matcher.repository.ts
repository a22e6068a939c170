import { Injectable } from '@nestjs/common';
import { Database, Tx } from '../database/database';
import { statement } from '../database/statement';
import { DEFAULT_HOLD_SECONDS } from './waitlist.repository';

/** One matcher at a time per event, across every worker process and the sweep. */
const LOCK_EVENT = statement(
  'waitlist.lock-event',
  `SELECT pg_advisory_xact_lock(hashtext('fairgrid:waitlist'), hashtext($1::text))::text AS locked`,
  { locked: 'text' },
);

/** Due offers of the event end as `expired`; their entries leave the line (`lapsed`). */
const EXPIRE_DUE = statement(
  'waitlist.expire-due',
  `WITH expired AS (
     UPDATE waitlist_offers SET state = 'expired', ended_at = now()
      WHERE event_id = $1 AND state = 'offered' AND expires_at <= now()
     RETURNING id, entry_id
   ), lapsed AS (
     UPDATE waitlist_entries w SET status = 'lapsed', ended_at = now()
       FROM expired x WHERE w.id = x.entry_id AND w.status = 'waiting'
   )
   SELECT id FROM expired`,
  { id: 'uuid' },
);

/**
 * Pairs of a waiting entry and a free slot it fits, the line's order first (joined_at, id), then
 * the slot's time. Free: not started, no confirmed booking, not held. Left out: students with
 * a live offer in the event, and slots a student was offered before (declined or let expire).
 * The claim statement then judges each pair (BookingsService.refusalFor).
 */
const CANDIDATES = statement(
  'waitlist.candidates',
  `SELECT w.id AS entry_id, w.student_id, s.id AS slot_id
     FROM waitlist_entries w
     JOIN slots s ON s.event_id = w.event_id AND s.starts_at > now()
     JOIN volunteers v ON v.id = s.volunteer_id
    WHERE w.event_id = $1 AND w.status = 'waiting'
      AND (w.volunteer_id IS NULL OR w.volunteer_id = s.volunteer_id)
      AND (w.organization_id IS NULL OR w.organization_id = v.organization_id)
      AND (w.expertise IS NULL OR w.expertise = ANY(v.expertise))
      AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = s.id AND b.status = 'confirmed')
      AND NOT EXISTS (SELECT 1 FROM waitlist_offers o WHERE o.slot_id = s.id AND o.state = 'offered')
      AND NOT EXISTS (SELECT 1 FROM waitlist_offers o WHERE o.event_id = w.event_id AND o.student_id = w.student_id AND o.state = 'offered')
      AND NOT EXISTS (SELECT 1 FROM waitlist_offers o WHERE o.student_id = w.student_id AND o.slot_id = s.id)
    ORDER BY w.joined_at, w.id, s.starts_at, s.id
    LIMIT $2`,
  { entry_id: 'uuid', student_id: 'uuid', slot_id: 'uuid' },
);

/**
 * The slot locked FOR UPDATE, which conflicts with the FOR KEY SHARE a booking of it takes
 * (its foreign key check, and first of all the bookings_slot_held trigger): a booking under
 * way is waited for, and a later one waits for this transaction and then sees the offer.
 */
const LOCK_SLOT = statement('waitlist.lock-slot', `SELECT s.id FROM slots s WHERE s.id = $1 FOR UPDATE`, { id: 'uuid' });

/** After the lock, in a new snapshot: still free? */
const SLOT_FREE = statement(
  'waitlist.slot-free',
  `SELECT NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = $1 AND b.status = 'confirmed')
      AND NOT EXISTS (SELECT 1 FROM waitlist_offers o WHERE o.slot_id = $1 AND o.state = 'offered') AS free`,
  { free: 'bool' },
);

/**
 * The hold: the event's setting (default two hours), never past the booking close or the event's
 * cut-off before the slot (the claim run just before, with the same now(), refused a slot inside it).
 */
const INSERT_OFFER = statement(
  'waitlist.insert-offer',
  `INSERT INTO waitlist_offers (entry_id, event_id, student_id, slot_id, starts_at, ends_at, expires_at)
   SELECT $1, s.event_id, $2, s.id, s.starts_at, s.ends_at,
          LEAST(now() + make_interval(secs => COALESCE(ws.offer_hold_seconds, $4)), e.booking_closes_at,
                s.starts_at - make_interval(mins => e.booking_cutoff_minutes))
     FROM slots s
     JOIN events e ON e.id = s.event_id
     LEFT JOIN waitlist_settings ws ON ws.event_id = s.event_id
    WHERE s.id = $3
   RETURNING id, expires_at`,
  { id: 'uuid', expires_at: 'timestamptz' },
);

/** Events the sweep looks at: offers past due, or students waiting while booking is open. */
const EVENTS_TO_SWEEP = statement(
  'waitlist.events-to-sweep',
  `SELECT event_id FROM waitlist_offers WHERE state = 'offered' AND expires_at <= now()
   UNION
   SELECT w.event_id FROM waitlist_entries w JOIN events e ON e.id = w.event_id
    WHERE w.status = 'waiting' AND e.status = 'published' AND e.booking_closes_at > now()
   LIMIT 1000`,
  { event_id: 'uuid' },
);

const OFFER_DUE = statement(
  'waitlist.offer-due',
  `SELECT event_id, state, expires_at, expires_at <= now() AS due FROM waitlist_offers WHERE id = $1`,
  { event_id: 'uuid', state: 'varchar', expires_at: 'timestamptz', due: 'bool' },
);

export interface Candidate {
  entryId: string;
  studentId: string;
  slotId: string;
}

@Injectable()
export class OfferMatcherRepository {
  constructor(private readonly db: Database) {}

  async lockEvent(tx: Tx, eventId: string): Promise<void> {
    await this.db.run(LOCK_EVENT, [eventId], tx);
  }

  async expireDue(tx: Tx, eventId: string): Promise<string[]> {
    return (await this.db.run(EXPIRE_DUE, [eventId], tx)).map((r) => r.id);
  }

  async candidates(tx: Tx, eventId: string, limit: number): Promise<Candidate[]> {
    const rows = await this.db.run(CANDIDATES, [eventId, limit], tx);
    return rows.map((r) => ({ entryId: r.entry_id, studentId: r.student_id, slotId: r.slot_id }));
  }

  /** Locks the slot and says whether it is still there and free. */
  async lockFreeSlot(tx: Tx, slotId: string): Promise<boolean> {
    if (!(await this.db.run(LOCK_SLOT, [slotId], tx)).length) return false;
    return (await this.db.run(SLOT_FREE, [slotId], tx))[0].free;
  }

  async insertOffer(tx: Tx, candidate: Candidate): Promise<{ id: string; expiresAt: Date }> {
    const [row] = await this.db.run(INSERT_OFFER, [candidate.entryId, candidate.studentId, candidate.slotId, DEFAULT_HOLD_SECONDS], tx);
    return { id: row.id, expiresAt: row.expires_at };
  }

  async eventsToSweep(): Promise<string[]> {
    return (await this.db.run(EVENTS_TO_SWEEP, [])).map((r) => r.event_id);
  }

  async offerDue(offerId: string): Promise<{ eventId: string; state: string; expiresAt: Date; due: boolean } | undefined> {
    const [row] = await this.db.run(OFFER_DUE, [offerId]);
    return row && { eventId: row.event_id, state: row.state, expiresAt: row.expires_at, due: row.due };
  }
}
