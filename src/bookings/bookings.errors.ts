import { conflict, notFound, unprocessable } from '../common/errors/domain-error';

export const BookingErrors = {
  slotTaken: () => conflict('SLOT_TAKEN', 'This slot is already booked'),
  // Issue 12: held for a waiting student until they answer their offer.
  slotHeld: () => conflict('SLOT_HELD', 'This slot is held for a student on the waitlist'),
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
  /** Issue 12: a larger gap than some students' interviews already keep; `bookings` are the pairs. */
  closerThanGap: (minGapMinutes: number, bookings: { id: string; studentId: string; otherId: string }[]) =>
    conflict(
      'BOOKINGS_TOO_CLOSE',
      `Some students already hold interviews less than ${minGapMinutes} minute(s) apart in this event; nothing was changed. Move or cancel them first`,
      { minGapMinutes, bookings: bookings.map((b) => ({ bookingId: b.id, otherBookingId: b.otherId, studentId: b.studentId })) },
    ),
  closed: (reason: string) => unprocessable('BOOKING_CLOSED', reason),
  /** Issue 12: inside the event's cut-off students can neither book nor cancel; staff can. */
  cutoffPassed: (what: 'book' | 'cancel', cutoffMinutes: number) =>
    unprocessable(
      'CUTOFF_PASSED',
      `Students can no longer ${what} this interview: it starts in less than ${cutoffMinutes} minute(s); ask the career office`,
      { cutoffMinutes },
    ),
  /** Issue 12: the event wants at least minGapMinutes between one student's interviews. */
  tooClose: (minGapMinutes: number, who = 'You have') =>
    conflict('BOOKING_TOO_CLOSE', `${who} another interview in this event less than ${minGapMinutes} minute(s) before or after this one`, {
      minGapMinutes,
    }),
  cancellationClosed: () => unprocessable('CANCELLATION_CLOSED', 'This interview has already started; ask the career office'),
  notConfirmed: () => unprocessable('BOOKING_NOT_CONFIRMED', 'This booking is cancelled; book a new slot instead'),
  slotOtherEvent: () => unprocessable('SLOT_OTHER_EVENT', 'A booking moves only to a slot of its own event'),
  studentRequired: () => unprocessable('STUDENT_REQUIRED', 'Staff must name the studentId to book for'),
};

/** A move (PATCH /bookings/:id) the constraints refused, by constraint. */
export const MOVE_CONSTRAINTS = {
  // The new slot is held by another confirmed booking (the booking number does not change).
  bookings_slot_confirmed_unique: BookingErrors.slotTaken,
  bookings_student_no_overlap: () => BookingErrors.overlap('The student already has'),
  // The new slot's volunteer is of an organization the student already has an interview with.
  bookings_student_organization_unique: () => BookingErrors.organizationBooked('The student already has'),
  // The slot was withdrawn since it was read.
  bookings_slot_id_fkey: () => notFound('Slot'),
  // Issue 12: the new slot is held by a waitlist offer (trigger of migration 1765650000000).
  bookings_slot_held: BookingErrors.slotHeld,
};

/**
 * The constraints that keep bookings consistent. Another feature that inserts bookings in bulk
 * (allocation publishing) treats any of them as "the state moved under us".
 */
export const BOOKING_INTEGRITY_CONSTRAINTS = [
  'bookings_slot_confirmed_unique',
  'bookings_student_number_unique',
  'bookings_student_no_overlap',
  // Issue 12: the event's gap between one student's interviews.
  'bookings_student_gap',
  'bookings_student_organization_unique',
  // The trigger that holds an event's booking limit (it names itself like a constraint).
  'bookings_within_event_limit',
  'bookings_slot_id_fkey',
  'bookings_student_id_fkey',
  'bookings_volunteer_id_fkey',
  'bookings_event_id_fkey',
  // Issue 12: a slot held by a waitlist offer (a trigger that names itself like a constraint).
  'bookings_slot_held',
] as const;
