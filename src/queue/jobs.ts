import type { JobsOptions } from 'bullmq';

/** Every queue Fairgrid runs. One processor per queue, in the feature that owns it. */
export enum QueueName {
  Auth = 'auth',
  Invites = 'invites',
  Allocation = 'allocation',
  /** Issue 13: erasing deleted people once their cancellation mails are out. */
  People = 'people',
}

/** Every job, by the name BullMQ stores. */
export enum JobName {
  SendMagicLink = 'send-magic-link',
  SendInvite = 'send-invite',
  SendReminder = 'send-reminder',
  RunAllocation = 'run-allocation',
  ErasePerson = 'erase-person',
}

/** The payload each job carries: ids and keys only; handlers reload state. */
export interface JobPayloads {
  [JobName.SendMagicLink]: {
    /** The address a sign-in was asked for; the worker looks up whose it is. */
    email: string;
    requestId?: string;
  };
  [JobName.SendInvite]: {
    /** outbox_messages.id; also the job id, so the relay can hand a message over twice safely. */
    messageId: string;
  };
  [JobName.SendReminder]: {
    /** invite_reminders.id; also the job id. The handler re-checks the booking when it fires. */
    reminderId: string;
  };
  [JobName.RunAllocation]: {
    /** The allocation run; its id is also the job id, so a run is queued once. */
    runId: string;
    requestId?: string;
  };
  [JobName.ErasePerson]: {
    /** A deleted student or volunteer; the job id is `erase-<role>-<id>`. */
    role: 'student' | 'volunteer';
    id: string;
  };
}

export const QUEUE_OF_JOB: { [J in JobName]: QueueName } = {
  [JobName.SendMagicLink]: QueueName.Auth,
  [JobName.SendInvite]: QueueName.Invites,
  [JobName.SendReminder]: QueueName.Invites,
  [JobName.RunAllocation]: QueueName.Allocation,
  [JobName.ErasePerson]: QueueName.People,
};

const RETRIED: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export const DEFAULT_JOB_OPTIONS: { [J in JobName]: JobsOptions } = {
  [JobName.SendMagicLink]: RETRIED,
  // After the last attempt the outbox row turns `failed` for staff to see and retry.
  [JobName.SendInvite]: { ...RETRIED, attempts: 6, backoff: { type: 'exponential', delay: 1_000 } },
  [JobName.SendReminder]: RETRIED,
  // A run is deterministic and its handler idempotent, so a retry (or a stalled job picked up
  // again after its worker died) recomputes the same result.
  [JobName.RunAllocation]: { ...RETRIED, attempts: 3 },
  // Waits for the person's cancellation mails by failing while any is unsent: 1 s, 2 s, 4 s, …
  // about 34 minutes in all (the mails' own retries take about one); the last try erases anyway.
  [JobName.ErasePerson]: { ...RETRIED, attempts: 12, backoff: { type: 'exponential', delay: 1_000 } },
};
