import type { Browser, Page } from 'playwright-core';
import { createEvent, createStudent } from '../support/factories';
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

  it('ran axe on every console page', () => {
    expect([...audited].filter((p) => p.startsWith('/console')).sort()).toEqual(
      [
        '/console/desk',
        '/console/desk/:id',
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
        '/console/volunteers/new',
      ].sort(),
    );
  });
});
