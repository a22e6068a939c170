import { explainAllocation } from './explain';
import { generateReferenceInstance } from './instance-generator';
import { solveAllocation } from './solve';
import type { AllocationInput, AllocationResult, AllocationSlot, AllocationStudent } from './types';
import { findViolations } from './verify';

/** Issue 12: the least gap between one student's interviews, in the solver. */
const MIN = 60_000;
const NINE = Date.UTC(2026, 2, 10, 13, 0);
const at = (minutes: number) => NINE + minutes * MIN;
const slot = (id: string, volunteerId: string, start: number, minutes = 30): AllocationSlot => ({
  id,
  volunteerId,
  startsAt: at(start),
  endsAt: at(start + minutes),
  capacity: 1,
});
const student = (id: string, volunteers: string[], extra: Partial<AllocationStudent> = {}): AllocationStudent => ({
  id,
  choices: volunteers.map((volunteerId, i) => ({ rank: i + 1, volunteerId })),
  ...extra,
});

function solve(input: AllocationInput, seed: string | number = 'gap'): AllocationResult {
  const result = solveAllocation(input, { seed });
  expect(findViolations(input, result)).toEqual([]);
  return result;
}

describe('solveAllocation with a gap between one student\'s interviews', () => {
  it('re-times a second interview that would follow the first back to back', () => {
    // v1 only at 9:00; v2 at 9:30 (right after) or 10:00 (30 minutes later).
    const slots = [slot('a', 'v1', 0), slot('b1', 'v2', 30), slot('b2', 'v2', 60)];
    const students = [student('S', ['v1', 'v2'])];
    const without = solve({ slots, students, maxInterviewsPerStudent: 2 });
    expect(without.assignments).toHaveLength(2);
    const withGap = solve({ slots, students, maxInterviewsPerStudent: 2, minGapMs: 15 * MIN });
    expect(withGap.assignments.map((a) => a.slotId).sort()).toEqual(['a', 'b2']);
    // Exactly the gap apart is allowed.
    const exact = solve({ slots, students, maxInterviewsPerStudent: 2, minGapMs: 30 * MIN });
    expect(exact.assignments.map((a) => a.slotId).sort()).toEqual(['a', 'b2']);
  });

  it('drops an interview that cannot keep the gap, and says why', () => {
    const slots = [slot('a', 'v1', 0), slot('b', 'v2', 40)];
    const input: AllocationInput = { slots, students: [student('S', ['v1', 'v2'])], maxInterviewsPerStudent: 2, minGapMs: 15 * MIN };
    const result = solve(input);
    expect(result.assignments).toHaveLength(1);
    const [explained] = explainAllocation(input, result);
    expect(explained.choices.map((c) => c.outcome)).toEqual(['assigned', 'clashes-with-interview']);
  });

  it('keeps the gap from bookings made before the run', () => {
    const slots = [slot('b1', 'v2', 30), slot('b2', 'v2', 50)];
    const fixed = { volunteerId: 'v1', startsAt: at(0), endsAt: at(30) };
    const input: AllocationInput = {
      slots,
      students: [student('S', ['v2'], { fixedBookings: [fixed] })],
      maxInterviewsPerStudent: 2,
      minGapMs: 20 * MIN,
    };
    expect(solve(input).assignments.map((a) => a.slotId)).toEqual(['b2']);
    const tooFar = solve({ ...input, minGapMs: 25 * MIN });
    expect(tooFar.assignments).toEqual([]);
    expect(tooFar.unplaced).toEqual([{ studentId: 'S', reason: 'conflicts' }]);
  });

  it('holds the gap on a generated instance with several interviews per student', () => {
    const input = { ...generateReferenceInstance({ students: 60, volunteers: 8, seed: 'gap-7' }), minGapMs: 20 * MIN };
    const result = solve(input, 3);
    expect(result.assignments.length).toBeGreaterThan(0);
  });
});
