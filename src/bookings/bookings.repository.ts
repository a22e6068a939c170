import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
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

  /** Why a claim found nothing to insert, read after the fact. */
  async diagnose(tx: EntityManager, c: SlotClaim): Promise<{ slotTaken: boolean; held: number; overlapping: boolean }> {
    const [row]: { slot_taken: boolean; held: number; overlapping: boolean }[] = await tx.query(
      `SELECT EXISTS (SELECT 1 FROM bookings WHERE slot_id = $1 AND status = 'confirmed') AS slot_taken,
              (SELECT count(*)::int FROM bookings WHERE event_id = $2 AND student_id = $3 AND status = 'confirmed') AS held,
              EXISTS (SELECT 1 FROM bookings WHERE student_id = $3 AND status = 'confirmed'
                         AND tstzrange(starts_at, ends_at) && tstzrange($4::timestamptz, $5::timestamptz)) AS overlapping`,
      [c.slotId, c.eventId, c.studentId, c.startsAt, c.endsAt],
    );
    return { slotTaken: row.slot_taken, held: row.held, overlapping: row.overlapping };
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
}
