import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { JobLogContext } from '../../queue/job-log-context';
import { JobOutboxRelay } from '../../queue/job-outbox-relay.service';
import { OutboxJobsProcessor } from '../../queue/outbox-jobs-processor';
import { DEFAULT_JOB_OPTIONS, JobName, QueueName } from '../../queue/jobs';
import { assertNever, TypedJob } from '../../queue/typed-job';
import { PeopleDeletionService } from '../people-deletion.service';

/** Worker role only: erases deleted people once their cancellation mails are out. */
@Processor(QueueName.People)
export class PeopleProcessor extends OutboxJobsProcessor {
  protected readonly logger = new Logger(PeopleProcessor.name);

  constructor(
    private readonly deletions: PeopleDeletionService,
    relay: JobOutboxRelay,
    private readonly logContext: JobLogContext,
  ) {
    super(relay);
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
}
