import { isStaff, Principal } from '../common/auth/principal';
import type { Event } from '../events/entities/event.entity';
import { BookingErrors } from './bookings.errors';

/** Students book a published event inside its booking window; staff may book any time. */
export function assertBookable(event: Event, slotStartsAt: Date, principal: Principal): void {
  const now = new Date();
  if (event.status !== 'published') throw BookingErrors.closed('This event is not open for booking');
  if (slotStartsAt <= now) throw BookingErrors.closed('This slot has already started');
  if (isStaff(principal)) return;
  if (now < event.bookingOpensAt) throw BookingErrors.closed('Booking has not opened yet');
  if (now >= event.bookingClosesAt) throw BookingErrors.closed('Booking has closed');
}
