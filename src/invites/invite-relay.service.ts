import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { BOOKING_CHANGES_CHANNEL, BookingChangeLog } from '../bookings/booking-change-log';
import { Database } from '../database/database';
import { PgListener } from '../database/pg-listener';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName } from '../queue/jobs';
import { InviteSettings } from './invite-settings';
import { NewMessage, OutboxRepository } from './outbox.repository';
import { RelayLoop } from '../queue/relay-loop';
import { RemindersRepository } from './reminders.repository';

const CHANGES_PER_PASS = 500;
const MESSAGES_PER_PASS = 1000;
const ENQUEUE_TIMEOUT_MS = 5_000;
/**
 * The channel the InviteRelayKick migration's triggers notify (new reminders, staff's retries);
 * the payload is the table. Booking changes come on bookings' own channel (BookingChangeLog).
 */
const KICK_CHANNEL = 'invite_relay';

type LoopName = 'materialise' | 'dispatch' | 'reminders';
const LOOP_OF_TABLE: Partial<Record<string, LoopName>> = {
  booking_changes: 'materialise',
  outbox_messages: 'dispatch',
  invite_reminders: 'reminders',
};

/**
 * The outbox relay, in the worker role. Three loops that never wait on each other:
 * - materialise: `booking_changes` → `outbox_messages`, PostgreSQL only, so invites are
 *   written even while Redis is down;
 * - dispatch: due messages → the `invites` queue (job id = message id, so two relays or a
 *   repeated pass add each job once);
 * - reminders: reminders → delayed jobs.
 * Every worker runs them all; row locks with SKIP LOCKED share the work. A NOTIFY from the
 * tables' triggers runs the matching loop at once; polling (INVITE_RELAY_INTERVAL_MS) only
 * covers what a notification cannot: a lost listener connection, a message waiting for an
 * earlier one, a job Redis lost.
 */
@Injectable()
export class InviteRelayService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(InviteRelayService.name);
  private readonly loops: Record<LoopName, RelayLoop>;
  private readonly listener: PgListener;

  constructor(
    private readonly db: Database,
    private readonly changeLog: BookingChangeLog,
    private readonly outbox: OutboxRepository,
    private readonly reminders: RemindersRepository,
    private readonly queue: JobQueueService,
    private readonly settings: InviteSettings,
  ) {
    const loop = (name: LoopName, pass: () => Promise<number>, found?: () => void) =>
      new RelayLoop(pass, settings.relayIntervalMs, {
        failed: (error) => this.logger.warn({ err: error }, `Invite relay ${name} pass failed; retrying`),
        found,
      });
    this.loops = {
      // New messages are due at once: hand them to the queue in this process, no round trip.
      materialise: loop('materialise', () => this.materialise(), () => this.loops.dispatch.kick()),
      dispatch: loop('dispatch', () => this.dispatch()),
      reminders: loop('reminders', () => this.dispatchReminders()),
    };
    this.listener = new PgListener(
      db.listenerConfig('fairgrid-invite-relay'),
      [KICK_CHANNEL, BOOKING_CHANGES_CHANNEL],
      {
        // Bookings announce their change log on a channel of their own; the triggers name a table
        // (an unknown payload wakes every loop).
        notified: (payload, channel) => this.kick(channel === BOOKING_CHANGES_CHANNEL ? 'materialise' : LOOP_OF_TABLE[payload]),
        // Whatever was notified while not listening is picked up by one pass of each loop.
        listening: () => this.kick(),
      },
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    Object.values(this.loops).forEach((loop) => loop.start());
    this.listener.start();
  }

  /** Stops listening and the loops, and lets a pass in flight finish while the database and queues are still open. */
  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([this.listener.stop(), ...Object.values(this.loops).map((loop) => loop.stop())]);
  }

  /** Runs a loop's pass now (all loops when none is named), or once more after the one in flight. */
  kick(name?: LoopName): void {
    if (name) this.loops[name].kick();
    else Object.values(this.loops).forEach((loop) => loop.kick());
  }

  /**
   * Turns pending booking changes (bookings' change log) into messages, in the transaction that
   * marks them processed.
   */
  async materialise(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const changes = await this.changeLog.claimBatch(tx, CHANGES_PER_PASS);
      const messages: NewMessage[] = [];
      for (const { id: changeId, change, booking } of changes) {
        await this.reminders.reschedule(tx, booking);
        const sequence = await this.outbox.nextSequence(tx, booking.id);
        const base = { bookingId: booking.id, changeId, sequence };
        const method = change === 'cancelled' ? 'CANCEL' : 'REQUEST';
        const lastToStudent = await this.outbox.lastMessageTo(tx, booking.id, 'student');
        if (change !== 'confirmed' && lastToStudent?.method === 'CANCEL') continue; // already cancelled
        messages.push({ ...base, recipientRole: 'student', recipientId: booking.studentId, method });
        const lastToVolunteer = await this.outbox.lastMessageTo(tx, booking.id, 'volunteer');
        const holder = lastToVolunteer?.method === 'REQUEST' ? lastToVolunteer.recipientId : undefined;
        if (method === 'CANCEL') {
          messages.push({ ...base, recipientRole: 'volunteer', recipientId: holder ?? booking.volunteerId, method });
        } else {
          // A new interviewer: the old one's calendar drops it, the new one's gains it.
          if (holder && holder !== booking.volunteerId) {
            messages.push({ ...base, recipientRole: 'volunteer', recipientId: holder, method: 'CANCEL' });
          }
          messages.push({ ...base, recipientRole: 'volunteer', recipientId: booking.volunteerId, method });
        }
      }
      await this.outbox.insertMessages(tx, messages, this.settings.messageIdDomain);
      await this.changeLog.markProcessed(
        tx,
        changes.map((c) => c.id),
      );
      if (changes.length) this.logger.log({ changes: changes.length, messages: messages.length }, 'Invites written to the outbox');
      return changes.length;
    });
  }

  /** Hands due messages to the queue; only what Redis accepted is marked enqueued. */
  async dispatch(): Promise<number> {
    const ids = await this.outbox.findDue(MESSAGES_PER_PASS, this.settings.requeueAfterSeconds);
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
    const due = await this.reminders.findUnqueued(MESSAGES_PER_PASS, this.settings.requeueAfterSeconds, REMINDER_LOOKAHEAD_SECONDS);
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

/**
 * Reminders go to the queue as delayed jobs as soon as they exist; the job re-checks on firing.
 * One due within this window, handed over more than QUEUE_RECOVERY_SECONDS ago, is handed
 * over again (a no-op while Redis has it): a reminder Redis lost (a restart without
 * persistence) comes back within QUEUE_RECOVERY_SECONDS of Redis, and before it is due,
 * without re-adding every far-off reminder each time.
 */
const REMINDER_LOOKAHEAD_SECONDS = 600;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Queue did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
