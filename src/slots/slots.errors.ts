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
  volunteerBusy: () =>
    conflict('VOLUNTEER_BUSY', 'These windows overlap the volunteer\'s availability in another event'),
};
