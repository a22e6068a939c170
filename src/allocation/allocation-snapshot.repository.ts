import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { AllocationSnapshot } from './allocation-input';

/**
 * Reads the state an allocation run depends on, in bulk and read-only. It reads the slots,
 * volunteers and bookings tables directly (like SlotsRepository.findBooked reads bookings):
 * thousands of students through the owning services would be thousands of round trips, and
 * the publish check must read everything inside its own transaction.
 */
@Injectable()
export class AllocationSnapshotRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Volunteers who have slots in the event, with their expertise tags and organization. */
  async eventVolunteers(
    eventId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ id: string; expertise: string[]; organizationId: string | null }[]> {
    return manager.query(
      `SELECT v.id, v.expertise, v.organization_id AS "organizationId" FROM volunteers v
        WHERE EXISTS (SELECT 1 FROM slots s WHERE s.event_id = $1 AND s.volunteer_id = v.id)
        ORDER BY v.id`,
      [eventId],
    );
  }

  async load(
    manager: EntityManager,
    eventId: string,
    limits: Pick<AllocationSnapshot, 'maxInterviewsPerStudent' | 'rankCount' | 'preferenceMode' | 'acceptableRating'> & {
      eventStartsAt: Date;
      eventEndsAt: Date;
    },
  ): Promise<AllocationSnapshot> {
    const slots: { id: string; volunteer_id: string; starts_at: Date; ends_at: Date }[] = await manager.query(
      `SELECT s.id, s.volunteer_id, s.starts_at, s.ends_at FROM slots s
        WHERE s.event_id = $1 AND s.starts_at > now()
          AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = s.id AND b.status = 'confirmed')
        ORDER BY s.id`,
      [eventId],
    );
    const volunteers = await this.eventVolunteers(eventId, manager);
    const preferences: { student_id: string; choices: AllocationSnapshot['preferences'][number]['choices']; unavailable: AllocationSnapshot['preferences'][number]['unavailable'] }[] =
      await manager.query(`SELECT student_id, choices, unavailable FROM allocation_preferences WHERE event_id = $1 ORDER BY student_id`, [eventId]);
    const bookings: { student_id: string; volunteer_id: string; starts_at: Date; ends_at: Date; in_event: boolean }[] = await manager.query(
      `SELECT b.student_id, b.volunteer_id, b.starts_at, b.ends_at, (b.event_id = $1) AS in_event
         FROM bookings b
         JOIN allocation_preferences p ON p.event_id = $1 AND p.student_id = b.student_id
        WHERE b.status = 'confirmed'
          AND (b.event_id = $1 OR tstzrange(b.starts_at, b.ends_at) && tstzrange($2::timestamptz, $3::timestamptz))
        ORDER BY b.student_id, b.starts_at, b.id`,
      [eventId, limits.eventStartsAt, limits.eventEndsAt],
    );
    const loads: AllocationSnapshot['loads'] = await manager.query(
      `SELECT organization_id AS "organizationId", volunteer_id AS "volunteerId", min_interviews AS "minInterviews", max_interviews AS "maxInterviews"
         FROM allocation_loads WHERE event_id = $1 ORDER BY organization_id, volunteer_id`,
      [eventId],
    );
    const bookedPerVolunteer: { volunteerId: string; count: number }[] = await manager.query(
      `SELECT volunteer_id AS "volunteerId", count(*)::int AS count FROM bookings
        WHERE event_id = $1 AND status = 'confirmed' GROUP BY volunteer_id ORDER BY volunteer_id`,
      [eventId],
    );
    return {
      maxInterviewsPerStudent: limits.maxInterviewsPerStudent,
      rankCount: limits.rankCount,
      preferenceMode: limits.preferenceMode,
      acceptableRating: limits.acceptableRating,
      loads,
      bookedPerVolunteer,
      slots: slots.map((s) => ({ id: s.id, volunteerId: s.volunteer_id, startsAt: s.starts_at, endsAt: s.ends_at })),
      volunteers,
      preferences: preferences.map((p) => ({ studentId: p.student_id, choices: p.choices, unavailable: p.unavailable })),
      bookings: bookings.map((b) => ({ studentId: b.student_id, volunteerId: b.volunteer_id, startsAt: b.starts_at, endsAt: b.ends_at, inEvent: b.in_event })),
    };
  }

  /**
   * A session-level advisory lock: one run per event at a time across every worker process.
   * It lives as long as the connection, so a killed worker releases it with its connection.
   */
  async tryLockEvent(runner: QueryRunner, eventId: string): Promise<boolean> {
    const [row]: { locked: boolean }[] = await runner.query(`SELECT pg_try_advisory_lock(hashtext('fairgrid:allocation'), hashtext($1)) AS locked`, [eventId]);
    return row.locked;
  }

  async unlockEvent(runner: QueryRunner, eventId: string): Promise<void> {
    await runner.query(`SELECT pg_advisory_unlock(hashtext('fairgrid:allocation'), hashtext($1))`, [eventId]);
  }

  /** The same lock for one transaction (publishing); false while a run holds it. */
  async tryLockEventForTransaction(tx: EntityManager, eventId: string): Promise<boolean> {
    const [row]: { locked: boolean }[] = await tx.query(`SELECT pg_try_advisory_xact_lock(hashtext('fairgrid:allocation'), hashtext($1)) AS locked`, [eventId]);
    return row.locked;
  }

  createQueryRunner(): QueryRunner {
    return this.dataSource.createQueryRunner();
  }
}
