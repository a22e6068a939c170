import type { Boundaries, ReadModel } from './check';

/**
 * Who owns which table, and the declared exceptions: the one list `check.ts` holds every module
 * to (see architecture.spec.ts, run by `npm test` and `.ci/run`). A module reads and writes its
 * own tables; another module's data it gets through that module's exported service. A read
 * model that must join other modules' tables in one statement (a report, a feed, a snapshot,
 * a hot path folded into one round trip) is listed below with its reason, and only reads.
 */
export const TABLE_OWNERS: Record<string, string> = {
  staff: 'auth',
  magic_link_tokens: 'auth',
  sign_in_failures: 'auth',
  // Page sessions: the auth guard (common/auth) resolves them on every page request.
  sessions: 'common',
  // Jobs committed with the change that asked for them; the relay hands them to Redis.
  job_outbox: 'queue',
  organizations: 'organizations',
  events: 'events',
  volunteers: 'volunteers',
  students: 'students',
  availability_windows: 'slots',
  slots: 'slots',
  bookings: 'bookings',
  booking_changes: 'bookings',
  // Answers of POST /bookings by Idempotency-Key, written in the booking's own statement.
  idempotency_keys: 'bookings',
  invite_sequences: 'invites',
  outbox_messages: 'invites',
  event_reminder_settings: 'invites',
  invite_reminders: 'invites',
  calendar_tokens: 'calendar',
  allocation_settings: 'allocation',
  allocation_preferences: 'allocation',
  allocation_runs: 'allocation',
  allocation_assignments: 'allocation',
  allocation_explanations: 'allocation',
  allocation_loads: 'allocation',
  exhibitors: 'exhibitors',
  floor_plans: 'floor',
  floor_places: 'floor',
  table_assignments: 'floor',
  check_in_codes: 'check-in',
  check_ins: 'check-in',
  attendance: 'attendance',
  // Issue 12: who may book an event.
  event_eligibility: 'eligibility',
  event_eligible_students: 'eligibility',
  // Issue 12, waitlists with offers.
  waitlist_settings: 'waitlist',
  waitlist_entries: 'waitlist',
  waitlist_offers: 'waitlist',
  // Issue 12, the no-show strike ledger: policy, per-event overrides, the append-only ledger and its views.
  strike_policy: 'strikes',
  event_strike_policies: 'strikes',
  strike_entries: 'strikes',
  event_strike_rules: 'strikes',
  active_strikes: 'strikes',
  strike_blocks: 'strikes',
  // Issue 12, interview feedback: rubrics, the feedback and its scores, and the mails asking for it.
  feedback_rubrics: 'feedback',
  interview_feedback: 'feedback',
  feedback_scores: 'feedback',
  feedback_requests: 'feedback',
};

export const READ_MODELS: readonly ReadModel[] = [
  {
    file: 'src/reports/reports.repository.ts',
    reads: ['bookings', 'slots', 'students', 'volunteers', 'check_ins', 'check_in_codes', 'attendance', 'exhibitors'],
    why: 'the event report aggregates turnout, fill rate and attendance over thousands of rows in SQL',
  },
  {
    // Issue 12: feedback aggregates in the event report.
    file: 'src/reports/reports.repository.ts',
    reads: ['interview_feedback', 'feedback_scores'],
    why: 'the event report averages the volunteers\' feedback per criterion and volunteer in SQL',
  },
  {
    file: 'src/calendar/calendar.repository.ts',
    reads: ['bookings', 'booking_changes', 'events', 'volunteers', 'students'],
    why: 'calendar feeds: every confirmed interview with what its VEVENT shows, one statement per feed',
  },
  {
    file: 'src/allocation/allocation-snapshot.repository.ts',
    reads: ['slots', 'volunteers', 'bookings'],
    why: 'the allocation snapshot: read in one REPEATABLE READ transaction, and again inside the publish transaction',
  },
  {
    file: 'src/bookings/booking-claim.sql.ts',
    // Issue 12: event_eligibility, the eligibility rule (eligibility.sql.ts) is checked in the same statement;
    // waitlist_offers, a slot held by a live offer is refused (slot_held); strike_blocks, a student
    // at the no-show strike limit may not book themselves (the strikes module owns the view).
    reads: ['slots', 'events', 'students', 'volunteers', 'event_eligibility', 'waitlist_offers', 'strike_blocks'],
    why: 'a booking is one statement: it reads the slot, event and parties in the snapshot its rules are checked in',
  },
  {
    // Issue 12: interview feedback.
    file: 'src/feedback/feedback.repository.ts',
    reads: ['bookings'],
    why: 'the feedback scheduler finds confirmed interviews with no (or an outdated) feedback request, whichever path booked them, in one INSERT … SELECT per pass',
  },
  {
    file: 'src/bookings/booking-views.sql.ts',
    reads: ['events', 'volunteers', 'students'],
    why: 'booking responses (/bookings/me on every portal page) name the event and both parties, one statement per list',
  },
  {
    file: 'src/bookings/bookings.repository.ts',
    reads: ['slots'],
    why: "a move copies the new slot's volunteer and times in the same UPDATE the constraints judge",
  },
  {
    file: 'src/slots/slots.repository.ts',
    // waitlist_offers: issue 12, a slot held for a waiting student shows as taken.
    reads: ['bookings', 'volunteers', 'events', 'waitlist_offers'],
    why: "the slot page shows each slot with its volunteer and whether it is booked, with its event's zone and status in the same round trip; a booked slot may not be removed",
  },
  {
    file: 'src/allocation/allocation-runs.repository.ts',
    reads: ['students'],
    why: 'a finished run stores its explanations in bulk, skipping students deleted since the snapshot (one INSERT … SELECT per chunk)',
  },
  {
    file: 'src/common/auth/principal-directory.ts',
    reads: ['staff', 'students', 'volunteers'],
    why: "the auth guard checks on every request that the token's account still exists: one primary-key lookup, no service call",
  },
  {
    // Issue 12.
    file: 'src/eligibility/eligibility.repository.ts',
    reads: ['students'],
    why: "eligibility compares a student's major, graduation year and address with the event's rules in SQL, for one student or a whole allocation at once",
  },
  {
    file: 'src/metrics/metrics.service.ts',
    reads: ['outbox_messages', 'job_outbox'],
    why: 'the /metrics gauges count backlogs by status at scrape time, without a service call per scrape',
  },
  // Issue 12, waitlists with offers.
  {
    file: 'src/waitlist/offer-matcher.repository.ts',
    reads: ['slots', 'volunteers', 'bookings', 'events'],
    why: 'which free slot fits which waiting student, in line order, in one statement; the slot is locked FOR UPDATE while its offer is made',
  },
  {
    file: 'src/waitlist/waitlist.repository.ts',
    reads: ['events', 'volunteers', 'organizations', 'slots'],
    why: 'offers and entries as students see them (event, zone, volunteer, narrowing names), one statement per list',
  },
];

export function boundaries(entityOwners: Record<string, string>): Boundaries {
  return { owners: TABLE_OWNERS, readModels: READ_MODELS, entityOwners };
}
