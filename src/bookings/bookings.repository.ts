import { Injectable } from '@nestjs/common';
import { Database, Tx } from '../database/database';
import { statement } from '../database/statement';
import { BookingViewRow, VIEWS_BY_IDS, VIEWS_OF_EVENT, VIEWS_OF_STUDENT, VIEWS_OF_VOLUNTEER } from './booking-views.sql';
import type { Booking, BookingStatus } from './entities/booking.entity';

export interface VolunteerBookingTime {
  id: string;
  volunteerId: string;
  startsAt: Date;
  endsAt: Date;
}

/** A booking that an allocation run decided; see insertAllocated. */
export interface AllocatedBooking {
  slotId: string;
  volunteerId: string;
  studentId: string;
  startsAt: Date;
  endsAt: Date;
}

const BY_ID = statement(
  'bookings.by-id',
  `SELECT id, event_id AS "eventId", slot_id AS "slotId", volunteer_id AS "volunteerId", student_id AS "studentId",
          starts_at AS "startsAt", ends_at AS "endsAt", booking_number AS "bookingNumber", status,
          created_at AS "createdAt", cancelled_at AS "cancelledAt", organization_id AS "organizationId"
     FROM bookings WHERE id = $1`,
  {
    id: 'uuid',
    eventId: 'uuid',
    slotId: 'uuid?',
    volunteerId: 'uuid',
    studentId: 'uuid',
    startsAt: 'timestamptz',
    endsAt: 'timestamptz',
    bookingNumber: 'int2',
    status: 'varchar',
    createdAt: 'timestamptz',
    cancelledAt: 'timestamptz?',
    organizationId: 'uuid?',
  },
);

/**
 * Allocated bookings in one statement: each student takes the lowest booking numbers still free
 * in 1..maxBookings ($7), in time order. Unlike the first-come claim it does not skip
 * conflicts: a taken slot, an overlap or a used number raises the constraint's error, so the
 * caller's transaction (allocation publishing) rolls back whole.
 */
const INSERT_ALLOCATED = statement(
  'bookings.insert-allocated',
  `WITH wanted AS (
     SELECT w.*, row_number() OVER (PARTITION BY w.student_id ORDER BY w.starts_at, w.slot_id) AS k
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::timestamptz[])
            AS w(slot_id, volunteer_id, student_id, starts_at, ends_at)
   ), free AS (
     SELECT s.student_id, n, row_number() OVER (PARTITION BY s.student_id ORDER BY n) AS k
       FROM (SELECT DISTINCT student_id FROM wanted) s
      CROSS JOIN generate_series(1, $7::int) AS n
      WHERE NOT EXISTS (SELECT 1 FROM bookings b
                         WHERE b.event_id = $1 AND b.student_id = s.student_id AND b.status = 'confirmed' AND b.booking_number = n)
   )
   INSERT INTO bookings (event_id, slot_id, volunteer_id, student_id, starts_at, ends_at, booking_number)
   SELECT $1, w.slot_id, w.volunteer_id, w.student_id, w.starts_at, w.ends_at, f.n
     FROM wanted w JOIN free f ON f.student_id = w.student_id AND f.k = w.k
   RETURNING id, slot_id`,
  { id: 'uuid', slot_id: 'uuid' },
);

const CANCEL = statement(
  'bookings.cancel',
  `UPDATE bookings SET status = 'cancelled', cancelled_at = now() WHERE id = $1 AND status = 'confirmed'`,
  {},
);

/**
 * Moves a confirmed booking to a slot of its event, copying the slot's volunteer and times in
 * the same statement: the unique index (one confirmed booking per slot) and the exclusion
 * constraint (no overlapping interviews per student) judge the new row, so a losing racer gets
 * 23505/23P01. The booking number stays, as the event does.
 */
const MOVE_TO_SLOT = statement(
  'bookings.move-to-slot',
  `UPDATE bookings b
      SET slot_id = s.id, volunteer_id = s.volunteer_id, starts_at = s.starts_at, ends_at = s.ends_at
     FROM slots s
    WHERE b.id = $1 AND s.id = $2 AND s.event_id = b.event_id
      AND b.status = 'confirmed' AND b.slot_id IS DISTINCT FROM s.id`,
  {},
);

const CANCEL_UPCOMING_OF_VOLUNTEER = statement(
  'bookings.cancel-upcoming-of-volunteer',
  `UPDATE bookings SET status = 'cancelled', cancelled_at = now()
    WHERE event_id = $1 AND volunteer_id = $2 AND status = 'confirmed' AND starts_at > now()
   RETURNING id`,
  { id: 'uuid' },
);

const CANCEL_UPCOMING_OF_STUDENT = statement(
  'bookings.cancel-upcoming-of-student',
  `UPDATE bookings SET status = 'cancelled', cancelled_at = now()
    WHERE student_id = $1 AND status = 'confirmed' AND starts_at > now()
   RETURNING id`,
  { id: 'uuid' },
);

/** Issue 13: a deleted person's bookings whose changes are not yet turned into mails. */
const PERSON_HAS_UNMAILED_CHANGES = statement(
  'bookings.person-has-unmailed-changes',
  `SELECT EXISTS (
     SELECT 1 FROM booking_changes c JOIN bookings b ON b.id = c.booking_id
      WHERE c.processed_at IS NULL AND (b.student_id = $1 OR b.volunteer_id = $1)
   ) AS found`,
  { found: 'bool' },
);

const IDS_OF_PERSON = statement('bookings.ids-of-person', `SELECT id FROM bookings WHERE student_id = $1 OR volunteer_id = $1`, { id: 'uuid' });

const CONFIRMED_FOR_VOLUNTEERS = statement(
  'bookings.confirmed-for-volunteers',
  `SELECT id, volunteer_id AS "volunteerId", starts_at AS "startsAt", ends_at AS "endsAt" FROM bookings
    WHERE event_id = $1 AND volunteer_id = ANY($2::uuid[]) AND status = 'confirmed'`,
  { id: 'uuid', volunteerId: 'uuid', startsAt: 'timestamptz', endsAt: 'timestamptz' },
);

/** The students holding more than $2 confirmed interviews in the event, with those interviews. */
const OVER_LIMIT = statement(
  'bookings.over-limit',
  `SELECT id, student_id AS "studentId", slot_id AS "slotId", starts_at AS "startsAt" FROM bookings
    WHERE event_id = $1 AND status = 'confirmed'
      AND student_id IN (SELECT student_id FROM bookings WHERE event_id = $1 AND status = 'confirmed'
                          GROUP BY student_id HAVING count(*) > $2)
    ORDER BY student_id, starts_at, id`,
  { id: 'uuid', studentId: 'uuid', slotId: 'uuid?', startsAt: 'timestamptz' },
);

/**
 * Moves booking numbers above $2 to the lowest numbers their student does not hold, so each
 * student holds numbers within 1..$2 again (every student holds at most $2, which OVER_LIMIT
 * checked). Targets are free numbers, so no unique index conflicts.
 */
const RENUMBER_WITHIN = statement(
  'bookings.renumber-within',
  `WITH held AS (
     SELECT id, student_id, booking_number FROM bookings WHERE event_id = $1 AND status = 'confirmed'
   ), moving AS (
     SELECT id, student_id, row_number() OVER (PARTITION BY student_id ORDER BY booking_number) AS k
       FROM held WHERE booking_number > $2
   ), free AS (
     SELECT s.student_id, n, row_number() OVER (PARTITION BY s.student_id ORDER BY n) AS k
       FROM (SELECT DISTINCT student_id FROM moving) s
      CROSS JOIN generate_series(1, $2::int) AS n
      WHERE NOT EXISTS (SELECT 1 FROM held h WHERE h.student_id = s.student_id AND h.booking_number = n)
   )
   UPDATE bookings b SET booking_number = f.n
     FROM moving m JOIN free f ON f.student_id = m.student_id AND f.k = m.k
    WHERE b.id = m.id`,
  {},
);

/**
 * Issue 12: pairs of one student's confirmed interviews in the event closer than $2 minutes,
 * judged by the same formula as the exclusion constraint (booking_gap_range, migration 1765600000000).
 */
const CLOSER_THAN = statement(
  'bookings.closer-than',
  `SELECT a.id, a.student_id AS "studentId", b.id AS "otherId" FROM bookings a
     JOIN bookings b ON b.event_id = a.event_id AND b.student_id = a.student_id AND b.status = 'confirmed' AND b.id > a.id
    WHERE a.event_id = $1 AND a.status = 'confirmed'
      AND booking_gap_range(a.starts_at, a.ends_at, $2) && booking_gap_range(b.starts_at, b.ends_at, $2)
    ORDER BY a.student_id, a.starts_at, a.id`,
  { id: 'uuid', studentId: 'uuid', otherId: 'uuid' },
);

/** Issue 12: the event's confirmed bookings widened by its new gap (what the trigger does on insert). */
const WIDEN_BY_GAP = statement(
  'bookings.widen-by-gap',
  `UPDATE bookings SET gap_range = booking_gap_range(starts_at, ends_at, $2) WHERE event_id = $1 AND status = 'confirmed'`,
  {},
);

@Injectable()
export class BookingsRepository {
  constructor(private readonly db: Database) {}

  /** A student without enough free booking numbers gets fewer rows back than asked for; the caller compares the counts. */
  async insertAllocated(tx: Tx, eventId: string, maxBookings: number, rows: AllocatedBooking[]): Promise<{ id: string; slotId: string }[]> {
    if (!rows.length) return [];
    const inserted = await this.db.run(
      INSERT_ALLOCATED,
      [
        eventId,
        rows.map((r) => r.slotId),
        rows.map((r) => r.volunteerId),
        rows.map((r) => r.studentId),
        rows.map((r) => r.startsAt),
        rows.map((r) => r.endsAt),
        maxBookings,
      ],
      tx,
    );
    return inserted.map((r) => ({ id: r.id, slotId: r.slot_id }));
  }

  async findById(id: string, tx?: Tx): Promise<Booking | null> {
    const [row] = await this.db.run(BY_ID, [id], tx);
    return row ? { ...row, status: row.status as BookingStatus } : null;
  }

  /** Cancels a confirmed booking; returns false if it was not confirmed any more. */
  async cancel(tx: Tx, id: string): Promise<boolean> {
    return (await this.db.count(CANCEL, [id], tx)) > 0;
  }

  /** See MOVE_TO_SLOT; false if the booking is not confirmed any more or already holds that slot. */
  async moveToSlot(tx: Tx, id: string, slotId: string): Promise<boolean> {
    return (await this.db.count(MOVE_TO_SLOT, [id, slotId], tx)) > 0;
  }

  /** Cancels a volunteer's confirmed interviews in an event that have not started; returns their ids. */
  async cancelUpcomingOfVolunteer(tx: Tx, eventId: string, volunteerId: string): Promise<string[]> {
    return (await this.db.run(CANCEL_UPCOMING_OF_VOLUNTEER, [eventId, volunteerId], tx)).map((r) => r.id);
  }

  async cancelUpcomingOfStudent(tx: Tx, studentId: string): Promise<string[]> {
    return (await this.db.run(CANCEL_UPCOMING_OF_STUDENT, [studentId], tx)).map((r) => r.id);
  }

  async personHasUnmailedChanges(personId: string): Promise<boolean> {
    return (await this.db.run(PERSON_HAS_UNMAILED_CHANGES, [personId]))[0].found;
  }

  async idsOfPerson(personId: string): Promise<string[]> {
    return (await this.db.run(IDS_OF_PERSON, [personId])).map((r) => r.id);
  }

  /** Bookings as responses show them, in time order: a student's, a volunteer's, some by id, or an event's. */
  viewsOfStudent(studentId: string): Promise<BookingViewRow[]> {
    return this.db.run(VIEWS_OF_STUDENT, [studentId]);
  }

  viewsOfVolunteer(volunteerId: string): Promise<BookingViewRow[]> {
    return this.db.run(VIEWS_OF_VOLUNTEER, [volunteerId]);
  }

  viewsByIds(ids: string[]): Promise<BookingViewRow[]> {
    return ids.length ? this.db.run(VIEWS_BY_IDS, [ids]) : Promise.resolve([]);
  }

  viewsOfEvent(eventId: string, status?: BookingStatus): Promise<BookingViewRow[]> {
    return this.db.run(VIEWS_OF_EVENT, [eventId, status ?? null]);
  }

  /** Confirmed bookings of these volunteers in an event, read in the caller's transaction. */
  async confirmedForVolunteers(tx: Tx, eventId: string, volunteerIds: string[]): Promise<VolunteerBookingTime[]> {
    if (!volunteerIds.length) return [];
    return this.db.run(CONFIRMED_FOR_VOLUNTEERS, [eventId, volunteerIds], tx);
  }

  /**
   * In an event edit's transaction, which holds the event row locked: the bookings of students
   * who hold more than `max`, so a lower limit can be refused with them named.
   */
  overLimit(tx: Tx, eventId: string, max: number): Promise<{ id: string; studentId: string; slotId: string | null; startsAt: Date }[]> {
    return this.db.run(OVER_LIMIT, [eventId, max], tx);
  }

  /** Issue 12: in an event edit's transaction (the event locked FOR UPDATE), interviews closer than the new gap. */
  closerThan(tx: Tx, eventId: string, gapMinutes: number): Promise<{ id: string; studentId: string; otherId: string }[]> {
    return gapMinutes > 0 ? this.db.run(CLOSER_THAN, [eventId, gapMinutes], tx) : Promise.resolve([]);
  }

  async widenByGap(tx: Tx, eventId: string, gapMinutes: number): Promise<void> {
    await this.db.count(WIDEN_BY_GAP, [eventId, gapMinutes], tx);
  }

  async renumberWithin(tx: Tx, eventId: string, max: number): Promise<void> {
    await this.db.count(RENUMBER_WITHIN, [eventId, max], tx);
  }
}
