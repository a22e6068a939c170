import { Injectable } from '@nestjs/common';
import { BookingsService } from '../../bookings/bookings.service';
import type { BookingResponse } from '../../bookings/dto/booking.dto';
import type { Principal } from '../../common/auth/principal';
import { DomainError } from '../../common/errors/domain-error';
import type { Event } from '../../events/entities/event.entity';
import { EventsService } from '../../events/events.service';
import type { Interval, WindowProblem } from '../../slots/slot-generation';
import { SlotsService } from '../../slots/slots.service';
import { VolunteersService } from '../../volunteers/volunteers.service';
import type { AvailabilityData, BlockingBooking } from './availability.page';
import { gridCells, WINDOW_PROBLEMS, WindowRow, windowRows } from './availability-form';
import type { VolunteerHomeEvent } from './home.page';

/** Gathers what the volunteer pages show, and saves availability through the slots feature. */
@Injectable()
export class VolunteerPagesService {
  constructor(
    private readonly events: EventsService,
    private readonly slots: SlotsService,
    private readonly bookings: BookingsService,
    private readonly volunteers: VolunteersService,
  ) {}

  async home(principal: Principal, now: Date): Promise<{ name: string; events: VolunteerHomeEvent[] }> {
    const [volunteer, events, mine] = await Promise.all([
      this.volunteers.findOrFail(principal.id),
      this.events.findAllVisible(principal),
      this.bookings.mine(principal),
    ]);
    const upcoming = events.filter((e) => e.endsAt > now);
    const availability = await Promise.all(upcoming.map((e) => this.slots.getAvailability(e.id, principal.id, principal)));
    return {
      name: volunteer.name,
      events: upcoming.map((event, i) => ({
        event,
        slotCount: availability[i].slotCount,
        booked: mine.filter((b) => b.eventId === event.id && b.status === 'confirmed').length,
      })),
    };
  }

  async event(eventId: string, principal: Principal) {
    const event = await this.events.findVisible(eventId, principal);
    const [availability, interviews] = await Promise.all([this.slots.getAvailability(eventId, principal.id, principal), this.upcomingIn(eventId, principal)]);
    return { event, availability, interviews };
  }

  /** The editor as stored: the windows as rows, the grid, the slots they give. */
  async availability(eventId: string, principal: Principal, override?: Partial<AvailabilityData>): Promise<AvailabilityData> {
    const event = await this.events.findVisible(eventId, principal);
    const [stored, page] = await Promise.all([
      this.slots.getAvailability(eventId, principal.id, principal),
      this.slots.list(eventId, { volunteerId: principal.id, limit: 500 }, principal),
    ]);
    const windows: Interval[] = stored.windows.map((w) => ({ startsAt: new Date(w.startsAt), endsAt: new Date(w.endsAt) }));
    const booked = new Set(page.items.filter((s) => !s.available).map((s) => Date.parse(s.startsAt)));
    return { event, rows: windowRows(windows, event.timezone), cells: gridCells(event, windows, booked), slots: page.items, ...override };
  }

  /**
   * Saves the windows; on a refusal returns the editor with the volunteer's rows and why
   * (a row's problem, the booked interviews in the way, a clash with another event).
   */
  async saveAvailability(event: Event, principal: Principal, rows: WindowRow[], windows: Interval[]): Promise<{ saved: true } | { saved: false; data: AvailabilityData; status: number }> {
    try {
      await this.slots.replaceAvailability(event.id, principal.id, { windows }, principal);
      return { saved: true };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'INVALID_AVAILABILITY') {
        const problemAt = new Map(((error.details?.windows ?? []) as WindowProblem[]).map((p) => [p.index, WINDOW_PROBLEMS[p.problem]]));
        const marked = rows.map((row, i) => ({ ...row, error: problemAt.get(i) }));
        return { saved: false, status: error.status, data: await this.availability(event.id, principal, { rows: marked }) };
      }
      if (error.code === 'SLOTS_BOOKED') {
        const blocking = await this.blocking((error.details?.bookings ?? []) as { bookingId: string }[], principal);
        return { saved: false, status: error.status, data: await this.availability(event.id, principal, { rows, blocking }) };
      }
      if (error.code === 'VOLUNTEER_BUSY') return { saved: false, status: error.status, data: await this.availability(event.id, principal, { rows, busy: true }) };
      throw error;
    }
  }

  /** The volunteer's confirmed interviews in the event that have not started: what a withdrawal cancels. */
  async upcomingIn(eventId: string, principal: Principal): Promise<BookingResponse[]> {
    const now = Date.now();
    return (await this.bookings.mine(principal)).filter((b) => b.eventId === eventId && b.status === 'confirmed' && Date.parse(b.startsAt) > now);
  }

  private async blocking(bookings: { bookingId: string }[], principal: Principal): Promise<BlockingBooking[]> {
    const found = await Promise.all(bookings.map((b) => this.bookings.one(b.bookingId, principal)));
    return found.map((b) => ({ bookingId: b.id, startsAt: new Date(b.startsAt), studentName: b.student.name }));
  }
}
