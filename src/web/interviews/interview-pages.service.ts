import { Injectable } from '@nestjs/common';
import { AttendanceService } from '../../attendance/attendance.service';
import type { AttendanceStatus } from '../../attendance/entities/attendance.entity';
import { BookingsService } from '../../bookings/bookings.service';
import type { BookingResponse } from '../../bookings/dto/booking.dto';
import type { Principal } from '../../common/auth/principal';
import type { Event } from '../../events/entities/event.entity';
import { EventsService } from '../../events/events.service';
import type { FeedbackResponse } from '../../feedback/dto/feedback.dto';
import { FeedbackService } from '../../feedback/feedback.service';
import { interviewLocation } from '../../floor/floor-location';
import { FloorService } from '../../floor/floor.service';

/** An interview with what its page shows around it: its event, where it takes place, its attendance mark. */
export interface InterviewView {
  booking: BookingResponse;
  event: Event;
  startsAt: Date;
  endsAt: Date;
  /** "Student Union, Hall B · Table 12": the venue, then the table the floor plan gives the volunteer. */
  location: string;
  attendance?: AttendanceStatus;
  /** Issue 12: the volunteer's feedback (one interview's page only). */
  feedback?: FeedbackResponse;
}

@Injectable()
export class InterviewPagesService {
  constructor(
    private readonly bookings: BookingsService,
    private readonly events: EventsService,
    private readonly floor: FloorService,
    private readonly attendance: AttendanceService,
    private readonly feedback: FeedbackService,
  ) {}

  /** The caller's interviews (a student's, or those on a volunteer's slots), in time order. */
  async mine(principal: Principal): Promise<InterviewView[]> {
    return this.views(await this.bookings.mine(principal));
  }

  /** One interview of the caller's (NOT_FOUND for anyone else's, as the API answers). */
  async one(id: string, principal: Principal): Promise<InterviewView> {
    const [view] = await this.views([await this.bookings.one(id, principal)]);
    return { ...view, feedback: await this.feedback.get(id, principal) };
  }

  private async views(bookings: BookingResponse[]): Promise<InterviewView[]> {
    const events = new Map((await this.events.findByIds([...new Set(bookings.map((b) => b.eventId))])).map((e) => [e.id, e]));
    const locators = new Map(await Promise.all([...events.keys()].map(async (id) => [id, await this.floor.locator(id)] as const)));
    const marks = await this.attendance.marksFor(bookings.map((b) => b.id));
    return bookings.map((booking) => {
      const event = events.get(booking.eventId)!;
      const startsAt = new Date(booking.startsAt);
      return {
        booking,
        event,
        startsAt,
        endsAt: new Date(booking.endsAt),
        location: interviewLocation(event.location, locators.get(event.id)!(booking.volunteer.id, startsAt)),
        attendance: marks.get(booking.id),
      };
    });
  }
}
