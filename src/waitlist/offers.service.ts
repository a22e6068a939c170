import { Injectable } from '@nestjs/common';
import { isStaff, Principal } from '../common/auth/principal';
import { notFound } from '../common/errors/domain-error';
import { BookingsService } from '../bookings/bookings.service';
import type { BookingResponse } from '../bookings/dto/booking.dto';
import { Database } from '../database/database';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName, offerFreedSlotsJobId } from '../queue/jobs';
import { OfferResponse } from './dto/waitlist.dto';
import type { OfferState } from './entities/waitlist-offer.entity';
import { WaitlistView } from './waitlist-view';
import { OfferRow, WaitlistRepository } from './waitlist.repository';
import { WaitlistErrors } from './waitlist.errors';

/** A student answers an offer; the offer's student and staff may read it. */
@Injectable()
export class OffersService {
  constructor(
    private readonly db: Database,
    private readonly waitlist: WaitlistRepository,
    private readonly bookings: BookingsService,
    private readonly jobs: JobQueueService,
  ) {}

  async get(id: string, principal: Principal): Promise<OfferResponse> {
    return WaitlistView.offer(await this.visible(id, principal));
  }

  /** Every offer the student was made, newest first (their history). */
  async mine(principal: Principal): Promise<OfferResponse[]> {
    return (await this.waitlist.offersOfStudent(principal.id)).map(WaitlistView.offer);
  }

  /**
   * Accepting is a normal first-come booking (the claim's every rule, invites through the
   * booking change log), in one transaction with the offer turning `accepted`: the offer's row
   * lock decides between this and its expiry, so exactly one of them happens. A refusal
   * (e.g. the student booked an overlapping interview meanwhile) undoes both: the offer stays
   * open until it expires or is declined.
   */
  async accept(id: string, principal: Principal): Promise<BookingResponse> {
    await this.visible(id, principal);
    return this.db.transaction(async (tx) => {
      const accepted = await this.waitlist.markAccepted(tx, id, principal.id);
      if (!accepted) throw WaitlistErrors.offerClosed(stateNow(await this.waitlist.offer(id, tx)));
      const booking = await this.bookings.bookForOffer(tx, accepted.slotId, principal.id);
      await this.waitlist.recordBooking(tx, id, booking.id);
      return booking;
    });
  }

  /** The slot goes to the next in line; the student stays in line for other slots. */
  async decline(id: string, principal: Principal): Promise<OfferResponse> {
    await this.visible(id, principal);
    await this.db.transaction(async (tx) => {
      const eventId = await this.waitlist.markDeclined(tx, id, principal.id);
      if (!eventId) throw WaitlistErrors.offerClosed(stateNow(await this.waitlist.offer(id, tx)));
      await this.jobs.enqueueDurably(JobName.OfferFreedSlots, { eventId }, offerFreedSlotsJobId(eventId), tx);
    });
    return this.get(id, principal);
  }

  /** The offer if it is the caller's (students) or the caller is staff; NOT_FOUND otherwise, so ids reveal nothing. */
  private async visible(id: string, principal: Principal): Promise<OfferRow> {
    const offer = await this.waitlist.offer(id);
    if (!offer || !(isStaff(principal) || (principal.role === 'student' && offer.student_id === principal.id))) throw notFound('Offer');
    return offer;
  }
}

/** An offer still `offered` but past its expiry is, to the student, expired (the worker has yet to move it on). */
function stateNow(offer: OfferRow | undefined): OfferState {
  if (!offer) return 'withdrawn';
  return offer.state === 'offered' ? 'expired' : (offer.state as OfferState);
}
