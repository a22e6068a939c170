import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/auth/principal';
import { notFound } from '../common/errors/domain-error';
import { constraintOf, mapConstraint, PG_DEADLOCK_DETECTED, pgErrorCode } from '../common/errors/pg-errors';
import { EventsService } from '../events/events.service';
import { SlotsService } from '../slots/slots.service';
import { Database } from '../database/database';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName, offerFreedSlotsJobId } from '../queue/jobs';
import { BookingChangeLog } from './booking-change-log';
import { BookingView } from './booking-view';
import { assertBookable } from './booking-rules';
import { BookingsRepository } from './bookings.repository';
import { BookingErrors, MOVE_CONSTRAINTS } from './bookings.errors';
import { BookingResponse, MoveBookingDto } from './dto/booking.dto';

/**
 * Staff move a booked interview to another free slot of its event: another time, another
 * volunteer, or both. The booking keeps its id, so the calendar invite keeps its UID and the
 * invite relay sends the update (or a CANCEL to the old volunteer and a REQUEST to the new one).
 */
@Injectable()
export class BookingMovesService {
  constructor(
    private readonly db: Database,
    private readonly bookings: BookingsRepository,
    private readonly changes: BookingChangeLog,
    private readonly slots: SlotsService,
    private readonly events: EventsService,
    private readonly jobs: JobQueueService,
  ) {}

  private async viewOf(id: string): Promise<BookingResponse> {
    const [row] = await this.bookings.viewsByIds([id]);
    return BookingView.fromRow(row);
  }

  async move(id: string, dto: MoveBookingDto, principal: Principal): Promise<BookingResponse> {
    const booking = await this.bookings.findById(id);
    if (!booking) throw notFound('Booking');
    const slot = await this.slots.findOrFail(dto.slotId);
    if (booking.status !== 'confirmed') throw BookingErrors.notConfirmed();
    if (slot.eventId !== booking.eventId) throw BookingErrors.slotOtherEvent();
    if (slot.id === booking.slotId) return this.viewOf(id);
    // An interview under way or over is a record (attendance, reports), not a plan to change.
    if (booking.startsAt <= new Date()) throw BookingErrors.closed('This interview has already started');
    // The same rules as staff booking the new slot outright.
    const event = await this.events.findOrFail(booking.eventId);
    assertBookable(event, slot.startsAt, principal);

    const moved = await this.db
      .transaction(async (tx) => {
        if (!(await this.bookings.moveToSlot(tx, id, slot.id))) return false;
        await this.changes.record(tx, [id], 'updated');
        // Issue 12: the slot it left may go to the event's waitlist.
        await this.jobs.enqueueDurably(JobName.OfferFreedSlots, { eventId: booking.eventId }, offerFreedSlotsJobId(booking.eventId), tx);
        return true;
      })
      .catch((error: unknown) => {
        throw toDomainError(error, event.minGapMinutes);
      });
    const current = await this.viewOf(id);
    if (!moved) {
      // Cancelled meanwhile, the slot withdrawn meanwhile, or an identical move got there first.
      if (current.status !== 'confirmed') throw BookingErrors.notConfirmed();
      if (current.slotId !== slot.id) throw notFound('Slot');
    }
    return current;
  }
}

function toDomainError(error: unknown, minGapMinutes: number): unknown {
  // Two moves swapping slots wait on each other; PostgreSQL aborts one. No constraint is named.
  if (pgErrorCode(error) === PG_DEADLOCK_DETECTED) return BookingErrors.slotTaken();
  // Issue 12: the new slot is closer than the event's gap to another of the student's interviews.
  if (constraintOf(error) === 'bookings_student_gap') return BookingErrors.tooClose(minGapMinutes, 'The student has');
  return mapConstraint(error, MOVE_CONSTRAINTS) ?? error;
}
