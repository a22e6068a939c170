import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, UnrecoverableError } from 'bullmq';
import { Environment } from '../../config/environment';
import { JobLogContext } from '../../queue/job-log-context';
import { JobName, QueueName } from '../../queue/jobs';
import { assertNever, TypedJob } from '../../queue/typed-job';
import { InviteDeliveryService } from '../invite-delivery.service';
import { ReminderDeliveryService } from '../reminder-delivery.service';

/** Until an earlier message to the same party is sent, a later one waits this long. */
const WAIT_FOR_EARLIER_MS = 1_000;

/**
 * Runs in the worker role only: sends invite e-mails from the outbox. A send takes well under
 * a second, so a short lock lets another worker pick up the job of a worker that died within
 * seconds instead of BullMQ's default 30.
 */
@Processor(QueueName.Invites, { lockDuration: 10_000, stalledInterval: 5_000 })
export class InvitesProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(InvitesProcessor.name);

  constructor(
    private readonly delivery: InviteDeliveryService,
    private readonly reminders: ReminderDeliveryService,
    private readonly env: Environment,
    private readonly logContext: JobLogContext,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.env.WORKER_CONCURRENCY;
  }

  process(job: TypedJob<JobName.SendInvite | JobName.SendReminder>, token?: string): Promise<void> {
    return this.logContext.run(job, () => this.run(job, token));
  }

  private async run(job: TypedJob<JobName.SendInvite | JobName.SendReminder>, token?: string): Promise<void> {
    switch (job.name) {
      case JobName.SendInvite:
        return this.sendInvite(job, token);
      case JobName.SendReminder: {
        const outcome = await this.reminders.deliver(job.data.reminderId);
        this.logger.log({ jobId: job.id, outcome }, 'Reminder job done');
        return;
      }
      default:
        assertNever(job);
    }
  }

  private async sendInvite(job: TypedJob<JobName.SendInvite>, token?: string): Promise<void> {
    const { messageId } = job.data;
    let outcome;
    try {
      outcome = await this.delivery.deliver(messageId);
    } catch (error) {
      const permanent = isPermanentSmtpError(error);
      const final = permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.delivery.recordFailure(messageId, error, final);
      this.logger.warn({ jobId: job.id, err: error, final }, 'Invite not sent');
      throw permanent ? new UnrecoverableError(error instanceof Error ? error.message : String(error)) : error;
    }
    if (outcome === 'waiting' && token) {
      // Keeps request → update → cancel in order without using up an attempt.
      await job.moveToDelayed(Date.now() + WAIT_FOR_EARLIER_MS, token);
      throw new DelayedError();
    }
    this.logger.log({ jobId: job.id, outcome }, 'Invite job done');
  }

  /** E.g. Redis away: log it through our logger (BullMQ would print to the console); it reconnects. */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn({ err: error.message }, 'Invites queue worker error');
  }
}

/** 5xx replies (RFC 5321 §4.2.1) will not change on retry: no such mailbox, policy refusal. */
function isPermanentSmtpError(error: unknown): boolean {
  const code = (error as { responseCode?: number } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
