import { Injectable, Logger } from '@nestjs/common';
import { BookingsService } from '../bookings/bookings.service';
import type { Principal } from '../common/auth/principal';
import { forbidden } from '../common/errors/domain-error';
import { Database } from '../database/database';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName, offerFreedSlotsJobId } from '../queue/jobs';
import { EventsService } from '../events/events.service';
import { FloorService } from '../floor/floor.service';
import { SlotsService } from '../slots/slots.service';
import { VolunteersService } from '../volunteers/volunteers.service';
import { WithdrawalResponse } from './dto/withdrawal.dto';

/**
 * A volunteer drops out of an event. The use case spans four features, in this order and in
 * one transaction, so no student can book them meanwhile and nothing half-happens:
 * 1. slots: lock the event, then the volunteer's slots (a booking racing the withdrawal waits);
 * 2. bookings: cancel their interviews that have not started (logged, so both parties get a
 *    CANCEL);
 * 3. slots: remove their availability and every slot no confirmed booking holds;
 * 4. floor: take them off the floor plan's tables (an interview under way keeps its table).
 * Interviews that have started stay, with their slots: the same cut-off as cancelling one
 * interview (CANCELLATION_CLOSED), for staff too, because they are a record now (attendance,
 * reports) and staff cancel one with DELETE if need be.
 */
@Injectable()
export class VolunteerWithdrawalService {
  private readonly logger = new Logger(VolunteerWithdrawalService.name);

  constructor(
    private readonly db: Database,
    private readonly bookings: BookingsService,
    private readonly slots: SlotsService,
    private readonly floor: FloorService,
    private readonly events: EventsService,
    private readonly volunteers: VolunteersService,
    private readonly jobs: JobQueueService,
  ) {}

  /** Staff, or the volunteer themself; calling again cancels nothing more. */
  async withdraw(eventId: string, volunteerId: string, principal: Principal): Promise<WithdrawalResponse> {
    if (principal.role !== 'staff' && !(principal.role === 'volunteer' && principal.id === volunteerId)) {
      throw forbidden('Volunteers may only withdraw themselves');
    }
    await this.events.findVisible(eventId, principal);
    await this.volunteers.findOrFail(volunteerId);
    const { cancelled, slotsRemoved } = await this.db.transaction(async (tx) => {
      await this.slots.lockForWithdrawal(tx, eventId, volunteerId);
      const cancelled = await this.bookings.cancelUpcomingOfVolunteer(tx, eventId, volunteerId);
      const slotsRemoved = await this.slots.removeForWithdrawal(tx, eventId, volunteerId);
      await this.floor.releaseVolunteer(tx, eventId, volunteerId);
      // Issue 12: their students' room to book came back; the waitlist may fill it.
      if (cancelled.length) await this.jobs.enqueueDurably(JobName.OfferFreedSlots, { eventId }, offerFreedSlotsJobId(eventId), tx);
      return { cancelled, slotsRemoved };
    });
    this.logger.log({ eventId, volunteerId, cancelled: cancelled.length, slotsRemoved }, 'Volunteer withdrawn from event');
    return { eventId, volunteerId, cancelled: await this.bookings.viewsOf(cancelled), slotsRemoved };
  }
}
