import { MagicLinkService } from '../../src/auth/magic-link.service';
import { AssetsService } from '../../src/web/assets/assets.service';
import { createEvent, createSlots, createStudent, createVolunteer, hoursAfter } from '../support/factories';
import { PageClient } from '../support/pages';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const HOSTILE = '<script>alert(1)</script> Eve & "Mallory"';

/** Pages driven over HTTP as a browser would (cookies, forms, redirects); the browser suite drives real Chromium. */
describe('pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Room for the code tests below before the sign-in limiter's own delay and caps step in
    // (they are tested at the end, with their defaults' shape).
    t = await createTestApp({ RATE_LIMIT_FAILURES_BEFORE_DELAY: '12', RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '30/15m' });
  });
  afterAll(() => t.close());

  /** The newest sign-in mail to an address: its link token and its short code. */
  const signInMail = async (address: string, count = 1) => {
    const mail = await waitFor(() => t.smtp.to(address).length >= count && t.smtp.to(address)[count - 1], 20_000);
    const text = mail.parsed.text ?? '';
    return {
      mail,
      token: /\/sign-in\/link\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1],
      code: /code on the sign-in page: ([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(text)?.[1],
    };
  };

  describe('every page', () => {
    it('carries a strict CSP, no inline script, and is never cached', async () => {
      const res = await new PageClient(t).get('/');
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(res.text).not.toMatch(/\son[a-z]+=/i);
      expect(res.text).toContain('<html lang="en">');
    });

    it('serves its assets under hashed names, compressed and immutable', async () => {
      const page = await new PageClient(t).get('/');
      const css = /href="(\/assets\/app\.[0-9a-f]{12}\.css)"/.exec(page.text)![1];
      const js = /src="(\/assets\/app\.[0-9a-f]{12}\.js)"/.exec(page.text)![1];
      const res = await t.http().get(css).set('Accept-Encoding', 'br');
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.text).toContain('--accent:#1d4ed8');
      expect((await t.http().get(js)).headers['content-type']).toContain('text/javascript');
      expect((await t.http().get('/assets/app.000000000000.css')).status).toBe(404);
    });

    it('ships at most 60 KB of compressed CSS and JavaScript on any page', () => {
      // The heaviest page (availability) loads all of them.
      const total = t.app.get(AssetsService).compressedSize(['app.css', 'app.js', 'availability.js']);
      expect(total).toBeLessThan(60 * 1024);
    });

    it('answers an unknown page with a page, and an unknown API path with JSON', async () => {
      const page = await new PageClient(t).get('/no-such-page');
      expect(page.status).toBe(404);
      expect(page.text).toContain('Page not found');
      const api = await t.http().get('/api/no-such-endpoint').expect(404);
      expect(api.body.code).toBe('ROUTE_NOT_FOUND');
    });

    it('sends a visitor who is not signed in to sign in, and back afterwards', async () => {
      const res = await new PageClient(t).get('/interviews');
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/?next=%2Finterviews');
    });

    it('refuses a form without its CSRF token, or with another visitor\'s', async () => {
      const student = await createStudent(t);
      const mine = await PageClient.signedIn(t, { role: 'student', id: student.id });
      await mine.get('/home');
      const missing = await mine.post('/sign-out', { _csrf: '' });
      expect(missing.status).toBe(403);
      expect(missing.text).toContain('This form has expired');
      const other = new PageClient(t);
      await other.get('/');
      const foreign = await mine.post('/sign-out', { _csrf: /name="_csrf" value="([^"]+)"/.exec((await other.get('/')).text)![1] });
      expect(foreign.status).toBe(403);
      // The session survived both attempts.
      expect((await mine.get('/home')).status).toBe(200);
    });

    it('takes the locale from Accept-Language, English when it has no catalogue for it', async () => {
      const res = await t.http().get('/').set('Accept-Language', 'de-DE,de;q=0.9');
      expect(res.text).toContain('<html lang="en">');
    });
  });

  describe('sign-in', () => {
    it('mails a link and a short code; the code signs in once, bound to the address', async () => {
      const student = await createStudent(t, { name: 'Ada Page' });
      const browser = new PageClient(t);
      await browser.get('/');
      const sent = await browser.post('/sign-in', { email: ` ${student.email.toUpperCase()} ` });
      expect(sent.status).toBe(303);
      expect(sent.headers.location).toBe('/sign-in/code?notice=sign-in-sent');
      const { mail, code, token } = await signInMail(student.email);
      expect(code).toBeDefined();
      expect(mail.parsed.subject).toBe(`${code} is your Fairgrid sign-in code`);
      expect(mail.parsed.text).toContain(`http://fairgrid.test/sign-in/link?token=${token}`);

      const form = await browser.get('/sign-in/code?notice=sign-in-sent');
      expect(form.text).toContain(`value="${student.email}"`); // remembered for the code form
      expect(form.text).toContain('a sign-in link and a code is on its way');

      // Another address cannot use the code.
      const other = await createStudent(t);
      expect((await browser.post('/sign-in/code', { email: other.email, code: code! })).status).toBe(401);
      // Typed as people type: lower case, no dash, spaces.
      const signedIn = await browser.post('/sign-in/code', { email: student.email, code: ` ${code!.toLowerCase().replace('-', ' ')} ` });
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.location).toBe('/home');
      const home = await browser.get('/home');
      expect(home.text).toContain('Hello, Ada Page');

      const again = await new PageClient(t).get('/');
      expect(again.status).toBe(200);
      const reuse = new PageClient(t);
      await reuse.get('/sign-in/code');
      expect((await reuse.post('/sign-in/code', { email: student.email, code: code! })).status).toBe(401);
    });

    it('kills a code after 5 wrong tries and locks typed codes for the address after 10', async () => {
      const volunteer = await createVolunteer(t);
      await t.http().post('/api/auth/magic-link').send({ email: volunteer.email }).expect(202);
      const { code } = await signInMail(volunteer.email);
      const browser = new PageClient(t);
      await browser.get('/sign-in/code');
      for (let i = 0; i < 5; i++) expect((await browser.post('/sign-in/code', { email: volunteer.email, code: 'ZZZZ-ZZZZ' })).status).toBe(401);
      // The right code, after five wrong ones, is dead too: a new one is needed.
      expect((await browser.post('/sign-in/code', { email: volunteer.email, code: code! })).status).toBe(401);
      const [{ failed }] = await t.db.query(`SELECT failed_attempts AS failed FROM magic_link_tokens WHERE principal_id = $1`, [volunteer.id]);
      expect(failed).toBe(5);
      // A new code (the worker's mail, sent again) takes five more wrong tries; then the address is locked.
      await t.app.get(MagicLinkService).send(volunteer.email);
      const { code: second } = await signInMail(volunteer.email, 2);
      for (let i = 0; i < 4; i++) expect((await browser.post('/sign-in/code', { email: volunteer.email, code: 'ZZZZ-ZZZZ' })).status).toBe(401);
      const locked = await browser.post('/sign-in/code', { email: volunteer.email, code: 'ZZZZ-ZZZZ' });
      expect(locked.status).toBe(429);
      expect(locked.text).toContain('Too many wrong codes');
      // The API answers the same, even with the live code.
      const api = await t.http().post('/api/auth/magic-link/verify').send({ email: volunteer.email, code: second! }).expect(429);
      expect(api.body.code).toBe('SIGN_IN_CODE_LOCKED');
    });

    it('opens the mailed link without using it; the button signs in once and lands in the portal', async () => {
      const student = await createStudent(t);
      await t.http().post('/api/auth/magic-link').send({ email: student.email }).expect(202);
      const { token } = await signInMail(student.email);
      const browser = new PageClient(t);
      for (let i = 0; i < 2; i++) {
        const page = await browser.get(`/sign-in/link?token=${token}`);
        expect(page.status).toBe(200);
        expect(page.headers['referrer-policy']).toBe('no-referrer');
      }
      const signedIn = await browser.post('/sign-in/link', { token: token! });
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.location).toBe('/home');
      expect(signedIn.headers['set-cookie']![0]).toMatch(/^fg_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
      const used = await new PageClient(t).get(`/sign-in/link?token=${token}`);
      const second = new PageClient(t);
      await second.get(`/sign-in/link?token=${token}`);
      expect((await second.post('/sign-in/link', { token: token! })).status).toBe(401);
      expect(used.status).toBe(200);
      // Links mailed before the pages existed still arrive here.
      const old = await t.http().get(`/api/auth/magic-link/verify?token=${token}`).expect(303);
      expect(old.headers.location).toBe(`/sign-in/link?token=${token}`);
    });

    it('counts a wrong password shown again on the page as a failed sign-in: the address then waits', async () => {
      const browser = new PageClient(t);
      await browser.get('/');
      const address = 'someone-guessing@fairgrid.test';
      for (let i = 0; i < 12; i++) expect((await browser.post('/sign-in/staff', { email: address, password: `guess ${i}` })).status).toBe(401);
      const waiting = await browser.post('/sign-in/staff', { email: address, password: 'one more guess' });
      expect(waiting.status).toBe(429);
      expect(Number(waiting.headers['retry-after'])).toBeGreaterThan(0);
      expect(waiting.text).toContain('Too many tries');
    });

    it('signs staff in with their password, and out again everywhere', async () => {
      const browser = new PageClient(t);
      await browser.get('/');
      const wrong = await browser.post('/sign-in/staff', { email: 'admin@fairgrid.test', password: 'not the password' });
      expect(wrong.status).toBe(401);
      expect(wrong.text).toContain('do not match a staff account');
      const ok = await browser.post('/sign-in/staff', { email: 'admin@fairgrid.test', password: 'admin-password-123' });
      expect(ok.headers.location).toBe('/home');
      const phone = new PageClient(t);
      await phone.get('/');
      await phone.post('/sign-in/staff', { email: 'admin@fairgrid.test', password: 'admin-password-123' });
      expect((await phone.get('/home')).status).toBe(200);

      await browser.get('/home');
      const out = await browser.post('/sign-out', { everywhere: '1' });
      expect(out.headers.location).toBe('/?notice=signed-out');
      expect((await browser.get('/home')).status).toBe(303);
      expect((await phone.get('/home')).status).toBe(303);
    });

    it('goes back where the visitor was headed, and only ever to a page of ours', async () => {
      const student = await createStudent(t);
      await t.http().post('/api/auth/magic-link').send({ email: student.email }).expect(202);
      const { code } = await signInMail(student.email);
      const browser = new PageClient(t);
      await browser.get('/sign-in/code?next=%2F%2Fevil.example%2F');
      const res = await browser.post('/sign-in/code', { email: student.email, code: code!, next: '//evil.example/' });
      expect(res.headers.location).toBe('/home');
    });
  });

  describe('students', () => {
    it('book with one tap, where a repeated tap is the same booking, and cancel', async () => {
      const event = await createEvent(t, { name: 'Spring Fair', maxBookingsPerStudent: 2 });
      const volunteer = await createVolunteer(t, { name: 'Grace Interviewer', organization: 'Navy', expertise: ['software'] });
      const [slot, second] = await createSlots(t, event.id, volunteer.id, hoursAfter(event.startsAt, 0), hoursAfter(event.startsAt, 1));
      const student = await createStudent(t);
      const browser = await PageClient.signedIn(t, { role: 'student', id: student.id });

      const page = await browser.get(`/event/${event.id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Grace Interviewer');
      expect(page.text).toContain('Booking closes');
      const attempt = /name="attempt" value="([^"]+)"/.exec(page.text)![1];
      const booked = await browser.post(`/event/${event.id}/book`, { slotId: slot.id, attempt, filters: '' });
      expect(booked.status).toBe(303);
      const bookingId = /^\/interviews\/([0-9a-f-]{36})\?notice=booked$/.exec(booked.headers.location)![1];
      const again = await browser.post(`/event/${event.id}/book`, { slotId: slot.id, attempt, filters: '', _csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)![1] });
      expect(again.headers.location).toBe(`/interviews/${bookingId}?notice=booked`);
      const rows = await t.db.query(`SELECT id FROM bookings WHERE student_id = $1 AND status = 'confirmed'`, [student.id]);
      expect(rows).toEqual([{ id: bookingId }]);

      // A new tap on the slot they hold says so.
      const fresh = await browser.get(`/event/${event.id}`);
      expect(fresh.text).toContain('Your interview here');
      const held = await browser.post(`/event/${event.id}/book`, { slotId: slot.id, attempt: /name="attempt" value="([^"]+)"/.exec(fresh.text)![1], filters: '' });
      expect(held.headers.location).toBe(`/interviews/${bookingId}?notice=already-booked`);
      expect((await browser.get(held.headers.location)).text).toContain('You already hold this interview.');

      const interview = await browser.get(`/interviews/${bookingId}`);
      expect(interview.text).toContain('Mock interview with Grace Interviewer');
      expect(interview.text).toContain('Student Union');
      const ics = await browser.get(`/interviews/${bookingId}/invite.ics`);
      expect(ics.headers['content-type']).toContain('text/calendar');
      expect(ics.text).toContain('BEGIN:VEVENT');

      await browser.get(`/interviews/${bookingId}/cancel`);
      const cancelled = await browser.post(`/interviews/${bookingId}/cancel`);
      expect(cancelled.headers.location).toBe(`/event/${event.id}?notice=cancelled`);
      const [row] = await t.db.query(`SELECT status FROM bookings WHERE id = $1`, [bookingId]);
      expect(row.status).toBe('cancelled');
      expect((await browser.get(`/event/${event.id}`)).text).toContain(`value="${second.id}"`);
    });

    it('is told, with the fresh list, when someone else was faster', async () => {
      const event = await createEvent(t);
      const volunteer = await createVolunteer(t);
      const [slot] = await createSlots(t, event.id, volunteer.id, hoursAfter(event.startsAt, 2), hoursAfter(event.startsAt, 3));
      const [ann, bob] = await Promise.all([createStudent(t), createStudent(t)]);
      const annBrowser = await PageClient.signedIn(t, { role: 'student', id: ann.id });
      const bobBrowser = await PageClient.signedIn(t, { role: 'student', id: bob.id });
      const [annPage, bobPage] = [await annBrowser.get(`/event/${event.id}?view=volunteer`), await bobBrowser.get(`/event/${event.id}?view=volunteer`)];
      const attemptOf = (html: string) => /name="attempt" value="([^"]+)"/.exec(html)![1];
      expect((await annBrowser.post(`/event/${event.id}/book`, { slotId: slot.id, attempt: attemptOf(annPage.text), filters: 'view=volunteer' })).status).toBe(303);
      const lost = await bobBrowser.post(`/event/${event.id}/book`, { slotId: slot.id, attempt: attemptOf(bobPage.text), filters: 'view=volunteer' });
      expect(lost.headers.location).toBe(`/event/${event.id}?view=volunteer&notice=slot-taken#slots`);
      const after = await bobBrowser.get(lost.headers.location.replace('#slots', ''));
      expect(after.text).toContain('Someone else booked that slot');
      expect(after.text).not.toContain(`value="${slot.id}"`);
    });

    it('filter slots by expertise, organization and time of day in the event zone', async () => {
      // 09:00-17:00 in New York on a day in the tests' future (14:00-22:00 UTC in winter, 13:00-21:00 in summer).
      const day = new Date(Date.now() + 2 * 24 * 3600_000).toISOString().slice(0, 10);
      const offset = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeZoneName: 'longOffset' }).formatToParts(new Date(`${day}T12:00:00Z`)).find((p) => p.type === 'timeZoneName')!.value.slice(3);
      const event = await createEvent(t, { timezone: 'America/New_York', startsAt: `${day}T09:00:00${offset}`, endsAt: `${day}T17:00:00${offset}`, bookingClosesAt: `${day}T08:00:00${offset}` });
      const [navy, acme] = await Promise.all([
        createVolunteer(t, { name: 'Navy Person', organization: 'Navy', expertise: ['security'] }),
        createVolunteer(t, { name: 'Acme Person', organization: 'Acme', expertise: ['design'] }),
      ]);
      await createSlots(t, event.id, navy.id, hoursAfter(event.startsAt, 0), hoursAfter(event.startsAt, 1)); // 9-10 AM
      await createSlots(t, event.id, acme.id, hoursAfter(event.startsAt, 5), hoursAfter(event.startsAt, 6)); // 2-3 PM
      const browser = await PageClient.signedIn(t, { role: 'student', id: (await createStudent(t)).id });
      const all = await browser.get(`/event/${event.id}`);
      expect(all.text).toContain('<option value="security">');
      expect(all.text).toContain('<option value="Acme">');
      const byTag = await browser.get(`/event/${event.id}?expertise=security`);
      expect(byTag.text).toContain('Navy Person');
      expect(byTag.text).not.toContain('Acme Person');
      const byOrg = await browser.get(`/event/${event.id}?organization=Acme`);
      expect(byOrg.text).not.toContain('Navy Person');
      const morning = await browser.get(`/event/${event.id}?timeOfDay=morning`);
      expect(morning.text).toContain('Navy Person');
      expect(morning.text).not.toContain('Acme Person');
      const afternoon = await browser.get(`/event/${event.id}?timeOfDay=afternoon`);
      expect(afternoon.text).toContain('Acme Person');
      expect(afternoon.text).not.toContain('Navy Person');
    });

    it('see another student\'s interview as not found, and volunteers\' pages as not for them', async () => {
      const event = await createEvent(t);
      const volunteer = await createVolunteer(t);
      const [slot] = await createSlots(t, event.id, volunteer.id, hoursAfter(event.startsAt, 3), hoursAfter(event.startsAt, 4));
      const [owner, nosy] = await Promise.all([createStudent(t), createStudent(t)]);
      const booking = await t.http().post('/api/bookings').auth(owner.token, { type: 'bearer' }).send({ slotId: slot.id }).expect(201);
      const browser = await PageClient.signedIn(t, { role: 'student', id: nosy.id });
      expect((await browser.get(`/interviews/${booking.body.id}`)).status).toBe(404);
      expect((await browser.get(`/interviews/${booking.body.id}/invite.ics`)).status).toBe(404);
      expect((await browser.get(`/event/${event.id}/availability`)).status).toBe(403);
      await browser.get('/home');
      expect((await browser.post(`/interviews/${booking.body.id}/cancel`)).status).toBe(404);
      const [row] = await t.db.query(`SELECT status FROM bookings WHERE id = $1`, [booking.body.id]);
      expect(row.status).toBe('confirmed');
    });

    it('rate interviewers and organizations in a rated event, and then read why they got what they got', async () => {
      const staff = await t.staffToken();
      const event = await createEvent(t);
      const [ada, grace] = await Promise.all([
        createVolunteer(t, { name: 'Ada Rated', organization: 'Analytical Engines' }),
        createVolunteer(t, { name: 'Grace Rated', organization: 'Navy Yard' }),
      ]);
      for (const [i, v] of [ada, grace].entries()) await createSlots(t, event.id, v.id, hoursAfter(event.startsAt, i), hoursAfter(event.startsAt, i + 1));
      const at = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
      await t.http()
        .put(`/api/events/${event.id}/allocation-settings`)
        .auth(staff, { type: 'bearer' })
        .send({ preferencesOpenAt: at(-1), preferencesCloseAt: at(2), preferenceMode: 'rated' })
        .expect(200);
      const student = await createStudent(t);
      const browser = await PageClient.signedIn(t, { role: 'student', id: student.id });
      const page = await browser.get(`/event/${event.id}/preferences`);
      expect(page.text).toContain('from 1 (very interested) to 5 (not interested)');
      const navy = /<option value="(o:[0-9a-f-]{36})">Any interviewer from Navy Yard<\/option>/.exec(page.text)![1];
      expect((await browser.post(`/event/${event.id}/preferences`, { rated: '1', action: 'add', add: `v:${ada.id}`, addRating: '2' })).status).toBe(303);
      await browser.get(`/event/${event.id}/preferences`);
      expect((await browser.post(`/event/${event.id}/preferences`, { rated: '1', choice: [`v:${ada.id}`], rating: ['2'], action: 'add', add: navy, addRating: '1' })).status).toBe(303);
      const stored = await t.http().get(`/api/events/${event.id}/preferences`).auth(student.token, { type: 'bearer' }).expect(200);
      expect(stored.body.choices.map((c: { volunteerId?: string; organizationId?: string; rating: number }) => [c.volunteerId ?? c.organizationId, c.rating])).toEqual([
        [ada.id, 2],
        [navy.slice(2), 1],
      ]);

      const run = await t.http().post(`/api/events/${event.id}/allocation-runs`).auth(staff, { type: 'bearer' }).send({ seed: 7 }).expect(202);
      await waitFor(async () => (await t.http().get(`/api/allocation-runs/${run.body.id}`).auth(staff, { type: 'bearer' })).body.status === 'completed', 60_000);
      await t.http().post(`/api/allocation-runs/${run.body.id}/publish`).auth(staff, { type: 'bearer' }).expect(200);
      const after = await browser.get(`/event/${event.id}/preferences`);
      expect(after.text).toContain('Why you got one interview');
      expect(after.text).toContain('Any interviewer from Navy Yard</strong>: you got this interview.');
      expect(after.text).toContain('You were placed in this interview');
    });

    it('see their check-in code as a QR code and as text', async () => {
      const event = await createEvent(t);
      const student = await createStudent(t);
      const browser = await PageClient.signedIn(t, { role: 'student', id: student.id });
      const page = await browser.get(`/event/${event.id}/check-in`);
      const api = await t.http().get(`/api/events/${event.id}/check-in-code`).auth(student.token, { type: 'bearer' }).expect(200);
      expect(page.text).toContain(api.body.checkInCode);
      expect(page.text).toContain('<svg');
    });
  });

  describe('volunteers', () => {
    it('set availability with the plain form, see the slots it makes, and are shown the bookings in the way', async () => {
      const event = await createEvent(t, { timezone: 'UTC' });
      const volunteer = await createVolunteer(t);
      const browser = await PageClient.signedIn(t, { role: 'volunteer', id: volunteer.id });
      const day = event.startsAt.slice(0, 10);
      const empty = await browser.get(`/event/${event.id}/availability`);
      expect(empty.text).toContain('You have not given any times yet.');
      const saved = await browser.post(`/event/${event.id}/availability`, { day: [day, day], from: ['09:00', ''], to: ['10:00', ''] });
      expect(saved.headers.location).toBe(`/event/${event.id}/availability?notice=availability-saved`);
      const page = await browser.get(saved.headers.location);
      expect(page.text).toContain('Your 2 slots');
      expect(page.text).toContain('Your availability is saved.');

      const bad = await browser.post(`/event/${event.id}/availability`, { day: [day], from: ['09:00'], to: [''] });
      expect(bad.status).toBe(422);
      expect(bad.text).toContain('Give both times');
      const outside = await browser.post(`/event/${event.id}/availability`, { day: [day], from: ['06:00'], to: ['07:00'] });
      expect(outside.status).toBe(422);
      expect(outside.text).toContain('This time lies outside the event.');

      const student = await createStudent(t, { name: HOSTILE });
      const slots = await t.http().get(`/api/events/${event.id}/slots`).auth(student.token, { type: 'bearer' }).expect(200);
      await t.http().post('/api/bookings').auth(student.token, { type: 'bearer' }).send({ slotId: slots.body.items[1].id }).expect(201);
      const blocked = await browser.post(`/event/${event.id}/availability`, { day: [day], from: ['09:00'], to: ['09:30'] });
      expect(blocked.status).toBe(409);
      expect(blocked.text).toContain('a student has booked a time you removed');
      expect(blocked.text).toContain('&lt;script>alert(1)&lt;/script> Eve &amp; &quot;Mallory&quot;');
      expect(blocked.text).not.toContain(HOSTILE);
    });

    it('see their schedule with names, mark attendance once an interview has started, and withdraw', async () => {
      const event = await createEvent(t);
      const volunteer = await createVolunteer(t);
      const [slot] = await createSlots(t, event.id, volunteer.id, hoursAfter(event.startsAt, 4), hoursAfter(event.startsAt, 5));
      const student = await createStudent(t, { name: 'Sam Student' });
      const booking = await t.http().post('/api/bookings').auth(student.token, { type: 'bearer' }).send({ slotId: slot.id }).expect(201);
      const browser = await PageClient.signedIn(t, { role: 'volunteer', id: volunteer.id });
      const schedule = await browser.get('/interviews');
      expect(schedule.text).toContain('Sam Student');
      expect(schedule.text).not.toContain('did not come'); // not started yet

      // Move the interview into the past, as if the day had come.
      await t.db.query(`UPDATE bookings SET starts_at = now() - interval '10 minutes', ends_at = now() + interval '20 minutes' WHERE id = $1`, [booking.body.id]);
      const started = await browser.get(`/interviews/${booking.body.id}`);
      expect(started.text).toContain('Sam Student did not come');
      const marked = await browser.post(`/interviews/${booking.body.id}/attendance`, { status: 'no_show' });
      expect(marked.headers.location).toBe(`/interviews/${booking.body.id}?notice=attendance-saved`);
      const [mark] = await t.db.query(`SELECT status FROM attendance WHERE booking_id = $1`, [booking.body.id]);
      expect(mark.status).toBe('no_show');

      const other = await createEvent(t);
      const [later] = await createSlots(t, other.id, volunteer.id, hoursAfter(other.startsAt, 6), hoursAfter(other.startsAt, 7));
      await t.http().post('/api/bookings').auth(student.token, { type: 'bearer' }).send({ slotId: later.id }).expect(201);
      const confirm = await browser.get(`/event/${other.id}/withdraw`);
      expect(confirm.text).toContain('This student will be told by e-mail:');
      expect(confirm.text).toContain('Sam Student');
      const withdrawn = await browser.post(`/event/${other.id}/withdraw`);
      expect(withdrawn.headers.location).toBe('/home?notice=withdrawn');
      const [left] = await t.db.query(`SELECT count(*)::int AS n FROM slots WHERE event_id = $1 AND volunteer_id = $2`, [other.id, volunteer.id]);
      expect(left.n).toBe(0);
    });
  });

  it('marks its cookies Secure when the site is served over HTTPS', async () => {
    const secure = await createTestApp({ PUBLIC_URL: 'https://careers.example.edu' });
    try {
      const res = await secure.http().get('/');
      expect(res.headers['set-cookie']![0]).toMatch(/^fg_visitor=[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
    } finally {
      await secure.close();
    }
  });
});
