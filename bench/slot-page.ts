import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { Pool } from 'pg';
import { startApiProcess, ApiProcess } from './support/api-process';
import type { GetInput, GetResult } from './support/get-client';
import { knob } from './support/knob';
import { machineLine } from './support/machine';
import { rush } from './support/rush-client';
import { seedEvent, SeededEvent } from './support/seed';
import { median, percentile, seededRandom } from './support/stats';

/**
 * What students refresh between clicks while booking is open: the slot page
 * (GET /api/events/:id/slots, pages of 100 of an event's 5,000 slots, a student's token),
 * "my interviews" (GET /api/bookings/me) and the event page (GET /api/events/:id), each from C
 * clients at once against the production build (dist/main.js, role api, default log level),
 * repeated, medians quoted. A raw Node + pg loop running the slot page's own SQL, prepared, on a
 * pool of 20 at the same concurrency, runs in the same process run as the baseline: the ratio
 * is the figure that survives a shared machine. Also prints the page query's plan as the app's
 * database sees it after setup (an index scan, no sort of the whole event, once the tables
 * slot generation filled are analyzed).
 *
 * Run: `npm run bench:slots`. Knobs: BENCH_VOLUNTEERS (250 × 20 slots = 5,000), BENCH_STUDENTS
 * (2,000, each booking one slot first), BENCH_CONCURRENCY (64), BENCH_REQUESTS per measurement
 * (4,000), BENCH_REPEATS (3), BENCH_TIMEOUT_S (1200). Exits non-zero on any answer but 200.
 */
const config = {
  volunteers: knob('BENCH_VOLUNTEERS', 250, 1, 2000),
  students: knob('BENCH_STUDENTS', 2000, 1, 50_000),
  concurrency: knob('BENCH_CONCURRENCY', 64, 1, 1000),
  requests: knob('BENCH_REQUESTS', 4000, 100, 100_000),
  repeats: knob('BENCH_REPEATS', 3, 1, 20),
  timeoutSeconds: knob('BENCH_TIMEOUT_S', 1200, 30, 7200),
};
const PAGE = 100;
const log = (line = '') => process.stdout.write(`${line}\n`);

/** The slot page's statement as the app sends it for an unfiltered page after a cursor (SlotsRepository.pageOfEvent). */
const PAGE_SQL = `SELECT e.timezone AS event_timezone, e.status AS event_status, p.*
   FROM events e
   LEFT JOIN LATERAL (
     SELECT s.id, s.event_id, s.starts_at, s.ends_at, s.volunteer_id, v.name AS volunteer_name,
            v.organization, v.title, v.expertise, (bk.booked IS NOT NULL) AS booked
       FROM slots s
       JOIN volunteers v ON v.id = s.volunteer_id
       LEFT JOIN LATERAL (SELECT true AS booked FROM bookings b WHERE b.slot_id = s.id AND b.status = 'confirmed' LIMIT 1) bk ON true
      WHERE s.event_id = $1 AND (s.starts_at, s.id) > ($2::timestamptz, $3::uuid)
      ORDER BY s.starts_at, s.id
      LIMIT $4) p ON true
  WHERE e.id = $1
  ORDER BY p.starts_at, p.id`;

interface Row {
  name: string;
  rate: number;
  p50: number;
  p99: number;
  failures: number;
}

async function main(): Promise<number> {
  const deadline = setTimeout(() => {
    process.stderr.write(`slot-page: gave up after ${config.timeoutSeconds} s\n`);
    process.exit(2);
  }, config.timeoutSeconds * 1000);
  deadline.unref();
  const api = await startApiProcess();
  try {
    log('Slot page, my interviews, event page (issue 10)');
    log(await machineLine(api.db));
    log(`app: node dist/main.js, FAIRGRID_ROLE=api, NODE_ENV=production, default LOG_LEVEL (info) to a file`);
    log(`plan: ${JSON.stringify(config)}`);
    const seeded = await seedEvent(api, { volunteers: config.volunteers, slotMinutes: 24, students: config.students, maxBookingsPerStudent: 2 });
    await bookOneEach(api, seeded);
    const pages = await pageUrls(api, seeded);
    log(`setup: ${seeded.slots.length} slots in ${pages.length} pages of ${PAGE}, ${seeded.students.length} students with one booking each`);
    await printPlan(api, seeded.eventId);
    log();
    log('| measurement | load before → after | requests/s | p50 | p99 | non-200 |');
    log('| --- | --- | ---: | ---: | ---: | ---: |');

    const random = seededRandom(7);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
    const tokens = () => Array.from({ length: config.requests }, () => `Bearer ${pick(seeded.students).token}`);
    const kinds: { name: string; urls: () => string[] }[] = [
      { name: 'GET /api/events/:id/slots (page of 100)', urls: () => Array.from({ length: config.requests }, () => pick(pages)) },
      { name: 'GET /api/bookings/me', urls: () => Array(config.requests).fill(`${api.origin}/api/bookings/me`) },
      { name: 'GET /api/events/:id', urls: () => Array(config.requests).fill(`${api.origin}/api/events/${seeded.eventId}`) },
    ];
    const results = new Map<string, Row[]>();
    const keep = (row: Row) => results.set(row.name, [...(results.get(row.name) ?? []), row]);
    for (let r = 0; r < config.repeats; r++) {
      keep(await pgBaseline(api, seeded, pages.length));
      for (const kind of kinds) keep(await measure(kind.name, { urls: kind.urls(), authorizations: tokens(), concurrency: config.concurrency, requestTimeoutMs: 30_000, client: 'http' }));
    }
    log();
    const base = median(results.get(BASELINE)!.map((m) => m.rate));
    log(`| median of ${config.repeats} | requests/s | ÷ pg baseline | p50 | p99 |`);
    log('| --- | ---: | ---: | ---: | ---: |');
    for (const [name, rows] of results) {
      const rate = median(rows.map((m) => m.rate));
      log(`| ${name} | ${Math.round(rate)} | ${((rate / base) * 100).toFixed(0)} % | ${median(rows.map((m) => m.p50)).toFixed(1)} ms | ${median(rows.map((m) => m.p99)).toFixed(1)} ms |`);
    }
    const failed = [...results.values()].flat().reduce((n, m) => n + m.failures, 0);
    log();
    log(failed ? `FAILED: ${failed} answers were not 200` : 'OK: every answer was 200');
    if (api.exitedEarly()) log(`the API process ended (${api.exitedEarly()}); its log: ${api.logFile}`);
    return failed || api.exitedEarly() ? 1 : 0;
  } finally {
    await api.stop();
  }
}

/** Every student books one slot, through the API, so a third or so of the slots show as taken. */
async function bookOneEach(api: ApiProcess, seeded: SeededEvent): Promise<void> {
  const random = seededRandom(3);
  await rush({
    baseUrl: api.origin,
    attempts: seeded.students.map((s) => ({ token: s.token, slotId: seeded.slots[Math.floor(random() * seeded.slots.length)].id })),
    concurrency: 16,
    requestTimeoutMs: 30_000,
  });
}

/** The page URLs a student walking the event page by page requests (cursors are opaque). */
async function pageUrls(api: ApiProcess, seeded: SeededEvent): Promise<string[]> {
  const urls: string[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `${api.origin}/api/events/${seeded.eventId}/slots?limit=${PAGE}${cursor ? `&cursor=${cursor}` : ''}`;
    urls.push(url);
    const res: Response = await fetch(url, { headers: { authorization: `Bearer ${seeded.students[0].token}` } });
    cursor = ((await res.json()) as { nextCursor: string | null }).nextCursor;
  } while (cursor);
  return urls;
}

async function printPlan(api: ApiProcess, eventId: string): Promise<void> {
  const sql = PAGE_SQL.replaceAll('$1', `'${eventId}'`)
    .replace('$2::timestamptz', `'-infinity'::timestamptz`)
    .replace('$3::uuid', `'00000000-0000-0000-0000-000000000000'::uuid`)
    .replace('$4', '101');
  const { rows } = await api.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${sql}`);
  const plan = rows.map((r) => r['QUERY PLAN']);
  // The outer sort orders at most one page; a sort below the LATERAL would sort the whole event.
  const sortsEvent = plan.some((l, i) => /Sort/.test(l) && i > 1);
  log(`page plan: ${sortsEvent ? "SORTS the event's slots" : 'walks the event index, probes bookings per slot'}; ${plan.map((l) => l.trim()).join(' | ')}`);
}

const BASELINE = 'raw pg: the page SQL, prepared, pool of 20';
const load1 = () => loadavg()[0].toFixed(2);

async function pgBaseline(api: ApiProcess, seeded: SeededEvent, pageCount: number): Promise<Row> {
  const pool = new Pool({ connectionString: api.databaseUrl, max: 20 });
  try {
    await Promise.all(Array.from({ length: 20 }, () => pool.query('SELECT 1')));
    // Cursor positions of each page start: every PAGE-th slot in page order.
    const starts = Array.from({ length: pageCount }, (_, p) => (p === 0 ? { at: '-infinity', id: '00000000-0000-0000-0000-000000000000' } : seeded.slots[p * PAGE - 1]))
      .map((s) => [seeded.eventId, 'at' in s ? s.at : s.startsAt, s.id, PAGE + 1]);
    const random = seededRandom(11);
    const ms: number[] = [];
    let [next, failures] = [0, 0];
    const before = load1();
    const lane = async () => {
      while (next++ < config.requests) {
        const started = performance.now();
        try {
          await pool.query({ name: 'bench_page', text: PAGE_SQL, values: starts[Math.floor(random() * starts.length)] });
        } catch {
          failures++;
        }
        ms.push(performance.now() - started);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: config.concurrency }, lane));
    return report(BASELINE, ms, performance.now() - started, failures, before);
  } finally {
    await pool.end();
  }
}

async function measure(name: string, input: GetInput): Promise<Row> {
  const before = load1();
  const result = await new Promise<GetResult>((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'support', 'get-client.js'), { workerData: input });
    worker.once('message', (r: GetResult) => {
      resolve(r);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
  return report(name, result.ms, result.elapsedMs, result.statuses.filter((s) => s !== 200).length, before);
}

function report(name: string, ms: number[], elapsedMs: number, failures: number, loadBefore: string): Row {
  const sorted = [...ms].sort((a, b) => a - b);
  const row = { name, rate: ms.length / (elapsedMs / 1000), p50: percentile(sorted, 50), p99: percentile(sorted, 99), failures };
  log(`| ${name} | ${loadBefore} → ${load1()} | ${Math.round(row.rate)} | ${row.p50.toFixed(1)} ms | ${row.p99.toFixed(1)} ms | ${failures} |`);
  return row;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`slot-page failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
