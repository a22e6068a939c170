import { AllocationAssignmentRow } from '../allocation/entities/allocation-assignment.entity';
import { AllocationExplanation } from '../allocation/entities/allocation-explanation.entity';
import { AllocationLoad } from '../allocation/entities/allocation-load.entity';
import { AllocationPreference } from '../allocation/entities/allocation-preference.entity';
import { AllocationRun } from '../allocation/entities/allocation-run.entity';
import { AllocationSettings } from '../allocation/entities/allocation-settings.entity';
import { MagicLinkToken } from '../auth/entities/magic-link-token.entity';
import { Staff } from '../auth/entities/staff.entity';
import { CalendarToken } from '../calendar/entities/calendar-token.entity';
import { BookingChange } from '../bookings/entities/booking-change.entity';
import { Booking } from '../bookings/entities/booking.entity';
import { Event } from '../events/entities/event.entity';
import { EventReminderSettings } from '../invites/entities/event-reminder-settings.entity';
import { InviteReminder } from '../invites/entities/invite-reminder.entity';
import { InviteSequence } from '../invites/entities/invite-sequence.entity';
import { OutboxMessage } from '../invites/entities/outbox-message.entity';
import { AvailabilityWindow } from '../slots/entities/availability-window.entity';
import { Slot } from '../slots/entities/slot.entity';
import { Student } from '../students/entities/student.entity';
import { Volunteer } from '../volunteers/entities/volunteer.entity';
import { InitialSchema1764000000000 } from './migrations/1764000000000-InitialSchema';
import { BookingChanges1764050000000 } from './migrations/1764050000000-BookingChanges';
import { Invites1764100000000 } from './migrations/1764100000000-Invites';
import { Allocation1764200000000 } from './migrations/1764200000000-Allocation';
import { Attendance } from '../attendance/entities/attendance.entity';
import { CheckInCode } from '../check-in/entities/check-in-code.entity';
import { CheckIn } from '../check-in/entities/check-in.entity';
import { Exhibitor } from '../exhibitors/entities/exhibitor.entity';
import { FloorPlace } from '../floor/entities/floor-place.entity';
import { FloorPlan } from '../floor/entities/floor-plan.entity';
import { TableAssignment } from '../floor/entities/table-assignment.entity';
import { JobFairFloor1764300000000 } from './migrations/1764300000000-JobFairFloor';
import { StaffCalendarFeeds1764400000000 } from './migrations/1764400000000-StaffCalendarFeeds';
import { InviteRelayKick1764460000000 } from './migrations/1764460000000-InviteRelayKick';
import { RemindersAfterMoves1764470000000 } from './migrations/1764470000000-RemindersAfterMoves';
import { EventOrganizer1764480000000 } from './migrations/1764480000000-EventOrganizer';
import { PageSessions1765000000000 } from './migrations/1765000000000-PageSessions';
import { AccountDeletionsAnnounced1765000000001 } from './migrations/1765000000001-AccountDeletionsAnnounced';
import { Session } from '../common/auth/sessions/session.entity';
import { SignInFailure } from '../auth/entities/sign-in-failure.entity';
import { JobOutbox1765200000000 } from './migrations/1765200000000-JobOutbox';
import { BookingLimitFollowsEvent1765200000001 } from './migrations/1765200000001-BookingLimitFollowsEvent';
import { JobOutboxEntry } from '../queue/entities/job-outbox-entry.entity';
import { Organizations1765300000000 } from './migrations/1765300000000-Organizations';
import { Organization } from '../organizations/entities/organization.entity';
import { BookingChangesAnnouncedByApp1765100000000 } from './migrations/1765100000000-BookingChangesAnnouncedByApp';
// Issue 12: eligibility, gaps and cut-offs.
import { EligibilityGapsCutoffs1765600000000 } from './migrations/1765600000000-EligibilityGapsCutoffs';
import { EventEligibility } from '../eligibility/entities/event-eligibility.entity';
import { EventEligibleStudent } from '../eligibility/entities/event-eligible-student.entity';
// Issue 12, waitlists with offers.
import { WaitlistOffers1765650000000 } from './migrations/1765650000000-WaitlistOffers';
import { WaitlistEntry } from '../waitlist/entities/waitlist-entry.entity';
import { WaitlistOffer } from '../waitlist/entities/waitlist-offer.entity';
import { WaitlistSettings } from '../waitlist/entities/waitlist-settings.entity';
// Issue 12, strike ledger (src/strikes).
import { StrikeLedger1765700000000 } from './migrations/1765700000000-StrikeLedger';
import { StrikeEntry } from '../strikes/entities/strike-entry.entity';
import { EventStrikePolicy, StrikePolicy } from '../strikes/entities/strike-policy.entity';
// Issue 12, interview feedback (src/feedback).
import { InterviewFeedback1765700000001 } from './migrations/1765700000001-InterviewFeedback';
import { FeedbackRequest, FeedbackRubric, FeedbackScore, InterviewFeedback } from '../feedback/entities/feedback.entity';
// Issue 13, staff console
import { StaffRoles1765400000000 } from './migrations/1765400000000-StaffRoles';
import { PeopleDeletion1765400000001 } from './migrations/1765400000001-PeopleDeletion';

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
  InviteSequence,
  OutboxMessage,
  CalendarToken,
  EventReminderSettings,
  InviteReminder,
  AllocationSettings,
  AllocationPreference,
  AllocationRun,
  AllocationAssignmentRow,
  Exhibitor,
  FloorPlan,
  FloorPlace,
  TableAssignment,
  CheckInCode,
  CheckIn,
  Attendance,
  Session,
  SignInFailure,
  JobOutboxEntry,
  Organization,
  AllocationLoad,
  AllocationExplanation,
  // Issue 12: eligibility.
  EventEligibility,
  EventEligibleStudent,
  // Issue 12, waitlists with offers.
  WaitlistSettings,
  WaitlistEntry,
  WaitlistOffer,
  // Issue 12, strike ledger.
  StrikePolicy,
  EventStrikePolicy,
  StrikeEntry,
  // Issue 12, interview feedback.
  FeedbackRubric,
  InterviewFeedback,
  FeedbackScore,
  FeedbackRequest,
];

/** In timestamp order, the order PostgreSQL records them in (test/e2e/platform.e2e-spec.ts). */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  BookingChanges1764050000000,
  Invites1764100000000,
  Allocation1764200000000,
  JobFairFloor1764300000000,
  StaffCalendarFeeds1764400000000,
  InviteRelayKick1764460000000,
  RemindersAfterMoves1764470000000,
  EventOrganizer1764480000000,
  PageSessions1765000000000,
  AccountDeletionsAnnounced1765000000001,
  BookingChangesAnnouncedByApp1765100000000,
  JobOutbox1765200000000,
  BookingLimitFollowsEvent1765200000001,
  Organizations1765300000000,
  // Issue 13, staff console
  StaffRoles1765400000000,
  PeopleDeletion1765400000001,
  // Issue 12: eligibility, gaps and cut-offs.
  EligibilityGapsCutoffs1765600000000,
  // Issue 12, waitlists with offers.
  WaitlistOffers1765650000000,
  // Issue 12, strike ledger.
  StrikeLedger1765700000000,
  // Issue 12, interview feedback.
  InterviewFeedback1765700000001,
];
