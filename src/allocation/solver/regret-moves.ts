import type { MoveRule, Schedule } from './schedule';

/**
 * The regret phase's moves on a Schedule (issue 14): lower the worst-off students' regret
 * without raising anyone else's to it. Every move goes through the schedule's primitives
 * (backward searches, chains checked as they are applied), so the hard rules always hold.
 */

/**
 * Lowers the worst regret: each student at the current worst R tries to swap one interview for
 * a better-ranked choice, whose slot is free or can be vacated by a chain of moves after which
 * every mover's regret stays below R. Repeats while the worst regret or the number of students
 * at it falls; stops at `lowerBound` (proven least) or when a whole pass changes nothing.
 */
export function reduceRegret(schedule: Schedule, lottery: Int32Array, lowerBound: number): void {
  const { model } = schedule;
  // A student whose every move failed is not tried again at the same worst regret, and the
  // searches that cost a full scan each (swaps, transfers) are capped, so the phase stays
  // near-linear on large events; both are deterministic, like everything else here.
  const stuck = new Uint8Array(model.studentIds.length);
  let stuckAt = -1;
  for (;;) {
    let worst = 0;
    const atWorst: number[] = [];
    for (const s of lottery) {
      if (schedule.slotsOf[s].length === 0) continue;
      const r = schedule.regretOf(s);
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
    const rule: MoveRule = (w, from, to) => schedule.regretOf(w, from, to) < worst;
    let vacate: { mover: Int32Array; next: Int32Array } | null = null;
    let improved = 0;
    for (const s of atWorst) {
      if (stuck[s] || schedule.regretOf(s) < worst) continue;
      vacate ??= schedule.vacatable(rule);
      if (improveOne(schedule, s, worst, rule, vacate)) {
        improved++;
        continue;
      }
      if (schedule.budget.left > 0) {
        // Each of these runs about one backward search per interview s holds, plus one.
        schedule.budget.left -= schedule.searchCost() * (schedule.slotsOf[s].length + 1);
        if (swapOne(schedule, s, worst, rule) || transferOne(schedule, s, worst, rule, lottery) || giveOne(schedule, s, worst, rule)) {
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

export function improveOne(schedule: Schedule, s: number, worst: number, rule: MoveRule, vacate: { mover: Int32Array; next: Int32Array }): boolean {
  const { model } = schedule;
  // Worst-ranked interview first: replacing it gains the most.
  const held = [...schedule.slotsOf[s]].sort((a, b) => schedule.rankOf(s, model.slotVolunteer[b]) - schedule.rankOf(s, model.slotVolunteer[a]));
  for (const x of held) {
    const vx = model.slotVolunteer[x];
    const rankX = schedule.rankOf(s, vx);
    for (let c = model.choiceStart[s]; c < model.choiceStart[s + 1] && model.choiceRank[c] < rankX; c++) {
      const v = model.choiceVolunteer[c];
      for (let y = model.volunteerSlotStart[v]; y < model.volunteerSlotStart[v + 1]; y++) {
        if (vacate.mover[y] === -2 || !schedule.canUse(s, y, x) || schedule.regretOf(s, x, y) >= worst) continue;
        if (schedule.applyPath(s, y, vacate.mover, vacate.next, rule, x)) return true;
      }
    }
  }
  return false;
}

/**
 * Like improveOne, but s leaves its interview x first, so the chain that makes room for s's
 * better choice may end in x itself (a swap or a cycle of moves). One search per interview,
 * so only for the students at the worst regret. Skips x when its volunteer or organization
 * is at its minimum (the chain might end elsewhere).
 */
function swapOne(schedule: Schedule, s: number, worst: number, rule: MoveRule): boolean {
  const { model } = schedule;
  for (const x of [...schedule.slotsOf[s]]) {
    const vx = model.slotVolunteer[x];
    const ox = model.volunteerOrg[vx];
    if (schedule.volunteerLoad[vx] <= model.volunteerMin[vx] || schedule.orgLoad[ox] <= model.orgMin[ox]) continue;
    const rankX = schedule.rankOf(s, vx);
    schedule.unassign(s, x);
    const vacate = schedule.vacatable(rule);
    for (let c = model.choiceStart[s]; c < model.choiceStart[s + 1] && model.choiceRank[c] < rankX; c++) {
      const v = model.choiceVolunteer[c];
      if (schedule.holdsOrg(s, model.volunteerOrg[v])) continue;
      for (let y = model.volunteerSlotStart[v]; y < model.volunteerSlotStart[v + 1]; y++) {
        if (vacate.mover[y] === -2 || !schedule.canUse(s, y, -1) || schedule.regretOf(s, -1, y) >= worst) continue;
        if (schedule.applyPath(s, y, vacate.mover, vacate.next, rule, -1)) return true;
      }
    }
    schedule.assign(s, x);
  }
  return false;
}

/**
 * Hands one of s's interviews to a student with one interview fewer (so the fairness profile
 * is unchanged): s drops an interview whose loss brings s below the worst regret, and another
 * student takes some slot (through a chain of moves that keeps everyone below it).
 */
function transferOne(schedule: Schedule, s: number, worst: number, rule: MoveRule, lottery: Int32Array): boolean {
  const { model } = schedule;
  const total = model.fixedCount[s] + schedule.slotsOf[s].length;
  if (schedule.slotsOf[s].length < 2) return false;
  for (const x of [...schedule.slotsOf[s]]) {
    const v = model.slotVolunteer[x];
    const o = model.volunteerOrg[v];
    // s's interview may go only if its volunteer and organization stay at their minimums anyway.
    if (schedule.regretOf(s, x) >= worst || schedule.volunteerLoad[v] <= model.volunteerMin[v] || schedule.orgLoad[o] <= model.orgMin[o]) continue;
    schedule.unassign(s, x);
    const vacate = schedule.vacatable(rule);
    for (const t of lottery) {
      if (t === s || model.fixedCount[t] + schedule.slotsOf[t].length !== total - 1 || total > model.studentLimit[t]) continue;
      for (let c = model.choiceStart[t]; c < model.choiceStart[t + 1]; c++) {
        const w = model.choiceVolunteer[c];
        if (schedule.holdsOrg(t, model.volunteerOrg[w])) continue;
        for (let y = model.volunteerSlotStart[w]; y < model.volunteerSlotStart[w + 1]; y++) {
          if (vacate.mover[y] === -2 || !schedule.canUse(t, y, -1) || schedule.regretOf(t, -1, y) >= worst) continue;
          if (schedule.applyPath(t, y, vacate.mover, vacate.next, rule, -1)) return true;
        }
      }
    }
    schedule.assign(s, x);
  }
  return false;
}

/**
 * s (at the worst regret) gains an interview while a student with one more interview than s
 * gives one up at the end of the chain, so the fairness profile stays: s's regret can fall
 * when a second interview comes with its second-best baseline.
 */
function giveOne(schedule: Schedule, s: number, worst: number, rule: MoveRule): boolean {
  const { model } = schedule;
  const total = (u: number) => model.fixedCount[u] + schedule.slotsOf[u].length;
  const k = total(s);
  if (k + 1 > model.studentLimit[s]) return false;
  const dropper = (y: number): number => {
    for (const u of schedule.occupants[y]) if (u !== s && total(u) === k + 1 && schedule.regretOf(u, y) < worst) return u;
    return -1;
  };
  const vacate = schedule.vacatable(rule, (y) => dropper(y) >= 0);
  for (let c = model.choiceStart[s]; c < model.choiceStart[s + 1]; c++) {
    const v = model.choiceVolunteer[c];
    if (schedule.holdsOrg(s, model.volunteerOrg[v])) continue;
    for (let y = model.volunteerSlotStart[v]; y < model.volunteerSlotStart[v + 1]; y++) {
      if (vacate.mover[y] === -2 || !schedule.canUse(s, y, -1) || schedule.regretOf(s, -1, y) >= worst) continue;
      let end = y;
      while (vacate.mover[end] >= 0) end = vacate.next[end];
      const u = dropper(end);
      if (u < 0) continue;
      schedule.unassign(u, end);
      if (schedule.applyPath(s, y, vacate.mover, vacate.next, rule, -1)) return true;
      schedule.assign(u, end);
    }
  }
  return false;
}
