import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isStaff, Principal } from '../common/auth/principal';
import { DomainError, forbidden, notFound } from '../common/errors/domain-error';
import { PG_CHECK_VIOLATION, PG_FOREIGN_KEY_VIOLATION, pgConstraint, pgErrorCode } from '../common/errors/pg-errors';
import { IdempotencyService, StoredResponse } from '../common/idempotency/idempotency.service';
import { EventsService } from '../events/events.service';
import { SlotsService } from '../slots/slots.service';
import { StudentsService } from '../students/students.service';
import { VolunteersService } from '../volunteers/volunteers.service';
import { BookingParties, BookingView } from './booking-view';
import { assertBookable } from './booking-rules';
import { AllocatedBooking, BookingsRepository, SlotClaim, VolunteerBookingTime } from './bookings.repository';
import { BookingErrors } from './bookings.errors';
import type { BookingChangeKind } from './entities/booking-change.entity';
import type { Booking } from './entities/booking.entity';
import { BookingResponse, CreateBookingDto } from './dto/booking.dto';

/** A claim that lost only to a same-student race (booking number) is retried this often. */
const CLAIM_ATTEMPTS = 3;

/** Everything a claim needs, read before its transaction starts. */
interface PreparedClaim extends BookingParties {
  claim: SlotClaim;
}

@Injectable()
export class BookingsService implements OnModuleInit {
  constructor(
    private readonly bookings: BookingsRepository,
    private readonly view: BookingView,
    private readonly slots: SlotsService,
    private readonly events: EventsService,
    private readonly students: StudentsService,
    private readonly volunteers: VolunteersService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * An event's new name, venue, description or zone is an update of its booked interviews'
   * invites; a lower maxBookingsPerStudent must still hold for the bookings students have.
   */
  onModuleInit(): void {
    this.events.onInviteDetailsChanged((tx, eventId) => this.bookings.recordUpdatedForEvent(tx, eventId));
    this.events.onBookingLimitChanged((tx, event) => this.fitLimit(tx, event.id, event.maxBookingsPerStudent));
  }

  /** Refuses the edit (409, listing the bookings) if a student holds more than `max`, else renumbers within it. */
  private async fitLimit(tx: EntityManager, eventId: string, max: number): Promise<void> {
    const over = await this.bookings.lockAndFindOverLimit(tx, eventId, max);
    if (over.length) {
      throw BookingErrors.overLimit(
        max,
        over.map((b) => ({ bookingId: b.id, studentId: b.studentId, slotId: b.slotId, startsAt: new Date(b.startsAt).toISOString() })),
      );
    }
    await this.bookings.renumberWithin(tx, eventId, max);
  }

  /**
   * The reads come first, each on a pooled connection of its own: a transaction holding a
   * connection must never wait for a second one, or a rush of bookings takes the whole pool
   * and waits for itself until the pool's connect timeout turns every request into a 500.
   * A domain error found here is still an answer stored under the Idempotency-Key.
   */
  async book(dto: CreateBookingDto, principal: Principal, idempotencyKey?: string): Promise<StoredResponse> {
    const prepared = await this.prepare(dto, principal).catch((error: unknown) => {
      if (error instanceof DomainError) return error;
      throw error;
    });
    return this.idempotency.run(principal.id, idempotencyKey, dto, async (tx) => {
      if (prepared instanceof DomainError) throw prepared;
      return { status: HttpStatus.CREATED, body: await this.claim(tx, prepared) };
    });
  }

  private async prepare(dto: CreateBookingDto, principal: Principal): Promise<PreparedClaim> {
    const studentId = this.studentFor(dto, principal);
    const slot = await this.slots.findOrFail(dto.slotId);
    const event = await this.events.findVisible(slot.eventId, principal);
    assertBookable(event, slot.startsAt, principal);
    const [student, volunteer] = await Promise.all([this.students.findOrFail(studentId), this.volunteers.findOrFail(slot.volunteerId)]);
    const claim: SlotClaim = { ...slot, slotId: slot.id, studentId, maxBookings: event.maxBookingsPerStudent };
    return { claim, event, student, volunteer };
  }

  /** Runs on the transaction's connection only (see `book`). */
  private async claim(tx: EntityManager, prepared: PreparedClaim): Promise<BookingResponse> {
    const { claim, event } = prepared;
    for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt++) {
      const id = await this.claimOrNotFound(tx, claim);
      if (id) {
        await this.bookings.recordChanges(tx, [id], 'confirmed');
        return this.view.compose((await this.bookings.findById(id, tx))!, prepared);
      }
      const why = await this.bookings.diagnose(tx, claim, prepared.volunteer.organizationId);
      if (why.heldBySelf) throw BookingErrors.alreadyBooked(why.heldBySelf);
      if (why.slotTaken) throw BookingErrors.slotTaken();
      if (why.held >= event.maxBookingsPerStudent) throw BookingErrors.limit(event.maxBookingsPerStudent);
      if (why.organizationBooked) throw BookingErrors.organizationBooked();
      if (why.overlapping) throw BookingErrors.overlap();
      // The competing booking was cancelled meanwhile, or it only took our booking number.
    }
    throw BookingErrors.slotTaken();
  }

  private async claimOrNotFound(tx: EntityManager, claim: SlotClaim): Promise<string | undefined> {
    try {
      return await this.bookings.claimSlot(tx, claim);
    } catch (error) {
      // The slot was withdrawn between reading it and claiming it.
      if (pgErrorCode(error) === PG_FOREIGN_KEY_VIOLATION) throw notFound('Slot');
      // Staff lowered the limit between reading the event and claiming (the trigger names the new one).
      if (pgErrorCode(error) === PG_CHECK_VIOLATION && pgConstraint(error) === 'bookings_within_event_limit') {
        throw BookingErrors.limit(Number((error as { driverError?: { detail?: string } }).driverError?.detail) || claim.maxBookings);
      }
      throw error;
    }
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
    return this.view.renderOne((await this.bookings.findById(id))!);
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

  /** One booking, for its student, its volunteer or staff; NOT_FOUND for anyone else. */
  async one(id: string, principal: Principal): Promise<BookingResponse> {
    const booking = await this.bookings.findById(id);
    if (!booking || !isPartyOrStaff(booking, principal)) throw notFound('Booking');
    return this.view.renderOne(booking);
  }

  async mine(principal: Principal): Promise<BookingResponse[]> {
    const rows =
      principal.role === 'volunteer'
        ? await this.bookings.findForVolunteer(principal.id)
        : await this.bookings.findForStudent(principal.id);
    return this.view.render(rows);
  }

  async forEvent(eventId: string, status?: 'confirmed' | 'cancelled'): Promise<BookingResponse[]> {
    await this.events.findOrFail(eventId);
    return this.view.render(await this.bookings.findForEvent(eventId, status));
  }

  private studentFor(dto: CreateBookingDto, principal: Principal): string {
    if (principal.role === 'student') {
      if (dto.studentId && dto.studentId !== principal.id) throw forbidden('Students book for themselves only');
      return principal.id;
    }
    if (!dto.studentId) throw BookingErrors.studentRequired();
    return dto.studentId;
  }
}

function isPartyOrStaff(booking: Booking, principal: Principal): boolean {
  if (principal.role === 'student') return booking.studentId === principal.id;
  if (principal.role === 'volunteer') return booking.volunteerId === principal.id;
  return isStaff(principal);
}
