import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Environment } from '../../config/environment';
import { JobLogContext } from '../../queue/job-log-context';
import { JobOutboxRelay } from '../../queue/job-outbox-relay.service';
import { JobName, QueueName } from '../../queue/jobs';
import { assertNever, TypedJob } from '../../queue/typed-job';
import { FeedbackRequestsService } from '../feedback-requests.service';

/** Runs in the worker role only: mails volunteers the feedback form after their interviews. */
@Processor(QueueName.Feedback)
export class FeedbackProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(FeedbackProcessor.name);

  constructor(
    private readonly requests: FeedbackRequestsService,
    private readonly env: Environment,
    private readonly relay: JobOutboxRelay,
    private readonly logContext: JobLogContext,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.env.WORKER_CONCURRENCY;
  }

  process(job: TypedJob<JobName.SendFeedbackRequest>): Promise<void> {
    return this.logContext.run(job, async () => {
      switch (job.name) {
        case JobName.SendFeedbackRequest: {
          const outcome = await this.requests.send(job.data.bookingId);
          this.logger.log({ bookingId: job.data.bookingId, outcome }, 'Feedback request job done');
          return;
        }
        default:
          assertNever(job.name);
      }
    });
  }

  /** The job's row in `job_outbox` is done with once the job has ended for good. */
  @OnWorkerEvent('completed')
  async onCompleted(job: Job): Promise<void> {
    await this.settle(job);
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined): Promise<void> {
    if (job && (await job.isFailed().catch(() => false))) await this.settle(job);
  }

  private async settle(job: Job): Promise<void> {
    if (job.id) await this.relay.settled(job.id).catch((error: unknown) => this.logger.warn({ jobId: job.id, err: error }, 'Could not clear the job outbox row'));
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn({ err: error.message }, 'Feedback queue worker error');
  }
}
