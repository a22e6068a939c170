import { generateFloorInstance, generateReferenceInstance } from './instance-generator';
import { AllocationInputError } from './model';
import { solveAllocation } from './solve';
import type { AllocationInput, AllocationResult, AllocationSlot, AllocationStudent } from './types';
import { findViolations } from './verify';

const MIN = 60_000;
const NINE = Date.UTC(2026, 2, 10, 13, 0);
const at = (minutesAfterNine: number) => NINE + minutesAfterNine * MIN;

function slot(id: string, volunteerId: string, minutesAfterNine: number, capacity = 1, minutes = 30): AllocationSlot {
  return { id, volunteerId, startsAt: at(minutesAfterNine), endsAt: at(minutesAfterNine + minutes), capacity };
}

function student(id: string, volunteers: string[], extra: Partial<AllocationStudent> = {}): AllocationStudent {
  return { id, choices: volunteers.map((volunteerId, i) => ({ rank: i + 1, volunteerId })), ...extra };
}

function solve(input: AllocationInput, seed: string | number = 'test'): AllocationResult {
  const result = solveAllocation(input, { seed });
  expect(findViolations(input, result)).toEqual([]);
  return result;
}

const placements = (result: AllocationResult) => result.assignments.map((a) => `${a.studentId}:${a.slotId}`).sort();

describe('solveAllocation on hand-made instances', () => {
  it('gives no student a second interview while another who could be placed has none', () => {
    // A could take both slots; B and C each want one of them.
    const input: AllocationInput = {
      slots: [slot('x1', 'v1', 0), slot('x2', 'v2', 30)],
      students: [student('A', ['v1', 'v2']), student('B', ['v1']), student('C', ['v2'])],
      maxInterviewsPerStudent: 2,
    };
    const left = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5, 6, 'x']) {
      const result = solve(input, seed);
      // A and B tie for x1 (both rank it first): the seeded lottery picks; C always gets x2.
      expect(placements(result)).toContain('C:x2');
      expect(result.stats).toMatchObject({ studentsPlaced: 2, interviewsPlaced: 2 });
      expect(result.unplaced).toHaveLength(1);
      expect(result.unplaced[0].reason).toBe('capacity');
      left.add(result.unplaced[0].studentId);
      expect(result.leximin).toEqual([
        { interviews: 1, students: 2, upperBound: 2 },
        { interviews: 2, students: 0, upperBound: 0 },
      ]);
    }
    expect([...left].sort()).toEqual(['A', 'B']);
  });

  it('gives a second interview once everyone who can be placed is', () => {
    const input: AllocationInput = {
      slots: [slot('x1', 'v1', 0), slot('x2', 'v2', 30), slot('x3', 'v3', 0)],
      students: [student('A', ['v1', 'v2']), student('B', ['v3'])],
      maxInterviewsPerStudent: 2,
    };
    const result = solve(input);
    expect(placements(result)).toEqual(['A:x1', 'A:x2', 'B:x3']);
    expect(result.stats).toMatchObject({ studentsPlaced: 2, interviewsPlaced: 3, choiceHistogram: [2, 1, 0, 0, 0], objective: 14 });
  });

  it('places the most students first, then the best ranks', () => {
    // Two want v1 first; only A has a second choice, so A gets it and B keeps v1.
    const input: AllocationInput = {
      slots: [slot('x1', 'v1', 0), slot('x2', 'v2', 0)],
      students: [student('A', ['v1', 'v2']), student('B', ['v1'])],
      maxInterviewsPerStudent: 1,
    };
    expect(placements(solve(input))).toEqual(['A:x2', 'B:x1']);

    // Crossed preferences: each gets their first choice (objective 10 of a bound 10).
    const crossed: AllocationInput = { ...input, students: [student('A', ['v1', 'v2']), student('B', ['v2', 'v1'])] };
    const result = solve(crossed);
    expect(placements(result)).toEqual(['A:x1', 'B:x2']);
    expect(result.stats).toMatchObject({ objective: 10, upperBound: 10, gapPercent: 0 });
  });

  it("lets one student's first choice outweigh another's second", () => {
    // A: v1 first. B: v2 first, v1 second. One v1 slot and one v2 slot: A v1, B v2 (not B v1).
    const input: AllocationInput = {
      slots: [slot('x1', 'v1', 0), slot('x2', 'v2', 0)],
      students: [student('A', ['v1', 'v2']), student('B', ['v2', 'v1'])],
      maxInterviewsPerStudent: 1,
    };
    expect(solve(input).stats.choiceHistogram).toEqual([2, 0, 0, 0, 0]);
  });

  it('re-times interviews so a student with two never has them at the same time', () => {
    // Both of A's volunteers have a 9:00 and a 9:30 slot; B holds down one of them.
    const input: AllocationInput = {
      slots: [slot('a9', 'v1', 0), slot('a930', 'v1', 30), slot('b9', 'v2', 0), slot('b930', 'v2', 30)],
      students: [student('A', ['v1', 'v2']), student('B', ['v1'], { unavailable: [{ startsAt: at(0), endsAt: at(30) }] })],
      maxInterviewsPerStudent: 2,
    };
    const result = solve(input);
    expect(placements(result)).toEqual(['A:a9', 'A:b930', 'B:a930']);
  });

  it('expands an expertise choice to every volunteer of the group at that rank, best rank winning', () => {
    const input: AllocationInput = {
      slots: [slot('x1', 'v1', 0), slot('x2', 'v2', 0), slot('x3', 'v3', 0)],
      groups: [{ id: 'finance', volunteerIds: ['v2', 'v3', 'unknown'] }],
      students: [
        { id: 'A', choices: [{ rank: 1, groupId: 'finance' }] },
        { id: 'B', choices: [{ rank: 1, volunteerId: 'v1' }, { rank: 2, groupId: 'finance' }] },
        { id: 'C', choices: [{ rank: 1, volunteerId: 'v2' }, { rank: 3, groupId: 'finance' }] },
      ],
      maxInterviewsPerStudent: 1,
    };
    const result = solve(input);
    expect(placements(result)).toEqual(['A:x3', 'B:x1', 'C:x2']);
    expect(result.assignments.map((a) => a.rank)).toEqual([1, 1, 1]);
  });

  it('keeps fixed bookings: they count toward the limit and block their time and volunteer', () => {
    const fixed = { volunteerId: 'v1', startsAt: at(0), endsAt: at(30) };
    const input: AllocationInput = {
      slots: [slot('v1-930', 'v1', 30), slot('v2-9', 'v2', 0), slot('v3-10', 'v3', 60), slot('v4-10', 'v4', 60)],
      students: [
        student('A', ['v1', 'v2', 'v3', 'v4'], { fixedBookings: [fixed] }),
        student('B', ['v4']),
      ],
      maxInterviewsPerStudent: 2,
    };
    const result = solve(input);
    // Not v1 again, not 9:00, one new interview only (limit 2 with one fixed), and B first at v4.
    expect(placements(result)).toEqual(['A:v3-10', 'B:v4-10']);
    expect(result.leximin[0]).toEqual({ interviews: 1, students: 2, upperBound: 2 });
    expect(result.leximin[1]).toEqual({ interviews: 2, students: 1, upperBound: 1 });

    const full = solve({ ...input, maxInterviewsPerStudent: 1 });
    expect(full.unplaced).toEqual([{ studentId: 'A', reason: 'limit-reached' }]);
  });

  it('never places a student in unavailable time', () => {
    const input: AllocationInput = {
      slots: [slot('x9', 'v1', 0), slot('x930', 'v1', 30)],
      students: [student('A', ['v1'], { unavailable: [{ startsAt: at(-50), endsAt: at(10) }] })],
      maxInterviewsPerStudent: 1,
    };
    expect(placements(solve(input))).toEqual(['A:x930']);
    const blocked = solve({ ...input, slots: [slot('x9', 'v1', 0)] });
    expect(blocked.unplaced).toEqual([{ studentId: 'A', reason: 'conflicts' }]);
  });

  it('says why each unplaced student got nothing', () => {
    const input: AllocationInput = {
      slots: [slot('x1', 'v1', 0), slot('full', 'v2', 0, 0)],
      students: [
        student('A', ['v1']),
        student('B', ['v1']),
        student('C', ['v2', 'nobody']),
        student('D', ['v1'], { unavailable: [{ startsAt: at(0), endsAt: at(30) }] }),
        student('E', []),
      ],
      maxInterviewsPerStudent: 1,
    };
    const result = solve(input, 7);
    expect(result.stats.studentsWithPreferences).toBe(4);
    const reasons = Object.fromEntries(result.unplaced.map((u) => [u.studentId, u.reason]));
    expect(reasons.C).toBe('no-available-choice');
    expect(reasons.D).toBe('conflicts');
    expect(Object.values(reasons).filter((r) => r === 'capacity')).toHaveLength(1);
  });

  it('refuses malformed input', () => {
    const base: AllocationInput = { slots: [slot('x1', 'v1', 0)], students: [student('A', ['v1'])], maxInterviewsPerStudent: 1 };
    expect(() => solveAllocation({ ...base, students: [student('A', ['v1']), student('A', [])] }, { seed: 1 })).toThrow(AllocationInputError);
    expect(() => solveAllocation({ ...base, students: [{ id: 'A', choices: [{ rank: 6, volunteerId: 'v1' }] }] }, { seed: 1 })).toThrow(
      /rank 6/,
    );
    expect(() => solveAllocation({ ...base, students: [{ id: 'A', choices: [{ rank: 1, groupId: 'nope' }] }] }, { seed: 1 })).toThrow(
      /unknown group/,
    );
    expect(() => solveAllocation({ ...base, slots: [{ ...slot('x1', 'v1', 0), endsAt: at(0) }] }, { seed: 1 })).toThrow(/endsAt/);
  });
});

describe('solveAllocation with organizations, ratings, loads and regret (issue 14)', () => {
  it('never stacks two interviews with one organization, even when a shared tag ranks its interviewers alike', () => {
    // Acme sends three interviewers, all tagged "finance"; two students rate the tag 1 and Bolt 2.
    const input: AllocationInput = {
      slots: [slot('a1', 'acme-1', 0), slot('a2', 'acme-2', 30), slot('a3', 'acme-3', 60), slot('b1', 'bolt', 90), slot('b2', 'bolt', 120)],
      groups: [{ id: 'finance', volunteerIds: ['acme-1', 'acme-2', 'acme-3'] }],
      organizations: [{ id: 'acme', volunteerIds: ['acme-1', 'acme-2', 'acme-3'] }],
      students: ['A', 'B'].map((id) => ({ id, choices: [{ rank: 1, groupId: 'finance' }, { rank: 2, volunteerId: 'bolt' }] })),
      maxInterviewsPerStudent: 3,
    };
    const result = solve(input);
    for (const id of ['A', 'B']) {
      const mine = result.assignments.filter((a) => a.studentId === id);
      expect(mine.filter((a) => a.volunteerId.startsWith('acme'))).toHaveLength(1);
      expect(mine.filter((a) => a.volunteerId === 'bolt')).toHaveLength(1);
    }
    // Without the organization the same input stacks Acme interviews (rank 1 is cheapest).
    const stacked = solve({ ...input, organizations: [] });
    const acmeCounts = ['A', 'B'].map((id) => stacked.assignments.filter((a) => a.studentId === id && a.volunteerId.startsWith('acme')).length);
    expect(Math.max(...acmeCounts)).toBeGreaterThan(1);
  });

  it('takes ratings with ties and an organization choice, and keeps a student within their own limit', () => {
    const input: AllocationInput = {
      slots: [slot('x1', 'v1', 0), slot('x2', 'v2', 30), slot('x3', 'v3', 60)],
      organizations: [{ id: 'org', volunteerIds: ['v2', 'v3'] }],
      students: [
        { id: 'A', choices: [{ rank: 1, volunteerId: 'v1' }, { rank: 1, organizationId: 'org' }], maxInterviews: 1 },
        { id: 'B', choices: [{ rank: 2, volunteerId: 'v1' }, { rank: 2, organizationId: 'org' }] },
      ],
      maxInterviewsPerStudent: 3,
      rankCount: 5,
    };
    const result = solve(input);
    expect(result.assignments.filter((a) => a.studentId === 'A')).toHaveLength(1);
    expect(result.assignments.filter((a) => a.studentId === 'B')).toHaveLength(2);
  });

  it('meets a minimum when the fairness levels allow it, and releases (and reports) one that cannot be met in full', () => {
    // Both students like v1 best; Bolt (v2) wants 2 interviews, Cato (v3) wants 3 but has 2 slots.
    const input: AllocationInput = {
      slots: [slot('x1', 'v1', 0), slot('x2', 'v2', 0), slot('y2', 'v2', 30), slot('x3', 'v3', 60), slot('y3', 'v3', 90)],
      organizations: [
        { id: 'bolt', volunteerIds: ['v2'], minInterviews: 2 },
        { id: 'cato', volunteerIds: ['v3'], minInterviews: 3 },
      ],
      students: ['A', 'B'].map((id) => ({ id, choices: [{ rank: 1, volunteerId: 'v1' }, { rank: 3, organizationId: 'bolt' }, { rank: 3, organizationId: 'cato' }] })),
      maxInterviewsPerStudent: 2,
      rankCount: 3,
    };
    const result = solve(input);
    expect(result.loads).toEqual([
      { kind: 'organization', id: 'bolt', minInterviews: 2, maxInterviews: null, interviews: 2, status: 'met' },
      { kind: 'organization', id: 'cato', minInterviews: 3, maxInterviews: null, interviews: expect.any(Number), status: 'released' },
    ]);
    // Bolt's minimum takes both students' second interviews; v1 still goes to one of them.
    expect(result.assignments.filter((a) => a.volunteerId === 'v2')).toHaveLength(2);
    expect(result.assignments.filter((a) => a.volunteerId === 'v1')).toHaveLength(1);
  });

  it('never exceeds a maximum of a volunteer or an organization, bookings before the run included', () => {
    const input: AllocationInput = {
      slots: [slot('x1', 'v1', 0), slot('y1', 'v1', 30), slot('x2', 'v2', 0), slot('y2', 'v2', 30)],
      organizations: [{ id: 'org', volunteerIds: ['v1', 'v2'], maxInterviews: 3, bookedInterviews: 1 }],
      volunteerLoads: [{ volunteerId: 'v1', maxInterviews: 1 }],
      students: ['A', 'B', 'C', 'D'].map((id) => ({ id, choices: [{ rank: 1, organizationId: 'org' }] })),
      maxInterviewsPerStudent: 1,
    };
    const result = solve(input);
    expect(result.assignments).toHaveLength(2);
    expect(result.assignments.filter((a) => a.volunteerId === 'v1').length).toBeLessThanOrEqual(1);
  });

  it('gives the same bytes for the same input and seed whatever the order of organizations, loads and students', () => {
    const input = generateFloorInstance({ students: 600, volunteers: 40, seed: 'order' });
    const loads = input.organizations!.slice(0, 5).map((o) => ({ volunteerId: o.volunteerIds[0], maxInterviews: 3 }));
    const withLoads: AllocationInput = { ...input, volunteerLoads: loads };
    const first = JSON.stringify(solveAllocation(withLoads, { seed: 9 }));
    const reordered: AllocationInput = {
      ...withLoads,
      slots: [...withLoads.slots].reverse(),
      students: [...withLoads.students].reverse(),
      organizations: [...withLoads.organizations!].reverse().map((o) => ({ ...o, volunteerIds: [...o.volunteerIds].reverse() })),
      volunteerLoads: [...loads].reverse(),
    };
    expect(JSON.stringify(solveAllocation(reordered, { seed: 9 }))).toBe(first);
    expect(findViolations(withLoads, JSON.parse(first))).toEqual([]);
  });

  it('lowers the worst regret: nobody keeps a 3rd choice while a swap gives everyone their 2nd or better', () => {
    // Plain rank cost ties A(v1 1st, v3 3rd) + B(v2 1st) with A(v2 2nd) + B(v1 2nd); the regret rule prefers the second.
    const input: AllocationInput = {
      slots: [slot('x1', 'v1', 0), slot('x2', 'v2', 0), slot('x3', 'v3', 0)],
      students: [student('A', ['v1', 'v2', 'v3']), student('B', ['v2', 'v1']), student('C', ['v1', 'v2'])],
      maxInterviewsPerStudent: 1,
    };
    for (const seed of [1, 2, 3, 'x', 'y']) {
      const result = solve(input, seed);
      expect(result.stats.worstRegret).toBe(result.stats.regretLowerBound);
      expect(result.stats.regretProven).toBe(true);
    }
  });
});

describe('solveAllocation on generated instances', () => {
  const input = generateReferenceInstance({ students: 700, volunteers: 40, seed: 'spec' });

  it('gives the same bytes for the same input and seed, whatever the input order', () => {
    const first = JSON.stringify(solveAllocation(input, { seed: 42 }));
    const reordered: AllocationInput = {
      ...input,
      slots: [...input.slots].reverse(),
      students: [...input.students].reverse(),
      groups: [...(input.groups ?? [])].reverse(),
    };
    expect(JSON.stringify(solveAllocation(input, { seed: 42 }))).toBe(first);
    expect(JSON.stringify(solveAllocation(reordered, { seed: 42 }))).toBe(first);
    expect(JSON.stringify(solveAllocation(input, { seed: '42' }))).toBe(first);
  });

  it('may pick other winners with another seed, at the same quality', () => {
    const a = solve(input, 'a');
    const b = solve(input, 'b');
    expect(placements(a)).not.toEqual(placements(b));
    expect(b.leximin).toEqual(a.leximin);
    for (const r of [a, b]) {
      expect(r.leximin.every((level) => level.students === level.upperBound)).toBe(true);
      expect(r.stats.gapPercent).toBeLessThanOrEqual(1);
    }
  });

  it('reports progress from 0 to 100, never going back', () => {
    const seen: number[] = [];
    solveAllocation(input, { seed: 1, onProgress: (p) => seen.push(p) });
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBe(100);
    expect(seen.every((p, i) => i === 0 || p > seen[i - 1])).toBe(true);
  });
});
