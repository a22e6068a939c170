import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Environment } from '../../config/environment';
import { JobLogContext } from '../../queue/job-log-context';
import { JobOutboxRelay } from '../../queue/job-outbox-relay.service';
import { JobName, QueueName } from '../../queue/jobs';
import { assertNever, TypedJob } from '../../queue/typed-job';
import { MagicLinkService } from '../magic-link.service';

/** Runs in the worker role only: sends sign-in e-mails. */
@Processor(QueueName.Auth)
export class AuthProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthProcessor.name);

  constructor(
    private readonly magicLinks: MagicLinkService,
    private readonly env: Environment,
    private readonly relay: JobOutboxRelay,
    private readonly logContext: JobLogContext,
  ) {
    super();
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

  /** The request's row in `job_outbox` is done with once its job has ended for good. */
  @OnWorkerEvent('completed')
  async onCompleted(job: Job): Promise<void> {
    await this.settle(job);
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined): Promise<void> {
    if (job && (await job.isFailed().catch(() => false))) await this.settle(job);
  }

  private async settle(job: Job): Promise<void> {
    // Best effort: the relay finds finished jobs by itself too.
    if (job.id) await this.relay.settled(job.id).catch((error: unknown) => this.logger.warn({ jobId: job.id, err: error }, 'Could not clear the job outbox row'));
  }

  /** E.g. Redis away: log it through our logger (BullMQ would print to the console); it reconnects. */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn({ err: error.message }, 'Auth queue worker error');
  }
}
