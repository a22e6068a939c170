import { Processor } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Environment } from '../../config/environment';
import { JobLogContext } from '../../queue/job-log-context';
import { JobOutboxRelay } from '../../queue/job-outbox-relay.service';
import { OutboxJobsProcessor } from '../../queue/outbox-jobs-processor';
import { JobName, QueueName } from '../../queue/jobs';
import { assertNever, TypedJob } from '../../queue/typed-job';
import { MagicLinkService } from '../magic-link.service';

/** Runs in the worker role only: sends sign-in e-mails. */
@Processor(QueueName.Auth)
export class AuthProcessor extends OutboxJobsProcessor implements OnApplicationBootstrap {
  protected readonly logger = new Logger(AuthProcessor.name);

  constructor(
    private readonly magicLinks: MagicLinkService,
    private readonly env: Environment,
    relay: JobOutboxRelay,
    private readonly logContext: JobLogContext,
  ) {
    super(relay);
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.env.WORKER_CONCURRENCY;
  }

  /** Logs inside carry the job id and the id of the request that asked for the mail. */
  process(job: TypedJob<JobName.SendMagicLink>): Promise<void> {
    return this.logContext.run(job, async () => {
      switch (job.name) {
        case JobName.SendMagicLink:
          await this.magicLinks.send(job.data.email);
          this.logger.log('Sign-in e-mail job done');
          return;
        default:
          assertNever(job.name);
      }
    });
  }
}
