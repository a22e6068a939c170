import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isStaff, Principal } from '../common/auth/principal';
import { notFound } from '../common/errors/domain-error';
import type { StoredResponse } from '../common/idempotency/idempotency-key';
import { EventsService } from '../events/events.service';
import { SlotsService } from '../slots/slots.service';
import { BookingClaims } from './booking-claim';
import { BookingView } from './booking-view';
import { AllocatedBooking, BookingsRepository, VolunteerBookingTime } from './bookings.repository';
import { BookingErrors } from './bookings.errors';
import type { BookingChangeKind } from './entities/booking-change.entity';
import type { Booking } from './entities/booking.entity';
import { BookingResponse, CreateBookingDto } from './dto/booking.dto';

export type { StoredResponse };

@Injectable()
export class BookingsService implements OnModuleInit {
  constructor(
    private readonly bookings: BookingsRepository,
    private readonly slots: SlotsService,
    private readonly events: EventsService,
    private readonly claims: BookingClaims,
  ) {}

  /** An event's new name, venue, description or zone is an update of its booked interviews' invites. */
  onModuleInit(): void {
    this.events.onInviteDetailsChanged((tx, eventId) => this.bookings.recordUpdatedForEvent(tx, eventId));
  }

  /**
   * Books a slot first-come; with an Idempotency-Key, a retry gets the first answer again.
   * Returns the answer to send (a domain error is thrown, after being stored under the key).
   */
  book(dto: CreateBookingDto, principal: Principal, idempotencyKey?: string): Promise<StoredResponse> {
    return this.claims.book(dto, principal, idempotencyKey);
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
      await this.bookings.transaction(async (tx) => {
        if (!(await this.bookings.cancel(tx, id))) return;
        await this.bookings.recordChanges(tx, [id], 'cancelled');
        if (principal.role === 'volunteer' && booking.slotId) await this.slots.withdrawSlot(tx, booking.slotId);
      });
    }
    return this.viewOf(id);
  }

  /**
   * For features that change bookings in their own transaction (allocation publishing,
   * table moves): logs the change so invites and reminders follow.
   */
  recordChanges(tx: EntityManager, bookingIds: string[], change: BookingChangeKind): Promise<void> {
    return this.bookings.recordChanges(tx, bookingIds, change);
  }

  /** For table moves: confirmed bookings of these volunteers, in the caller's transaction. */
  confirmedForVolunteers(tx: EntityManager, eventId: string, volunteerIds: string[]): Promise<VolunteerBookingTime[]> {
    return this.bookings.confirmedForVolunteers(tx, eventId, volunteerIds);
  }

  /**
   * For allocation publishing, in its transaction: inserts confirmed bookings (lowest free
   * booking numbers first). Any constraint violation propagates, so the caller's transaction
   * rolls back whole; the caller logs the changes with recordChanges.
   */
  insertAllocated(tx: EntityManager, eventId: string, maxBookings: number, rows: AllocatedBooking[]): Promise<{ id: string; slotId: string }[]> {
    return this.bookings.insertAllocated(tx, eventId, maxBookings, rows);
  }

  /** For attendance: the booking's parties and state, or NOT_FOUND. */
  async findOrFail(id: string): Promise<Booking> {
    const booking = await this.bookings.findById(id);
    if (!booking) throw notFound('Booking');
    return booking;
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
