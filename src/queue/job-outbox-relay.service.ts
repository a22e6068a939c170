import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Database } from '../database/database';
import { Environment } from '../config/environment';
import { PgListener } from '../database/pg-listener';
import { JobQueueService, withTimeout } from './job-queue.service';
import { JobName } from './jobs';
import { RelayLoop } from './relay-loop';

const ROWS_PER_PASS = 500;
const ENQUEUE_TIMEOUT_MS = 5_000;
/** Work asked for (or due, for a delayed job) this long ago and still not done is dropped: the person has long asked again. */
const GIVE_UP_AFTER = '1 hour';
/** The channel of the JobOutbox migration's trigger. */
const CHANNEL = 'job_outbox';

interface Row {
  jobId: string;
  name: JobName;
  payload: Record<string, unknown>;
  /** A delayed job's time to run. */
  runAt: Date | null;
}

/**
 * Worker side of `JobQueueService.enqueueDurably`: hands `job_outbox` rows to their queues
 * (woken by NOTIFY, polling as a fallback) and keeps each row until its job has finished, so
 * a job that Redis lost (a restart without persistence) is handed over again after
 * QUEUE_RECOVERY_SECONDS. Several workers may run it: job ids make a repeated hand-over a no-op.
 */
@Injectable()
export class JobOutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobOutboxRelay.name);
  private readonly loop: RelayLoop;
  private readonly listener: PgListener;

  constructor(
    private readonly db: Database,
    private readonly queue: JobQueueService,
    private readonly env: Environment,
  ) {
    this.loop = new RelayLoop(() => this.pass(), env.INVITE_RELAY_INTERVAL_MS, {
      failed: (error) => this.logger.warn({ err: error }, 'Job outbox relay pass failed; retrying'),
    });
    this.listener = new PgListener(
      db.listenerConfig('fairgrid-job-relay'),
      [CHANNEL],
      { notified: () => this.loop.kick(), listening: () => this.loop.kick() },
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.loop.start();
    this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([this.listener.stop(), this.loop.stop()]);
  }

  /** One pass: new rows to the queue, then a look at rows handed over a while ago. */
  async pass(): Promise<number> {
    const fresh: Row[] = await this.db.query(
      `SELECT job_id AS "jobId", name, payload, run_at AS "runAt" FROM job_outbox WHERE enqueued_at IS NULL ORDER BY created_at LIMIT $1`,
      [ROWS_PER_PASS],
    );
    await this.handOver(fresh);
    await this.recover();
    return fresh.length;
  }

  /** A finished job's row goes; the relay is told by the processors (and checks for itself in `recover`). */
  async settled(jobId: string): Promise<void> {
    await this.db.query(`DELETE FROM job_outbox WHERE job_id = $1`, [jobId]);
  }

  private async handOver(rows: Row[]): Promise<void> {
    if (!rows.length) return;
    const byName = new Map<JobName, Row[]>();
    for (const row of rows) byName.set(row.name, [...(byName.get(row.name) ?? []), row]);
    for (const [name, group] of byName) {
      await withTimeout(
        this.queue.enqueueMany(
          name,
          group.map((row) => ({ payload: row.payload as never, jobId: row.jobId, delay: row.runAt ? Math.max(0, row.runAt.getTime() - Date.now()) : undefined })),
        ),
        ENQUEUE_TIMEOUT_MS,
      );
    }
    await this.db.query(`UPDATE job_outbox SET enqueued_at = now() WHERE job_id = ANY($1::varchar[])`, [rows.map((r) => r.jobId)]);
  }

  /**
   * Rows handed over more than QUEUE_RECOVERY_SECONDS ago: a finished job's row is dropped, a
   * job Redis does not know is handed over again, one still waiting or running is left alone.
   */
  private async recover(): Promise<void> {
    await this.db.query(`DELETE FROM job_outbox WHERE COALESCE(run_at, created_at) < now() - interval '${GIVE_UP_AFTER}'`);
    const stale: Row[] = await this.db.query(
      `SELECT job_id AS "jobId", name, payload, run_at AS "runAt" FROM job_outbox
        WHERE enqueued_at < now() - make_interval(secs => $1) ORDER BY enqueued_at LIMIT $2`,
      [this.env.QUEUE_RECOVERY_SECONDS, ROWS_PER_PASS],
    );
    const lost: Row[] = [];
    const alive: string[] = [];
    for (const row of stale) {
      const state = await withTimeout(this.queue.stateOf(row.name, row.jobId), ENQUEUE_TIMEOUT_MS);
      if (state === 'finished') await this.settled(row.jobId);
      else if (state === 'missing') lost.push(row);
      else alive.push(row.jobId);
    }
    if (alive.length) await this.db.query(`UPDATE job_outbox SET enqueued_at = now() WHERE job_id = ANY($1::varchar[])`, [alive]);
    if (lost.length) {
      this.logger.warn({ jobs: lost.map((r) => r.jobId) }, 'Jobs missing from Redis handed over again');
      await this.handOver(lost);
    }
  }
}
