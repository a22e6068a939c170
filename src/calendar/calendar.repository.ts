import { Injectable } from '@nestjs/common';
import type { FeedAudience } from './entities/calendar-token.entity';
import type { StoredFeedBooking } from './feed-calendar';
import { Database } from '../database/database';
import { dynamicStatement, statement } from '../database/statement';

/**
 * A feed: whose interviews it lists and who reads it. Students and volunteers read their own
 * (`owner`); staff read an event's or a volunteer's (`staff`), under a token of its own.
 */
export interface FeedKey {
  owner: 'student' | 'volunteer' | 'event';
  id: string;
  audience: FeedAudience;
}

const OWNER_COLUMN = { student: 'student_id', volunteer: 'volunteer_id', event: 'event_id' } as const;

const KEY_BY_HASH = statement(
  'calendar.key-by-hash',
  `SELECT student_id, volunteer_id, event_id, audience FROM calendar_tokens WHERE token_hash = $1`,
  { student_id: 'uuid?', volunteer_id: 'uuid?', event_id: 'uuid?', audience: 'varchar' },
);

/**
 * The confirmed bookings a feed lists, with what a VEVENT shows: a read model over bookings,
 * events, volunteers, students and the change log (declared in src/database/table-owners.ts).
 * `changedAt` is the latest change to the booking or its event: the feed's DTSTAMP.
 */
const CONFIRMED_BOOKINGS = statement(
  'calendar.confirmed-bookings',
  `SELECT b.id, b.event_id AS "eventId", b.volunteer_id AS "volunteerId", b.starts_at AS "startsAt", b.ends_at AS "endsAt",
          GREATEST(b.created_at, e.updated_at, (SELECT max(c.created_at) FROM booking_changes c WHERE c.booking_id = b.id)) AS "changedAt",
          e.name AS "eventName", e.location AS "eventLocation", e.description AS "eventDescription",
          e.timezone AS "eventTimezone",
          v.name AS "volunteerName", v.organization AS "volunteerOrganization", s.name AS "studentName"
     FROM bookings b
     JOIN events e ON e.id = b.event_id
     JOIN volunteers v ON v.id = b.volunteer_id
     JOIN students s ON s.id = b.student_id
    WHERE b.status = 'confirmed'
      AND ($1::uuid IS NULL OR b.student_id = $1)
      AND ($2::uuid IS NULL OR b.volunteer_id = $2)
      AND ($3::uuid IS NULL OR b.event_id = $3)
      AND ($4::uuid IS NULL OR b.id = $4)
    ORDER BY b.starts_at, b.id`,
  {
    id: 'uuid',
    eventId: 'uuid',
    volunteerId: 'uuid',
    startsAt: 'timestamptz',
    endsAt: 'timestamptz',
    changedAt: 'timestamptz',
    eventName: 'varchar',
    eventLocation: 'varchar',
    eventDescription: 'text',
    eventTimezone: 'varchar',
    volunteerName: 'varchar',
    volunteerOrganization: 'varchar',
    studentName: 'varchar',
  },
);

/** Feed tokens, and the confirmed bookings a feed lists (read only; bookings own them). */
@Injectable()
export class CalendarRepository {
  constructor(private readonly db: Database) {}

  async findSealedToken(key: FeedKey): Promise<string | undefined> {
    const sealed = dynamicStatement(
      'calendar.sealed-token',
      `SELECT token_sealed AS sealed FROM calendar_tokens WHERE ${OWNER_COLUMN[key.owner]} = $1 AND audience = $2`,
      { sealed: 'text' },
    );
    return (await this.db.run(sealed, [key.id, key.audience]))[0]?.sealed;
  }

  /** Stores the feed's token, replacing (revoking) any earlier one. */
  async replaceToken(key: FeedKey, hash: string, sealed: string): Promise<void> {
    const column = OWNER_COLUMN[key.owner];
    await this.db.query(
      `INSERT INTO calendar_tokens (${column}, audience, token_hash, token_sealed) VALUES ($1, $2, $3, $4)
       ON CONFLICT (${column}, audience) WHERE ${column} IS NOT NULL
       DO UPDATE SET token_hash = EXCLUDED.token_hash, token_sealed = EXCLUDED.token_sealed, created_at = now()`,
      [key.id, key.audience, hash, sealed],
    );
  }

  /** Stores a first token unless one appeared meanwhile; returns the one that is stored. */
  async insertTokenIfAbsent(key: FeedKey, hash: string, sealed: string): Promise<string> {
    const column = OWNER_COLUMN[key.owner];
    await this.db.query(
      `INSERT INTO calendar_tokens (${column}, audience, token_hash, token_sealed) VALUES ($1, $2, $3, $4)
       ON CONFLICT (${column}, audience) WHERE ${column} IS NOT NULL DO NOTHING`,
      [key.id, key.audience, hash, sealed],
    );
    return (await this.findSealedToken(key))!;
  }

  async findKeyByHash(hash: string): Promise<FeedKey | undefined> {
    const [row] = await this.db.run(KEY_BY_HASH, [hash]);
    if (!row) return undefined;
    const audience = row.audience as FeedAudience;
    if (row.student_id) return { owner: 'student', id: row.student_id, audience };
    if (row.volunteer_id) return { owner: 'volunteer', id: row.volunteer_id, audience };
    return { owner: 'event', id: row.event_id!, audience };
  }

  /** `changedAt` is the latest change to the booking or its event: the feed's DTSTAMP. */
  findConfirmedBookings(filter: { studentId?: string; volunteerId?: string; eventId?: string; bookingId?: string }): Promise<StoredFeedBooking[]> {
    return this.db.run(CONFIRMED_BOOKINGS, [filter.studentId ?? null, filter.volunteerId ?? null, filter.eventId ?? null, filter.bookingId ?? null]);
  }
}
