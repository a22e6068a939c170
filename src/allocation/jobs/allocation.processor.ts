import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { JobLogContext } from '../../queue/job-log-context';
import { JobOutboxRelay } from '../../queue/job-outbox-relay.service';
import { JobName, JobPayloads, QueueName } from '../../queue/jobs';
import { assertNever, TypedJob } from '../../queue/typed-job';
import { AllocationInputError } from '../solver';
import { AllocationRunner } from '../allocation-runner.service';

/**
 * Runs in the worker role only. The solve happens in a worker thread, so this event loop keeps
 * renewing the job lock; a worker that dies (SIGKILL) stops renewing it, and after
 * `lockDuration` another worker's stalled-job check (every `stalledInterval`) moves the job back
 * to wait, where it is run again from the same snapshot and seed. Concurrency 1: a run is CPU
 * bound in its thread and runs of one event exclude each other anyway.
 */
@Processor(QueueName.Allocation, { concurrency: 1, lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 2 })
export class AllocationProcessor extends WorkerHost {
  private readonly logger = new Logger(AllocationProcessor.name);

  constructor(
    private readonly runner: AllocationRunner,
    private readonly relay: JobOutboxRelay,
    private readonly logContext: JobLogContext,
  ) {
    super();
  }

  process(job: TypedJob<JobName.RunAllocation>): Promise<void> {
    return this.logContext.run(job, () => this.run(job));
  }

  private async run(job: TypedJob<JobName.RunAllocation>): Promise<void> {
    switch (job.name) {
      case JobName.RunAllocation: {
        const { runId, requestId } = job.data;
        try {
          const outcome = await this.runner.execute(runId);
          this.logger.log({ jobId: job.id, runId, requestId, outcome, attempt: job.attemptsMade + 1 }, 'Allocation job done');
        } catch (error) {
          this.logger.error({ jobId: job.id, runId, requestId, err: error, attempt: job.attemptsMade + 1 }, 'Allocation job failed');
          if (error instanceof AllocationInputError) {
            await this.runner.fail(runId, error);
            throw new UnrecoverableError(error.message);
          }
          throw error;
        }
        return;
      }
      default:
        assertNever(job.name);
    }
  }

  /**
   * Every way a job can end for good (attempts used up, or stalled more than maxStalledCount
   * times, which BullMQ decides without calling `process`) marks the run failed, so the event
   * is free for a new run instead of showing "running" forever.
   */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<JobPayloads[JobName.RunAllocation]> | undefined, error: Error): Promise<void> {
    if (!job || job.name !== JobName.RunAllocation) return;
    try {
      if (await job.isFailed()) {
        await this.runner.fail(job.data.runId, error);
        await this.relay.settled(job.data.runId);
      }
    } catch (failure) {
      this.logger.error({ jobId: job.id, err: failure }, 'Could not mark the allocation run failed');
    }
  }

  /** The run's row in `job_outbox` is done with (best effort: the relay also finds finished jobs itself). */
  @OnWorkerEvent('completed')
  async onCompleted(job: Job<JobPayloads[JobName.RunAllocation]>): Promise<void> {
    await this.relay.settled(job.data.runId).catch((error: unknown) => this.logger.warn({ jobId: job.id, err: error }, 'Could not clear the job outbox row'));
  }

  /** E.g. Redis away: log it through our logger (BullMQ would print to the console); it reconnects. */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn({ err: error.message }, 'Allocation queue worker error');
  }
}
