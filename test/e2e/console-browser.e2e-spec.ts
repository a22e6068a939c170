import type { Browser, Page } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBooking, createEvent, createSlots, createStudent, createVolunteer, hoursAfter, startInterview } from '../support/factories';
import { waitFor } from '../support/wait-for';
import { createServedApp, launchChromium, newContext, phoneProblems, seriousViolations } from '../support/browser';
import { ADMIN, bearer, TestApp } from '../support/test-app';

/**
 * Issue 13: the staff console's main flows in real Chromium, with axe-core on every page they
 * reach: an admin runs events, people and staff accounts; a desk account checks a student in by
 * a typed code and is refused everything else.
 */
describe('staff console in a real browser', () => {
  let t: TestApp & { baseUrl: string };
  let browser: Browser;
  const audited = new Set<string>();

  beforeAll(async () => {
    [t, browser] = await Promise.all([createServedApp(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function audit(page: Page, phone = false): Promise<void> {
    const violations = await seriousViolations(page);
    expect({ url: page.url(), violations: violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`) }).toEqual({ url: page.url(), violations: [] });
    if (phone) expect({ url: page.url(), problems: await phoneProblems(page) }).toEqual({ url: page.url(), problems: [] });
    audited.add(new URL(page.url()).pathname.replace(/[0-9a-f-]{36}/g, ':id'));
  }

  async function signIn(kind: 'phone' | 'desktop', email: string, password: string): Promise<Page> {
    const page = await (await newContext(browser, kind)).newPage();
    page.on('dialog', (dialog) => {
      throw new Error(`A script opened a dialog: ${dialog.message()}`);
    });
    await page.goto(`${t.baseUrl}/`);
    await page.getByText('Staff sign-in').click();
    await page.locator('#staff-email').fill(email);
    await page.locator('#staff-password').fill(password);
    await page.getByRole('button', { name: 'Sign in as staff' }).click();
    await page.waitForLoadState('load');
    return page;
  }

  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

  it('an admin creates, edits, publishes, closes and reopens an event, and sets its reminders', async () => {
    const page = await signIn('desktop', ADMIN.email, ADMIN.password);
    await page.waitForURL(`${t.baseUrl}/home`);
    await audit(page);
    await page.getByRole('link', { name: 'New event' }).click();
    await audit(page);
    await page.getByLabel('Name', { exact: true }).fill('Spring Career Fair');
    await page.getByLabel('Venue').fill('Student Union');
    await page.getByLabel('Time zone').fill('America/New_York');
    await page.getByLabel('Starts').fill('2031-04-10T09:00');
    await page.getByLabel('Ends').fill('2031-04-10T17:00');
    await page.getByLabel('Booking opens').fill('2031-03-01T09:00');
    // Booking closing after the event ends is explained, not saved.
    await page.getByLabel('Booking closes').fill('2031-04-11T09:00');
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.field-error').first().textContent()).toContain('Booking must close after it opens, and no later than the event ends.');
    await audit(page);
    await page.getByLabel('Booking closes').fill('2031-04-09T17:00');
    await page.getByRole('button', { name: 'Create the draft' }).click();
    await page.waitForURL(/\/console\/events\/[0-9a-f-]{36}\?notice=event-saved$/);
    expect(await heading(page)).toBe('Spring Career Fair');
    await audit(page);

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/notice=event-saved/);
    expect(await page.locator('.badge').first().textContent()).toBe('Published');
    await page.getByRole('button', { name: 'Close' }).click();
    await page.waitForURL(/notice=event-saved/);
    expect(await page.locator('.badge').first().textContent()).toBe('Closed');
    await page.getByRole('button', { name: 'Reopen' }).click();
    await page.waitForURL(/notice=event-saved/);
    expect(await page.locator('.badge').first().textContent()).toBe('Published');

    await page.getByRole('link', { name: 'Edit the event, its booking window and limits' }).click();
    await audit(page);
    await page.getByLabel('Interviews per student (1–50)').fill('3');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/notice=event-saved/);
    const eventId = /events\/([0-9a-f-]{36})/.exec(page.url())![1];
    const [row] = await t.db.query(`SELECT max_bookings_per_student AS n, status FROM events WHERE id = $1`, [eventId]);
    expect(row).toEqual({ n: 3, status: 'published' });

    await page.getByRole('link', { name: 'Reminders and preferences' }).click();
    await audit(page);
    await page.getByLabel('Minutes before each interview').fill('1440, 60');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/notice=event-saved/);
    const [reminders] = await t.db.query(`SELECT offsets_minutes FROM event_reminder_settings WHERE event_id = $1`, [eventId]);
    expect(reminders.offsets_minutes).toEqual([1440, 60]);
    await page.context().close();
  });

  it('an admin adds, finds, edits and deletes students and volunteers, and adds a desk account', async () => {
    const page = await signIn('desktop', ADMIN.email, ADMIN.password);
    await page.getByRole('link', { name: 'Students' }).click();
    await audit(page);
    await page.getByRole('link', { name: 'Add a student' }).click();
    await audit(page);
    await page.getByLabel('Name').fill('Grace Student');
    await page.getByLabel('E-mail address').fill('grace@example.edu');
    await page.getByLabel('Graduation year').fill('2027');
    await page.getByRole('button', { name: 'Add' }).click();
    await page.waitForURL(/\/console\/students\/[0-9a-f-]{36}\?notice=person-saved$/);
    await audit(page);
    await page.getByLabel('Major').fill('Computer Science');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/notice=person-saved/);
    await page.getByRole('link', { name: 'Back to the list' }).click();
    await page.getByLabel('Search by name or e-mail').fill('grace');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=grace/);
    expect(await page.getByRole('region', { name: 'Students' }).textContent()).toContain('Computer Science');
    await page.getByRole('link', { name: 'Grace Student' }).click();
    await page.getByRole('button', { name: 'Delete Grace Student' }).click();
    await page.waitForURL(/\/console\/students\?notice=person-deleted$/);
    expect(await page.getByRole('status').first().textContent()).toContain('Deleted.');
    await audit(page);

    await page.getByRole('link', { name: 'Volunteers' }).click();
    await audit(page);
    await page.getByRole('link', { name: 'Add a volunteer' }).click();
    await audit(page);
    await page.getByLabel('Name').fill('Ada Volunteer');
    await page.getByLabel('E-mail address').fill('ada@acme.example');
    await page.getByLabel('Organization').fill('Acme');
    await page.getByLabel('Expertise').fill('Not A Tag!');
    await page.getByRole('button', { name: 'Add' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.field-error').textContent()).toContain('Tags separated by commas');
    await audit(page);
    await page.getByLabel('Expertise').fill('software, finance');
    await page.getByRole('button', { name: 'Add' }).click();
    await page.waitForURL(/\/console\/volunteers\/[0-9a-f-]{36}\?notice=person-saved$/);
    expect(await page.getByLabel('Expertise').inputValue()).toBe('software, finance');
    await audit(page);

    await page.getByRole('link', { name: 'Staff accounts' }).click();
    await audit(page);
    const form = page.locator('form[action="/console/staff"]');
    await form.getByLabel('Name').fill('Door Worker');
    await form.getByLabel('E-mail address').fill('door@fairgrid.test');
    await form.getByLabel('Password').fill('door-password-123');
    await form.getByLabel('Role').selectOption('desk');
    await form.getByRole('button', { name: 'Add account' }).click();
    await page.waitForURL(/notice=staff-saved/);
    expect(await page.getByRole('region', { name: 'Staff accounts' }).textContent()).toContain('Door Worker');
    await audit(page);
    await page.context().close();
  });

  it('an admin uploads volunteers from a CSV by keyboard on a phone: the bad lines are listed, then a good file is imported', async () => {
    const page = await signIn('phone', ADMIN.email, ADMIN.password);
    await page.goto(`${t.baseUrl}/console/volunteers`);
    const file = join(tmpdir(), `volunteers-${Date.now()}.csv`);
    writeFileSync(file, 'name,email,organization,title,expertise\nLin Upload,lin-upload@acme.example,Acme,Recruiter,software;finance\nNo Address,,,,\n');
    const input = page.getByLabel('CSV file');
    await input.setInputFiles(file);
    await input.focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Upload');
    await page.keyboard.press('Enter');
    await page.waitForLoadState('load');
    const alert = page.getByRole('alert');
    expect(await alert.textContent()).toContain('Nothing was imported: 1 line has a problem.');
    expect(await alert.textContent()).toContain('Line 3: email:');
    await audit(page, true);
    // Windows-1252, as Excel saves "CSV (Comma delimited)".
    writeFileSync(file, Buffer.from('name,email,organization,title,expertise\nLin Upload,lin-upload@acme.example,Acme,Recruiter,software;finance\nRenée Import,renee-upload@acme.example,Café,,\n', 'latin1'));
    await page.getByLabel('CSV file').setInputFiles(file);
    await page.getByLabel('CSV file').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForLoadState('load');
    expect(await page.getByRole('status').first().textContent()).toContain('Imported 2 lines: 2 added, 0 already known (left as they are).');
    expect(await t.db.query(`SELECT name, organization FROM volunteers WHERE email = 'renee-upload@acme.example'`)).toEqual([{ name: 'Renée Import', organization: 'Café' }]);
    await audit(page, true);
    await page.context().close();
  });

  it('a desk account checks a student in by a typed code on a phone, and is refused everything else', async () => {
    const event = await createEvent(t, { name: 'Door Event' });
    const student = await createStudent(t, { name: 'Walk In' });
    const code = (await t.http().get(`/api/events/${event.id}/check-in-code`).set(bearer(student.token)).expect(200)).body.checkInCode as string;
    const admin = await t.staffToken();
    await t.http().post('/api/staff').set(bearer(admin)).send({ name: 'Phone Desk', email: 'phone-desk@fairgrid.test', password: 'desk-password-123', role: 'desk' }).expect(201);

    const page = await signIn('phone', 'phone-desk@fairgrid.test', 'desk-password-123');
    await page.waitForURL(`${t.baseUrl}/console/desk`);
    expect(await page.getByRole('navigation', { name: 'Main' }).textContent()).toBe('Check-in desk');
    await audit(page, true);
    await page.getByRole('link', { name: 'Door Event' }).click();
    await audit(page, true);
    await page.getByLabel('Check-in code').fill(code.toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('status').first().textContent()).toContain('Checked in: Walk In.');
    await audit(page, true);
    await page.getByLabel('Check-in code').fill(code);
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('status').first().textContent()).toContain('Walk In is already checked in');
    const [row] = await t.db.query(`SELECT count(*)::int AS n FROM check_ins WHERE event_id = $1`, [event.id]);
    expect(row.n).toBe(1);

    for (const path of ['/console/students', '/console/volunteers', '/console/staff', `/console/events/${event.id}`, '/console/events/new', `/event/${event.id}`]) {
      const res = await page.goto(`${t.baseUrl}${path}`);
      expect({ path, status: res?.status() }).toEqual({ path, status: 403 });
    }
    await audit(page, true);
    await page.goto(`${t.baseUrl}/home`);
    await page.waitForURL(`${t.baseUrl}/console/desk`);
    await page.context().close();
  });

  it('staff run the day: bookings filtered, exported and cancelled; report charts; a failed mail sent again; an allocation run published; the floor plan uploaded', async () => {
    const staff = await t.staffToken();
    const event = await createEvent(t, { name: 'Day Event', maxBookingsPerStudent: 2 });
    const [grace, alan] = await Promise.all([createVolunteer(t, { name: 'Grace Hopper' }), createVolunteer(t, { name: 'Alan Turing' })]);
    const graceSlots = await createSlots(t, event.id, grace.id, hoursAfter(event.startsAt, 1), hoursAfter(event.startsAt, 3));
    const alanSlots = await createSlots(t, event.id, alan.id, hoursAfter(event.startsAt, 1), hoursAfter(event.startsAt, 3));
    const [ann, bob, cat] = await Promise.all([createStudent(t, { name: 'Ann Booked', major: 'Physics', graduationYear: 2027 }), createStudent(t, { name: 'Bob Booked' }), createStudent(t, { name: 'Cat Prefers' })]);
    const annBooking = await createBooking(t, ann.token, { slotId: graceSlots[0].id });
    const bobBooking = await createBooking(t, bob.token, { slotId: alanSlots[0].id });
    // Attendance is marked once the interview has started (issue 12).
    await startInterview(t, annBooking.id);
    await t.http().post(`/api/bookings/${annBooking.id}/attendance`).set(bearer(staff)).send({ status: 'attended' }).expect(200);
    const page = await signIn('desktop', ADMIN.email, ADMIN.password);

    await page.goto(`${t.baseUrl}/console/events/${event.id}`);
    await page.getByRole('link', { name: 'Bookings' }).click();
    await audit(page);
    await page.getByLabel('Student, interviewer or organization').fill('grace');
    await page.getByRole('button', { name: 'Show bookings' }).click();
    await page.waitForURL(/q=grace/);
    const table = page.getByRole('region', { name: 'Bookings' });
    expect(await table.textContent()).toContain('Ann Booked');
    expect(await table.textContent()).not.toContain('Bob Booked');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download the schedule (CSV)' }).click();
    expect((await download).suggestedFilename()).toBe('schedule.csv');
    await page.getByRole('button', { name: 'Cancel this interview: Ann Booked with Grace Hopper' }).click();
    await page.waitForURL(/notice=cancelled/);
    const [cancelled] = await t.db.query(`SELECT status FROM bookings WHERE id = $1`, [annBooking.id]);
    expect(cancelled.status).toBe('cancelled');
    await page.getByRole('link', { name: 'Move: Bob Booked with Alan Turing' }).click();
    await audit(page);
    await page.getByLabel(/Grace Hopper/).first().check();
    await page.getByRole('button', { name: 'Move the interview' }).click();
    await page.waitForURL(/notice=moved/);
    const [moved] = await t.db.query(`SELECT volunteer_id FROM bookings WHERE id = $1`, [bobBooking.id]);
    expect(moved.volunteer_id).toBe(grace.id);

    await page.goto(`${t.baseUrl}/console/events/${event.id}/report`);
    await audit(page);
    expect(await page.getByRole('img', { name: 'Slots booked of slots offered' }).count()).toBe(1);
    expect(await page.getByRole('img', { name: 'Interviews attended, missed and not yet marked' }).count()).toBe(1);
    // Issue 13: the fill rate over time, described in words and as a table behind a disclosure, opened by keyboard.
    const fill = page.getByRole('img', { name: /^Share of slots booked over time From .* one point every 15 minutes/ });
    expect(await fill.count()).toBe(1);
    await page.getByText('Show the figures as a table').focus();
    await page.keyboard.press('Enter');
    const figures = page.getByRole('table', { name: 'Share of slots booked over time' });
    await figures.waitFor();
    expect(await figures.getByRole('columnheader').first().textContent()).toMatch(/^Time \(/);
    // Ann's booking is cancelled and Bob's moved: one of the eight slots is held at the end.
    expect(await figures.getByRole('row').last().textContent()).toContain('1 (13%)');
    await audit(page);

    await waitFor(async () => (await t.db.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE status = 'sent'`))[0].n > 0, 20_000);
    const [[failed]] = await t.db.query(
      `UPDATE outbox_messages SET status = 'failed', sent_at = NULL, last_error = '550 mailbox unavailable'
        WHERE id = (SELECT id FROM outbox_messages WHERE status = 'sent' ORDER BY created_at LIMIT 1) RETURNING id`,
    );
    await page.goto(`${t.baseUrl}/console/mail`);
    await audit(page);
    expect(await page.getByRole('region', { name: 'Failed e-mails' }).textContent()).toContain('550 mailbox unavailable');
    await page.getByRole('button', { name: 'Send again' }).click();
    await page.waitForURL(/notice=mail-retried/);
    await waitFor(async () => (await t.db.query(`SELECT status FROM outbox_messages WHERE id = $1`, [failed.id]))[0].status === 'sent', 20_000);

    // Preferences for an allocation run: Cat wants Alan.
    const now = Date.now();
    await t.http().put(`/api/events/${event.id}/allocation-settings`).set(bearer(staff)).send({ preferencesOpenAt: new Date(now - 3600_000).toISOString(), preferencesCloseAt: new Date(now + 3600_000).toISOString() }).expect(200);
    await t.http().put(`/api/events/${event.id}/preferences`).set(bearer(cat.token)).send({ choices: [{ volunteerId: alan.id }] }).expect(200);
    await page.goto(`${t.baseUrl}/console/events/${event.id}/allocation`);
    await audit(page);
    await page.getByRole('button', { name: 'Start a run' }).click();
    await page.waitForURL(/\/console\/allocation\/[0-9a-f-]{36}$/);
    // The page follows the run by itself until it completes.
    await page.getByRole('button', { name: 'Publish this run' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.meta-list').textContent()).toContain('1 of 1 students with preferences, 1 interviews');
    await audit(page);
    await page.getByRole('button', { name: 'Publish this run' }).click();
    await page.waitForURL(/notice=run-published/);
    const [placed] = await t.db.query(`SELECT count(*)::int AS n FROM bookings WHERE student_id = $1 AND status = 'confirmed'`, [cat.id]);
    expect(placed.n).toBe(1);

    await page.goto(`${t.baseUrl}/console/events/${event.id}/floor`);
    await audit(page);
    const file = join(tmpdir(), `floor-${event.id}.json`);
    writeFileSync(file, JSON.stringify({ halls: [{ key: 'A', name: 'Main Hall', width: 20, height: 12, places: [{ label: 'Table 1', kind: 'interview_table', x: 2, y: 2, width: 2, height: 1 }] }] }));
    await page.getByLabel('Floor plan JSON file').setInputFiles(file);
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.waitForURL(/notice=floor-saved/);
    expect(await page.getByRole('img', { name: 'Floor plan of Day Event' }).innerHTML()).toContain('Main Hall');
    await audit(page);
    writeFileSync(file, '{"halls": [{"key": "A"');
    await page.getByLabel('Floor plan JSON file').setInputFiles(file);
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('alert').textContent()).toContain('This file is not a JSON object');
    await page.context().close();
  });

  it('staff edit the floor plan a place at a time by keyboard: add a booth, see a refusal in words, edit a table, remove a place', async () => {
    const staff = await t.staffToken();
    const event = await createEvent(t, { name: 'Floor Form Event' });
    const exhibitor = (await t.http().post(`/api/events/${event.id}/exhibitors`).set(bearer(staff)).send({ organization: 'Keyboard Inc' }).expect(201)).body;
    await t
      .http()
      .put(`/api/events/${event.id}/floor-plan`)
      .set(bearer(staff))
      .send({ version: 0, halls: [{ key: 'A', name: 'Main Hall', width: 20, height: 10, places: [{ label: 'Table 1', kind: 'interview_table', x: 1, y: 1, width: 2, height: 1 }] }] })
      .expect(200);
    const page = await signIn('phone', ADMIN.email, ADMIN.password);
    await page.goto(`${t.baseUrl}/console/events/${event.id}/floor`);
    await audit(page, true);
    await page.getByRole('link', { name: 'Add a place' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/floor\/place$/);
    await audit(page, true);
    const type = async (label: string | RegExp, text: string) => {
      await page.getByLabel(label, { exact: typeof label === 'string' }).focus();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(text);
    };
    await type('Label', 'B1');
    // Overlapping Table 1: the plan's rule is said in words, and nothing is saved.
    await page.getByLabel('Exhibitor at this booth').selectOption({ label: 'Keyboard Inc' });
    await type('From the left wall (m)', '1.5');
    await type('From the top wall (m)', '1');
    await page.keyboard.press('Enter');
    await page.waitForLoadState('load');
    expect(await page.getByRole('alert').textContent()).toContain('B1: It overlaps Table 1.');
    await audit(page, true);
    await type('From the left wall (m)', '6');
    await page.getByRole('button', { name: 'Add the place' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/notice=floor-saved/);
    const places = page.getByRole('region', { name: 'Every place on the plan' });
    expect(await places.textContent()).toContain('Keyboard Inc');
    expect(await page.getByRole('img', { name: 'Floor plan of Floor Form Event' }).innerHTML()).toContain('B1');
    await audit(page, true);

    await page.getByRole('link', { name: 'Edit Table 1' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/floor\/place\?label=Table(%20|\+)1$/);
    await type('Label', 'Table 7');
    await page.getByLabel('Rotation').selectOption('90');
    await page.getByRole('button', { name: 'Save' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/notice=floor-saved/);
    expect(await places.textContent()).toContain('Table 7');

    await page.getByRole('button', { name: 'Remove B1' }).focus();
    // The page is already at ?notice=floor-saved: wait for the new document, not for the URL.
    await Promise.all([page.waitForEvent('framenavigated'), page.keyboard.press('Enter')]);
    await page.waitForLoadState('load');
    expect(await places.textContent()).not.toContain('B1');
    const plan = (await t.http().get(`/api/events/${event.id}/floor-plan`).set(bearer(staff)).expect(200)).body;
    expect(plan.halls[0].places).toEqual([expect.objectContaining({ label: 'Table 7', rotation: 90 })]);
    expect(exhibitor.id).toBeDefined();
    await audit(page, true);
    await page.context().close();
  });

  it('ran axe on every console page', () => {
    expect([...audited].filter((p) => p.startsWith('/console')).sort()).toEqual(
      [
        '/console/desk',
        '/console/desk/:id',
        '/console/allocation/:id',
        '/console/events/:id/allocation',
        '/console/events/:id/bookings',
        '/console/events/:id/bookings/:id/move',
        '/console/events/:id/floor',
        '/console/events/:id/floor/place',
        '/console/events/:id/report',
        '/console/mail',
        '/console/events/:id',
        '/console/events/:id/edit',
        '/console/events/:id/settings',
        '/console/events/new',
        '/console/events',
        '/console/staff',
        '/console/students',
        '/console/students/:id',
        '/console/students/new',
        '/console/volunteers',
        '/console/volunteers/:id',
        '/console/volunteers/import',
        '/console/volunteers/new',
      ].sort(),
    );
  });
});
