import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '../../src/queue/jobs';
import { createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from './factories';
import type { TestApp } from './test-app';
import { waitFor } from './wait-for';

/** A worker killed at `at` may have had up to `sends` messages accepted but not yet marked sent. */
export interface Interruption {
  at: number;
  sends: number;
}

export interface DeliveryCheck {
  /** A worker was killed: up to this many repeats are allowed, of messages it was sending. */
  interrupted?: Interruption;
  /**
   * `t.smtp.messages.length` when this test began. Messages received before it (and their late
   * repeats) were an earlier test's to judge: its kill may rightly have repeated one.
   */
  since?: number;
}

/**
 * Every outbox row sent and every message received. Exactly once, except that a send cut off
 * between the server storing the message and the worker recording so (the SMTP ambiguity of
 * RFC 5321 §6.1) may be repeated by the next worker: at most `interrupted.sends` repeats, each
 * with the same Message-ID so the receiving side can drop it, and each of a message the
 * server accepted around the moment of the kill (not one sent twice for another reason).
 */
export async function expectEachDeliveredOnce(t: TestApp, expected: number, timeoutMs: number, { interrupted, since = 0 }: DeliveryCheck = {}) {
  await waitFor(async () => {
    const [{ unsent }] = await t.db.query(`SELECT count(*)::int AS unsent FROM outbox_messages WHERE status <> 'sent'`);
    const [{ total }] = await t.db.query(`SELECT count(*)::int AS total FROM outbox_messages`);
    return unsent === 0 && total === expected;
  }, timeoutMs);
  // A stray duplicate could only come from an invite job still queued or running (a retry, or a
  // killed worker's job the stalled-job check hands back): wait until there is none, rather
  // than for a fixed while. Delayed jobs are reminders, not invites.
  const queue = t.app.get<Queue>(getQueueToken(QueueName.Invites));
  await waitFor(async () => {
    const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
    return Object.values(counts).every((n) => n === 0);
  }, timeoutMs);
  // Invites only: the same app may also have sent sign-in mails or reminders.
  const isInvite = (m: (typeof t.smtp.messages)[number]) => m.parsed.messageId?.startsWith('<invite-');
  const earlier = new Set(t.smtp.messages.slice(0, since).filter(isInvite).map((m) => m.parsed.messageId!));
  const rows = ((await t.db.query(`SELECT message_id, attempts FROM outbox_messages`)) as { message_id: string; attempts: number }[]).filter(
    (r) => !earlier.has(r.message_id),
  );
  const invites = t.smtp.messages.slice(since).filter((m) => isInvite(m) && !earlier.has(m.parsed.messageId!));
  const received = invites.map((m) => m.parsed.messageId!);
  const counts = new Map<string, number>();
  for (const id of received) counts.set(id, (counts.get(id) ?? 0) + 1);
  expect(new Set(received)).toEqual(new Set(rows.map((r) => r.message_id)));
  const repeated = [...counts].filter(([, n]) => n > 1);
  expect(repeated.length).toBeLessThanOrEqual(interrupted?.sends ?? 0);
  for (const [id, n] of repeated) {
    expect(n).toBe(2);
    // Only a message whose first attempt was cut off is ever sent again…
    expect(rows.find((r) => r.message_id === id)!.attempts).toBeGreaterThan(1);
    // …and cut off by the kill: the server took the first copy in the last moments of the
    // killed worker (or from its socket just after), the second only after it died.
    const [first, second] = invites.filter((m) => m.parsed.messageId === id);
    expect(first.acceptedAt).toBeGreaterThan(interrupted!.at - 250);
    expect(first.acceptedAt).toBeLessThan(interrupted!.at + 1_000);
    expect(second.acceptedAt).toBeGreaterThan(interrupted!.at);
  }
  expect(received).toHaveLength(rows.length + repeated.length);
}

export async function bookMany(t: TestApp, count: number) {
  const event = await createEvent(t, { slotMinutes: 15 });
  const volunteer = await createVolunteer(t);
  const slots = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 8));
  const staff = await t.staffToken();
  const students = await Promise.all(Array.from({ length: count }, () => createStudent(t)));
  return {
    book: async (i: number) => {
      const res = await t.http().post('/api/bookings').auth(staff, { type: 'bearer' }).send({ slotId: slots[i].id, studentId: students[i].id });
      expect(res.status).toBe(201);
      return res.body.id as string;
    },
    cancel: (id: string) => t.http().delete(`/api/bookings/${id}`).auth(staff, { type: 'bearer' }).expect(200),
  };
}
