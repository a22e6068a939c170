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

/**
 * Issue 12: students can neither book nor cancel from `cutoffMinutes` before the interview
 * starts (0: until it starts). The claim statement applies the same rule in SQL.
 */
export function cutoffPassed(startsAt: Date, cutoffMinutes: number, now = new Date()): boolean {
  return now.getTime() >= startsAt.getTime() - cutoffMinutes * 60_000;
}
