import { Processor } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Environment } from '../../config/environment';
import { JobLogContext } from '../../queue/job-log-context';
import { JobOutboxRelay } from '../../queue/job-outbox-relay.service';
import { OutboxJobsProcessor } from '../../queue/outbox-jobs-processor';
import { JobName, QueueName } from '../../queue/jobs';
import { assertNever, TypedJob } from '../../queue/typed-job';
import { FeedbackRequestsService } from '../feedback-requests.service';

/** Runs in the worker role only: mails volunteers the feedback form after their interviews. */
@Processor(QueueName.Feedback)
export class FeedbackProcessor extends OutboxJobsProcessor implements OnApplicationBootstrap {
  protected readonly logger = new Logger(FeedbackProcessor.name);

  constructor(
    private readonly requests: FeedbackRequestsService,
    private readonly env: Environment,
    relay: JobOutboxRelay,
    private readonly logContext: JobLogContext,
  ) {
    super(relay);
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
}
