import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import type { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobOutboxRelay } from './job-outbox-relay.service';

/**
 * What every processor of jobs that come through the job outbox does around them: a job's
 * outbox row goes once the job has ended for good (best effort: the relay finds finished jobs
 * by itself too), and worker errors (Redis away) are logged through our logger, where BullMQ
 * would print them to the console; the worker reconnects by itself. Subclasses implement
 * `process`.
 */
export abstract class OutboxJobsProcessor extends WorkerHost {
  protected abstract readonly logger: Logger;

  constructor(protected readonly relay: JobOutboxRelay) {
    super();
  }

  @OnWorkerEvent('completed')
  async onCompleted(job: Job): Promise<void> {
    await this.settle(job);
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined): Promise<void> {
    if (job && (await job.isFailed().catch(() => false))) await this.settle(job);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn({ err: error.message }, 'Queue worker error');
  }

  private async settle(job: Job): Promise<void> {
    if (job.id) await this.relay.settled(job.id).catch((error: unknown) => this.logger.warn({ jobId: job.id, err: error }, 'Could not clear the job outbox row'));
  }
}
