import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Database } from '../database/database';
import { JobQueueService, withTimeout } from '../queue/job-queue.service';

const SCRAPE_TIMEOUT_MS = 1_000;
const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;

/**
 * Declared read model: a scrape counts rows of `outbox_messages` (by status) and `job_outbox`
 * (not yet handed to Redis), nothing else.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'fairgrid_http_requests_total',
    help: 'HTTP requests answered, by route template, status and error code',
    labelNames: ['method', 'route', 'status', 'code'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'fairgrid_http_request_duration_seconds',
    help: 'Time from the request arriving to the response being sent',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly bookings = new Counter({
    name: 'fairgrid_booking_attempts_total',
    help: 'POST /api/bookings by outcome: confirmed, or the error code (SLOT_TAKEN, BOOKING_LIMIT, …)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor(
    private readonly queues: JobQueueService,
    private readonly db: Database,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'fairgrid_' });
    const self = this;
    new Gauge({
      name: 'fairgrid_queue_jobs',
      help: 'Jobs in each queue by state (read from Redis at scrape time; absent while Redis does not answer)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const queue of self.queues.all()) {
          const counts = await withTimeout(queue.getJobCounts(...JOB_STATES), SCRAPE_TIMEOUT_MS).catch(() => undefined);
          for (const [state, n] of Object.entries(counts ?? {})) this.set({ queue: queue.name, state }, n);
        }
      },
    });
    new Gauge({
      name: 'fairgrid_outbox_messages',
      help: 'Invite e-mails not sent yet (pending, sending) or given up (failed)',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows = await self.db
          .query<{ status: string; n: number }[]>(`SELECT status, count(*)::int AS n FROM outbox_messages WHERE status <> 'sent' GROUP BY status`)
          .catch(() => []);
        for (const status of ['pending', 'sending', 'failed']) this.set({ status }, rows.find((r) => r.status === status)?.n ?? 0);
      },
    });
    new Gauge({
      name: 'fairgrid_job_outbox_backlog',
      help: 'Jobs requests asked for (sign-in mails, allocation runs) not yet handed to Redis',
      registers: [this.registry],
      async collect() {
        const rows = await self.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM job_outbox WHERE enqueued_at IS NULL`).catch(() => []);
        this.set(rows[0]?.n ?? 0);
      },
    });
  }

  /** One answered request; `route` is the route template (`/api/events/:id`), never the raw path. */
  observe(method: string, route: string, status: number, code: string | undefined, seconds: number): void {
    this.requests.inc({ method, route, status: String(status), code: code ?? '' });
    this.latency.observe({ method, route }, seconds);
    if (method === 'POST' && route === '/api/bookings') this.bookings.inc({ outcome: status < 300 ? 'confirmed' : (code ?? String(status)) });
  }
}
