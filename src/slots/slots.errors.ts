import { HttpStatus } from '@nestjs/common';
import { conflict, DomainError } from '../common/errors/domain-error';
import type { WindowProblem } from './slot-generation';

export const SlotErrors = {
  invalidWindows: (problems: WindowProblem[]) =>
    new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, 'INVALID_AVAILABILITY', 'Some availability windows are not valid', {
      windows: problems,
    }),
  bookedSlotsAffected: (bookings: { bookingId: string; slotId: string; startsAt: string }[]) =>
    conflict('SLOTS_BOOKED', 'This change would remove slots that students have booked; nothing was changed', {
      bookings,
    }),
  /** An event edit (times, slot length, break) whose new slot grid lacks booked slots. */
  bookedSlotsOffGrid: (bookings: { bookingId: string; slotId: string; startsAt: string }[]) =>
    conflict(
      'SLOTS_BOOKED',
      'This change would remove or reshape booked interview slots; nothing was changed. Move those bookings ' +
        '(PATCH /api/bookings/{id}) or cancel them first, or keep times where every booked slot stays on the new grid',
      { bookings },
    ),
  volunteerBusy: () =>
    conflict('VOLUNTEER_BUSY', 'These windows overlap the volunteer\'s availability in another event'),
};

/** Constraint violations that mean a known refusal (the rest stay unexpected errors). */
export const SLOT_CONSTRAINTS = {
  availability_no_overlap: SlotErrors.volunteerBusy,
  slots_no_overlap: SlotErrors.volunteerBusy,
};
