import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FeedBooking } from './feed-calendar';

export type FeedOwner = { role: 'student' | 'volunteer'; id: string };

const OWNER_COLUMN = { student: 'student_id', volunteer: 'volunteer_id' } as const;

/** Feed tokens, and the confirmed bookings a feed lists (read only; bookings own them). */
@Injectable()
export class CalendarRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findSealedToken(owner: FeedOwner): Promise<string | undefined> {
    const [row] = await this.db.query(`SELECT token_sealed AS sealed FROM calendar_tokens WHERE ${OWNER_COLUMN[owner.role]} = $1`, [owner.id]);
    return row?.sealed;
  }

  /** Stores the owner's token, replacing (revoking) any earlier one. */
  async replaceToken(owner: FeedOwner, hash: string, sealed: string): Promise<void> {
    const column = OWNER_COLUMN[owner.role];
    await this.db.query(
      `INSERT INTO calendar_tokens (${column}, token_hash, token_sealed) VALUES ($1, $2, $3)
       ON CONFLICT (${column}) WHERE ${column} IS NOT NULL
       DO UPDATE SET token_hash = EXCLUDED.token_hash, token_sealed = EXCLUDED.token_sealed, created_at = now()`,
      [owner.id, hash, sealed],
    );
  }

  /** Stores a first token unless one appeared meanwhile; returns the one that is stored. */
  async insertTokenIfAbsent(owner: FeedOwner, hash: string, sealed: string): Promise<string> {
    const column = OWNER_COLUMN[owner.role];
    await this.db.query(
      `INSERT INTO calendar_tokens (${column}, token_hash, token_sealed) VALUES ($1, $2, $3)
       ON CONFLICT (${column}) WHERE ${column} IS NOT NULL DO NOTHING`,
      [owner.id, hash, sealed],
    );
    return (await this.findSealedToken(owner))!;
  }

  async findOwnerByHash(hash: string): Promise<FeedOwner | undefined> {
    const [row] = await this.db.query(`SELECT student_id, volunteer_id FROM calendar_tokens WHERE token_hash = $1`, [hash]);
    if (!row) return undefined;
    return row.student_id ? { role: 'student', id: row.student_id } : { role: 'volunteer', id: row.volunteer_id };
  }

  findConfirmedBookings(filter: { studentId?: string; volunteerId?: string; eventId?: string }): Promise<FeedBooking[]> {
    return this.db.query(
      `SELECT b.id, b.starts_at AS "startsAt", b.ends_at AS "endsAt", b.created_at AS "createdAt",
              e.name AS "eventName", e.location AS "eventLocation", e.description AS "eventDescription",
              e.timezone AS "eventTimezone", e.updated_at AS "eventUpdatedAt",
              v.name AS "volunteerName", v.organization AS "volunteerOrganization", s.name AS "studentName"
         FROM bookings b
         JOIN events e ON e.id = b.event_id
         JOIN volunteers v ON v.id = b.volunteer_id
         JOIN students s ON s.id = b.student_id
        WHERE b.status = 'confirmed'
          AND ($1::uuid IS NULL OR b.student_id = $1)
          AND ($2::uuid IS NULL OR b.volunteer_id = $2)
          AND ($3::uuid IS NULL OR b.event_id = $3)
        ORDER BY b.starts_at, b.id`,
      [filter.studentId ?? null, filter.volunteerId ?? null, filter.eventId ?? null],
    );
  }
}
