import { improveOne } from './regret-moves';
import type { MoveRule, Schedule } from './schedule';

/**
 * The cost phase's moves on a Schedule (issue 14): lower the total rank cost once the worst
 * regret is settled, never letting anyone's regret rise to the worst (or above their own).
 */

/**
 * Lowers the total rank cost without touching anyone's regret for the worse: a student swaps
 * an interview for a better-ranked choice through a chain of moves in which nobody moves to
 * a choice they rank lower (so no regret grows, and the worst and its count stay). A few
 * passes, each until nothing moves.
 */
export function reduceCost(schedule: Schedule, lottery: Int32Array, passes = 4): void {
  const { model } = schedule;
  const noWorse: MoveRule = (w, from, to) => schedule.rankOf(w, model.slotVolunteer[to]) <= schedule.rankOf(w, model.slotVolunteer[from]);
  for (let pass = 0; pass < passes; pass++) {
    const vacate = schedule.vacatable(noWorse);
    let improved = 0;
    for (const s of lottery) {
      if (schedule.slotsOf[s].length > 0 && improveOne(schedule, s, Infinity, noWorse, vacate)) improved++;
    }
    if (improved === 0) return;
  }
}

/**
 * Lowers the total rank cost by chains in which movers may also take a worse choice, as long
 * as the chain as a whole gains, nobody's regret rises to the worst (or above their own if
 * already there): a label-correcting search gives, per slot, the cheapest way to vacate it.
 */
export function reduceCostByChains(schedule: Schedule, lottery: Int32Array, worst: number, passes = 6): void {
  const { model } = schedule;
  const cost = (w: number, x: number) => schedule.rankOf(w, model.slotVolunteer[x]) - 1;
  const rule: MoveRule = (w, from, to) => {
    const after = schedule.regretOf(w, from, to);
    return after < worst || after <= schedule.regretOf(w);
  };
  for (let pass = 0; pass < passes; pass++) {
    const { mover, next, dist } = cheapestVacate(schedule, rule, cost);
    let improved = 0;
    for (const s of lottery) {
      for (const x of [...schedule.slotsOf[s]]) {
        if (!schedule.slotsOf[s].includes(x)) break;
        let bestGain = 0;
        let bestY = -1;
        for (let c = model.choiceStart[s]; c < model.choiceStart[s + 1]; c++) {
          const v = model.choiceVolunteer[c];
          const gainHere = model.choiceRank[c] - 1 - cost(s, x);
          if (gainHere + 0 >= bestGain && gainHere >= 0 && model.volunteerOrg[v] !== model.volunteerOrg[model.slotVolunteer[x]]) continue;
          for (let y = model.volunteerSlotStart[v]; y < model.volunteerSlotStart[v + 1]; y++) {
            if (y === x || mover[y] === -2 || gainHere + dist[y] >= bestGain || !schedule.canUse(s, y, x) || !rule(s, x, y)) continue;
            bestGain = gainHere + dist[y];
            bestY = y;
          }
        }
        if (bestY < 0 || chainGain(schedule, s, x, bestY, mover, next, cost) >= 0) continue;
        if (schedule.applyPath(s, bestY, mover, next, rule, x)) improved++;
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
export function reduceCostByTransfers(schedule: Schedule, lottery: Int32Array, worst: number, passes = 3): void {
  const { model } = schedule;
  const cost = (w: number, x: number) => schedule.rankOf(w, model.slotVolunteer[x]) - 1;
  const total = (u: number) => model.fixedCount[u] + schedule.slotsOf[u].length;
  const fine = (w: number, after: number) => after < worst || after <= schedule.regretOf(w);
  const noWorse: MoveRule = (w, from, to) => cost(w, to) <= cost(w, from) && fine(w, schedule.regretOf(w, from, to));
  const dropperFor = (y: number, k: number, t: number): number => {
    for (const u of schedule.occupants[y]) if (u !== t && total(u) === k + 1 && schedule.slotsOf[u].length >= 1 && fine(u, schedule.regretOf(u, y))) return u;
    return -1;
  };
  for (let pass = 0; pass < passes; pass++) {
    const vacate = schedule.vacatable(noWorse, (y) => schedule.occupants[y].some((u) => schedule.slotsOf[u].length >= 1 && total(u) >= 2));
    let improved = 0;
    for (const t of lottery) {
      const k = total(t);
      if (k + 1 > model.studentLimit[t]) continue;
      let done = false;
      for (let c = model.choiceStart[t]; c < model.choiceStart[t + 1] && !done; c++) {
        const v = model.choiceVolunteer[c];
        if (schedule.holdsOrg(t, model.volunteerOrg[v])) continue;
        for (let y = model.volunteerSlotStart[v]; y < model.volunteerSlotStart[v + 1] && !done; y++) {
          if (vacate.mover[y] === -2 || !schedule.canUse(t, y, -1) || !fine(t, schedule.regretOf(t, -1, y))) continue;
          let end = y;
          let gain = cost(t, y);
          for (let steps = 0; vacate.mover[end] >= 0 && steps <= model.slotIds.length; steps++) {
            gain += cost(vacate.mover[end], vacate.next[end]) - cost(vacate.mover[end], end);
            end = vacate.next[end];
          }
          let u = -1;
          let dropped = end;
          if (vacate.mover[end] === -3) u = dropperFor(end, k, t);
          else if (vacate.mover[end] === -4) [u, dropped] = dropperAtMaximum(schedule, end, k, t, (w, z) => fine(w, schedule.regretOf(w, z)), cost);
          if (u < 0 || gain - cost(u, dropped) >= 0) continue;
          schedule.unassign(u, dropped);
          if (schedule.applyPath(t, y, vacate.mover, vacate.next, noWorse, -1)) {
            improved++;
            done = true;
          } else {
            schedule.assign(u, dropped);
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
function dropperAtMaximum(schedule: Schedule, 
  y: number,
  k: number,
  t: number,
  acceptable: (w: number, z: number) => boolean,
  cost: (w: number, z: number) => number,
): [number, number] {
  const { model } = schedule;
  const v = model.slotVolunteer[y];
  const o = model.volunteerOrg[v];
  const byVolunteer = schedule.volunteerLoad[v] >= model.volunteerMax[v];
  const first = byVolunteer ? model.volunteerSlotStart[v] : model.orgSlotStart[o];
  const last = byVolunteer ? model.volunteerSlotStart[v + 1] : model.orgSlotStart[o + 1];
  let best: [number, number] = [-1, -1];
  let bestCost = -1;
  for (let z = first; z < last; z++) {
    for (const u of schedule.occupants[z]) {
      if (u === t || model.fixedCount[u] + schedule.slotsOf[u].length !== k + 1 || !acceptable(u, z)) continue;
      // The interview moves from z's volunteer to y's: z's volunteer must stay at its minimum.
      const vz = model.slotVolunteer[z];
      if (vz !== v && schedule.volunteerLoad[vz] <= model.volunteerMin[vz]) continue;
      if (cost(u, z) > bestCost) {
        bestCost = cost(u, z);
        best = [u, z];
      }
    }
  }
  return best;
}

/** The exact cost change of s moving x → y along the recorded chain (∞ if the chain loops). */
function chainGain(schedule: Schedule, s: number, x: number, y: number, mover: Int32Array, next: Int32Array, cost: (w: number, x: number) => number): number {
  let gain = cost(s, y) - cost(s, x);
  let steps = 0;
  for (let z = y; mover[z] >= 0; z = next[z]) {
    if (++steps > schedule.model.slotIds.length) return Infinity;
    gain += cost(mover[z], next[z]) - cost(mover[z], z);
  }
  return gain;
}

/** Label-correcting search from the slots with room: the least cost change that vacates each slot. */
function cheapestVacate(schedule: Schedule, rule: MoveRule, cost: (w: number, x: number) => number): { mover: Int32Array; next: Int32Array; dist: Float64Array } {
  const { model } = schedule;
  const slotCount = model.slotIds.length;
  const mover = new Int32Array(slotCount).fill(-2);
  const next = new Int32Array(slotCount).fill(-1);
  const dist = new Float64Array(slotCount).fill(Infinity);
  const updates = new Int32Array(slotCount);
  const queue: number[] = [];
  for (let y = 0; y < slotCount; y++) {
    if (schedule.occupants[y].length < model.slotCapacity[y] && schedule.canAdd(model.slotVolunteer[y])) {
      mover[y] = -1;
      dist[y] = 0;
      queue.push(y);
    }
  }
  const choosers = schedule.choosers();
  // Each slot is relabelled a few times at most: enough for short improving chains, and no
  // endless loop on a negative cycle (chainGain refuses loops).
  for (let head = 0; head < queue.length; head++) {
    const y = queue[head];
    const v = model.slotVolunteer[y];
    for (let i = choosers.start[v]; i < choosers.start[v + 1]; i++) {
      const w = choosers.student[i];
      for (const x of schedule.slotsOf[w]) {
        if (x === y || mover[x] === -1) continue;
        const d = dist[y] + cost(w, y) - cost(w, x);
        if (d >= dist[x] || updates[x] >= 4 || !schedule.canUse(w, y, x) || !rule(w, x, y)) continue;
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
