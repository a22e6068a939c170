import { generateOrganizationInstance, generateSmallInstance } from './instance-generator';
import { solveAllocation } from './solve';
import type { AllocationInput, AllocationResult, AllocationSlot, TimeInterval } from './types';
import { bestCosts, bestRanks, findViolations, organizationOf } from './verify';

/**
 * Exhaustive search on tiny instances: every feasible allocation is enumerated (capacities,
 * limits, one interview per organization, unavailable times, bookings, loads' maxima), so the
 * true leximin profile and, at that profile, the best worst regret and objective are known.
 */
interface Leaf {
  profile: number[];
  /** Bit i: the i-th minimum (organizations, then volunteer loads) is met. */
  met: number;
  worstRegret: number;
  objective: number;
}

function enumerate(input: AllocationInput): Leaf[] {
  const overlaps = (a: TimeInterval, b: TimeInterval) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;
  const rankCount = input.rankCount ?? 5;
  const orgOf = organizationOf(input);
  const units = input.slots.flatMap((slot) => Array.from({ length: slot.capacity }, () => slot));
  const students = input.students.map((s) => ({
    rank: bestRanks(input, s),
    best: bestCosts(input, s),
    busy: [...(s.unavailable ?? [])],
    fixed: [...(s.fixedBookings ?? [])],
    limit: Math.min(input.maxInterviewsPerStudent, s.maxInterviews ?? Infinity),
  }));
  const bounds = [
    ...(input.organizations ?? []).map((o) => ({ key: `org:${o.id}`, b: o, byOrg: true })),
    ...(input.volunteerLoads ?? []).map((l) => ({ key: l.volunteerId, b: l, byOrg: false })),
  ];
  const load = new Map<string, number>();
  const keysOf = (v: string) => [orgOf(v), v];
  const fits = (v: string) =>
    bounds.every(({ key, b, byOrg }) => (byOrg ? orgOf(v) : v) !== key || b.maxInterviews === undefined || (b.bookedInterviews ?? 0) + (load.get(key) ?? 0) < b.maxInterviews);
  const held = students.map((): AllocationSlot[] => []);
  const leaves: Leaf[] = [];

  const visit = (u: number): void => {
    if (u === units.length) {
      const profile = Array.from({ length: input.maxInterviewsPerStudent }, (_, k) => students.filter((s, i) => s.fixed.length + held[i].length > k).length);
      let met = 0;
      bounds.forEach(({ key, b }, i) => {
        if (b.minInterviews && (b.bookedInterviews ?? 0) + (load.get(key) ?? 0) >= b.minInterviews) met |= 1 << i;
      });
      let worstRegret = 0;
      let objective = 0;
      students.forEach((s, i) => {
        if (held[i].length === 0) return;
        let cost = 0;
        for (const x of held[i]) cost += s.rank.get(x.volunteerId)! - 1;
        objective += held[i].length * rankCount - cost;
        worstRegret = Math.max(worstRegret, cost - s.best.slice(0, held[i].length).reduce((a, b) => a + b, 0));
      });
      leaves.push({ profile, met, worstRegret, objective });
      return;
    }
    visit(u + 1);
    const slot = units[u];
    if (!fits(slot.volunteerId)) return;
    students.forEach((s, i) => {
      // Units of one slot are interchangeable: give them out in student order only.
      if (u > 0 && units[u - 1] === slot && held.some((h, j) => j > i && h.includes(slot))) return;
      const rank = s.rank.get(slot.volunteerId);
      if (rank === undefined || s.fixed.length + held[i].length >= s.limit) return;
      const mine = [...s.fixed, ...held[i]];
      if (s.busy.some((b) => overlaps(b, slot)) || mine.some((m) => overlaps(m, slot) || orgOf(m.volunteerId) === orgOf(slot.volunteerId))) return;
      if (held[i].includes(slot)) return;
      held[i].push(slot);
      for (const k of keysOf(slot.volunteerId)) load.set(k, (load.get(k) ?? 0) + 1);
      visit(u + 1);
      for (const k of keysOf(slot.volunteerId)) load.set(k, load.get(k)! - 1);
      held[i].pop();
    });
  };
  visit(0);
  return leaves;
}

const lexGreater = (a: number[], b: number[]) => {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] > b[k];
  return false;
};

function metMask(input: AllocationInput, result: AllocationResult): number {
  const keys = [...(input.organizations ?? []).map((o) => `organization/${o.id}`), ...(input.volunteerLoads ?? []).map((l) => `volunteer/${l.volunteerId}`)];
  let mask = 0;
  keys.forEach((key, i) => {
    if (result.loads.some((l) => `${l.kind}/${l.id}` === key && l.status === 'met')) mask |= 1 << i;
  });
  return mask;
}

interface Case {
  seed: number;
  input: AllocationInput;
  result: AllocationResult;
  /** The true leximin profile. */
  profile: number[];
  /** At that profile, among allocations meeting every minimum the solver met. */
  worstRegret: number;
  objective: number;
  /** Some allocation at that profile meets a minimum the solver released, and all it met. */
  couldMeetMore: boolean;
}

function study(seed: number, input: AllocationInput): Case {
  const leaves = enumerate(input);
  const result = solveAllocation(input, { seed });
  let profile: number[] = [];
  for (const leaf of leaves) if (profile.length === 0 || lexGreater(leaf.profile, profile)) profile = leaf.profile;
  const mask = metMask(input, result);
  const same = leaves.filter((l) => l.profile.join() === profile.join() && (l.met & mask) === mask);
  return {
    seed,
    input,
    result,
    profile,
    worstRegret: Math.min(...same.map((l) => l.worstRegret)),
    objective: Math.max(...same.map((l) => l.objective)),
    couldMeetMore: same.some((l) => l.met !== mask),
  };
}

function tinyCases(generate: (seed: number) => AllocationInput, from: number, count: number): Case[] {
  const cases: Case[] = [];
  for (let seed = from; cases.length < count && seed < from + 50_000; seed++) {
    const input = generate(seed);
    const units = input.slots.reduce((n, s) => n + s.capacity, 0);
    if (input.students.length <= 6 && units >= 2 && units <= 7 && input.maxInterviewsPerStudent >= 2) cases.push(study(seed, input));
  }
  return cases;
}

describe.each([
  { name: 'issue-3 instances (volunteers, groups, strict ranks)', cases: () => tinyCases(generateSmallInstance, 1000, 150) },
  { name: 'issue-14 instances (organizations, ties, minimums, maxima, limits)', cases: () => tinyCases(generateOrganizationInstance, 1, 150) },
])('solveAllocation against exhaustive search on $name', ({ cases: make }) => {
  const cases = make();

  it('keeps every rule and reaches the true leximin profile', () => {
    expect(cases.length).toBe(150);
    for (const c of cases) {
      expect({ seed: c.seed, problems: findViolations(c.input, c.result) }).toEqual({ seed: c.seed, problems: [] });
      expect({ seed: c.seed, profile: c.result.leximin.map((l) => l.students) }).toEqual({ seed: c.seed, profile: c.profile });
    }
  });

  it('never claims a regret bound above the true least worst regret, nor an objective bound below the true best', () => {
    for (const c of cases) {
      const s = c.result.stats;
      expect({ seed: c.seed, boundHolds: s.regretLowerBound <= c.worstRegret, feasible: s.worstRegret >= c.worstRegret }).toEqual({
        seed: c.seed,
        boundHolds: true,
        feasible: true,
      });
      expect({ seed: c.seed, bounded: s.upperBound >= c.objective, feasible: s.objective <= c.objective || s.worstRegret > c.worstRegret }).toEqual({
        seed: c.seed,
        bounded: true,
        feasible: true,
      });
    }
  });

  it('reaches the least worst regret on every one, proves it on nearly all, and the best objective at it on nearly all', () => {
    for (const c of cases) expect({ seed: c.seed, worst: c.result.stats.worstRegret }).toEqual({ seed: c.seed, worst: c.worstRegret });
    const proven = cases.filter((c) => c.result.stats.regretProven);
    expect(proven.length / cases.length).toBeGreaterThanOrEqual(0.9);
    const objectiveOptimal = cases.filter((c) => c.result.stats.objective === c.objective);
    expect(objectiveOptimal.length / cases.length).toBeGreaterThanOrEqual(0.97);
  });

  it('releases a minimum only when it cannot be met with the others at the fairness profile, on nearly all', () => {
    const needless = cases.filter((c) => c.couldMeetMore);
    expect(needless.length / cases.length).toBeLessThanOrEqual(0.02);
  });
});
