import { createEvent, createStudent } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

describe('check-in', () => {
  let t: TestApp;
  let staff: string;
  let event: { id: string; startsAt: string };
  let other: { id: string };
  let ada: { id: string; token: string };
  let bob: { id: string; token: string };

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.staffToken();
    [event, other] = await Promise.all([createEvent(t), createEvent(t)]);
    [ada, bob] = await Promise.all([createStudent(t, { name: 'Ada Lovelace' }), createStudent(t)]);
  });
  afterAll(() => t.close());

  const codeOf = (student: { token: string }, eventId = event.id) =>
    t.http().get(`/api/events/${eventId}/check-in-code`).set(bearer(student.token));
  const scan = (code: string, eventId = event.id) => t.http().post(`/api/events/${eventId}/check-ins`).set(bearer(staff)).send({ code });

  it('gives each student one stable, unguessable code per event, as text and as a QR code', async () => {
    const first = await codeOf(ada).expect(200);
    expect(first.body.checkInCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(first.body.qrSvg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*viewBox="0 0 \d+ \d+"/);
    expect(first.body.qrSvg).toContain('<path');
    const again = await codeOf(ada).expect(200);
    expect(again.body.checkInCode).toBe(first.body.checkInCode);
    const [bobs, adaElsewhere] = await Promise.all([codeOf(bob).expect(200), codeOf(ada, other.id).expect(200)]);
    expect(new Set([first.body.checkInCode, bobs.body.checkInCode, adaElsewhere.body.checkInCode]).size).toBe(3);
    // Concurrent first requests agree on one code.
    const fresh = await createStudent(t);
    const codes = await Promise.all(Array.from({ length: 5 }, () => codeOf(fresh).expect(200)));
    expect(new Set(codes.map((r) => r.body.checkInCode)).size).toBe(1);
  });

  it('checks a student in on the first scan (201) and reports the first time on later scans (200)', async () => {
    const { checkInCode: code } = (await codeOf(ada).expect(200)).body;
    const first = await scan(code).expect(201);
    expect(first.body).toEqual({ eventId: event.id, studentId: ada.id, studentName: 'Ada Lovelace', checkedInAt: expect.any(String), firstScan: true });
    // Typed by hand: lower case, spaces instead of dashes.
    const second = await scan(code.toLowerCase().replace(/-/g, ' ')).expect(200);
    expect(second.body).toMatchObject({ studentId: ada.id, checkedInAt: first.body.checkedInAt, firstScan: false });
    const rows = await t.db.query(`SELECT count(*)::int AS n FROM check_ins WHERE event_id = $1 AND student_id = $2`, [event.id, ada.id]);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('records one check-in when the same code is scanned at two doors at once', async () => {
    const { checkInCode: code } = (await codeOf(bob).expect(200)).body;
    const results = await Promise.all(Array.from({ length: 6 }, () => scan(code)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.checkedInAt)).size).toBe(1);
  });

  it("refuses an unknown code (404), another event's code (422) and a malformed body (400)", async () => {
    const unknown = await scan('00000-00000-00000').expect(404);
    expect(unknown.body.code).toBe('CHECK_IN_CODE_UNKNOWN');
    const junk = await scan('<script>').expect(404);
    expect(junk.body.code).toBe('CHECK_IN_CODE_UNKNOWN');
    expect(JSON.stringify(junk.body)).not.toContain('<script>');
    const { checkInCode: code } = (await codeOf(ada, other.id).expect(200)).body;
    const elsewhere = await scan(code).expect(422);
    expect(elsewhere.body.code).toBe('CHECK_IN_CODE_OTHER_EVENT');
    const bad = await t.http().post(`/api/events/${event.id}/check-ins`).set(bearer(staff)).send({ code: 42 }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    await scan(code, '00000000-0000-4000-8000-000000000000').expect(404);
    // Nothing was recorded for the other event.
    const rows = await t.db.query(`SELECT count(*)::int AS n FROM check_ins WHERE event_id = $1`, [other.id]);
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('gives no code for a draft event', async () => {
    const draft = await createEvent(t, { publish: false });
    const res = await codeOf(ada, draft.id).expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});
