import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ApiProcess, processCpuMs, startApiProcess } from './support/api-process';
import { knob } from './support/knob';
import { currentLoad, machineLine } from './support/machine';
import { CLAIM_WITH_KEY } from '../src/bookings/booking-claim.sql';
import { KEY_TTL_HOURS } from '../src/common/idempotency/idempotency-key';
import { BaselineAttempt, BaselineStatement, CLAIM_ONLY, runBaseline } from './support/pg-baseline';
import { backendCpu, cpuSince } from './support/pg-cpu';
import type { RushInput, RushResult } from './support/rush-client';
import { seedEvent, SeededEvent } from './support/seed';
import { median, percentile, seededRandom } from './support/stats';

/**
 * "Booking opens": every student of a fair books at once. In one run of this script:
 * - a raw Node + `pg` baseline (the claim statement, prepared, a pool of 20), and
 * - the production build's whole HTTP stack: one API process started from dist/main.js,
 *   every request with its own Idempotency-Key,
 * take turns on the same attempts at 64 and 200 in flight (and, as a diagnostic, raw pg sending
 * the app's own booking statement), each measurement repeated, with the
 * bookings table emptied before each. Prints both rates, their ratio (the figure that counts on
 * a shared machine), p50/p99, the answers, the API process's CPU per request, the load average
 * before and after; then checks every booking rule in PostgreSQL after each app run.
 *
 * Run: `npm run bench:booking`. Knobs (environment): BENCH_VOLUNTEERS (300), BENCH_STUDENTS
 * (6000), BENCH_ATTEMPTS per student (2), BENCH_MAX_BOOKINGS (2), BENCH_REPEATS (3),
 * BENCH_CONCURRENCY (both: "64,200"), BENCH_STATEMENT (1), BENCH_SEED (1), BENCH_TIMEOUT_S
 * (1800), BENCH_API_NODE_OPTIONS (e.g. a CPU profile of the API). See docs/BENCHMARKS.md.
 * Exits non-zero on any 5xx, lost request or broken rule.
 */
const config = {
  volunteers: knob('BENCH_VOLUNTEERS', 300, 1, 2000),
  students: knob('BENCH_STUDENTS', 6000, 1, 50_000),
  attemptsPerStudent: knob('BENCH_ATTEMPTS', 2, 1, 10),
  maxBookingsPerStudent: knob('BENCH_MAX_BOOKINGS', 2, 1, 50),
  repeats: knob('BENCH_REPEATS', 3, 1, 20),
  concurrency: (process.env.BENCH_CONCURRENCY ?? '64,200').split(',').map((c) => Number(c)),
  seed: knob('BENCH_SEED', 1, 0, 2 ** 31),
  /** 1: also time the app's own booking statement from raw pg (where the time goes: database or Node). */
  statementRuns: knob('BENCH_STATEMENT', 1, 0, 1) === 1,
  timeoutSeconds: knob('BENCH_TIMEOUT_S', 1800, 10, 7200),
};
/** Half the attempts aim at a tenth of the slots (the employers everyone wants). */
const HOT_SHARE = 0.5;
const HOT_FRACTION = 0.1;

const log = (line = '') => process.stdout.write(`${line}\n`);

interface Planned {
  studentId: string;
  token: string;
  slot: SeededEvent['slots'][number];
}

interface Measurement {
  kind: 'baseline' | 'statement' | 'app';
  concurrency: number;
  rate: number;
  p50: number;
  p99: number;
  cpuMsPerRequest?: number;
  /** The load generator's (this process's) CPU per request (ms). */
  clientCpuMsPerRequest?: number;
  /** PostgreSQL backends' CPU per request (ms). */
  pgCpuMsPerRequest: number;
  loadBefore: number;
  loadAfter: number;
}

async function main(): Promise<number> {
  if (config.concurrency.some((c) => !Number.isInteger(c) || c < 1 || c > 1000)) throw new Error('BENCH_CONCURRENCY: integers in 1..1000, comma-separated');
  const deadline = setTimeout(() => {
    process.stderr.write(`booking-rush: gave up after ${config.timeoutSeconds} s\n`);
    process.exit(2);
  }, config.timeoutSeconds * 1000);
  deadline.unref();

  const api = await startApiProcess();
  try {
    log('Booking rush (issues 2 and 10)');
    log(await machineLine(api.db));
    log(`app: node dist/main.js, FAIRGRID_ROLE=api, NODE_ENV=production, default LOG_LEVEL (info) to a file, pid ${api.pid}`);
    log(`plan: ${JSON.stringify(config)}`);
    const setupStarted = Date.now();
    const seeded = await seedEvent(api, { volunteers: config.volunteers, slotMinutes: 30, students: config.students, maxBookingsPerStudent: config.maxBookingsPerStudent });
    log(`setup through the API: ${seeded.slots.length} slots, ${seeded.students.length} students in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`);
    const plan = planAttempts(seeded);
    log(`each measurement: ${plan.length} attempts; bookings, booking_changes and idempotency_keys emptied before each`);
    log();
    log('| run | in flight | load before → after | bookings/s | p50 | p99 | API CPU per request | PostgreSQL CPU per request | 5xx |');
    log('| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');

    const failures: string[] = [];
    const measurements: Measurement[] = [];
    for (const concurrency of config.concurrency) {
      for (let r = 0; r < config.repeats; r++) {
        await reset(api);
        measurements.push(await measureBaseline(api, seeded, plan, concurrency, 'baseline'));
        if (config.statementRuns) {
          await reset(api);
          measurements.push(await measureBaseline(api, seeded, plan, concurrency, 'statement'));
        }
        await reset(api);
        const { measurement, problems } = await measureApp(api, seeded, plan, concurrency);
        measurements.push(measurement);
        failures.push(...problems);
      }
    }
    log();
    log("| in flight | baseline (median) | app (median) | app ÷ baseline | app p50 | app p99 | app's statement from pg (median) | CPU per request: API, load generator, PostgreSQL (app / statement / baseline) |");
    log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const concurrency of config.concurrency) {
      const of = (kind: Measurement['kind']) => measurements.filter((m) => m.kind === kind && m.concurrency === concurrency);
      const [base, app] = [median(of('baseline').map((m) => m.rate)), median(of('app').map((m) => m.rate))];
      log(
        `| ${concurrency} | ${Math.round(base)}/s | ${Math.round(app)}/s | **${((app / base) * 100).toFixed(0)} %** | ` +
          `${median(of('app').map((m) => m.p50)).toFixed(1)} ms | ${median(of('app').map((m) => m.p99)).toFixed(1)} ms | ` +
          `${config.statementRuns ? `${Math.round(median(of('statement').map((m) => m.rate)))}/s` : '—'} | ` +
          `${ms(of('app').map((m) => m.cpuMsPerRequest!))}, ${ms(of('app').map((m) => m.clientCpuMsPerRequest!))}, ` +
          `${ms(of('app').map((m) => m.pgCpuMsPerRequest))} / ${config.statementRuns ? ms(of('statement').map((m) => m.pgCpuMsPerRequest)) : '—'} / ${ms(of('baseline').map((m) => m.pgCpuMsPerRequest))} |`,
      );
    }
    log();
    log(failures.length ? `FAILED:\n  ${failures.join('\n  ')}` : 'OK: no 5xx, no lost request, no broken booking rule in any app run');
    return failures.length ? 1 : 0;
  } finally {
    await api.stop();
  }
}

/** Each student's attempts at distinct slots, half at the hot tenth, all shuffled together. */
function planAttempts(seeded: SeededEvent): Planned[] {
  const random = seededRandom(config.seed);
  const { slots, students } = seeded;
  const hot = Math.max(1, Math.floor(slots.length * HOT_FRACTION));
  const pick = () => (random() < HOT_SHARE ? Math.floor(random() * hot) : Math.floor(random() * slots.length));
  const order = shuffle(
    slots.map((_, i) => i),
    random,
  );
  const plan = students.flatMap((student) => {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(config.attemptsPerStudent, slots.length)) chosen.add(order[pick()]);
    return [...chosen].map((i) => ({ studentId: student.id, token: student.token, slot: slots[i] }));
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

async function reset(api: ApiProcess): Promise<void> {
  await api.db.query('TRUNCATE bookings, booking_changes, idempotency_keys CASCADE');
}

const load1 = () => loadavg()[0];
/** A median of CPU milliseconds per request, printed. */
const ms = (values: number[]) => `${median(values).toFixed(2)} ms`;

/**
 * The app's own statement with an Idempotency-Key, sent by raw pg as the app sends it: the
 * share of the app's rate that PostgreSQL alone allows for what a booking does.
 */
function appStatement(): BaselineStatement {
  const statuses = JSON.stringify({ booked: 201, slot_taken: 409, booking_limit: 422, booking_overlap: 409 });
  return {
    name: 'bench_app_statement',
    text: CLAIM_WITH_KEY.text,
    params: (a) => [a.slotId, a.studentId, false, false, a.studentId, randomUUID(), 'x'.repeat(64), statuses, KEY_TTL_HOURS],
  };
}

async function measureBaseline(api: ApiProcess, seeded: SeededEvent, plan: Planned[], concurrency: number, kind: 'baseline' | 'statement'): Promise<Measurement> {
  const attempts: BaselineAttempt[] = plan.map((p) => ({
    eventId: seeded.eventId,
    slotId: p.slot.id,
    volunteerId: p.slot.volunteerId,
    studentId: p.studentId,
    startsAt: new Date(p.slot.startsAt),
    endsAt: new Date(p.slot.endsAt),
  }));
  const loadBefore = load1();
  const result = await runBaseline(api.databaseUrl, attempts, concurrency, kind === 'baseline' ? CLAIM_ONLY(config.maxBookingsPerStudent) : appStatement());
  const m = summarize(kind, concurrency, result.elapsedMs, result.ms, loadBefore, result.pgCpuMs / plan.length);
  log(`| ${kind === 'baseline' ? 'pg baseline' : "pg, the app's statement"} | ${concurrency} | ${m.loadBefore.toFixed(2)} → ${m.loadAfter.toFixed(2)} | ${Math.round(m.rate)} | ${m.p50.toFixed(1)} ms | ${m.p99.toFixed(1)} ms | | ${m.pgCpuMsPerRequest.toFixed(2)} ms | ${result.errors} errors |`);
  return m;
}

async function measureApp(api: ApiProcess, seeded: SeededEvent, plan: Planned[], concurrency: number): Promise<{ measurement: Measurement; problems: string[] }> {
  const input: RushInput = {
    baseUrl: api.origin,
    attempts: plan.map((p) => ({ token: p.token, slotId: p.slot.id, idempotencyKey: randomUUID() })),
    concurrency,
    requestTimeoutMs: 30_000,
  };
  const [loadBefore, cpuBefore, clientBefore, pgBefore] = [load1(), api.cpuMs(), processCpuMs(process.pid), await backendCpu(api.db)];
  const result = await runInWorker(input);
  const cpuMsPerRequest = (api.cpuMs() - cpuBefore) / plan.length;
  const clientMsPerRequest = (processCpuMs(process.pid) - clientBefore) / plan.length;
  const pgCpuMsPerRequest = cpuSince(pgBefore, await backendCpu(api.db)) / plan.length;
  const m = { ...summarize('app', concurrency, result.elapsedMs, result.outcomes.map((o) => o.ms), loadBefore, pgCpuMsPerRequest), cpuMsPerRequest, clientCpuMsPerRequest: clientMsPerRequest };
  const serverErrors = result.outcomes.filter((o) => o.status >= 500).length;
  log(`| app (HTTP) | ${concurrency} | ${m.loadBefore.toFixed(2)} → ${m.loadAfter.toFixed(2)} | ${Math.round(m.rate)} | ${m.p50.toFixed(1)} ms | ${m.p99.toFixed(1)} ms | ${cpuMsPerRequest.toFixed(2)} ms | ${pgCpuMsPerRequest.toFixed(2)} ms | ${serverErrors} |`);
  const answers = new Map<string, number>();
  for (const o of result.outcomes) {
    const key = o.status === 0 ? `no answer (${o.code})` : `${o.status}${o.code ? ` ${o.code}` : ''}`;
    answers.set(key, (answers.get(key) ?? 0) + 1);
  }
  log(`|  load generator (this process): ${clientMsPerRequest.toFixed(2)} ms CPU per request | | | | | | | | |`);
  log(`|  answers: ${[...answers].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} × ${k}`).join(', ')} | | | | | | | | |`);
  const lost = result.outcomes.filter((o) => o.status === 0).length;
  const problems = [
    ...(serverErrors ? [`${serverErrors} answers were 5xx at ${concurrency} in flight`] : []),
    ...(lost ? [`${lost} requests got no answer at ${concurrency} in flight`] : []),
    ...(api.exitedEarly() ? [`the API process ended (${api.exitedEarly()}); its log: ${api.logFile}`] : []),
    ...(await verify(api, seeded, plan, result)),
  ];
  return { measurement: m, problems };
}

function summarize(kind: Measurement['kind'], concurrency: number, elapsedMs: number, ms: number[], loadBefore: number, pgCpuMsPerRequest: number): Measurement {
  const sorted = [...ms].sort((a, b) => a - b);
  return { kind, concurrency, rate: ms.length / (elapsedMs / 1000), p50: percentile(sorted, 50), p99: percentile(sorted, 99), pgCpuMsPerRequest, loadBefore, loadAfter: load1() };
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

/** Asks PostgreSQL itself whether the rush broke a rule, and matches rows to the 201s. */
async function verify(api: ApiProcess, seeded: SeededEvent, plan: Planned[], result: RushResult): Promise<string[]> {
  const count = async (sql: string, params: unknown[]) => (await api.db.query<{ n: number }>(sql, params)).rows[0].n;
  const eventId = seeded.eventId;
  const doubleBooked = await count(
    `SELECT count(*)::int AS n FROM (SELECT slot_id FROM bookings WHERE event_id = $1 AND status = 'confirmed' GROUP BY slot_id HAVING count(*) > 1) d`,
    [eventId],
  );
  const overlapping = await count(
    `SELECT count(*)::int AS n FROM bookings a JOIN bookings b
        ON a.student_id = b.student_id AND a.id < b.id AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
     WHERE a.event_id = $1 AND a.status = 'confirmed' AND b.status = 'confirmed'`,
    [eventId],
  );
  const overLimit = await count(
    `SELECT count(*)::int AS n FROM (SELECT student_id FROM bookings WHERE event_id = $1 AND status = 'confirmed' GROUP BY student_id HAVING count(*) > $2) o`,
    [eventId, config.maxBookingsPerStudent],
  );
  const unlogged = await count(
    `SELECT count(*)::int AS n FROM bookings b WHERE b.event_id = $1
        AND (SELECT count(*) FROM booking_changes c WHERE c.booking_id = b.id AND c.change = 'confirmed') <> 1`,
    [eventId],
  );
  const keys = await count(`SELECT count(*)::int AS n FROM idempotency_keys WHERE status_code IS NOT NULL`, []);
  const { rows } = await api.db.query<{ id: string; slot_id: string; student_id: string }>(
    `SELECT id, slot_id, student_id FROM bookings WHERE event_id = $1 AND status = 'confirmed'`,
    [eventId],
  );
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const answered = new Set<string>();
  let unmatched = 0;
  result.outcomes.forEach((o, i) => {
    if (o.status !== 201) return;
    const row = o.bookingId ? rowById.get(o.bookingId) : undefined;
    if (!row || row.slot_id !== plan[i].slot.id || row.student_id !== plan[i].studentId || answered.has(row.id)) unmatched++;
    if (o.bookingId) answered.add(o.bookingId);
  });
  const unanswered = rows.filter((r) => !answered.has(r.id)).length;
  const answeredKeys = result.outcomes.filter((o) => o.status > 0 && o.status < 500).length;
  return [
    ...(doubleBooked ? [`${doubleBooked} slots hold two confirmed bookings`] : []),
    ...(overlapping ? [`${overlapping} pairs of a student's bookings overlap`] : []),
    ...(overLimit ? [`${overLimit} students exceed ${config.maxBookingsPerStudent} bookings`] : []),
    ...(unlogged ? [`${unlogged} bookings lack exactly one 'confirmed' change-log row`] : []),
    ...(unmatched ? [`${unmatched} 201 answers have no confirmed row of their own`] : []),
    ...(unanswered ? [`${unanswered} confirmed rows were never answered 201`] : []),
    ...(keys !== answeredKeys ? [`${keys} idempotency keys hold an answer for ${answeredKeys} answered requests`] : []),
  ];
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`booking-rush failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
