import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import type { EntityManager } from 'typeorm';
import { Database } from '../database/database';
import { DEFAULT_JOB_OPTIONS, JobName, JobPayloads, QUEUE_OF_JOB, QueueName } from './jobs';

/** A call that waits on Redis from a request never waits longer than this. */
const REQUEST_SIDE_TIMEOUT_MS = 1_000;

/** The only way features enqueue work: typed payloads, the right queue, default options. */
@Injectable()
export class JobQueueService {
  private readonly logger = new Logger(JobQueueService.name);
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QueueName.Auth) auth: Queue,
    @InjectQueue(QueueName.Allocation) allocation: Queue,
    @InjectQueue(QueueName.Invites) invites: Queue,
    @InjectQueue(QueueName.Waitlist) waitlist: Queue,
    @InjectQueue(QueueName.Feedback) feedback: Queue,
    @InjectQueue(QueueName.People) people: Queue,
    private readonly db: Database,
  ) {
    this.queues = {
      [QueueName.Auth]: auth,
      [QueueName.Allocation]: allocation,
      [QueueName.Invites]: invites,
      [QueueName.Waitlist]: waitlist,
      [QueueName.Feedback]: feedback,
      [QueueName.People]: people,
    };
    // Without a listener BullMQ prints connection errors (Redis away) to the console.
    for (const queue of this.all()) {
      queue.on('error', (error) => this.logger.warn({ queue: queue.name, err: error.message }, 'Queue connection error'));
    }
  }

  /**
   * For requests: writes the job to PostgreSQL (`job_outbox`), in the caller's transaction if
   * it passes one, and returns without touching Redis; the worker's relay hands it to the
   * queue as soon as it can. A second call with the same job id adds nothing. With `runAt` the
   * job is handed over as a delayed job that runs then.
   */
  async enqueueDurably<J extends JobName>(name: J, payload: JobPayloads[J], jobId: string, tx?: EntityManager, runAt?: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO job_outbox (job_id, name, payload, run_at) VALUES ($1, $2, $3, $4) ON CONFLICT (job_id) DO NOTHING`,
      [jobId, name, JSON.stringify(payload), runAt ?? null],
      tx,
    );
  }

  /**
   * Straight to Redis, for the worker side (relays, jobs that queue jobs): while Redis is away
   * this waits for it, as ioredis buffers the command.
   */
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

  /**
   * Drops a finished (completed or failed) job so its id can be queued afresh. Called from
   * requests: gives up after a second when Redis does not answer.
   */
  async discardFinished(name: JobName, jobId: string): Promise<void> {
    await withTimeout(
      (async () => {
        const job = await this.queues[QUEUE_OF_JOB[name]].getJob(jobId);
        if (job && ((await job.isFailed()) || (await job.isCompleted()))) await job.remove();
      })(),
      REQUEST_SIDE_TIMEOUT_MS,
    );
  }

  /** Where a job is in its queue: `missing` when Redis does not know it (never added, trimmed or lost). */
  async stateOf(name: JobName, jobId: string): Promise<'missing' | 'finished' | 'pending'> {
    const job = await this.queues[QUEUE_OF_JOB[name]].getJob(jobId);
    if (!job) return 'missing';
    const state = await job.getState();
    return state === 'completed' || state === 'failed' ? 'finished' : state === 'unknown' ? 'missing' : 'pending';
  }

  /** For health checks and tests: every queue this process talks to. */
  all(): Queue[] {
    return Object.values(this.queues);
  }
}

export function withTimeout<T>(work: Promise<T>, ms: number, what = 'Redis'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
