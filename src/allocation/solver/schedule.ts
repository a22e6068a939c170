import type { AllocationModel } from './model';
import { bestTotalCost, isBlocked, timeClassesOverlap } from './model';

/** May student w move from slot `from` to slot `to` as part of a path? (Room and overlaps are checked apart.) */
type MoveRule = (w: number, from: number, to: number) => boolean;

/**
 * A concrete, slot-level allocation with the moves that keep it feasible. The relaxation may
 * give a student two new interviews at overlapping times; `repairOverlaps` re-times one of them
 * inside its volunteer by an augmenting path over that volunteer's slots (other students there
 * move too, each within their own constraints), and drops the worse-ranked interview only when
 * no re-timing exists. `refill` then offers freed room to the next students in leximin order,
 * and `reduceRegret` moves the worst-off students to better choices where others can make room
 * without becoming as badly off.
 *
 * Every move keeps the hard rules: capacities, one interview per organization per student, the
 * student's limit, the volunteers' and organizations' maxima, and minimums already met.
 */
/**
 * How much full-scan searching (swaps, transfers, extra interviews) the regret phase may still
 * do, in units of (slot, chooser) pairs visited, shared by every schedule of one solve: small
 * events get all the searching they need to reach the optimum, large ones a bounded second or
 * so. Deterministic, like everything else here.
 */
export class SearchBudget {
  constructor(public left: number) {}
}

export class Schedule {
  readonly occupants: number[][];
  private readonly visited: Int32Array;
  private stamp = 0;
  readonly volunteerLoad: Int32Array;
  readonly orgLoad: Int32Array;
  /** Sum of (rank − 1) over each student's new interviews, kept with every assign and unassign. */
  private readonly costSum: Int32Array;
  /** Each student's chosen volunteers sorted by index (same ranges as the model's choices), and their ranks. */
  private readonly byVolunteer: Int32Array;
  private readonly byVolunteerRank: Int32Array;

  constructor(
    private readonly model: AllocationModel,
    readonly slotsOf: number[][],
    private readonly budget = new SearchBudget(200),
  ) {
    this.occupants = model.slotIds.map(() => []);
    this.visited = new Int32Array(model.slotIds.length);
    this.volunteerLoad = new Int32Array(model.volunteerIds.length);
    this.orgLoad = new Int32Array(model.orgIds.length);
    this.costSum = new Int32Array(model.studentIds.length);
    this.byVolunteer = Int32Array.from(model.choiceVolunteer);
    this.byVolunteerRank = new Int32Array(model.choiceRank.length);
    for (let s = 0; s < model.studentIds.length; s++) {
      const start = model.choiceStart[s];
      const end = model.choiceStart[s + 1];
      const order = Array.from({ length: end - start }, (_, i) => start + i).sort((a, b) => model.choiceVolunteer[a] - model.choiceVolunteer[b]);
      order.forEach((c, i) => {
        this.byVolunteer[start + i] = model.choiceVolunteer[c];
        this.byVolunteerRank[start + i] = model.choiceRank[c];
      });
    }
    slotsOf.forEach((slots, s) =>
      slots.forEach((x) => {
        this.costSum[s] += this.rankOf(s, model.slotVolunteer[x]) - 1;
        this.occupants[x].push(s);
        this.volunteerLoad[model.slotVolunteer[x]]++;
        this.orgLoad[model.volunteerOrg[model.slotVolunteer[x]]]++;
      }),
    );
  }

  /** A student's rank for a volunteer, by binary search in their choices sorted by volunteer. */
  rankOf(s: number, v: number): number {
    const { choiceStart } = this.model;
    let lo = choiceStart[s];
    let hi = choiceStart[s + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const u = this.byVolunteer[mid];
      if (u === v) return this.byVolunteerRank[mid];
      if (u < v) lo = mid + 1;
      else hi = mid - 1;
    }
    throw new Error(`student ${s} did not choose volunteer ${v}`);
  }

  /** Total rank cost of s's new interviews minus the least it could be with as many (see types.ts). */
  regretOf(s: number, without = -1, plus = -1): number {
    let cost = this.costSum[s];
    let count = this.slotsOf[s].length;
    if (without >= 0) {
      cost -= this.rankOf(s, this.model.slotVolunteer[without]) - 1;
      count--;
    }
    if (plus >= 0) {
      cost += this.rankOf(s, this.model.slotVolunteer[plus]) - 1;
      count++;
    }
    return cost - bestTotalCost(this.model, s, count);
  }

  /** Two of s's new interviews that overlap, or null. */
  overlapOf(s: number): [number, number] | null {
    const slots = this.slotsOf[s];
    const tc = this.model.slotTimeClass;
    for (let i = 0; i < slots.length; i++) {
      for (let j = i + 1; j < slots.length; j++) {
        if (timeClassesOverlap(this.model, tc[slots[i]], tc[slots[j]])) return [slots[i], slots[j]];
      }
    }
    return null;
  }

  repairOverlaps(lottery: Int32Array): number {
    let dropped = 0;
    for (const s of lottery) {
      for (let pair = this.overlapOf(s); pair; pair = this.overlapOf(s)) {
        const [a, b] = pair;
        if (this.retime(s, a) || this.retime(s, b)) continue;
        const volunteer = this.model.slotVolunteer;
        const rankA = this.rankOf(s, volunteer[a]);
        const rankB = this.rankOf(s, volunteer[b]);
        this.unassign(s, rankA > rankB || (rankA === rankB && a > b) ? a : b);
        dropped++;
      }
    }
    return dropped;
  }

  /**
   * Offers room left after the repair to students one level at a time (second interviews
   * before third). First a cheap pass by rank (every student's 1st choices, then 2nd, …, each
   * round in lottery order) using re-timing inside the volunteer; then augmenting paths across
   * volunteers (`augmentAcross`) for whoever is still short. Level 1 is left alone: the
   * relaxation already placed the most students possible there.
   */
  refill(lottery: Int32Array): void {
    const { model } = this;
    for (let level = 2; level <= model.limit; level++) {
      const waiting = (s: number) => level <= model.studentLimit[s] && model.fixedCount[s] + this.slotsOf[s].length === level - 1;
      for (let rank = 1; rank <= model.rankCount; rank++) {
        for (const s of lottery) {
          if (!waiting(s)) continue;
          for (let c = model.choiceStart[s]; c < model.choiceStart[s + 1]; c++) {
            const v = model.choiceVolunteer[c];
            if (model.choiceRank[c] !== rank || !this.canAdd(v) || this.holdsOrg(s, model.volunteerOrg[v])) continue;
            this.stamp++;
            if (this.augment(s, v, -1)) break;
          }
        }
      }
      while (this.augmentAcross(lottery, waiting));
    }
  }

  /**
   * Lowers the worst regret: each student at the current worst R tries to swap one interview for
   * a better-ranked choice, whose slot is free or can be vacated by a chain of moves after which
   * every mover's regret stays below R. Repeats while the worst regret or the number of students
   * at it falls; stops at `lowerBound` (proven least) or when a whole pass changes nothing.
   */
  reduceRegret(lottery: Int32Array, lowerBound: number): void {
    const { model } = this;
    // A student whose every move failed is not tried again at the same worst regret, and the
    // searches that cost a full scan each (swaps, transfers) are capped, so the phase stays
    // near-linear on large events; both are deterministic, like everything else here.
    const stuck = new Uint8Array(model.studentIds.length);
    let stuckAt = -1;
    for (;;) {
      let worst = 0;
      const atWorst: number[] = [];
      for (const s of lottery) {
        if (this.slotsOf[s].length === 0) continue;
        const r = this.regretOf(s);
        if (r > worst) {
          worst = r;
          atWorst.length = 0;
        }
        if (r === worst && r > 0) atWorst.push(s);
      }
      if (worst <= lowerBound || atWorst.length === 0) return;
      if (worst !== stuckAt) {
        stuck.fill(0);
        stuckAt = worst;
      }
      const rule: MoveRule = (w, from, to) => this.regretOf(w, from, to) < worst;
      let vacate: { mover: Int32Array; next: Int32Array } | null = null;
      let improved = 0;
      for (const s of atWorst) {
        if (stuck[s] || this.regretOf(s) < worst) continue;
        vacate ??= this.vacatable(rule);
        if (this.improveOne(s, worst, rule, vacate)) {
          improved++;
          continue;
        }
        if (this.budget.left > 0) {
          // Each of these runs about one backward search per interview s holds, plus one.
          this.budget.left -= this.searchCost() * (this.slotsOf[s].length + 1);
          if (this.swapOne(s, worst, rule) || this.transferOne(s, worst, rule, lottery) || this.giveOne(s, worst, rule)) {
            improved++;
            vacate = null; // stale after a move found by its own search
            continue;
          }
        }
        stuck[s] = 1;
      }
      if (improved === 0) return;
    }
  }

  /**
   * Lowers the total rank cost without touching anyone's regret for the worse: a student swaps
   * an interview for a better-ranked choice through a chain of moves in which nobody moves to
   * a choice they rank lower (so no regret grows, and the worst and its count stay). A few
   * passes, each until nothing moves.
   */
  reduceCost(lottery: Int32Array, passes = 4): void {
    const { model } = this;
    const noWorse: MoveRule = (w, from, to) => this.rankOf(w, model.slotVolunteer[to]) <= this.rankOf(w, model.slotVolunteer[from]);
    for (let pass = 0; pass < passes; pass++) {
      const vacate = this.vacatable(noWorse);
      let improved = 0;
      for (const s of lottery) {
        if (this.slotsOf[s].length > 0 && this.improveOne(s, Infinity, noWorse, vacate)) improved++;
      }
      if (improved === 0) return;
    }
  }

  /**
   * Lowers the total rank cost by chains in which movers may also take a worse choice, as long
   * as the chain as a whole gains, nobody's regret rises to the worst (or above their own if
   * already there): a label-correcting search gives, per slot, the cheapest way to vacate it.
   */
  reduceCostByChains(lottery: Int32Array, worst: number, passes = 6): void {
    const { model } = this;
    const cost = (w: number, x: number) => this.rankOf(w, model.slotVolunteer[x]) - 1;
    const rule: MoveRule = (w, from, to) => {
      const after = this.regretOf(w, from, to);
      return after < worst || after <= this.regretOf(w);
    };
    for (let pass = 0; pass < passes; pass++) {
      const { mover, next, dist } = this.cheapestVacate(rule, cost);
      let improved = 0;
      for (const s of lottery) {
        for (const x of [...this.slotsOf[s]]) {
          if (!this.slotsOf[s].includes(x)) break;
          let bestGain = 0;
          let bestY = -1;
          for (let c = model.choiceStart[s]; c < model.choiceStart[s + 1]; c++) {
            const v = model.choiceVolunteer[c];
            const gainHere = model.choiceRank[c] - 1 - cost(s, x);
            if (gainHere + 0 >= bestGain && gainHere >= 0 && model.volunteerOrg[v] !== model.volunteerOrg[model.slotVolunteer[x]]) continue;
            for (let y = model.volunteerSlotStart[v]; y < model.volunteerSlotStart[v + 1]; y++) {
              if (y === x || mover[y] === -2 || gainHere + dist[y] >= bestGain || !this.canUse(s, y, x) || !rule(s, x, y)) continue;
              bestGain = gainHere + dist[y];
              bestY = y;
            }
          }
          if (bestY < 0 || this.chainGain(s, x, bestY, mover, next, cost) >= 0) continue;
          if (this.applyPath(s, bestY, mover, next, rule, x)) improved++;
        }
      }
      if (improved === 0) return;
    }
  }

  /**
   * Lowers the total rank cost by moving who holds the extra interviews: a student t gains an
   * interview through a chain that ends where a student with one interview more than t gives
   * one up (the fairness profile stays), when that costs less in ranks. Nobody's regret rises
   * to the worst, or above their own if already there; movers never take a worse choice.
   */
  reduceCostByTransfers(lottery: Int32Array, worst: number, passes = 3): void {
    const { model } = this;
    const cost = (w: number, x: number) => this.rankOf(w, model.slotVolunteer[x]) - 1;
    const total = (u: number) => model.fixedCount[u] + this.slotsOf[u].length;
    const fine = (w: number, after: number) => after < worst || after <= this.regretOf(w);
    const noWorse: MoveRule = (w, from, to) => cost(w, to) <= cost(w, from) && fine(w, this.regretOf(w, from, to));
    const dropperFor = (y: number, k: number, t: number): number => {
      for (const u of this.occupants[y]) if (u !== t && total(u) === k + 1 && this.slotsOf[u].length >= 1 && fine(u, this.regretOf(u, y))) return u;
      return -1;
    };
    for (let pass = 0; pass < passes; pass++) {
      const vacate = this.vacatable(noWorse, (y) => this.occupants[y].some((u) => this.slotsOf[u].length >= 1 && total(u) >= 2));
      let improved = 0;
      for (const t of lottery) {
        const k = total(t);
        if (k + 1 > model.studentLimit[t]) continue;
        let done = false;
        for (let c = model.choiceStart[t]; c < model.choiceStart[t + 1] && !done; c++) {
          const v = model.choiceVolunteer[c];
          if (this.holdsOrg(t, model.volunteerOrg[v])) continue;
          for (let y = model.volunteerSlotStart[v]; y < model.volunteerSlotStart[v + 1] && !done; y++) {
            if (vacate.mover[y] === -2 || !this.canUse(t, y, -1) || !fine(t, this.regretOf(t, -1, y))) continue;
            let end = y;
            let gain = cost(t, y);
            for (let steps = 0; vacate.mover[end] >= 0 && steps <= model.slotIds.length; steps++) {
              gain += cost(vacate.mover[end], vacate.next[end]) - cost(vacate.mover[end], end);
              end = vacate.next[end];
            }
            let u = -1;
            let dropped = end;
            if (vacate.mover[end] === -3) u = dropperFor(end, k, t);
            else if (vacate.mover[end] === -4) [u, dropped] = this.dropperAtMaximum(end, k, t, (w, z) => fine(w, this.regretOf(w, z)), cost);
            if (u < 0 || gain - cost(u, dropped) >= 0) continue;
            this.unassign(u, dropped);
            if (this.applyPath(t, y, vacate.mover, vacate.next, noWorse, -1)) {
              improved++;
              done = true;
            } else {
              this.assign(u, dropped);
            }
          }
        }
      }
      if (improved === 0) return;
    }
  }

  /**
   * For a free slot whose volunteer (or organization) is at its maximum: the student with
   * `k + 1` interviews whose interview with that volunteer (or organization) costs the most to
   * them, if giving it up keeps their regret acceptable; [-1, -1] when none.
   */
  private dropperAtMaximum(
    y: number,
    k: number,
    t: number,
    acceptable: (w: number, z: number) => boolean,
    cost: (w: number, z: number) => number,
  ): [number, number] {
    const { model } = this;
    const v = model.slotVolunteer[y];
    const o = model.volunteerOrg[v];
    const byVolunteer = this.volunteerLoad[v] >= model.volunteerMax[v];
    const first = byVolunteer ? model.volunteerSlotStart[v] : model.orgSlotStart[o];
    const last = byVolunteer ? model.volunteerSlotStart[v + 1] : model.orgSlotStart[o + 1];
    let best: [number, number] = [-1, -1];
    let bestCost = -1;
    for (let z = first; z < last; z++) {
      for (const u of this.occupants[z]) {
        if (u === t || model.fixedCount[u] + this.slotsOf[u].length !== k + 1 || !acceptable(u, z)) continue;
        // The interview moves from z's volunteer to y's: z's volunteer must stay at its minimum.
        const vz = model.slotVolunteer[z];
        if (vz !== v && this.volunteerLoad[vz] <= model.volunteerMin[vz]) continue;
        if (cost(u, z) > bestCost) {
          bestCost = cost(u, z);
          best = [u, z];
        }
      }
    }
    return best;
  }

  /** The exact cost change of s moving x → y along the recorded chain (∞ if the chain loops). */
  private chainGain(s: number, x: number, y: number, mover: Int32Array, next: Int32Array, cost: (w: number, x: number) => number): number {
    let gain = cost(s, y) - cost(s, x);
    let steps = 0;
    for (let z = y; mover[z] >= 0; z = next[z]) {
      if (++steps > this.model.slotIds.length) return Infinity;
      gain += cost(mover[z], next[z]) - cost(mover[z], z);
    }
    return gain;
  }

  /** Label-correcting search from the slots with room: the least cost change that vacates each slot. */
  private cheapestVacate(rule: MoveRule, cost: (w: number, x: number) => number): { mover: Int32Array; next: Int32Array; dist: Float64Array } {
    const { model } = this;
    const slotCount = model.slotIds.length;
    const mover = new Int32Array(slotCount).fill(-2);
    const next = new Int32Array(slotCount).fill(-1);
    const dist = new Float64Array(slotCount).fill(Infinity);
    const updates = new Int32Array(slotCount);
    const queue: number[] = [];
    for (let y = 0; y < slotCount; y++) {
      if (this.occupants[y].length < model.slotCapacity[y] && this.canAdd(model.slotVolunteer[y])) {
        mover[y] = -1;
        dist[y] = 0;
        queue.push(y);
      }
    }
    const choosers = this.choosers();
    // Each slot is relabelled a few times at most: enough for short improving chains, and no
    // endless loop on a negative cycle (chainGain refuses loops).
    for (let head = 0; head < queue.length; head++) {
      const y = queue[head];
      const v = model.slotVolunteer[y];
      for (let i = choosers.start[v]; i < choosers.start[v + 1]; i++) {
        const w = choosers.student[i];
        for (const x of this.slotsOf[w]) {
          if (x === y || mover[x] === -1) continue;
          const d = dist[y] + cost(w, y) - cost(w, x);
          if (d >= dist[x] || updates[x] >= 4 || !this.canUse(w, y, x) || !rule(w, x, y)) continue;
          dist[x] = d;
          mover[x] = w;
          next[x] = y;
          updates[x]++;
          queue.push(x);
        }
      }
    }
    return { mover, next, dist };
  }

  private improveOne(s: number, worst: number, rule: MoveRule, vacate: { mover: Int32Array; next: Int32Array }): boolean {
    const { model } = this;
    // Worst-ranked interview first: replacing it gains the most.
    const held = [...this.slotsOf[s]].sort((a, b) => this.rankOf(s, model.slotVolunteer[b]) - this.rankOf(s, model.slotVolunteer[a]));
    for (const x of held) {
      const vx = model.slotVolunteer[x];
      const rankX = this.rankOf(s, vx);
      for (let c = model.choiceStart[s]; c < model.choiceStart[s + 1] && model.choiceRank[c] < rankX; c++) {
        const v = model.choiceVolunteer[c];
        for (let y = model.volunteerSlotStart[v]; y < model.volunteerSlotStart[v + 1]; y++) {
          if (vacate.mover[y] === -2 || !this.canUse(s, y, x) || this.regretOf(s, x, y) >= worst) continue;
          if (this.applyPath(s, y, vacate.mover, vacate.next, rule, x)) return true;
        }
      }
    }
    return false;
  }

  /**
   * The chain's last slot (volunteer `gains`) takes one more interview and the slot s leaves
   * (`current`, or none) one fewer; every other slot on the chain is left and refilled.
   */
  private loadsAllow(gains: number, current: number): boolean {
    const { model } = this;
    if (current < 0) return this.canAdd(gains);
    const loses = model.slotVolunteer[current];
    if (loses === gains) return true;
    if (this.volunteerLoad[gains] >= model.volunteerMax[gains] || this.volunteerLoad[loses] <= model.volunteerMin[loses]) return false;
    const og = model.volunteerOrg[gains];
    const ol = model.volunteerOrg[loses];
    return og === ol || (this.orgLoad[og] < model.orgMax[og] && this.orgLoad[ol] > model.orgMin[ol]);
  }

  /**
   * Like improveOne, but s leaves its interview x first, so the chain that makes room for s's
   * better choice may end in x itself (a swap or a cycle of moves). One search per interview,
   * so only for the students at the worst regret. Skips x when its volunteer or organization
   * is at its minimum (the chain might end elsewhere).
   */
  private swapOne(s: number, worst: number, rule: MoveRule): boolean {
    const { model } = this;
    for (const x of [...this.slotsOf[s]]) {
      const vx = model.slotVolunteer[x];
      const ox = model.volunteerOrg[vx];
      if (this.volunteerLoad[vx] <= model.volunteerMin[vx] || this.orgLoad[ox] <= model.orgMin[ox]) continue;
      const rankX = this.rankOf(s, vx);
      this.unassign(s, x);
      const vacate = this.vacatable(rule);
      for (let c = model.choiceStart[s]; c < model.choiceStart[s + 1] && model.choiceRank[c] < rankX; c++) {
        const v = model.choiceVolunteer[c];
        if (this.holdsOrg(s, model.volunteerOrg[v])) continue;
        for (let y = model.volunteerSlotStart[v]; y < model.volunteerSlotStart[v + 1]; y++) {
          if (vacate.mover[y] === -2 || !this.canUse(s, y, -1) || this.regretOf(s, -1, y) >= worst) continue;
          if (this.applyPath(s, y, vacate.mover, vacate.next, rule, -1)) return true;
        }
      }
      this.assign(s, x);
    }
    return false;
  }

  /**
   * Hands one of s's interviews to a student with one interview fewer (so the fairness profile
   * is unchanged): s drops an interview whose loss brings s below the worst regret, and another
   * student takes some slot (through a chain of moves that keeps everyone below it).
   */
  private transferOne(s: number, worst: number, rule: MoveRule, lottery: Int32Array): boolean {
    const { model } = this;
    const total = model.fixedCount[s] + this.slotsOf[s].length;
    if (this.slotsOf[s].length < 2) return false;
    for (const x of [...this.slotsOf[s]]) {
      const v = model.slotVolunteer[x];
      const o = model.volunteerOrg[v];
      // s's interview may go only if its volunteer and organization stay at their minimums anyway.
      if (this.regretOf(s, x) >= worst || this.volunteerLoad[v] <= model.volunteerMin[v] || this.orgLoad[o] <= model.orgMin[o]) continue;
      this.unassign(s, x);
      const vacate = this.vacatable(rule);
      for (const t of lottery) {
        if (t === s || model.fixedCount[t] + this.slotsOf[t].length !== total - 1 || total > model.studentLimit[t]) continue;
        for (let c = model.choiceStart[t]; c < model.choiceStart[t + 1]; c++) {
          const w = model.choiceVolunteer[c];
          if (this.holdsOrg(t, model.volunteerOrg[w])) continue;
          for (let y = model.volunteerSlotStart[w]; y < model.volunteerSlotStart[w + 1]; y++) {
            if (vacate.mover[y] === -2 || !this.canUse(t, y, -1) || this.regretOf(t, -1, y) >= worst) continue;
            if (this.applyPath(t, y, vacate.mover, vacate.next, rule, -1)) return true;
          }
        }
      }
      this.assign(s, x);
    }
    return false;
  }

  /**
   * s (at the worst regret) gains an interview while a student with one more interview than s
   * gives one up at the end of the chain, so the fairness profile stays: s's regret can fall
   * when a second interview comes with its second-best baseline.
   */
  private giveOne(s: number, worst: number, rule: MoveRule): boolean {
    const { model } = this;
    const total = (u: number) => model.fixedCount[u] + this.slotsOf[u].length;
    const k = total(s);
    if (k + 1 > model.studentLimit[s]) return false;
    const dropper = (y: number): number => {
      for (const u of this.occupants[y]) if (u !== s && total(u) === k + 1 && this.regretOf(u, y) < worst) return u;
      return -1;
    };
    const vacate = this.vacatable(rule, (y) => dropper(y) >= 0);
    for (let c = model.choiceStart[s]; c < model.choiceStart[s + 1]; c++) {
      const v = model.choiceVolunteer[c];
      if (this.holdsOrg(s, model.volunteerOrg[v])) continue;
      for (let y = model.volunteerSlotStart[v]; y < model.volunteerSlotStart[v + 1]; y++) {
        if (vacate.mover[y] === -2 || !this.canUse(s, y, -1) || this.regretOf(s, -1, y) >= worst) continue;
        let end = y;
        while (vacate.mover[end] >= 0) end = vacate.next[end];
        const u = dropper(end);
        if (u < 0) continue;
        this.unassign(u, end);
        if (this.applyPath(s, y, vacate.mover, vacate.next, rule, -1)) return true;
        this.assign(u, end);
      }
    }
    return false;
  }

  /** Volunteer v may take one more interview (its and its organization's maxima). */
  private canAdd(v: number): boolean {
    const { model } = this;
    const o = model.volunteerOrg[v];
    return this.volunteerLoad[v] < model.volunteerMax[v] && this.orgLoad[o] < model.orgMax[o];
  }

  /**
   * Slots that can be vacated: `mover[x] = w` moves w from x to `next[x]`, which has room or is
   * vacatable in turn (-1 marks a slot with room, -2 one that cannot be vacated). One backward
   * search from the slots with room (whose volunteer may take one more).
   */
  private vacatable(rule: MoveRule, dropSeed?: (y: number) => boolean): { mover: Int32Array; next: Int32Array } {
    const { model } = this;
    const slotCount = model.slotIds.length;
    const mover = new Int32Array(slotCount).fill(-2);
    const next = new Int32Array(slotCount).fill(-1);
    const queue: number[] = [];
    for (let y = 0; y < slotCount; y++) {
      if (dropSeed) {
        // Only chains that end where an occupant gives its interview up (-3), or at a free slot
        // whose volunteer or organization is at its maximum, so someone there must give one up (-4).
        if (this.occupants[y].length >= model.slotCapacity[y] && dropSeed(y)) {
          mover[y] = -3;
          queue.push(y);
        } else if (this.occupants[y].length < model.slotCapacity[y] && !this.canAdd(model.slotVolunteer[y])) {
          mover[y] = -4;
          queue.push(y);
        }
      } else if (this.occupants[y].length < model.slotCapacity[y] && this.canAdd(model.slotVolunteer[y])) {
        mover[y] = -1;
        queue.push(y);
      }
    }
    const choosers = this.choosers();
    for (let head = 0; head < queue.length; head++) {
      const y = queue[head];
      const v = model.slotVolunteer[y];
      for (let i = choosers.start[v]; i < choosers.start[v + 1]; i++) {
        const w = choosers.student[i];
        for (const x of this.slotsOf[w]) {
          // x is taken over by whoever moves in next, so only the chain's two ends change loads.
          if (mover[x] !== -2 || !this.canUse(w, y, x) || !rule(w, x, y)) continue;
          mover[x] = w;
          next[x] = y;
          queue.push(x);
        }
      }
    }
    return { mover, next };
  }

  /**
   * One augmenting path that may cross volunteers: a waiting student takes slot x, its
   * occupant moves to another slot it chose, and so on until a slot with room. Each move is
   * checked against the mover's other interviews and re-checked when applied.
   */
  private augmentAcross(lottery: Int32Array, waiting: (s: number) => boolean): boolean {
    const { model } = this;
    const anyMove: MoveRule = () => true;
    const { mover, next } = this.vacatable(anyMove);
    for (const s of lottery) {
      if (!waiting(s)) continue;
      for (let c = model.choiceStart[s]; c < model.choiceStart[s + 1]; c++) {
        const v = model.choiceVolunteer[c];
        if (this.holdsOrg(s, model.volunteerOrg[v])) continue;
        for (let x = model.volunteerSlotStart[v]; x < model.volunteerSlotStart[v + 1]; x++) {
          if (mover[x] === -2 || !this.canUse(s, x, -1)) continue;
          if (this.applyPath(s, x, mover, next, anyMove, -1)) return true;
        }
      }
    }
    return false;
  }

  /**
   * Applies the chain ending in slot x, then seats s in x (leaving `current` when ≥ 0). Every
   * move is checked again as it is made; on any failure everything is undone.
   */
  private applyPath(s: number, x: number, mover: Int32Array, next: Int32Array, rule: MoveRule, current: number): boolean {
    const { model } = this;
    const chain: number[] = [];
    for (let y = x; mover[y] >= 0; y = next[y]) chain.push(y);
    const done: Array<[number, number, number]> = [];
    const undo = (): false => {
      for (const [u, a, b] of done.reverse()) {
        this.unassign(u, b);
        this.assign(u, a);
      }
      return false;
    };
    const end = chain.length > 0 ? next[chain[chain.length - 1]] : x;
    if (this.occupants[end].length >= model.slotCapacity[end] || !this.loadsAllow(model.slotVolunteer[end], current)) return false;
    for (let i = chain.length - 1; i >= 0; i--) {
      const from = chain[i];
      const to = next[from];
      const w = mover[from];
      if (!this.slotsOf[w].includes(from) || this.occupants[to].length >= model.slotCapacity[to] || !this.canUse(w, to, from) || !rule(w, from, to)) {
        return undo();
      }
      this.unassign(w, from);
      this.assign(w, to);
      done.push([w, from, to]);
    }
    if (this.occupants[x].length >= model.slotCapacity[x] || !this.canUse(s, x, current)) return undo();
    if (current >= 0) this.unassign(s, current);
    this.assign(s, x);
    return true;
  }

  private searchCostCache = -1;

  /** What one backward search visits at most: (slot, chooser) pairs. */
  private searchCost(): number {
    if (this.searchCostCache < 0) {
      const { model } = this;
      const choosers = this.choosers();
      let cost = 0;
      for (let v = 0; v < model.volunteerIds.length; v++) {
        cost += (model.volunteerSlotStart[v + 1] - model.volunteerSlotStart[v]) * (choosers.start[v + 1] - choosers.start[v]);
      }
      this.searchCostCache = Math.max(1, cost);
    }
    return this.searchCostCache;
  }

  private chooserIndex: { start: Int32Array; student: Int32Array } | null = null;

  /** For each volunteer, the students who chose it (CSR), built once. */
  private choosers(): { start: Int32Array; student: Int32Array } {
    if (this.chooserIndex) return this.chooserIndex;
    const { model } = this;
    const start = new Int32Array(model.volunteerIds.length + 1);
    for (const v of model.choiceVolunteer) start[v + 1]++;
    for (let v = 0; v < model.volunteerIds.length; v++) start[v + 1] += start[v];
    const fill = start.slice(0, -1);
    const student = new Int32Array(model.choiceVolunteer.length);
    for (let s = 0; s < model.studentIds.length; s++) {
      for (let c = model.choiceStart[s]; c < model.choiceStart[s + 1]; c++) student[fill[model.choiceVolunteer[c]]++] = s;
    }
    this.chooserIndex = { start, student };
    return this.chooserIndex;
  }

  private holdsOrg(s: number, o: number): boolean {
    return this.slotsOf[s].some((x) => this.model.volunteerOrg[this.model.slotVolunteer[x]] === o);
  }

  /**
   * Moves s out of x to another slot of the same volunteer. s leaves x first, so the chain of
   * occupants that makes room may end in x itself (a swap).
   */
  private retime(s: number, x: number): boolean {
    this.stamp++;
    this.unassign(s, x);
    if (this.augment(s, this.model.slotVolunteer[x], x, false)) return true;
    this.assign(s, x);
    return false;
  }

  /** s may sit in slot x if it is free then and x's organization is not among s's others (`current` excluded). */
  private canUse(s: number, x: number, current: number): boolean {
    const { model } = this;
    const tc = model.slotTimeClass[x];
    if (isBlocked(model, s, tc)) return false;
    const o = model.volunteerOrg[model.slotVolunteer[x]];
    for (const y of this.slotsOf[s]) {
      if (y === current) continue;
      if (model.volunteerOrg[model.slotVolunteer[y]] === o) return false;
      if (timeClassesOverlap(model, tc, model.slotTimeClass[y])) return false;
    }
    return true;
  }

  /**
   * Kuhn's augmenting path over volunteer v's slots: seat s (moving from `current`, or new;
   * `holdsCurrent` false when s has already left it).
   */
  private augment(s: number, v: number, current: number, holdsCurrent = true): boolean {
    const { model } = this;
    for (let x = model.volunteerSlotStart[v]; x < model.volunteerSlotStart[v + 1]; x++) {
      if (this.visited[x] === this.stamp || x === current || !this.canUse(s, x, current)) continue;
      this.visited[x] = this.stamp;
      const here = this.occupants[x];
      let seated = here.length < model.slotCapacity[x];
      for (let i = 0; !seated && i < here.length; i++) {
        if (here[i] !== s && this.augment(here[i], v, x)) seated = true;
      }
      if (!seated) continue;
      if (current >= 0 && holdsCurrent) this.unassign(s, current);
      this.assign(s, x);
      return true;
    }
    return false;
  }

  private assign(s: number, x: number): void {
    const v = this.model.slotVolunteer[x];
    this.occupants[x].push(s);
    this.slotsOf[s].push(x);
    this.costSum[s] += this.rankOf(s, v) - 1;
    this.volunteerLoad[v]++;
    this.orgLoad[this.model.volunteerOrg[v]]++;
  }

  private unassign(s: number, x: number): void {
    const here = this.occupants[x];
    here.splice(here.indexOf(s), 1);
    const mine = this.slotsOf[s];
    mine.splice(mine.indexOf(x), 1);
    const v = this.model.slotVolunteer[x];
    this.costSum[s] -= this.rankOf(s, v) - 1;
    this.volunteerLoad[v]--;
    this.orgLoad[this.model.volunteerOrg[v]]--;
  }
}
