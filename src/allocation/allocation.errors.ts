import { HttpStatus } from '@nestjs/common';
import { conflict, DomainError, notFound, unprocessable } from '../common/errors/domain-error';

/** One reason a preference submission was refused, with the field it concerns. */
export interface PreferenceProblem {
  field: string;
  message: string;
}

export const AllocationErrors = {
  invalidPreferences: (problems: PreferenceProblem[]) =>
    new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, 'INVALID_PREFERENCES', 'Some preferences are not valid', { problems }),
  preferencesClosed: (message: string) => unprocessable('PREFERENCES_CLOSED', message),
  invalidSettings: (message: string) => unprocessable('INVALID_ALLOCATION_SETTINGS', message),
  studentRequired: () => unprocessable('STUDENT_REQUIRED', 'Staff must name the student (studentId)'),
  eventNotPublished: () => unprocessable('EVENT_NOT_PUBLISHED', 'Allocation runs only on a published event'),
  running: () => conflict('ALLOCATION_RUNNING', 'An allocation run for this event is already queued or running'),
  notCompleted: (status: string) =>
    conflict('ALLOCATION_NOT_COMPLETED', `Only a completed run can be published; this one is ${status}`),
  noExplanation: () => notFound('Allocation explanation'),
  noPublishedAllocation: () => unprocessable('NO_PUBLISHED_ALLOCATION', 'No allocation of this event has been published yet'),
  invalidLoads: (message: string) => unprocessable('INVALID_ALLOCATION_LOADS', message),
  stale: () =>
    conflict(
      'ALLOCATION_STALE',
      'Slots, bookings, preferences or availability changed since this run; nothing was booked. Start a new run',
    ),
};
