import { basename, join } from 'node:path';

/**
 * The e2e specs, grouped into suites that Jest runs as one test file each. A suite's specs share
 * one module registry, so NestJS, TypeORM, BullMQ and the app's own modules load once per suite
 * instead of once per spec: about 1.7 s of CPU per spec on our 2-core machine. Each spec still
 * boots its own app in its own fresh database.
 *
 * Suites follow the features and take under a minute each, so Jest's workers finish together
 * (test/support/sequencer.js starts the longest first). Every `*.e2e-spec.ts` sits in exactly
 * one suite (test/architecture/e2e-suites.spec.ts); `npm run test:spec -- <file>` runs spec
 * files alone.
 */
export const E2E_SUITES: Readonly<Record<string, readonly string[]>> = {
  demo: ['demo'],
  access: ['authorization', 'pages-authorization', 'staff-roles', 'rate-limits'],
  console: ['console-browser', 'demo-mail-page'],
  http: ['bad-input', 'http-headers', 'health', 'metrics', 'start-up'],
  platform: ['platform', 'schema-drift', 'organizations-migration', 'statements', 'round-trips'],
  pages: ['pages', 'console-pages', 'pages-browser'],
  'allocation-recovery': ['allocation-recovery', 'table-statistics'],
  rush: ['booking-concurrency', 'waitlist-concurrency'],
  policies: ['waitlist-offers', 'office-rules', 'strikes'],
  cli: ['cli'],
  people: [
    'events', 'event-schedule', 'exhibitors', 'people', 'people-deletion', 'volunteer-import', 'csv-encodings', 'volunteer-withdrawal',
    'zoned-times',
  ],
  allocation: ['allocation', 'allocation-floor', 'floor-plan', 'floor-map-browser'],
  bookings: ['bookings', 'booking-rules', 'booking-moves', 'idempotency-keys', 'slots', 'slot-page-cache'],
  mail: ['invites', 'invite-relay-kick', 'invite-reminders', 'calendar-feeds', 'magic-link'],
  'fair-day': ['attendance', 'check-in', 'feedback', 'reports'],
};

/** The body of `suites/<name>.e2e-suite.ts`: each of the suite's specs, inside a describe of its name. */
export function runSuite(suiteFile: string): void {
  const name = basename(suiteFile, '.e2e-suite.ts');
  const specs = E2E_SUITES[name];
  if (!specs) throw new Error(`${suiteFile}: no suite "${name}" in test/e2e/suites.ts`);
  for (const spec of specs) {
    // A describe per spec scopes its top-level hooks (useTestApp's beforeAll and afterAll) to its
    // own tests, as when it runs alone.
    describe(spec, () => {
      require(join(__dirname, `${spec}.e2e-spec`));
    });
  }
}
