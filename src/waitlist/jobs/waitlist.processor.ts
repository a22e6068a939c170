import { Processor } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError } from 'bullmq';
import { Environment } from '../../config/environment';
import { JobLogContext } from '../../queue/job-log-context';
import { JobOutboxRelay } from '../../queue/job-outbox-relay.service';
import { OutboxJobsProcessor } from '../../queue/outbox-jobs-processor';
import { JobName, QueueName } from '../../queue/jobs';
import { assertNever, TypedJob } from '../../queue/typed-job';
import { OfferDeliveryService } from '../offer-delivery.service';
import { OfferMatcherService } from '../offer-matcher.service';

type WaitlistJob = TypedJob<JobName.OfferFreedSlots | JobName.ExpireOffer | JobName.SendOfferMail>;

/** Runs in the worker role only: offers freed slots, moves expired offers on, mails offers. */
@Processor(QueueName.Waitlist, { lockDuration: 10_000, stalledInterval: 5_000 })
export class WaitlistProcessor extends OutboxJobsProcessor implements OnApplicationBootstrap {
  protected readonly logger = new Logger(WaitlistProcessor.name);

  constructor(
    private readonly matcher: OfferMatcherService,
    private readonly delivery: OfferDeliveryService,
    relay: JobOutboxRelay,
    private readonly env: Environment,
    private readonly logContext: JobLogContext,
  ) {
    super(relay);
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.env.WORKER_CONCURRENCY;
  }

  process(job: WaitlistJob, token?: string): Promise<void> {
    return this.logContext.run(job, () => this.run(job, token));
  }

  private async run(job: WaitlistJob, token?: string): Promise<void> {
    switch (job.name) {
      case JobName.OfferFreedSlots: {
        const outcome = await this.matcher.match(job.data.eventId);
        this.logger.log({ jobId: job.id, ...outcome }, 'Freed slots job done');
        return;
      }
      case JobName.ExpireOffer: {
        const result = await this.matcher.expire(job.data.offerId);
        if (result.outcome === 'not-due' && token) {
          // This clock ran ahead of PostgreSQL's: come back at the expiry, without using an attempt.
          await job.moveToDelayed(result.expiresAt.getTime() + 100, token);
          throw new DelayedError();
        }
        this.logger.log({ jobId: job.id, outcome: result.outcome }, 'Offer expiry job done');
        return;
      }
      case JobName.SendOfferMail: {
        const outcome = await this.delivery.deliver(job.data.offerId);
        this.logger.log({ jobId: job.id, outcome }, 'Offer mail job done');
        return;
      }
      default:
        assertNever(job);
    }
  }
}
