import { createBooking, createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { csrfOf, PageClient } from '../support/pages';
import { bearer, useTestApp } from '../support/test-app';

/** Issue 13: the staff console's forms over HTTP (the browser spec drives the main flows). */
describe('staff console pages', () => {
  const t = useTestApp();
  const admin = async () => {
    const [staff] = await t.db.query(`SELECT id FROM staff WHERE role = 'admin' LIMIT 1`);
    return PageClient.signedIn(t, { role: 'staff', id: staff.id });
  };

  it('reopens a closed event through the API; a draft is published, not reopened', async () => {
    const staff = await t.staffToken();
    const event = await createEvent(t, { publish: false });
    const draft = await t.http().post(`/api/events/${event.id}/reopen`).set(bearer(staff)).expect(409);
    expect(draft.body.code).toBe('EVENT_NOT_CLOSED');
    await t.http().post(`/api/events/${event.id}/publish`).set(bearer(staff)).expect(200);
    await t.http().patch(`/api/events/${event.id}`).set(bearer(staff)).send({ status: 'closed' }).expect(200);
    const reopened = await t.http().post(`/api/events/${event.id}/reopen`).set(bearer(staff)).expect(200);
    expect(reopened.body.status).toBe('published');
    await t.http().post(`/api/events/${event.id}/reopen`).set(bearer(staff)).expect(200);
  });

  it('explains in words an edit refused because booked interviews would be lost (409)', async () => {
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t);
    const [slot] = await createSlots(t, event.id, volunteer.id, hoursAfter(event.startsAt, 1), hoursAfter(event.startsAt, 2));
    const student = await createStudent(t);
    await createBooking(t, student.token, { slotId: slot.id });
    const page = await admin();
    const form = await page.get(`/console/events/${event.id}/edit`);
    expect(form.status).toBe(200);
    const value = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(form.text)?.[1] ?? '';
    const fields = Object.fromEntries(['name', 'location', 'timezone', 'startsAt', 'endsAt', 'bookingOpensAt', 'bookingClosesAt', 'breakMinutes', 'maxBookingsPerStudent'].map((n) => [n, value(n)]));
    const res = await page.post(`/console/events/${event.id}/edit`, { ...fields, slotMinutes: '45' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('would remove 1 booked interview. Move or cancel it first');
    const [row] = await t.db.query(`SELECT slot_minutes FROM events WHERE id = $1`, [event.id]);
    expect(row.slot_minutes).toBe(30);
  });

  it('imports students from an uploaded CSV, listing each bad line, and all of a good file', async () => {
    const page = await admin();
    const list = await page.get('/console/students');
    const csrf = csrfOf(list.text);
    const upload = (csv: string) =>
      t.http().post(`/console/students/import?_csrf=${encodeURIComponent(csrf)}`).set('Cookie', page.cookieHeader).attach('file', Buffer.from(csv), { filename: 'students.csv', contentType: 'text/csv' });
    const bad = await upload('name,email,studentNumber,major,graduationYear\nAda,ada@example.edu,S1,Math,2027\n,not-an-address,,,\n');
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Nothing was imported: 1 line has a problem.');
    expect(bad.text).toMatch(/Line 3: name is empty/);
    expect(await t.db.query(`SELECT 1 FROM students WHERE email = 'ada@example.edu'`)).toEqual([]);
    const good = await upload('name,email,studentNumber,major,graduationYear\nAda,ada@example.edu,S1,Math,2027\nBob,bob@example.edu,S2,History,2028\n');
    expect(good.status).toBe(200);
    expect(good.text).toContain('Imported 2 lines: 2 added, 0 updated.');
    // Without the token in its address the upload is refused like any other forged form.
    const forged = await t.http().post('/console/students/import').set('Cookie', page.cookieHeader).attach('file', Buffer.from('name,email\n'), 'x.csv');
    expect(forged.status).toBe(403);
  });

  it('imports volunteers from an uploaded CSV through the API\'s service: bad lines listed, a Windows-1252 file read, known addresses left', async () => {
    const page = await admin();
    const csrf = csrfOf((await page.get('/console/volunteers')).text);
    const upload = (csv: Buffer | string) =>
      t.http().post(`/console/volunteers/import?_csrf=${encodeURIComponent(csrf)}`).set('Cookie', page.cookieHeader).attach('file', Buffer.from(csv), { filename: 'volunteers.csv', contentType: 'text/csv' });
    const bad = await upload('name,email,organization,title,expertise\nAda Page,ada-page@acme.example,Acme,,\nNo Address,,,,\nBad Tags,tags-page@acme.example,,,Not A Tag\n');
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Nothing was imported: 2 lines have problems.');
    expect(bad.text).toMatch(/Line 3: email: /);
    expect(bad.text).toMatch(/Line 4: expertise: /);
    expect(await t.db.query(`SELECT 1 FROM volunteers WHERE email = 'ada-page@acme.example'`)).toEqual([]);
    const good = await upload(Buffer.from('name,email,organization\nAda Page,ada-page@acme.example,Acme\nJosé Página,jose-page@acme.example,Café\n', 'latin1'));
    expect(good.status).toBe(200);
    expect(good.text).toContain('Imported 2 lines: 2 added, 0 already known (left as they are).');
    expect(await t.db.query(`SELECT name FROM volunteers WHERE email = 'jose-page@acme.example'`)).toEqual([{ name: 'José Página' }]);
    const again = await upload('name,email\nAda Page,ada-page@acme.example\n');
    expect(again.text).toContain('Imported 1 line: 0 added, 1 already known (left as they are).');
    const empty = await t.http().post(`/console/volunteers/import?_csrf=${encodeURIComponent(csrf)}`).set('Cookie', page.cookieHeader).field('x', '1');
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Choose a CSV file first.');
    const forged = await t.http().post('/console/volunteers/import').set('Cookie', page.cookieHeader).attach('file', Buffer.from('name,email\n'), 'x.csv');
    expect(forged.status).toBe(403);
  });

  it('edits the floor plan a place at a time through the plan\'s own rules: add, refuse in words, edit, remove', async () => {
    const staff = await t.staffToken();
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t, { name: 'Tara Table' });
    await createSlots(t, event.id, volunteer.id, hoursAfter(event.startsAt, 1), hoursAfter(event.startsAt, 3));
    const exhibitor = (await t.http().post(`/api/events/${event.id}/exhibitors`).set(bearer(staff)).send({ organization: 'Booth Co' }).expect(201)).body;
    const hall = { key: 'A', name: 'Main Hall', width: 20, height: 10, places: [{ label: 'Table 1', kind: 'interview_table', x: 1, y: 1, width: 2, height: 1 }] };
    await t.http().put(`/api/events/${event.id}/floor-plan`).set(bearer(staff)).send({ version: 0, halls: [hall] }).expect(200);
    const places = async () =>
      (await t.db.query(`SELECT label, kind, exhibitor_id AS "exhibitorId" FROM floor_places WHERE event_id = $1 ORDER BY label`, [event.id])) as { label: string; exhibitorId: string | null }[];
    const planPlaces = async () => (await t.http().get(`/api/events/${event.id}/floor-plan`).set(bearer(staff)).expect(200)).body.halls[0].places as Record<string, unknown>[];
    const page = await admin();
    const floor = await page.get(`/console/events/${event.id}/floor`);
    expect(floor.text).toContain('aria-label="Edit Table 1"');
    const booth = { version: '1', original: '', hall: 'A', label: 'B1', kind: 'booth', x: '5', y: '5', width: '2', height: '2', rotation: '0', exhibitorId: exhibitor.id };

    // Field errors come back on the form, nothing stored.
    expect((await page.get(`/console/events/${event.id}/floor/place`)).status).toBe(200);
    const badField = await page.post(`/console/events/${event.id}/floor/place`, { ...booth, width: 'wide' });
    expect(badField.status).toBe(422);
    expect(badField.text).toMatch(/id="place-width-error">Check this field\./);
    // The plan's rules, in words: the booth would overlap Table 1.
    const overlap = await page.post(`/console/events/${event.id}/floor/place`, { ...booth, x: '1.5', y: '1' });
    expect(overlap.status).toBe(422);
    expect(overlap.text).toContain('Nothing was saved: 1 problem in the plan.');
    expect(overlap.text).toContain('B1: It overlaps Table 1.');
    expect(await places()).toHaveLength(1);

    const added = await page.post(`/console/events/${event.id}/floor/place`, booth);
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe(`/console/events/${event.id}/floor?notice=floor-saved`);
    expect(await places()).toEqual([
      { label: 'B1', kind: 'booth', exhibitorId: exhibitor.id },
      { label: 'Table 1', kind: 'interview_table', exhibitorId: null },
    ]);
    expect((await planPlaces())[1]).toEqual({ label: 'B1', kind: 'booth', x: 5, y: 5, width: 2, height: 2, rotation: 0, exhibitorId: exhibitor.id });
    // A form loaded before that save is stale now (409), and says so.
    const stale = await page.post(`/console/events/${event.id}/floor/place`, { ...booth, label: 'B2', x: '9', exhibitorId: '' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('The plan was changed meanwhile, so nothing was saved.');

    // Table 1 renamed and given its volunteer for two hours, times on the event's clock (UTC here).
    const form = await page.get(`/console/events/${event.id}/floor/place?label=${encodeURIComponent('Table 1')}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="version" value="2"');
    const from = hoursAfter(event.startsAt, 1).slice(0, 16);
    const until = hoursAfter(event.startsAt, 3).slice(0, 16);
    // A problem with a time says it on the event's clock, in words (the API gives ISO 8601).
    const twice = await page.post(`/console/events/${event.id}/floor/place`, {
      version: '2', original: 'Table 1', hall: 'A', label: 'Table 1', kind: 'interview_table', x: '1', y: '1', width: '2', height: '1', rotation: '0', exhibitorId: '',
      assignmentVolunteer: [volunteer.id, volunteer.id, ''], assignmentStartsAt: [from, from, ''], assignmentEndsAt: [until, until, ''],
    });
    expect(twice.status).toBe(422);
    expect(twice.text).toMatch(/Table 1: It would host two volunteers at once, around \w{3} \d{1,2} \w{3}, 10:00\sAM UTC\./);
    expect(twice.text).not.toContain(':00.000Z');
    const edited = await page.post(`/console/events/${event.id}/floor/place`, {
      version: '2', original: 'Table 1', hall: 'A', label: 'Table 1A', kind: 'interview_table', x: '1', y: '1', width: '2', height: '1', rotation: '90', exhibitorId: '',
      assignmentVolunteer: [volunteer.id, ''], assignmentStartsAt: [from, ''], assignmentEndsAt: [until, ''],
    });
    expect(edited.status).toBe(303);
    const [table] = await t.db.query(
      `SELECT p.label, a.volunteer_id AS "volunteerId", a.starts_at AS "startsAt", a.ends_at AS "endsAt" FROM floor_places p JOIN table_assignments a ON a.place_id = p.id WHERE p.event_id = $1`,
      [event.id],
    );
    expect(table).toEqual({ label: 'Table 1A', volunteerId: volunteer.id, startsAt: new Date(hoursAfter(event.startsAt, 1)), endsAt: new Date(hoursAfter(event.startsAt, 3)) });
    // Where it was in the list, turned a quarter.
    expect((await planPlaces())[0]).toMatchObject({ label: 'Table 1A', rotation: 90 });
    expect((await page.get(`/console/events/${event.id}/floor`)).text).toContain('Tara Table');

    // Removing: a stale page is refused (409) on the floor page; the current one removes the booth.
    const refused = await page.post(`/console/events/${event.id}/floor/place/remove`, { version: '2', label: 'B1' });
    expect(refused.status).toBe(409);
    const removed = await page.post(`/console/events/${event.id}/floor/place/remove`, { version: '3', label: 'B1' });
    expect(removed.status).toBe(303);
    expect((await places()).map((p) => p.label)).toEqual(['Table 1A']);
    expect((await page.get(`/console/events/${event.id}/floor/place?label=B1`)).status).toBe(404);
  });
});
