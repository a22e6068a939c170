import { Injectable } from '@nestjs/common';
import { Database, Tx } from '../database/database';
import { RowOf, statement } from '../database/statement';

const ENTRY_COLUMNS = {
  id: 'uuid',
  student_id: 'uuid',
  event_id: 'uuid',
  event_name: 'varchar',
  timezone: 'varchar',
  volunteer_id: 'uuid?',
  volunteer_name: 'varchar?',
  organization_id: 'uuid?',
  organization_name: 'varchar?',
  expertise: 'varchar?',
  status: 'varchar',
  joined_at: 'timestamptz',
  ended_at: 'timestamptz?',
  position: 'int4?',
  offer_id: 'uuid?',
} as const;
export type EntryRow = RowOf<typeof ENTRY_COLUMNS>;

const OFFER_COLUMNS = {
  id: 'uuid',
  entry_id: 'uuid',
  student_id: 'uuid',
  event_id: 'uuid',
  event_name: 'varchar',
  timezone: 'varchar',
  slot_id: 'uuid?',
  starts_at: 'timestamptz',
  ends_at: 'timestamptz',
  volunteer_id: 'uuid?',
  volunteer_name: 'varchar?',
  organization: 'varchar?',
  title: 'varchar?',
  state: 'varchar',
  offered_at: 'timestamptz',
  expires_at: 'timestamptz',
  ended_at: 'timestamptz?',
  booking_id: 'uuid?',
} as const;
export type OfferRow = RowOf<typeof OFFER_COLUMNS>;

/**
 * An entry's place in its event's line: waiting entries joined before it, itself included.
 * Entries of every narrowing share one line (first come, first served).
 */
const ENTRY_SELECT = `
  SELECT w.id, w.student_id, w.event_id, e.name AS event_name, e.timezone, w.volunteer_id, v.name AS volunteer_name,
         w.organization_id, o.name AS organization_name, w.expertise, w.status, w.joined_at, w.ended_at,
         CASE WHEN w.status = 'waiting' THEN
           (SELECT count(*)::int FROM waitlist_entries x
             WHERE x.event_id = w.event_id AND x.status = 'waiting' AND (x.joined_at, x.id) <= (w.joined_at, w.id))
         END AS position,
         (SELECT f.id FROM waitlist_offers f WHERE f.entry_id = w.id AND f.state = 'offered') AS offer_id
    FROM waitlist_entries w
    JOIN events e ON e.id = w.event_id
    LEFT JOIN volunteers v ON v.id = w.volunteer_id
    LEFT JOIN organizations o ON o.id = w.organization_id`;

const ENTRIES_OF_STUDENT = statement(
  'waitlist.entries-of-student',
  `${ENTRY_SELECT} WHERE w.student_id = $1 ORDER BY (w.status = 'waiting') DESC, w.joined_at DESC, w.id LIMIT 200`,
  ENTRY_COLUMNS,
);
const ENTRY_BY_ID = statement('waitlist.entry-by-id', `${ENTRY_SELECT} WHERE w.id = $1`, ENTRY_COLUMNS);

/** The offer's volunteer is its slot's; once the slot is gone the offer shows its times only. */
const OFFER_SELECT = `
  SELECT f.id, f.entry_id, f.student_id, f.event_id, e.name AS event_name, e.timezone, f.slot_id, f.starts_at, f.ends_at,
         v.id AS volunteer_id, v.name AS volunteer_name, v.organization, v.title,
         f.state, f.offered_at, f.expires_at, f.ended_at, f.booking_id
    FROM waitlist_offers f
    JOIN events e ON e.id = f.event_id
    LEFT JOIN slots s ON s.id = f.slot_id
    LEFT JOIN volunteers v ON v.id = s.volunteer_id`;

const OFFER_BY_ID = statement('waitlist.offer-by-id', `${OFFER_SELECT} WHERE f.id = $1`, OFFER_COLUMNS);
const OFFERS_BY_IDS = statement('waitlist.offers-by-ids', `${OFFER_SELECT} WHERE f.id = ANY($1::uuid[])`, OFFER_COLUMNS);
const OFFERS_OF_STUDENT = statement(
  'waitlist.offers-of-student',
  `${OFFER_SELECT} WHERE f.student_id = $1 ORDER BY f.offered_at DESC, f.id LIMIT 200`,
  OFFER_COLUMNS,
);

const JOIN = statement(
  'waitlist.join',
  `INSERT INTO waitlist_entries (event_id, student_id, volunteer_id, organization_id, expertise)
   VALUES ($1, $2, $3, $4, $5) RETURNING id`,
  { id: 'uuid' },
);

const LEAVE = statement(
  'waitlist.leave',
  `UPDATE waitlist_entries SET status = 'left', ended_at = now()
    WHERE id = $1 AND student_id = $2 AND status = 'waiting' RETURNING event_id`,
  { event_id: 'uuid' },
);

/** Issue 13, a student's deletion: every waiting entry of theirs ends as left. */
const LEAVE_ALL_OF_STUDENT = statement(
  'waitlist.leave-all-of-student',
  `UPDATE waitlist_entries SET status = 'left', ended_at = now() WHERE student_id = $1 AND status = 'waiting'`,
  {},
);

/** …and every live offer to them is withdrawn; the events whose slots are free again. */
const WITHDRAW_OFFERS_OF_STUDENT = statement(
  'waitlist.withdraw-offers-of-student',
  `UPDATE waitlist_offers SET state = 'withdrawn', ended_at = now() WHERE student_id = $1 AND state = 'offered' RETURNING event_id`,
  { event_id: 'uuid' },
);

/** An offer ends; `$3` the state it ends in. Only a live one, and only its student's. */
const END_OFFER_OF_ENTRY = statement(
  'waitlist.withdraw-offer-of-entry',
  `UPDATE waitlist_offers SET state = 'withdrawn', ended_at = now() WHERE entry_id = $1 AND state = 'offered' RETURNING id`,
  { id: 'uuid' },
);

/**
 * Accepting: the offer leaves `offered` first, in the accepting transaction, so the row lock
 * decides between this and its expiry (whichever updates it second finds it no longer
 * offered) and the booking that follows is no longer refused as held.
 */
const MARK_ACCEPTED = statement(
  'waitlist.mark-accepted',
  `UPDATE waitlist_offers SET state = 'accepted', ended_at = now()
    WHERE id = $1 AND student_id = $2 AND state = 'offered' AND expires_at > now()
   RETURNING slot_id, entry_id, event_id`,
  { slot_id: 'uuid', entry_id: 'uuid', event_id: 'uuid' },
);

const RECORD_BOOKING = statement(
  'waitlist.record-booking',
  `WITH offer AS (UPDATE waitlist_offers SET booking_id = $2 WHERE id = $1 RETURNING entry_id)
   UPDATE waitlist_entries SET status = 'served', ended_at = now() WHERE id = (SELECT entry_id FROM offer) AND status = 'waiting'`,
  {},
);

const MARK_DECLINED = statement(
  'waitlist.mark-declined',
  `UPDATE waitlist_offers SET state = 'declined', ended_at = now()
    WHERE id = $1 AND student_id = $2 AND state = 'offered' RETURNING event_id`,
  { event_id: 'uuid' },
);

const HOLD_OF = statement(
  'waitlist.hold-of',
  `SELECT offer_hold_seconds FROM waitlist_settings WHERE event_id = $1`,
  { offer_hold_seconds: 'int4' },
);
const SAVE_HOLD = statement(
  'waitlist.save-hold',
  `INSERT INTO waitlist_settings (event_id, offer_hold_seconds) VALUES ($1, $2)
   ON CONFLICT (event_id) DO UPDATE SET offer_hold_seconds = EXCLUDED.offer_hold_seconds`,
  {},
);

/** Default hold of an offer when staff set none: two hours. */
export const DEFAULT_HOLD_SECONDS = 7200;

@Injectable()
export class WaitlistRepository {
  constructor(private readonly db: Database) {}

  async join(tx: Tx, eventId: string, studentId: string, narrowing: { volunteerId?: string; organizationId?: string; expertise?: string }): Promise<string> {
    const [row] = await this.db.run(JOIN, [eventId, studentId, narrowing.volunteerId ?? null, narrowing.organizationId ?? null, narrowing.expertise ?? null], tx);
    return row.id;
  }

  /** Ends a student's waiting entry and withdraws its live offer; the event, or undefined if there was nothing to leave. */
  async leave(tx: Tx, entryId: string, studentId: string): Promise<{ eventId: string; withdrewOffer: boolean } | undefined> {
    const [left] = await this.db.run(LEAVE, [entryId, studentId], tx);
    if (!left) return undefined;
    const withdrawn = await this.db.run(END_OFFER_OF_ENTRY, [entryId], tx);
    return { eventId: left.event_id, withdrewOffer: withdrawn.length > 0 };
  }

  /** Ends every waiting entry of a student and withdraws their live offers; the events of those offers. */
  async leaveAllOfStudent(tx: Tx, studentId: string): Promise<string[]> {
    await this.db.run(LEAVE_ALL_OF_STUDENT, [studentId], tx);
    return [...new Set((await this.db.run(WITHDRAW_OFFERS_OF_STUDENT, [studentId], tx)).map((o) => o.event_id))];
  }

  entriesOfStudent(studentId: string): Promise<EntryRow[]> {
    return this.db.run(ENTRIES_OF_STUDENT, [studentId]);
  }

  async entry(id: string): Promise<EntryRow | undefined> {
    return (await this.db.run(ENTRY_BY_ID, [id]))[0];
  }

  async offer(id: string, tx?: Tx): Promise<OfferRow | undefined> {
    return (await this.db.run(OFFER_BY_ID, [id], tx))[0];
  }

  offers(ids: string[]): Promise<OfferRow[]> {
    return ids.length ? this.db.run(OFFERS_BY_IDS, [ids]) : Promise.resolve([]);
  }

  offersOfStudent(studentId: string): Promise<OfferRow[]> {
    return this.db.run(OFFERS_OF_STUDENT, [studentId]);
  }

  async markAccepted(tx: Tx, offerId: string, studentId: string): Promise<{ slotId: string; entryId: string; eventId: string } | undefined> {
    const [row] = await this.db.run(MARK_ACCEPTED, [offerId, studentId], tx);
    return row && { slotId: row.slot_id, entryId: row.entry_id, eventId: row.event_id };
  }

  async recordBooking(tx: Tx, offerId: string, bookingId: string): Promise<void> {
    await this.db.run(RECORD_BOOKING, [offerId, bookingId], tx);
  }

  async markDeclined(tx: Tx, offerId: string, studentId: string): Promise<string | undefined> {
    return (await this.db.run(MARK_DECLINED, [offerId, studentId], tx))[0]?.event_id;
  }

  async holdSeconds(eventId: string): Promise<number> {
    return (await this.db.run(HOLD_OF, [eventId]))[0]?.offer_hold_seconds ?? DEFAULT_HOLD_SECONDS;
  }

  async saveHoldSeconds(eventId: string, seconds: number): Promise<void> {
    await this.db.run(SAVE_HOLD, [eventId, seconds]);
  }
}
