import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';

/**
 * Runs a job's work in a logging context of its own, as pino-http does for a request: every
 * line logged meanwhile, by any service, carries the job id and, when a request caused the
 * job, that request's id, so one id finds both the request and the work it started.
 */
@Injectable()
export class JobLogContext {
  constructor(private readonly pino: PinoLogger) {}

  run<T>(job: Job, work: () => Promise<T>): Promise<T> {
    const requestId = (job.data as { requestId?: unknown } | undefined)?.requestId;
    return this.pino.runInContext(work, {
      bindings: { jobId: job.id, queue: job.queueName, ...(typeof requestId === 'string' ? { requestId } : {}) },
    });
  }
}
