import { Injectable, Logger } from '@nestjs/common';
import { BookingsService } from '../bookings/bookings.service';
import { Database, Tx } from '../database/database';
import { JobQueueService, withTimeout } from '../queue/job-queue.service';
import { JobName } from '../queue/jobs';
import { Candidate, OfferMatcherRepository } from './offer-matcher.repository';

/** Pairs read per pass, and claim checks run per pass: a pass stays short; the next notice or sweep goes on. */
const CANDIDATES_PER_PASS = 500;
const CHECKS_PER_PASS = 100;
/**
 * Booking refusals that no other slot of the event would avoid, by code; any other (a taken or
 * overlapping slot, one organization too many, and codes this list does not know) is about
 * the slot, and the student's next fitting slot is tried.
 */
const STUDENT_WIDE_REFUSALS = new Set(['BOOKING_LIMIT', 'NOT_ELIGIBLE', 'STRIKE_LIMIT']);
/** Scheduling an expiry never waits on Redis longer than this: the sweep expires what it misses. */
const SCHEDULE_TIMEOUT_MS = 2_000;

export interface MatchOutcome {
  expired: number;
  offered: number;
}

/**
 * Worker side of the waitlist: one pass over an event ends its due offers and offers each free
 * slot to the first student in line who can take it. One transaction under the event's
 * advisory lock, so passes of one event (jobs on several workers, the sweep) run one after the
 * other and each sees what the last one offered; the partial unique indexes (one live offer per
 * slot, one per student and event) hold even so.
 *
 * "Can take it" is the booking claim's own verdict (BookingsService.refusalFor: the claim
 * statement run and undone), so the limit, overlaps, the organization rule and every rule the
 * claim gains later apply to offers as they do to booking.
 */
@Injectable()
export class OfferMatcherService {
  private readonly logger = new Logger(OfferMatcherService.name);

  constructor(
    private readonly db: Database,
    private readonly matcher: OfferMatcherRepository,
    private readonly bookings: BookingsService,
    private readonly jobs: JobQueueService,
  ) {}

  async match(eventId: string): Promise<MatchOutcome> {
    const { expired, offers } = await this.db.transaction(async (tx) => {
      await this.matcher.lockEvent(tx, eventId);
      const expired = await this.matcher.expireDue(tx, eventId);
      const offers: { id: string; expiresAt: Date }[] = [];
      const slotsDone = new Set<string>();
      const studentsDone = new Set<string>();
      let checks = 0;
      for (const candidate of await this.matcher.candidates(tx, eventId, CANDIDATES_PER_PASS)) {
        if (slotsDone.has(candidate.slotId) || studentsDone.has(candidate.studentId)) continue;
        if (++checks > CHECKS_PER_PASS) break;
        if (!(await this.matcher.lockFreeSlot(tx, candidate.slotId))) {
          slotsDone.add(candidate.slotId);
          continue;
        }
        const refusal = await this.bookings.refusalFor(tx, candidate.slotId, candidate.studentId);
        if (refusal) {
          // Refusals about the student (not this slot) hold for every slot: they wait for the next pass.
          if (STUDENT_WIDE_REFUSALS.has(refusal.code)) studentsDone.add(candidate.studentId);
          continue;
        }
        const offer = await this.offer(tx, candidate);
        offers.push(offer);
        slotsDone.add(candidate.slotId);
        studentsDone.add(candidate.studentId);
      }
      return { expired, offers };
    });
    for (const offer of offers) await this.scheduleExpiry(offer.id, offer.expiresAt);
    if (expired.length || offers.length) this.logger.log({ eventId, expired: expired.length, offered: offers.length }, 'Waitlist pass');
    return { expired: expired.length, offered: offers.length };
  }

  private async offer(tx: Tx, candidate: Candidate): Promise<{ id: string; expiresAt: Date }> {
    const offer = await this.matcher.insertOffer(tx, candidate);
    // The mail is committed with the offer (job outbox); the relay sends it when Redis is there.
    await this.jobs.enqueueDurably(JobName.SendOfferMail, { offerId: offer.id }, `offer-mail-${offer.id}`, tx);
    return offer;
  }

  /** The delayed job that moves an unanswered offer on at its expiry; best effort (see WaitlistSweep). */
  async scheduleExpiry(offerId: string, expiresAt: Date): Promise<void> {
    try {
      await withTimeout(
        this.jobs.enqueue(JobName.ExpireOffer, { offerId }, { jobId: `offer-expiry-${offerId}`, delay: Math.max(0, expiresAt.getTime() - Date.now()) }),
        SCHEDULE_TIMEOUT_MS,
      );
    } catch (error) {
      this.logger.warn({ offerId, err: error }, 'Could not schedule the offer expiry; the sweep will expire it');
    }
  }

  /**
   * The delayed job fired: if the offer is due, a pass over its event expires it and offers the
   * slot on. `notDue` (a clock ahead of PostgreSQL's) gives the time to try again.
   */
  async expire(offerId: string): Promise<{ outcome: 'gone' | 'answered' | 'moved-on' } | { outcome: 'not-due'; expiresAt: Date }> {
    const offer = await this.matcher.offerDue(offerId);
    if (!offer) return { outcome: 'gone' };
    if (offer.state !== 'offered') return { outcome: 'answered' };
    if (!offer.due) return { outcome: 'not-due', expiresAt: offer.expiresAt };
    await this.match(offer.eventId);
    return { outcome: 'moved-on' };
  }

  /** The sweep: every event with a due offer or someone waiting while booking is open. */
  async sweep(): Promise<number> {
    let events = 0;
    for (const eventId of await this.matcher.eventsToSweep()) {
      await this.match(eventId);
      events++;
    }
    return events;
  }
}
