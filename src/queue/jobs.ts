import { randomUUID } from 'node:crypto';
import type { JobsOptions } from 'bullmq';

/** Every queue Fairgrid runs. One processor per queue, in the feature that owns it. */
export enum QueueName {
  Auth = 'auth',
  Invites = 'invites',
  Allocation = 'allocation',
  // Issue 12: offers of freed slots to waiting students (src/waitlist).
  Waitlist = 'waitlist',
  // Issue 12: mails asking volunteers for feedback after an interview.
  Feedback = 'feedback',
  /** Issue 13: erasing deleted people once their cancellation mails are out. */
  People = 'people',
}

/** Every job, by the name BullMQ stores. */
export enum JobName {
  SendMagicLink = 'send-magic-link',
  SendInvite = 'send-invite',
  SendReminder = 'send-reminder',
  RunAllocation = 'run-allocation',
  // Issue 12, waitlists with offers.
  OfferFreedSlots = 'offer-freed-slots',
  ExpireOffer = 'expire-offer',
  SendOfferMail = 'send-offer-mail',
  SendFeedbackRequest = 'send-feedback-request',
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
  // Issue 12, waitlists with offers.
  [JobName.OfferFreedSlots]: {
    /**
     * Slots of this event may have become free, or students' room to book grown (a cancellation,
     * a move, new availability, a withdrawal, an answered offer): the worker offers what fits to
     * the waiting students in line order. Idempotent: it works from the state it finds.
     */
    eventId: string;
    requestId?: string;
  };
  [JobName.ExpireOffer]: {
    /** waitlist_offers.id; delayed until the offer's expiry. A periodic sweep catches up if it is lost. */
    offerId: string;
  };
  [JobName.SendOfferMail]: {
    /** waitlist_offers.id; the mail with the accept and decline links. */
    offerId: string;
  };
  [JobName.SendFeedbackRequest]: {
    /** The interview; the handler re-reads it (ended? still confirmed? mail already sent?). */
    bookingId: string;
  };
  [JobName.ErasePerson]: {
    /** A deleted student or volunteer; the job id is `erase-<role>-<id>`. */
    role: 'student' | 'volunteer';
    id: string;
  };
}

/** A job id of its own per freed-slots notice: each change asks for one more look. */
export const offerFreedSlotsJobId = (eventId: string) => `offer-freed-slots-${eventId}-${randomUUID()}`;

export const QUEUE_OF_JOB: { [J in JobName]: QueueName } = {
  [JobName.SendMagicLink]: QueueName.Auth,
  [JobName.SendInvite]: QueueName.Invites,
  [JobName.SendReminder]: QueueName.Invites,
  [JobName.RunAllocation]: QueueName.Allocation,
  [JobName.OfferFreedSlots]: QueueName.Waitlist,
  [JobName.ExpireOffer]: QueueName.Waitlist,
  [JobName.SendOfferMail]: QueueName.Waitlist,
  [JobName.SendFeedbackRequest]: QueueName.Feedback,
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
  [JobName.OfferFreedSlots]: RETRIED,
  [JobName.ExpireOffer]: RETRIED,
  [JobName.SendOfferMail]: RETRIED,
  [JobName.SendFeedbackRequest]: RETRIED,
  // Waits for the person's cancellation mails by failing while any is unsent: 1 s, 2 s, 4 s, …
  // about 34 minutes in all (the mails' own retries take about one); the last try erases anyway.
  [JobName.ErasePerson]: { ...RETRIED, attempts: 12, backoff: { type: 'exponential', delay: 1_000 } },
};
