import type { Job } from 'bullmq';
import type { JobName, JobPayloads } from './jobs';

/**
 * A BullMQ job whose name and data agree with the JobPayloads map. A processor names the jobs
 * of its own queue (`TypedJob<JobName.A | JobName.B>`), so its exhaustive switch stays exhaustive
 * when other queues gain jobs.
 */
export type TypedJob<N extends JobName = JobName> = { [J in N]: Job<JobPayloads[J], unknown, J> }[N];

export function assertNever(value: never): never {
  throw new Error(`Unhandled job: ${String(value)}`);
}
