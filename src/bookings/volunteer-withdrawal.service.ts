import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../common/auth/principal';
import { forbidden } from '../common/errors/domain-error';
import { EventsService } from '../events/events.service';
import { SlotsService } from '../slots/slots.service';
import { VolunteersService } from '../volunteers/volunteers.service';
import { BookingView } from './booking-view';
import { BookingsRepository } from './bookings.repository';
import { WithdrawalResponse } from './dto/booking.dto';

/**
 * A volunteer drops out of an event: their interviews that have not started are cancelled
 * (both parties get a CANCEL) and their availability and free slots go, in one transaction,
 * so no student can book them meanwhile. Interviews that have started stay, with their slots:
 * the same cut-off as cancelling one interview (CANCELLATION_CLOSED), for staff too, because
 * they are a record now (attendance, reports) and staff cancel one with DELETE if need be.
 */
/** Told inside the withdrawal's transaction, after the cancellations; throwing undoes it all. */
export type WithdrawalListener = (tx: EntityManager, eventId: string, volunteerId: string) => Promise<void>;

@Injectable()
export class VolunteerWithdrawalService {
  private readonly logger = new Logger(VolunteerWithdrawalService.name);
  private readonly listeners: WithdrawalListener[] = [];

  constructor(
    private readonly bookings: BookingsRepository,
    private readonly slots: SlotsService,
    private readonly events: EventsService,
    private readonly volunteers: VolunteersService,
  ) {}

  /**
   * For features that build on bookings and must let the volunteer go as well (the floor plan
   * frees their tables); bookings cannot import them.
   */
  onWithdrawn(listener: WithdrawalListener): void {
    this.listeners.push(listener);
  }

  /** Staff, or the volunteer themself; calling again cancels nothing more. */
  async withdraw(eventId: string, volunteerId: string, principal: Principal): Promise<WithdrawalResponse> {
    if (principal.role !== 'staff' && !(principal.role === 'volunteer' && principal.id === volunteerId)) {
      throw forbidden('Volunteers may only withdraw themselves');
    }
    await this.events.findVisible(eventId, principal);
    await this.volunteers.findOrFail(volunteerId);
    const { cancelled, slotsRemoved } = await this.bookings.transaction(async (tx) => {
      await this.slots.lockForWithdrawal(tx, eventId, volunteerId);
      const ids = await this.bookings.cancelUpcomingOfVolunteer(tx, eventId, volunteerId);
      await this.bookings.recordChanges(tx, ids, 'cancelled');
      const slotsRemoved = await this.slots.removeForWithdrawal(tx, eventId, volunteerId);
      for (const listener of this.listeners) await listener(tx, eventId, volunteerId);
      return { cancelled: ids, slotsRemoved };
    });
    this.logger.log({ eventId, volunteerId, cancelled: cancelled.length, slotsRemoved }, 'Volunteer withdrawn from event');
    return { eventId, volunteerId, cancelled: (await this.bookings.viewsByIds(cancelled)).map(BookingView.fromRow), slotsRemoved };
  }
}
