import { gzipSync } from 'node:zlib';
import { AssetsService } from '../src/web/assets/assets.service';
import { SESSION_COOKIE } from '../src/common/auth/sessions/session-cookie';
import { SessionService } from '../src/common/auth/sessions/session.service';
import { CHROMIUM, createServedApp } from '../test/support/browser';
import { createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../test/support/factories';
import { knob } from './support/knob';
import { currentLoad, describeMachine } from './support/machine';

/**
 * The student event page with 500 free slots, as Lighthouse (npm `lighthouse`, Debian's
 * Chromium) scores it on its default mobile profile (simulated slow 4G, 4× CPU slowdown):
 * performance and accessibility, repeated, medians. Also the bytes the page costs.
 *
 * Run: `npm run bench:pages`. Knobs: BENCH_SLOTS (500), BENCH_RUNS (3).
 */
const config = { slots: knob('BENCH_SLOTS', 500, 20, 5000), runs: knob('BENCH_RUNS', 3, 1, 9) };
/** The factory's event runs 8 hours: 16 slots of 30 minutes per volunteer. */
const SLOTS_PER_VOLUNTEER = 16;
const log = (line = '') => process.stdout.write(`${line}\n`);

interface Run {
  performance: number;
  accessibility: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  bytes: number;
}

async function main(): Promise<void> {
  const t = await createServedApp();
  try {
    const machine = await describeMachine(t.db);
    log('Student event page (issue 9)');
    log(`machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, Chromium at ${CHROMIUM}`);
    log(`plan: ${JSON.stringify(config)}`);

    const volunteers = Math.ceil(config.slots / SLOTS_PER_VOLUNTEER);
    const event = await createEvent(t, { name: 'Spring Career & Internship Fair' });
    for (let i = 0; i < volunteers; i++) {
      const volunteer = await createVolunteer(t, { name: `Volunteer ${i + 1}`, organization: `Organization ${(i % 12) + 1}`, title: 'Recruiter', expertise: [['software', 'finance', 'design', 'data-science'][i % 4]] });
      await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, SLOTS_PER_VOLUNTEER / 2));
    }
    const [{ n: slots }] = await t.db.query(`SELECT count(*)::int AS n FROM slots WHERE event_id = $1`, [event.id]);
    const student = await createStudent(t);
    const session = await t.app.get(SessionService).start({ role: 'student', id: student.id });
    const url = `${t.baseUrl}/event/${event.id}`;
    const cookie = `${SESSION_COOKIE}=${session.token}`;

    const html = await (await fetch(url, { headers: { Cookie: cookie, 'Accept-Encoding': 'identity' } })).text();
    const assets = t.app.get(AssetsService);
    log(`page: ${slots} free slots; HTML ${kib(Buffer.byteLength(html))} KiB (${kib(gzipSync(html).length)} KiB gzip); CSS + JS ${kib(assets.compressedSize(['app.css', 'app.js']))} KiB gzip`);
    log(`load average before: ${currentLoad()}`);

    const runs: Run[] = [];
    for (let i = 0; i < config.runs; i++) runs.push(await lighthouseRun(url, cookie));
    for (const [i, r] of runs.entries()) {
      log(`run ${i + 1}: performance ${r.performance}, accessibility ${r.accessibility}; FCP ${r.fcp} ms, LCP ${r.lcp} ms, TBT ${r.tbt} ms, CLS ${r.cls}; ${kib(r.bytes)} KiB transferred`);
    }
    const median = (pick: (r: Run) => number) => [...runs.map(pick)].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
    log(`median: performance ${median((r) => r.performance)}, accessibility ${median((r) => r.accessibility)}, LCP ${median((r) => r.lcp)} ms, TBT ${median((r) => r.tbt)} ms`);
    log(`load average after: ${currentLoad()}`);
  } finally {
    await t.close();
  }
}

async function lighthouseRun(url: string, cookie: string): Promise<Run> {
  // Both are ES modules; this bench is compiled to CommonJS.
  const { default: lighthouse } = await import('lighthouse');
  const { launch } = await import('chrome-launcher');
  const chrome = await launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, onlyCategories: ['performance', 'accessibility'], extraHeaders: { Cookie: cookie }, logLevel: 'error', output: 'json' });
    if (!result) throw new Error('Lighthouse returned nothing');
    const { categories, audits } = result.lhr;
    const value = (id: string) => Math.round(audits[id]?.numericValue ?? NaN);
    return {
      performance: Math.round((categories.performance.score ?? 0) * 100),
      accessibility: Math.round((categories.accessibility.score ?? 0) * 100),
      fcp: value('first-contentful-paint'),
      lcp: value('largest-contentful-paint'),
      tbt: value('total-blocking-time'),
      cls: Math.round((audits['cumulative-layout-shift']?.numericValue ?? NaN) * 1000) / 1000,
      bytes: value('total-byte-weight'),
    };
  } finally {
    chrome.kill();
  }
}

const kib = (bytes: number) => (bytes / 1024).toFixed(1);

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`pages bench: ${String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  },
);
