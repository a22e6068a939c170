import type { AllocationModel } from './model';
import { bestTotalCost, buildModel, isBlocked, timeClassesOverlap } from './model';
import { createPrng, shuffledIndices } from './prng';
import type { AllocationAssignment, AllocationInput } from './types';

/**
 * What offices do today, for comparison (issue 3). Both respect every hard constraint
 * (organizations, student limits and maxima too; minimums are not theirs to meet).
 * - first come: the booking rush. Every student clicks once per interview they may hold, and
 *   all those clicks arrive in one random order, each taking the student's best free choice;
 *   a fast clicker can so hold two interviews before a slow one gets a first;
 * - random serial dictatorship: students in random order each take a whole schedule, best
 *   free choices first, up to the limit.
 */
export type BaselineName = 'first-come' | 'serial-dictatorship';

export interface BaselineSummary {
  studentsPlaced: number;
  interviewsPlaced: number;
  /** Mean rank over all interviews placed (1 = everyone got their first choice). */
  meanRank: number;
  /** Sum of (rank − 1): the total cost the solver's third rule minimises. */
  totalCost: number;
  /** Largest regret of a student (see types.ts), when the input is given. */
  worstRegret?: number;
  studentsAtWorstRegret?: number;
}

export function runBaseline(input: AllocationInput, name: BaselineName, seed: string | number): AllocationAssignment[] {
  const model = buildModel(input);
  const prng = createPrng(`${name}/${seed}`);
  const n = model.studentIds.length;
  const room = Int32Array.from(model.slotCapacity);
  const volunteerRoom = Int32Array.from(model.volunteerMax);
  const orgRoom = Int32Array.from(model.orgMax);
  const slotsOf: number[][] = Array.from({ length: n }, () => []);
  const rankOfSlot: number[][] = Array.from({ length: n }, () => []);

  const takeBest = (s: number): boolean => {
    if (model.fixedCount[s] + slotsOf[s].length >= model.studentLimit[s]) return false;
    for (let c = model.choiceStart[s]; c < model.choiceStart[s + 1]; c++) {
      const v = model.choiceVolunteer[c];
      const o = model.volunteerOrg[v];
      if (volunteerRoom[v] <= 0 || orgRoom[o] <= 0) continue;
      const x = firstFreeSlot(model, room, slotsOf[s], s, v);
      if (x >= 0) {
        room[x]--;
        volunteerRoom[v]--;
        orgRoom[o]--;
        slotsOf[s].push(x);
        rankOfSlot[s].push(model.choiceRank[c]);
        return true;
      }
    }
    return false;
  };

  if (name === 'first-come') {
    shuffledIndices(n * model.limit, prng).forEach((click) => takeBest(click % n));
  } else {
    shuffledIndices(n, prng).forEach((s) => {
      while (takeBest(s));
    });
  }

  const out: AllocationAssignment[] = [];
  slotsOf.forEach((slots, s) =>
    slots.forEach((x, i) => {
      const t = model.slotTimeClass[x];
      out.push({
        studentId: model.studentIds[s],
        slotId: model.slotIds[x],
        volunteerId: model.volunteerIds[model.slotVolunteer[x]],
        rank: rankOfSlot[s][i],
        startsAt: model.timeClassStart[t],
        endsAt: model.timeClassEnd[t],
      });
    }),
  );
  return out;
}

function firstFreeSlot(model: AllocationModel, room: Int32Array, mine: number[], s: number, v: number): number {
  const org = model.volunteerOrg[v];
  for (const y of mine) if (model.volunteerOrg[model.slotVolunteer[y]] === org) return -1;
  for (let x = model.volunteerSlotStart[v]; x < model.volunteerSlotStart[v + 1]; x++) {
    const t = model.slotTimeClass[x];
    if (room[x] === 0 || isBlocked(model, s, t)) continue;
    if (mine.some((y) => timeClassesOverlap(model, t, model.slotTimeClass[y]))) continue;
    return x;
  }
  return -1;
}

export function summarize(assignments: readonly AllocationAssignment[], input?: AllocationInput): BaselineSummary {
  const students = new Set(assignments.map((a) => a.studentId));
  const rankSum = assignments.reduce((sum, a) => sum + a.rank, 0);
  const summary: BaselineSummary = {
    studentsPlaced: students.size,
    interviewsPlaced: assignments.length,
    meanRank: assignments.length === 0 ? 0 : rankSum / assignments.length,
    totalCost: rankSum - assignments.length,
  };
  if (!input) return summary;
  // The same regret as the solver's, from its model: cost minus the k best attendable organizations.
  const model = buildModel(input);
  const index = new Map(model.studentIds.map((id, s) => [id, s]));
  const cost = new Map<string, { cost: number; count: number }>();
  for (const a of assignments) {
    const c = cost.get(a.studentId) ?? { cost: 0, count: 0 };
    c.cost += a.rank - 1;
    c.count++;
    cost.set(a.studentId, c);
  }
  let worst = 0;
  let atWorst = 0;
  for (const [id, c] of cost) {
    const r = c.cost - bestTotalCost(model, index.get(id)!, c.count);
    if (r > worst) {
      worst = r;
      atWorst = 0;
    }
    if (r === worst) atWorst++;
  }
  return { ...summary, worstRegret: worst, studentsAtWorstRegret: atWorst };
}
