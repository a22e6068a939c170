import { Injectable } from '@nestjs/common';
import { notFound } from '../common/errors/domain-error';
import { constraintOf } from '../common/errors/pg-errors';
import { toZonedIso } from '../common/time/zoned';
import { Database } from '../database/database';
import { TableStatistics } from '../database/table-statistics';
import { BookingChangeLog } from '../bookings/booking-change-log';
import { BOOKING_INTEGRITY_CONSTRAINTS } from '../bookings/bookings.errors';
import { BookingsService } from '../bookings/bookings.service';
import { EventsService } from '../events/events.service';
import { AllocationErrors } from './allocation.errors';
import { AllocationRunsRepository } from './allocation-runs.repository';
import { AllocationSnapshotRepository } from './allocation-snapshot.repository';
import { AllocationSnapshotService } from './allocation-snapshot.service';
import { PublishResponse } from './dto/allocation-run.dto';

/** A booking constraint refusing an allocated booking means the state moved under us. */
const STALE_CONSTRAINTS: ReadonlySet<string> = new Set(BOOKING_INTEGRITY_CONSTRAINTS);

@Injectable()
export class AllocationPublisher {
  constructor(
    private readonly runs: AllocationRunsRepository,
    private readonly snapshots: AllocationSnapshotRepository,
    private readonly snapshot: AllocationSnapshotService,
    private readonly events: EventsService,
    private readonly bookings: BookingsService,
    private readonly changes: BookingChangeLog,
    private readonly statistics: TableStatistics,
    private readonly db: Database,
  ) {}

  /**
   * Turns a completed run's assignments into confirmed bookings, all or nothing, in one
   * transaction. The run row is locked first, so concurrent publishes of one run serialise and
   * the second sees the first's result. Publishing twice returns the same answer.
   */
  async publish(runId: string): Promise<PublishResponse> {
    const found = await this.runs.findById(runId);
    if (!found) throw notFound('Allocation run');
    const event = await this.events.findOrFail(found.eventId);
    let inserted = 0;
    try {
      const published = await this.db.transaction(async (tx) => {
        const run = (await this.runs.lockById(tx, runId))!;
        if (run.publishedAt) {
          return { runId, publishedAt: toZonedIso(run.publishedAt, event.timezone), bookingsCreated: await this.runs.countPublished(runId, tx) };
        }
        if (run.status !== 'completed') throw AllocationErrors.notCompleted(run.status);
        // Held until commit; a run of this event in progress holds it too.
        if (!(await this.snapshots.tryLockEventForTransaction(tx, event.id))) throw AllocationErrors.running();
        const { fingerprint } = await this.snapshot.read(tx, event);
        if (fingerprint !== run.inputFingerprint) throw AllocationErrors.stale();

        const assignments = await this.runs.findAllAssignments(runId, tx);
        const booked = await this.bookings.insertAllocated(tx, event.id, event.maxBookingsPerStudent, assignments);
        if (booked.length !== assignments.length) throw AllocationErrors.stale();
        await this.changes.record(tx, booked.map((b) => b.id), 'confirmed');
        const publishedAt = await this.runs.markPublished(tx, runId, booked.map((b) => ({ slotId: b.slotId, bookingId: b.id })));
        inserted = booked.length;
        return { runId, publishedAt: toZonedIso(publishedAt, event.timezone), bookingsCreated: booked.length };
      });
      // A published run can add thousands of bookings at once; the first-come rush may follow.
      if (inserted) await this.statistics.wrote('bookings', inserted);
      return published;
    } catch (error) {
      const constraint = constraintOf(error);
      if (constraint && STALE_CONSTRAINTS.has(constraint)) throw AllocationErrors.stale();
      throw error;
    }
  }
}
