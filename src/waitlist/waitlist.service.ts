import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/auth/principal';
import { notFound, ValidationFailedError } from '../common/errors/domain-error';
import { mapConstraint } from '../common/errors/pg-errors';
import { Database, Tx } from '../database/database';
import { EligibilityService } from '../eligibility/eligibility.service';
import { EventsService } from '../events/events.service';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName, offerFreedSlotsJobId } from '../queue/jobs';
import { JoinWaitlistDto, WaitlistEntryResponse, WaitlistSettingsResponse } from './dto/waitlist.dto';
import { WaitlistView } from './waitlist-view';
import { WaitlistRepository } from './waitlist.repository';
import { JOIN_CONSTRAINTS, WaitlistErrors } from './waitlist.errors';

/** Students join and leave an event's line and see their place in it; staff set how long offers hold. */
@Injectable()
export class WaitlistService {
  constructor(
    private readonly db: Database,
    private readonly waitlist: WaitlistRepository,
    private readonly events: EventsService,
    private readonly eligibility: EligibilityService,
    private readonly jobs: JobQueueService,
  ) {}

  /**
   * Joins the line (at its end) while booking has not closed. A free slot that fits may be
   * offered at once: the worker is asked to look, in the same transaction.
   */
  async join(eventId: string, dto: JoinWaitlistDto, principal: Principal): Promise<WaitlistEntryResponse> {
    const narrowings = [dto.volunteerId, dto.organizationId, dto.expertise].filter((n) => n !== undefined);
    if (narrowings.length > 1) {
      throw new ValidationFailedError([{ field: 'volunteerId', message: 'Narrow the waitlist to one volunteer, one organization or one expertise tag at most' }]);
    }
    const event = await this.events.findVisible(eventId, principal);
    if (event.status !== 'published' || event.bookingClosesAt <= new Date()) throw WaitlistErrors.closed();
    // Issue 12: an event open to some students only has a line for those only.
    await this.eligibility.assertEligible(eventId, principal.id);
    const id = await this.db
      .transaction(async (tx) => {
        const id = await this.waitlist.join(tx, eventId, principal.id, dto);
        await this.jobs.enqueueDurably(JobName.OfferFreedSlots, { eventId }, offerFreedSlotsJobId(eventId), tx);
        return id;
      })
      .catch((error: unknown) => {
        throw mapConstraint(error, JOIN_CONSTRAINTS) ?? error;
      });
    return this.entryView(id);
  }

  /** Leaves the line; an offer out to this entry is withdrawn and goes to the next in line. Leaving twice is a no-op. */
  async leave(entryId: string, principal: Principal): Promise<WaitlistEntryResponse> {
    const entry = await this.waitlist.entry(entryId);
    if (!entry || entry.student_id !== principal.id) throw notFound('Waitlist entry');
    await this.db.transaction(async (tx) => {
      const left = await this.waitlist.leave(tx, entryId, principal.id);
      if (left?.withdrewOffer) await this.jobs.enqueueDurably(JobName.OfferFreedSlots, { eventId: left.eventId }, offerFreedSlotsJobId(left.eventId), tx);
    });
    return this.entryView(entryId);
  }

  /**
   * For a student's deletion (issue 13), in its transaction: they leave every line, and a slot
   * offered to them goes to the next in line, as when a student leaves.
   */
  async forgetStudent(tx: Tx, studentId: string): Promise<void> {
    for (const eventId of await this.waitlist.leaveAllOfStudent(tx, studentId)) {
      await this.jobs.enqueueDurably(JobName.OfferFreedSlots, { eventId }, offerFreedSlotsJobId(eventId), tx);
    }
  }

  /** The student's entries, waiting ones first with their place in line and any offer out to them. */
  async mine(principal: Principal): Promise<WaitlistEntryResponse[]> {
    const entries = await this.waitlist.entriesOfStudent(principal.id);
    const offers = new Map((await this.waitlist.offers(entries.flatMap((e) => (e.offer_id ? [e.offer_id] : [])))).map((o) => [o.id, o]));
    return entries.map((e) => WaitlistView.entry(e, e.offer_id ? offers.get(e.offer_id) : undefined));
  }

  async settings(eventId: string): Promise<WaitlistSettingsResponse> {
    await this.events.findOrFail(eventId);
    return { eventId, offerHoldSeconds: await this.waitlist.holdSeconds(eventId) };
  }

  /** Applies to offers made from now on. */
  async saveSettings(eventId: string, offerHoldSeconds: number): Promise<WaitlistSettingsResponse> {
    await this.events.findOrFail(eventId);
    await this.waitlist.saveHoldSeconds(eventId, offerHoldSeconds);
    return { eventId, offerHoldSeconds };
  }

  private async entryView(id: string): Promise<WaitlistEntryResponse> {
    const entry = await this.waitlist.entry(id);
    if (!entry) throw notFound('Waitlist entry');
    const [offer] = entry.offer_id ? await this.waitlist.offers([entry.offer_id]) : [];
    return WaitlistView.entry(entry, offer);
  }
}
