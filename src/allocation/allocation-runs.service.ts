import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { notFound } from '../common/errors/domain-error';
import { mapConstraint } from '../common/errors/pg-errors';
import { CursorQuery, decodeCursor, encodeCursor } from '../common/http/pagination';
import { toZonedIso } from '../common/time/zoned';
import { EventsService } from '../events/events.service';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName } from '../queue/jobs';
import { AllocationErrors } from './allocation.errors';
import { AllocationRunsRepository, RunSummaryRow } from './allocation-runs.repository';
import { AllocationRunCreatedResponse, AllocationRunPage, AllocationRunResponse, AllocationRunSummary, CreateAllocationRunDto } from './dto/allocation-run.dto';
import { AllocationRun } from './entities/allocation-run.entity';

/**
 * Starting, listing and reading runs; their assignments are AllocationAssignmentsService's,
 * running them AllocationRunner's, publishing AllocationPublisher's.
 */
@Injectable()
export class AllocationRunsService {
  constructor(
    private readonly runs: AllocationRunsRepository,
    private readonly events: EventsService,
    private readonly jobs: JobQueueService,
  ) {}

  async start(eventId: string, dto: CreateAllocationRunDto, requestId?: string): Promise<AllocationRunCreatedResponse> {
    const event = await this.events.findOrFail(eventId);
    if (event.status !== 'published') throw AllocationErrors.eventNotPublished();
    let run: AllocationRun;
    try {
      run = await this.runs.insertQueued(eventId, dto.seed ?? randomUUID());
    } catch (error) {
      throw mapConstraint(error, { allocation_runs_one_active: AllocationErrors.running }) ?? error;
    }
    try {
      // The run id is the job id: enqueuing the same run twice keeps one job.
      await this.jobs.enqueue(JobName.RunAllocation, { runId: run.id, requestId }, { jobId: run.id });
    } catch (error) {
      // Free the event for the next run instead of leaving a run queued that no worker will see.
      await this.runs.markFailed(run.id, 'The run could not be queued');
      throw error;
    }
    return { id: run.id, status: 'queued' };
  }

  async get(id: string): Promise<AllocationRunResponse> {
    const run = await this.findOrFail(id);
    const { timezone } = await this.events.findOrFail(run.eventId);
    return {
      ...summaryOf({ ...run, stats: run.result?.stats ?? null }, timezone),
      leximin: run.result?.leximin ?? null,
      unplaced: run.result?.unplaced ?? null,
      timings: run.result?.timings ?? null,
    };
  }

  /** The event's runs, newest first, in keyset pages; the detail view has the rest. */
  async listForEvent(eventId: string, query: CursorQuery): Promise<AllocationRunPage> {
    const { timezone } = await this.events.findOrFail(eventId);
    const after = decodeCursor<[string, string]>(query.cursor, ['timestamp', 'uuid']);
    const rows = await this.runs.pageForEvent(eventId, query.limit + 1, after);
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map((r) => summaryOf(r, timezone)),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  private async findOrFail(id: string): Promise<AllocationRun> {
    const run = await this.runs.findById(id);
    if (!run) throw notFound('Allocation run');
    return run;
  }
}

/** What the list and the detail view both show of a run, with times in the event's zone. */
function summaryOf(r: RunSummaryRow, timezone: string): AllocationRunSummary {
  const at = (d: Date | null) => (d ? toZonedIso(d, timezone) : null);
  return {
    id: r.id,
    eventId: r.eventId,
    status: r.status,
    seed: r.seed,
    progress: r.progress,
    algorithm: r.algorithm,
    stats: r.stats,
    error: r.error,
    createdAt: toZonedIso(r.createdAt, timezone),
    startedAt: at(r.startedAt),
    finishedAt: at(r.finishedAt),
    publishedAt: at(r.publishedAt),
  };
}
