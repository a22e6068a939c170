import type { AllocationModel } from './model';
import { buildModel, isBlocked, timeClassesOverlap } from './model';
import { createPrng, shuffledIndices } from './prng';
import type { AllocationAssignment, AllocationInput } from './types';

/**
 * What offices do today, for comparison (issue 3). Both respect every hard constraint.
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
}

export function runBaseline(input: AllocationInput, name: BaselineName, seed: string | number): AllocationAssignment[] {
  const model = buildModel(input);
  const prng = createPrng(`${name}/${seed}`);
  const n = model.studentIds.length;
  const room = Int32Array.from(model.slotCapacity);
  const slotsOf: number[][] = Array.from({ length: n }, () => []);
  const rankOfSlot: number[][] = Array.from({ length: n }, () => []);

  const takeBest = (s: number): boolean => {
    if (model.fixedCount[s] + slotsOf[s].length >= model.limit) return false;
    for (let c = model.choiceStart[s]; c < model.choiceStart[s + 1]; c++) {
      const x = firstFreeSlot(model, room, slotsOf[s], s, model.choiceVolunteer[c]);
      if (x >= 0) {
        room[x]--;
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
  for (const y of mine) if (model.slotVolunteer[y] === v) return -1;
  for (let x = model.volunteerSlotStart[v]; x < model.volunteerSlotStart[v + 1]; x++) {
    const t = model.slotTimeClass[x];
    if (room[x] === 0 || isBlocked(model, s, t)) continue;
    if (mine.some((y) => timeClassesOverlap(model, t, model.slotTimeClass[y]))) continue;
    return x;
  }
  return -1;
}

export function summarize(assignments: readonly AllocationAssignment[]): BaselineSummary {
  const students = new Set(assignments.map((a) => a.studentId));
  const rankSum = assignments.reduce((sum, a) => sum + a.rank, 0);
  return {
    studentsPlaced: students.size,
    interviewsPlaced: assignments.length,
    meanRank: assignments.length === 0 ? 0 : rankSum / assignments.length,
  };
}
