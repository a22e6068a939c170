import { basename, join } from 'node:path';
import suites from './suites.json';

/**
 * The e2e specs, grouped into suites (suites.json) that Jest runs as one test file each. A
 * suite's specs share one module registry, so NestJS, TypeORM, BullMQ and the app's own modules
 * load once per suite instead of once per spec: about 1.7 s of CPU per spec on our 2-core
 * machine. Each spec still boots its own app in its own fresh database.
 *
 * Suites follow the features and take under a minute each, so Jest's workers finish together.
 * They are listed longest first, the order a run without earlier timings starts them in
 * (test/support/sequencer.js). Every `*.e2e-spec.ts` sits in exactly one suite
 * (test/architecture/e2e-suites.spec.ts); `npm run test:spec -- <file>` runs spec files alone.
 */
export const E2E_SUITES: Readonly<Record<string, readonly string[]>> = suites;

/** The body of `suites/<name>.e2e-suite.ts`: each of the suite's specs, inside a describe of its name. */
export function runSuite(suiteFile: string): void {
  const name = basename(suiteFile, '.e2e-suite.ts');
  const specs = E2E_SUITES[name];
  if (!specs) throw new Error(`${suiteFile}: no suite "${name}" in test/e2e/suites.json`);
  for (const spec of specs) {
    // A describe per spec scopes its top-level hooks (useTestApp's beforeAll and afterAll) to its
    // own tests, as when it runs alone.
    describe(spec, () => {
      require(join(__dirname, `${spec}.e2e-spec`));
    });
  }
}
