import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { CalendarService } from '../src/calendar/calendar.service';
import { createEvent, createSlots, createVolunteer } from '../test/support/factories';
import { createTestApp, TestApp } from '../test/support/test-app';
import type { GetInput, GetResult } from './support/get-client';
import { knob } from './support/knob';
import { currentLoad, describeMachine } from './support/machine';
import { percentile } from './support/stats';

/**
 * Calendar feeds (issue 5): what subscribing calendars cost. One event with N booked
 * interviews, every volunteer at a table of the floor plan (so LOCATION lookups are real), then
 * - the floor team's event feed (N VEVENTs): full downloads and 304 revalidations;
 * - every student's personal feed fetched once, C in flight, then revalidated with its ETag
 *   (what a calendar app does on each refresh).
 * The app serves HTTP only (role api); requests come over loopback from a worker thread.
 *
 * Run: `npm run bench:feeds`. Knobs: BENCH_BOOKINGS (5000), BENCH_CONCURRENCY (32),
 * BENCH_TIMEOUT_S (600). Exits non-zero on any answer other than 200/304.
 */
const config = {
  bookings: knob('BENCH_BOOKINGS', 5000, 32, 20_000),
  concurrency: knob('BENCH_CONCURRENCY', 32, 1, 500),
  timeoutSeconds: knob('BENCH_TIMEOUT_S', 600, 30, 3600),
};
/** 8 hours of 15-minute slots per volunteer. */
const SLOTS_PER_VOLUNTEER = 32;
const EVENT_FEED_DOWNLOADS = 10;
const log = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const deadline = setTimeout(() => {
    process.stderr.write(`feeds bench: gave up after ${config.timeoutSeconds} s\n`);
    process.exit(2);
  }, config.timeoutSeconds * 1000);
  deadline.unref();

  const t = await createTestApp({ FAIRGRID_ROLE: 'api', LOG_LEVEL: 'warn' });
  try {
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const machine = await describeMachine(t.db);
    log('Calendar feeds (issue 5)');
    log(`machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}`);
    log(`plan: ${JSON.stringify(config)}`);

    const setupStarted = performance.now();
    const { eventId, studentIds } = await bookedEvent(t);
    log(`setup: ${config.bookings} interviews, ${Math.ceil(config.bookings / SLOTS_PER_VOLUNTEER)} volunteers at tables, in ${seconds(setupStarted)} s`);
    log(`load average before: ${currentLoad()}`);
    const failures: string[] = [];

    // The floor team's feed: the same URL, downloaded whole, then revalidated.
    const calendar = t.app.get(CalendarService);
    const eventUrl = local(await calendar.staffUrl({ owner: 'event', id: eventId }, { rotate: false }), origin);
    const full = await run({ urls: Array(EVENT_FEED_DOWNLOADS).fill(eventUrl), concurrency: 1, requestTimeoutMs: 60_000 });
    const revalidated = await run({ urls: Array(50).fill(eventUrl), etags: Array(50).fill(full.etags[0]), concurrency: 1, requestTimeoutMs: 60_000 });
    failures.push(...unexpected('event feed', full, 200), ...unexpected('event feed revalidation', revalidated, 304));

    // Every student's own feed, first fetch and then a refresh with the ETag.
    const urls = await Promise.all(studentIds.map(async (id) => local(await calendar.urlFor({ owner: 'student', id, audience: 'owner' }), origin)));
    const first = await run({ urls, concurrency: config.concurrency, requestTimeoutMs: 30_000 });
    const refresh = await run({ urls, etags: first.etags, concurrency: config.concurrency, requestTimeoutMs: 30_000 });
    failures.push(...unexpected('personal feeds', first, 200), ...unexpected('personal feed refresh', refresh, 304));
    log(`load average after: ${currentLoad()}`);
    log();
    log('| request | count × in flight | p50 | p99 | requests/s | body |');
    log('| --- | --- | ---: | ---: | ---: | ---: |');
    row(`event feed, ${config.bookings} VEVENTs, full`, full, 1);
    row('event feed, 304 revalidation', revalidated, 1);
    row('personal feed (1 VEVENT), full', first, config.concurrency);
    row('personal feed, 304 revalidation', refresh, config.concurrency);
    log();
    log(failures.length ? `FAILED:\n  ${failures.join('\n  ')}` : 'OK: every answer was 200 (download) or 304 (revalidation)');
    return failures.length ? 1 : 0;
  } finally {
    await t.close();
  }
}

/**
 * Volunteers and slots over HTTP; students by CSV import; bookings by one INSERT (the rows
 * the booking endpoint would write; feeds read nothing else), since booking speed is
 * measured by bench:booking. One table per volunteer on the floor plan.
 */
async function bookedEvent(t: TestApp): Promise<{ eventId: string; studentIds: string[] }> {
  const staff = await t.staffToken();
  const event = await createEvent(t, { slotMinutes: 15, timezone: 'America/New_York' });
  const volunteerIds: string[] = [];
  for (let i = 0; i < Math.ceil(config.bookings / SLOTS_PER_VOLUNTEER); i++) {
    const volunteer = await createVolunteer(t);
    await createSlots(t, event.id, volunteer.id, event.startsAt, event.endsAt);
    volunteerIds.push(volunteer.id);
  }
  const csv = ['name,email,studentNumber,major,graduationYear']
    .concat(Array.from({ length: config.bookings }, (_, i) => `Student ${i},feeds-${i}@students.test,S${i},History,2028`))
    .join('\n');
  await t.http().post('/api/students/import').auth(staff, { type: 'bearer' }).set('Content-Type', 'text/csv').send(csv).expect(200);
  await t.db.query(
    `INSERT INTO bookings (event_id, slot_id, volunteer_id, student_id, starts_at, ends_at, booking_number)
     SELECT s.event_id, s.id, s.volunteer_id, st.id, s.starts_at, s.ends_at, 1
       FROM (SELECT *, row_number() OVER (ORDER BY volunteer_id, starts_at) AS n FROM slots WHERE event_id = $1) s
       JOIN (SELECT id, row_number() OVER (ORDER BY email) AS n FROM students) st ON st.n = s.n`,
    [event.id],
  );
  const places = volunteerIds.map((volunteerId, i) => ({
    label: `Table ${i + 1}`,
    kind: 'interview_table',
    x: 1 + (i % 40) * 3,
    y: 1 + Math.floor(i / 40) * 3,
    width: 2,
    height: 2,
    assignments: [{ volunteerId, startsAt: event.startsAt, endsAt: event.endsAt }],
  }));
  const plan = { version: 0, halls: [{ key: 'A', name: 'Hall A', width: 125, height: 3 + Math.ceil(places.length / 40) * 3, places }] };
  await t.http().put(`/api/events/${event.id}/floor-plan`).auth(staff, { type: 'bearer' }).send(plan).expect(200);
  const students: { id: string }[] = await t.db.query(`SELECT student_id AS id FROM bookings WHERE event_id = $1`, [event.id]);
  return { eventId: event.id, studentIds: students.map((s) => s.id) };
}

function row(label: string, result: GetResult, inFlight: number): void {
  const sorted = [...result.ms].sort((a, b) => a - b);
  const n = result.ms.length;
  const size = result.bytes / n;
  const body = size >= 1024 ? `${(size / 1024).toFixed(0)} KiB` : `${size.toFixed(0)} B`;
  log(`| ${label} | ${n} × ${inFlight} | ${ms(percentile(sorted, 50))} | ${ms(percentile(sorted, 99))} | ${((n * 1000) / result.elapsedMs).toFixed(0)} | ${body} |`);
}

function unexpected(what: string, result: GetResult, status: number): string[] {
  const wrong = result.statuses.filter((s) => s !== status).length;
  return wrong ? [`${what}: ${wrong} of ${result.statuses.length} answers were not ${status}`] : [];
}

function run(input: GetInput): Promise<GetResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'support', 'get-client.js'), { workerData: input });
    worker.once('message', (result: GetResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** The feed URL names PUBLIC_URL; the bench calls the loopback server instead. */
const local = (url: string, origin: string) => origin + new URL(url).pathname;
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const ms = (value: number) => (value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`);

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
