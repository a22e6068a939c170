import { createEvent, createStudent, createVolunteer } from '../support/factories';
import { bearer, createTestApp, TestApp } from '../support/test-app';

const HEADER = 'organization,industries,roles,majors,website,contactName,contactEmail,contactPhone';

describe('exhibitors', () => {
  let t: TestApp;
  let staff: string;
  let student: { id: string; token: string };
  let volunteer: { id: string; token: string };
  let event: { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.staffToken();
    event = await createEvent(t);
    [student, volunteer] = await Promise.all([createStudent(t), createVolunteer(t)]);
  });
  afterAll(() => t.close());

  const create = (body: object, eventId = event.id) => t.http().post(`/api/events/${eventId}/exhibitors`).set(bearer(staff)).send(body);

  it('creates, reads, updates and deletes an exhibitor; contact details only for staff', async () => {
    const created = await create({
      organization: 'Acme Robotics',
      industries: ['Robotics', 'Software'],
      roles: ['internship'],
      majors: ['Mechanical Engineering'],
      website: 'https://acme.example',
      contactName: 'Ann Recruiter',
      contactEmail: 'Ann@Acme.example',
      contactPhone: '+1 555 0100',
    }).expect(201);
    expect(created.body).toMatchObject({
      organization: 'Acme Robotics',
      eventId: event.id,
      contact: { name: 'Ann Recruiter', email: 'ann@acme.example', phone: '+1 555 0100' },
    });
    const id = created.body.id as string;

    const asStaff = await t.http().get(`/api/events/${event.id}/exhibitors/${id}`).set(bearer(staff)).expect(200);
    expect(asStaff.body).toMatchObject({ contact: { email: 'ann@acme.example' }, booth: null });
    for (const token of [student.token, volunteer.token]) {
      const res = await t.http().get(`/api/events/${event.id}/exhibitors/${id}`).set(bearer(token)).expect(200);
      expect(res.body.organization).toBe('Acme Robotics');
      expect(res.body).not.toHaveProperty('contact');
      expect(JSON.stringify(res.body)).not.toContain('ann@acme.example');
      const list = await t.http().get(`/api/events/${event.id}/exhibitors`).set(bearer(token)).expect(200);
      expect(JSON.stringify(list.body)).not.toContain('ann@acme.example');
    }

    const patched = await t.http().patch(`/api/events/${event.id}/exhibitors/${id}`).set(bearer(staff)).send({ roles: ['full-time'] }).expect(200);
    expect(patched.body).toMatchObject({ roles: ['full-time'], industries: ['Robotics', 'Software'] });

    await t.http().delete(`/api/events/${event.id}/exhibitors/${id}`).set(bearer(staff)).expect(204);
    const gone = await t.http().get(`/api/events/${event.id}/exhibitors/${id}`).set(bearer(staff)).expect(404);
    expect(gone.body.code).toBe('NOT_FOUND');
  });

  it('refuses a duplicate organization in the same event (409), bad fields (400), unknown event and exhibitor (404)', async () => {
    await create({ organization: 'Initech' }).expect(201);
    const dup = await create({ organization: 'Initech' }).expect(409);
    expect(dup.body.code).toBe('EXHIBITOR_EXISTS');
    const other = await createEvent(t);
    await create({ organization: 'Initech' }, other.id).expect(201);

    const bad = await create({ organization: '', website: 'javascript:alert(1)', contactEmail: 'nope', industries: 'x' }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect([...new Set(bad.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['contactEmail', 'industries', 'organization', 'website']);

    await create({ organization: 'Ghost' }, '00000000-0000-4000-8000-000000000000').expect(404);
    await t.http().patch(`/api/events/${event.id}/exhibitors/00000000-0000-4000-8000-000000000000`).set(bearer(staff)).send({}).expect(404);
    // An exhibitor of another event is not found through this event.
    const elsewhere = await create({ organization: 'Elsewhere' }, other.id).expect(201);
    await t.http().get(`/api/events/${event.id}/exhibitors/${elsewhere.body.id}`).set(bearer(staff)).expect(404);
    await t.http().delete(`/api/events/${event.id}/exhibitors/${elsewhere.body.id}`).set(bearer(staff)).expect(404);
  });

  it('lets one of several concurrent creations of the same organization win', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => create({ organization: 'Racing Ltd' })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const rows = await t.db.query(`SELECT count(*)::int AS n FROM exhibitors WHERE event_id = $1 AND organization = 'Racing Ltd'`, [event.id]);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('hides the exhibitors of a draft event from students and volunteers', async () => {
    const draft = await createEvent(t, { publish: false });
    await create({ organization: 'Secret' }, draft.id).expect(201);
    for (const token of [student.token, volunteer.token]) {
      const res = await t.http().get(`/api/events/${draft.id}/exhibitors`).set(bearer(token)).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    const res = await t.http().get(`/api/events/${draft.id}/exhibitors`).set(bearer(staff)).expect(200);
    expect(res.body.map((e: { organization: string }) => e.organization)).toEqual(['Secret']);
  });

  describe('search and import', () => {
    let fair: { id: string };
    beforeAll(async () => {
      fair = await createEvent(t);
    });

    const importCsv = (text: string) =>
      t.http().post(`/api/events/${fair.id}/exhibitors/import`).set(bearer(staff)).set('Content-Type', 'text/csv').send(text);

    it('imports a file, then upserts by organization', async () => {
      const first = await importCsv(
        `${HEADER}\nGlobex,Finance;Software,internship,Economics;Computer Science,https://globex.example,Gina,gina@globex.example,\n` +
          `Umbrella,Pharma,full-time,Chemistry,,,,\nHooli,Software,internship;full-time,Computer Science,,,,\n`,
      ).expect(200);
      expect(first.body).toEqual({ total: 3, created: 3, updated: 0 });
      const again = await importCsv(`organization,industries\nGlobex,Banking\nVehement,Energy\n`).expect(200);
      expect(again.body).toEqual({ total: 2, created: 1, updated: 1 });
      const globex = await t.http().get(`/api/events/${fair.id}/exhibitors`).query({ q: 'globex' }).set(bearer(staff)).expect(200);
      expect(globex.body).toHaveLength(1);
      // Columns left out of the second file keep their values.
      expect(globex.body[0]).toMatchObject({ industries: ['Banking'], majors: ['Economics', 'Computer Science'], contact: { name: 'Gina' } });
    });

    it('rejects a file with bad rows, listing every one, and imports nothing', async () => {
      const res = await importCsv(`${HEADER}\nNew One,,,,,,,\n,,,,,,,\nBad Web,,,,ftp://x,,,\nBad Mail,,,,,,x@,\n`).expect(422);
      expect(res.body.code).toBe('IMPORT_REJECTED');
      expect(res.body.details.rows.map((r: { line: number }) => r.line)).toEqual([3, 4, 5]);
      const none = await t.http().get(`/api/events/${fair.id}/exhibitors`).query({ q: 'New One' }).set(bearer(staff)).expect(200);
      expect(none.body).toEqual([]);
      const header = await importCsv('company\nAcme\n').expect(422);
      expect(header.body.details.rows).toEqual([{ line: 1, reason: expect.stringContaining('organization') }]);
    });

    it('refuses anything but text/csv (415) and an unknown event (404)', async () => {
      const res = await t.http().post(`/api/events/${fair.id}/exhibitors/import`).set(bearer(staff)).send({ organization: 'x' }).expect(415);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      await t
        .http()
        .post('/api/events/00000000-0000-4000-8000-000000000000/exhibitors/import')
        .set(bearer(staff))
        .set('Content-Type', 'text/csv')
        .send('organization\nA\n')
        .expect(404);
    });

    it('finds exhibitors by industry, major and name, case-insensitively, with their booth', async () => {
      const names = async (query: Record<string, string>) => {
        const res = await t.http().get(`/api/events/${fair.id}/exhibitors`).query(query).set(bearer(student.token)).expect(200);
        return res.body.map((e: { organization: string }) => e.organization);
      };
      expect(await names({})).toEqual(['Globex', 'Hooli', 'Umbrella', 'Vehement']);
      expect(await names({ industry: 'software' })).toEqual(['Hooli']);
      expect(await names({ major: 'computer science' })).toEqual(['Globex', 'Hooli']);
      expect(await names({ major: 'Computer Science', q: 'HOO' })).toEqual(['Hooli']);
      expect(await names({ q: '%' })).toEqual([]);
      expect(await names({ industry: 'Pharma', major: 'Economics' })).toEqual([]);

      const list = await t.http().get(`/api/events/${fair.id}/exhibitors`).set(bearer(staff)).expect(200);
      const hooli = list.body.find((e: { organization: string }) => e.organization === 'Hooli');
      await t
        .http()
        .put(`/api/events/${fair.id}/floor-plan`)
        .set(bearer(staff))
        .send({
          version: 0,
          halls: [{ key: 'main', name: 'Main Hall', width: 20, height: 10, places: [{ label: 'B7', kind: 'booth', x: 0, y: 0, width: 3, height: 2, exhibitorId: hooli.id }] }],
        })
        .expect(200);
      const found = await t.http().get(`/api/events/${fair.id}/exhibitors`).query({ industry: 'Software' }).set(bearer(student.token)).expect(200);
      expect(found.body).toEqual([expect.objectContaining({ organization: 'Hooli', booth: { label: 'B7', hall: 'Main Hall' } })]);
      const one = await t.http().get(`/api/events/${fair.id}/exhibitors/${hooli.id}`).set(bearer(volunteer.token)).expect(200);
      expect(one.body.booth).toEqual({ label: 'B7', hall: 'Main Hall' });

      // On the floor, it cannot be deleted until the plan no longer holds it.
      const refused = await t.http().delete(`/api/events/${fair.id}/exhibitors/${hooli.id}`).set(bearer(staff)).expect(409);
      expect(refused.body.code).toBe('EXHIBITOR_ON_FLOOR_PLAN');
      await t.http().put(`/api/events/${fair.id}/floor-plan`).set(bearer(staff)).send({ version: 1, halls: [] }).expect(200);
      await t.http().delete(`/api/events/${fair.id}/exhibitors/${hooli.id}`).set(bearer(staff)).expect(204);
    });
  });
});
