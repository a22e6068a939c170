import type { AllocationModel } from './model';
import { isBlocked, timeClassesOverlap } from './model';

/**
 * A concrete, slot-level allocation with the moves that keep it feasible. The relaxation may
 * give a student two new interviews at overlapping times; `repairOverlaps` re-times one of them
 * inside its volunteer by an augmenting path over that volunteer's slots (other students there
 * move too, each within their own constraints), and drops the worse-ranked interview only when
 * no re-timing exists. `refill` then offers freed room to the next students in leximin order.
 */
export class Schedule {
  readonly occupants: number[][];
  private readonly visited: Int32Array;
  private stamp = 0;
  private readonly freeUnits: Int32Array;

  constructor(
    private readonly model: AllocationModel,
    readonly slotsOf: number[][],
  ) {
    this.occupants = model.slotIds.map(() => []);
    this.visited = new Int32Array(model.slotIds.length);
    this.freeUnits = new Int32Array(model.volunteerIds.length);
    model.slotCapacity.forEach((c, x) => (this.freeUnits[model.slotVolunteer[x]] += c));
    slotsOf.forEach((slots, s) =>
      slots.forEach((x) => {
        this.occupants[x].push(s);
        this.freeUnits[model.slotVolunteer[x]]--;
      }),
    );
  }

  rankOf(s: number, v: number): number {
    const { choiceStart, choiceVolunteer, choiceRank } = this.model;
    for (let c = choiceStart[s]; c < choiceStart[s + 1]; c++) if (choiceVolunteer[c] === v) return choiceRank[c];
    throw new Error(`student ${s} did not choose volunteer ${v}`);
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
      const waiting = (s: number) => model.fixedCount[s] + this.slotsOf[s].length === level - 1;
      for (let rank = 1; rank <= model.rankCount; rank++) {
        for (const s of lottery) {
          if (!waiting(s)) continue;
          for (let c = model.choiceStart[s]; c < model.choiceStart[s + 1]; c++) {
            const v = model.choiceVolunteer[c];
            if (model.choiceRank[c] !== rank || this.freeUnits[v] === 0 || this.holds(s, v)) continue;
            this.stamp++;
            if (this.augment(s, v, -1)) break;
          }
        }
      }
      while (this.augmentAcross(lottery, waiting));
    }
  }

  /**
   * One augmenting path that may cross volunteers: a waiting student takes slot x, its
   * occupant moves to another slot it chose, and so on until a slot with room. Slots that can
   * be vacated this way are found by one backward search from the slots with room; each move is
   * checked against the mover's other interviews and re-checked when applied.
   */
  private augmentAcross(lottery: Int32Array, waiting: (s: number) => boolean): boolean {
    const { model } = this;
    const slotCount = model.slotIds.length;
    const mover = new Int32Array(slotCount).fill(-2);
    const next = new Int32Array(slotCount).fill(-1);
    const queue: number[] = [];
    for (let y = 0; y < slotCount; y++) {
      if (this.occupants[y].length < model.slotCapacity[y]) {
        mover[y] = -1;
        queue.push(y);
      }
    }
    if (queue.length === 0) return false;
    const choosers = this.choosers();
    for (let head = 0; head < queue.length; head++) {
      const y = queue[head];
      const v = model.slotVolunteer[y];
      for (let i = choosers.start[v]; i < choosers.start[v + 1]; i++) {
        const w = choosers.student[i];
        for (const x of this.slotsOf[w]) {
          if (mover[x] !== -2 || !this.canUse(w, y, x)) continue;
          mover[x] = w;
          next[x] = y;
          queue.push(x);
        }
      }
    }
    for (const s of lottery) {
      if (!waiting(s)) continue;
      for (let c = model.choiceStart[s]; c < model.choiceStart[s + 1]; c++) {
        const v = model.choiceVolunteer[c];
        if (this.holds(s, v)) continue;
        for (let x = model.volunteerSlotStart[v]; x < model.volunteerSlotStart[v + 1]; x++) {
          if (mover[x] === -2 || !this.canUse(s, x, -1)) continue;
          if (this.applyPath(s, x, mover, next)) return true;
        }
      }
    }
    return false;
  }

  private applyPath(s: number, x: number, mover: Int32Array, next: Int32Array): boolean {
    const chain: number[] = [];
    for (let y = x; mover[y] >= 0; y = next[y]) chain.push(y);
    const done: Array<[number, number, number]> = [];
    for (let i = chain.length - 1; i >= 0; i--) {
      const from = chain[i];
      const to = next[from];
      const w = mover[from];
      if (this.occupants[to].length >= this.model.slotCapacity[to] || !this.canUse(w, to, from)) {
        for (const [u, a, b] of done.reverse()) {
          this.unassign(u, b);
          this.assign(u, a);
        }
        return false;
      }
      this.unassign(w, from);
      this.assign(w, to);
      done.push([w, from, to]);
    }
    this.assign(s, x);
    return true;
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

  private holds(s: number, v: number): boolean {
    return this.slotsOf[s].some((x) => this.model.slotVolunteer[x] === v);
  }

  private retime(s: number, x: number): boolean {
    this.stamp++;
    this.visited[x] = this.stamp;
    return this.augment(s, this.model.slotVolunteer[x], x);
  }

  /** s may sit in slot x if it is free then and x's volunteer is not among s's others (`current` excluded). */
  private canUse(s: number, x: number, current: number): boolean {
    const { model } = this;
    const tc = model.slotTimeClass[x];
    if (isBlocked(model, s, tc)) return false;
    for (const y of this.slotsOf[s]) {
      if (y === current) continue;
      if (model.slotVolunteer[y] === model.slotVolunteer[x]) return false;
      if (timeClassesOverlap(model, tc, model.slotTimeClass[y])) return false;
    }
    return true;
  }

  /** Kuhn's augmenting path over volunteer v's slots: seat s (moving from `current`, or new). */
  private augment(s: number, v: number, current: number): boolean {
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
      if (current >= 0) this.unassign(s, current);
      this.assign(s, x);
      return true;
    }
    return false;
  }

  private assign(s: number, x: number): void {
    this.occupants[x].push(s);
    this.slotsOf[s].push(x);
    this.freeUnits[this.model.slotVolunteer[x]]--;
  }

  private unassign(s: number, x: number): void {
    const here = this.occupants[x];
    here.splice(here.indexOf(s), 1);
    const mine = this.slotsOf[s];
    mine.splice(mine.indexOf(x), 1);
    this.freeUnits[this.model.slotVolunteer[x]]++;
  }
}
