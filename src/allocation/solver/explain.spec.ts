import { explainAllocation } from './explain';
import { generateFloorInstance } from './instance-generator';
import { solveAllocation } from './solve';
import type { AllocationInput } from './types';

const MIN = 60_000;
const NINE = Date.UTC(2026, 2, 10, 13, 0);
const at = (m: number) => NINE + m * MIN;
const slot = (id: string, volunteerId: string, m: number) => ({ id, volunteerId, startsAt: at(m), endsAt: at(m + 30), capacity: 1 });

describe('explainAllocation', () => {
  it('says for each choice whether it was assigned, taken, unavailable, a clash, the same organization or not needed', () => {
    const input: AllocationInput = {
      slots: [slot('x1', 'v1', 0), slot('x2', 'v2', 0), slot('x3', 'v3', 60), slot('x4', 'v4', 90), slot('x5', 'v5', 0), slot('x6', 'v6', 150)],
      organizations: [{ id: 'acme', volunteerIds: ['v3', 'v4'] }],
      students: [
        // A rates v1 and Acme's v3 1; B rates v1 2. Everyone wants v1; only one gets it.
        {
          id: 'A',
          choices: [
            { rank: 1, volunteerId: 'v1' },
            { rank: 1, volunteerId: 'v3' },
            { rank: 2, volunteerId: 'v4' },
            { rank: 3, volunteerId: 'v2' },
            { rank: 4, volunteerId: 'v5' },
          ],
          unavailable: [{ startsAt: at(0), endsAt: at(30) }],
        },
        { id: 'B', choices: [{ rank: 1, volunteerId: 'v1' }, { rank: 2, volunteerId: 'v6' }] },
        { id: 'C', choices: [{ rank: 1, volunteerId: 'v1' }] },
      ],
      maxInterviewsPerStudent: 2,
      rankCount: 5,
    };
    const result = solveAllocation(input, { seed: 1 });
    const explanations = explainAllocation(input, result);
    expect(explanations.map((e) => e.studentId)).toEqual(['A', 'B', 'C']);
    const a = explanations[0];
    // A cannot attend 9:00 at all; gets Acme's v3, so Acme's v4 is the same organization.
    expect(a.choices.map((c) => c.outcome)).toEqual(['unavailable', 'assigned', 'same-organization', 'unavailable', 'unavailable']);
    // C has only v1, so C gets it (leximin); B sees it taken by one student who rated it as high.
    const [, b, c] = explanations;
    expect(c.choices[0].outcome).toBe('assigned');
    expect(b.choices.map((x) => x.outcome)).toEqual(['taken', 'assigned']);
    expect(b.choices[0]).toMatchObject({ heldAtHigherPriority: 1, heldByFairness: 0, slotsConsidered: 1 });
    expect(JSON.stringify(b.choices)).not.toMatch(/"[AC]"/);
  });

  it('explains every student of a 3,000-student floor instance in a few seconds, naming nobody else', () => {
    const input = generateFloorInstance({ students: 3000 });
    const result = solveAllocation(input, { seed: 'explain' });
    const started = performance.now();
    const explanations = explainAllocation(input, result);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(explanations).toHaveLength(input.students.filter((s) => s.choices.length > 0).length);
    for (const e of explanations.slice(0, 500)) {
      const placed = result.assignments.filter((a) => a.studentId === e.studentId).length;
      // A choice is "assigned" when an interview came through it (a volunteer and its organization may both).
      expect(e.choices.some((c) => c.outcome === 'assigned')).toBe(placed > 0);
      expect(e.interviews).toBe(placed);
      expect(JSON.stringify(e.choices)).not.toMatch(/"s\d+"/);
    }
  });
});
