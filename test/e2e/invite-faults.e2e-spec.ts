import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import Redis from 'ioredis';
import { bookingRequest, createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { FairgridProcess, freePort, MAIN } from '../support/process';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/** A private redis-server that the test stops and starts again. */
class PrivateRedis {
  private child?: ChildProcess;
  constructor(readonly port: number) {}
  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitFor(async () => {
      const probe = new Redis(this.url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        probe.disconnect();
      }
    });
  }
  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGKILL');
    await exited;
  }
}

/** A worker killed at `at` may have had up to `sends` messages accepted but not yet marked sent. */
interface Interruption {
  at: number;
  sends: number;
}

/**
 * Every outbox row sent and every message received. Exactly once, except that a send cut off
 * between the server storing the message and the worker recording so (the SMTP ambiguity of
 * RFC 5321 §6.1) may be repeated by the next worker: at most `interrupted.sends` repeats, each
 * with the same Message-ID so the receiving side can drop it, and each of a message the
 * server accepted around the moment of the kill (not one sent twice for another reason).
 */
async function expectEachDeliveredOnce(t: TestApp, expected: number, timeoutMs: number, interrupted?: Interruption) {
  await waitFor(async () => {
    const [{ unsent }] = await t.db.query(`SELECT count(*)::int AS unsent FROM outbox_messages WHERE status <> 'sent'`);
    const [{ total }] = await t.db.query(`SELECT count(*)::int AS total FROM outbox_messages`);
    return unsent === 0 && total === expected;
  }, timeoutMs);
  // Time for a stray duplicate to arrive, were one on its way.
  await new Promise((r) => setTimeout(r, 1_500));
  const rows: { message_id: string; attempts: number }[] = await t.db.query(`SELECT message_id, attempts FROM outbox_messages`);
  const received = t.smtp.messages.map((m) => m.parsed.messageId!);
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
    const [first, second] = t.smtp.messages.filter((m) => m.parsed.messageId === id);
    expect(first.acceptedAt).toBeGreaterThan(interrupted!.at - 250);
    expect(first.acceptedAt).toBeLessThan(interrupted!.at + 1_000);
    expect(second.acceptedAt).toBeGreaterThan(interrupted!.at);
  }
  expect(received).toHaveLength(expected + repeated.length);
}

async function bookMany(t: TestApp, count: number) {
  const event = await createEvent(t, { slotMinutes: 15 });
  const volunteer = await createVolunteer(t);
  const slots = await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 8));
  const staff = await t.staffToken();
  const students = await Promise.all(Array.from({ length: count }, () => createStudent(t)));
  return {
    book: async (i: number) => {
      const res = await bookingRequest(t, staff, { slotId: slots[i].id, studentId: students[i].id });
      expect(res.status).toBe(201);
      return res.body.id as string;
    },
    cancel: (id: string) => t.http().delete(`/api/bookings/${id}`).auth(staff, { type: 'bearer' }).expect(200),
  };
}

describe('invite delivery under faults', () => {
  it('keeps booking while Redis is down and sends every message exactly once when it is back', async () => {
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    const t = await createTestApp({ REDIS_URL: redis.url });
    try {
      const fx = await bookMany(t, 10);
      const early = [await fx.book(0), await fx.book(1), await fx.book(2)];
      await waitFor(() => t.smtp.messages.length === 6);

      await redis.stop();
      const late: string[] = [];
      for (let i = 3; i < 10; i++) late.push(await fx.book(i));
      await fx.cancel(early[0]);
      await fx.cancel(late[0]);
      // The outbox fills while Redis is away; nothing can be sent.
      await waitFor(async () => {
        const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM outbox_messages`);
        return n === 10 * 2 + 2 * 2;
      });
      expect(t.smtp.messages).toHaveLength(6);

      await redis.start();
      await expectEachDeliveredOnce(t, 24, 60_000);
      // Per party, the request arrived before the cancel.
      const order = t.smtp.messages.map((m) => m.raw.includes('METHOD:CANCEL') ? `C${m.envelopeTo[0]}` : `R${m.envelopeTo[0]}`);
      for (const cancel of order.filter((o) => o.startsWith('C'))) {
        expect(order.indexOf(`R${cancel.slice(1)}`)).toBeLessThan(order.indexOf(cancel));
      }
    } finally {
      await t.close();
      await redis.stop();
    }
  });

  it('sends every message once when a worker process is killed while sending', async () => {
    expect(existsSync(MAIN)).toBe(true);
    // The test app serves HTTP only; two built worker processes do the sending.
    const t = await createTestApp({ FAIRGRID_ROLE: 'api' });
    const workerEnv = {
      FAIRGRID_ROLE: 'worker',
      DATABASE_URL: t.env.DATABASE_URL,
      REDIS_URL: t.env.REDIS_URL,
      SMTP_URL: t.env.SMTP_URL,
      MAIL_FROM: t.env.MAIL_FROM,
      PUBLIC_URL: t.env.PUBLIC_URL,
      JWT_SECRET: t.env.JWT_SECRET,
      ADMIN_EMAIL: t.env.ADMIN_EMAIL,
      ADMIN_PASSWORD: t.env.ADMIN_PASSWORD,
      QUEUE_PREFIX: t.env.QUEUE_PREFIX,
      LOG_LEVEL: 'warn',
      WORKER_CONCURRENCY: '2',
    };
    const workers = [new FairgridProcess(workerEnv), new FairgridProcess(workerEnv)];
    try {
      const fx = await bookMany(t, 30);
      await Promise.all(Array.from({ length: 30 }, (_, i) => fx.book(i)));
      await waitFor(() => t.smtp.messages.length >= 8, 60_000);
      const killedAt = Date.now();
      workers[0].kill('SIGKILL');
      // Killed mid-stream, not after the work was done.
      expect(t.smtp.messages.length).toBeLessThan(60);
      // The killed worker had at most WORKER_CONCURRENCY sends in flight.
      await expectEachDeliveredOnce(t, 60, 90_000, { at: killedAt, sends: 2 });
    } finally {
      for (const w of workers) w.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.exited()));
      await t.close();
    }
  });
});
