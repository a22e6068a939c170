import { FlowNetwork, FlowNetworkBuilder } from './min-cost-flow';
import type { AllocationModel } from './model';
import { isBlocked, NO_LIMIT } from './model';

/**
 * The relaxation solved exactly by min-cost flow: every constraint except that a student's own
 * new interviews may overlap each other.
 *
 *   source → student (one unit per open leximin level)
 *   student → (organization, availability pattern)    capacity 1, cost rank − 1
 *     or, when the student ranks an organization's volunteers differently,
 *   student → gate(student, organization) → (organization, pattern) per rank
 *   (organization, pattern) → slot                    each slot of the organization the pattern allows
 *   slot → volunteer → organization → sink            capacities = room left and the loads' maxima
 *
 * The pattern layer keeps memory bounded: students who chose the same volunteers of an
 * organization and can attend the same of its slots share one node, so a tag or organization
 * choice costs one arc per organization, never one per slot. Capacity 1 into an organization
 * means "at most one interview per organization". Levels are opened one at a time (first
 * interviews, then second, …); a path never re-enters the source, so no student ever loses a
 * unit, which makes each level's maximum exact given the ones before it (leximin), while
 * successive shortest paths keep the cost minimal.
 *
 * Minimums: the first `min` units through a volunteer or organization earn a bonus (a negative
 * cost larger than any rank cost a path can carry), so among the flows that keep every leximin
 * level at its maximum, those meeting more minimums come first; ranks only break ties after.
 */
export interface RelaxationResult {
  /** Slot indices per student from the flow (own overlaps possible at level ≥ 2). */
  slotsOf: number[][];
  /** Student has at least one slot it could attend, ignoring capacity. */
  attendable: Uint8Array;
  /** levelUpperBound[k - 1]: most students with ≥ k interviews (fixed included), levels before at their maximum. */
  levelUpperBound: number[];
  /**
   * costCurve[f]: least total (rank − 1) over relaxed allocations of f new interviews, same
   * fairness profile (and, with minimums, meeting as many of them as the relaxation can).
   */
  costCurve: number[];
}

export interface RelaxationOptions {
  /** Open level 1 only, and only for students without fixed bookings (the regret bound). */
  firstLevelFreshOnly?: boolean;
  /** Leave out choices whose cost exceeds the student's best attendable cost by more than this. */
  maxExcess?: number;
  /**
   * Penalise (instead of leaving out) choices whose cost exceeds the student's best attendable
   * cost by more than this, with a weight above any sum of rank costs: among the flows that
   * keep the leximin levels (and minimums), the fewest interviews far from a student's best.
   * The cost curve is then not a bound; the caller reads bounds off a plain solve.
   */
  regretTarget?: number;
  /** Measure that excess from the student's best (default) or from their k-th best, k their limit. */
  regretBase?: 'first' | 'last';
}

const SOURCE = 0;
const SINK = 1;

export function solveRelaxation(
  model: AllocationModel,
  lottery: Int32Array,
  onProgress: (fraction: number) => void,
  options: RelaxationOptions = {},
): RelaxationResult {
  const n = model.studentIds.length;
  const slotCount = model.slotIds.length;
  const volunteerCount = model.volunteerIds.length;
  const orgCount = model.orgIds.length;
  const { orgSlotStart, slotTimeClass, slotVolunteer, words, blocked, choiceStart, choiceVolunteer, choiceRank, volunteerOrg } = model;
  const studentNode = (s: number) => 2 + s;
  const slotNode = (x: number) => 2 + n + x;
  const volunteerNode = (v: number) => 2 + n + slotCount + v;
  const orgNode = (o: number) => 2 + n + slotCount + volunteerCount + o;
  const firstPatternNode = 2 + n + slotCount + volunteerCount + orgCount;

  // (organization, allowed slots) nodes, keyed per organization by the allowed-slot bitmask.
  const patternKeys = model.orgIds.map(() => new Map<string, number>());
  const patternSlots: number[][] = [];
  // Arcs out of a student: to a pattern (gate −1) or from a gate to a pattern.
  const arcStudent: number[] = [];
  const arcGate: number[] = [];
  const arcPattern: number[] = [];
  const arcCost: number[] = [];
  const arcPenalised: number[] = [];
  let gates = 0;
  const attendable = new Uint8Array(n);
  const mask: number[] = [];
  const chosen = new Uint8Array(volunteerCount);

  const patternFor = (s: number, o: number, volunteers: number[], free: boolean): number => {
    const first = orgSlotStart[o];
    const last = orgSlotStart[o + 1];
    for (const v of volunteers) chosen[v] = 1;
    mask.length = 0;
    let allowed = 0;
    for (let x = first; x < last; x++) {
      const bit = x - first;
      if ((bit & 31) === 0) mask.push(0);
      if (chosen[slotVolunteer[x]] && (free || !isBlocked(model, s, slotTimeClass[x]))) {
        mask[bit >>> 5] |= 1 << (bit & 31);
        allowed++;
      }
    }
    for (const v of volunteers) chosen[v] = 0;
    if (allowed === 0) return -1;
    const key = allowed === last - first ? '*' : mask.join(',');
    let pattern = patternKeys[o].get(key);
    if (pattern === undefined) {
      pattern = patternSlots.length;
      patternKeys[o].set(key, pattern);
      const slots: number[] = [];
      for (let x = first; x < last; x++) if (mask[(x - first) >>> 5] & (1 << ((x - first) & 31))) slots.push(x);
      patternSlots.push(slots);
    }
    return pattern;
  };

  // Choices come by (rank, volunteer index); group them by organization, then by rank.
  const byOrg = new Map<number, Map<number, number[]>>();
  for (let i = 0; i < n; i++) {
    const s = lottery[i];
    let free = true;
    for (let w = 0; w < words; w++) if (blocked[s * words + w] !== 0) free = false;
    const best = model.bestCost[model.bestCostStart[s]] ?? 0;
    const k = Math.min(model.studentLimit[s] - model.fixedCount[s], model.bestCostStart[s + 1] - model.bestCostStart[s]);
    const base = options.regretBase === 'last' && k > 0 ? model.bestCost[model.bestCostStart[s] + k - 1] : best;
    byOrg.clear();
    for (let c = choiceStart[s]; c < choiceStart[s + 1]; c++) {
      if (options.maxExcess !== undefined && choiceRank[c] - 1 - best > options.maxExcess) continue;
      const o = volunteerOrg[choiceVolunteer[c]];
      let ranks = byOrg.get(o);
      if (!ranks) byOrg.set(o, (ranks = new Map()));
      const list = ranks.get(choiceRank[c]);
      if (list) list.push(choiceVolunteer[c]);
      else ranks.set(choiceRank[c], [choiceVolunteer[c]]);
    }
    for (const [o, ranks] of byOrg) {
      const entries: Array<[number, number]> = [];
      for (const [rank, volunteers] of ranks) {
        const p = patternFor(s, o, volunteers, free);
        if (p >= 0) entries.push([rank, p]);
      }
      if (entries.length === 0) continue;
      attendable[s] = 1;
      const gate = entries.length > 1 ? gates++ : -1;
      for (const [rank, p] of entries) {
        arcStudent.push(s);
        arcGate.push(gate);
        arcPattern.push(p);
        arcCost.push(rank - 1);
        arcPenalised.push(options.regretTarget !== undefined && rank - 1 - base > options.regretTarget ? 1 : 0);
      }
    }
  }

  const firstGateNode = firstPatternNode + patternSlots.length;
  const nodeCount = firstGateNode + gates;
  // Larger than any sum of rank costs (and penalties) along a path, so one more minimum unit always wins.
  const penalty = options.regretTarget !== undefined ? 2 * model.rankCount * nodeCount + 1 : 0;
  const bonus = 2 * (model.rankCount + penalty) * nodeCount + 1;
  const builder = new FlowNetworkBuilder(nodeCount);
  const sourceArc = new Int32Array(n);
  for (let i = 0; i < n; i++) sourceArc[lottery[i]] = builder.addArc(SOURCE, studentNode(lottery[i]), 0, 0);
  const choiceArc: number[] = [];
  let lastGate = -1;
  arcStudent.forEach((s, i) => {
    const g = arcGate[i];
    if (g >= 0 && g !== lastGate) {
      builder.addArc(studentNode(s), firstGateNode + g, 1, 0);
      lastGate = g;
    }
    const from = g >= 0 ? firstGateNode + g : studentNode(s);
    choiceArc.push(builder.addArc(from, firstPatternNode + arcPattern[i], 1, arcCost[i] + penalty * arcPenalised[i]));
  });
  const patternArcs: number[][] = patternSlots.map((allowed, p) =>
    allowed.map((x) => builder.addArc(firstPatternNode + p, slotNode(x), model.slotCapacity[x], 0)),
  );
  for (let x = 0; x < slotCount; x++) builder.addArc(slotNode(x), volunteerNode(slotVolunteer[x]), model.slotCapacity[x], 0);
  const bounded = (from: number, to: number, min: number, max: number): void => {
    if (min > 0) builder.addArc(from, to, min, -bonus);
    if (max - min > 0) builder.addArc(from, to, max >= NO_LIMIT ? NO_LIMIT : max - min, 0);
  };
  for (let v = 0; v < volunteerCount; v++) bounded(volunteerNode(v), orgNode(volunteerOrg[v]), model.volunteerMin[v], model.volunteerMax[v]);
  for (let o = 0; o < orgCount; o++) bounded(orgNode(o), SINK, model.orgMin[o], model.orgMax[o]);
  const network: FlowNetwork = builder.build();
  for (let s = 0; s < n; s++) sourceArc[s] = network.arcOf(sourceArc[s]);

  // Potentials that make every arc's reduced cost non-negative before any flow: only the
  // bonus arcs are negative, and they all lie in the last two layers.
  let sinkPotential = 0;
  for (let o = 0; o < orgCount; o++) {
    let p = 0;
    for (let v = model.orgVolunteerStart[o]; v < model.orgVolunteerStart[o + 1]; v++) if (model.volunteerMin[v] > 0) p = -bonus;
    network.potential[orgNode(o)] = p;
    sinkPotential = Math.min(sinkPotential, p - (model.orgMin[o] > 0 ? bonus : 0));
  }
  network.potential[SINK] = sinkPotential;

  const totalRoom = model.slotCapacity.reduce((a, b) => a + b, 0);
  const levels = options.firstLevelFreshOnly ? Math.min(1, model.limit) : model.limit;
  // A student that finds no path at a level never will later (its count would raise a level
  // already at its maximum), so its source arc is closed for good.
  const closedAtLevel = new Int32Array(n);
  const levelUpperBound: number[] = [];
  const costCurve: number[] = [0];
  let flow = 0;
  let cost = 0;
  for (let level = 1; level <= levels; level++) {
    let opened = 0;
    for (let s = 0; s < n; s++) {
      if (options.firstLevelFreshOnly && model.fixedCount[s] > 0) continue;
      if (attendable[s] && closedAtLevel[s] === 0 && model.fixedCount[s] < level && level <= model.studentLimit[s]) {
        network.cap[sourceArc[s]] += 1;
        opened++;
      }
    }
    if (opened > 0) {
      network.liftSource(SOURCE);
      network.augmentAll(SOURCE, SINK, (pathCost) => {
        flow++;
        // A path's cost is its rank costs minus a bonus per minimum unit gained; the rank part
        // is far smaller than half a bonus, so rounding separates the two. (With a regret target
        // the penalties stay in: that curve is no bound, see RelaxationOptions.)
        cost += pathCost - Math.round(pathCost / bonus) * bonus;
        costCurve.push(cost);
        if ((flow & 255) === 0) onProgress(Math.min(1, (level - 1 + flow / Math.max(1, totalRoom)) / levels));
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
    onProgress(level / levels);
  }

  // Decompose: pair each pattern's students (lottery order) with the slot units it sends flow to.
  const slotsOf: number[][] = Array.from({ length: n }, () => []);
  const studentsOfPattern: number[][] = patternSlots.map(() => []);
  choiceArc.forEach((id, i) => {
    if (network.flowOn(network.arcOf(id)) > 0) studentsOfPattern[arcPattern[i]].push(arcStudent[i]);
  });
  studentsOfPattern.forEach((students, p) => {
    let next = 0;
    patternArcs[p].forEach((id, j) => {
      for (let units = network.flowOn(network.arcOf(id)); units > 0; units--) slotsOf[students[next++]].push(patternSlots[p][j]);
    });
  });
  return { slotsOf, attendable, levelUpperBound, costCurve };
}
