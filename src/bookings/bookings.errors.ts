import { conflict, unprocessable } from '../common/errors/domain-error';

export const BookingErrors = {
  slotTaken: () => conflict('SLOT_TAKEN', 'This slot is already booked'),
  alreadyBooked: (bookingId: string) => conflict('ALREADY_BOOKED', 'You already hold this slot', { bookingId }),
  organizationBooked: (who = 'You already have') =>
    conflict('ORGANIZATION_ALREADY_BOOKED', `${who} an interview with this organization in this event; one per organization`),
  overlap: (who = 'You already have') => conflict('BOOKING_OVERLAP', `${who} an interview at an overlapping time`),
  limit: (max: number) =>
    unprocessable('BOOKING_LIMIT', `A student may hold at most ${max} interview(s) in this event`, { maxBookingsPerStudent: max }),
  /** A lower maxBookingsPerStudent than some students already hold; `bookings` are theirs. */
  overLimit: (max: number, bookings: { bookingId: string; studentId: string; slotId: string | null; startsAt: string }[]) =>
    conflict(
      'BOOKINGS_OVER_LIMIT',
      `Some students already hold more than ${max} interview(s) in this event; nothing was changed. Cancel or move their bookings first`,
      { maxBookingsPerStudent: max, bookings },
    ),
  closed: (reason: string) => unprocessable('BOOKING_CLOSED', reason),
  cancellationClosed: () => unprocessable('CANCELLATION_CLOSED', 'This interview has already started; ask the career office'),
  notConfirmed: () => unprocessable('BOOKING_NOT_CONFIRMED', 'This booking is cancelled; book a new slot instead'),
  slotOtherEvent: () => unprocessable('SLOT_OTHER_EVENT', 'A booking moves only to a slot of its own event'),
  studentRequired: () => unprocessable('STUDENT_REQUIRED', 'Staff must name the studentId to book for'),
};
