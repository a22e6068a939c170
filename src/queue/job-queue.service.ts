import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, JobName, JobPayloads, QUEUE_OF_JOB, QueueName } from './jobs';

/** The only way features enqueue work: typed payloads, the right queue, default options. */
@Injectable()
export class JobQueueService {
  private readonly queues: Record<QueueName, Queue>;

  constructor(@InjectQueue(QueueName.Auth) auth: Queue) {
    this.queues = { [QueueName.Auth]: auth };
  }

  async enqueue<J extends JobName>(name: J, payload: JobPayloads[J], options: JobsOptions = {}): Promise<void> {
    const queue = this.queues[QUEUE_OF_JOB[name]];
    await queue.add(name, payload, { ...DEFAULT_JOB_OPTIONS[name], ...options });
  }

  /** For health checks and tests: every queue this process talks to. */
  all(): Queue[] {
    return Object.values(this.queues);
  }
}
