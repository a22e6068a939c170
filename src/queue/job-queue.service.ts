import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, JobName, JobPayloads, QUEUE_OF_JOB, QueueName } from './jobs';

/** The only way features enqueue work: typed payloads, the right queue, default options. */
@Injectable()
export class JobQueueService {
  private readonly logger = new Logger(JobQueueService.name);
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QueueName.Auth) auth: Queue,
    @InjectQueue(QueueName.Allocation) allocation: Queue,
    @InjectQueue(QueueName.Invites) invites: Queue,
  ) {
    this.queues = { [QueueName.Auth]: auth, [QueueName.Allocation]: allocation, [QueueName.Invites]: invites };
    // Without a listener BullMQ prints connection errors (Redis away) to the console.
    for (const queue of this.all()) {
      queue.on('error', (error) => this.logger.warn({ queue: queue.name, err: error.message }, 'Queue connection error'));
    }
  }

  async enqueue<J extends JobName>(name: J, payload: JobPayloads[J], options: JobsOptions = {}): Promise<void> {
    const queue = this.queues[QUEUE_OF_JOB[name]];
    await queue.add(name, payload, { ...DEFAULT_JOB_OPTIONS[name], ...options });
  }

  /** Many jobs of one name in one round trip; an existing job id is left as it is. */
  async enqueueMany<J extends JobName>(name: J, jobs: { payload: JobPayloads[J]; jobId: string; delay?: number }[]): Promise<void> {
    const queue = this.queues[QUEUE_OF_JOB[name]];
    await queue.addBulk(
      jobs.map((job) => ({ name, data: job.payload, opts: { ...DEFAULT_JOB_OPTIONS[name], jobId: job.jobId, delay: job.delay } })),
    );
  }

  /** Drops a finished (completed or failed) job so its id can be queued afresh. */
  async discardFinished(name: JobName, jobId: string): Promise<void> {
    const job = await this.queues[QUEUE_OF_JOB[name]].getJob(jobId);
    if (job && ((await job.isFailed()) || (await job.isCompleted()))) await job.remove();
  }

  /** For health checks and tests: every queue this process talks to. */
  all(): Queue[] {
    return Object.values(this.queues);
  }
}
