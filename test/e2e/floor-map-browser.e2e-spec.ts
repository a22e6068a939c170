import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

const run = promisify(execFile);
const OUTPUT = resolve(__dirname, '../../test-output');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HOSTILE_EVENT = 'Spring <script>alert("event")</script> Fair & Expo';
const HOSTILE_ORG = '<script>alert(1)</script> Smith & Sons <b>Ltd</b>';
const HOSTILE_PERSON = '<img src=x onerror=alert(1)> Eve & "Mallory"';

/** Headless Chromium with everything that would phone home or need a GPU turned off. */
async function chromium(profile: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
      `--user-data-dir=${profile}`,
      ...args,
    ],
    { timeout: 90_000, maxBuffer: 32 * 1024 * 1024 },
  );
  return stdout;
}

describe('floor map in a real browser', () => {
  let t: TestApp;
  let staff: string;
  let student: { token: string };
  let event: { id: string; startsAt: string };
  let acme: string;
  let hostile: string;
  let work: string;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.staffToken();
    work = mkdtempSync(join(tmpdir(), 'fairgrid-map-'));
    mkdirSync(OUTPUT, { recursive: true });
    event = await createEvent(t, { name: HOSTILE_EVENT });
    student = await createStudent(t);
    const [volunteer, eve, sam] = await Promise.all([
      createVolunteer(t, { name: 'Priya Raman-Iyer', organization: 'Globex' }),
      createVolunteer(t, { name: HOSTILE_PERSON, organization: 'Initech' }),
      createVolunteer(t, { name: 'Sam Okafor', organization: 'Acme' }),
    ]);
    for (const v of [volunteer, eve, sam]) await createSlots(t, event.id, v.id, event.startsAt, hoursAfter(event.startsAt, 2));
    const ids: string[] = [];
    for (const organization of ['Acme Robotics Corporation', HOSTILE_ORG, 'International Business Machines', 'Globex']) {
      const res = await t.http().post(`/api/events/${event.id}/exhibitors`).set(bearer(staff)).send({ organization }).expect(201);
      ids.push(res.body.id);
    }
    [acme, hostile] = ids;
    const booths = ids.map((id, i) => ({ label: `B${i + 1}`, kind: 'booth', x: 2 + i * 4, y: 2, width: 4, height: 3, exhibitorId: id }));
    await t
      .http()
      .put(`/api/events/${event.id}/floor-plan`)
      .set(bearer(staff))
      .send({
        version: 0,
        halls: [
          {
            key: 'A',
            name: 'Hall A',
            width: 30,
            height: 14,
            places: [
              ...booths,
              { label: 'B5', kind: 'booth', x: 2, y: 8, width: 4, height: 3 },
              { label: 'Entrance', kind: 'entrance', x: 12, y: 12, width: 4, height: 2 },
              { label: 'Check-in', kind: 'check_in', x: 20, y: 10, width: 4, height: 1.5, rotation: 90 },
              { label: 'WC', kind: 'restroom', x: 27, y: 0, width: 3, height: 3 },
            ],
          },
          {
            key: 'B',
            name: 'Interview room <B>',
            width: 16,
            height: 8,
            places: [
              { label: 'Table 1', kind: 'interview_table', x: 1, y: 1, width: 3, height: 2, assignments: [{ volunteerId: volunteer.id, startsAt: event.startsAt, endsAt: hoursAfter(event.startsAt, 2) }] },
              {
                label: 'Table 2',
                kind: 'interview_table',
                x: 5,
                y: 1,
                width: 3,
                height: 2,
                assignments: [
                  { volunteerId: eve.id, startsAt: event.startsAt, endsAt: hoursAfter(event.startsAt, 1) },
                  { volunteerId: sam.id, startsAt: hoursAfter(event.startsAt, 1), endsAt: hoursAfter(event.startsAt, 2) },
                ],
              },
              { label: 'Table 3', kind: 'interview_table', x: 9, y: 1, width: 3, height: 2 },
              { label: 'Exit', kind: 'exit', x: 14, y: 6, width: 2, height: 2 },
            ],
          },
        ],
      })
      .expect(200);
  });
  afterAll(async () => {
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });

  const fetchSvg = (query: Record<string, string> = {}) =>
    t.http().get(`/api/events/${event.id}/floor-plan.svg`).query(query).set(bearer(student.token)).buffer(true).parse((res, done) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done(null, body));
    });

  it('serves SVG with its content type, a lockdown CSP, and every user text escaped', async () => {
    const res = await fetchSvg().expect(200);
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const svg = res.body as string;
    expect(svg).toContain('<title id="fp-title">Floor plan: Spring &lt;script&gt;alert(&quot;event&quot;)&lt;/script&gt; Fair &amp; Expo</title>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Smith &amp; Sons &lt;b&gt;Ltd&lt;/b&gt;');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt; Eve &amp; &quot;Mallory&quot; (Initech)');
    expect(svg).not.toMatch(/<script|<b>|<B>|<img/);
  });

  it('names the volunteers at the interview tables, or the one there at ?at=', async () => {
    const day = (await fetchSvg().expect(200)).body as string;
    expect(day).toContain('>P. Raman-Iyer<');
    expect(day).toContain('>2 volunteers<');
    const late = (await fetchSvg({ at: hoursAfter(event.startsAt, 1.5) }).expect(200)).body as string;
    expect(late).toContain('>Sam Okafor<');
    expect(late).toContain('>Free<');
    expect(late).not.toContain('Mallory');
    expect(late).toMatch(/>Interview tables at \w{3} \d{1,2} \w{3}, 10:30</);
  });

  it('highlights a place by label or by exhibitor, and 400s a malformed exhibitor id', async () => {
    const byLabel = (await fetchSvg({ highlight: 'B3' }).expect(200)).body as string;
    expect(byLabel).toContain('class="place booth highlighted" data-label="B3"');
    const byExhibitor = (await fetchSvg({ exhibitor: acme }).expect(200)).body as string;
    expect(byExhibitor).toContain('class="place booth highlighted" data-label="B1"');
    expect(byExhibitor).toContain('Highlighted: B1, Acme Robotics Corporation, in Hall A.</desc>');
    const bad = await t.http().get(`/api/events/${event.id}/floor-plan.svg`).query({ exhibitor: 'nope' }).set(bearer(student.token)).expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/json/);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('renders in headless Chromium as a well-formed SVG with the expected labels, and leaves a screenshot', async () => {
    const svg = (await fetchSvg({ exhibitor: hostile }).expect(200)).body as string;
    const file = join(work, 'floor-plan.svg');
    writeFileSync(file, svg);

    // Opened as a document, a well-formedness error would replace the drawing with <parsererror>.
    const dom = await chromium(join(work, 'profile-dom'), '--dump-dom', `file://${file}`);
    expect(dom).not.toContain('parsererror');
    expect(dom).not.toContain('This page contains the following errors');
    for (const text of ['>B1<', '>B2<', '>B5<', '>Entrance<', '>Check-in<', '>Exit<', '>WC<', '>Table 1<', '>P. Raman-Iyer<', '>2 volunteers<', '>Legend<', '>Hall A<', '>Acme Robotics<']) {
      expect(dom).toContain(text);
    }
    expect(dom).toContain('Interview room &lt;B&gt;');
    expect(dom).toContain('&lt;img src=x onerror=alert(1)&gt; Eve &amp; "Mallory"');
    expect(dom).not.toMatch(/<script|<img/i);

    // Embedded in a page (as a phone browser would show it inline), the text is in the DOM too.
    const page = join(work, 'page.html');
    writeFileSync(page, `<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0">${svg.replace(/^<\?xml[^>]*>\s*/, '')}</body></html>`);
    const pageDom = await chromium(join(work, 'profile-page'), '--dump-dom', `file://${page}`);
    expect(pageDom).toContain('Floor plan: Spring &lt;script&gt;');
    expect(pageDom).not.toMatch(/<script/i);

    const screenshot = join(OUTPUT, 'floor-plan.png');
    rmSync(screenshot, { force: true });
    // As tall as the map, so the legend is in the picture too.
    const height = Math.ceil(Number(/<svg[^>]* height="([\d.]+)"/.exec(svg)![1]));
    await chromium(join(work, 'profile-shot'), `--screenshot=${screenshot}`, `--window-size=1000,${height}`, `file://${file}`);
    const png = readFileSync(screenshot);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // A blank 1200×900 page compresses to a few kilobytes; a drawn map with text does not.
    expect(statSync(screenshot).size).toBeGreaterThan(20_000);
  }, 240_000);
});
