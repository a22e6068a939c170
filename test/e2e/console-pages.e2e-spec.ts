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
});
