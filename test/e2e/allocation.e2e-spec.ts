import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { AssignmentResponse } from '../../src/allocation/dto/allocation-run.dto';
import { QueueName } from '../../src/queue/jobs';
import { bookingRequest, createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

type Person = { id: string; email: string; token: string };
const HOUR = 3600_000;

/** Preferences, allocation runs and publishing (issue 3), against the real worker role. */
describe('allocation', () => {
  let t: TestApp;
  let staff: string;
  let event: { id: string; startsAt: string; endsAt: string };
  let finance1: Person;
  let finance2: Person;
  let software: Person;
  let outsider: Person;
  let students: Person[];

  const openWindow = () => ({
    preferencesOpenAt: new Date(Date.now() - HOUR).toISOString(),
    preferencesCloseAt: new Date(Date.now() + HOUR).toISOString(),
  });

  async function runToEnd(eventId: string, seed?: string) {
    const started = await t.http().post(`/api/events/${eventId}/allocation-runs`).set(bearer(staff)).send(seed ? { seed } : {}).expect(202);
    expect(started.body).toEqual({ id: expect.any(String), status: 'queued' });
    return waitFor(async () => {
      const res = await t.http().get(`/api/allocation-runs/${started.body.id}`).set(bearer(staff)).expect(200);
      return ['completed', 'failed'].includes(res.body.status) && res.body;
    }, 30_000);
  }

  async function assignmentsOf(runId: string) {
    const res = await t.http().get(`/api/allocation-runs/${runId}/assignments`).query({ limit: 500 }).set(bearer(staff)).expect(200);
    return res.body.items as AssignmentResponse[];
  }

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.staffToken();
    event = await createEvent(t, { maxBookingsPerStudent: 2 });
    [finance1, finance2, software, outsider] = await Promise.all([
      createVolunteer(t, { expertise: ['finance'] }),
      createVolunteer(t, { expertise: ['finance', 'consulting'] }),
      createVolunteer(t, { expertise: ['software'] }),
      createVolunteer(t, { expertise: ['law'] }),
    ]);
    // Two hours each: four 30-minute slots per volunteer, twelve in all.
    for (const v of [finance1, finance2, software]) await createSlots(t, event.id, v.id, event.startsAt, hoursAfter(event.startsAt, 2));
    students = await Promise.all(Array.from({ length: 8 }, () => createStudent(t)));
  });
  afterAll(() => t.close());

  describe('settings', () => {
    it('defaults to closed preferences with 5 choices and the event limit', async () => {
      const res = await t.http().get(`/api/events/${event.id}/allocation-settings`).set(bearer(staff)).expect(200);
      expect(res.body).toEqual({
        eventId: event.id,
        preferencesOpenAt: null,
        preferencesCloseAt: null,
        preferenceChoices: 5,
        preferenceMode: 'ranked',
        acceptableRating: null,
        interviewsPerStudent: 2,
      });
    });

    it('refuses preferences while the event takes none', async () => {
      const res = await t.http().put(`/api/events/${event.id}/preferences`).set(bearer(students[0].token)).send({ choices: [{ volunteerId: finance1.id }] });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code: 'PREFERENCES_CLOSED' });
    });

    it('stores the window and the number of choices', async () => {
      const window = openWindow();
      const res = await t.http().put(`/api/events/${event.id}/allocation-settings`).set(bearer(staff)).send({ ...window, preferenceChoices: 3 }).expect(200);
      expect(res.body).toMatchObject({ preferenceChoices: 3, interviewsPerStudent: 2 });
      expect(Date.parse(res.body.preferencesOpenAt)).toBe(Date.parse(window.preferencesOpenAt));
      const again = await t.http().get(`/api/events/${event.id}/allocation-settings`).set(bearer(staff)).expect(200);
      expect(again.body).toEqual(res.body);
    });

    it.each([
      ['a window that closes before it opens', { preferencesOpenAt: new Date().toISOString(), preferencesCloseAt: new Date(Date.now() - HOUR).toISOString() }, 422, 'INVALID_ALLOCATION_SETTINGS'],
      ['only one end of the window', { preferencesOpenAt: null }, 422, 'INVALID_ALLOCATION_SETTINGS'],
      ['zero choices', { preferenceChoices: 0 }, 400, 'VALIDATION_FAILED'],
      ['a time without an offset', { preferencesOpenAt: '2026-03-01T09:00:00' }, 400, 'VALIDATION_FAILED'],
    ])('refuses %s', async (_name, body, status, code) => {
      const res = await t.http().put(`/api/events/${event.id}/allocation-settings`).set(bearer(staff)).send(body);
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    });
  });

  describe('preferences', () => {
    it('stores ranked choices and unavailable times and returns them to the student and to staff', async () => {
      const body = {
        choices: [{ volunteerId: finance1.id }, { expertise: 'software' }],
        unavailable: [{ startsAt: hoursAfter(event.startsAt, 1.5), endsAt: hoursAfter(event.startsAt, 2) }],
      };
      const put = await t.http().put(`/api/events/${event.id}/preferences`).set(bearer(students[0].token)).send(body).expect(200);
      expect(put.body).toMatchObject({
        eventId: event.id,
        studentId: students[0].id,
        choices: [{ rank: 1, volunteerId: finance1.id }, { rank: 2, expertise: 'software' }],
        unavailable: [{ startsAt: expect.any(String), endsAt: expect.any(String) }],
      });
      const own = await t.http().get(`/api/events/${event.id}/preferences`).set(bearer(students[0].token)).expect(200);
      expect(own.body).toEqual(put.body);
      const byStaff = await t.http().get(`/api/events/${event.id}/preferences`).query({ studentId: students[0].id }).set(bearer(staff)).expect(200);
      expect(byStaff.body).toEqual(put.body);
    });

    it('returns empty preferences for a student who has none, to the student and to staff', async () => {
      const empty = { eventId: event.id, studentId: students[7].id, choices: [], unavailable: [], updatedAt: null };
      const res = await t.http().get(`/api/events/${event.id}/preferences`).set(bearer(students[7].token)).expect(200);
      expect(res.body).toEqual(empty);
      const byStaff = await t.http().get(`/api/events/${event.id}/preferences`).query({ studentId: students[7].id }).set(bearer(staff)).expect(200);
      expect(byStaff.body).toEqual(empty);
    });

    it('answers staff 404 for a student or an event that does not exist, not an empty list', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      const student = await t.http().get(`/api/events/${event.id}/preferences`).query({ studentId: unknown }).set(bearer(staff));
      expect({ status: student.status, code: student.body.code, message: student.body.message }).toEqual({ status: 404, code: 'NOT_FOUND', message: 'Student not found' });
      const eventGone = await t.http().get(`/api/events/${unknown}/preferences`).query({ studentId: students[0].id }).set(bearer(staff));
      expect({ status: eventGone.status, code: eventGone.body.code, message: eventGone.body.message }).toEqual({ status: 404, code: 'NOT_FOUND', message: 'Event not found' });
      const malformed = await t.http().get(`/api/events/${event.id}/preferences`).query({ studentId: 'nope' }).set(bearer(staff));
      expect({ status: malformed.status, code: malformed.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    });

    it("keeps one student out of another's preferences and makes staff name the student", async () => {
      const other = await t.http().get(`/api/events/${event.id}/preferences`).query({ studentId: students[0].id }).set(bearer(students[1].token));
      expect({ status: other.status, code: other.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
      const unnamed = await t.http().get(`/api/events/${event.id}/preferences`).set(bearer(staff));
      expect({ status: unnamed.status, code: unnamed.body.code }).toEqual({ status: 422, code: 'STUDENT_REQUIRED' });
    });

    const bad: [string, () => object, string][] = [
      ['an unknown volunteer', () => ({ choices: [{ volunteerId: '00000000-0000-4000-8000-000000000000' }] }), 'choices[0]'],
      ['a volunteer who is not in the event', () => ({ choices: [{ volunteerId: outsider.id }] }), 'choices[0]'],
      ['an expertise nobody in the event has', () => ({ choices: [{ expertise: 'law' }] }), 'choices[0]'],
      ['a duplicate choice', () => ({ choices: [{ expertise: 'finance' }, { volunteerId: software.id }, { expertise: 'finance' }] }), 'choices[2]'],
      ['more choices than allowed', () => ({ choices: [{ volunteerId: finance1.id }, { volunteerId: finance2.id }, { volunteerId: software.id }, { expertise: 'finance' }] }), 'choices'],
      ['a choice naming both a volunteer and a tag', () => ({ choices: [{ volunteerId: finance1.id, expertise: 'finance' }] }), 'choices[0]'],
      ['a choice naming neither', () => ({ choices: [{}] }), 'choices[0]'],
      [
        'unavailability outside the event',
        () => ({ choices: [], unavailable: [{ startsAt: hoursAfter(event.startsAt, -2), endsAt: hoursAfter(event.startsAt, 1) }] }),
        'unavailable[0]',
      ],
      [
        'overlapping unavailable times',
        () => ({
          choices: [],
          unavailable: [
            { startsAt: hoursAfter(event.startsAt, 1), endsAt: hoursAfter(event.startsAt, 2) },
            { startsAt: hoursAfter(event.startsAt, 1.5), endsAt: hoursAfter(event.startsAt, 3) },
          ],
        }),
        'unavailable[1]',
      ],
      [
        'an unavailable time that ends before it starts',
        () => ({ choices: [], unavailable: [{ startsAt: hoursAfter(event.startsAt, 2), endsAt: hoursAfter(event.startsAt, 1) }] }),
        'unavailable[0]',
      ],
    ];
    it.each(bad)('refuses %s with 422 and the reason', async (_name, body, field) => {
      const res = await t.http().put(`/api/events/${event.id}/preferences`).set(bearer(students[6].token)).send(body());
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code: 'INVALID_PREFERENCES' });
      expect(res.body.details.problems).toEqual(expect.arrayContaining([{ field, message: expect.any(String) }]));
      const stored = await t.db.query(`SELECT count(*)::int AS n FROM allocation_preferences WHERE student_id = $1`, [students[6].id]);
      expect(stored).toEqual([{ n: 0 }]);
    });

    it('refuses malformed bodies with 400', async () => {
      for (const body of [{}, { choices: 'finance' }, { choices: [{ volunteerId: 'nope' }] }, { choices: [], unavailable: [{ startsAt: 'soon' }] }]) {
        const res = await t.http().put(`/api/events/${event.id}/preferences`).set(bearer(students[6].token)).send(body);
        expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
      }
    });

    it('refuses submissions before the window opens and after it closes', async () => {
      const later = { preferencesOpenAt: new Date(Date.now() + HOUR).toISOString(), preferencesCloseAt: new Date(Date.now() + 2 * HOUR).toISOString() };
      const earlier = { preferencesOpenAt: new Date(Date.now() - 2 * HOUR).toISOString(), preferencesCloseAt: new Date(Date.now() - HOUR).toISOString() };
      for (const [window, message] of [[later, /not opened/], [earlier, /closed/]] as const) {
        await t.http().put(`/api/events/${event.id}/allocation-settings`).set(bearer(staff)).send(window).expect(200);
        const res = await t.http().put(`/api/events/${event.id}/preferences`).set(bearer(students[6].token)).send({ choices: [{ volunteerId: finance1.id }] });
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code: 'PREFERENCES_CLOSED' });
        expect(res.body.message).toMatch(message);
      }
      await t.http().put(`/api/events/${event.id}/allocation-settings`).set(bearer(staff)).send(openWindow()).expect(200);
    });
  });

  describe('runs', () => {
    let runId: string;

    beforeAll(async () => {
      // Eight students want 12 slots' worth of finance and software, two interviews each.
      const wishes = [
        [{ volunteerId: finance1.id }, { expertise: 'software' }],
        [{ volunteerId: finance1.id }, { volunteerId: finance2.id }],
        [{ expertise: 'finance' }, { volunteerId: software.id }],
        [{ volunteerId: software.id }, { expertise: 'finance' }],
        [{ volunteerId: finance2.id }],
        [{ volunteerId: finance1.id }, { volunteerId: software.id }, { volunteerId: finance2.id }],
        [{ expertise: 'consulting' }, { volunteerId: finance1.id }],
      ];
      // Student 0 cannot attend the last half hour, when every volunteer holds a slot.
      const unavailable = (i: number) => (i === 0 ? [{ startsAt: hoursAfter(event.startsAt, 1.5), endsAt: hoursAfter(event.startsAt, 2) }] : []);
      for (const [i, choices] of wishes.entries()) {
        await t.http().put(`/api/events/${event.id}/preferences`).set(bearer(students[i].token)).send({ choices, unavailable: unavailable(i) }).expect(200);
      }
    });

    it('lets only one run per event be queued or running, across concurrent requests', async () => {
      const answers = await Promise.all([1, 2, 3].map(() => t.http().post(`/api/events/${event.id}/allocation-runs`).set(bearer(staff)).send({ seed: 'race' })));
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([202, 409, 409]);
      expect(answers.find((r) => r.status === 409)!.body.code).toBe('ALLOCATION_RUNNING');
      runId = answers.find((r) => r.status === 202)!.body.id;
      await waitFor(async () => (await t.http().get(`/api/allocation-runs/${runId}`).set(bearer(staff))).body.status === 'completed', 30_000);
    });

    it('runs in the worker and reports the statistics', async () => {
      const run = await runToEnd(event.id, 'seed-1');
      runId = run.id;
      expect(run).toMatchObject({ eventId: event.id, status: 'completed', seed: 'seed-1', progress: 100, error: null, publishedAt: null });
      expect(run.algorithm).toEqual(expect.any(String));
      expect(run.stats).toMatchObject({ studentsWithPreferences: 7, studentsPlaced: 7 });
      expect(run.stats.interviewsPlaced).toBeGreaterThanOrEqual(7);
      expect(run.stats.choiceHistogram).toHaveLength(3);
      expect(run.stats.gapPercent).toBeGreaterThanOrEqual(0);
      expect(run.stats.upperBound).toBeGreaterThanOrEqual(run.stats.objective);
      expect(run.leximin[0]).toMatchObject({ interviews: 1, students: 7 });
      const fingerprint = await t.db.query(`SELECT input_fingerprint FROM allocation_runs WHERE id = $1`, [runId]);
      expect(fingerprint[0].input_fingerprint).toMatch(/^[0-9a-f]{64}$/);
    });

    it('assigns only chosen volunteers, respects unavailability and the limit, and never reuses a slot', async () => {
      const items = await assignmentsOf(runId);
      const run = (await t.http().get(`/api/allocation-runs/${runId}`).set(bearer(staff))).body;
      expect(items).toHaveLength(run.stats.interviewsPlaced);
      expect(new Set(items.map((a) => a.slotId)).size).toBe(items.length);
      const perStudent = new Map<string, typeof items>();
      for (const a of items) perStudent.set(a.studentId, [...(perStudent.get(a.studentId) ?? []), a]);
      for (const list of perStudent.values()) {
        expect(list.length).toBeLessThanOrEqual(2);
        expect(new Set(list.map((a) => a.volunteerId)).size).toBe(list.length);
      }
      for (const a of perStudent.get(students[0].id) ?? []) expect(Date.parse(a.startsAt)).toBeLessThan(Date.parse(hoursAfter(event.startsAt, 1.5)));
      // Student 4 chose finance2 only: at most one interview, with finance2.
      expect((perStudent.get(students[4].id) ?? []).map((a) => a.volunteerId)).toEqual([finance2.id]);
      // Student 6 chose "consulting" (finance2 only) and finance1.
      for (const a of perStudent.get(students[6].id) ?? []) expect([finance2.id, finance1.id]).toContain(a.volunteerId);
    });

    it('pages the assignments with a cursor and serves them as CSV', async () => {
      const all = await assignmentsOf(runId);
      const seen: unknown[] = [];
      let cursor: string | undefined;
      do {
        const res = await t.http().get(`/api/allocation-runs/${runId}/assignments`).query({ limit: 3, ...(cursor ? { cursor } : {}) }).set(bearer(staff)).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(3);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(all);

      const csv = await t.http().get(`/api/allocation-runs/${runId}/assignments`).query({ format: 'csv' }).set(bearer(staff)).expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.text.startsWith('\uFEFF')).toBe(true);
      const lines = csv.text.slice(1).trimEnd().split('\r\n');
      expect(lines[0]).toBe('startsAt,endsAt,student,studentEmail,volunteer,organization,rank,studentId,volunteerId,slotId,bookingId');
      expect(lines.slice(1).map((l) => l.split(',').at(-2))).toEqual(all.map((a) => a.slotId));

      const badCursor = await t.http().get(`/api/allocation-runs/${runId}/assignments`).query({ cursor: 'nope' }).set(bearer(staff));
      expect({ status: badCursor.status, code: badCursor.body.code }).toEqual({ status: 422, code: 'INVALID_CURSOR' });
      const badFormat = await t.http().get(`/api/allocation-runs/${runId}/assignments`).query({ format: 'xml' }).set(bearer(staff));
      expect(badFormat.status).toBe(400);
    });

    it("names the student and the volunteer in the assignments, and prints them with the student's e-mail in the CSV, formulas defused", async () => {
      const names = new Map<string, { name: string; email: string; organization: string }>(
        (await t.db.query(
          `SELECT id, name, email, organization FROM volunteers WHERE id = ANY($1)
           UNION ALL SELECT id, name, email, '' FROM students WHERE id = ANY($2)`,
          [[finance1.id, finance2.id, software.id], students.map((s) => s.id)],
        )).map((r: { id: string; name: string; email: string; organization: string }) => [r.id, r]),
      );
      for (const a of await assignmentsOf(runId)) {
        expect({ studentName: a.studentName, volunteerName: a.volunteerName, organization: a.organization }).toEqual({
          studentName: names.get(a.studentId)!.name,
          volunteerName: names.get(a.volunteerId)!.name,
          organization: names.get(a.volunteerId)!.organization,
        });
      }

      // A student whose name a spreadsheet would run as a formula; the CSV quotes and defuses it.
      await t.db.query(`UPDATE students SET name = '=HYPERLINK("http://evil.test","Ann, Lee")' WHERE id = $1`, [students[5].id]);
      const csv = await t.http().get(`/api/allocation-runs/${runId}/assignments`).query({ format: 'csv' }).set(bearer(staff)).expect(200);
      const rows = csv.text.slice(1).trimEnd().split('\r\n').slice(1);
      const defused = rows.filter((l) => l.includes(students[5].id));
      expect(defused.length).toBeGreaterThan(0);
      for (const line of defused) {
        expect(line).toContain(`,"'=HYPERLINK(""http://evil.test"",""Ann, Lee"")",${students[5].email},`);
      }
      const first = (await assignmentsOf(runId)).find((a) => a.studentId !== students[5].id)!;
      const student = names.get(first.studentId)!;
      const volunteer = names.get(first.volunteerId)!;
      // Wall-clock times in the event's zone (UTC here) as spreadsheets read them, names, e-mail,
      // organization and rank, then the ids (no booking yet).
      const spreadsheet = (iso: string) => new Date(iso).toISOString().slice(0, 19).replace('T', ' ');
      expect(rows).toContain(
        [spreadsheet(first.startsAt), spreadsheet(first.endsAt), student.name, student.email, volunteer.name, volunteer.organization, first.rank, first.studentId, first.volunteerId, first.slotId, ''].join(','),
      );
    });

    it('gives the same assignments for the same inputs and seed', async () => {
      const again = await runToEnd(event.id, 'seed-1');
      expect(again.id).not.toBe(runId);
      expect(again.stats).toEqual((await t.http().get(`/api/allocation-runs/${runId}`).set(bearer(staff))).body.stats);
      const strip = (items: Awaited<ReturnType<typeof assignmentsOf>>) => items.map(({ bookingId: _b, ...a }) => a);
      expect(strip(await assignmentsOf(again.id))).toEqual(strip(await assignmentsOf(runId)));
    });

    it('answers 404 for unknown runs and 422 for a draft event', async () => {
      for (const path of ['', '/assignments']) {
        const res = await t.http().get(`/api/allocation-runs/00000000-0000-4000-8000-000000000000${path}`).set(bearer(staff));
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
      }
      const publish = await t.http().post('/api/allocation-runs/00000000-0000-4000-8000-000000000000/publish').set(bearer(staff));
      expect(publish.status).toBe(404);
      const draft = await createEvent(t, { publish: false });
      const res = await t.http().post(`/api/events/${draft.id}/allocation-runs`).set(bearer(staff)).send({});
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code: 'EVENT_NOT_PUBLISHED' });
      const badSeed = await t.http().post(`/api/events/${event.id}/allocation-runs`).set(bearer(staff)).send({ seed: 'has spaces' });
      expect(badSeed.status).toBe(400);
    });

    it('refuses to publish a run that did not complete', async () => {
      const [failed] = await t.db.query(`INSERT INTO allocation_runs (event_id, seed, status, error) VALUES ($1, 'x', 'failed', 'test') RETURNING id`, [event.id]);
      const res = await t.http().post(`/api/allocation-runs/${failed.id}/publish`).set(bearer(staff));
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'ALLOCATION_NOT_COMPLETED' });
    });

    it('refuses to publish with ALLOCATION_STALE when preferences changed, writing nothing', async () => {
      const run = await runToEnd(event.id, 'stale-prefs');
      await t.http().put(`/api/events/${event.id}/preferences`).set(bearer(students[7].token)).send({ choices: [{ volunteerId: software.id }] }).expect(200);
      const res = await t.http().post(`/api/allocation-runs/${run.id}/publish`).set(bearer(staff));
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'ALLOCATION_STALE' });
      expect(await t.db.query(`SELECT count(*)::int AS n FROM bookings WHERE event_id = $1`, [event.id])).toEqual([{ n: 0 }]);
    });

    it('refuses to publish with ALLOCATION_STALE when a slot was booked first-come meanwhile, writing nothing', async () => {
      const run = await runToEnd(event.id, 'stale-slot');
      const [taken] = await assignmentsOf(run.id);
      // Someone without preferences books one of the run's slots.
      await bookingRequest(t, staff, { slotId: taken.slotId, studentId: (await createStudent(t)).id }).expect(201);
      const res = await t.http().post(`/api/allocation-runs/${run.id}/publish`).set(bearer(staff));
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'ALLOCATION_STALE' });
      const booked = await t.db.query(`SELECT count(*)::int AS n FROM bookings WHERE event_id = $1`, [event.id]);
      expect(booked).toEqual([{ n: 1 }]);
    });

    it('publishes a fresh run as confirmed bookings with change-log rows, once, even when asked twice at the same time', async () => {
      const run = await runToEnd(event.id, 'publish-me');
      const items = await assignmentsOf(run.id);
      // Two publishes at once: the run row lock serialises them, and the second finds it published.
      const [first, concurrent] = await Promise.all(
        [1, 2].map(() => t.http().post(`/api/allocation-runs/${run.id}/publish`).set(bearer(staff)).expect(200)),
      );
      expect(first.body).toEqual({ runId: run.id, publishedAt: expect.any(String), bookingsCreated: items.length });
      expect(concurrent.body).toEqual(first.body);

      const bookings: { id: string; slot_id: string; student_id: string; booking_number: number }[] = await t.db.query(
        `SELECT b.id, b.slot_id, b.student_id, b.booking_number FROM bookings b
           JOIN allocation_assignments a ON a.booking_id = b.id AND a.run_id = $1
          WHERE b.status = 'confirmed'`,
        [run.id],
      );
      expect(bookings.map((b) => b.slot_id).sort()).toEqual(items.map((a) => a.slotId).sort());
      for (const b of bookings) expect([1, 2]).toContain(b.booking_number);
      const changes = await t.db.query(`SELECT count(*)::int AS n FROM booking_changes WHERE change = 'confirmed' AND booking_id = ANY($1::uuid[])`, [bookings.map((b) => b.id)]);
      expect(changes).toEqual([{ n: items.length }]);

      const second = await t.http().post(`/api/allocation-runs/${run.id}/publish`).set(bearer(staff)).expect(200);
      expect(second.body).toEqual(first.body);
      const total = await t.db.query(`SELECT count(*)::int AS n FROM bookings WHERE event_id = $1 AND status = 'confirmed'`, [event.id]);
      expect(total).toEqual([{ n: items.length + 1 }]);

      const shown = await t.http().get(`/api/allocation-runs/${run.id}`).set(bearer(staff)).expect(200);
      expect(shown.body.publishedAt).toEqual(expect.any(String));
      const withBookings = await assignmentsOf(run.id);
      expect(withBookings.every((a) => a.bookingId)).toBe(true);

      // The students see their interviews.
      const mine = await t.http().get('/api/bookings/me').set(bearer(students[1].token)).expect(200);
      expect(mine.body.length).toBe(items.filter((a) => a.studentId === students[1].id).length);
    });

    it('counts published bookings as fixed in the next run', async () => {
      const run = await runToEnd(event.id, 'after-publish');
      // Each student already holds up to two interviews; the remaining free slots go only to those below the limit.
      const held: { student_id: string; n: number }[] = await t.db.query(
        `SELECT student_id, count(*)::int AS n FROM bookings WHERE event_id = $1 AND status = 'confirmed' GROUP BY student_id`,
        [event.id],
      );
      const items = await assignmentsOf(run.id);
      for (const { student_id, n } of held) {
        expect(items.filter((a) => a.studentId === student_id).length + n).toBeLessThanOrEqual(2);
      }
      expect(run.unplaced.every((u: { reason: string }) => ['limit-reached', 'no-available-choice', 'conflicts', 'capacity'].includes(u.reason))).toBe(true);
    });

    it("lists the event's runs newest first, in pages, with their stats but not the unplaced students", async () => {
      const listed: Record<string, unknown>[] = [];
      let cursor: string | undefined;
      do {
        const res = await t.http().get(`/api/events/${event.id}/allocation-runs`).query({ limit: 2, ...(cursor ? { cursor } : {}) }).set(bearer(staff)).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        listed.push(...res.body.items);
        cursor = res.body.nextCursor ?? undefined;
      } while (cursor);
      const stored: { id: string }[] = await t.db.query(`SELECT id FROM allocation_runs WHERE event_id = $1 ORDER BY created_at DESC, id DESC`, [event.id]);
      expect(listed.map((r) => r.id)).toEqual(stored.map((r) => r.id));
      expect(listed.length).toBeGreaterThanOrEqual(8);

      for (const item of listed) {
        const detail = (await t.http().get(`/api/allocation-runs/${item.id}`).set(bearer(staff)).expect(200)).body;
        const { leximin: _l, unplaced: _u, timings: _t, loads: _lo, droppedChoices: _d, ...summary } = detail;
        expect(item).toEqual(summary);
      }
      const published = listed.find((r) => r.publishedAt);
      expect(published).toMatchObject({ status: 'completed', progress: 100, stats: { studentsPlaced: expect.any(Number) } });
      expect(listed.find((r) => r.status === 'failed')).toMatchObject({ stats: null, error: 'test' });
    });

    it('answers 404 for the runs of an unknown event, 422 for a bad cursor and 400 for a bad limit', async () => {
      const unknown = await t.http().get('/api/events/00000000-0000-4000-8000-000000000000/allocation-runs').set(bearer(staff));
      expect({ status: unknown.status, code: unknown.body.code, message: unknown.body.message }).toEqual({ status: 404, code: 'NOT_FOUND', message: 'Event not found' });
      const notUuid = await t.http().get('/api/events/nope/allocation-runs').set(bearer(staff));
      expect({ status: notUuid.status, code: notUuid.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
      const badCursor = await t.http().get(`/api/events/${event.id}/allocation-runs`).query({ cursor: 'nope' }).set(bearer(staff));
      expect({ status: badCursor.status, code: badCursor.body.code }).toEqual({ status: 422, code: 'INVALID_CURSOR' });
      for (const limit of ['0', '501', 'ten']) {
        const res = await t.http().get(`/api/events/${event.id}/allocation-runs`).query({ limit }).set(bearer(staff));
        expect({ limit, status: res.status, code: res.body.code, field: res.body.errors?.[0]?.field }).toEqual({ limit, status: 400, code: 'VALIDATION_FAILED', field: 'limit' });
      }
      const draft = await createEvent(t, { publish: false });
      const none = await t.http().get(`/api/events/${draft.id}/allocation-runs`).set(bearer(staff)).expect(200);
      expect(none.body).toEqual({ items: [], nextCursor: null });
    });

    it('pages runs created within the same millisecond without losing or repeating one', async () => {
      const other = await createEvent(t, { publish: false });
      // PostgreSQL keeps microseconds, the cursor milliseconds: three runs share .123 here.
      const times = ['2026-01-01T10:00:00.123456Z', '2026-01-01T10:00:00.123001Z', '2026-01-01T10:00:00.123999Z', '2026-01-01T10:00:00.122Z', '2026-01-01T10:00:00.124Z'];
      for (const at of times) {
        await t.db.query(`INSERT INTO allocation_runs (event_id, seed, status, error, created_at) VALUES ($1, 'x', 'failed', 'test', $2)`, [other.id, at]);
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const res = await t.http().get(`/api/events/${other.id}/allocation-runs`).query({ limit: 1, ...(cursor ? { cursor } : {}) }).set(bearer(staff)).expect(200);
        seen.push(...res.body.items.map((r: { id: string }) => r.id));
        cursor = res.body.nextCursor ?? undefined;
      } while (cursor);
      const all: { id: string }[] = await t.db.query(`SELECT id FROM allocation_runs WHERE event_id = $1`, [other.id]);
      expect([...seen].sort()).toEqual(all.map((r) => r.id).sort());
      expect(seen).toHaveLength(5);
      const [newest] = await t.db.query(`SELECT id FROM allocation_runs WHERE event_id = $1 AND created_at = '2026-01-01T10:00:00.124Z'`, [other.id]);
      expect(seen[0]).toBe(newest.id);
    });
  });

  describe('publishing against a first-come booking at the same moment', () => {
    it('lets exactly one of them have the slot, and publishes all or nothing', async () => {
      const other = await createEvent(t, { maxBookingsPerStudent: 1 });
      const v = await createVolunteer(t, { expertise: ['finance'] });
      await createSlots(t, other.id, v.id, hoursAfter(other.startsAt, 5), hoursAfter(other.startsAt, 7));
      await t.http().put(`/api/events/${other.id}/allocation-settings`).set(bearer(staff)).send(openWindow()).expect(200);
      const rankers = await Promise.all([1, 2, 3].map(() => createStudent(t)));
      for (const s of rankers) {
        await t.http().put(`/api/events/${other.id}/preferences`).set(bearer(s.token)).send({ choices: [{ volunteerId: v.id }] }).expect(200);
      }
      const run = await runToEnd(other.id, 'race-publish');
      const items = await assignmentsOf(run.id);
      expect(items).toHaveLength(3);
      const rival = await createStudent(t);

      const [publish, booking] = await Promise.all([
        t.http().post(`/api/allocation-runs/${run.id}/publish`).set(bearer(staff)),
        bookingRequest(t, rival.token, { slotId: items[0].slotId }),
      ]);
      const outcome = { publish: publish.body.code ?? publish.status, booking: booking.body.code ?? booking.status };
      expect([
        { publish: 200, booking: 'SLOT_TAKEN' },
        { publish: 'ALLOCATION_STALE', booking: 201 },
      ]).toContainEqual(outcome);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM bookings WHERE event_id = $1 AND status = 'confirmed'`, [other.id]);
      expect(n).toBe(outcome.publish === 200 ? 3 : 1);
    });
  });

  describe('the advisory lock', () => {
    it('keeps a run waiting while another process holds the event lock, then runs it', async () => {
      const other = await createEvent(t, { maxBookingsPerStudent: 1 });
      const v = await createVolunteer(t, { expertise: ['finance'] });
      await createSlots(t, other.id, v.id, hoursAfter(other.startsAt, 3), hoursAfter(other.startsAt, 4));
      await t.http().put(`/api/events/${other.id}/allocation-settings`).set(bearer(staff)).send(openWindow()).expect(200);
      await t.http().put(`/api/events/${other.id}/preferences`).set(bearer(students[7].token)).send({ choices: [{ volunteerId: v.id }] }).expect(200);

      const holder = t.db.createQueryRunner();
      await holder.connect();
      try {
        await holder.query(`SELECT pg_advisory_lock(hashtext('fairgrid:allocation'), hashtext($1))`, [other.id]);
        const started = await t.http().post(`/api/events/${other.id}/allocation-runs`).set(bearer(staff)).send({}).expect(202);
        // The worker has taken the job and found the lock held (not a guess at how long that takes).
        const queue = t.app.get<Queue>(getQueueToken(QueueName.Allocation));
        await waitFor(async () => ((await queue.getJob(started.body.id))?.attemptsMade ?? 0) >= 1, 30_000);
        const waiting = await t.http().get(`/api/allocation-runs/${started.body.id}`).set(bearer(staff)).expect(200);
        expect(['queued', 'running']).toContain(waiting.body.status);
        expect(waiting.body.progress).toBe(0);
        await holder.query(`SELECT pg_advisory_unlock(hashtext('fairgrid:allocation'), hashtext($1))`, [other.id]);
        const done = await waitFor(async () => {
          const res = await t.http().get(`/api/allocation-runs/${started.body.id}`).set(bearer(staff));
          return res.body.status === 'completed' && res.body;
        }, 30_000);
        expect(done.stats).toMatchObject({ studentsPlaced: 1, interviewsPlaced: 1 });
      } finally {
        await holder.release();
      }
    });

    it('marks the run failed once every attempt found the lock taken, freeing the event for a new run', async () => {
      const other = await createEvent(t, { maxBookingsPerStudent: 1 });
      const holder = t.db.createQueryRunner();
      await holder.connect();
      try {
        await holder.query(`SELECT pg_advisory_lock(hashtext('fairgrid:allocation'), hashtext($1))`, [other.id]);
        const started = await t.http().post(`/api/events/${other.id}/allocation-runs`).set(bearer(staff)).send({}).expect(202);
        // Three attempts, 2 s and 4 s apart.
        const failed = await waitFor(async () => {
          const res = await t.http().get(`/api/allocation-runs/${started.body.id}`).set(bearer(staff));
          return res.body.status === 'failed' && res.body;
        }, 30_000);
        expect(failed).toMatchObject({ status: 'failed', error: expect.any(String), stats: null, finishedAt: expect.any(String) });
        await holder.query(`SELECT pg_advisory_unlock(hashtext('fairgrid:allocation'), hashtext($1))`, [other.id]);
        const publish = await t.http().post(`/api/allocation-runs/${started.body.id}/publish`).set(bearer(staff));
        expect({ status: publish.status, code: publish.body.code }).toEqual({ status: 409, code: 'ALLOCATION_NOT_COMPLETED' });
        await runToEnd(other.id);
      } finally {
        await holder.release();
      }
    });
  });
});
