import { randomBytes } from 'node:crypto';
import { createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

describe('GET /metrics', () => {
  let t: TestApp;
  const scraperToken = randomBytes(24).toString('hex');
  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN: scraperToken });
  });
  afterAll(() => t.close());

  const scrape = (token?: string) => (token ? t.http().get('/metrics').auth(token, { type: 'bearer' }) : t.http().get('/metrics'));
  const value = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  it('is closed to anonymous callers, students and wrong tokens; open to staff and to the scraper token', async () => {
    await scrape().expect(401);
    await scrape('not-the-token').expect(401);
    await scrape((await createStudent(t)).token).expect(403);
    const staff = await scrape(await t.staffToken()).expect(200);
    expect(staff.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    await scrape(scraperToken).expect(200);
    await t.http().get('/api/metrics').auth(scraperToken, { type: 'bearer' }).expect(404);
  });

  it('counts requests by route template and error code, bookings by outcome, and shows queues and outboxes', async () => {
    const staff = await t.staffToken();
    const event = await createEvent(t);
    const v = await createVolunteer(t);
    const [slot] = await createSlots(t, event.id, v.id, event.startsAt, hoursAfter(event.startsAt, 1));
    const [a, b] = [await createStudent(t), await createStudent(t)];
    await t.http().post('/api/bookings').auth(a.token, { type: 'bearer' }).send({ slotId: slot.id }).expect(201);
    await t.http().post('/api/bookings').auth(b.token, { type: 'bearer' }).send({ slotId: slot.id }).expect(409);
    await t.http().get(`/api/events/${event.id}`).auth(staff, { type: 'bearer' }).expect(200);
    await t.http().get('/api/events/not-a-uuid').auth(staff, { type: 'bearer' }).expect(404);

    const { text } = await scrape(scraperToken).expect(200);
    expect(value(text, 'fairgrid_booking_attempts_total{outcome="confirmed"}')).toBe(1);
    expect(value(text, 'fairgrid_booking_attempts_total{outcome="SLOT_TAKEN"}')).toBe(1);
    expect(value(text, 'fairgrid_http_requests_total{method="GET",route="/api/events/:id",status="200",code=""}')).toBe(1);
    expect(value(text, 'fairgrid_http_requests_total{method="GET",route="/api/events/:id",status="404",code="NOT_FOUND"}')).toBe(1);
    // Raw paths (ids) never become labels.
    expect(text).not.toContain(event.id);
    expect(text).toMatch(/fairgrid_http_request_duration_seconds_bucket\{le="0\.1",method="POST",route="\/api\/bookings"\} \d+/);
    expect(value(text, 'fairgrid_queue_jobs{queue="invites",state="failed"}')).toBe(0);
    expect(text).toMatch(/fairgrid_outbox_messages\{status="pending"\} \d+/);
    expect(text).toMatch(/fairgrid_job_outbox_backlog \d+/);
    expect(text).toMatch(/fairgrid_process_resident_memory_bytes \d+/);
  });
});
