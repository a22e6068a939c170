import { buildModel } from './model';
import { createPrng, shuffledIndices } from './prng';
import { solveRelaxation } from './relaxation';
import { Schedule } from './schedule';
import type {
  AllocationAssignment,
  AllocationInput,
  AllocationResult,
  LeximinLevel,
  SolveOptions,
  UnplacedReason,
  UnplacedStudent,
} from './types';

export const ALLOCATION_ALGORITHM = 'fairgrid-leximin-flow/1';

/**
 * Allocates students to slots (issue 3). Synchronous and pure: no I/O, no clock, no
 * Math.random; the same input (in any order) and seed give the same bytes. Run it in a worker
 * thread (`solver.worker.ts`) when it may take longer than an event-loop turn should.
 *
 * 1. Relaxation (`relaxation.ts`): exact leximin + rank-cost min-cost flow, letting only a
 *    student's own new interviews overlap; it also yields the bounds.
 * 2. Repair (`schedule.ts`): re-time overlapping interviews inside their volunteer, drop only
 *    what cannot be re-timed, then refill freed room level by level.
 * 3. Statistics, reasons, and the bound read off the relaxation's cost curve.
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

  const model = buildModel(input);
  const lottery = shuffledIndices(model.studentIds.length, createPrng(seed));
  progress(5);
  const relaxation = solveRelaxation(model, lottery, (fraction) => progress(5 + 80 * fraction));
  const schedule = new Schedule(model, relaxation.slotsOf);
  schedule.repairOverlaps(lottery);
  progress(90);
  schedule.refill(lottery);
  progress(95);

  const n = model.studentIds.length;
  const assignments: AllocationAssignment[] = [];
  const unplaced: UnplacedStudent[] = [];
  const choiceHistogram = new Array<number>(model.rankCount).fill(0);
  const levelCounts = new Array<number>(model.limit).fill(0);
  let objective = 0;
  let studentsWithPreferences = 0;
  let studentsPlaced = 0;
  for (let s = 0; s < n; s++) {
    const slots = schedule.slotsOf[s].slice().sort((a, b) => model.slotTimeClass[a] - model.slotTimeClass[b] || a - b);
    const total = Math.min(model.limit, model.fixedCount[s] + slots.length);
    for (let k = 0; k < total; k++) levelCounts[k]++;
    if (!model.hasPreferences[s]) continue;
    studentsWithPreferences++;
    if (slots.length > 0) studentsPlaced++;
    else unplaced.push({ studentId: model.studentIds[s], reason: reasonFor(s) });
    for (const x of slots) {
      const v = model.slotVolunteer[x];
      const rank = schedule.rankOf(s, v);
      choiceHistogram[rank - 1]++;
      objective += model.rankCount + 1 - rank;
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
  progress(100);
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
    },
    leximin,
  };

  function reasonFor(s: number): UnplacedReason {
    if (model.fixedCount[s] >= model.limit) return 'limit-reached';
    if (!model.choiceHasRoom[s]) return 'no-available-choice';
    if (!relaxation.attendable[s]) return 'conflicts';
    return 'capacity';
  }
}
