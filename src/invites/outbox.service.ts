import { Injectable, Logger } from '@nestjs/common';
import { notFound } from '../common/errors/domain-error';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName } from '../queue/jobs';
import { OutboxMessageResponse } from './dto/outbox.dto';
import type { OutboxMessage, OutboxStatus } from './entities/outbox-message.entity';
import { InviteErrors } from './invites.errors';
import { OutboxRepository } from './outbox.repository';

const LIST_LIMIT = 500;

/** Staff's view of invite delivery: what failed, and a retry. */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly queue: JobQueueService,
  ) {}

  /** Issue 13: whether mails about these bookings are still to go (a deleted person's erasure waits for them). */
  anyUnsentFor(bookingIds: string[]): Promise<boolean> {
    return this.outbox.anyUnsentFor(bookingIds);
  }

  async list(status?: OutboxStatus): Promise<OutboxMessageResponse[]> {
    return (await this.outbox.list(status, LIST_LIMIT)).map(render);
  }

  /**
   * Puts a failed message back to `pending`; the relay hands it to the queue again. The old
   * failed job is dropped first (best effort) so its id is free: the reset wakes the relay
   * at once (NOTIFY at commit), and a job id still taken would make its hand-over a no-op.
   */
  async retry(id: string): Promise<OutboxMessageResponse> {
    const current = await this.outbox.findById(id);
    if (!current) throw notFound('Outbox message');
    if (current.status !== 'failed') throw InviteErrors.notFailed();
    try {
      await this.queue.discardFinished(JobName.SendInvite, id);
    } catch (error) {
      this.logger.warn({ err: error, outboxId: id }, 'Could not drop the failed job; the relay retries');
    }
    const reset = await this.outbox.resetFailed(id);
    if (!reset) throw InviteErrors.notFailed(); // retried by someone else meanwhile
    return render(reset);
  }
}

function render(m: OutboxMessage): OutboxMessageResponse {
  return {
    id: m.id,
    bookingId: m.bookingId,
    recipientRole: m.recipientRole,
    recipientId: m.recipientId,
    method: m.method,
    sequence: m.sequence,
    status: m.status,
    attempts: m.attempts,
    lastError: m.lastError,
    messageId: m.messageId,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
  };
}
