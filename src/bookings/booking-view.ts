import { Injectable } from '@nestjs/common';
import { toZonedIso } from '../common/time/zoned';
import { Event } from '../events/entities/event.entity';
import { EventsService } from '../events/events.service';
import { Student } from '../students/entities/student.entity';
import { StudentsService } from '../students/students.service';
import { Volunteer } from '../volunteers/entities/volunteer.entity';
import { VolunteersService } from '../volunteers/volunteers.service';
import { BookingResponse } from './dto/booking.dto';
import { Booking } from './entities/booking.entity';

/** What a booking response shows besides the booking row itself. */
export interface BookingParties {
  event: Event;
  volunteer: Volunteer;
  student: Student;
}

/**
 * A new booking as the claim statement returns it and an Idempotency-Key stores it (instants
 * as JSON text from PostgreSQL): the first answer and every replay are rendered from it.
 */
export interface BookingSnapshot {
  id: string;
  eventId: string;
  eventName: string;
  timezone: string;
  slotId: string;
  startsAt: string;
  endsAt: string;
  createdAt: string;
  volunteer: { id: string; name: string; organization: string; title: string };
  student: { id: string; name: string };
}

/** Turns bookings into responses, loading their events and people in one query each. */
@Injectable()
export class BookingView {
  constructor(
    private readonly events: EventsService,
    private readonly volunteers: VolunteersService,
    private readonly students: StudentsService,
  ) {}

  async render(bookings: Booking[]): Promise<BookingResponse[]> {
    const unique = (ids: string[]) => [...new Set(ids)];
    const [events, volunteers, students] = await Promise.all([
      this.events.findByIds(unique(bookings.map((b) => b.eventId))),
      this.volunteers.findByIds(unique(bookings.map((b) => b.volunteerId))),
      this.students.findByIds(unique(bookings.map((b) => b.studentId))),
    ]);
    const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
    const [eventMap, volunteerMap, studentMap] = [byId(events), byId(volunteers), byId(students)];
    return bookings.map((b) =>
      this.compose(b, { event: eventMap.get(b.eventId)!, volunteer: volunteerMap.get(b.volunteerId)!, student: studentMap.get(b.studentId)! }),
    );
  }

  /** Renders with parties the caller already holds; runs no query. */
  compose(b: Booking, { event, volunteer, student }: BookingParties): BookingResponse {
    const at = (d: Date) => toZonedIso(d, event.timezone);
    return {
      id: b.id,
      eventId: b.eventId,
      eventName: event.name,
      slotId: b.slotId,
      startsAt: at(b.startsAt),
      endsAt: at(b.endsAt),
      status: b.status,
      volunteer: { id: volunteer.id, name: volunteer.name, organization: volunteer.organization, title: volunteer.title },
      student: { id: student.id, name: student.name },
      createdAt: at(b.createdAt),
      cancelledAt: b.cancelledAt ? at(b.cancelledAt) : null,
    };
  }

  fromSnapshot(b: BookingSnapshot): BookingResponse {
    const at = (iso: string) => toZonedIso(new Date(iso), b.timezone);
    return {
      id: b.id,
      eventId: b.eventId,
      eventName: b.eventName,
      slotId: b.slotId,
      startsAt: at(b.startsAt),
      endsAt: at(b.endsAt),
      status: 'confirmed',
      volunteer: b.volunteer,
      student: b.student,
      createdAt: at(b.createdAt),
      cancelledAt: null,
    };
  }

  async renderOne(booking: Booking): Promise<BookingResponse> {
    const [response] = await this.render([booking]);
    return response;
  }
}
