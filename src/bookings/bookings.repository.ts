import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { BookingChange, BookingChangeKind } from './entities/booking-change.entity';
import { Booking } from './entities/booking.entity';

export interface SlotClaim {
  eventId: string;
  slotId: string;
  volunteerId: string;
  studentId: string;
  startsAt: Date;
  endsAt: Date;
  maxBookings: number;
}

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

/** The partial unique index that keeps one confirmed interview per organization per student (issue 14). */
export const ORGANIZATION_UNIQUE = 'bookings_student_organization_unique';

@Injectable()
export class BookingsRepository {
  constructor(@InjectRepository(Booking) private readonly bookings: Repository<Booking>) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.bookings.manager.transaction(work);
  }

  /**
   * One statement that PostgreSQL arbitrates: the student takes the lowest free booking
   * number in 1..maxBookings and the slot, or nothing happens. The unique indexes (one
   * confirmed booking per slot, per student number) and the exclusion constraint (no overlap)
   * turn every losing racer into "no row", never a deadlock or an error.
   */
  async claimSlot(tx: EntityManager, c: SlotClaim): Promise<string | undefined> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO bookings (event_id, slot_id, volunteer_id, student_id, starts_at, ends_at, booking_number)
       SELECT $1, $2, $3, $4, $5, $6, n
         FROM generate_series(1, $7::int) AS n
        WHERE NOT EXISTS (SELECT 1 FROM bookings b
                           WHERE b.event_id = $1 AND b.student_id = $4 AND b.status = 'confirmed' AND b.booking_number = n)
        ORDER BY n
        LIMIT 1
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [c.eventId, c.slotId, c.volunteerId, c.studentId, c.startsAt, c.endsAt, c.maxBookings],
    );
    return rows[0]?.id;
  }

  /**
   * Inserts allocated bookings in one statement: each student takes the lowest booking numbers
   * still free in 1..maxBookings, in time order. Unlike claimSlot it does not skip conflicts:
   * a taken slot, an overlap or a used number raises the constraint's error, so the caller's
   * transaction (allocation publishing) rolls back whole. A student without enough free numbers
   * gets fewer rows back than asked for; the caller compares the counts.
   */
  async insertAllocated(tx: EntityManager, eventId: string, maxBookings: number, rows: AllocatedBooking[]): Promise<{ id: string; slotId: string }[]> {
    if (!rows.length) return [];
    const inserted: { id: string; slot_id: string }[] = await tx.query(
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
      [
        eventId,
        rows.map((r) => r.slotId),
        rows.map((r) => r.volunteerId),
        rows.map((r) => r.studentId),
        rows.map((r) => r.startsAt),
        rows.map((r) => r.endsAt),
        maxBookings,
      ],
    );
    return inserted.map((r) => ({ id: r.id, slotId: r.slot_id }));
  }

  /**
   * Why a claim found nothing to insert, read after the fact. `organizationId` is the slot's
   * volunteer's: the claim's ON CONFLICT also swallows bookings_student_organization_unique.
   */
  async diagnose(
    tx: EntityManager,
    c: SlotClaim,
    organizationId: string | null = null,
  ): Promise<{ heldBySelf?: string; slotTaken: boolean; held: number; overlapping: boolean; organizationBooked: boolean }> {
    const [row]: { held_by_self: string | null; slot_taken: boolean; held: number; overlapping: boolean; organization_booked: boolean }[] = await tx.query(
      `SELECT (SELECT id FROM bookings WHERE slot_id = $1 AND status = 'confirmed' AND student_id = $3) AS held_by_self,
              EXISTS (SELECT 1 FROM bookings WHERE slot_id = $1 AND status = 'confirmed') AS slot_taken,
              (SELECT count(*)::int FROM bookings WHERE event_id = $2 AND student_id = $3 AND status = 'confirmed') AS held,
              EXISTS (SELECT 1 FROM bookings WHERE student_id = $3 AND status = 'confirmed'
                         AND tstzrange(starts_at, ends_at) && tstzrange($4::timestamptz, $5::timestamptz)) AS overlapping,
              EXISTS (SELECT 1 FROM bookings WHERE event_id = $2 AND student_id = $3 AND status = 'confirmed'
                         AND organization_id = $6::uuid) AS organization_booked`,
      [c.slotId, c.eventId, c.studentId, c.startsAt, c.endsAt, organizationId],
    );
    return {
      heldBySelf: row.held_by_self ?? undefined,
      slotTaken: row.slot_taken,
      held: row.held,
      overlapping: row.overlapping,
      organizationBooked: row.organization_booked,
    };
  }

  findById(id: string, tx?: EntityManager): Promise<Booking | null> {
    return (tx?.getRepository(Booking) ?? this.bookings).findOneBy({ id });
  }

  /** Cancels a confirmed booking; returns false if it was not confirmed any more. */
  async cancel(tx: EntityManager, id: string): Promise<boolean> {
    const result = await tx
      .getRepository(Booking)
      .createQueryBuilder()
      .update()
      .set({ status: 'cancelled', cancelledAt: () => 'now()' })
      .where('id = :id AND status = :status', { id, status: 'confirmed' })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * Moves a confirmed booking to a slot of its event, copying the slot's volunteer and times
   * in the same statement: the unique index (one confirmed booking per slot) and the
   * exclusion constraint (no overlapping interviews per student) judge the new row, so a
   * losing racer gets 23505/23P01. The booking number stays, as the event does. Returns false
   * if the booking is not confirmed any more or already holds that slot.
   */
  async moveToSlot(tx: EntityManager, id: string, slotId: string): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, rowCount].
    const [, moved]: [unknown, number] = await tx.query(
      `UPDATE bookings b
          SET slot_id = s.id, volunteer_id = s.volunteer_id, starts_at = s.starts_at, ends_at = s.ends_at
         FROM slots s
        WHERE b.id = $1 AND s.id = $2 AND s.event_id = b.event_id
          AND b.status = 'confirmed' AND b.slot_id IS DISTINCT FROM s.id`,
      [id, slotId],
    );
    return moved > 0;
  }

  /** Cancels a volunteer's confirmed interviews in an event that have not started; returns their ids. */
  async cancelUpcomingOfVolunteer(tx: EntityManager, eventId: string, volunteerId: string): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await tx.query(
      `UPDATE bookings SET status = 'cancelled', cancelled_at = now()
        WHERE event_id = $1 AND volunteer_id = $2 AND status = 'confirmed' AND starts_at > now()
       RETURNING id`,
      [eventId, volunteerId],
    );
    return rows.map((r) => r.id);
  }

  /** Logs `updated` for the event's confirmed interviews that have not ended, in the caller's transaction. */
  async recordUpdatedForEvent(tx: EntityManager, eventId: string): Promise<void> {
    await tx.query(
      `INSERT INTO booking_changes (booking_id, change)
       SELECT id, 'updated' FROM bookings
        WHERE event_id = $1 AND status = 'confirmed' AND ends_at > now()
        ORDER BY starts_at, id`,
      [eventId],
    );
  }

  /**
   * For an edit lowering the event's maxBookingsPerStudent, in its transaction: takes the event
   * row FOR UPDATE, which waits for bookings in flight (their foreign key check holds FOR KEY
   * SHARE) and holds new ones back until the edit commits, then returns the confirmed bookings
   * of every student holding more than `max`.
   */
  async lockAndFindOverLimit(tx: EntityManager, eventId: string, max: number): Promise<Booking[]> {
    await tx.query(`SELECT 1 FROM events WHERE id = $1 FOR UPDATE`, [eventId]);
    return tx.getRepository(Booking).query(
      `SELECT id, student_id AS "studentId", slot_id AS "slotId", starts_at AS "startsAt" FROM bookings
        WHERE event_id = $1 AND status = 'confirmed'
          AND student_id IN (SELECT student_id FROM bookings WHERE event_id = $1 AND status = 'confirmed'
                              GROUP BY student_id HAVING count(*) > $2)
        ORDER BY student_id, starts_at, id`,
      [eventId, max],
    );
  }

  /**
   * Moves booking numbers above `max` to the lowest numbers their student does not hold, so
   * each student holds numbers within 1..max again (every student holds at most `max`, which
   * lockAndFindOverLimit checked). Targets are free numbers, so no unique index conflicts.
   */
  async renumberWithin(tx: EntityManager, eventId: string, max: number): Promise<void> {
    await tx.query(
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
      [eventId, max],
    );
  }

  findByIds(ids: string[], tx?: EntityManager): Promise<Booking[]> {
    if (!ids.length) return Promise.resolve([]);
    return (tx?.getRepository(Booking) ?? this.bookings).find({ where: { id: In(ids) }, order: { startsAt: 'ASC', id: 'ASC' } });
  }

  /** Logs changes in the caller's transaction, so they exist exactly when the change does. */
  async recordChanges(tx: EntityManager, bookingIds: string[], change: BookingChangeKind): Promise<void> {
    if (bookingIds.length) {
      await tx.getRepository(BookingChange).insert(bookingIds.map((bookingId) => ({ bookingId, change })));
    }
  }

  findForStudent(studentId: string): Promise<Booking[]> {
    return this.bookings.find({ where: { studentId }, order: { startsAt: 'ASC', id: 'ASC' } });
  }

  findForVolunteer(volunteerId: string): Promise<Booking[]> {
    return this.bookings.find({ where: { volunteerId }, order: { startsAt: 'ASC', id: 'ASC' } });
  }

  findForEvent(eventId: string, status?: Booking['status']): Promise<Booking[]> {
    return this.bookings.find({ where: { eventId, ...(status ? { status } : {}) }, order: { startsAt: 'ASC', id: 'ASC' } });
  }

  /** Confirmed bookings of these volunteers in an event, read in the caller's transaction. */
  async confirmedForVolunteers(tx: EntityManager, eventId: string, volunteerIds: string[]): Promise<VolunteerBookingTime[]> {
    if (!volunteerIds.length) return [];
    return tx.query(
      `SELECT id, volunteer_id AS "volunteerId", starts_at AS "startsAt", ends_at AS "endsAt" FROM bookings
        WHERE event_id = $1 AND volunteer_id = ANY($2::uuid[]) AND status = 'confirmed'`,
      [eventId, volunteerIds],
    );
  }
}
