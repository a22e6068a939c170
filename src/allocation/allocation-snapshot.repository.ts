import { Injectable } from '@nestjs/common';
import { Database, Tx } from '../database/database';
import { statement } from '../database/statement';
import type { AllocationSnapshot } from './allocation-input';

type Preferences = AllocationSnapshot['preferences'][number];

/*
 * The allocation snapshot: a read model over slots, volunteers and bookings (declared in
 * src/database/table-owners.ts). Thousands of students through the owning services would be
 * thousands of round trips, and the publish check must read everything inside its own
 * transaction.
 */
const EVENT_VOLUNTEERS = statement(
  'allocation.event-volunteers',
  `SELECT v.id, v.expertise, v.organization_id AS "organizationId" FROM volunteers v
    WHERE EXISTS (SELECT 1 FROM slots s WHERE s.event_id = $1 AND s.volunteer_id = v.id)
    ORDER BY v.id`,
  { id: 'uuid', expertise: 'text[]', organizationId: 'uuid?' },
);
const FREE_SLOTS = statement(
  'allocation.free-slots',
  `SELECT s.id, s.volunteer_id, s.starts_at, s.ends_at FROM slots s
    WHERE s.event_id = $1 AND s.starts_at > now()
      AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = s.id AND b.status = 'confirmed')
    ORDER BY s.id`,
  { id: 'uuid', volunteer_id: 'uuid', starts_at: 'timestamptz', ends_at: 'timestamptz' },
);
const PREFERENCES = statement(
  'allocation.preferences',
  `SELECT student_id, choices, unavailable FROM allocation_preferences WHERE event_id = $1 ORDER BY student_id`,
  { student_id: 'uuid', choices: 'jsonb', unavailable: 'jsonb' },
);
/** Confirmed bookings of students with preferences: in this event (the limit) or overlapping it. */
const STUDENT_BOOKINGS = statement(
  'allocation.student-bookings',
  `SELECT b.student_id, b.volunteer_id, b.starts_at, b.ends_at, (b.event_id = $1) AS in_event
     FROM bookings b
     JOIN allocation_preferences p ON p.event_id = $1 AND p.student_id = b.student_id
    WHERE b.status = 'confirmed'
      AND (b.event_id = $1 OR tstzrange(b.starts_at, b.ends_at) && tstzrange($2::timestamptz, $3::timestamptz))
    ORDER BY b.student_id, b.starts_at, b.id`,
  { student_id: 'uuid', volunteer_id: 'uuid', starts_at: 'timestamptz', ends_at: 'timestamptz', in_event: 'bool' },
);
const LOADS = statement(
  'allocation.loads',
  `SELECT organization_id AS "organizationId", volunteer_id AS "volunteerId", min_interviews AS "minInterviews", max_interviews AS "maxInterviews"
     FROM allocation_loads WHERE event_id = $1 ORDER BY organization_id, volunteer_id`,
  { organizationId: 'uuid?', volunteerId: 'uuid?', minInterviews: 'int2?', maxInterviews: 'int2?' },
);
const BOOKED_PER_VOLUNTEER = statement(
  'allocation.booked-per-volunteer',
  `SELECT volunteer_id AS "volunteerId", count(*)::int AS count FROM bookings
    WHERE event_id = $1 AND status = 'confirmed' GROUP BY volunteer_id ORDER BY volunteer_id`,
  { volunteerId: 'uuid', count: 'int4' },
);
const TRY_LOCK = statement('allocation.try-lock', `SELECT pg_try_advisory_lock(hashtext('fairgrid:allocation'), hashtext($1)) AS locked`, { locked: 'bool' });
const UNLOCK = statement('allocation.unlock', `SELECT pg_advisory_unlock(hashtext('fairgrid:allocation'), hashtext($1)) AS unlocked`, { unlocked: 'bool' });
const TRY_LOCK_FOR_TRANSACTION = statement(
  'allocation.try-lock-for-transaction',
  `SELECT pg_try_advisory_xact_lock(hashtext('fairgrid:allocation'), hashtext($1)) AS locked`,
  { locked: 'bool' },
);

@Injectable()
export class AllocationSnapshotRepository {
  constructor(private readonly db: Database) {}

  /** Volunteers who have slots in the event, with their expertise tags and organization. */
  eventVolunteers(eventId: string, tx?: Tx): Promise<{ id: string; expertise: string[]; organizationId: string | null }[]> {
    return this.db.run(EVENT_VOLUNTEERS, [eventId], tx);
  }

  async load(
    tx: Tx,
    eventId: string,
    limits: Pick<AllocationSnapshot, 'maxInterviewsPerStudent' | 'rankCount' | 'preferenceMode' | 'acceptableRating'> & {
      eventStartsAt: Date;
      eventEndsAt: Date;
    },
  ): Promise<AllocationSnapshot> {
    const slots = await this.db.run(FREE_SLOTS, [eventId], tx);
    const volunteers = await this.eventVolunteers(eventId, tx);
    const preferences = await this.db.run(PREFERENCES, [eventId], tx);
    const bookings = await this.db.run(STUDENT_BOOKINGS, [eventId, limits.eventStartsAt, limits.eventEndsAt], tx);
    const loads = await this.db.run(LOADS, [eventId], tx);
    const bookedPerVolunteer = await this.db.run(BOOKED_PER_VOLUNTEER, [eventId], tx);
    return {
      maxInterviewsPerStudent: limits.maxInterviewsPerStudent,
      rankCount: limits.rankCount,
      preferenceMode: limits.preferenceMode,
      acceptableRating: limits.acceptableRating,
      loads,
      bookedPerVolunteer,
      slots: slots.map((s) => ({ id: s.id, volunteerId: s.volunteer_id, startsAt: s.starts_at, endsAt: s.ends_at })),
      volunteers,
      preferences: preferences.map((p) => ({ studentId: p.student_id, choices: p.choices as Preferences['choices'], unavailable: p.unavailable as Preferences['unavailable'] })),
      bookings: bookings.map((b) => ({ studentId: b.student_id, volunteerId: b.volunteer_id, startsAt: b.starts_at, endsAt: b.ends_at, inEvent: b.in_event })),
    };
  }

  /**
   * A session-level advisory lock: one run per event at a time across every worker process.
   * It lives as long as the connection (Database.session), so a killed worker releases it with
   * its connection.
   */
  async tryLockEvent(session: Tx, eventId: string): Promise<boolean> {
    return (await this.db.run(TRY_LOCK, [eventId], session))[0].locked;
  }

  async unlockEvent(session: Tx, eventId: string): Promise<void> {
    await this.db.run(UNLOCK, [eventId], session);
  }

  /** The same lock for one transaction (publishing); false while a run holds it. */
  async tryLockEventForTransaction(tx: Tx, eventId: string): Promise<boolean> {
    return (await this.db.run(TRY_LOCK_FOR_TRANSACTION, [eventId], tx))[0].locked;
  }
}
