import { Injectable } from '@nestjs/common';
import { isStaff, Principal } from '../common/auth/principal';
import { DomainError, notFound } from '../common/errors/domain-error';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName, offerFreedSlotsJobId } from '../queue/jobs';
import type { StoredResponse } from '../common/idempotency/idempotency-key';
import { Database, Tx } from '../database/database';
import { EventsService } from '../events/events.service';
import { SlotsService } from '../slots/slots.service';
import { StrikesService } from '../strikes/strikes.service';
import { BookingChangeLog } from './booking-change-log';
import { BookingClaims } from './booking-claim';
import { cutoffPassed } from './booking-rules';
import { BookingView } from './booking-view';
import { AllocatedBooking, BookingsRepository, VolunteerBookingTime } from './bookings.repository';
import { BookingErrors } from './bookings.errors';
import type { Booking } from './entities/booking.entity';
import { BookingResponse, CreateBookingDto } from './dto/booking.dto';

export type { StoredResponse };
/** Issue 12, for pages: the same cut-off rule the API applies. */
export { cutoffPassed };

@Injectable()
export class BookingsService {
  constructor(
    private readonly db: Database,
    private readonly bookings: BookingsRepository,
    private readonly changes: BookingChangeLog,
    private readonly slots: SlotsService,
    private readonly events: EventsService,
    private readonly claims: BookingClaims,
    private readonly jobs: JobQueueService,
    private readonly strikes: StrikesService,
  ) {}

  /**
   * Books a slot first-come; with an Idempotency-Key, a retry gets the first answer again.
   * Returns the answer to send (a domain error is thrown, after being stored under the key).
   */
  book(dto: CreateBookingDto, principal: Principal, idempotencyKey?: string): Promise<StoredResponse> {
    return this.claims.book(dto, principal, idempotencyKey);
  }

  /** Issue 12, for waitlist offers: see BookingClaims.refusalIn (the claim's rules, undone at once). */
  refusalFor(tx: Tx, slotId: string, studentId: string): Promise<DomainError | undefined> {
    return this.claims.refusalIn(tx, slotId, studentId);
  }

  /** Issue 12, an accepted offer: the student's first-come booking in the caller's transaction. */
  bookForOffer(tx: Tx, slotId: string, studentId: string): Promise<BookingResponse> {
    return this.claims.bookIn(tx, slotId, studentId);
  }

  /**
   * Staff cancel any booking at any time; its student, or its volunteer (who can no longer
   * give it), until it starts. Others get NOT_FOUND, so ids reveal nothing. The slot is free
   * again at once, except when the volunteer cancels: then it is taken off the event, so no
   * other student books a time its volunteer has just said they cannot give.
   */
  async cancel(id: string, principal: Principal): Promise<BookingResponse> {
    const booking = await this.bookings.findById(id);
    if (!booking || !isPartyOrStaff(booking, principal)) throw notFound('Booking');
    if (booking.status === 'confirmed') {
      if (!isStaff(principal) && booking.startsAt <= new Date()) throw BookingErrors.cancellationClosed();
      // Issue 12: inside the event's cut-off a student cancels no more (staff and the volunteer may).
      if (principal.role === 'student') {
        const { bookingCutoffMinutes } = await this.events.findOrFail(booking.eventId);
        if (cutoffPassed(booking.startsAt, bookingCutoffMinutes)) throw BookingErrors.cutoffPassed('cancel', bookingCutoffMinutes);
      }
      await this.db.transaction(async (tx) => {
        if (!(await this.bookings.cancel(tx, id))) return;
        await this.changes.record(tx, [id], 'cancelled');
        if (principal.role === 'volunteer' && booking.slotId) await this.slots.withdrawSlot(tx, booking.slotId);
        // Issue 12: the slot (or the student's room to book) may go to the event's waitlist.
        await this.jobs.enqueueDurably(JobName.OfferFreedSlots, { eventId: booking.eventId }, offerFreedSlotsJobId(booking.eventId), tx);
        // Issue 12: a student's own cancellation inside the event's late window is a strike.
        if (principal.role === 'student') await this.strikes.recordLateCancellation(tx, booking);
      });
    }
    return this.viewOf(id);
  }

  /**
   * For a volunteer's withdrawal, in its transaction: cancels their interviews in the event that
   * have not started, logged so both parties get a cancellation; returns the bookings' ids.
   */
  async cancelUpcomingOfVolunteer(tx: Tx, eventId: string, volunteerId: string): Promise<string[]> {
    const ids = await this.bookings.cancelUpcomingOfVolunteer(tx, eventId, volunteerId);
    await this.changes.record(tx, ids, 'cancelled');
    return ids;
  }

  /**
   * Issue 13, for a student's deletion, in its transaction: cancels their interviews that have
   * not started, in every event, logged so both parties get a cancellation; returns their ids.
   */
  async cancelUpcomingOfStudent(tx: Tx, studentId: string): Promise<string[]> {
    const ids = await this.bookings.cancelUpcomingOfStudent(tx, studentId);
    await this.changes.record(tx, ids, 'cancelled');
    return ids;
  }

  /**
   * For a deletion's erasure: the person's bookings (as student or volunteer), and whether any
   * change of them still waits to become mails (which read the person's name and address).
   */
  async ofPerson(personId: string): Promise<{ ids: string[]; unmailedChanges: boolean }> {
    const [ids, unmailedChanges] = await Promise.all([this.bookings.idsOfPerson(personId), this.bookings.personHasUnmailedChanges(personId)]);
    return { ids, unmailedChanges };
  }

  /**
   * For an event edit lowering maxBookingsPerStudent, in its transaction (the event row locked):
   * refuses the edit (409, naming the bookings) if a student holds more than `max`, else moves
   * every booking number within 1..max so the limit holds from then on.
   */
  async fitLimit(tx: Tx, eventId: string, max: number): Promise<void> {
    const over = await this.bookings.overLimit(tx, eventId, max);
    if (over.length) {
      throw BookingErrors.overLimit(
        max,
        over.map((b) => ({ bookingId: b.id, studentId: b.studentId, slotId: b.slotId, startsAt: b.startsAt.toISOString() })),
      );
    }
    await this.bookings.renumberWithin(tx, eventId, max);
  }

  /**
   * Issue 12, for an event edit changing minGapMinutes, in its transaction (the event row locked
   * FOR UPDATE, so no booking slips in): refuses the edit (409, naming the bookings) if a
   * student's interviews are closer than `gap`, else widens every booking by the new gap.
   */
  async followGap(tx: Tx, eventId: string, gap: number): Promise<void> {
    const close = await this.bookings.closerThan(tx, eventId, gap);
    if (close.length) throw BookingErrors.closerThanGap(gap, close);
    await this.bookings.widenByGap(tx, eventId, gap);
  }

  /** For table moves: confirmed bookings of these volunteers, in the caller's transaction. */
  confirmedForVolunteers(tx: Tx, eventId: string, volunteerIds: string[]): Promise<VolunteerBookingTime[]> {
    return this.bookings.confirmedForVolunteers(tx, eventId, volunteerIds);
  }

  /**
   * For allocation publishing, in its transaction: inserts confirmed bookings (lowest free
   * booking numbers first). Any constraint violation propagates, so the caller's transaction
   * rolls back whole; the caller logs the changes with BookingChangeLog.record.
   */
  insertAllocated(tx: Tx, eventId: string, maxBookings: number, rows: AllocatedBooking[]): Promise<{ id: string; slotId: string }[]> {
    return this.bookings.insertAllocated(tx, eventId, maxBookings, rows);
  }

  /** For attendance: the booking's parties and state, or NOT_FOUND. */
  async findOrFail(id: string): Promise<Booking> {
    const booking = await this.bookings.findById(id);
    if (!booking) throw notFound('Booking');
    return booking;
  }

  /** One booking, for its student, its volunteer or staff; NOT_FOUND for anyone else. */
  async one(id: string, principal: Principal): Promise<BookingResponse> {
    const booking = await this.bookings.findById(id);
    if (!booking || !isPartyOrStaff(booking, principal)) throw notFound('Booking');
    return this.viewOf(id);
  }

  async mine(principal: Principal): Promise<BookingResponse[]> {
    const rows = principal.role === 'volunteer' ? await this.bookings.viewsOfVolunteer(principal.id) : await this.bookings.viewsOfStudent(principal.id);
    return rows.map(BookingView.fromRow);
  }

  async forEvent(eventId: string, status?: 'confirmed' | 'cancelled'): Promise<BookingResponse[]> {
    await this.events.findOrFail(eventId);
    return (await this.bookings.viewsOfEvent(eventId, status)).map(BookingView.fromRow);
  }

  /** One booking as a response; for features that changed it (moves, cancellations). */
  async viewOf(id: string): Promise<BookingResponse> {
    const [row] = await this.bookings.viewsByIds([id]);
    if (!row) throw notFound('Booking');
    return BookingView.fromRow(row);
  }

  /** Several bookings as responses, in time order. */
  async viewsOf(ids: string[]): Promise<BookingResponse[]> {
    return (await this.bookings.viewsByIds(ids)).map(BookingView.fromRow);
  }
}

function isPartyOrStaff(booking: Booking, principal: Principal): boolean {
  if (principal.role === 'student') return booking.studentId === principal.id;
  if (principal.role === 'volunteer') return booking.volunteerId === principal.id;
  return isStaff(principal);
}
