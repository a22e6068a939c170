import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createEvent, createSlots, createVolunteer, hoursAfter } from '../test/support/factories';
import { createTestApp, TestApp } from '../test/support/test-app';
import { currentLoad, describeMachine } from './support/machine';
import type { RushAttempt, RushInput, RushResult } from './support/rush-client';
import { percentile, seededRandom } from './support/stats';
import { knob } from './support/knob';

/**
 * "Booking opens": every student of a fair books at once. Boots the real app (role all) in a
 * fresh database on a loopback port, creates an event with volunteers × 16 half-hour slots and
 * the students, fires every booking attempt over real HTTP from a worker thread with a bounded
 * number in flight, then asks PostgreSQL whether any booking invariant broke.
 *
 * Run: `npm run bench:booking`. Knobs (environment): BENCH_VOLUNTEERS (300), BENCH_STUDENTS
 * (6000), BENCH_ATTEMPTS per student (2), BENCH_MAX_BOOKINGS per student (2), BENCH_CONCURRENCY
 * (200), BENCH_IDEMPOTENCY (1: every request carries an Idempotency-Key), BENCH_SEED (1),
 * BENCH_TIMEOUT_S (600). Exits non-zero on any 5xx, lost request or broken invariant.
 */

// Bounded so that a typo cannot turn the benchmark into a denial of service on the machine.
const config = {
  volunteers: knob('BENCH_VOLUNTEERS', 300, 1, 2000),
  students: knob('BENCH_STUDENTS', 6000, 1, 50_000),
  attemptsPerStudent: knob('BENCH_ATTEMPTS', 2, 1, 10),
  maxBookingsPerStudent: knob('BENCH_MAX_BOOKINGS', 2, 1, 50),
  concurrency: knob('BENCH_CONCURRENCY', 200, 1, 1000),
  idempotency: knob('BENCH_IDEMPOTENCY', 1, 0, 1) === 1,
  seed: knob('BENCH_SEED', 1, 0, 2 ** 31),
  timeoutSeconds: knob('BENCH_TIMEOUT_S', 600, 10, 3600),
};
/** An 8-hour day of 30-minute slots with no break. */
const SLOTS_PER_VOLUNTEER = 16;
/** Half the attempts aim at a tenth of the slots (the employers everyone wants). */
const HOT_SHARE = 0.5;
const HOT_FRACTION = 0.1;
/** Setup requests in flight at once; the rush itself uses config.concurrency. */
const SETUP_CONCURRENCY = 8;

const log = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const deadline = setTimeout(() => {
    process.stderr.write(`booking-rush: gave up after ${config.timeoutSeconds} s\n`);
    process.exit(2);
  }, config.timeoutSeconds * 1000);
  deadline.unref();

  const t = await createTestApp();
  try {
    const server = t.app.getHttpServer();
    // Loopback only; the backlog holds every connection the client opens at once.
    await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const machine = await describeMachine(t.db);
    log('Booking rush (issue 2)');
    log(`machine: ${machine.cores} cores, ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}`);
    const poolSize = (t.db.options.extra as { max?: number } | undefined)?.max;
    log(`app: role all, one process, database pool ${poolSize ?? '?'} connections, log level ${t.env.LOG_LEVEL}`);
    log(`plan: ${JSON.stringify(config)}`);

    const setupStarted = Date.now();
    const { eventId, slots } = await createEventWithSlots(t);
    const students = await importStudents(t, config.students);
    log(`setup: ${config.volunteers} volunteers, ${slots.length} slots, ${students.length} students in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`);

    const plan = planAttempts(students, slots);
    log(`rush: ${plan.length} POST /api/bookings, ${config.concurrency} in flight; load average before: ${currentLoad()}`);
    // process.threadCpuUsage (Node 23.9+) counts this thread only, not the load generator's.
    const threadCpu = typeof process.threadCpuUsage === 'function' ? process.threadCpuUsage.bind(process) : undefined;
    const [cpuBefore, loopBefore] = [threadCpu?.(), performance.eventLoopUtilization()];
    const result = await runInWorker({ baseUrl, attempts: plan.map((p) => p.attempt), concurrency: config.concurrency, requestTimeoutMs: 30_000 });
    const cpu = threadCpu?.(cpuBefore);
    const loop = performance.eventLoopUtilization(loopBefore);
    log(`load average after: ${currentLoad()}`);
    // The app's main thread runs all of the server's JavaScript: busy all the time, it is the bottleneck.
    const cpuPerRequest = cpu ? `, ${((cpu.user + cpu.system) / 1000 / plan.length).toFixed(2)} ms CPU per request` : '';
    log(`server main thread: event loop busy ${(loop.utilization * 100).toFixed(0)} %${cpuPerRequest}`);

    const failures = [...report(result), ...(await verify(t, eventId, plan, result))];
    log();
    log(failures.length ? `FAILED:\n  ${failures.join('\n  ')}` : 'OK: no 5xx, no lost request, no double booking, overlap or limit breach; every 201 is exactly one confirmed row');
    return failures.length ? 1 : 0;
  } finally {
    await t.close();
  }
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}

async function createEventWithSlots(t: TestApp): Promise<{ eventId: string; slots: { id: string; startsAt: string; endsAt: string }[] }> {
  const event = await createEvent(t, { maxBookingsPerStudent: config.maxBookingsPerStudent, slotMinutes: 30, breakMinutes: 0 });
  const volunteers = await inBatches(
    Array.from({ length: config.volunteers }, (_, i) => i),
    SETUP_CONCURRENCY,
    async (i) => {
      const volunteer = await createVolunteer(t, { name: `Volunteer ${i}` });
      return createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, SLOTS_PER_VOLUNTEER / 2));
    },
  );
  return { eventId: event.id, slots: volunteers.flat() };
}

/** One CSV import, as career offices do, then a token per student. */
async function importStudents(t: TestApp, count: number): Promise<{ id: string; token: string }[]> {
  const batch = randomUUID().slice(0, 8);
  const lines = Array.from({ length: count }, (_, i) => `Student ${i},bench-${batch}-${i}@example.edu,B${i},Economics,2027`);
  await t
    .http()
    .post('/api/students/import')
    .auth(await t.staffToken(), { type: 'bearer' })
    .set('Content-Type', 'text/csv')
    .send(['name,email,studentNumber,major,graduationYear', ...lines].join('\n'))
    .expect(200);
  const rows: { id: string }[] = await t.db.query(`SELECT id FROM students WHERE email LIKE $1 ORDER BY email`, [`bench-${batch}-%`]);
  return Promise.all(rows.map(async ({ id }) => ({ id, token: await t.tokenFor('student', id) })));
}

interface PlannedAttempt {
  studentId: string;
  slotId: string;
  attempt: RushAttempt;
}

/** Each student's attempts at distinct slots, half of them at the hot tenth, all shuffled together. */
function planAttempts(students: { id: string; token: string }[], slots: { id: string }[]): PlannedAttempt[] {
  const random = seededRandom(config.seed);
  const hot = Math.max(1, Math.floor(slots.length * HOT_FRACTION));
  const pick = () => (random() < HOT_SHARE ? Math.floor(random() * hot) : Math.floor(random() * slots.length));
  const order = shuffle(
    slots.map((_, i) => i),
    random,
  );
  const plan = students.flatMap((student) => {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(config.attemptsPerStudent, slots.length)) chosen.add(order[pick()]);
    return [...chosen].map((i) => ({
      studentId: student.id,
      slotId: slots[i].id,
      attempt: { token: student.token, slotId: slots[i].id, idempotencyKey: config.idempotency ? randomUUID() : undefined },
    }));
  });
  return shuffle(plan, random);
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function runInWorker(input: RushInput): Promise<RushResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'support', 'rush-client.js'), { workerData: input });
    worker.once('message', (result: RushResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** Prints throughput, latency and answers; returns what is wrong with them. */
function report(result: RushResult): string[] {
  const { outcomes, elapsedMs } = result;
  const latencies = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const byAnswer = new Map<string, number>();
  for (const o of outcomes) {
    const key = o.status === 0 ? `no answer (${o.code})` : `${o.status}${o.code ? ` ${o.code}` : ''}`;
    byAnswer.set(key, (byAnswer.get(key) ?? 0) + 1);
  }
  const ms = (p: number) => `${percentile(latencies, p).toFixed(1)} ms`;
  const serverErrors = outcomes.filter((o) => o.status >= 500).length;
  const lost = outcomes.filter((o) => o.status === 0).length;
  log();
  log(`requests: ${outcomes.length} in ${(elapsedMs / 1000).toFixed(2)} s = ${Math.round(outcomes.length / (elapsedMs / 1000))} requests/s`);
  log(`latency: p50 ${ms(50)}, p95 ${ms(95)}, p99 ${ms(99)}, max ${ms(100)}`);
  log('answers:');
  for (const [answer, count] of [...byAnswer].sort((a, b) => b[1] - a[1])) log(`  ${answer.padEnd(28)} ${count}`);
  log(`5xx: ${serverErrors}`);
  return [
    ...(serverErrors ? [`${serverErrors} answers were 5xx`] : []),
    ...(lost ? [`${lost} requests got no answer`] : []),
  ];
}

/** Asks PostgreSQL itself whether the rush broke an invariant, and matches rows to the 201s. */
async function verify(t: TestApp, eventId: string, plan: PlannedAttempt[], result: RushResult): Promise<string[]> {
  const count = async (sql: string, params: unknown[]) => ((await t.db.query(sql, params)) as { n: number }[])[0].n;
  const doubleBooked = await count(
    `SELECT count(*)::int AS n FROM (SELECT slot_id FROM bookings WHERE event_id = $1 AND status = 'confirmed'
       GROUP BY slot_id HAVING count(*) > 1) d`,
    [eventId],
  );
  const overlapping = await count(
    `SELECT count(*)::int AS n FROM bookings a JOIN bookings b
        ON a.student_id = b.student_id AND a.id < b.id AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
     WHERE a.event_id = $1 AND a.status = 'confirmed' AND b.status = 'confirmed'`,
    [eventId],
  );
  const overLimit = await count(
    `SELECT count(*)::int AS n FROM (SELECT student_id FROM bookings WHERE event_id = $1 AND status = 'confirmed'
       GROUP BY student_id HAVING count(*) > $2) o`,
    [eventId, config.maxBookingsPerStudent],
  );
  const rows: { id: string; slot_id: string; student_id: string }[] = await t.db.query(
    `SELECT id, slot_id, student_id FROM bookings WHERE event_id = $1 AND status = 'confirmed'`,
    [eventId],
  );
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const answered = new Set<string>();
  let unmatched = 0;
  result.outcomes.forEach((o, i) => {
    if (o.status !== 201) return;
    const row = o.bookingId ? rowById.get(o.bookingId) : undefined;
    if (!row || row.slot_id !== plan[i].slotId || row.student_id !== plan[i].studentId || answered.has(row.id)) unmatched++;
    if (o.bookingId) answered.add(o.bookingId);
  });
  const unanswered = rows.filter((r) => !answered.has(r.id)).length;
  log(`database: ${rows.length} confirmed bookings; double-booked slots ${doubleBooked}, overlapping pairs ${overlapping}, students over the limit ${overLimit}`);
  log(`          201s without their own row ${unmatched}, rows without a 201 ${unanswered}`);
  return [
    ...(doubleBooked ? [`${doubleBooked} slots hold two confirmed bookings`] : []),
    ...(overlapping ? [`${overlapping} pairs of a student's bookings overlap`] : []),
    ...(overLimit ? [`${overLimit} students exceed ${config.maxBookingsPerStudent} bookings`] : []),
    ...(unmatched ? [`${unmatched} 201 answers have no confirmed row of their own`] : []),
    ...(unanswered ? [`${unanswered} confirmed rows were never answered 201`] : []),
  ];
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`booking-rush failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
