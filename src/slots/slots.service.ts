import { Injectable } from '@nestjs/common';
import { CoalescingCache } from '../common/cache/coalescing-cache';
import { Principal } from '../common/auth/principal';
import { forbidden, notFound } from '../common/errors/domain-error';
import { mapConstraint } from '../common/errors/pg-errors';
import { decodeCursor, encodeCursor } from '../common/http/pagination';
import { toZonedIso } from '../common/time/zoned';
import { Environment } from '../config/environment';
import { Database, Tx } from '../database/database';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName, offerFreedSlotsJobId } from '../queue/jobs';
import { TableStatistics } from '../database/table-statistics';
import { EventsService } from '../events/events.service';
import { VolunteersService } from '../volunteers/volunteers.service';
import { AvailabilityResponse, PutAvailabilityDto } from './dto/availability.dto';
import { SlotPage, SlotQuery } from './dto/slot.dto';
import { Slot } from './entities/slot.entity';
import { checkWindows, diffSlots, generateSlots } from './slot-generation';
import { EventOfPage, SlotFacets, SlotsRepository } from './slots.repository';
import { SLOT_CONSTRAINTS, SlotErrors } from './slots.errors';

/** Slot pages answered at once: one per event, filter set and page, each a few tens of KiB. */
const CACHED_PAGES = 2_000;

@Injectable()
export class SlotsService {
  /** The same page for every student within SLOT_PAGE_CACHE_MS (who may see it is checked per request). */
  private readonly pages: CoalescingCache<{ event?: EventOfPage; page: SlotPage }>;

  constructor(
    private readonly db: Database,
    private readonly slots: SlotsRepository,
    private readonly events: EventsService,
    private readonly volunteers: VolunteersService,
    private readonly statistics: TableStatistics,
    env: Environment,
    private readonly jobs: JobQueueService,
  ) {
    this.pages = new CoalescingCache(env.SLOT_PAGE_CACHE_MS, CACHED_PAGES);
  }

  /**
   * Replaces a volunteer's windows for an event and regenerates the slots. Slots whose time
   * is unchanged keep their id (and bookings); if a booked slot would disappear, nothing
   * changes and the bookings are listed. The windows are checked against the event as locked
   * in the transaction, so a concurrent edit of its times or slot length cannot slip between.
   */
  async replaceAvailability(
    eventId: string,
    volunteerId: string,
    dto: PutAvailabilityDto,
    principal: Principal,
  ): Promise<AvailabilityResponse> {
    this.assertMayManage(volunteerId, principal);
    await this.events.findVisible(eventId, principal);
    await this.volunteers.findOrFail(volunteerId);

    const { event, slotCount, slotsWritten } = await this.db
      .transaction(async (tx) => {
        const event = await this.events.lockSchedule(tx, eventId);
        const problems = checkWindows(dto.windows, event, event.slotMinutes);
        if (problems.length) throw SlotErrors.invalidWindows(problems);
        const wanted = generateSlots(dto.windows, event.slotMinutes, event.breakMinutes);
        const diff = diffSlots(await this.slots.lockSlots(tx, eventId, volunteerId), wanted);
        const booked = await this.slots.findBooked(tx, diff.removed.map((s) => s.id));
        if (booked.length) {
          throw SlotErrors.bookedSlotsAffected(booked.map((b) => ({ ...b, startsAt: toZonedIso(b.startsAt, event.timezone) })));
        }
        await this.slots.rewriteSchedule(tx, eventId, volunteerId, dto.windows, diff);
        // Issue 12: new slots may go to the event's waitlist.
        if (diff.added.length) await this.jobs.enqueueDurably(JobName.OfferFreedSlots, { eventId }, offerFreedSlotsJobId(eventId), tx);
        return { event, slotCount: wanted.length, slotsWritten: diff.added.length + diff.removed.length };
      })
      .catch((error: unknown) => {
        throw mapConstraint(error, SLOT_CONSTRAINTS) ?? error;
      });
    // Slot generation, one volunteer at a time, is how an event's slots are loaded in bulk.
    await this.statistics.wrote('slots', slotsWritten);
    return {
      eventId,
      volunteerId,
      windows: dto.windows.map((w) => ({ startsAt: toZonedIso(w.startsAt, event.timezone), endsAt: toZonedIso(w.endsAt, event.timezone) })),
      slotCount,
    };
  }

  async getAvailability(eventId: string, volunteerId: string, principal: Principal): Promise<AvailabilityResponse> {
    this.assertMayManage(volunteerId, principal);
    const event = await this.events.findVisible(eventId, principal);
    await this.volunteers.findOrFail(volunteerId);
    const windows = await this.slots.findWindows(eventId, volunteerId);
    const page = await this.slots.findPage(eventId, { volunteerId }, 10_000);
    return {
      eventId,
      volunteerId,
      windows: windows.map((w) => ({ startsAt: toZonedIso(w.startsAt, event.timezone), endsAt: toZonedIso(w.endsAt, event.timezone) })),
      slotCount: page.length,
    };
  }

  /**
   * One round trip: the page and its event (see SlotsRepository.pageOfEvent), shared by the
   * students asking for the same page within SLOT_PAGE_CACHE_MS. A student's page may then show
   * a slot booked in that moment as free; booking it is refused (SLOT_TAKEN) as in any race.
   */
  async list(eventId: string, query: SlotQuery, principal: Principal): Promise<SlotPage> {
    let after: [string, string] | undefined;
    try {
      after = decodeCursor<[string, string]>(query.cursor, ['timestamp', 'uuid']);
    } catch (error) {
      await this.events.findVisible(eventId, principal); // an unknown event is 404 before a bad cursor is 422
      throw error;
    }
    // Students are the rush; staff and volunteers (whose own changes must show at once) read afresh.
    const read = () => this.readPage(eventId, query, after);
    const { event, page } = principal.role === 'student' ? await this.pages.get(pageKey(eventId, query), read) : await read();
    if (!event || !this.events.isVisible(event, principal)) throw notFound('Event');
    return page;
  }

  private async readPage(eventId: string, query: SlotQuery, after?: [string, string]): Promise<{ event?: EventOfPage; page: SlotPage }> {
    const { event, rows } = await this.slots.pageOfEvent(eventId, query, query.limit + 1, after);
    if (!event) return { page: { items: [], nextCursor: null } };
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    const page = {
      items: items.map((r) => ({
        id: r.id,
        eventId: r.event_id,
        startsAt: toZonedIso(r.starts_at, event.timezone),
        endsAt: toZonedIso(r.ends_at, event.timezone),
        volunteer: { id: r.volunteer_id, name: r.volunteer_name, organization: r.organization, title: r.title, expertise: r.expertise },
        available: !r.booked,
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.starts_at.toISOString(), last.id]) : null,
    };
    return { event, page };
  }

  /** The organizations and expertise tags an event's slots can be filtered by. */
  async facets(eventId: string, principal: Principal): Promise<SlotFacets> {
    await this.events.findVisible(eventId, principal);
    return this.slots.facets(eventId);
  }

  /** For bookings: the slot, or NOT_FOUND. */
  async findOrFail(slotId: string): Promise<Slot> {
    const slot = await this.slots.findById(slotId);
    if (!slot) throw notFound('Slot');
    return slot;
  }

  /**
   * For a volunteer's withdrawal, in the caller's transaction, before their bookings are
   * cancelled: locks the volunteer's slots in the event, so a booking racing the withdrawal
   * waits (its foreign-key check needs the slot) and then finds the slot gone.
   */
  async lockForWithdrawal(tx: Tx, eventId: string, volunteerId: string): Promise<void> {
    // The event first, as availability and event edits take it: an edit regenerating slots
    // cannot add ones this withdrawal's lock did not cover.
    await this.events.lockSchedule(tx, eventId);
    await this.slots.lockSlots(tx, eventId, volunteerId);
  }

  /**
   * …and after: removes the volunteer's availability in the event and every slot no confirmed
   * booking holds (an interview that has started keeps its slot). Returns the slots removed.
   */
  async removeForWithdrawal(tx: Tx, eventId: string, volunteerId: string): Promise<number> {
    await this.slots.replaceWindows(tx, eventId, volunteerId, []);
    return this.slots.deleteFreeSlots(tx, eventId, volunteerId);
  }

  /**
   * For a volunteer cancelling one interview, in the cancel's transaction: they cannot give
   * that time, so the slot leaves the event instead of reopening for another student. Their
   * windows stay; a later availability or event edit regenerates from them.
   */
  async withdrawSlot(tx: Tx, slotId: string): Promise<void> {
    await this.slots.deleteSlots(tx, [slotId]);
  }

  private assertMayManage(volunteerId: string, principal: Principal): void {
    if (principal.role === 'staff') return;
    if (principal.role === 'volunteer' && principal.id === volunteerId) return;
    throw forbidden('You may only manage your own availability');
  }

  /** For the floor plan: which of these volunteers take part in the event (availability or slots). */
  /** Issue 13, for a volunteer's deletion: the events they give time in (to withdraw them from each). */
  eventsOfVolunteer(volunteerId: string): Promise<string[]> {
    return this.slots.eventsOfVolunteer(volunteerId);
  }

  /** Issue 13, for the floor plan's form: every volunteer taking part in the event (availability or slots). */
  volunteersOfEvent(eventId: string): Promise<string[]> {
    return this.slots.volunteersOfEvent(eventId);
  }

  async volunteersInEvent(eventId: string, volunteerIds: string[]): Promise<Set<string>> {
    return new Set(await this.slots.volunteersInEvent(eventId, volunteerIds));
  }
}

/** Everything a slot page depends on besides the database. */
function pageKey(eventId: string, q: SlotQuery): string {
  return JSON.stringify([eventId, q.limit, q.cursor, q.available, q.volunteerId, q.expertise, q.organization, q.timeOfDay, q.from?.toISOString(), q.to?.toISOString()]);
}
