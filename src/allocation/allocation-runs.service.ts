import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { notFound } from '../common/errors/domain-error';
import { PG_UNIQUE_VIOLATION, pgConstraint, pgErrorCode } from '../common/errors/pg-errors';
import { decodeCursor, encodeCursor } from '../common/http/pagination';
import { toZonedIso } from '../common/time/zoned';
import { EventsService } from '../events/events.service';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName } from '../queue/jobs';
import { AllocationErrors } from './allocation.errors';
import { AllocationRunsRepository } from './allocation-runs.repository';
import {
  AllocationRunCreatedResponse,
  AllocationRunResponse,
  AssignmentPage,
  AssignmentResponse,
  AssignmentsQuery,
  CreateAllocationRunDto,
} from './dto/allocation-run.dto';
import { AllocationAssignmentRow } from './entities/allocation-assignment.entity';
import { AllocationRun } from './entities/allocation-run.entity';

/** Starting runs and reading their outcome; running them is AllocationRunner's, publishing AllocationPublisher's. */
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
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION && pgConstraint(error) === 'allocation_runs_one_active') throw AllocationErrors.running();
      throw error;
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
    const at = (d: Date | null) => (d ? toZonedIso(d, timezone) : null);
    return {
      id: run.id,
      eventId: run.eventId,
      status: run.status,
      seed: run.seed,
      progress: run.progress,
      algorithm: run.algorithm,
      stats: run.result?.stats ?? null,
      leximin: run.result?.leximin ?? null,
      unplaced: run.result?.unplaced ?? null,
      timings: run.result?.timings ?? null,
      error: run.error,
      createdAt: toZonedIso(run.createdAt, timezone),
      startedAt: at(run.startedAt),
      finishedAt: at(run.finishedAt),
      publishedAt: at(run.publishedAt),
    };
  }

  async assignments(id: string, query: AssignmentsQuery): Promise<AssignmentPage> {
    const run = await this.findOrFail(id);
    const { timezone } = await this.events.findOrFail(run.eventId);
    const after = decodeCursor<[string, string]>(query.cursor, ['timestamp', 'uuid']);
    const rows = await this.runs.findAssignmentsPage(id, query.limit + 1, after);
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map((a) => assignmentResponse(a, timezone)),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.startsAt.toISOString(), last.slotId]) : null,
    };
  }

  /** Every assignment as CSV (RFC 4180: CRLF line ends), times in the event's zone. */
  async assignmentsCsv(id: string): Promise<string> {
    const run = await this.findOrFail(id);
    const { timezone } = await this.events.findOrFail(run.eventId);
    const rows = await this.runs.findAllAssignments(id);
    const lines = ['student_id,slot_id,volunteer_id,starts_at,ends_at,rank,booking_id'];
    for (const a of rows) {
      const r = assignmentResponse(a, timezone);
      lines.push([r.studentId, r.slotId, r.volunteerId, r.startsAt, r.endsAt, r.rank, r.bookingId ?? ''].join(','));
    }
    return `${lines.join('\r\n')}\r\n`;
  }

  private async findOrFail(id: string): Promise<AllocationRun> {
    const run = await this.runs.findById(id);
    if (!run) throw notFound('Allocation run');
    return run;
  }
}

function assignmentResponse(a: AllocationAssignmentRow, timezone: string): AssignmentResponse {
  return {
    studentId: a.studentId,
    slotId: a.slotId,
    volunteerId: a.volunteerId,
    startsAt: toZonedIso(a.startsAt, timezone),
    endsAt: toZonedIso(a.endsAt, timezone),
    rank: a.rank,
    bookingId: a.bookingId,
  };
}
