import { conflict } from '../common/errors/domain-error';

export const AttendanceErrors = {
  bookingCancelled: () => conflict('BOOKING_CANCELLED', 'A cancelled booking has no attendance to mark'),
};
