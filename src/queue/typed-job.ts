import type { Job } from 'bullmq';
import type { JobName, JobPayloads } from './jobs';

/** A BullMQ job whose name and data agree with the JobPayloads map. */
export type TypedJob = { [J in JobName]: Job<JobPayloads[J], unknown, J> }[JobName];

export function assertNever(value: never): never {
  throw new Error(`Unhandled job: ${String(value)}`);
}
