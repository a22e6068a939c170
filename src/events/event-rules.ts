import type { FieldError } from '../common/errors/domain-error';

interface EventTimes {
  startsAt: Date;
  endsAt: Date;
  bookingOpensAt: Date;
  bookingClosesAt: Date;
}

/** Cross-field rules an event's times must satisfy; returns every violation. */
export function checkEventTimes(e: EventTimes): FieldError[] {
  const errors: FieldError[] = [];
  if (e.endsAt <= e.startsAt) errors.push({ field: 'endsAt', message: 'endsAt must be after startsAt' });
  if (e.bookingClosesAt <= e.bookingOpensAt) {
    errors.push({ field: 'bookingClosesAt', message: 'bookingClosesAt must be after bookingOpensAt' });
  }
  if (e.bookingClosesAt > e.endsAt) {
    errors.push({ field: 'bookingClosesAt', message: 'bookingClosesAt must not be after the event ends' });
  }
  if (e.endsAt.getTime() - e.startsAt.getTime() > 31 * 24 * 3600 * 1000) {
    errors.push({ field: 'endsAt', message: 'an event may last at most 31 days' });
  }
  return errors;
}
