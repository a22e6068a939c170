import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEvent, createSlots, createVolunteer } from '../test/support/factories';
import { createTestApp } from '../test/support/test-app';
import { currentLoad, describeMachine } from './support/machine';
import { knob } from './support/knob';

/**
 * Invite delivery throughput: N confirmed bookings (2 invites each) → time until the SMTP
 * server has every message. The app serves HTTP only (role api) while the bookings are made,
 * so the outbox fills first; then built worker processes (`npm run build` first) start and
 * the clock runs from their spawn to the last message the SMTP server accepts.
 *
 * Run: `npm run bench:invites`. Knobs: BENCH_BOOKINGS (5000), BENCH_WORKERS (2),
 * BENCH_WORKER_CONCURRENCY (8), BENCH_SMTP_POOL (0), BENCH_TIMEOUT_S (900), BENCH_MAIN (dist/main.js). Exits non-zero on a lost or duplicate message.
 */

const config = {
  bookings: knob('BENCH_BOOKINGS', 5000, 1, 20_000),
  workers: knob('BENCH_WORKERS', 2, 1, 8),
  workerConcurrency: knob('BENCH_WORKER_CONCURRENCY', 8, 1, 64),
  timeoutSeconds: knob('BENCH_TIMEOUT_S', 900, 30, 3600),
  /** 1: as many pooled SMTP connections as jobs in flight (the mail service pools 5 by default). */
  smtpPool: knob('BENCH_SMTP_POOL', 0, 0, 1) === 1,
};
/** 8 hours of 15-minute slots per volunteer. */
const SLOTS_PER_VOLUNTEER = 32;
const SETUP_CONCURRENCY = 16;
const log = (line = '') => process.stdout.write(`${line}\n`);

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

async function main(): Promise<number> {
  const deadline = setTimeout(() => {
    process.stderr.write(`invites bench: gave up after ${config.timeoutSeconds} s\n`);
    process.exit(2);
  }, config.timeoutSeconds * 1000);
  deadline.unref();

  const t = await createTestApp({ FAIRGRID_ROLE: 'api', LOG_LEVEL: 'warn' });
  const workers: ChildProcess[] = [];
  // The build under test: dist/ of the repository root (the bench itself runs from a cache
  // folder), or BENCH_MAIN to measure a copy that a concurrent build cannot replace midway.
  const main = process.env.BENCH_MAIN || join(process.cwd(), 'dist', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  try {
    const machine = await describeMachine(t.db);
    log(`machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}`);
    const staff = await t.staffToken();
    const event = await createEvent(t, { slotMinutes: 15, timezone: 'America/New_York' });
    const volunteerCount = Math.ceil(config.bookings / SLOTS_PER_VOLUNTEER);
    const slotIds: string[] = [];
    await inBatches(
      Array.from({ length: volunteerCount }, (_, i) => i),
      SETUP_CONCURRENCY,
      async () => {
        const volunteer = await createVolunteer(t);
        const slots = await createSlots(t, event.id, volunteer.id, event.startsAt, event.endsAt);
        slotIds.push(...slots.map((s) => s.id));
      },
    );
    const csv = ['name,email,studentNumber,major,graduationYear']
      .concat(Array.from({ length: config.bookings }, (_, i) => `Student ${i},bench-${i}@students.test,S${i},History,2028`))
      .join('\n');
    await t.http().post('/api/students/import').auth(staff, { type: 'bearer' }).set('Content-Type', 'text/csv').send(csv).expect(200);
    const students: { id: string }[] = await t.db.query(`SELECT id FROM students ORDER BY email`);

    const bookStart = performance.now();
    await inBatches(
      Array.from({ length: config.bookings }, (_, i) => i),
      SETUP_CONCURRENCY,
      async (i) => {
        await t.http().post('/api/bookings').auth(staff, { type: 'bearer' }).send({ slotId: slotIds[i], studentId: students[i].id }).expect(201);
      },
    );
    const expected = config.bookings * 2;
    log(`setup: ${config.bookings} bookings confirmed over HTTP in ${((performance.now() - bookStart) / 1000).toFixed(1)} s (no worker running)`);
    log(`load average before: ${currentLoad()}`);

    const received: number[] = [];
    const smtpMessages = t.smtp.messages;
    const start = performance.now();
    for (let i = 0; i < config.workers; i++) {
      workers.push(
        spawn(process.execPath, [main], { stdio: ['ignore', 'ignore', 'inherit'], env: { PATH: process.env.PATH ?? '',
          FAIRGRID_ROLE: 'worker',
          DATABASE_URL: t.env.DATABASE_URL,
          REDIS_URL: t.env.REDIS_URL,
          SMTP_URL: config.smtpPool ? `${t.env.SMTP_URL}?pool=true&maxConnections=${config.workerConcurrency}` : t.env.SMTP_URL,
          MAIL_FROM: t.env.MAIL_FROM,
          PUBLIC_URL: t.env.PUBLIC_URL,
          JWT_SECRET: t.env.JWT_SECRET,
          ADMIN_EMAIL: t.env.ADMIN_EMAIL,
          ADMIN_PASSWORD: t.env.ADMIN_PASSWORD,
          QUEUE_PREFIX: t.env.QUEUE_PREFIX,
          LOG_LEVEL: 'warn',
          WORKER_CONCURRENCY: String(config.workerConcurrency),
        } }),
      );
    }
    let seen = 0;
    while (smtpMessages.length < expected) {
      while (seen < smtpMessages.length) {
        received.push(performance.now());
        seen++;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    while (seen < smtpMessages.length) {
      received.push(performance.now());
      seen++;
    }
    const total = (performance.now() - start) / 1000;
    const first = (received[0] - start) / 1000;
    const steady = (received[received.length - 1] - received[0]) / 1000;
    await new Promise((r) => setTimeout(r, 2000));
    const ids = new Set(smtpMessages.map((m) => m.parsed.messageId));
    const [{ unsent }] = await t.db.query(`SELECT count(*)::int AS unsent FROM outbox_messages WHERE status <> 'sent'`);
    log(`load average after: ${currentLoad()}`);
    log('');
    log(`SMTP connections: ${config.smtpPool ? `pooled, up to ${config.workerConcurrency} per worker (SMTP_URL ?pool=true&maxConnections=…)` : 'pooled, up to 5 per worker (the mail service default)'}`);
    log(`| messages | workers × concurrency | first message after | all delivered after | messages/s (spawn → last) | messages/s (first → last) | duplicates | unsent rows |`);
    log(`| --- | --- | --- | --- | --- | --- | --- | --- |`);
    log(
      `| ${expected} | ${config.workers} × ${config.workerConcurrency} | ${first.toFixed(1)} s | ${total.toFixed(1)} s | ${(expected / total).toFixed(0)} | ${(
        expected / steady
      ).toFixed(0)} | ${smtpMessages.length - ids.size} | ${unsent} |`,
    );
    return smtpMessages.length === expected && ids.size === expected && unsent === 0 ? 0 : 1;
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    await t.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
