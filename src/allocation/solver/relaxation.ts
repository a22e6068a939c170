import { FlowNetwork, FlowNetworkBuilder } from './min-cost-flow';
import type { AllocationModel } from './model';
import { isBlocked } from './model';

/**
 * The relaxation solved exactly by min-cost flow: every constraint except that a student's own
 * new interviews may overlap each other.
 *
 *   source → student (one unit per open leximin level)
 *   student → (volunteer, availability pattern)   capacity 1, cost rank − 1
 *   (volunteer, pattern) → slot                   each slot of the volunteer the pattern allows
 *   slot → sink                                   capacity = room left
 *
 * The middle layer is what keeps memory bounded: students who chose the same volunteer and can
 * attend the same of its slots share one node, so an expertise choice costs one arc per
 * volunteer, never one per slot. Capacity 1 on the student arc means "never the same volunteer
 * twice". Levels are opened one at a time (first interviews, then second, …); a path never
 * re-enters the source, so no student ever loses a unit, which makes each level's maximum exact
 * given the ones before it (leximin), while successive shortest paths keep the rank cost minimal.
 */
export interface RelaxationResult {
  /** Slot indices per student from the flow (own overlaps possible at level ≥ 2). */
  slotsOf: number[][];
  /** Student has at least one slot it could attend, ignoring capacity. */
  attendable: Uint8Array;
  /** levelUpperBound[k - 1]: most students with ≥ k interviews (fixed included), levels before at their maximum. */
  levelUpperBound: number[];
  /** costCurve[f]: least total (rank − 1) over relaxed allocations of f new interviews, same fairness profile. */
  costCurve: number[];
}

const SOURCE = 0;
const SINK = 1;

export function solveRelaxation(
  model: AllocationModel,
  lottery: Int32Array,
  onProgress: (fraction: number) => void,
): RelaxationResult {
  const n = model.studentIds.length;
  const slotCount = model.slotIds.length;
  const { volunteerSlotStart, slotTimeClass, words, blocked, choiceStart, choiceVolunteer, choiceRank } = model;
  const studentNode = (s: number) => 2 + s;
  const slotNode = (x: number) => 2 + n + x;
  const firstPatternNode = 2 + n + slotCount;

  // (volunteer, allowed slots) nodes, keyed per volunteer by the allowed-slot bitmask.
  const patternKeys = model.volunteerIds.map(() => new Map<string, number>());
  const patternVolunteer: number[] = [];
  const patternSlots: number[][] = [];
  const choiceStudent: number[] = [];
  const choicePattern: number[] = [];
  const choiceCost: number[] = [];
  const attendable = new Uint8Array(n);
  const mask: number[] = [];

  for (let i = 0; i < n; i++) {
    const s = lottery[i];
    let free = true;
    for (let w = 0; w < words; w++) if (blocked[s * words + w] !== 0) free = false;
    for (let c = choiceStart[s]; c < choiceStart[s + 1]; c++) {
      const v = choiceVolunteer[c];
      const first = volunteerSlotStart[v];
      const last = volunteerSlotStart[v + 1];
      let key = '*';
      if (!free) {
        mask.length = 0;
        let allowed = 0;
        for (let x = first; x < last; x++) {
          const bit = x - first;
          if ((bit & 31) === 0) mask.push(0);
          if (!isBlocked(model, s, slotTimeClass[x])) {
            mask[bit >>> 5] |= 1 << (bit & 31);
            allowed++;
          }
        }
        if (allowed === 0) continue;
        if (allowed < last - first) key = mask.join(',');
      }
      let pattern = patternKeys[v].get(key);
      if (pattern === undefined) {
        pattern = patternVolunteer.length;
        patternKeys[v].set(key, pattern);
        patternVolunteer.push(v);
        const allowed: number[] = [];
        for (let x = first; x < last; x++) if (free || !isBlocked(model, s, slotTimeClass[x])) allowed.push(x);
        patternSlots.push(allowed);
      }
      attendable[s] = 1;
      choiceStudent.push(s);
      choicePattern.push(pattern);
      choiceCost.push(choiceRank[c] - 1);
    }
  }

  const builder = new FlowNetworkBuilder(firstPatternNode + patternVolunteer.length);
  const sourceArc = new Int32Array(n);
  for (let i = 0; i < n; i++) sourceArc[lottery[i]] = builder.addArc(SOURCE, studentNode(lottery[i]), 0, 0);
  const choiceArc = choiceStudent.map((s, i) => builder.addArc(studentNode(s), firstPatternNode + choicePattern[i], 1, choiceCost[i]));
  const patternArcs: number[][] = patternSlots.map((allowed, p) =>
    allowed.map((x) => builder.addArc(firstPatternNode + p, slotNode(x), model.slotCapacity[x], 0)),
  );
  for (let x = 0; x < slotCount; x++) builder.addArc(slotNode(x), SINK, model.slotCapacity[x], 0);
  const network: FlowNetwork = builder.build();
  for (let s = 0; s < n; s++) sourceArc[s] = network.arcOf(sourceArc[s]);

  const totalRoom = model.slotCapacity.reduce((a, b) => a + b, 0);
  // A student that finds no path at a level never will later (its count would raise a level
  // already at its maximum), so its source arc is closed for good.
  const closedAtLevel = new Int32Array(n);
  const levelUpperBound: number[] = [];
  const costCurve: number[] = [0];
  let flow = 0;
  let cost = 0;
  for (let level = 1; level <= model.limit; level++) {
    let opened = 0;
    for (let s = 0; s < n; s++) {
      if (attendable[s] && closedAtLevel[s] === 0 && model.fixedCount[s] < level) {
        network.cap[sourceArc[s]] += 1;
        opened++;
      }
    }
    if (opened > 0) {
      network.liftSource(SOURCE);
      network.augmentAll(SOURCE, SINK, (pathCost) => {
        flow++;
        cost += pathCost;
        costCurve.push(cost);
        if ((flow & 255) === 0) onProgress(Math.min(1, (level - 1 + flow / Math.max(1, totalRoom)) / model.limit));
      });
    }
    let reached = 0;
    for (let s = 0; s < n; s++) {
      const a = sourceArc[s];
      if (network.cap[a] > 0) {
        network.cap[a] = 0;
        closedAtLevel[s] = level;
      }
      if (model.fixedCount[s] + network.flowOn(a) >= level) reached++;
    }
    levelUpperBound.push(reached);
    onProgress(level / model.limit);
  }

  // Decompose: pair each pattern's students (lottery order) with the slot units it sends flow to.
  const slotsOf: number[][] = Array.from({ length: n }, () => []);
  const studentsOfPattern: number[][] = patternSlots.map(() => []);
  choiceArc.forEach((id, i) => {
    if (network.flowOn(network.arcOf(id)) > 0) studentsOfPattern[choicePattern[i]].push(choiceStudent[i]);
  });
  studentsOfPattern.forEach((students, p) => {
    let next = 0;
    patternArcs[p].forEach((id, j) => {
      for (let units = network.flowOn(network.arcOf(id)); units > 0; units--) slotsOf[students[next++]].push(patternSlots[p][j]);
    });
  });
  return { slotsOf, attendable, levelUpperBound, costCurve };
}
