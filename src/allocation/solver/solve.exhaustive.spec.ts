import { generateSmallInstance } from './instance-generator';
import { solveAllocation } from './solve';
import type { AllocationInput, TimeInterval } from './types';

/**
 * Exhaustive search on tiny instances: every feasible allocation is enumerated, so the true
 * leximin profile and the best objective at that profile are known. The solver must reach the
 * profile exactly, and its upperBound must be at least the true best objective.
 */
interface Optimum {
  profile: number[];
  objective: number;
}

function exhaustiveOptimum(input: AllocationInput): Optimum {
  const overlaps = (a: TimeInterval, b: TimeInterval) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;
  const rankCount = input.rankCount ?? 5;
  const groups = new Map((input.groups ?? []).map((g) => [g.id, g.volunteerIds]));
  const limit = input.maxInterviewsPerStudent;
  const units = input.slots.flatMap((slot) => Array.from({ length: slot.capacity }, () => slot));
  const students = input.students.map((s) => {
    const rank = new Map<string, number>();
    for (const c of s.choices) {
      for (const v of 'groupId' in c ? (groups.get(c.groupId) ?? []) : [c.volunteerId]) rank.set(v, Math.min(rank.get(v) ?? Infinity, c.rank));
    }
    return { rank, busy: [...(s.unavailable ?? [])], fixed: [...(s.fixedBookings ?? [])] };
  });
  const held = students.map((): Array<{ volunteerId: string } & TimeInterval> => []);
  let best: Optimum = { profile: [], objective: -1 };

  const better = (profile: number[], objective: number): boolean => {
    for (let k = 0; k < profile.length; k++) if (profile[k] !== best.profile[k]) return profile[k] > (best.profile[k] ?? -1);
    return objective > best.objective;
  };
  const visit = (u: number, objective: number): void => {
    if (u === units.length) {
      const profile = Array.from({ length: limit }, (_, k) => students.filter((s, i) => s.fixed.length + held[i].length > k).length);
      if (better(profile, objective)) best = { profile, objective };
      return;
    }
    visit(u + 1, objective);
    const slot = units[u];
    students.forEach((s, i) => {
      const rank = s.rank.get(slot.volunteerId);
      if (rank === undefined || s.fixed.length + held[i].length >= limit) return;
      const mine = [...s.fixed, ...held[i]];
      if (s.busy.some((b) => overlaps(b, slot)) || mine.some((m) => overlaps(m, slot) || m.volunteerId === slot.volunteerId)) return;
      held[i].push(slot);
      visit(u + 1, objective + rankCount + 1 - rank);
      held[i].pop();
    });
  };
  visit(0, 0);
  return best;
}

describe('solveAllocation against exhaustive search on tiny instances', () => {
  const tiny: Array<{ seed: number; input: AllocationInput }> = [];
  for (let seed = 1000; tiny.length < 150 && seed < 20000; seed++) {
    const input = generateSmallInstance(seed);
    const units = input.slots.reduce((n, s) => n + s.capacity, 0);
    if (input.students.length <= 6 && units >= 2 && units <= 7 && input.maxInterviewsPerStudent >= 2) tiny.push({ seed, input });
  }

  it('reaches the true leximin profile and never bounds below the true best objective', () => {
    expect(tiny.length).toBe(150);
    for (const { seed, input } of tiny) {
      const optimum = exhaustiveOptimum(input);
      const result = solveAllocation(input, { seed });
      expect({ seed, profile: result.leximin.map((l) => l.students) }).toEqual({ seed, profile: optimum.profile });
      expect({ seed, bounded: result.stats.upperBound >= optimum.objective }).toEqual({ seed, bounded: true });
      expect({ seed, feasible: result.stats.objective <= optimum.objective }).toEqual({ seed, feasible: true });
    }
  });

  it('reaches the true best objective on most of them (the rest is what gapPercent reports)', () => {
    const optimal = tiny.filter(({ seed, input }) => solveAllocation(input, { seed }).stats.objective === exhaustiveOptimum(input).objective);
    expect(optimal.length / tiny.length).toBeGreaterThanOrEqual(0.95);
  });
});
