import { FloorService } from '../../src/floor/floor.service';
import { bookingRequest, createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

interface Place {
  label: string;
  kind: string;
  x: number;
  y: number;
  width: number;
  height: number;
  rotation?: number;
  exhibitorId?: string;
  assignments?: { volunteerId: string; startsAt: string; endsAt: string }[];
}
const hall = (key: string, name: string, places: Place[], width = 30, height = 20) => ({ key, name, width, height, places });
const booth = (label: string, x: number, y: number, exhibitorId?: string): Place => ({ label, kind: 'booth', x, y, width: 3, height: 2, ...(exhibitorId ? { exhibitorId } : {}) });
const table = (label: string, x: number, y: number, assignments: Place['assignments'] = []): Place => ({ label, kind: 'interview_table', x, y, width: 2, height: 1, assignments });

describe('floor plans', () => {
  let t: TestApp;
  let staff: string;
  let event: { id: string; startsAt: string };
  let exhibitors: { id: string }[];
  let volunteerA: { id: string; token: string };
  let volunteerB: { id: string; token: string };
  let outsider: { id: string };
  let student: { id: string; token: string };
  let bookingIds: string[];

  const put = (body: object, eventId = event.id, headers: Record<string, string> = {}) =>
    t.http().put(`/api/events/${eventId}/floor-plan`).set(bearer(staff)).set(headers).send(body);
  const get = (token = staff, eventId = event.id) => t.http().get(`/api/events/${eventId}/floor-plan`).set(bearer(token));
  const changesOf = async (ids: string[]) =>
    (await t.db.query(`SELECT booking_id, change FROM booking_changes WHERE booking_id = ANY($1) AND change = 'updated' ORDER BY id`, [ids])) as {
      booking_id: string;
    }[];

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.staffToken();
    event = await createEvent(t, { maxBookingsPerStudent: 10 });
    let secondStudent: { token: string };
    [volunteerA, volunteerB, outsider, student, secondStudent] = await Promise.all([
      createVolunteer(t, { organization: 'Acme' }),
      createVolunteer(t, { organization: 'Acme' }),
      createVolunteer(t),
      createStudent(t),
      createStudent(t),
    ]);
    exhibitors = [];
    for (const organization of ['Acme', 'Globex', 'Initech']) {
      const res = await t.http().post(`/api/events/${event.id}/exhibitors`).set(bearer(staff)).send({ organization }).expect(201);
      exhibitors.push(res.body);
    }
    // A and B take part (availability in the event); the outsider only in another event.
    const slotsA = await createSlots(t, event.id, volunteerA.id, event.startsAt, hoursAfter(event.startsAt, 4));
    await createSlots(t, event.id, volunteerB.id, event.startsAt, hoursAfter(event.startsAt, 4));
    const other = await createEvent(t, { startsAt: hoursAfter(event.startsAt, 24), endsAt: hoursAfter(event.startsAt, 32) });
    await createSlots(t, other.id, outsider.id, hoursAfter(event.startsAt, 24), hoursAfter(event.startsAt, 25));
    // The student books A's first slot (09:00), another student A's slot at 11:00 (one interview per organization each).
    bookingIds = [];
    for (const [slot, booker] of [
      [slotsA[0], student],
      [slotsA.find((s) => s.startsAt === hoursAfter(event.startsAt, 2))!, secondStudent],
    ] as const) {
      const res = await bookingRequest(t, booker.token, { slotId: slot.id }).expect(201);
      bookingIds.push(res.body.id);
    }
  });
  afterAll(() => t.close());

  it('has version 0 and no halls before the first plan, with ETag "0"', async () => {
    const res = await get().expect(200);
    expect(res.body).toEqual({ eventId: event.id, version: 0, halls: [], updatedAt: null });
    expect(res.headers.etag).toBe('"0"');
  });

  it('stores a plan, returns it with version 1 and an ETag, and shows it to students and volunteers', async () => {
    const plan = {
      version: 0,
      halls: [
        hall('A', 'Hall A', [booth('B1', 0, 0, exhibitors[0].id), booth('B2', 3, 0, exhibitors[1].id), { label: 'Entrance', kind: 'entrance', x: 0, y: 18, width: 3, height: 2 }]),
        hall('B', 'Hall B', [table('Table 12', 5, 5), { label: 'Desk', kind: 'check_in', x: 0, y: 2, width: 4, height: 1, rotation: 90 }], 15, 10),
      ],
    };
    const res = await put(plan).expect(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body.version).toBe(1);
    expect(res.body.halls[0].places[0]).toEqual({ label: 'B1', kind: 'booth', x: 0, y: 0, width: 3, height: 2, rotation: 0, exhibitorId: exhibitors[0].id });
    for (const token of [student.token, volunteerA.token, staff]) {
      const read = await get(token).expect(200);
      expect(read.body.version).toBe(1);
      expect(read.headers.etag).toBe('"1"');
      expect(read.body.halls.map((h: { name: string }) => h.name)).toEqual(['Hall A', 'Hall B']);
    }
    const places = await t.db.query(`SELECT label, kind, hall_name FROM floor_places WHERE event_id = $1 ORDER BY label`, [event.id]);
    expect(places).toHaveLength(5);
    // Nobody sits at a table yet, so no booking moved.
    expect(await changesOf(bookingIds)).toEqual([]);
  });

  it('refuses a stale version with 409 and a stale If-Match with 412, storing nothing', async () => {
    const stale = await put({ version: 0, halls: [] }).expect(409);
    expect(stale.body).toMatchObject({ code: 'FLOOR_PLAN_STALE', details: { currentVersion: 1 } });
    const ahead = await put({ version: 7, halls: [] }).expect(409);
    expect(ahead.body.code).toBe('FLOOR_PLAN_STALE');
    const precondition = await put({ version: 1, halls: [] }, event.id, { 'If-Match': '"0"' }).expect(412);
    expect(precondition.body).toMatchObject({ code: 'FLOOR_PLAN_PRECONDITION_FAILED', details: { currentVersion: 1 } });
    // A weak tag never matches If-Match (RFC 9110 §13.1.1).
    await put({ version: 1, halls: [] }, event.id, { 'If-Match': 'W/"1"' }).expect(412);
    expect((await get().expect(200)).body.halls).toHaveLength(2);
  });

  it('accepts a matching If-Match (a list or *) along with the current version', async () => {
    const current = await get().expect(200);
    const same = { version: current.body.version, halls: current.body.halls };
    const res = await put(same, event.id, { 'If-Match': `"99", ${current.headers.etag}` }).expect(200);
    expect(res.body.version).toBe(2);
    const star = await put({ ...same, version: 2 }, event.id, { 'If-Match': '*' }).expect(200);
    expect(star.headers.etag).toBe('"3"');
  });

  it('lets only one of two concurrent writers of the same version win', async () => {
    const current = await get().expect(200);
    const body = { version: current.body.version, halls: current.body.halls };
    const results = await Promise.all([put(body), put(body), put(body)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect((await get().expect(200)).body.version).toBe(current.body.version + 1);
  });

  it('rejects a plan with every problem listed by label (422) and stores nothing', async () => {
    const before = await get().expect(200);
    const at = (h: number) => hoursAfter(event.startsAt, h);
    const res = await put({
      version: before.body.version,
      halls: [
        hall('A', 'Hall A', [
          booth('Out', 29, 0),
          booth('B1', 0, 0, exhibitors[0].id),
          booth('B2', 1, 1, exhibitors[0].id),
          booth('B3', 10, 0, '00000000-0000-4000-8000-000000000000'),
          table('T1', 0, 10, [{ volunteerId: volunteerA.id, startsAt: at(0), endsAt: at(3) }]),
          table('T2', 5, 10, [{ volunteerId: volunteerA.id, startsAt: at(2), endsAt: at(4) }]),
          table('T3', 10, 10, [{ volunteerId: outsider.id, startsAt: at(0), endsAt: at(1) }]),
          // 4 × 1 turned 90° about its centre covers x 16.5..17.5, y 8.5..12.5: it hits T4.
          { label: 'Turned', kind: 'booth', x: 15, y: 10, width: 4, height: 1, rotation: 90 },
          table('T4', 17, 12),
        ]),
        hall('B', 'Hall B', [booth('B1', 0, 0)]),
      ],
    }).expect(422);
    expect(res.body.code).toBe('FLOOR_PLAN_INVALID');
    const problems = res.body.details.problems as { label: string; reason: string }[];
    const reasonsOf = (label: string) => problems.filter((p) => p.label === label).map((p) => p.reason);
    expect(reasonsOf('Out')).toEqual([expect.stringContaining('outside hall A')]);
    expect(reasonsOf('B2')).toEqual(expect.arrayContaining([expect.stringContaining('already has booth B1'), 'overlaps B1']));
    expect(reasonsOf('B3')).toEqual([expect.stringContaining('not an exhibitor of this event')]);
    expect(reasonsOf('T2')).toEqual([expect.stringContaining(`volunteer ${volunteerA.id} is also at T1`)]);
    expect(reasonsOf('T3')).toEqual([expect.stringContaining('not a volunteer of this event')]);
    expect(reasonsOf('T4')).toEqual(['overlaps Turned']);
    expect(reasonsOf('B1')).toEqual([expect.stringContaining('label is used by another place')]);
    expect(res.body.details.problemCount).toBe(problems.length);
    expect(problems).toHaveLength(8);

    const after = await get().expect(200);
    expect(after.body).toEqual(before.body);
  });

  it('refuses an exhibitor of another event, and malformed plans with 400', async () => {
    const other = await createEvent(t, { startsAt: hoursAfter(event.startsAt, 48), endsAt: hoursAfter(event.startsAt, 56) });
    const foreign = await t.http().post(`/api/events/${other.id}/exhibitors`).set(bearer(staff)).send({ organization: 'Foreign' }).expect(201);
    const { version } = (await get().expect(200)).body;
    const res = await put({ version, halls: [hall('A', 'A', [booth('F1', 0, 0, foreign.body.id)])] }).expect(422);
    expect(res.body.details.problems).toEqual([
      { label: 'F1', code: 'exhibitorUnknown', params: { exhibitor: expect.any(String) }, reason: expect.stringContaining('not an exhibitor of this event') },
    ]);

    const malformed = await put({
      version,
      halls: [{ key: 'bad key!', name: '', width: 0, height: 10, places: [{ label: 'X', kind: 'stage', x: 0, y: 0, width: -1, height: 1, rotation: 45 }] }],
    }).expect(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
    const fields = malformed.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['halls.0.key', 'halls.0.name', 'halls.0.width', 'halls.0.places.0.kind', 'halls.0.places.0.width', 'halls.0.places.0.rotation']),
    );
    await put({ halls: [] }).expect(400);
    await put({ version: 0, halls: [] }, '00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('hides the plan of a draft event from students and volunteers', async () => {
    const draft = await createEvent(t, { publish: false });
    await put({ version: 0, halls: [] }, draft.id).expect(200);
    for (const token of [student.token, volunteerA.token]) {
      const res = await get(token, draft.id).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      await t.http().get(`/api/events/${draft.id}/floor-plan.svg`).set(bearer(token)).expect(404);
    }
    await get(staff, draft.id).expect(200);
  });

  describe('tables and booked interviews', () => {
    const floor = () => t.app.get(FloorService);
    const at = (h: number) => hoursAfter(event.startsAt, h);
    const planWith = async (tables: Place[], hallName = 'Hall B') => {
      const { version } = (await get().expect(200)).body;
      return put({ version, halls: [hall('A', 'Hall A', [booth('B1', 0, 0, exhibitors[0].id)]), hall('B', hallName, tables, 15, 10)] }).expect(200);
    };

    it("places a volunteer at a table: their booked interviews get the table's location and are logged as updated", async () => {
      await planWith([
        table('Table 12', 5, 5, [{ volunteerId: volunteerA.id, startsAt: at(0), endsAt: at(1.5) }, { volunteerId: volunteerB.id, startsAt: at(1.5), endsAt: at(4) }]),
        table('Table 13', 8, 5, [{ volunteerId: volunteerA.id, startsAt: at(1.5), endsAt: at(4) }]),
      ]);
      expect(await floor().locationFor(event.id, volunteerA.id, new Date(at(0)))).toBe('Hall B · Table 12');
      expect(await floor().locationFor(event.id, volunteerA.id, new Date(at(2)))).toBe('Hall B · Table 13');
      expect(await floor().locationFor(event.id, volunteerB.id, new Date(at(0)))).toBeNull();
      expect(await floor().locationFor(event.id, volunteerA.id, new Date(at(5)))).toBeNull();
      const changes = await changesOf(bookingIds);
      expect(changes.map((c) => c.booking_id).sort()).toEqual([...bookingIds].sort());
    });

    it('logs nothing when the plan changes but no booked interview moves', async () => {
      const before = (await changesOf(bookingIds)).length;
      // Same tables, another booth, B's time shifted: A's interviews stay where they are.
      const { version } = (await get().expect(200)).body;
      await put({
        version,
        halls: [
          hall('A', 'Hall A', [booth('B1', 0, 0, exhibitors[0].id), booth('B9', 10, 10, exhibitors[2].id)]),
          hall('B', 'Hall B', [
            table('Table 12', 5, 5, [{ volunteerId: volunteerA.id, startsAt: at(0), endsAt: at(1.5) }, { volunteerId: volunteerB.id, startsAt: at(2), endsAt: at(4) }]),
            table('Table 13', 8, 5, [{ volunteerId: volunteerA.id, startsAt: at(1.5), endsAt: at(4) }]),
          ], 15, 10),
        ],
      }).expect(200);
      expect(await changesOf(bookingIds)).toHaveLength(before);
    });

    it('labels each table on the map with its volunteers over the day, or the one there at ?at=', async () => {
      const nameOf = async (id: string) => ((await t.db.query(`SELECT name FROM volunteers WHERE id = $1`, [id])) as { name: string }[])[0].name;
      const [nameA, nameB] = [await nameOf(volunteerA.id), await nameOf(volunteerB.id)];
      const tableOn = async (query: Record<string, string>, label: string) => {
        const res = await t.http().get(`/api/events/${event.id}/floor-plan.svg`).query(query).set(bearer(student.token)).buffer(true).expect(200);
        const svg = res.body instanceof Buffer ? res.body.toString('utf8') : res.text;
        return new RegExp(`<g class="place interview_table" data-label="${label}">(.*?)</g>`).exec(svg)![1];
      };
      // The plan of the test before: Table 12 has A 09:00-10:30 and B 11:00-13:00; Table 13 has A 10:30-13:00.
      const allDay = await tableOn({}, 'Table 12');
      expect(allDay).toContain(`<title>Table 12 · Interview table · ${nameA} (Acme) 09:00–10:30; ${nameB} (Acme) 11:00–13:00</title>`);
      expect(allDay).toMatch(/>2 (volunteers|people)</);
      expect(await tableOn({}, 'Table 13')).toContain(`>${nameA.split(' ').at(-1)}<`);

      const noon = await tableOn({ at: at(3) }, 'Table 12');
      expect(noon).toContain(`<title>Table 12 · Interview table · ${nameB} (Acme) 11:00–13:00</title>`);
      expect(noon).not.toContain(nameA);
      expect(await tableOn({ at: at(1.75) }, 'Table 12')).toContain('>Free<');

      for (const bad of ['soon', '2026-03-10T09:00:00']) {
        const res = await t.http().get(`/api/events/${event.id}/floor-plan.svg`).query({ at: bad }).set(bearer(student.token));
        expect({ status: res.status, code: res.body.code, field: res.body.errors?.[0]?.field }).toEqual({ status: 400, code: 'VALIDATION_FAILED', field: 'at' });
      }
    });

    it('logs only the interview that moves to another table, and all of them when the hall is renamed', async () => {
      const before = await changesOf(bookingIds);
      await planWith([
        table('Table 12', 5, 5, [{ volunteerId: volunteerA.id, startsAt: at(0), endsAt: at(1.5) }]),
        table('Table 14', 11, 5, [{ volunteerId: volunteerA.id, startsAt: at(1.5), endsAt: at(4) }]),
      ]);
      const moved = (await changesOf(bookingIds)).slice(before.length);
      expect(moved.map((c) => c.booking_id)).toEqual([bookingIds[1]]);
      expect(await floor().locationFor(event.id, volunteerA.id, new Date(at(2)))).toBe('Hall B · Table 14');

      const beforeRename = (await changesOf(bookingIds)).length;
      await planWith(
        [
          table('Table 12', 5, 5, [{ volunteerId: volunteerA.id, startsAt: at(0), endsAt: at(1.5) }]),
          table('Table 14', 11, 5, [{ volunteerId: volunteerA.id, startsAt: at(1.5), endsAt: at(4) }]),
        ],
        'Hall C',
      );
      expect((await changesOf(bookingIds)).slice(beforeRename).map((c) => c.booking_id).sort()).toEqual([...bookingIds].sort());
      expect(await floor().locationFor(event.id, volunteerA.id, new Date(at(0)))).toBe('Hall C · Table 12');
    });

    it('logs the interviews of a volunteer taken off the floor', async () => {
      const before = (await changesOf(bookingIds)).length;
      await planWith([]);
      expect((await changesOf(bookingIds)).slice(before).map((c) => c.booking_id).sort()).toEqual([...bookingIds].sort());
      expect(await floor().locationFor(event.id, volunteerA.id, new Date(at(0)))).toBeNull();
    });

    it('keeps the database invariants even if the rules were bypassed', async () => {
      const [place] = await t.db.query(`SELECT id FROM floor_places WHERE event_id = $1 AND label = 'B1'`, [event.id]);
      await expect(t.db.query(`INSERT INTO floor_places (event_id, label, kind, hall_name) VALUES ($1, 'B1', 'booth', 'X')`, [event.id])).rejects.toMatchObject({
        driverError: { code: '23505' },
      });
      await expect(
        t.db.query(`INSERT INTO floor_places (event_id, label, kind, hall_name, exhibitor_id) VALUES ($1, 'B99', 'booth', 'X', $2)`, [event.id, exhibitors[0].id]),
      ).rejects.toMatchObject({ driverError: { code: '23505' } });
      await expect(
        t.db.query(`INSERT INTO floor_places (event_id, label, kind, hall_name, exhibitor_id) VALUES ($1, 'D1', 'exit', 'X', $2)`, [event.id, exhibitors[1].id]),
      ).rejects.toMatchObject({ driverError: { code: '23514' } });
      const [tbl] = await t.db.query(`INSERT INTO floor_places (event_id, label, kind, hall_name) VALUES ($1, 'TX', 'interview_table', 'X') RETURNING id`, [event.id]);
      const [tbl2] = await t.db.query(`INSERT INTO floor_places (event_id, label, kind, hall_name) VALUES ($1, 'TY', 'interview_table', 'X') RETURNING id`, [event.id]);
      await t.db.query(`INSERT INTO table_assignments (event_id, place_id, volunteer_id, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5)`, [event.id, tbl.id, volunteerA.id, at(0), at(2)]);
      await expect(
        t.db.query(`INSERT INTO table_assignments (event_id, place_id, volunteer_id, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5)`, [event.id, tbl2.id, volunteerA.id, at(1), at(3)]),
      ).rejects.toMatchObject({ driverError: { code: '23P01' } });
      await expect(
        t.db.query(`INSERT INTO table_assignments (event_id, place_id, volunteer_id, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5)`, [event.id, tbl.id, volunteerB.id, at(1), at(3)]),
      ).rejects.toMatchObject({ driverError: { code: '23P01' } });
      expect(place).toBeDefined();
    });
  });
});
