const Sequencer = require('@jest/test-sequencer').default;

/**
 * The e2e suites and the fault and OpenAPI specs, longest first (by their times on our 2-core
 * machine). A name not here goes after them; unit specs, which are short, go last.
 */
const LONGEST_FIRST = [
  'demo', 'access', 'console', 'processes', 'http', 'fuzz', 'openapi', 'platform', 'pages', 'allocation-recovery',
  'rush', 'policies', 'cli', 'people', 'allocation', 'redis-outage', 'bookings', 'mail', 'fair-day',
  'waitlist-redis-outage', 'database-outage',
];

/**
 * Jest starts the longest files first, by the times of the last run, so no worker is left with
 * a long file at the end. Without times (a fresh clone, as in CI) it goes by file size, which
 * says nothing here: the e2e suite files are one line each and hold most of the work
 * (test/e2e/suites.ts). Files without times go in the order above instead; files with times
 * keep Jest's order.
 */
class LongestFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const rank = (test) => {
      if (test.path.includes('/src/')) return LONGEST_FIRST.length + 1;
      const stem = /([^/]+)\.(e2e-suite|e2e-spec|fault-spec)\.ts$/.exec(test.path)?.[1];
      const place = LONGEST_FIRST.indexOf(stem);
      return place === -1 ? LONGEST_FIRST.length : place;
    };
    // Only the files without times move, among the places Jest gave them.
    const places = sorted.flatMap((test, place) => (test.duration == null ? [place] : []));
    const untimed = places.map((place) => sorted[place]).sort((a, b) => rank(a) - rank(b));
    places.forEach((place, i) => (sorted[place] = untimed[i]));
    return sorted;
  }
}

module.exports = LongestFirstSequencer;
