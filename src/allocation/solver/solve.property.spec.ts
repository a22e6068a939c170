import { runBaseline } from './baselines';
import { generateSmallInstance } from './instance-generator';
import { solveAllocation } from './solve';
import type { AllocationAssignment, AllocationInput } from './types';
import { findViolations, maxFirstInterviews } from './verify';

const INSTANCES = 200;

/** Students without fixed bookings who got an interview: level 1 of the leximin rule among them. */
function firstLevelPlaced(input: AllocationInput, assignments: readonly AllocationAssignment[]): number {
  const fresh = new Set(input.students.filter((s) => (s.fixedBookings ?? []).length === 0).map((s) => s.id));
  return new Set(assignments.filter((a) => fresh.has(a.studentId)).map((a) => a.studentId)).size;
}

/**
 * Students with preferences who have at least one interview, fixed bookings included: the
 * measure the leximin rule maximizes. (A student who already holds a booking is served after
 * those who hold none, so "got one from this run" alone can favour a baseline that ignores that.)
 */
function withInterview(input: AllocationInput, assignments: readonly AllocationAssignment[]): number {
  const placed = new Set(assignments.map((a) => a.studentId));
  return input.students.filter((s) => s.choices.length > 0 && (placed.has(s.id) || (s.fixedBookings ?? []).length > 0)).length;
}

describe(`solveAllocation on ${INSTANCES} random small instances`, () => {
  const cases = Array.from({ length: INSTANCES }, (_, i) => {
    const input = generateSmallInstance(i);
    return { i, input, result: solveAllocation(input, { seed: i }) };
  });

  it('always keeps every hard constraint and reports consistent statistics (objective ≤ upperBound)', () => {
    for (const { i, input, result } of cases) expect({ i, problems: findViolations(input, result) }).toEqual({ i, problems: [] });
  });

  it('places exactly as many students at level 1 as an independent maximum matching', () => {
    for (const { i, input, result } of cases) {
      expect({ i, placed: firstLevelPlaced(input, result.assignments) }).toEqual({ i, placed: maxFirstInterviews(input) });
      expect(result.leximin[0]?.students ?? 0).toBe(result.leximin[0]?.upperBound ?? 0);
    }
  });

  it('never exceeds its own leximin bounds and never places fewer students than the baselines', () => {
    for (const { i, input, result } of cases) {
      for (const level of result.leximin) expect(level.students).toBeLessThanOrEqual(level.upperBound);
      for (const name of ['serial-dictatorship', 'first-come'] as const) {
        const baseline = runBaseline(input, name, i);
        const ours = { withInterview: withInterview(input, result.assignments), fresh: firstLevelPlaced(input, result.assignments) };
        const theirs = { withInterview: withInterview(input, baseline), fresh: firstLevelPlaced(input, baseline) };
        expect({ i, name, atLeast: ours.withInterview >= theirs.withInterview && ours.fresh >= theirs.fresh }).toEqual({ i, name, atLeast: true });
      }
    }
  });

  it('is deterministic for every instance', () => {
    for (const { i, input, result } of cases.slice(0, 50)) {
      expect(JSON.stringify(solveAllocation(input, { seed: i }))).toBe(JSON.stringify(result));
    }
  });
});
