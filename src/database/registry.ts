import { MagicLinkToken } from '../auth/entities/magic-link-token.entity';
import { Staff } from '../auth/entities/staff.entity';
import { BookingChange } from '../bookings/entities/booking-change.entity';
import { Booking } from '../bookings/entities/booking.entity';
import { Event } from '../events/entities/event.entity';
import { AvailabilityWindow } from '../slots/entities/availability-window.entity';
import { Slot } from '../slots/entities/slot.entity';
import { Student } from '../students/entities/student.entity';
import { Volunteer } from '../volunteers/entities/volunteer.entity';
import { InitialSchema1764000000000 } from './migrations/1764000000000-InitialSchema';
import { BookingChanges1764050000000 } from './migrations/1764050000000-BookingChanges';

/** Listed explicitly (not globbed) so the app, the CLI and Jest load exactly the same set. */
export const ENTITIES = [
  Staff,
  MagicLinkToken,
  Event,
  Volunteer,
  Student,
  AvailabilityWindow,
  Slot,
  Booking,
  BookingChange,
];

export const MIGRATIONS = [InitialSchema1764000000000, BookingChanges1764050000000];
