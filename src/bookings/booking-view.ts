import { toZonedIso } from '../common/time/zoned';
import type { BookingViewRow } from './booking-views.sql';
import { BookingResponse } from './dto/booking.dto';

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

/** Bookings as responses, times in the event's zone. Pure: the reads are the repository's. */
export const BookingView = {
  fromRow(r: BookingViewRow): BookingResponse {
    const at = (d: Date) => toZonedIso(d, r.timezone);
    return {
      id: r.id,
      eventId: r.event_id,
      eventName: r.event_name,
      slotId: r.slot_id,
      startsAt: at(r.starts_at),
      endsAt: at(r.ends_at),
      status: r.status as BookingResponse['status'],
      volunteer: { id: r.volunteer_id, name: r.volunteer_name, organization: r.organization, title: r.title },
      student: { id: r.student_id, name: r.student_name },
      createdAt: at(r.created_at),
      cancelledAt: r.cancelled_at ? at(r.cancelled_at) : null,
    };
  },

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
  },
};
