import type { AssignmentResponse } from '../../src/allocation/dto/allocation-run.dto';
import { createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

type Person = { id: string; email: string; token: string; organizationId?: string | null; organization?: string };
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const HOUR = 3600_000;

/**
 * Issue 14 on the real app and worker: organizations as records, one interview per
 * organization in first-come booking (a database rule) and in runs, ratings with ties,
 * loads, explanations, numeric seeds and choices of withdrawn volunteers.
 */
describe('allocation for a real fair floor', () => {
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.staffToken();
  });
  afterAll(() => t.close());

  async function runToEnd(eventId: string, body: Record<string, unknown> = {}) {
    const started = await t.http().post(`/api/events/${eventId}/allocation-runs`).set(bearer(staff)).send(body).expect(202);
    return waitFor(async () => {
      const res = await t.http().get(`/api/allocation-runs/${started.body.id}`).set(bearer(staff)).expect(200);
      return ['completed', 'failed'].includes(res.body.status) && res.body;
    }, 60_000);
  }

  const openWindow = () => ({
    preferencesOpenAt: new Date(Date.now() - HOUR).toISOString(),
    preferencesCloseAt: new Date(Date.now() + HOUR).toISOString(),
  });

  describe('organizations', () => {
    it('links volunteers who name the same organization in any case or spacing to one record, and keeps the name', async () => {
      const name = `Globex ${Date.now()}`;
      const a = (await createVolunteer(t, { organization: name })) as Person;
      const b = (await createVolunteer(t, { organization: `  ${name.toUpperCase()} ` })) as Person;
      const none = (await createVolunteer(t, { organization: '' })) as Person;
      expect(a.organizationId).toEqual(expect.any(String));
      expect(b.organizationId).toBe(a.organizationId);
      expect(b.organization).toBe(name);
      expect(none).toMatchObject({ organization: '', organizationId: null });
      const shown = await t.http().get(`/api/volunteers/${b.id}`).set(bearer(staff)).expect(200);
      expect(shown.body).toMatchObject({ organization: name, organizationId: a.organizationId });
      let cursor: string | null = null;
      const names: string[] = [];
      do {
        const page: { body: { items: { name: string }[]; nextCursor: string | null } } = await t
          .http()
          .get('/api/organizations')
          .query(cursor ? { cursor, limit: 500 } : { limit: 500 })
          .set(bearer(staff))
          .expect(200);
        names.push(...page.body.items.map((o) => o.name));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(names.filter((n) => n.toLowerCase() === name.toLowerCase())).toEqual([name]);
      const student = await createStudent(t);
      const refused = await t.http().get('/api/organizations').set(bearer(student.token));
      expect(refused.status).toBe(403);
    });

    it('creates one record when two volunteers of a new organization are created at once', async () => {
      const name = `Initech ${Date.now()}`;
      const [a, b] = (await Promise.all([createVolunteer(t, { organization: name }), createVolunteer(t, { organization: name.toLowerCase() })])) as Person[];
      expect(a.organizationId).toBe(b.organizationId);
    });
  });

  describe('first-come booking', () => {
    let event: { id: string; startsAt: string };
    let acme1: Person;
    let acme2: Person;
    let loner1: Person;
    let loner2: Person;
    let slots: Record<string, { id: string; startsAt: string }[]>;

    beforeAll(async () => {
      event = await createEvent(t, { maxBookingsPerStudent: 4 });
      const org = `Acme ${Date.now()}`;
      [acme1, acme2, loner1, loner2] = (await Promise.all([
        createVolunteer(t, { organization: org }),
        createVolunteer(t, { organization: org }),
        createVolunteer(t, { organization: '' }),
        createVolunteer(t, { organization: '' }),
      ])) as Person[];
      slots = {};
      for (const v of [acme1, acme2, loner1, loner2]) slots[v.id] = await createSlots(t, event.id, v.id, event.startsAt, hoursAfter(event.startsAt, 4));
    });

    it('refuses a second interview with the same organization with 409 ORGANIZATION_ALREADY_BOOKED', async () => {
      const student = await createStudent(t);
      await t.http().post('/api/bookings').set(bearer(student.token)).send({ slotId: slots[acme1.id][0].id }).expect(201);
      const second = await t.http().post('/api/bookings').set(bearer(student.token)).send({ slotId: slots[acme2.id][2].id });
      expect({ status: second.status, code: second.body.code }).toEqual({ status: 409, code: 'ORGANIZATION_ALREADY_BOOKED' });
      const sameVolunteer = await t.http().post('/api/bookings').set(bearer(student.token)).send({ slotId: slots[acme1.id][3].id });
      expect(sameVolunteer.body.code).toBe('ORGANIZATION_ALREADY_BOOKED');
      // Volunteers without an organization are organizations of their own.
      await t.http().post('/api/bookings').set(bearer(student.token)).send({ slotId: slots[loner1.id][1].id }).expect(201);
      await t.http().post('/api/bookings').set(bearer(student.token)).send({ slotId: slots[loner2.id][2].id }).expect(201);
    });

    it('lets exactly one of two simultaneous bookings with one organization win', async () => {
      const student = await createStudent(t);
      const results = await Promise.all(
        [slots[acme1.id][1], slots[acme2.id][3]].map((slot) => t.http().post('/api/bookings').set(bearer(student.token)).send({ slotId: slot.id })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.status === 409)!.body.code).toBe('ORGANIZATION_ALREADY_BOOKED');
      const mine = await t.http().get('/api/bookings/me').set(bearer(student.token)).expect(200);
      expect(mine.body.filter((b: { status: string }) => b.status === 'confirmed')).toHaveLength(1);
    });

    it('refuses to move a booking to another interviewer of an organization the student already has', async () => {
      const student = await createStudent(t);
      await t.http().post('/api/bookings').set(bearer(student.token)).send({ slotId: slots[acme1.id][4].id }).expect(201);
      const other = await t.http().post('/api/bookings').set(bearer(student.token)).send({ slotId: slots[loner1.id][0].id }).expect(201);
      const moved = await t.http().patch(`/api/bookings/${other.body.id}`).set(bearer(staff)).send({ slotId: slots[acme2.id][1].id });
      expect({ status: moved.status, code: moved.body.code }).toEqual({ status: 409, code: 'ORGANIZATION_ALREADY_BOOKED' });
      const unchanged = await t.http().get('/api/bookings/me').set(bearer(student.token)).expect(200);
      expect(unchanged.body.map((b: { slotId: string }) => b.slotId).sort()).toEqual([slots[acme1.id][4].id, slots[loner1.id][0].id].sort());
    });

    it('holds the rule in the database even when the service is bypassed', async () => {
      const student = await createStudent(t);
      await t.http().post('/api/bookings').set(bearer(student.token)).send({ slotId: slots[acme2.id][0].id }).expect(201);
      const other = slots[acme1.id][2];
      await expect(
        t.db.query(
          `INSERT INTO bookings (event_id, slot_id, volunteer_id, student_id, starts_at, ends_at, booking_number)
           VALUES ($1, $2, $3, $4, $5, $6, 2)`,
          [event.id, other.id, acme1.id, student.id, other.startsAt, new Date(Date.parse(other.startsAt) + 30 * 60_000).toISOString()],
        ),
      ).rejects.toMatchObject({ constraint: 'bookings_student_organization_unique' });
    });
  });

  describe('a rated event with organizations, loads and explanations', () => {
    let event: { id: string; startsAt: string; endsAt: string };
    let big: Person[];
    let small: Person;
    let solo: Person;
    let students: Person[];

    beforeAll(async () => {
      event = await createEvent(t, { maxBookingsPerStudent: 2 });
      const bigName = `Bigco ${Date.now()}`;
      big = (await Promise.all([0, 1, 2].map(() => createVolunteer(t, { organization: bigName, expertise: ['finance'] })))) as Person[];
      small = (await createVolunteer(t, { organization: `Smallco ${Date.now()}`, expertise: ['law'] })) as Person;
      solo = (await createVolunteer(t, { organization: '', expertise: ['law'] })) as Person;
      for (const v of [...big, small, solo]) await createSlots(t, event.id, v.id, event.startsAt, hoursAfter(event.startsAt, 2));
      students = (await Promise.all(Array.from({ length: 6 }, () => createStudent(t)))) as Person[];
      await t
        .http()
        .put(`/api/events/${event.id}/allocation-settings`)
        .set(bearer(staff))
        .send({ ...openWindow(), preferenceMode: 'rated', acceptableRating: 2 })
        .expect(200);
    });

    it('takes ratings with ties, and refuses a ranking without ratings in a rated event', async () => {
      const bare = await t.http().put(`/api/events/${event.id}/preferences`).set(bearer(students[0].token)).send({ choices: [{ volunteerId: small.id }] });
      expect({ status: bare.status, code: bare.body.code }).toEqual({ status: 422, code: 'INVALID_PREFERENCES' });
      expect(bare.body.details.problems).toEqual([{ field: 'choices[0].rating', message: expect.stringContaining('rate each choice') }]);
      for (const [i, s] of students.entries()) {
        const body = {
          choices: [
            // Everyone rates Bigco (as an organization, and through its finance tag) high: it must not be stacked.
            { organizationId: big[0].organizationId, rating: 1 },
            { expertise: 'finance', rating: i < 3 ? 1 : 3 },
            { volunteerId: small.id, rating: i < 3 ? 2 : 4 },
            { volunteerId: solo.id, rating: 3 },
          ],
        };
        const res = await t.http().put(`/api/events/${event.id}/preferences`).set(bearer(s.token)).send(body).expect(200);
        expect(res.body.choices.map((c: { rank: number; rating: number }) => [c.rank, c.rating])).toEqual([
          [1, 1],
          [i < 3 ? 1 : 3, i < 3 ? 1 : 3],
          [i < 3 ? 2 : 4, i < 3 ? 2 : 4],
          [3, 3],
        ]);
      }
    });

    it('exports the preferences as an anonymised PrefLib .toi file (staff only)', async () => {
      const res = await t.http().get(`/api/events/${event.id}/preferences/preflib`).set(bearer(staff)).buffer(true).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="preferences-${event.id}.toi"`);
      const text: string = res.text;
      expect(text).toContain('# DATA TYPE: toi');
      expect(text).toContain('# NUMBER VOTERS: 6');
      expect(text).toMatch(/# ALTERNATIVE NAME \d: expertise finance\n/);
      expect(text).toMatch(/# ALTERNATIVE NAME \d: organization 1\n/);
      // Two distinct orders (the first three students and the last three), each with a tie in braces.
      const orders = text.trim().split('\n').filter((l) => !l.startsWith('#'));
      expect(orders).toHaveLength(2);
      for (const line of orders) expect(line).toMatch(/^3: .*\{\d,\d\}/);
      for (const p of [...students, ...big, small, solo]) expect(text).not.toContain(p.id);
      const refused = await t.http().get(`/api/events/${event.id}/preferences/preflib`).set(bearer(students[0].token));
      expect(refused.status).toBe(403);
    });

    it('validates loads and stores them', async () => {
      const both = await t
        .http()
        .put(`/api/events/${event.id}/allocation-loads`)
        .set(bearer(staff))
        .send({ loads: [{ organizationId: small.organizationId, volunteerId: small.id, minInterviews: 1 }] });
      expect({ status: both.status, code: both.body.code }).toEqual({ status: 422, code: 'INVALID_ALLOCATION_LOADS' });
      const inverted = await t
        .http()
        .put(`/api/events/${event.id}/allocation-loads`)
        .set(bearer(staff))
        .send({ loads: [{ organizationId: small.organizationId, minInterviews: 3, maxInterviews: 2 }] });
      expect(inverted.body.code).toBe('INVALID_ALLOCATION_LOADS');
      const unknown = await t
        .http()
        .put(`/api/events/${event.id}/allocation-loads`)
        .set(bearer(staff))
        .send({ loads: [{ organizationId: '00000000-0000-4000-8000-000000000000', maxInterviews: 2 }] });
      expect(unknown.body.code).toBe('INVALID_ALLOCATION_LOADS');
      const loads = [
        { organizationId: small.organizationId, minInterviews: 3 },
        { volunteerId: solo.id, minInterviews: 50, maxInterviews: 60 },
      ];
      const res = await t.http().put(`/api/events/${event.id}/allocation-loads`).set(bearer(staff)).send({ loads }).expect(200);
      expect(res.body.loads).toHaveLength(2);
      expect((await t.http().get(`/api/events/${event.id}/allocation-loads`).set(bearer(staff)).expect(200)).body).toEqual(res.body);
    });

    it('runs with a numeric seed, one interview per organization, the acceptable-rating cap, and minimums met or released', async () => {
      const run = await runToEnd(event.id, { seed: 42 });
      expect(run).toMatchObject({ status: 'completed', seed: '42', droppedChoices: 0 });
      expect(run.stats).toMatchObject({ worstRegret: expect.any(Number), regretLowerBound: expect.any(Number), regretProven: expect.any(Boolean) });
      expect(run.loads).toEqual([
        { kind: 'organization', id: small.organizationId, minInterviews: 3, maxInterviews: null, interviews: 3, status: 'met' },
        { kind: 'volunteer', id: solo.id, minInterviews: 50, maxInterviews: 60, interviews: expect.any(Number), status: 'released' },
      ]);
      const items = (await t.http().get(`/api/allocation-runs/${run.id}/assignments`).query({ limit: 500 }).set(bearer(staff)).expect(200)).body
        .items as AssignmentResponse[];
      const bigIds = new Set(big.map((v) => v.id));
      for (const s of students) {
        const mine = items.filter((a) => a.studentId === s.id);
        expect(mine.filter((a) => bigIds.has(a.volunteerId)).length).toBeLessThanOrEqual(1);
        // acceptableRating 2: the last three rated only one choice 1 or 2, so they get one interview.
        if (students.indexOf(s) >= 3) expect(mine.length).toBeLessThanOrEqual(1);
      }
      expect(items.filter((a) => a.volunteerId === small.id)).toHaveLength(3);
      const numeric = await t.http().post(`/api/events/${event.id}/allocation-runs`).set(bearer(staff)).send({ seed: 1.5 });
      expect({ status: numeric.status, code: numeric.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });

      // Staff read any student's explanation on the run; it names no other student.
      const explained = await t.http().get(`/api/allocation-runs/${run.id}/explanations/${students[4].id}`).set(bearer(staff)).expect(200);
      expect(explained.body).toMatchObject({ runId: run.id, studentId: students[4].id, limit: 1, choices: expect.any(Array) });
      expect(explained.body.choices).toHaveLength(4);
      const text = JSON.stringify(explained.body);
      for (const other of students.filter((s) => s !== students[4])) expect(text).not.toContain(other.id);

      // Students read their own, once the run is published; never another's.
      const early = await t.http().get(`/api/events/${event.id}/allocation/explanation`).set(bearer(students[0].token));
      expect({ status: early.status, code: early.body.code }).toEqual({ status: 422, code: 'NO_PUBLISHED_ALLOCATION' });
      await t.http().post(`/api/allocation-runs/${run.id}/publish`).set(bearer(staff)).expect(200);
      const own = await t.http().get(`/api/events/${event.id}/allocation/explanation`).set(bearer(students[0].token)).expect(200);
      expect(own.body).toMatchObject({ runId: run.id, studentId: students[0].id });
      expect(own.body.choices.map((c: { outcome: string }) => c.outcome)).toContain('assigned');
      const byStaff = await t.http().get(`/api/events/${event.id}/allocation/explanation`).set(bearer(staff));
      expect(byStaff.status).toBe(403);
      const asVolunteer = await t.http().get(`/api/events/${event.id}/allocation/explanation`).set(bearer(small.token));
      expect(asVolunteer.status).toBe(403);
    });
  });

  describe('choices of a withdrawn volunteer', () => {
    it('are flagged in the preferences and counted as dropped by the run, which still places the student', async () => {
      const event = await createEvent(t, { maxBookingsPerStudent: 1 });
      const [leaving, staying] = (await Promise.all([createVolunteer(t), createVolunteer(t)])) as Person[];
      for (const v of [leaving, staying]) await createSlots(t, event.id, v.id, event.startsAt, hoursAfter(event.startsAt, 1));
      await t.http().put(`/api/events/${event.id}/allocation-settings`).set(bearer(staff)).send(openWindow()).expect(200);
      const student = await createStudent(t);
      await t
        .http()
        .put(`/api/events/${event.id}/preferences`)
        .set(bearer(student.token))
        .send({ choices: [{ volunteerId: leaving.id }, { volunteerId: staying.id }] })
        .expect(200);
      await t.http().post(`/api/events/${event.id}/volunteers/${leaving.id}/withdrawal`).set(bearer(staff)).expect(200);
      const prefs = await t.http().get(`/api/events/${event.id}/preferences`).set(bearer(student.token)).expect(200);
      expect(prefs.body.choices).toEqual([
        { rank: 1, volunteerId: leaving.id, available: false },
        { rank: 2, volunteerId: staying.id, available: true },
      ]);
      const run = await runToEnd(event.id);
      expect(run).toMatchObject({ status: 'completed', droppedChoices: 1, stats: { studentsPlaced: 1 } });
      const items = (await t.http().get(`/api/allocation-runs/${run.id}/assignments`).set(bearer(staff)).expect(200)).body.items as AssignmentResponse[];
      // The staying volunteer moved up to rank 1: the student got their best available choice.
      expect(items).toEqual([expect.objectContaining({ studentId: student.id, volunteerId: staying.id, rank: 1 })]);
    });
  });
});
