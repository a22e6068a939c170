import { createEvent, createStudent } from '../support/factories';
import { useTestApp, TestApp } from '../support/test-app';

describe('events', () => {
  const t = useTestApp();
  let staff: string;
  beforeAll(async () => {
    staff = await t.staffToken();
  });

  const body = {
    name: 'Spring mock interviews',
    description: 'Bring a printed resume.',
    location: 'Student Union, Ballroom B',
    timezone: 'America/New_York',
    startsAt: '2027-03-10T09:00:00-05:00',
    endsAt: '2027-03-10T17:00:00-05:00',
    bookingOpensAt: '2027-02-20T12:00:00Z',
    bookingClosesAt: '2027-03-09T23:00:00-05:00',
  };

  it('creates a draft with defaults and shows times in the event time zone', async () => {
    const res = await t.http().post('/api/events').auth(staff, { type: 'bearer' }).send(body).expect(201);
    expect(res.body).toMatchObject({
      name: body.name,
      timezone: 'America/New_York',
      startsAt: '2027-03-10T09:00:00.000-05:00',
      bookingOpensAt: '2027-02-20T07:00:00.000-05:00',
      slotMinutes: 30,
      breakMinutes: 0,
      maxBookingsPerStudent: 1,
      status: 'draft',
    });
    const got = await t.http().get(`/api/events/${res.body.id}`).auth(staff, { type: 'bearer' }).expect(200);
    expect(got.body).toEqual(res.body);
  });

  it('updates fields, re-checking time order against stored values', async () => {
    const created = await t.http().post('/api/events').auth(staff, { type: 'bearer' }).send(body).expect(201);
    const patched = await t
      .http()
      .patch(`/api/events/${created.body.id}`)
      .auth(staff, { type: 'bearer' })
      .send({ slotMinutes: 20, breakMinutes: 5, maxBookingsPerStudent: 2, location: 'Library' })
      .expect(200);
    expect(patched.body).toMatchObject({ slotMinutes: 20, breakMinutes: 5, maxBookingsPerStudent: 2, location: 'Library', name: body.name });

    // A PATCH of one field leaves every other field as it was.
    const renamed = await t.http().patch(`/api/events/${created.body.id}`).auth(staff, { type: 'bearer' }).send({ name: 'Renamed' }).expect(200);
    expect(renamed.body).toEqual({ ...patched.body, name: 'Renamed', updatedAt: expect.any(String) });

    const bad = await t
      .http()
      .patch(`/api/events/${created.body.id}`)
      .auth(staff, { type: 'bearer' })
      .send({ endsAt: '2027-03-10T08:00:00-05:00' })
      .expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'endsAt' }] });
    const unchanged = await t.http().get(`/api/events/${created.body.id}`).auth(staff, { type: 'bearer' }).expect(200);
    expect(unchanged.body.endsAt).toBe('2027-03-10T17:00:00.000-05:00');
  });

  it('publishes once, shows published events to students, and closes', async () => {
    const created = await t.http().post('/api/events').auth(staff, { type: 'bearer' }).send(body).expect(201);
    const student = await createStudent(t);
    const id = created.body.id;

    await t.http().get(`/api/events/${id}`).auth(student.token, { type: 'bearer' }).expect(404);
    let listed = await t.http().get('/api/events').auth(student.token, { type: 'bearer' }).expect(200);
    expect(listed.body.map((e: { id: string }) => e.id)).not.toContain(id);

    const published = await t.http().post(`/api/events/${id}/publish`).auth(staff, { type: 'bearer' }).expect(200);
    expect(published.body.status).toBe('published');
    await t.http().post(`/api/events/${id}/publish`).auth(staff, { type: 'bearer' }).expect(200);

    listed = await t.http().get('/api/events').auth(student.token, { type: 'bearer' }).expect(200);
    expect(listed.body.map((e: { id: string }) => e.id)).toContain(id);

    const deleted = await t.http().delete(`/api/events/${id}`).auth(staff, { type: 'bearer' }).expect(409);
    expect(deleted.body.code).toBe('EVENT_NOT_DRAFT');

    const closed = await t.http().patch(`/api/events/${id}`).auth(staff, { type: 'bearer' }).send({ status: 'closed' }).expect(200);
    expect(closed.body.status).toBe('closed');
    const republish = await t.http().post(`/api/events/${id}/publish`).auth(staff, { type: 'bearer' }).expect(409);
    expect(republish.body.code).toBe('EVENT_NOT_DRAFT');
  });

  it('answers an unknown route with a fixed 404 that does not echo the path', async () => {
    const res = await t.http().get('/api/no-such-thing-<script>').auth(staff, { type: 'bearer' }).expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: 'No such endpoint; see /api/docs' });
    expect(JSON.stringify(res.body)).not.toContain('no-such-thing');
  });

  it('deletes a draft event', async () => {
    const draft = await createEvent(t, { publish: false });
    await t.http().delete(`/api/events/${draft.id}`).auth(staff, { type: 'bearer' }).expect(204);
    await t.http().get(`/api/events/${draft.id}`).auth(staff, { type: 'bearer' }).expect(404);
  });

  it('rejects an invalid IANA zone and booking that closes after the event', async () => {
    const zone = await t.http().post('/api/events').auth(staff, { type: 'bearer' }).send({ ...body, timezone: 'Mars/Olympus_Mons' }).expect(400);
    expect(zone.body.errors).toEqual([expect.objectContaining({ field: 'timezone' })]);
    const late = await t
      .http()
      .post('/api/events')
      .auth(staff, { type: 'bearer' })
      .send({ ...body, bookingClosesAt: '2027-03-11T00:00:00-05:00' })
      .expect(400);
    expect(late.body.errors).toEqual([expect.objectContaining({ field: 'bookingClosesAt' })]);
  });
});
