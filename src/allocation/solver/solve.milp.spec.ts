import highsLoader from 'highs';
import { createPrng } from './prng';
import { solveAllocation } from './solve';
import type { AllocationInput, AllocationOrganization, AllocationResult, AllocationSlot, AllocationStudent, RankedChoice, TimeInterval } from './types';
import { bestCosts, bestRanks, findViolations, organizationOf } from './verify';

/**
 * An exact MILP (HiGHS, compiled to WebAssembly) as the oracle on instances too large for
 * exhaustive search (issue 14): the same rules written as a model of their own, solved in the
 * objective's order: each leximin level, then the worst regret, then the students at it, then
 * the total score. Fairgrid must reach the MILP's profile and least worst regret, and a total
 * within 1 % of the MILP's at that worst regret. The MILP keeps the minimums Fairgrid met.
 */
type Highs = Awaited<ReturnType<typeof highsLoader>>;

const MINUTE = 60_000;
const DAY = Date.UTC(2026, 2, 10, 13, 0);

/** 8–16 students, 4–7 volunteers in 2–4 organizations, ratings 1–5 with ties, limits of 2, some minimums and maxima. */
function oracleInstance(seed: number): AllocationInput {
  const prng = createPrng(`milp/${seed}`);
  const volunteers = 4 + prng.int(4);
  const orgCount = 2 + prng.int(3);
  const orgOf = Array.from({ length: volunteers }, (_, v) => (v < orgCount ? v : prng.int(orgCount)));
  const slots: AllocationSlot[] = [];
  for (let v = 0; v < volunteers; v++) {
    const first = prng.int(3);
    const count = 2 + prng.int(3);
    for (let k = first; k < first + count; k++) {
      const startsAt = DAY + k * 30 * MINUTE;
      slots.push({ id: `x${v}-${k}`, volunteerId: `v${v}`, startsAt, endsAt: startsAt + 30 * MINUTE, capacity: 1 });
    }
  }
  const organizations: AllocationOrganization[] = Array.from({ length: orgCount }, (_, o) => {
    const org: AllocationOrganization = { id: `o${o}`, volunteerIds: orgOf.flatMap((x, v) => (x === o ? [`v${v}`] : [])) };
    const r = prng.next();
    if (r < 0.3) org.minInterviews = 2 + prng.int(3);
    else if (r < 0.45) org.maxInterviews = 2 + prng.int(3);
    return org;
  });
  const students: AllocationStudent[] = [];
  const n = 8 + prng.int(9);
  for (let i = 0; i < n; i++) {
    const choices: RankedChoice[] = [];
    const picks = 2 + prng.int(3);
    for (let k = 0; k < picks; k++) {
      const rank = 1 + prng.int(5);
      if (prng.next() < 0.3) choices.push({ rank, organizationId: `o${prng.int(orgCount)}` });
      else choices.push({ rank, volunteerId: `v${prng.int(volunteers)}` });
    }
    const student: AllocationStudent = { id: `s${String(i).padStart(2, '0')}`, choices };
    if (prng.next() < 0.3) {
      const startsAt = DAY + prng.int(6) * 30 * MINUTE;
      student.unavailable = [{ startsAt, endsAt: startsAt + 60 * MINUTE }];
    }
    students.push(student);
  }
  return { slots, organizations, students, maxInterviewsPerStudent: 2, rankCount: 5 };
}

interface Oracle {
  profile: number[];
  worstRegret: number;
  atWorst: number;
  objective: number;
}

/** The rules of types.ts as a MILP, solved level by level; `metMinimums` are kept as constraints. */
function milpOptimum(highs: Highs, input: AllocationInput, metMinimums: ReadonlySet<string>): Oracle {
  const overlaps = (a: TimeInterval, b: TimeInterval) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;
  const orgOf = organizationOf(input);
  const rankCount = input.rankCount ?? 5;
  const L = input.maxInterviewsPerStudent;
  const columns: Array<{ name: string; s: number; slot: AllocationSlot; cost: number }> = [];
  input.students.forEach((student, s) => {
    const ranks = bestRanks(input, student);
    input.slots.forEach((slot, k) => {
      const rank = ranks.get(slot.volunteerId);
      if (rank === undefined || slot.capacity === 0 || (student.unavailable ?? []).some((u) => overlaps(u, slot))) return;
      columns.push({ name: `x_${s}_${k}`, s, slot, cost: rank - 1 });
    });
  });
  const rows: string[] = [];
  const sum = (terms: string[]) => (terms.length ? terms.join(' + ') : '0 x_none');
  input.slots.forEach((slot, k) => {
    const here = columns.filter((c) => c.slot === slot).map((c) => c.name);
    if (here.length) rows.push(`cap_${k}: ${sum(here)} <= ${slot.capacity}`);
  });
  const best = input.students.map((student) => bestCosts(input, student));
  input.students.forEach((student, s) => {
    const mine = columns.filter((c) => c.s === s);
    const limit = Math.min(L, student.maxInterviews ?? L);
    // u_s_j: "s has at least j new interviews", so the regret's baseline is sum_j c_j u_s_j.
    const us = Array.from({ length: L }, (_, j) => `u_${s}_${j + 1}`);
    rows.push(`count_${s}: ${sum(mine.map((c) => c.name))} - ${us.join(' - ')} = 0`);
    for (let j = 1; j < L; j++) rows.push(`order_${s}_${j}: ${us[j]} - ${us[j - 1]} <= 0`);
    rows.push(`limit_${s}: ${us.join(' + ')} <= ${limit}`);
    for (let j = best[s].length; j < L; j++) rows.push(`noroom_${s}_${j}: ${us[j]} = 0`);
    for (const org of new Set(mine.map((c) => orgOf(c.slot.volunteerId)))) {
      const terms = mine.filter((c) => orgOf(c.slot.volunteerId) === org).map((c) => c.name);
      if (terms.length > 1) rows.push(`org_${s}_${org.replace(/\W/g, '_')}: ${sum(terms)} <= 1`);
    }
    // Interval cliques: at every slot start, at most one interview covering it.
    for (const t of new Set(mine.map((c) => c.slot.startsAt))) {
      const terms = mine.filter((c) => c.slot.startsAt <= t && t < c.slot.endsAt).map((c) => c.name);
      if (terms.length > 1) rows.push(`time_${s}_${t}: ${sum(terms)} <= 1`);
    }
    const regret = linear([...mine.map((c): [number, string] => [c.cost, c.name]), ...us.map((u, j): [number, string] => [-(best[s][j] ?? 0), u])]);
    rows.push(`regret_${s}: ${regret} - R <= 0`);
    // w_s = 1 when s's regret reaches the worst bound W (WM1 = W - 1, set per phase below).
    rows.push(`atworst_${s}: ${regret} - ${2 * rankCount * L} w_${s} <= WM1`);
  });
  for (const org of input.organizations ?? []) {
    const terms = columns.filter((c) => orgOf(c.slot.volunteerId) === `org:${org.id}`).map((c) => c.name);
    if (org.maxInterviews !== undefined) rows.push(`omax_${org.id}: ${sum(terms)} <= ${org.maxInterviews - (org.bookedInterviews ?? 0)}`);
    if (org.minInterviews && metMinimums.has(`organization/${org.id}`)) rows.push(`omin_${org.id}: ${sum(terms)} >= ${org.minInterviews - (org.bookedInterviews ?? 0)}`);
  }
  const binaries = [...columns.map((c) => c.name), ...input.students.flatMap((_, s) => [...Array.from({ length: L }, (_, j) => `u_${s}_${j + 1}`), `w_${s}`])];

  const solve = (sense: 'Maximize' | 'Minimize', objective: string, extra: string[], wm1: number): number => {
    const body = rows.map((r) => r.replace('WM1', String(wm1)));
    const lp = [sense, ` obj: ${objective}`, 'Subject To', ...body.map((r) => ` ${r}`), ...extra.map((r) => ` ${r}`), 'Bounds', ' 0 <= R <= 1000', ' x_none = 0', 'Binaries', ` ${binaries.join(' ')}`, 'Generals', ' R', 'End'].join('\n');
    const result = highs.solve(lp, { output_flag: false, mip_rel_gap: 0 });
    if (result.Status !== 'Optimal') throw new Error(`MILP: ${result.Status}`);
    return Math.round(result.ObjectiveValue);
  };

  // Level k counts students with at least k interviews; no fixed bookings here.
  const fixed: string[] = [];
  const profile: number[] = [];
  for (let k = 1; k <= L; k++) {
    const level = input.students.map((_, s) => `u_${s}_${k}`).join(' + ');
    const best = solve('Maximize', level, fixed, 1000);
    profile.push(best);
    fixed.push(`level_${k}: ${level} >= ${best}`);
  }
  const worstRegret = solve('Minimize', 'R', fixed, 1000);
  fixed.push(`worst: R <= ${worstRegret}`);
  const ws = input.students.map((_, s) => `w_${s}`).join(' + ');
  const atWorst = worstRegret === 0 ? 0 : solve('Minimize', ws, fixed, worstRegret - 1);
  if (worstRegret > 0) fixed.push(`atworst: ${ws} <= ${atWorst}`);
  const score = columns.map((c) => `${rankCount - c.cost} ${c.name}`).join(' + ');
  const objective = solve('Maximize', score, fixed, worstRegret === 0 ? 1000 : worstRegret - 1);
  return { profile, worstRegret, atWorst, objective };
}

/** `a x + b y - c z` in LP format. */
function linear(terms: Array<[number, string]>): string {
  if (terms.length === 0) return '0 x_none';
  return terms.map(([c, name], i) => (i === 0 ? `${c} ${name}` : c < 0 ? `- ${-c} ${name}` : `+ ${c} ${name}`)).join(' ');
}

function metOf(result: AllocationResult): Set<string> {
  return new Set(result.loads.filter((l) => l.status === 'met').map((l) => `${l.kind}/${l.id}`));
}

describe('solveAllocation against an exact MILP (HiGHS)', () => {
  let highs: Highs;
  const cases = Array.from({ length: 30 }, (_, i) => {
    const input = oracleInstance(i);
    return { seed: i, input, result: solveAllocation(input, { seed: i }) };
  });

  beforeAll(async () => {
    highs = await highsLoader();
  });

  it('reaches the MILP leximin profile and least worst regret, and a total within 1 % at it', () => {
    const rows = cases.map(({ seed, input, result }) => {
      expect({ seed, problems: findViolations(input, result) }).toEqual({ seed, problems: [] });
      const oracle = milpOptimum(highs, input, metOf(result));
      return { seed, ours: result.stats, oracle, profile: result.leximin.map((l) => l.students) };
    });
    for (const r of rows) {
      expect({ seed: r.seed, profile: r.profile }).toEqual({ seed: r.seed, profile: r.oracle.profile });
      expect({ seed: r.seed, worst: r.ours.worstRegret }).toEqual({ seed: r.seed, worst: r.oracle.worstRegret });
      // A proof of the worst regret must never claim less than the MILP's minimum.
      expect(r.ours.regretLowerBound).toBeLessThanOrEqual(r.oracle.worstRegret);
      expect({ seed: r.seed, within1pct: r.ours.objective >= 0.99 * r.oracle.objective }).toEqual({ seed: r.seed, within1pct: true });
    }
    // The instances must exercise the rules: some with a positive worst regret, some with minimums.
    expect(rows.filter((r) => r.oracle.worstRegret > 0).length).toBeGreaterThanOrEqual(10);
    expect(cases.filter((c) => c.result.loads.length > 0).length).toBeGreaterThanOrEqual(10);
  });
});
