import { Injectable, Logger } from '@nestjs/common';
import { Database } from '../database/database';
import { EventsService } from '../events/events.service';
import { AllocationRunsRepository } from './allocation-runs.repository';
import { AllocationSnapshotRepository } from './allocation-snapshot.repository';
import { AllocationSnapshotService } from './allocation-snapshot.service';
import { AllocationInputError, runAllocationInWorker } from './solver';

/** Another process holds the event's allocation lock; the job is retried later. */
export class AllocationLockedError extends Error {
  override readonly name = 'AllocationLockedError';
}

/** Progress is written at most this often, so a fast solve does not become a write storm. */
const PROGRESS_INTERVAL_MS = 500;

/**
 * Executes one run (the worker role's job handler). Idempotent: a finished run is left alone,
 * and a run whose worker died is computed again from the same snapshot and seed, which gives
 * the same assignments byte for byte.
 */
@Injectable()
export class AllocationRunner {
  private readonly logger = new Logger(AllocationRunner.name);

  constructor(
    private readonly runs: AllocationRunsRepository,
    private readonly snapshots: AllocationSnapshotRepository,
    private readonly snapshot: AllocationSnapshotService,
    private readonly events: EventsService,
    private readonly db: Database,
  ) {}

  /** Returns what happened, for the job's log line. */
  async execute(runId: string): Promise<'completed' | 'already-finished' | 'gone'> {
    const run = await this.runs.findById(runId);
    if (!run) return 'gone';
    if (run.status === 'completed' || run.status === 'failed') return 'already-finished';

    // A dedicated connection holds the session-level advisory lock for the whole run; if this
    // process dies, PostgreSQL drops the connection and with it the lock.
    return this.db.session(async (session) => {
      if (!(await this.snapshots.tryLockEvent(session, run.eventId))) {
        throw new AllocationLockedError(`Another allocation for event ${run.eventId} is running`);
      }
      try {
        return await this.executeLocked(runId);
      } finally {
        await this.snapshots.unlockEvent(session, run.eventId);
      }
    });
  }

  private async executeLocked(runId: string): Promise<'completed' | 'already-finished' | 'gone'> {
    // Read again under the lock: an earlier attempt may have finished while we waited.
    if (!(await this.runs.markRunning(runId))) return 'already-finished';
    const run = (await this.runs.findById(runId))!;
    const event = await this.events.findOrFail(run.eventId);
    const started = Date.now();
    // One consistent view of slots, bookings and preferences.
    const { input, fingerprint, droppedChoices } = await this.db.transaction((tx) => this.snapshot.read(tx, event), 'REPEATABLE READ');
    await this.runs.setFingerprint(runId, fingerprint);
    const loadedMs = Date.now() - started;

    let written = 0;
    let lastWrite = 0;
    let writing: Promise<void> = Promise.resolve();
    const result = await runAllocationInWorker(input, {
      seed: run.seed,
      explain: true,
      onProgress: (percent) => {
        // The solver's 0-100 maps to 0-95; storing the assignments is the rest.
        const progress = Math.floor(percent * 0.95);
        if (progress <= written || Date.now() - lastWrite < PROGRESS_INTERVAL_MS) return;
        written = progress;
        lastWrite = Date.now();
        writing = writing.then(() => this.runs.setProgress(runId, progress)).catch(() => undefined);
      },
    });
    await writing;
    const solvedMs = Date.now() - started - loadedMs;
    const { stats, leximin, unplaced, loads } = result;
    const timings = { loadMs: loadedMs, solveMs: solvedMs };
    const done = await this.runs.complete(
      runId,
      fingerprint,
      result.algorithm,
      { stats, leximin, unplaced, loads, droppedChoices, timings },
      result.assignments,
      result.explanations,
    );
    this.logger.log(
      { runId, eventId: run.eventId, loadedMs, solvedMs, storedMs: Date.now() - started - loadedMs - solvedMs, ...stats },
      'Allocation run completed',
    );
    return done ? 'completed' : 'already-finished';
  }

  /** Called when no attempt is left (or the input can never solve): the run ends as failed. No-op once finished. */
  async fail(runId: string, error: unknown): Promise<void> {
    const message = error instanceof AllocationInputError ? `Invalid input: ${error.message}` : 'The run failed; see the worker log';
    await this.runs.markFailed(runId, message);
  }
}
