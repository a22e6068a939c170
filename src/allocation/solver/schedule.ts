import type { AllocationModel } from './model';
import { bestTotalCost, isBlocked, timeClassesOverlap } from './model';

/** May student w move from slot `from` to slot `to` as part of a path? (Room and overlaps are checked apart.) */
export type MoveRule = (w: number, from: number, to: number) => boolean;

/**
 * How much full-scan searching (swaps, transfers, extra interviews) the regret phase may still
 * do, in units of (slot, chooser) pairs visited, shared by every schedule of one solve: small
 * events get all the searching they need to reach the optimum, large ones a bounded second or
 * so. Deterministic, like everything else here.
 */
export class SearchBudget {
  constructor(public left: number) {}
}

/**
 * A concrete, slot-level allocation with the moves that keep it feasible. The relaxation may
 * give a student two new interviews at overlapping times; `repairOverlaps` re-times one of them
 * inside its volunteer by an augmenting path over that volunteer's slots (other students there
 * move too, each within their own constraints), and drops the worse-ranked interview only when
 * no re-timing exists. `refill` then offers freed room to the next students in leximin order.
 * The regret and cost phases (`regret-moves.ts`, `cost-moves.ts`) work through the primitives
 * below: backward searches for slots that can be vacated (`vacatable`), and chains of moves
 * applied and checked one by one (`applyPath`).
 *
 * Every move keeps the hard rules: capacities, one interview per organization per student, the
 * student's limit, the volunteers' and organizations' maxima, and minimums already met.
 */
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
    readonly model: AllocationModel,
    readonly slotsOf: number[][],
    readonly budget = new SearchBudget(200),
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

  /** Volunteer v may take one more interview (its and its organization's maxima). */
  canAdd(v: number): boolean {
    const { model } = this;
    const o = model.volunteerOrg[v];
    return this.volunteerLoad[v] < model.volunteerMax[v] && this.orgLoad[o] < model.orgMax[o];
  }

  /**
   * Slots that can be vacated: `mover[x] = w` moves w from x to `next[x]`, which has room or is
   * vacatable in turn (-1 marks a slot with room, -2 one that cannot be vacated). One backward
   * search from the slots with room (whose volunteer may take one more).
   */
  vacatable(rule: MoveRule, dropSeed?: (y: number) => boolean): { mover: Int32Array; next: Int32Array } {
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
  applyPath(s: number, x: number, mover: Int32Array, next: Int32Array, rule: MoveRule, current: number): boolean {
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
  searchCost(): number {
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
  choosers(): { start: Int32Array; student: Int32Array } {
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

  holdsOrg(s: number, o: number): boolean {
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
  canUse(s: number, x: number, current: number): boolean {
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

  assign(s: number, x: number): void {
    const v = this.model.slotVolunteer[x];
    this.occupants[x].push(s);
    this.slotsOf[s].push(x);
    this.costSum[s] += this.rankOf(s, v) - 1;
    this.volunteerLoad[v]++;
    this.orgLoad[this.model.volunteerOrg[v]]++;
  }

  unassign(s: number, x: number): void {
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
