import type { AllocationInput, AllocationOrganization, TimeInterval, VolunteerLoad } from './types';

/** Input the solver refuses outright; the caller validates earlier, so this is a programming error there. */
export class AllocationInputError extends Error {
  override readonly name = 'AllocationInputError';
}

/**
 * The input in canonical, index-based form: every id sorted with plain code-unit comparison (not
 * localeCompare, whose order depends on the ICU build), so the same input in any order gives the
 * same model. Slots with no capacity left are dropped; time is reduced to "time classes" (the
 * distinct slot intervals), so a student's blocked times become a bitset over them.
 */
export interface AllocationModel {
  rankCount: number;
  limit: number;
  /** Least time between two interviews of one student, fixed bookings included (issue 12); 0: none. */
  gapMs: number;

  /** Sorted by (organization, volunteer id), so an organization's volunteers are contiguous. */
  volunteerIds: string[];
  /** Slots of volunteer v are [volunteerSlotStart[v], volunteerSlotStart[v + 1]), by time. */
  volunteerSlotStart: Int32Array;
  volunteerOrg: Int32Array;
  /** Interviews volunteer v may still take in this run (bookings before it deducted); NO_LIMIT when unbounded. */
  volunteerMax: Int32Array;
  /** Interviews volunteer v still needs to meet its minimum (0 when none or released). */
  volunteerMin: Int32Array;

  /** Organization ids as given; a volunteer in none gets its own (`orgIds[o]` is then `volunteer:<id>`). */
  orgIds: string[];
  /** Slots of organization o are [orgSlotStart[o], orgSlotStart[o + 1]); its volunteers [orgVolunteerStart[o], …). */
  orgSlotStart: Int32Array;
  orgVolunteerStart: Int32Array;
  orgMax: Int32Array;
  orgMin: Int32Array;

  timeClassStart: Float64Array;
  timeClassEnd: Float64Array;
  /** Uint32 words per student in `blocked`. */
  words: number;

  slotIds: string[];
  slotVolunteer: Int32Array;
  slotTimeClass: Int32Array;
  slotCapacity: Int32Array;

  studentIds: string[];
  hasPreferences: Uint8Array;
  fixedCount: Int32Array;
  /** The student's own limit, fixed bookings included (≤ limit). */
  studentLimit: Int32Array;
  /** Bit t of student s: time class t overlaps an unavailable time or a fixed booking of s. */
  blocked: Uint32Array;
  /** Some chosen volunteer still has a slot with room (before time conflicts), for the reasons. */
  choiceHasRoom: Uint8Array;
  /**
   * Chosen volunteers with room, minus those of organizations s already has a fixed booking
   * with, by (rank, index).
   */
  choiceStart: Int32Array;
  choiceVolunteer: Int32Array;
  choiceRank: Int32Array;
  /**
   * Per student, ascending: the best cost (rank − 1) of each chosen organization the student
   * could attend alone; `bestCost[bestCostStart[s] + i]` is c_{i+1} of the regret.
   */
  bestCostStart: Int32Array;
  bestCost: Int32Array;
}

/** "No maximum" in the load arrays. */
export const NO_LIMIT = 0x3fffffff;

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function checkInterval(what: string, interval: TimeInterval): void {
  if (!Number.isFinite(interval.startsAt) || !Number.isFinite(interval.endsAt) || interval.endsAt <= interval.startsAt) {
    throw new AllocationInputError(`${what}: endsAt must be a number after startsAt`);
  }
}

function checkCount(what: string, n: number | undefined): void {
  if (n !== undefined && (!Number.isInteger(n) || n < 0)) throw new AllocationInputError(`${what} must be a non-negative integer`);
}

interface Bounds {
  minInterviews?: number;
  maxInterviews?: number;
  bookedInterviews?: number;
}

/** What is left of a minimum and a maximum once the bookings before the run count. */
function remaining(what: string, b: Bounds | undefined, released: boolean): [min: number, max: number] {
  if (!b) return [0, NO_LIMIT];
  checkCount(`${what} minInterviews`, b.minInterviews);
  checkCount(`${what} maxInterviews`, b.maxInterviews);
  checkCount(`${what} bookedInterviews`, b.bookedInterviews);
  const booked = b.bookedInterviews ?? 0;
  if (b.maxInterviews !== undefined && b.minInterviews !== undefined && b.minInterviews > b.maxInterviews) {
    throw new AllocationInputError(`${what}: minInterviews is above maxInterviews`);
  }
  const max = b.maxInterviews === undefined ? NO_LIMIT : Math.max(0, b.maxInterviews - booked);
  const min = released ? 0 : Math.max(0, (b.minInterviews ?? 0) - booked);
  return [min, max];
}

/**
 * `released` names minimums to drop (`organization:<id>` or `volunteer:<id>`): the solver
 * releases a minimum it could not meet in full and builds the model again without it.
 */
export function buildModel(input: AllocationInput, released: ReadonlySet<string> = new Set()): AllocationModel {
  const rankCount = input.rankCount ?? 5;
  const limit = input.maxInterviewsPerStudent;
  if (!Number.isInteger(rankCount) || rankCount < 1) throw new AllocationInputError('rankCount must be a positive integer');
  if (!Number.isInteger(limit) || limit < 0) throw new AllocationInputError('maxInterviewsPerStudent must be a non-negative integer');
  const gapMs = input.minGapMs ?? 0;
  if (!Number.isFinite(gapMs) || gapMs < 0) throw new AllocationInputError('minGapMs must be a non-negative number');

  const seenSlots = new Set<string>();
  for (const slot of input.slots) {
    if (seenSlots.has(slot.id)) throw new AllocationInputError(`slot ${slot.id} appears twice`);
    seenSlots.add(slot.id);
    checkInterval(`slot ${slot.id}`, slot);
    if (!Number.isInteger(slot.capacity) || slot.capacity < 0) {
      throw new AllocationInputError(`slot ${slot.id}: capacity must be a non-negative integer`);
    }
  }

  // Organizations: each volunteer belongs to at most one; the rest are organizations of one.
  const orgOfVolunteerId = new Map<string, string>();
  const orgInput = new Map<string, AllocationOrganization>();
  for (const org of input.organizations ?? []) {
    if (orgInput.has(org.id)) throw new AllocationInputError(`organization ${org.id} appears twice`);
    orgInput.set(org.id, org);
    for (const v of org.volunteerIds) {
      if (orgOfVolunteerId.has(v)) throw new AllocationInputError(`volunteer ${v} is in two organizations`);
      orgOfVolunteerId.set(v, org.id);
    }
  }
  const orgKeyOf = (volunteerId: string) => orgOfVolunteerId.get(volunteerId) ?? `volunteer:${volunteerId}`;
  const loadInput = new Map<string, VolunteerLoad>();
  for (const load of input.volunteerLoads ?? []) {
    if (loadInput.has(load.volunteerId)) throw new AllocationInputError(`volunteer ${load.volunteerId} has two loads`);
    loadInput.set(load.volunteerId, load);
  }

  const slots = input.slots
    .filter((s) => s.capacity > 0)
    .map((s) => ({ ...s, org: orgKeyOf(s.volunteerId) }))
    .sort(
      (a, b) =>
        byCodeUnits(a.org, b.org) ||
        byCodeUnits(a.volunteerId, b.volunteerId) ||
        a.startsAt - b.startsAt ||
        a.endsAt - b.endsAt ||
        byCodeUnits(a.id, b.id),
    );

  const volunteerIds: string[] = [];
  const volunteerIndex = new Map<string, number>();
  const volunteerStarts: number[] = [];
  const orgIds: string[] = [];
  const orgIndex = new Map<string, number>();
  const orgSlotStarts: number[] = [];
  const orgVolunteerStarts: number[] = [];
  const volunteerOrg: number[] = [];
  slots.forEach((slot, i) => {
    if (!orgIndex.has(slot.org)) {
      orgIndex.set(slot.org, orgIds.length);
      orgIds.push(slot.org);
      orgSlotStarts.push(i);
      orgVolunteerStarts.push(volunteerIds.length);
    }
    if (!volunteerIndex.has(slot.volunteerId)) {
      volunteerIndex.set(slot.volunteerId, volunteerIds.length);
      volunteerIds.push(slot.volunteerId);
      volunteerStarts.push(i);
      volunteerOrg.push(orgIds.length - 1);
    }
  });
  volunteerStarts.push(slots.length);
  orgSlotStarts.push(slots.length);
  orgVolunteerStarts.push(volunteerIds.length);

  const volunteerMax = new Int32Array(volunteerIds.length);
  const volunteerMin = new Int32Array(volunteerIds.length);
  volunteerIds.forEach((id, v) => {
    [volunteerMin[v], volunteerMax[v]] = remaining(`volunteer ${id}`, loadInput.get(id), released.has(`volunteer:${id}`));
  });
  const orgMax = new Int32Array(orgIds.length);
  const orgMin = new Int32Array(orgIds.length);
  orgIds.forEach((id, o) => {
    [orgMin[o], orgMax[o]] = remaining(`organization ${id}`, orgInput.get(id), released.has(`organization:${id}`));
  });
  const volunteerHasRoom = (v: number) => volunteerMax[v] > 0 && orgMax[volunteerOrg[v]] > 0;

  const intervals = [...new Set(slots.map((s) => `${s.startsAt}/${s.endsAt}`))]
    .map((key) => key.split('/').map(Number))
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const timeClassIndex = new Map<string, number>(intervals.map(([s, e], i) => [`${s}/${e}`, i]));
  const timeClassStart = Float64Array.from(intervals, (i) => i[0]);
  const timeClassEnd = Float64Array.from(intervals, (i) => i[1]);
  const longest = intervals.reduce((m, [s, e]) => Math.max(m, e - s), 0);
  const timeClassCount = intervals.length;
  const words = Math.max(1, Math.ceil(timeClassCount / 32));
  const slotTimeClass = Int32Array.from(slots, (s) => timeClassIndex.get(`${s.startsAt}/${s.endsAt}`) ?? -1);

  const groups = new Map<string, number[]>();
  for (const group of input.groups ?? []) {
    if (groups.has(group.id)) throw new AllocationInputError(`group ${group.id} appears twice`);
    const members: number[] = [];
    for (const id of group.volunteerIds) {
      const v = volunteerIndex.get(id);
      if (v !== undefined) members.push(v);
    }
    groups.set(group.id, members);
  }

  const students = [...input.students].sort((a, b) => byCodeUnits(a.id, b.id));
  const n = students.length;
  const studentIds = students.map((s) => s.id);
  for (let i = 1; i < n; i++) {
    if (studentIds[i] === studentIds[i - 1]) throw new AllocationInputError(`student ${studentIds[i]} appears twice`);
  }

  const hasPreferences = new Uint8Array(n);
  const fixedCount = new Int32Array(n);
  const studentLimit = new Int32Array(n);
  const blocked = new Uint32Array(n * words);
  const choiceHasRoom = new Uint8Array(n);
  const choiceStart = new Int32Array(n + 1);
  const choiceVolunteer: number[] = [];
  const choiceRank: number[] = [];
  const bestCostStart = new Int32Array(n + 1);
  const bestCost: number[] = [];

  // Per-student scratch indexed by volunteer or organization, reset through `touched` so a
  // student costs O(its choices), not O(volunteers).
  const bestRank = new Int32Array(volunteerIds.length);
  const fixedWithOrg = new Uint8Array(orgIds.length);
  const orgBest = new Int32Array(orgIds.length);
  const touched: number[] = [];
  const touchedOrgs: number[] = [];

  const block = (s: number, interval: TimeInterval): void => {
    // Time classes are sorted by start; only those starting in (start - longest, end) can overlap.
    let lo = 0;
    let hi = timeClassCount;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (timeClassStart[mid] <= interval.startsAt - longest) lo = mid + 1;
      else hi = mid;
    }
    for (let t = lo; t < timeClassCount && timeClassStart[t] < interval.endsAt; t++) {
      if (timeClassEnd[t] > interval.startsAt) blocked[s * words + (t >>> 5)] |= 1 << (t & 31);
    }
  };
  const attendable = (s: number, v: number): boolean => {
    for (let x = volunteerStarts[v]; x < volunteerStarts[v + 1]; x++) {
      const t = slotTimeClass[x];
      if ((blocked[s * words + (t >>> 5)] & (1 << (t & 31))) === 0) return true;
    }
    return false;
  };
  const orgIdsByInput = new Map(orgIds.map((id, o) => [id, o]));

  students.forEach((student, s) => {
    hasPreferences[s] = student.choices.length > 0 ? 1 : 0;
    checkCount(`student ${student.id} maxInterviews`, student.maxInterviews);
    studentLimit[s] = Math.min(limit, student.maxInterviews ?? limit);
    for (const interval of student.unavailable ?? []) {
      checkInterval(`student ${student.id} unavailable`, interval);
      block(s, interval);
    }
    const fixedOrgs: number[] = [];
    for (const booking of student.fixedBookings ?? []) {
      checkInterval(`student ${student.id} fixed booking`, booking);
      // Issue 12: a new interview keeps the gap from the student's bookings in the event too.
      block(s, { startsAt: booking.startsAt - gapMs, endsAt: booking.endsAt + gapMs });
      const o = orgIndex.get(orgKeyOf(booking.volunteerId));
      if (o !== undefined) {
        fixedWithOrg[o] = 1;
        fixedOrgs.push(o);
      }
    }
    fixedCount[s] = student.fixedBookings?.length ?? 0;

    const offer = (v: number, rank: number): void => {
      if (!volunteerHasRoom(v)) return;
      if (bestRank[v] === 0) touched.push(v);
      if (bestRank[v] === 0 || rank < bestRank[v]) bestRank[v] = rank;
    };
    for (const choice of student.choices) {
      if (!Number.isInteger(choice.rank) || choice.rank < 1 || choice.rank > rankCount) {
        throw new AllocationInputError(`student ${student.id}: rank ${choice.rank} is outside 1..${rankCount}`);
      }
      if ('groupId' in choice) {
        const members = groups.get(choice.groupId);
        if (!members) throw new AllocationInputError(`student ${student.id}: unknown group ${choice.groupId}`);
        for (const v of members) offer(v, choice.rank);
      } else if ('organizationId' in choice) {
        if (!orgInput.has(choice.organizationId)) {
          throw new AllocationInputError(`student ${student.id}: unknown organization ${choice.organizationId}`);
        }
        const o = orgIdsByInput.get(choice.organizationId);
        if (o !== undefined) for (let v = orgVolunteerStarts[o]; v < orgVolunteerStarts[o + 1]; v++) offer(v, choice.rank);
      } else {
        const v = volunteerIndex.get(choice.volunteerId);
        if (v !== undefined) offer(v, choice.rank);
      }
    }
    choiceHasRoom[s] = touched.length > 0 ? 1 : 0;
    touched.sort((a, b) => bestRank[a] - bestRank[b] || a - b);
    for (const v of touched) {
      const o = volunteerOrg[v];
      if (!fixedWithOrg[o]) {
        choiceVolunteer.push(v);
        choiceRank.push(bestRank[v]);
        if (attendable(s, v)) {
          if (orgBest[o] === 0) touchedOrgs.push(o);
          if (orgBest[o] === 0 || bestRank[v] < orgBest[o]) orgBest[o] = bestRank[v];
        }
      }
      bestRank[v] = 0;
    }
    touched.length = 0;
    for (const o of fixedOrgs) fixedWithOrg[o] = 0;
    choiceStart[s + 1] = choiceVolunteer.length;
    const costs = touchedOrgs.map((o) => orgBest[o] - 1).sort((a, b) => a - b);
    for (const o of touchedOrgs) orgBest[o] = 0;
    touchedOrgs.length = 0;
    bestCost.push(...costs);
    bestCostStart[s + 1] = bestCost.length;
  });

  return {
    rankCount,
    limit,
    gapMs,
    volunteerIds,
    volunteerSlotStart: Int32Array.from(volunteerStarts),
    volunteerOrg: Int32Array.from(volunteerOrg),
    volunteerMax,
    volunteerMin,
    orgIds,
    orgSlotStart: Int32Array.from(orgSlotStarts),
    orgVolunteerStart: Int32Array.from(orgVolunteerStarts),
    orgMax,
    orgMin,
    timeClassStart,
    timeClassEnd,
    words,
    slotIds: slots.map((s) => s.id),
    slotVolunteer: Int32Array.from(slots, (s) => volunteerIndex.get(s.volunteerId) ?? -1),
    slotTimeClass,
    slotCapacity: Int32Array.from(slots, (s) => s.capacity),
    studentIds,
    hasPreferences,
    fixedCount,
    studentLimit,
    blocked,
    choiceHasRoom,
    choiceStart,
    choiceVolunteer: Int32Array.from(choiceVolunteer),
    choiceRank: Int32Array.from(choiceRank),
    bestCostStart,
    bestCost: Int32Array.from(bestCost),
  };
}

/** Least total cost of k interviews with distinct organizations for student s (the regret's baseline). */
export function bestTotalCost(model: AllocationModel, s: number, k: number): number {
  let sum = 0;
  const start = model.bestCostStart[s];
  const end = Math.min(model.bestCostStart[s + 1], start + k);
  for (let i = start; i < end; i++) sum += model.bestCost[i];
  return sum;
}

export function isBlocked(model: AllocationModel, s: number, timeClass: number): boolean {
  return (model.blocked[s * model.words + (timeClass >>> 5)] & (1 << (timeClass & 31))) !== 0;
}

/** Two interviews at these times may not both be one student's: they overlap, or are closer than the gap (issue 12). */
export function timeClassesOverlap(model: AllocationModel, a: number, b: number): boolean {
  const gap = model.gapMs;
  return model.timeClassStart[a] < model.timeClassEnd[b] + gap && model.timeClassStart[b] < model.timeClassEnd[a] + gap;
}
