import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_SUITES } from '../e2e/suites';

const E2E_DIR = join(__dirname, '..', 'e2e');
const namesIn = (dir: string, ending: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(ending))
    .map((f) => f.slice(0, -ending.length))
    .sort();

/** The full run sees only suites (test/e2e/suites.ts): a spec left out of them would never run. */
describe('e2e suites', () => {
  // openapi and fuzz need the Swagger compiler plugin: a Jest project of their own (jest.config.js).
  const OWN_PROJECT = ['fuzz', 'openapi'];
  const listed = Object.values(E2E_SUITES).flat();

  it('hold every e2e spec file exactly once', () => {
    const specs = namesIn(E2E_DIR, '.e2e-spec.ts').filter((name) => !OWN_PROJECT.includes(name));
    expect([...listed].sort()).toEqual(specs);
  });

  it('each have a suite file, and every suite file names a suite', () => {
    expect(namesIn(join(E2E_DIR, 'suites'), '.e2e-suite.ts')).toEqual(Object.keys(E2E_SUITES).sort());
  });
});
