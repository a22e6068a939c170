import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Principal } from '../common/auth/principal';
import { forbidden, notFound } from '../common/errors/domain-error';
import { mapConstraint } from '../common/errors/pg-errors';
import { CursorQuery, decodeCursor, encodeCursor } from '../common/http/pagination';
import { toZonedIso } from '../common/time/zoned';
import { Database } from '../database/database';
import { EventsService } from '../events/events.service';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName } from '../queue/jobs';
import { AllocationErrors } from './allocation.errors';
import { AllocationRunsRepository, RunSummaryRow } from './allocation-runs.repository';
import {
  AllocationRunCreatedResponse,
  AllocationRunPage,
  AllocationRunResponse,
  AllocationRunSummary,
  CreateAllocationRunDto,
  StudentExplanationResponse,
} from './dto/allocation-run.dto';
import { AllocationRun } from './entities/allocation-run.entity';

/**
 * Starting, listing and reading runs; their assignments are AllocationAssignmentsService's,
 * running them AllocationRunner's, publishing AllocationPublisher's.
 */
@Injectable()
export class AllocationRunsService {
  constructor(
    private readonly db: Database,
    private readonly runs: AllocationRunsRepository,
    private readonly events: EventsService,
    private readonly jobs: JobQueueService,
  ) {}

  async start(eventId: string, dto: CreateAllocationRunDto, requestId?: string): Promise<AllocationRunCreatedResponse> {
    const event = await this.events.findOrFail(eventId);
    if (event.status !== 'published') throw AllocationErrors.eventNotPublished();
    let run: AllocationRun;
    try {
      // The run and its job commit together; the worker's relay queues the job (the run id is
      // the job id), so starting a run never waits on Redis.
      run = await this.db.transaction(async (tx) => {
        const queued = await this.runs.insertQueued(eventId, dto.seed ?? randomUUID(), tx);
        await this.jobs.enqueueDurably(JobName.RunAllocation, { runId: queued.id, requestId }, queued.id, tx);
        return queued;
      });
    } catch (error) {
      throw mapConstraint(error, { allocation_runs_one_active: AllocationErrors.running }) ?? error;
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
      loads: run.result ? (run.result.loads ?? []) : null,
      droppedChoices: run.result ? (run.result.droppedChoices ?? 0) : null,
      timings: run.result?.timings ?? null,
    };
  }

  /** Staff: why one student of a run got what they got. */
  async explanation(runId: string, studentId: string): Promise<StudentExplanationResponse> {
    await this.findOrFail(runId);
    const row = await this.runs.findExplanation(runId, studentId);
    if (!row) throw AllocationErrors.noExplanation();
    return { runId, ...row.explanation };
  }

  /**
   * A student's own explanation from the event's latest published run. Students only ever
   * reach their own row; other students appear in it as counts only.
   */
  async ownExplanation(eventId: string, principal: Principal): Promise<StudentExplanationResponse> {
    if (principal.role !== 'student') throw forbidden('Students read their own explanation; staff use the run');
    await this.events.findVisible(eventId, principal);
    const run = await this.runs.findLatestPublished(eventId);
    if (!run) throw AllocationErrors.noPublishedAllocation();
    const row = await this.runs.findExplanation(run.id, principal.id);
    if (!row) throw AllocationErrors.noExplanation();
    return { runId: run.id, ...row.explanation };
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
