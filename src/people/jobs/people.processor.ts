import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobLogContext } from '../../queue/job-log-context';
import { JobOutboxRelay } from '../../queue/job-outbox-relay.service';
import { DEFAULT_JOB_OPTIONS, JobName, QueueName } from '../../queue/jobs';
import { assertNever, TypedJob } from '../../queue/typed-job';
import { PeopleDeletionService } from '../people-deletion.service';

/** Worker role only: erases deleted people once their cancellation mails are out. */
@Processor(QueueName.People)
export class PeopleProcessor extends WorkerHost {
  private readonly logger = new Logger(PeopleProcessor.name);

  constructor(
    private readonly deletions: PeopleDeletionService,
    private readonly relay: JobOutboxRelay,
    private readonly logContext: JobLogContext,
  ) {
    super();
  }

  process(job: TypedJob<JobName.ErasePerson>): Promise<void> {
    return this.logContext.run(job, async () => {
      switch (job.name) {
        case JobName.ErasePerson: {
          const attempts = job.opts.attempts ?? DEFAULT_JOB_OPTIONS[JobName.ErasePerson].attempts ?? 1;
          await this.deletions.erase(job.data, job.attemptsMade + 1 >= attempts);
          return;
        }
        default:
          assertNever(job.name);
      }
    });
  }

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
    this.logger.warn({ err: error.message }, 'People queue worker error');
  }
}
