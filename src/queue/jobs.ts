import type { JobsOptions } from 'bullmq';

/** Every queue Fairgrid runs. One processor per queue, in the feature that owns it. */
export enum QueueName {
  Auth = 'auth',
}

/** Every job, by the name BullMQ stores. */
export enum JobName {
  SendMagicLink = 'send-magic-link',
}

/** The payload each job carries: ids and keys only; handlers reload state. */
export interface JobPayloads {
  [JobName.SendMagicLink]: {
    /** The address a sign-in was asked for; the worker looks up whose it is. */
    email: string;
    requestId?: string;
  };
}

export const QUEUE_OF_JOB: { [J in JobName]: QueueName } = {
  [JobName.SendMagicLink]: QueueName.Auth,
};

const RETRIED: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export const DEFAULT_JOB_OPTIONS: { [J in JobName]: JobsOptions } = {
  [JobName.SendMagicLink]: RETRIED,
};
