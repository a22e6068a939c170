import { Injectable } from '@nestjs/common';
import { notFound } from '../common/errors/domain-error';
import { PG_CHECK_VIOLATION, PG_EXCLUSION_VIOLATION, PG_FOREIGN_KEY_VIOLATION, PG_UNIQUE_VIOLATION, pgConstraint, pgErrorCode } from '../common/errors/pg-errors';
import { toZonedIso } from '../common/time/zoned';
import { BookingsService } from '../bookings/bookings.service';
import { EventsService } from '../events/events.service';
import { AllocationErrors } from './allocation.errors';
import { AllocationRunsRepository } from './allocation-runs.repository';
import { AllocationSnapshotRepository } from './allocation-snapshot.repository';
import { AllocationSnapshotService } from './allocation-snapshot.service';
import { PublishResponse } from './dto/allocation-run.dto';

/** A booking constraint refusing an allocated booking means the state moved under us. */
const STALE_SQLSTATES = new Set([PG_UNIQUE_VIOLATION, PG_EXCLUSION_VIOLATION, PG_FOREIGN_KEY_VIOLATION]);

@Injectable()
export class AllocationPublisher {
  constructor(
    private readonly runs: AllocationRunsRepository,
    private readonly snapshots: AllocationSnapshotRepository,
    private readonly snapshot: AllocationSnapshotService,
    private readonly events: EventsService,
    private readonly bookings: BookingsService,
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
    try {
      return await this.runs.transaction(async (tx) => {
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
        const inserted = await this.bookings.insertAllocated(tx, event.id, event.maxBookingsPerStudent, assignments);
        if (inserted.length !== assignments.length) throw AllocationErrors.stale();
        await this.bookings.recordChanges(tx, inserted.map((b) => b.id), 'confirmed');
        const publishedAt = await this.runs.markPublished(tx, runId, inserted.map((b) => ({ slotId: b.slotId, bookingId: b.id })));
        return { runId, publishedAt: toZonedIso(publishedAt, event.timezone), bookingsCreated: inserted.length };
      });
    } catch (error) {
      const code = pgErrorCode(error);
      if (code && STALE_SQLSTATES.has(code)) throw AllocationErrors.stale();
      // The event's booking limit was lowered after the snapshot was read.
      if (code === PG_CHECK_VIOLATION && pgConstraint(error) === 'bookings_within_event_limit') throw AllocationErrors.stale();
      throw error;
    }
  }
}
