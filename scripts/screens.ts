import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import type { Principal } from '../src/common/auth/principal';
import { SESSION_COOKIE } from '../src/common/auth/sessions/session-cookie';
import { SessionService } from '../src/common/auth/sessions/session.service';
import { createServedApp, launchChromium, newContext } from '../test/support/browser';
import { seedShowcase } from '../test/support/showcase';

/**
 * Screenshots of the main pages at phone (390×844) and desktop (1280×800) size, from a small
 * seeded fair, into docs/screens/ (shown in the README). Run: `npm run screens`.
 */
const OUT = resolve(process.cwd(), 'docs/screens');
const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const t = await createServedApp();
  let browser: Browser | undefined;
  try {
    const showcase = await seedShowcase(t);
    browser = await launchChromium();
    const student: Principal = { role: 'student', id: showcase.student.id };
    const volunteer: Principal = { role: 'volunteer', id: showcase.volunteer.id };
    // Issue 13: the staff console, as an admin and as a desk account at the door.
    const [admin] = await t.db.query(`SELECT id FROM staff WHERE role = 'admin' LIMIT 1`);
    const [desk] = await t.db.query(`INSERT INTO staff (email, name, password_hash, role) VALUES ('desk@fairgrid.test', 'Door', 'x', 'desk') RETURNING id`);
    const staff: Principal = { role: 'staff', id: admin.id };
    const door: Principal = { role: 'staff', id: desk.id };
    const shots: [string, Principal | undefined, string][] = [
      ['sign-in', undefined, '/'],
      ['student-home', student, '/home'],
      ['student-event', student, `/event/${showcase.fairId}`],
      ['student-interview', student, `/interviews/${showcase.bookingId}?notice=booked`],
      ['student-interviews', student, '/interviews'],
      ['student-preferences', student, `/event/${showcase.eveningId}/preferences`],
      ['student-check-in', student, `/event/${showcase.fairId}/check-in`],
      ['volunteer-availability', volunteer, `/event/${showcase.fairId}/availability`],
      ['volunteer-schedule', volunteer, '/interviews'],
      ['console-event', staff, `/console/events/${showcase.fairId}`],
      ['console-bookings', staff, `/console/events/${showcase.fairId}/bookings`],
      ['console-report', staff, `/console/events/${showcase.fairId}/report`],
      ['console-floor', staff, `/console/events/${showcase.fairId}/floor`],
      ['console-desk', door, `/console/desk/${showcase.fairId}`],
    ];
    for (const kind of ['phone', 'desktop'] as const) {
      for (const [name, principal, path] of shots) {
        // The browser sits in Berlin, the fair in New York: pages show both times.
        const context = await newContext(browser, kind, 'Europe/Berlin');
        if (principal) {
          const session = await t.app.get(SessionService).start(principal);
          await context.addCookies([{ name: SESSION_COOKIE, value: session.token, url: t.baseUrl }]);
        }
        const page = await context.newPage();
        await page.goto(`${t.baseUrl}${path}`, { waitUntil: 'networkidle' });
        const file = join(OUT, `${name}-${kind}.png`);
        await page.screenshot({ path: file, fullPage: kind === 'desktop' });
        log(`wrote ${file}`);
        await context.close();
      }
    }
  } finally {
    await browser?.close();
    await t.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`screens: ${String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  },
);
