import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName } from '../queue/jobs';
import { InviteSettings } from './invite-settings';
import { NewMessage, OutboxRepository } from './outbox.repository';
import { RemindersRepository } from './reminders.repository';

const CHANGES_PER_PASS = 500;
const MESSAGES_PER_PASS = 1000;
/** A message enqueued this long ago and still pending is handed over again (lost with Redis). */
const REQUEUE_AFTER_SECONDS = 60;
const ENQUEUE_TIMEOUT_MS = 5_000;

/**
 * The outbox relay, in the worker role. Two loops that never wait on each other:
 * - materialise: `booking_changes` → `outbox_messages`, PostgreSQL only, so invites are
 *   written even while Redis is down;
 * - dispatch: due messages → the `invites` queue (job id = message id, so two relays or a
 *   repeated pass add each job once).
 * Every worker runs both; row locks with SKIP LOCKED share the work.
 */
@Injectable()
export class InviteRelayService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(InviteRelayService.name);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<number>>();
  private stopped = false;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly reminders: RemindersRepository,
    private readonly queue: JobQueueService,
    private readonly settings: InviteSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.loop('materialise', () => this.materialise());
    this.loop('dispatch', () => this.dispatch());
    this.loop('reminders', () => this.dispatchReminders());
  }

  /** Stops the loops and lets a pass in flight finish while the database and queues are still open. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.timers.forEach((timer) => clearTimeout(timer));
    await Promise.allSettled([...this.inFlight]);
  }

  /** Runs `pass` again at once while it finds work, else after the poll interval. */
  private loop(name: string, pass: () => Promise<number>): void {
    const run = async () => {
      if (this.stopped) return;
      let found = 0;
      const current = pass();
      this.inFlight.add(current);
      try {
        found = await current;
      } catch (error) {
        this.logger.warn({ err: error }, `Invite relay ${name} pass failed; retrying`);
      } finally {
        this.inFlight.delete(current);
      }
      if (!this.stopped) this.timers.set(name, setTimeout(run, found > 0 ? 0 : this.settings.relayIntervalMs));
    };
    this.timers.set(name, setTimeout(run, 0));
  }

  /** Turns pending booking changes into messages, in the transaction that marks them done. */
  async materialise(): Promise<number> {
    return this.outbox.transaction(async (tx) => {
      const changes = await this.outbox.claimChanges(tx, CHANGES_PER_PASS);
      const messages: NewMessage[] = [];
      for (const change of changes) {
        await this.reminders.reschedule(tx, change.bookingId);
        const sequence = await this.outbox.nextSequence(tx, change.bookingId);
        const base = { bookingId: change.bookingId, changeId: change.id, sequence };
        const method = change.change === 'cancelled' ? 'CANCEL' : 'REQUEST';
        const lastToStudent = await this.outbox.lastMessageTo(tx, change.bookingId, 'student');
        if (change.change !== 'confirmed' && lastToStudent?.method === 'CANCEL') continue; // already cancelled
        messages.push({ ...base, recipientRole: 'student', recipientId: change.studentId, method });
        const lastToVolunteer = await this.outbox.lastMessageTo(tx, change.bookingId, 'volunteer');
        const holder = lastToVolunteer?.method === 'REQUEST' ? lastToVolunteer.recipientId : undefined;
        if (method === 'CANCEL') {
          messages.push({ ...base, recipientRole: 'volunteer', recipientId: holder ?? change.volunteerId, method });
        } else {
          // A new interviewer: the old one's calendar drops it, the new one's gains it.
          if (holder && holder !== change.volunteerId) {
            messages.push({ ...base, recipientRole: 'volunteer', recipientId: holder, method: 'CANCEL' });
          }
          messages.push({ ...base, recipientRole: 'volunteer', recipientId: change.volunteerId, method });
        }
      }
      await this.outbox.insertMessages(tx, messages, this.settings.messageIdDomain);
      await this.outbox.markChangesProcessed(
        tx,
        changes.map((c) => c.id),
      );
      if (changes.length) this.logger.log({ changes: changes.length, messages: messages.length }, 'Invites written to the outbox');
      return changes.length;
    });
  }

  /** Hands due messages to the queue; only what Redis accepted is marked enqueued. */
  async dispatch(): Promise<number> {
    const ids = await this.outbox.findDue(MESSAGES_PER_PASS, REQUEUE_AFTER_SECONDS);
    if (ids.length === 0) return 0;
    await withTimeout(
      this.queue.enqueueMany(
        JobName.SendInvite,
        ids.map((id) => ({ payload: { messageId: id }, jobId: id })),
      ),
      ENQUEUE_TIMEOUT_MS,
    );
    await this.outbox.markEnqueued(ids);
    return ids.length;
  }

  async dispatchReminders(): Promise<number> {
    const due = await this.reminders.findUnqueued(MESSAGES_PER_PASS, REMINDER_REQUEUE_SECONDS);
    if (due.length === 0) return 0;
    const now = Date.now();
    await withTimeout(
      this.queue.enqueueMany(
        JobName.SendReminder,
        due.map((r) => ({ payload: { reminderId: r.id }, jobId: `reminder-${r.id}`, delay: Math.max(0, r.dueAt.getTime() - now) })),
      ),
      ENQUEUE_TIMEOUT_MS,
    );
    await this.reminders.markEnqueued(due.map((r) => r.id));
    return due.length;
  }
}

/** Reminders go to the queue as delayed jobs as soon as they exist; the job re-checks on firing. */
const REMINDER_REQUEUE_SECONDS = 600;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Queue did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
