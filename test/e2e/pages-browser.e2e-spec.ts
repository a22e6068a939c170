import type { Browser, Page } from 'playwright-core';
import type { Principal } from '../../src/common/auth/principal';
import { SESSION_COOKIE } from '../../src/common/auth/sessions/session-cookie';
import { SessionService } from '../../src/common/auth/sessions/session.service';
import { createEvent, createSlots, createStudent, createVolunteer, hoursAfter, startInterview } from '../support/factories';
import { createServedApp, launchChromium, newContext, phoneProblems, seriousViolations, tabTo } from '../support/browser';
import type { TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const HOSTILE = '<script>alert("pwned")</script><img src=x onerror=alert(2)> Eve';

/**
 * The main flows of the student and volunteer pages in real Chromium, at phone size, with
 * axe-core run on every page a flow reaches.
 */
describe('pages in a real browser', () => {
  let t: TestApp & { baseUrl: string };
  let browser: Browser;
  /** Every URL (path) that axe has checked, to prove the flows covered the pages. */
  const audited = new Set<string>();

  beforeAll(async () => {
    [t, browser] = await Promise.all([createServedApp(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Fails on any serious or critical axe violation, and on phone-size problems. */
  async function audit(page: Page, phone = true): Promise<void> {
    const violations = await seriousViolations(page);
    expect({ url: page.url(), violations: violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`) }).toEqual({ url: page.url(), violations: [] });
    if (phone) expect({ url: page.url(), problems: await phoneProblems(page) }).toEqual({ url: page.url(), problems: [] });
    audited.add(new URL(page.url()).pathname.replace(/[0-9a-f-]{36}/g, ':id'));
  }

  /** A page in a fresh phone browser; any script dialog (an injected alert) fails the test. */
  async function phonePage(timezoneId = 'UTC'): Promise<Page> {
    // The narrowest phones people use: no page may scroll sideways at 360 CSS pixels.
    const context = await newContext(browser, 'phone', timezoneId, 360);
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      throw new Error(`A script ran and opened a dialog: ${dialog.message()}`);
    });
    return page;
  }

  /** A phone browser already signed in as this person (a real session and cookie). */
  async function signedInPage(principal: Principal): Promise<Page> {
    const page = await phonePage();
    const session = await t.app.get(SessionService).start(principal);
    await page.context().addCookies([{ name: SESSION_COOKIE, value: session.token, url: t.baseUrl }]);
    return page;
  }

  const mailTo = (address: string, count = 1) => waitFor(() => t.smtp.to(address).length >= count && t.smtp.to(address)[count - 1], 20_000);

  it('a student signs in from the mailed link, books, gets the invite, and cancels', async () => {
    const event = await createEvent(t, { name: 'Spring Career Fair', timezone: 'America/New_York' });
    const volunteer = await createVolunteer(t, { name: 'Grace Hopper', organization: 'US Navy', title: 'Rear Admiral', expertise: ['software'] });
    await createSlots(t, event.id, volunteer.id, hoursAfter(event.startsAt, 1), hoursAfter(event.startsAt, 2));
    const student = await createStudent(t, { name: 'Ada Student' });
    // The browser is in Berlin, the event in New York: pages show both.
    const page = await phonePage('Europe/Berlin');

    await page.goto(`${t.baseUrl}/`);
    await audit(page);
    await page.getByLabel('E-mail address').first().fill(student.email);
    await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
    await page.waitForURL(/\/sign-in\/code/);
    expect(await page.getByRole('status').first().textContent()).toContain('sign-in link and a code is on its way');
    await audit(page);

    const mail = await mailTo(student.email);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/sign-in\/link\?token=[\w-]+)/.exec(mail.parsed.text ?? '')![1];
    await page.goto(link);
    await audit(page);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${t.baseUrl}/home`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Hello, Ada Student');
    await audit(page);

    await page.getByRole('link', { name: 'Book an interview' }).click();
    await page.waitForURL(new RegExp(`/event/${event.id}`));
    expect(await page.locator('.local-time').first().textContent()).toMatch(/^Your time: .* GMT\+1$/);
    await audit(page);
    await page.getByRole('button', { name: /Grace Hopper.*Book$/ }).first().click();
    await page.waitForURL(/\/interviews\/[0-9a-f-]{36}\?notice=booked/);
    expect(await page.getByRole('status').first().textContent()).toContain('Booked.');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mock interview with Grace Hopper');
    await audit(page);

    const invite = await mailTo(student.email, 2);
    expect(invite.parsed.subject).toMatch(/^Invitation: Mock interview with Grace Hopper/);
    const interviewUrl = /(http:\/\/127\.0\.0\.1:\d+\/interviews\/[0-9a-f-]{36})/.exec(invite.parsed.text ?? '')![1];
    expect(page.url()).toContain(new URL(interviewUrl).pathname);

    for (const path of ['/interviews', '/my/calendar', `/event/${event.id}/check-in`]) {
      await page.goto(`${t.baseUrl}${path}`);
      await audit(page);
    }

    await page.goto(interviewUrl);
    await page.getByRole('link', { name: 'Cancel this interview' }).click();
    await audit(page);
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await page.waitForURL(new RegExp(`/event/${event.id}\\?notice=cancelled`));
    expect(await page.getByRole('status').first().textContent()).toContain('Cancelled.');
    await waitFor(() => t.smtp.to(volunteer.email).some((m) => /^Cancelled: /.test(m.parsed.subject ?? '')));

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${t.baseUrl}/?notice=signed-out`);
    await page.goto(`${t.baseUrl}/home`);
    await page.waitForURL(/\/\?next=%2Fhome$/);
    await page.context().close();
  });

  it('a student signs in by typing the code and books, with the keyboard alone', async () => {
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t, { name: 'Keys Only' });
    await createSlots(t, event.id, volunteer.id, hoursAfter(event.startsAt, 4), hoursAfter(event.startsAt, 5));
    const student = await createStudent(t, { name: 'Code Typist' });
    const page = await phonePage();
    await page.goto(`${t.baseUrl}/`);
    await tabTo(page, '#email');
    await page.keyboard.type(student.email);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/sign-in\/code/);
    const mail = await mailTo(student.email);
    const code = /code on the sign-in page: (\S+)/.exec(mail.parsed.text ?? '')![1];
    expect(await page.getByLabel('E-mail address').inputValue()).toBe(student.email);
    await tabTo(page, '#code');
    await page.keyboard.type(code.toLowerCase());
    await page.keyboard.press('Enter');
    await page.waitForURL(`${t.baseUrl}/home`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Hello, Code Typist');

    await page.goto(`${t.baseUrl}/event/${event.id}`);
    await tabTo(page, 'button.slot');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/interviews\/[0-9a-f-]{36}\?notice=booked$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mock interview with Keys Only');
    await tabTo(page, 'a[href$="/cancel"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/cancel$/);
    await tabTo(page, 'button.button-danger');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/event/${event.id}\\?notice=cancelled`));
    await page.context().close();
  });

  it('two students race for one slot: exactly one gets it, the other is told and sees the fresh list', async () => {
    const event = await createEvent(t);
    const volunteer = await createVolunteer(t, { name: 'Only Slot' });
    const [slot] = await createSlots(t, event.id, volunteer.id, hoursAfter(event.startsAt, 5), hoursAfter(event.startsAt, 5.5));
    const [ann, bob] = await Promise.all([createStudent(t), createStudent(t)]);
    const pages = await Promise.all(
      [ann, bob].map(async (student) => {
        const page = await signedInPage({ role: 'student', id: student.id });
        await page.goto(`${t.baseUrl}/event/${event.id}`);
        return page;
      }),
    );
    await Promise.all(pages.map((page) => page.getByRole('button', { name: /Only Slot.*Book$/ }).click()));
    await Promise.all(pages.map((page) => page.waitForLoadState('load')));
    const outcomes = await Promise.all(pages.map((page) => page.url()));
    const winners = outcomes.filter((url) => /\/interviews\/[0-9a-f-]{36}\?notice=booked$/.test(url));
    const losers = pages.filter((page) => /notice=slot-taken/.test(page.url()));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(await losers[0].getByRole('alert').textContent()).toContain('Someone else booked that slot');
    expect(await losers[0].getByRole('button', { name: /Only Slot/ }).count()).toBe(0);
    await audit(losers[0]);
    const booked = await t.db.query(`SELECT student_id FROM bookings WHERE slot_id = $1 AND status = 'confirmed'`, [slot.id]);
    expect(booked).toHaveLength(1);
    for (const page of pages) await page.context().close();
  });

  it('a volunteer sets availability with the keyboard alone, and sees the slots it makes', async () => {
    const event = await createEvent(t, { timezone: 'UTC' });
    const volunteer = await createVolunteer(t, { name: 'Keyboard Volunteer' });
    const page = await signedInPage({ role: 'volunteer', id: volunteer.id });
    await page.goto(`${t.baseUrl}/event/${event.id}/availability`);
    await audit(page);
    // Tab to the grid: one stop for the whole grid (a roving tabindex), then arrows within it.
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.classList.contains('cell'))) break;
    }
    expect(await page.locator('button.cell:focus').textContent()).toBe('9:00 AM');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space'); // 10:00 on
    await page.keyboard.press('Shift+ArrowRight'); // 10:30 on
    await page.keyboard.press('Shift+ArrowRight'); // 11:00 on
    await waitFor(async () => (await page.locator('[data-grid-status]').textContent()) === '3 interviews picked');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight'); // 12:00
    await page.keyboard.press('Enter'); // 12:00 on
    await waitFor(async () => (await page.locator('[data-grid-status]').textContent()) === '4 interviews picked');
    await page.keyboard.press('Tab'); // leaves the grid: the save button
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Save my availability');
    await page.keyboard.press('Enter');
    await page.waitForURL(/notice=availability-saved/);
    expect(await page.getByRole('heading', { name: 'Your 4 slots' }).isVisible()).toBe(true);
    const windows = await t.db.query(
      `SELECT to_char(starts_at AT TIME ZONE 'UTC', 'HH24:MI') AS "from", to_char(ends_at AT TIME ZONE 'UTC', 'HH24:MI') AS "to" FROM availability_windows WHERE volunteer_id = $1 ORDER BY starts_at`,
      [volunteer.id],
    );
    expect(windows).toEqual([
      { from: '10:00', to: '11:30' },
      { from: '12:00', to: '12:30' },
    ]);
    await audit(page);
    for (const path of ['/home', `/event/${event.id}`, '/interviews', `/event/${event.id}/withdraw`]) {
      await page.goto(`${t.baseUrl}${path}`);
      await audit(page);
    }
    await page.context().close();
  });

  it('shows hostile names as text, never as markup or script', async () => {
    const event = await createEvent(t, { name: `Fair ${HOSTILE}` });
    const volunteer = await createVolunteer(t, { name: HOSTILE, organization: HOSTILE });
    await createSlots(t, event.id, volunteer.id, hoursAfter(event.startsAt, 6), hoursAfter(event.startsAt, 7));
    const student = await createStudent(t, { name: HOSTILE });
    const page = await signedInPage({ role: 'student', id: student.id });
    for (const path of ['/home', `/event/${event.id}`, `/event/${event.id}?view=volunteer`]) {
      await page.goto(`${t.baseUrl}${path}`);
      expect(await page.getByText(HOSTILE).first().isVisible()).toBe(true);
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();
    }
    await page.context().close();
  });

  it('a student ranks choices with the keyboard', async () => {
    const event = await createEvent(t);
    const staff = await t.staffToken();
    const at = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    await t.http().put(`/api/events/${event.id}/allocation-settings`).auth(staff, { type: 'bearer' }).send({ preferencesOpenAt: at(-1), preferencesCloseAt: at(2) }).expect(200);
    const [first, second] = await Promise.all([createVolunteer(t, { name: 'Alpha One', organization: 'Acme', expertise: ['finance'] }), createVolunteer(t, { name: 'Beta Two', organization: 'Acme', expertise: ['law'] })]);
    for (const [i, v] of [first, second].entries()) await createSlots(t, event.id, v.id, hoursAfter(event.startsAt, i), hoursAfter(event.startsAt, i + 1));
    const student = await createStudent(t);
    const page = await signedInPage({ role: 'student', id: student.id });
    await page.goto(`${t.baseUrl}/event/${event.id}/preferences`);
    await audit(page);
    for (const name of ['Alpha One — Acme', 'Beta Two — Acme']) {
      await page.getByLabel('Add a choice').selectOption({ label: name });
      await page.getByRole('button', { name: 'Add to my ranking' }).focus();
      await Promise.all([page.waitForEvent('framenavigated'), page.keyboard.press('Enter')]);
      await page.waitForLoadState();
    }
    await page.getByRole('button', { name: /^Move Beta Two.* up$/ }).focus();
    await Promise.all([page.waitForEvent('framenavigated'), page.keyboard.press('Enter')]);
    await page.waitForURL(/notice=preferences-saved#choice-0$/);
    expect(await page.locator('.ranking .choice').allTextContents()).toEqual([expect.stringMatching(/^Beta Two/), expect.stringMatching(/^Alpha One/)]);
    const stored = await t.http().get(`/api/events/${event.id}/preferences`).auth(student.token, { type: 'bearer' }).expect(200);
    expect(stored.body.choices.map((c: { volunteerId: string }) => c.volunteerId)).toEqual([second.id, first.id]);
    await audit(page);
    await page.context().close();
  });

  it('a student joins the waitlist, follows the mailed accept link to the offer page and books, with the keyboard', async () => {
    const event = await createEvent(t, { name: 'Waitlist Day', timezone: 'America/New_York' });
    const volunteer = await createVolunteer(t, { name: 'Held Slot' });
    const [slot] = await createSlots(t, event.id, volunteer.id, hoursAfter(event.startsAt, 6), hoursAfter(event.startsAt, 6.5));
    const holder = await createStudent(t);
    const held = await t.http().post('/api/bookings').auth(holder.token, { type: 'bearer' }).send({ slotId: slot.id }).expect(201);
    const student = await createStudent(t, { name: 'Patient Waiter' });
    const page = await signedInPage({ role: 'student', id: student.id });

    await page.goto(`${t.baseUrl}/event/${event.id}`);
    await tabTo(page, '#waitlist-for');
    await tabTo(page, '#waitlist button[type=submit]');
    await Promise.all([page.waitForURL(/notice=waitlist-joined#waitlist$/), page.keyboard.press('Enter')]);
    expect(await page.locator('#waitlist').textContent()).toContain('number 1 in line');
    await audit(page);
    await page.goto(`${t.baseUrl}/home`);
    expect(await page.locator('main').textContent()).toContain('number 1 in line');

    await t.http().delete(`/api/bookings/${held.body.id}`).auth(holder.token, { type: 'bearer' }).expect(200);
    const mail = await waitFor(() => t.smtp.to(student.email).find((m) => m.parsed.messageId?.startsWith('<offer-')), 20_000);
    const acceptUrl = /(\S+\/my\/offers\/[0-9a-f-]{36}\?answer=accept)/.exec(mail.parsed.text ?? '')![1];
    expect(acceptUrl.startsWith(t.baseUrl)).toBe(true);
    await page.goto(acceptUrl);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('An interview is held for you');
    // The interview and the deadline in the event's zone.
    expect(await page.locator('.meta-list').textContent()).toMatch(/E[SD]T/);
    await audit(page);
    await tabTo(page, 'form[action$="/accept"] button');
    await Promise.all([page.waitForURL(/\/interviews\/[0-9a-f-]{36}\?notice=booked$/), page.keyboard.press('Enter')]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mock interview with Held Slot');
    await page.context().close();
  });

  it('a volunteer gives feedback on the form the mail links to; the student reads it, and sees their strikes and why', async () => {
    const event = await createEvent(t, { name: 'Feedback Day' });
    const volunteer = await createVolunteer(t, { name: 'Fay Feedback' });
    const [slot] = await createSlots(t, event.id, volunteer.id, hoursAfter(event.startsAt, 5), hoursAfter(event.startsAt, 6));
    const student = await createStudent(t, { name: 'Stu Dent' });
    const staff = await t.staffToken();
    const booking = await t.http().post('/api/bookings').auth(staff, { type: 'bearer' }).send({ slotId: slot.id, studentId: student.id }).expect(201);
    // The interview ended half an hour ago.
    await startInterview(t, booking.body.id, 60, 30);

    const page = await signedInPage({ role: 'volunteer', id: volunteer.id });
    await page.goto(`${t.baseUrl}/interviews/${booking.body.id}`);
    await page.getByRole('link', { name: 'Give feedback' }).click();
    await page.waitForURL(new RegExp(`/interviews/${booking.body.id}/feedback$`));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Feedback for Stu Dent');
    await audit(page);
    for (const [criterion, score] of [['Preparation', '3, good'], ['Communication', '4, excellent'], ['Answers', '2, fair']]) {
      await page.getByRole('group', { name: criterion }).getByRole('radio', { name: score }).check();
    }
    await page.getByLabel('Comment').fill('Clear answers; slow down a little.');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.waitForURL(/notice=feedback-saved/);
    expect(await page.getByRole('status').first().textContent()).toContain('Your feedback is saved');
    expect(await page.getByRole('group', { name: 'Communication' }).getByRole('radio', { name: '4, excellent' }).isChecked()).toBe(true);
    await audit(page);
    await page.context().close();

    // Three strikes (the office's default limit) block self-booking; the home page says why.
    for (const reason of ['Missed the March fair', 'Missed the April fair', 'Left early']) {
      await t.http().post(`/api/students/${student.id}/strikes`).auth(staff, { type: 'bearer' }).send({ reason }).expect(201);
    }
    const studentPage = await signedInPage({ role: 'student', id: student.id });
    await studentPage.goto(`${t.baseUrl}/interviews/${booking.body.id}`);
    const section = studentPage.getByRole('region', { name: 'Feedback from your interviewer' });
    expect(await section.textContent()).toContain('Clear answers; slow down a little.');
    expect(await section.textContent()).toContain('4 of 4');
    await audit(studentPage);
    await studentPage.goto(`${t.baseUrl}/home`);
    const strikes = studentPage.getByRole('region', { name: 'Strikes' });
    expect(await strikes.getByRole('alert').textContent()).toContain('you cannot book interviews or send choices yourself');
    expect(await strikes.textContent()).toContain('Why: Missed the April fair');
    await audit(studentPage);
    // Trying to book anyway is refused with the reason.
    await studentPage.goto(`${t.baseUrl}/event/${event.id}`);
    await studentPage.getByRole('button', { name: /Fay Feedback.*Book$/ }).first().click();
    await studentPage.waitForURL(/notice=strike-limit/);
    expect(await studentPage.getByRole('alert').first().textContent()).toContain('limit of no-show and late-cancellation strikes');
    await studentPage.context().close();
  });

  it('audited every page of the student and volunteer portal', () => {
    expect([...audited].sort()).toEqual(
      [
        '/',
        '/sign-in/code',
        '/sign-in/link',
        '/home',
        '/event/:id',
        '/event/:id/availability',
        '/event/:id/check-in',
        '/event/:id/preferences',
        '/event/:id/withdraw',
        '/interviews',
        '/interviews/:id',
        '/interviews/:id/cancel',
        '/interviews/:id/feedback',
        '/my/calendar',
        // Issue 12, waitlists with offers.
        '/my/offers/:id',
      ].sort(),
    );
  });
});
