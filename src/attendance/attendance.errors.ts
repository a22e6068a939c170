import { conflict, unprocessable } from '../common/errors/domain-error';

export const AttendanceErrors = {
  /** Issue 12: nobody is a no-show (or attended) before the interview starts. */
  notStarted: () => unprocessable('ATTENDANCE_NOT_STARTED', 'Attendance can be marked once the interview has started'),
  bookingCancelled: () => conflict('BOOKING_CANCELLED', 'A cancelled booking has no attendance to mark'),
};
