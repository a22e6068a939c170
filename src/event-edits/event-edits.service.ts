import { Injectable } from '@nestjs/common';
import { BookingChangeLog } from '../bookings/booking-change-log';
import { BookingsService } from '../bookings/bookings.service';
import { Database } from '../database/database';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName, offerFreedSlotsJobId } from '../queue/jobs';
import { TableStatistics } from '../database/table-statistics';
import { EventResponse, UpdateEventDto } from '../events/dto/event.dto';
import type { EventField } from '../events/events.service';
import { EventsService } from '../events/events.service';
import { EventScheduleService } from '../slots/event-schedule.service';

/** What the event's slots are generated from (with the volunteers' windows). */
const SCHEDULE_FIELDS: readonly EventField[] = ['startsAt', 'endsAt', 'slotMinutes', 'breakMinutes'];

/** What a calendar invite shows of its event (name, venue, text, organizer, zone of its times). */
const INVITE_FIELDS: readonly EventField[] = ['name', 'location', 'description', 'organizerName', 'organizerEmail', 'timezone'];

/**
 * Staff edit an event. The use case spans three features, in this order and in one
 * transaction, so the edit and everything that follows from it commit together or not at all:
 * 1. events: lock the event, check the new times, save;
 * 2. slots: if its start, end, slot length or break changed, cut the volunteers' windows to it
 *    and regenerate their slots; a booked slot that would not stay as it is refuses the whole
 *    edit (SLOTS_BOOKED);
 * 3. bookings: if the booking limit changed, renumber the students' bookings within it (a
 *    student already holding more refuses the edit, OVER_LIMIT); if anything an invite shows
 *    changed, log `updated` for its coming interviews; invites and reminders follow from that
 *    log (the invite relay, in workers); if the gap between one student's interviews changed,
 *    widen the bookings by it (interviews already closer refuse the edit, BOOKINGS_TOO_CLOSE).
 */
@Injectable()
export class EventEditsService {
  constructor(
    private readonly db: Database,
    private readonly events: EventsService,
    private readonly schedule: EventScheduleService,
    private readonly bookings: BookingsService,
    private readonly changes: BookingChangeLog,
    private readonly statistics: TableStatistics,
    private readonly jobs: JobQueueService,
  ) {}

  async update(id: string, dto: UpdateEventDto): Promise<EventResponse> {
    const { saved, slotsWritten } = await this.db.transaction(async (tx) => {
      const { saved, changed } = await this.events.applyUpdate(tx, id, dto);
      const slotsWritten = SCHEDULE_FIELDS.some(changed) ? await this.schedule.followEvent(tx, saved) : 0;
      if (changed('maxBookingsPerStudent')) await this.bookings.fitLimit(tx, saved.id, saved.maxBookingsPerStudent);
      // Issue 12: a new gap between one student's interviews widens the bookings' gap ranges.
      if (changed('minGapMinutes')) await this.bookings.followGap(tx, saved.id, saved.minGapMinutes);
      if (INVITE_FIELDS.some(changed)) await this.changes.recordUpdatedForEvent(tx, saved.id);
      // Issue 12: new slots, a higher limit or a longer booking window may serve the waitlist.
      if (slotsWritten || changed('maxBookingsPerStudent') || changed('bookingClosesAt') || changed('bookingOpensAt')) {
        await this.jobs.enqueueDurably(JobName.OfferFreedSlots, { eventId: saved.id }, offerFreedSlotsJobId(saved.id), tx);
      }
      return { saved, slotsWritten };
    });
    if (slotsWritten) await this.statistics.wrote('slots', slotsWritten);
    return this.events.view(saved);
  }
}
