import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Client mistakes of every kind: each gets a 4xx JSON error with a stable code, never a 5xx,
 * never internals or the submitted value, and never a write.
 */

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Who = 'staff' | 'student' | 'none';

interface Sent {
  method: Method;
  path: string;
  who?: Who;
  /** A JSON body, or raw text sent with `contentType`. */
  body?: unknown;
  raw?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

const TABLES = ['staff', 'events', 'volunteers', 'students', 'availability_windows', 'slots', 'bookings', 'magic_link_tokens', 'idempotency_keys'];
const LEAKS = ['stack', 'QueryFailedError', 'SELECT', 'INSERT'];
const UUID = '3f0c1e2a-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const FUTURE = '2027-06-01';
const at = (time: string) => `${FUTURE}T${time}Z`;

/** A valid event body to spoil one field at a time. */
const validEvent = () => ({
  name: `Careers day ${randomUUID().slice(0, 8)}`,
  timezone: 'America/Chicago',
  startsAt: at('14:00:00'),
  endsAt: at('22:00:00'),
  bookingOpensAt: '2027-05-01T00:00:00Z',
  bookingClosesAt: at('13:00:00'),
});

/** Every string value in a submitted body, long enough that finding it in a response means an echo. */
function leafStrings(value: unknown): string[] {
  if (typeof value === 'string') return value.length >= 6 ? [value.slice(0, 200)] : [];
  if (value && typeof value === 'object') return Object.values(value).flatMap(leafStrings);
  return [];
}

const b64 = (json: string) => Buffer.from(json).toString('base64url');

describe('bad input', () => {
  let t: TestApp;
  let staff: string;
  let student: { id: string; token: string };
  let event: { id: string; startsAt: string; endsAt: string };
  let volunteer: { id: string };
  let availabilityPath: string;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.staffToken();
    event = await createEvent(t);
    volunteer = await createVolunteer(t);
    student = await createStudent(t);
    // Existing windows and slots, so that "nothing changed" is not just "still empty".
    await createSlots(t, event.id, volunteer.id, event.startsAt, hoursAfter(event.startsAt, 2));
    availabilityPath = `/api/events/${event.id}/volunteers/${volunteer.id}/availability`;
  });
  afterAll(() => t.close());

  /** One digest of every table: any insert, update or delete changes it. */
  async function fingerprint(): Promise<Record<string, string>> {
    const entries = await Promise.all(
      TABLES.map(async (table) => {
        const [row] = await t.db.query(`SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') AS d FROM ${table} x`);
        return [table, row.d as string] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  async function send(req: Sent): Promise<Response> {
    let r = t.http()[req.method](req.path);
    const token = { staff, student: student.token, none: undefined }[req.who ?? 'staff'];
    if (token) r = r.set('Authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(req.headers ?? {})) r = r.set(name, value);
    if (req.raw !== undefined) return r.set('Content-Type', req.contentType ?? 'application/json').send(req.raw);
    if (req.body !== undefined) return r.send(req.body as object);
    return r;
  }

  /** The one error shape, with nothing leaked or echoed. */
  function expectError(res: Response, status: number, code: string, echoes: string[] = []): void {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(
      expect.objectContaining({ statusCode: status, code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String) }),
    );
    expect(res.body.message.length).toBeGreaterThan(0);
    // Even errors raised before routing (malformed JSON, 413) carry the request id.
    expect(res.body.requestId).toMatch(/^[\w.-]{1,100}$/);
    expect(res.headers['x-request-id']).toBe(res.body.requestId);
    for (const leak of LEAKS) expect(res.text).not.toContain(leak);
    expect(res.text).not.toMatch(/\bat .+:\d+:\d+\)?/);
    // Shorter strings could turn up by chance, e.g. inside the request id.
    for (const echo of echoes.filter((e) => e.length >= 6)) expect(res.text).not.toContain(echo);
    if (res.body.errors !== undefined) {
      expect(res.body.errors).toEqual(expect.arrayContaining([{ field: expect.any(String), message: expect.any(String) }]));
    }
  }

  /** Sends a write that must be refused, and checks that no table changed. */
  async function refused(req: Sent, status: number, code: string, echoes: string[] = []): Promise<Response> {
    const before = await fingerprint();
    const res = await send(req);
    expectError(res, status, code, [...echoes, ...leafStrings(req.body)]);
    expect(await fingerprint()).toEqual(before);
    return res;
  }

  const fields = (res: Response) => (res.body.errors as { field: string }[]).map((e) => e.field);

  describe('malformed JSON → 400 MALFORMED_JSON', () => {
    const BODIES = [
      ['truncated', '{"name": "Careers day",'],
      ['single quotes', "{'name': 'Careers day'}"],
      ['trailing text', '{"name": "Careers day"} and more'],
      ['a bare string (not an object)', '"Careers day"'],
      ['a bare null', 'null'],
      ['a lone brace', '{'],
    ];
    const TARGETS: [string, () => Sent][] = [
      ['POST /api/events', () => ({ method: 'post', path: '/api/events' })],
      ['PATCH /api/events/:id', () => ({ method: 'patch', path: `/api/events/${event.id}` })],
      ['PUT availability', () => ({ method: 'put', path: availabilityPath })],
      ['POST /api/bookings', () => ({ method: 'post', path: '/api/bookings', who: 'student' })],
      ['POST /api/auth/login', () => ({ method: 'post', path: '/api/auth/login', who: 'none' })],
    ];
    const rows = TARGETS.flatMap(([route, target]) => BODIES.map(([what, raw]) => ({ label: `${route} with ${what}`, target, raw })));

    it.each(rows)('$label', async ({ target, raw }) => {
      await refused({ ...target(), raw }, 400, 'MALFORMED_JSON', ['Careers day']);
    });
  });

  describe('wrong types and values → 400 VALIDATION_FAILED naming the field', () => {
    const ROWS: { label: string; req: () => Sent; field: string }[] = [
      { label: 'event name is a number', field: 'name', req: () => ({ method: 'post', path: '/api/events', body: { ...validEvent(), name: 123 } }) },
      { label: 'event name is an array', field: 'name', req: () => ({ method: 'post', path: '/api/events', body: { ...validEvent(), name: ['Careers day'] } }) },
      { label: 'event name is blank', field: 'name', req: () => ({ method: 'post', path: '/api/events', body: { ...validEvent(), name: '    ' } }) },
      { label: 'event name is missing', field: 'name', req: () => ({ method: 'post', path: '/api/events', body: { ...validEvent(), name: undefined } }) },
      { label: 'description is an object', field: 'description', req: () => ({ method: 'post', path: '/api/events', body: { ...validEvent(), description: { text: 'Bring a resume' } } }) },
      { label: 'slotMinutes is a numeric string', field: 'slotMinutes', req: () => ({ method: 'post', path: '/api/events', body: { ...validEvent(), slotMinutes: '30' } }) },
      { label: 'slotMinutes is a fraction', field: 'slotMinutes', req: () => ({ method: 'post', path: '/api/events', body: { ...validEvent(), slotMinutes: 12.5 } }) },
      { label: 'slotMinutes is below 5', field: 'slotMinutes', req: () => ({ method: 'post', path: '/api/events', body: { ...validEvent(), slotMinutes: 4 } }) },
      { label: 'breakMinutes is negative', field: 'breakMinutes', req: () => ({ method: 'post', path: '/api/events', body: { ...validEvent(), breakMinutes: -1 } }) },
      { label: 'maxBookingsPerStudent is a boolean', field: 'maxBookingsPerStudent', req: () => ({ method: 'post', path: '/api/events', body: { ...validEvent(), maxBookingsPerStudent: true } }) },
      { label: 'startsAt is epoch milliseconds', field: 'startsAt', req: () => ({ method: 'post', path: '/api/events', body: { ...validEvent(), startsAt: 1811768400000 } }) },
      { label: 'startsAt is null', field: 'startsAt', req: () => ({ method: 'post', path: '/api/events', body: { ...validEvent(), startsAt: null } }) },
      { label: 'timezone is a number', field: 'timezone', req: () => ({ method: 'post', path: '/api/events', body: { ...validEvent(), timezone: 5 } }) },
      { label: 'description is null', field: 'description', req: () => ({ method: 'post', path: '/api/events', body: { ...validEvent(), description: null } }) },
      { label: 'slotMinutes is null', field: 'slotMinutes', req: () => ({ method: 'post', path: '/api/events', body: { ...validEvent(), slotMinutes: null } }) },
      { label: 'PATCH startsAt to null', field: 'startsAt', req: () => ({ method: 'patch', path: `/api/events/${event.id}`, body: { startsAt: null } }) },
      { label: 'PATCH name to null', field: 'name', req: () => ({ method: 'patch', path: `/api/events/${event.id}`, body: { name: null } }) },
      { label: 'PATCH location to null', field: 'location', req: () => ({ method: 'patch', path: `/api/events/${event.id}`, body: { location: null } }) },
      { label: 'PATCH status to null', field: 'status', req: () => ({ method: 'patch', path: `/api/events/${event.id}`, body: { status: null } }) },
      { label: 'PATCH status to published', field: 'status', req: () => ({ method: 'patch', path: `/api/events/${event.id}`, body: { status: 'published' } }) },
      { label: 'PATCH slotMinutes to a string', field: 'slotMinutes', req: () => ({ method: 'patch', path: `/api/events/${event.id}`, body: { slotMinutes: 'forty-five' } }) },
      { label: 'volunteer expertise is a string', field: 'expertise', req: () => ({ method: 'post', path: '/api/volunteers', body: { name: 'Vol', email: 'vol-types@example.com', expertise: 'software' } }) },
      { label: 'volunteer expertise tag is not a tag', field: 'expertise', req: () => ({ method: 'post', path: '/api/volunteers', body: { name: 'Vol', email: 'vol-types@example.com', expertise: ['Not A Tag!'] } }) },
      { label: 'volunteer has 31 expertise tags', field: 'expertise', req: () => ({ method: 'post', path: '/api/volunteers', body: { name: 'Vol', email: 'vol-types@example.com', expertise: Array.from({ length: 31 }, (_, i) => `tag-${i}`) } }) },
      { label: 'volunteer expertise is null', field: 'expertise', req: () => ({ method: 'post', path: '/api/volunteers', body: { name: 'Vol', email: 'vol-types@example.com', expertise: null } }) },
      { label: 'volunteer organization is null', field: 'organization', req: () => ({ method: 'post', path: '/api/volunteers', body: { name: 'Vol', email: 'vol-types@example.com', organization: null } }) },
      { label: 'volunteer e-mail is not an address', field: 'email', req: () => ({ method: 'post', path: '/api/volunteers', body: { name: 'Vol', email: 'volunteer-at-example' } }) },
      { label: 'student graduationYear is a string', field: 'graduationYear', req: () => ({ method: 'post', path: '/api/students', body: { name: 'Stu', email: 'stu-types@example.edu', graduationYear: '2027' } }) },
      { label: 'student graduationYear is 1800', field: 'graduationYear', req: () => ({ method: 'post', path: '/api/students', body: { name: 'Stu', email: 'stu-types@example.edu', graduationYear: 1800 } }) },
      { label: 'student e-mail is a number', field: 'email', req: () => ({ method: 'post', path: '/api/students', body: { name: 'Stu', email: 42 } }) },
      { label: 'student name is null', field: 'name', req: () => ({ method: 'post', path: '/api/students', body: { name: null, email: 'stu-types@example.edu' } }) },
      { label: 'booking slotId is not a UUID', field: 'slotId', req: () => ({ method: 'post', path: '/api/bookings', who: 'student', body: { slotId: 'slot-number-one' } }) },
      { label: 'booking slotId is a number', field: 'slotId', req: () => ({ method: 'post', path: '/api/bookings', who: 'student', body: { slotId: 42 } }) },
      { label: 'booking slotId is missing', field: 'slotId', req: () => ({ method: 'post', path: '/api/bookings', who: 'student', body: {} }) },
      { label: 'booking studentId is not a UUID', field: 'studentId', req: () => ({ method: 'post', path: '/api/bookings', body: { slotId: UUID, studentId: 'student-one' } }) },
      { label: 'windows is a string', field: 'windows', req: () => ({ method: 'put', path: availabilityPath, body: { windows: 'mornings' } }) },
      { label: 'windows holds an array', field: 'windows', req: () => ({ method: 'put', path: availabilityPath, body: { windows: [[]] } }) },
      { label: 'windows holds null', field: 'windows.0', req: () => ({ method: 'put', path: availabilityPath, body: { windows: [null] } }) },
      { label: 'window startsAt is not a time', field: 'windows.0.startsAt', req: () => ({ method: 'put', path: availabilityPath, body: { windows: [{ startsAt: 'early morning', endsAt: event.endsAt }] } }) },
      { label: 'window endsAt is missing', field: 'windows.0.endsAt', req: () => ({ method: 'put', path: availabilityPath, body: { windows: [{ startsAt: event.startsAt }] } }) },
      { label: '101 windows', field: 'windows', req: () => ({ method: 'put', path: availabilityPath, body: { windows: Array.from({ length: 101 }, () => ({ startsAt: event.startsAt, endsAt: event.endsAt })) } }) },
      { label: 'login e-mail is a number', field: 'email', req: () => ({ method: 'post', path: '/api/auth/login', who: 'none', body: { email: 1, password: 'whatever-password' } }) },
      { label: 'login password is an object', field: 'password', req: () => ({ method: 'post', path: '/api/auth/login', who: 'none', body: { email: 'admin@fairgrid.test', password: { $ne: '' } } }) },
      { label: 'magic-link e-mail is not an address', field: 'email', req: () => ({ method: 'post', path: '/api/auth/magic-link', who: 'none', body: { email: 'student-at-college' } }) },
      { label: 'magic-link code is too short', field: 'token', req: () => ({ method: 'post', path: '/api/auth/magic-link/verify', who: 'none', body: { token: 'abc' } }) },
      { label: 'magic-link code is a number', field: 'token', req: () => ({ method: 'post', path: '/api/auth/magic-link/verify', who: 'none', body: { token: 12345678901234567890 } }) },
      { label: 'staff password is too short', field: 'password', req: () => ({ method: 'post', path: '/api/staff', body: { name: 'New', email: 'new-staff@fairgrid.test', password: 'short-pw' } }) },
      { label: 'an array instead of an object', field: 'slotId', req: () => ({ method: 'post', path: '/api/bookings', who: 'student', body: [{ slotId: UUID }] }) },
    ];

    it.each(ROWS)('$label', async ({ req, field }) => {
      const res = await refused(req(), 400, 'VALIDATION_FAILED');
      expect(fields(res)).toContain(field);
    });
  });

  describe('text that is not valid Unicode (a lone surrogate) → 400 naming the field, never a 500', () => {
    // JSON's \ud800 escape decodes to half a character; validator.js's isEmail threw a URIError on it.
    const LONE = '"\\ud800"';
    const exhibitors = () => `/api/events/${event.id}/exhibitors`;
    const ROWS: { label: string; req: () => Sent; field: string }[] = [
      { label: 'magic-link e-mail', field: 'email', req: () => ({ method: 'post', path: '/api/auth/magic-link', who: 'none', raw: `{"email":${LONE}}` }) },
      { label: 'login e-mail', field: 'email', req: () => ({ method: 'post', path: '/api/auth/login', who: 'none', raw: `{"email":${LONE},"password":"whatever-password"}` }) },
      { label: 'login e-mail with a lone surrogate inside', field: 'email', req: () => ({ method: 'post', path: '/api/auth/login', who: 'none', raw: '{"email":"a\\udc00@b.co","password":"whatever-password"}' }) },
      { label: 'login password', field: 'password', req: () => ({ method: 'post', path: '/api/auth/login', who: 'none', raw: `{"email":"admin@fairgrid.test","password":${LONE}}` }) },
      { label: 'sign-in code', field: 'token', req: () => ({ method: 'post', path: '/api/auth/magic-link/verify', who: 'none', raw: `{"token":${LONE}}` }) },
      { label: 'staff e-mail', field: 'email', req: () => ({ method: 'post', path: '/api/staff', raw: `{"name":"New","email":${LONE},"password":"a-long-enough-password"}` }) },
      { label: 'student e-mail', field: 'email', req: () => ({ method: 'post', path: '/api/students', raw: `{"name":"Stu","email":${LONE}}` }) },
      { label: 'student name', field: 'name', req: () => ({ method: 'post', path: '/api/students', raw: `{"name":"Stu\\ud800","email":"lone@example.edu"}` }) },
      { label: 'volunteer e-mail', field: 'email', req: () => ({ method: 'post', path: '/api/volunteers', raw: `{"name":"Vol","email":${LONE}}` }) },
      { label: 'event organizer e-mail', field: 'organizerEmail', req: () => ({ method: 'patch', path: `/api/events/${event.id}`, raw: `{"organizerEmail":${LONE}}` }) },
      { label: 'exhibitor contact e-mail', field: 'contactEmail', req: () => ({ method: 'post', path: exhibitors(), raw: `{"organization":"Lone Corp","contactEmail":${LONE}}` }) },
      { label: 'an industry in a list', field: 'industries.1', req: () => ({ method: 'post', path: exhibitors(), raw: `{"organization":"Lone Corp","industries":["ok",${LONE}]}` }) },
      { label: 'a window time', field: 'windows.0.startsAt', req: () => ({ method: 'put', path: availabilityPath, raw: `{"windows":[{"startsAt":${LONE},"endsAt":"${event.endsAt}"}]}` }) },
    ];

    it.each(ROWS)('$label', async ({ req, field }) => {
      const res = await refused(req(), 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field, message: expect.stringContaining('not valid Unicode') }]);
    });
  });

  describe('null where the column cannot hold one → 400 naming the field', () => {
    let exhibitorId: string;
    beforeAll(async () => {
      const res = await t.http().post(`/api/events/${event.id}/exhibitors`).auth(staff, { type: 'bearer' }).send({ organization: `Nulls ${randomUUID()}` }).expect(201);
      exhibitorId = res.body.id;
    });
    const ROWS: [string, Method, () => string, Record<string, unknown>, string][] = [
      ['new exhibitor industries', 'post', () => `/api/events/${event.id}/exhibitors`, { organization: 'Null Corp', industries: null }, 'industries'],
      ['new exhibitor roles', 'post', () => `/api/events/${event.id}/exhibitors`, { organization: 'Null Corp', roles: null }, 'roles'],
      ['new exhibitor majors', 'post', () => `/api/events/${event.id}/exhibitors`, { organization: 'Null Corp', majors: null }, 'majors'],
      ['new exhibitor name', 'post', () => `/api/events/${event.id}/exhibitors`, { organization: null }, 'organization'],
      ['exhibitor name', 'patch', () => `/api/events/${event.id}/exhibitors/${exhibitorId}`, { organization: null }, 'organization'],
      ['exhibitor industries', 'patch', () => `/api/events/${event.id}/exhibitors/${exhibitorId}`, { industries: null }, 'industries'],
      ['exhibitor roles', 'patch', () => `/api/events/${event.id}/exhibitors/${exhibitorId}`, { roles: null }, 'roles'],
      ['exhibitor majors', 'patch', () => `/api/events/${event.id}/exhibitors/${exhibitorId}`, { majors: null }, 'majors'],
    ];
    it.each(ROWS)('%s', async (_what, method, path, body, field) => {
      const res = await refused({ method, path: path(), body }, 400, 'VALIDATION_FAILED');
      expect(fields(res)).toContain(field);
    });

    it('a nullable contact field may still be cleared with null (control)', async () => {
      await t.http().patch(`/api/events/${event.id}/exhibitors/${exhibitorId}`).auth(staff, { type: 'bearer' }).send({ contactName: null, website: null }).expect(200);
    });
  });

  describe('bodies that are not JSON sent to JSON endpoints → 415, nothing done', () => {
    const ROWS: [string, () => Sent][] = [
      ['a form publishing a draft', () => ({ method: 'post', path: `/api/events/${draftId}/publish`, raw: 'status=published', contentType: 'application/x-www-form-urlencoded' })],
      ['text/plain JSON creating an event', () => ({ method: 'post', path: '/api/events', raw: JSON.stringify(validEvent()), contentType: 'text/plain' })],
      ['a form signing in', () => ({ method: 'post', path: '/api/auth/login', who: 'none', raw: 'email=admin%40fairgrid.test&password=admin-password-123', contentType: 'application/x-www-form-urlencoded' })],
      ['a form asking for a sign-in mail', () => ({ method: 'post', path: '/api/auth/magic-link', who: 'none', raw: 'email=someone%40example.edu', contentType: 'application/x-www-form-urlencoded' })],
      ['CSV to a JSON endpoint', () => ({ method: 'post', path: '/api/students', raw: 'name,email\nCsv Row,csv@example.edu', contentType: 'text/csv' })],
      ['a body without a Content-Type', () => ({ method: 'post', path: `/api/events/${draftId}/publish`, raw: Buffer.from('{}'), contentType: '' })],
      ['multipart to a PATCH', () => ({ method: 'patch', path: `/api/events/${event.id}`, raw: '--x\r\n\r\nname\r\n--x--', contentType: 'multipart/form-data; boundary=x' })],
      ['XML cancelling a booking', () => ({ method: 'delete', path: `/api/bookings/${UUID}`, raw: '<cancel/>', contentType: 'application/xml' })],
    ];
    let draftId: string;
    beforeAll(async () => {
      draftId = (await createEvent(t, { publish: false })).id;
    });

    it.each(ROWS)('%s', async (_what, req) => {
      await refused(req(), 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('the draft is still a draft; JSON, +json and body-less calls go through (control)', async () => {
      const got = await t.http().get(`/api/events/${draftId}`).auth(staff, { type: 'bearer' }).expect(200);
      expect(got.body.status).toBe('draft');
      await t.http().patch(`/api/events/${draftId}`).auth(staff, { type: 'bearer' }).set('Content-Type', 'application/merge-patch+json').send(JSON.stringify({ location: 'Room 2' })).expect(200);
      await t.http().post(`/api/events/${draftId}/publish`).auth(staff, { type: 'bearer' }).set('Content-Type', 'text/plain').expect(200);
    });
  });

  describe('unknown fields → 400 VALIDATION_FAILED naming the field', () => {
    const ROWS: { label: string; req: () => Sent; field: string }[] = [
      { label: 'event with isAdmin', field: 'isAdmin', req: () => ({ method: 'post', path: '/api/events', body: { ...validEvent(), isAdmin: true } }) },
      { label: 'event created as published', field: 'status', req: () => ({ method: 'post', path: '/api/events', body: { ...validEvent(), status: 'published' } }) },
      { label: 'event PATCH with an id', field: 'id', req: () => ({ method: 'patch', path: `/api/events/${event.id}`, body: { id: UUID } }) },
      { label: 'volunteer with a role', field: 'role', req: () => ({ method: 'post', path: '/api/volunteers', body: { name: 'Vol', email: 'vol-unknown@example.com', role: 'staff' } }) },
      { label: 'student with an id', field: 'id', req: () => ({ method: 'post', path: '/api/students', body: { name: 'Stu', email: 'stu-unknown@example.edu', id: UUID } }) },
      { label: 'booking with a price', field: 'price', req: () => ({ method: 'post', path: '/api/bookings', who: 'student', body: { slotId: UUID, price: 0 } }) },
      { label: 'window with a note', field: 'windows.0.note', req: () => ({ method: 'put', path: availabilityPath, body: { windows: [{ startsAt: event.startsAt, endsAt: event.endsAt, note: 'x' }] } }) },
      { label: 'login with a role', field: 'role', req: () => ({ method: 'post', path: '/api/auth/login', who: 'none', body: { email: 'admin@fairgrid.test', password: 'admin-password-123', role: 'staff' } }) },
      // Issue 13: staff accounts have a role now; a privilege field they do not have is still refused.
      { label: 'staff with a privilege', field: 'superuser', req: () => ({ method: 'post', path: '/api/staff', body: { name: 'New', email: 'new-staff@fairgrid.test', password: 'a-long-enough-password', superuser: true } }) },
      { label: 'slot listing with ?sort', field: 'sort', req: () => ({ method: 'get', path: `/api/events/${event.id}/slots?sort=starts_at` }) },
      { label: 'student listing with ?orderBy', field: 'orderBy', req: () => ({ method: 'get', path: '/api/students?orderBy=email' }) },
    ];

    it.each(ROWS)('$label', async ({ req, field }) => {
      const res = await refused(req(), 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toContainEqual({ field, message: `property ${field} should not exist` });
    });
  });

  describe('time zones', () => {
    // Luxon accepts EST5EDT and +05:00, but they are a POSIX rule and an offset, not IANA zones.
    it.each(['Mars/Olympus', 'EST5EDT', 'EST', '+05:00', 'UTC+5', 'Europe/Nowhere', 'America/New_York; DROP TABLE events', '../../etc/passwd', ''])(
      'refuses %j with 400 naming timezone',
      async (timezone) => {
        const res = await refused({ method: 'post', path: '/api/events', body: { ...validEvent(), timezone } }, 400, 'VALIDATION_FAILED');
        expect(fields(res)).toEqual(['timezone']);
        const patch = await refused({ method: 'patch', path: `/api/events/${event.id}`, body: { timezone } }, 400, 'VALIDATION_FAILED');
        expect(fields(patch)).toEqual(['timezone']);
      },
    );

    it('accepts a real IANA zone (control)', async () => {
      const res = await send({ method: 'post', path: '/api/events', body: { ...validEvent(), timezone: 'America/Argentina/Buenos_Aires' } });
      expect(res.status).toBe(201);
    });
  });

  describe('event times out of order → 400 naming the field', () => {
    const ROWS: [string, Record<string, string>, string][] = [
      ['ends before it starts', { endsAt: at('13:00:00') }, 'endsAt'],
      ['ends when it starts', { endsAt: at('14:00:00') }, 'endsAt'],
      ['booking closes before it opens', { bookingOpensAt: at('12:00:00'), bookingClosesAt: at('11:00:00') }, 'bookingClosesAt'],
      ['booking closes after the event ends', { bookingClosesAt: at('23:00:00') }, 'bookingClosesAt'],
      ['lasts more than 31 days', { endsAt: '2027-07-15T22:00:00Z' }, 'endsAt'],
    ];
    it.each(ROWS)('an event that %s', async (_what, change, field) => {
      const res = await refused({ method: 'post', path: '/api/events', body: { ...validEvent(), ...change } }, 400, 'VALIDATION_FAILED');
      expect(fields(res)).toContain(field);
    });

    it('a PATCH that moves the end before the stored start', async () => {
      const res = await refused({ method: 'patch', path: `/api/events/${event.id}`, body: { endsAt: hoursAfter(event.startsAt, -1) } }, 400, 'VALIDATION_FAILED');
      expect(fields(res)).toEqual(['endsAt']);
    });
  });

  describe('times without an offset or not times at all → 400', () => {
    const VALUES = ['2027-06-01T09:00:00', '2027-06-01', '2027-06-01 09:00:00Z', '2027-02-30T09:00:00Z', '2027-13-01T09:00:00Z', '2027-06-01T09:00:00+25:00', '1811768400', 'tomorrow at nine'];
    it.each(VALUES)('%j as an event start, a window start and a slot filter', async (value) => {
      const created = await refused({ method: 'post', path: '/api/events', body: { ...validEvent(), startsAt: value } }, 400, 'VALIDATION_FAILED');
      expect(fields(created)).toEqual(['startsAt']);
      const window = await refused({ method: 'put', path: availabilityPath, body: { windows: [{ startsAt: value, endsAt: event.endsAt }] } }, 400, 'VALIDATION_FAILED');
      expect(fields(window)).toEqual(['windows.0.startsAt']);
      const filter = await refused({ method: 'get', path: `/api/events/${event.id}/slots?from=${encodeURIComponent(value)}` }, 400, 'VALIDATION_FAILED', [value]);
      expect(fields(filter)).toEqual(['from']);
    });
  });

  describe('huge input', () => {
    it('a 1 MB name → 400 naming name, without echoing it', async () => {
      const name = `HUGE${'x'.repeat(1_000_000)}`;
      const res = await refused({ method: 'post', path: '/api/events', body: { ...validEvent(), name } }, 400, 'VALIDATION_FAILED', ['HUGE', 'xxxxxxxxxx']);
      expect(fields(res)).toEqual(['name']);
      expect(res.text.length).toBeLessThan(2_000);
    });

    it('a 10,001-character description → 400 naming description', async () => {
      const res = await refused({ method: 'post', path: '/api/events', body: { ...validEvent(), description: 'd'.repeat(10_001) } }, 400, 'VALIDATION_FAILED');
      expect(fields(res)).toEqual(['description']);
    });

    it('a 2 MB JSON body → 413 PAYLOAD_TOO_LARGE, on public and protected routes', async () => {
      const raw = JSON.stringify({ ...validEvent(), description: 'd'.repeat(2 * 1024 * 1024) });
      await refused({ method: 'post', path: '/api/events', raw }, 413, 'PAYLOAD_TOO_LARGE');
      await refused({ method: 'post', path: '/api/auth/login', who: 'none', raw: JSON.stringify({ email: 'a@b.co', password: 'p'.repeat(2 * 1024 * 1024) }) }, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('a CSV over 20 MB → 413 PAYLOAD_TOO_LARGE', async () => {
      const raw = `name,email,studentNumber,major,graduationYear\n${'Big Row,big@example.edu,,,\n'.repeat(800_000)}`;
      expect(raw.length).toBeGreaterThan(20 * 1024 * 1024);
      await refused({ method: 'post', path: '/api/students/import', raw, contentType: 'text/csv' }, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('a body nested 5,000 levels deep → 400 naming the field', async () => {
      const raw = `{"email":${'['.repeat(5000)}${']'.repeat(5000)},"password":"whatever-password"}`;
      const res = await refused({ method: 'post', path: '/api/auth/login', who: 'none', raw }, 400, 'VALIDATION_FAILED');
      expect(fields(res)).toEqual(['email']);
    });

    it('a 201-character search and a 300-character Idempotency-Key → 400', async () => {
      const search = await refused({ method: 'get', path: `/api/students?q=${'q'.repeat(201)}` }, 400, 'VALIDATION_FAILED', ['q'.repeat(201)]);
      expect(fields(search)).toEqual(['q']);
      await refused({ method: 'post', path: '/api/bookings', who: 'student', body: { slotId: UUID }, headers: { 'Idempotency-Key': 'k'.repeat(300) } }, 400, 'INVALID_IDEMPOTENCY_KEY', ['k'.repeat(300)]);
    });
  });

  describe('NUL characters, which PostgreSQL text cannot hold → 4xx, never 500', () => {
    it.each<[string, () => Sent]>([
      ['in a student name', () => ({ method: 'post', path: '/api/students', body: { name: 'Nul\u0000Name', email: 'nul@example.edu' } })],
      ['in an event description', () => ({ method: 'post', path: '/api/events', body: { ...validEvent(), description: 'Nul\u0000Description' } })],
      ['in a student search', () => ({ method: 'get', path: '/api/students?q=Nul%00Search' })],
      ['in a volunteer search', () => ({ method: 'get', path: '/api/volunteers?q=%00' })],
    ])('%s → 400 VALIDATION_FAILED', async (_what, req) => {
      await refused(req(), 400, 'VALIDATION_FAILED', ['Nul']);
    });
  });

  describe('path ids that are not UUIDs → 404 NOT_FOUND', () => {
    const IDS = ['not-a-uuid', '123', "1' OR '1'='1", '3f0c1e2a-5b6d-4e7f-8a9b-0c1d2e3f4a5g', 'x'.repeat(5_000), UUID];
    const ROUTES: [string, (id: string) => Sent][] = [
      ['GET /api/events/:id', (id) => ({ method: 'get', path: `/api/events/${id}` })],
      ['PATCH /api/events/:id', (id) => ({ method: 'patch', path: `/api/events/${id}`, body: { location: 'Room 9' } })],
      ['DELETE /api/events/:id', (id) => ({ method: 'delete', path: `/api/events/${id}` })],
      ['POST /api/events/:id/publish', (id) => ({ method: 'post', path: `/api/events/${id}/publish` })],
      ['GET /api/volunteers/:id', (id) => ({ method: 'get', path: `/api/volunteers/${id}` })],
      ['PUT availability with a bad eventId', (id) => ({ method: 'put', path: `/api/events/${id}/volunteers/${volunteer.id}/availability`, body: { windows: [] } })],
      ['PUT availability with a bad volunteerId', (id) => ({ method: 'put', path: `/api/events/${event.id}/volunteers/${id}/availability`, body: { windows: [] } })],
      ['GET availability with a bad volunteerId', (id) => ({ method: 'get', path: `/api/events/${event.id}/volunteers/${id}/availability` })],
      ['GET /api/events/:eventId/slots', (id) => ({ method: 'get', path: `/api/events/${id}/slots` })],
      ['DELETE /api/bookings/:id', (id) => ({ method: 'delete', path: `/api/bookings/${id}` })],
      ['PATCH /api/bookings/:id', (id) => ({ method: 'patch', path: `/api/bookings/${id}`, body: { slotId: UUID } })],
      ['POST withdrawal with a bad eventId', (id) => ({ method: 'post', path: `/api/events/${id}/volunteers/${volunteer.id}/withdrawal` })],
      ['POST withdrawal with a bad volunteerId', (id) => ({ method: 'post', path: `/api/events/${event.id}/volunteers/${id}/withdrawal` })],
      ['GET /api/events/:eventId/bookings', (id) => ({ method: 'get', path: `/api/events/${id}/bookings` })],
    ];
    const rows = ROUTES.flatMap(([route, req]) => IDS.map((id) => ({ label: `${route} with ${JSON.stringify(id.slice(0, 40))}`, req: () => req(encodeURIComponent(id)), id })));

    it.each(rows)('$label', async ({ req, id }) => {
      await refused(req(), 404, 'NOT_FOUND', id === UUID ? [] : [id.slice(0, 100)]);
    });
  });

  it('a path that is not valid percent-encoding → 400, without echoing it', async () => {
    await refused({ method: 'get', path: '/api/events/%E0%A4%A-broken-escape' }, 400, 'BAD_REQUEST', ['%E0%A4%A', 'broken-escape']);
  });

  describe('student import', () => {
    const csv = (...lines: string[]) => ['name,email,studentNumber,major,graduationYear', ...lines].join('\n');
    const importing = (raw: string, contentType = 'text/csv'): Sent => ({ method: 'post', path: '/api/students/import', raw, contentType });
    const cells = (raw: string) => raw.split('\n').slice(1).flatMap((l) => l.split(/[,"]/));

    it.each<[string, string, number[]]>([
      ['a wrong header', 'name,mail,number,major,graduationYear\nAda Lovelace,ada@example.edu,S1,Maths,2027', [1]],
      ['a header with a column missing', 'name,email,major,graduationYear\nAda Lovelace,ada@example.edu,Maths,2027', [1]],
      ['only a header', csv(), [2]],
      ['nothing at all', '', [1]],
      ['a quote never closed', csv('"Unclosed Quote,unclosed@example.edu,,,'), [2]],
      ['text after a closing quote', csv('Good Row,good@example.edu,,,', '"Quoted"Trailing,trailing@example.edu,,,'), [3]],
      ['a quote inside an unquoted field', csv('Good Row,good@example.edu,,,', 'Middle"Quoted Name,midquote@example.edu,,,'), [3]],
      ['a NUL character in a row', csv('Good Row,good@example.edu,,,', 'Nul\u0000Row,nulrow@example.edu,,,'), [3]],
      [
        'several bad rows among good ones',
        csv(
          'Good Row,good@example.edu,S1,Maths,2027', // 2
          ',noname@example.edu,,,', // 3: no name
          'Bad Mail,not-an-address,,,', // 4
          'Other Good,other@example.edu,,,', // 5
          'Duplicate,GOOD@example.edu,,,', // 6: repeats line 2
          'Bad Year,badyear@example.edu,,,20270', // 7
          'Too Few,toofew@example.edu', // 8
        ),
        [3, 4, 6, 7, 8],
      ],
    ])('%s → 422 IMPORT_REJECTED listing the lines, writing nothing', async (_what, raw, lines) => {
      const res = await refused(importing(raw), 422, 'IMPORT_REJECTED', cells(raw));
      expect(res.body.details.rows.map((r: { line: number }) => r.line)).toEqual(lines);
      expect(res.body.details.rows.every((r: { reason: unknown }) => typeof r.reason === 'string' && r.reason.length > 0)).toBe(true);
    });

    it.each<[string, Sent]>([
      ['JSON', { method: 'post', path: '/api/students/import', body: { rows: [{ name: 'Json Row', email: 'json@example.edu' }] } }],
      ['text/plain', { method: 'post', path: '/api/students/import', raw: csv('Plain Row,plain@example.edu,,,'), contentType: 'text/plain' }],
      ['application/csv', { method: 'post', path: '/api/students/import', raw: csv('App Row,appcsv@example.edu,,,'), contentType: 'application/csv' }],
      ['multipart/form-data', { method: 'post', path: '/api/students/import', raw: csv('Form Row,form@example.edu,,,'), contentType: 'multipart/form-data; boundary=x' }],
      ['no content type', { method: 'post', path: '/api/students/import', raw: Buffer.from(csv('Bare Row,bare@example.edu,,,')), contentType: '' }],
    ])('sent as %s → 415 UNSUPPORTED_MEDIA_TYPE', async (_what, req) => {
      await refused(req, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('request bodies the server cannot decode → 4xx', () => {
    it('an unknown Content-Encoding → 415', async () => {
      await refused({ method: 'post', path: '/api/events', raw: JSON.stringify(validEvent()), headers: { 'Content-Encoding': 'x-unknown' } }, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('a non-UTF charset for JSON → 415', async () => {
      await refused({ method: 'post', path: '/api/events', raw: JSON.stringify(validEvent()), contentType: 'application/json; charset=koi8-r' }, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('gzip that is not gzip → 400', async () => {
      await refused({ method: 'post', path: '/api/events', raw: JSON.stringify(validEvent()), headers: { 'Content-Encoding': 'gzip' } }, 400, 'BAD_REQUEST');
    });
  });

  describe('availability windows the event cannot hold → 422 INVALID_AVAILABILITY, nothing changed', () => {
    const hour = (h: number) => hoursAfter(event.startsAt, h);
    const ROWS: [string, () => { startsAt: string; endsAt: string }[], number[]][] = [
      ['starts before the event', () => [{ startsAt: hour(-1), endsAt: hour(1) }], [0]],
      ['ends after the event', () => [{ startsAt: hour(7), endsAt: hour(9) }], [0]],
      ['entirely on another day', () => [{ startsAt: hour(48), endsAt: hour(50) }], [0]],
      ['ends before it starts', () => [{ startsAt: hour(3), endsAt: hour(2) }], [0]],
      ['shorter than one slot', () => [{ startsAt: hour(3), endsAt: hoursAfter(hour(3), 0.25) }], [0]],
      ['overlapping another window', () => [{ startsAt: hour(1), endsAt: hour(3) }, { startsAt: hour(2), endsAt: hour(4) }], [1]],
      ['one good, one outside, one overlapping', () => [{ startsAt: hour(0), endsAt: hour(2) }, { startsAt: hour(9), endsAt: hour(10) }, { startsAt: hour(1), endsAt: hour(3) }], [1, 2]],
    ];
    it.each(ROWS)('a window %s', async (_what, windows, indexes) => {
      const res = await refused({ method: 'put', path: availabilityPath, body: { windows: windows() } }, 422, 'INVALID_AVAILABILITY');
      expect(res.body.details.windows.map((w: { index: number }) => w.index)).toEqual(indexes);
    });
  });

  describe('bad cursors → 422 INVALID_CURSOR', () => {
    const iso = '2027-06-01T14:00:00.000Z';
    const COMMON: [string, string][] = [
      ['not base64url JSON', '!!!not-a-cursor!!!'],
      ['base64 of text', b64('hello')],
      ['an object', b64('{"name":"x","id":"y"}')],
      ['an empty array', b64('[]')],
      ['one part', b64('["x"]')],
      ['numbers', b64('[1,2]')],
      ['three parts', b64(`["${iso}","${UUID}","x"]`)],
      ['a key whose id is not a UUID', b64(`["${iso}","not-a-uuid"]`)],
      ['a key with a NUL', b64(`["\\u0000","${UUID}"]`)],
    ];
    const SLOTS_ONLY: [string, string][] = [
      ['a slot key whose time is not a time', b64(`["not-a-time","${UUID}"]`)],
      ['a slot key whose time does not exist', b64(`["2027-02-30T09:00:00.000Z","${UUID}"]`)],
    ];
    const rows = [
      ...[...COMMON, ...SLOTS_ONLY].map(([what, cursor]) => ({ label: `slots: ${what}`, path: () => `/api/events/${event.id}/slots`, cursor })),
      ...COMMON.map(([what, cursor]) => ({ label: `students: ${what}`, path: () => '/api/students', cursor })),
      ...COMMON.map(([what, cursor]) => ({ label: `volunteers: ${what}`, path: () => '/api/volunteers', cursor })),
    ];

    it.each(rows)('$label', async ({ path, cursor }) => {
      await refused({ method: 'get', path: `${path()}?cursor=${encodeURIComponent(cursor)}` }, 422, 'INVALID_CURSOR');
    });

    it('a well-formed key is accepted (control)', async () => {
      await t.http().get('/api/students').query({ cursor: b64(`["M","${UUID}"]`) }).auth(staff, { type: 'bearer' }).expect(200);
      await t.http().get(`/api/events/${event.id}/slots`).query({ cursor: b64(`["${iso}","${UUID}"]`) }).auth(staff, { type: 'bearer' }).expect(200);
    });

    it('a cursor longer than any this API issues → 400 naming cursor', async () => {
      const res = await refused({ method: 'get', path: `/api/students?cursor=${'c'.repeat(201)}` }, 400, 'VALIDATION_FAILED');
      expect(fields(res)).toEqual(['cursor']);
    });
  });

  describe('bad query parameters → 400 VALIDATION_FAILED naming the parameter', () => {
    const ROWS: [string, string, string][] = [
      ['slots', 'limit=abc', 'limit'],
      ['slots', 'limit=0', 'limit'],
      ['slots', 'limit=501', 'limit'],
      ['slots', 'limit=1.5', 'limit'],
      ['slots', 'limit=1&limit=2', 'limit'],
      ['slots', 'available=maybe', 'available'],
      ['slots', 'available=1', 'available'],
      ['slots', 'available=', 'available'],
      ['slots', 'volunteerId=volunteer-one', 'volunteerId'],
      ['slots', 'expertise=Resume%20Review', 'expertise'],
      ['slots', 'to=yesterday', 'to'],
      ['students', 'limit=abc', 'limit'],
      ['students', 'limit=-1', 'limit'],
      ['volunteers', 'limit=1e9', 'limit'],
      ['bookings', 'status=pending', 'status'],
    ];
    const paths: Record<string, () => string> = {
      slots: () => `/api/events/${event.id}/slots`,
      students: () => '/api/students',
      volunteers: () => '/api/volunteers',
      bookings: () => `/api/events/${event.id}/bookings`,
    };
    it.each(ROWS)('%s ?%s', async (list, query, field) => {
      const res = await refused({ method: 'get', path: `${paths[list]()}?${query}` }, 400, 'VALIDATION_FAILED');
      expect(fields(res)).toContain(field);
      expect(new Set(fields(res))).toEqual(new Set([field]));
    });
  });

  it('left the event and the existing availability exactly as they were', async () => {
    const got = await t.http().get(`/api/events/${event.id}`).auth(staff, { type: 'bearer' }).expect(200);
    expect(got.body).toMatchObject({ name: expect.stringMatching(/^Mock interview day/), location: 'Student Union', status: 'published' });
    const availability = await t.http().get(availabilityPath).auth(staff, { type: 'bearer' }).expect(200);
    expect(availability.body).toMatchObject({ windows: [{}], slotCount: 4 });
  });
});
