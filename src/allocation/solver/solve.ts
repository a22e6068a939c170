import type { AllocationModel } from './model';
import { bestTotalCost, buildModel } from './model';
import { createPrng, shuffledIndices } from './prng';
import type { RelaxationResult } from './relaxation';
import { solveRelaxation } from './relaxation';
import { reduceCost, reduceCostByChains, reduceCostByTransfers } from './cost-moves';
import { reduceRegret } from './regret-moves';
import { Schedule, SearchBudget } from './schedule';
import type {
  AllocationAssignment,
  AllocationInput,
  AllocationResult,
  LeximinLevel,
  LoadReport,
  SolveOptions,
  StudentRegret,
  UnplacedReason,
  UnplacedStudent,
} from './types';

export const ALLOCATION_ALGORITHM = 'fairgrid-leximin-regret-flow/2';

/** (slot, chooser) pairs the regret phase's full searches may visit per solve (see SearchBudget). */
const SEARCH_BUDGET = 40_000_000;

/**
 * Allocates students to slots (issues 3 and 14). Synchronous and pure: no I/O, no clock, no
 * Math.random; the same input (in any order) and seed give the same bytes. Run it in a worker
 * thread (`solver.worker.ts`) when it may take longer than an event-loop turn should.
 *
 * The objective, in order: (1) leximin over interview counts; minimums of organizations and
 * volunteers, met in full or released; (2) the worst regret, then how many students have it;
 * (3) the total rank cost; (4) the seeded lottery.
 *
 * 1. Relaxation (`relaxation.ts`): exact leximin + rank-cost min-cost flow, letting only a
 *    student's own new interviews overlap; it also yields the bounds.
 * 2. Repair (`schedule.ts`): re-time overlapping interviews inside their volunteer, drop only
 *    what cannot be re-timed, then refill freed room level by level.
 * 3. Regret: a lower bound from first-interview matchings, then moves that lower the worst.
 * 4. A minimum left unmet is released and everything is solved again without it.
 * 5. Statistics, reasons, and the bound read off the relaxation's cost curve.
 */
export function solveAllocation(input: AllocationInput, options: SolveOptions): AllocationResult {
  const seed = String(options.seed);
  let reported = -1;
  const progress = (percent: number): void => {
    const p = Math.max(reported, Math.min(100, Math.floor(percent)));
    if (p > reported) {
      reported = p;
      options.onProgress?.(p);
    }
  };
  progress(0);

  const released = new Set<string>();
  for (;;) {
    const model = buildModel(input, released);
    const budget = new SearchBudget(SEARCH_BUDGET);
    const lottery = shuffledIndices(model.studentIds.length, createPrng(seed));
    progress(5);
    const relaxation = solveRelaxation(model, lottery, (fraction) => progress(5 + 50 * fraction));
    let schedule = place(model, lottery, relaxation.slotsOf, budget);
    progress(65);
    // The bound is searched only below what the schedule already achieves (each probe is a
    // level-1 flow over the whole instance, so fewer probes also mean less peak memory).
    const regretLowerBound = regretBound(model, lottery, schedule, regretProfile(model, schedule).worst);
    reduceRegret(schedule, lottery, regretLowerBound);
    progress(75);
    // Then aim the flow itself at a smaller worst regret, one step at a time, keeping a step
    // only when it lowers (worst regret, students at it) at the same fairness profile.
    // Two ways to measure "far from their best": from the best choice (exact when students get
    // one interview each), or from the k-th best for students who may get k.
    for (let step = 0; step < 3; step++) {
      const current = regretProfile(model, schedule);
      if (current.worst <= regretLowerBound) break;
      let improved = false;
      for (const regretBase of ['first', 'last'] as const) {
        const aimed = solveRelaxation(model, lottery, () => undefined, { regretTarget: current.worst - 1, regretBase });
        const candidate = place(model, lottery, aimed.slotsOf, budget);
        reduceRegret(candidate, lottery, regretLowerBound);
        const next = regretProfile(model, candidate);
        const sameLevels = next.levels.every((n, k) => n === current.levels[k]);
        if (sameLevels && (next.worst < current.worst || (next.worst === current.worst && next.atWorst < current.atWorst))) {
          schedule = candidate;
          improved = true;
          break;
        }
      }
      if (!improved) break;
    }
    progress(90);
    reduceCost(schedule, lottery);
    const worst = regretProfile(model, schedule).worst;
    reduceCostByChains(schedule, lottery, worst);
    reduceCostByTransfers(schedule, lottery, worst);
    reduceCostByChains(schedule, lottery, worst);
    progress(95);

    const unmet = unmetMinimums(model, schedule);
    if (unmet.length > 0) {
      for (const key of unmet) released.add(key);
      continue;
    }
    const result = summarize(model, relaxation, schedule, seed, regretLowerBound);
    result.loads = loadReport(input, model, schedule);
    progress(100);
    return result;
  }
}

/** The concrete schedule from a relaxation: repair own overlaps, refill freed room. */
function place(model: AllocationModel, lottery: Int32Array, slotsOf: number[][], budget: SearchBudget): Schedule {
  const schedule = new Schedule(model, slotsOf, budget);
  schedule.repairOverlaps(lottery);
  schedule.refill(lottery);
  return schedule;
}

/** Students per interview count (the leximin profile), the worst regret and how many have it. */
function regretProfile(model: AllocationModel, schedule: Schedule): { levels: number[]; worst: number; atWorst: number } {
  const levels = new Array<number>(model.limit).fill(0);
  let worst = 0;
  let atWorst = 0;
  for (let s = 0; s < model.studentIds.length; s++) {
    const count = Math.min(model.limit, model.fixedCount[s] + schedule.slotsOf[s].length);
    for (let k = 0; k < count; k++) levels[k]++;
    if (schedule.slotsOf[s].length === 0) continue;
    const r = schedule.regretOf(s);
    if (r > worst) {
      worst = r;
      atWorst = 0;
    }
    if (r === worst) atWorst++;
  }
  return { levels, worst, atWorst };
}

/**
 * The least worst regret any allocation with this fairness profile can have, or less: a placed
 * student without bookings holds one interview within their regret of their best attendable
 * choice, so at a worst regret R the first-interview matching restricted to such choices must
 * still place as many of them as we do. Binary search over R with level-1 flows.
 */
function regretBound(model: AllocationModel, lottery: Int32Array, schedule: Schedule, achieved: number): number {
  let placed = 0;
  for (let s = 0; s < model.studentIds.length; s++) if (model.fixedCount[s] === 0 && schedule.slotsOf[s].length > 0) placed++;
  let lo = 0;
  let hi = Math.min(achieved, model.rankCount - 1);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const restricted = solveRelaxation(model, lottery, () => undefined, { firstLevelFreshOnly: true, maxExcess: mid });
    let reached = 0;
    for (const slots of restricted.slotsOf) if (slots.length > 0) reached++;
    if (reached >= placed) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function unmetMinimums(model: AllocationModel, schedule: Schedule): string[] {
  const unmet: string[] = [];
  model.volunteerIds.forEach((id, v) => {
    if (schedule.volunteerLoad[v] < model.volunteerMin[v]) unmet.push(`volunteer:${id}`);
  });
  model.orgIds.forEach((id, o) => {
    if (schedule.orgLoad[o] < model.orgMin[o]) unmet.push(`organization:${id}`);
  });
  return unmet;
}

function loadReport(input: AllocationInput, model: AllocationModel, schedule: Schedule): LoadReport[] {
  const report: LoadReport[] = [];
  const orgIndex = new Map(model.orgIds.map((id, o) => [id, o]));
  const volunteerIndex = new Map(model.volunteerIds.map((id, v) => [id, v]));
  const line = (kind: LoadReport['kind'], id: string, b: { minInterviews?: number; maxInterviews?: number; bookedInterviews?: number }, load: number) => {
    if (!b.minInterviews) return;
    const interviews = (b.bookedInterviews ?? 0) + load;
    report.push({
      kind,
      id,
      minInterviews: b.minInterviews,
      maxInterviews: b.maxInterviews ?? null,
      interviews,
      status: interviews >= b.minInterviews ? 'met' : 'released',
    });
  };
  for (const org of input.organizations ?? []) {
    const o = orgIndex.get(org.id);
    line('organization', org.id, org, o === undefined ? 0 : schedule.orgLoad[o]);
  }
  for (const load of input.volunteerLoads ?? []) {
    const v = volunteerIndex.get(load.volunteerId);
    line('volunteer', load.volunteerId, load, v === undefined ? 0 : schedule.volunteerLoad[v]);
  }
  const byId = (a: LoadReport, b: LoadReport) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return report.sort(byId);
}

function summarize(
  model: AllocationModel,
  relaxation: RelaxationResult,
  schedule: Schedule,
  seed: string,
  regretLowerBound: number,
): AllocationResult {
  const n = model.studentIds.length;
  const assignments: AllocationAssignment[] = [];
  const unplaced: UnplacedStudent[] = [];
  const regrets: StudentRegret[] = [];
  const choiceHistogram = new Array<number>(model.rankCount).fill(0);
  const levelCounts = new Array<number>(model.limit).fill(0);
  let objective = 0;
  let studentsWithPreferences = 0;
  let studentsPlaced = 0;
  let worstRegret = 0;
  let studentsAtWorstRegret = 0;
  for (let s = 0; s < n; s++) {
    const slots = schedule.slotsOf[s].slice().sort((a, b) => model.slotTimeClass[a] - model.slotTimeClass[b] || a - b);
    const total = Math.min(model.limit, model.fixedCount[s] + slots.length);
    for (let k = 0; k < total; k++) levelCounts[k]++;
    if (!model.hasPreferences[s]) continue;
    studentsWithPreferences++;
    if (slots.length > 0) studentsPlaced++;
    else unplaced.push({ studentId: model.studentIds[s], reason: reasonFor(s) });
    let cost = 0;
    for (const x of slots) {
      const v = model.slotVolunteer[x];
      const rank = schedule.rankOf(s, v);
      choiceHistogram[rank - 1]++;
      objective += model.rankCount + 1 - rank;
      cost += rank - 1;
      const t = model.slotTimeClass[x];
      assignments.push({
        studentId: model.studentIds[s],
        slotId: model.slotIds[x],
        volunteerId: model.volunteerIds[v],
        rank,
        startsAt: model.timeClassStart[t],
        endsAt: model.timeClassEnd[t],
      });
    }
    if (slots.length === 0) continue;
    const regret = cost - bestTotalCost(model, s, slots.length);
    if (regret > 0) regrets.push({ studentId: model.studentIds[s], regret });
    if (regret > worstRegret) {
      worstRegret = regret;
      studentsAtWorstRegret = 0;
    }
    if (regret === worstRegret) studentsAtWorstRegret++;
  }
  const interviewsPlaced = assignments.length;
  // A valid bound for allocations with our fairness profile: for two levels the profile is fixed
  // by (first level, total), and the relaxation's first level is ours. See types.ts.
  const curveCost = relaxation.costCurve[Math.min(interviewsPlaced, relaxation.costCurve.length - 1)];
  const upperBound = model.rankCount * interviewsPlaced - curveCost;
  const gapPercent = upperBound === 0 ? 0 : Math.round((100_000 * (upperBound - objective)) / upperBound) / 1000;
  const leximin: LeximinLevel[] = levelCounts.map((students, k) => ({
    interviews: k + 1,
    students,
    upperBound: relaxation.levelUpperBound[k] ?? 0,
  }));
  return {
    algorithm: ALLOCATION_ALGORITHM,
    seed,
    assignments,
    unplaced,
    stats: {
      studentsWithPreferences,
      studentsPlaced,
      interviewsPlaced,
      choiceHistogram,
      objective,
      upperBound,
      gapPercent,
      worstRegret,
      studentsAtWorstRegret,
      regretLowerBound: Math.min(regretLowerBound, worstRegret),
      regretProven: worstRegret <= regretLowerBound,
    },
    leximin,
    regrets,
    loads: [],
  };

  function reasonFor(s: number): UnplacedReason {
    if (model.fixedCount[s] >= model.studentLimit[s]) return 'limit-reached';
    if (!model.choiceHasRoom[s]) return 'no-available-choice';
    if (!relaxation.attendable[s]) return 'conflicts';
    return 'capacity';
  }
}
