const Sequencer = require('@jest/test-sequencer').default;
const suites = Object.keys(require('../e2e/suites.json'));

/**
 * Jest starts the longest files first, by the times of the last run, so no worker is left with
 * a long file at the end. Without times (a fresh clone, as in CI) it goes by file size, which
 * says nothing here: the e2e suite files are one line each and hold most of the work. Files
 * without times then go in this order: the e2e suites, longest first as suites.json lists them;
 * the other e2e and fault specs; the unit specs, which are short. Files with times keep Jest's
 * order.
 */
class LongestFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const rank = (test) => {
      const suite = /([^/]+)\.e2e-suite\.ts$/.exec(test.path);
      if (suite) return suites.indexOf(suite[1]);
      return test.path.includes('/src/') ? suites.length + 1 : suites.length;
    };
    // Only the files without times move, among the places Jest gave them.
    const places = sorted.flatMap((test, place) => (test.duration == null ? [place] : []));
    const untimed = places.map((place) => sorted[place]).sort((a, b) => rank(a) - rank(b));
    places.forEach((place, i) => (sorted[place] = untimed[i]));
    return sorted;
  }
}

module.exports = LongestFirstSequencer;
