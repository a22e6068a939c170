import type { AllocationInput, TimeInterval } from './types';

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

  volunteerIds: string[];
  /** Slots of volunteer v are [volunteerSlotStart[v], volunteerSlotStart[v + 1]), by time. */
  volunteerSlotStart: Int32Array;

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
  /** Bit t of student s: time class t overlaps an unavailable time or a fixed booking of s. */
  blocked: Uint32Array;
  /** Some chosen volunteer still has a slot with room (before time conflicts), for the reasons. */
  choiceHasRoom: Uint8Array;
  /** Chosen volunteers with room, minus those s already has a fixed booking with, by (rank, index). */
  choiceStart: Int32Array;
  choiceVolunteer: Int32Array;
  choiceRank: Int32Array;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function checkInterval(what: string, interval: TimeInterval): void {
  if (!Number.isFinite(interval.startsAt) || !Number.isFinite(interval.endsAt) || interval.endsAt <= interval.startsAt) {
    throw new AllocationInputError(`${what}: endsAt must be a number after startsAt`);
  }
}

export function buildModel(input: AllocationInput): AllocationModel {
  const rankCount = input.rankCount ?? 5;
  const limit = input.maxInterviewsPerStudent;
  if (!Number.isInteger(rankCount) || rankCount < 1) throw new AllocationInputError('rankCount must be a positive integer');
  if (!Number.isInteger(limit) || limit < 0) throw new AllocationInputError('maxInterviewsPerStudent must be a non-negative integer');

  const seenSlots = new Set<string>();
  for (const slot of input.slots) {
    if (seenSlots.has(slot.id)) throw new AllocationInputError(`slot ${slot.id} appears twice`);
    seenSlots.add(slot.id);
    checkInterval(`slot ${slot.id}`, slot);
    if (!Number.isInteger(slot.capacity) || slot.capacity < 0) {
      throw new AllocationInputError(`slot ${slot.id}: capacity must be a non-negative integer`);
    }
  }
  const slots = input.slots
    .filter((s) => s.capacity > 0)
    .sort(
      (a, b) =>
        byCodeUnits(a.volunteerId, b.volunteerId) || a.startsAt - b.startsAt || a.endsAt - b.endsAt || byCodeUnits(a.id, b.id),
    );

  const volunteerIds: string[] = [];
  const volunteerIndex = new Map<string, number>();
  const volunteerStarts: number[] = [];
  slots.forEach((slot, i) => {
    if (!volunteerIndex.has(slot.volunteerId)) {
      volunteerIndex.set(slot.volunteerId, volunteerIds.length);
      volunteerIds.push(slot.volunteerId);
      volunteerStarts.push(i);
    }
  });
  volunteerStarts.push(slots.length);

  const intervals = [...new Set(slots.map((s) => `${s.startsAt}/${s.endsAt}`))]
    .map((key) => key.split('/').map(Number))
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const timeClassIndex = new Map<string, number>(intervals.map(([s, e], i) => [`${s}/${e}`, i]));
  const timeClassStart = Float64Array.from(intervals, (i) => i[0]);
  const timeClassEnd = Float64Array.from(intervals, (i) => i[1]);
  const longest = intervals.reduce((m, [s, e]) => Math.max(m, e - s), 0);
  const timeClassCount = intervals.length;
  const words = Math.max(1, Math.ceil(timeClassCount / 32));

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
  const blocked = new Uint32Array(n * words);
  const choiceHasRoom = new Uint8Array(n);
  const choiceStart = new Int32Array(n + 1);
  const choiceVolunteer: number[] = [];
  const choiceRank: number[] = [];

  // Per-student scratch indexed by volunteer, reset through `touched` so a student costs
  // O(its choices), not O(volunteers).
  const bestRank = new Int32Array(volunteerIds.length);
  const fixedWith = new Uint8Array(volunteerIds.length);
  const touched: number[] = [];

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

  students.forEach((student, s) => {
    hasPreferences[s] = student.choices.length > 0 ? 1 : 0;
    for (const interval of student.unavailable ?? []) {
      checkInterval(`student ${student.id} unavailable`, interval);
      block(s, interval);
    }
    const fixedVolunteers: number[] = [];
    for (const booking of student.fixedBookings ?? []) {
      checkInterval(`student ${student.id} fixed booking`, booking);
      block(s, booking);
      const v = volunteerIndex.get(booking.volunteerId);
      if (v !== undefined) {
        fixedWith[v] = 1;
        fixedVolunteers.push(v);
      }
    }
    fixedCount[s] = student.fixedBookings?.length ?? 0;

    const offer = (v: number, rank: number): void => {
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
      } else {
        const v = volunteerIndex.get(choice.volunteerId);
        if (v !== undefined) offer(v, choice.rank);
      }
    }
    choiceHasRoom[s] = touched.length > 0 ? 1 : 0;
    touched.sort((a, b) => bestRank[a] - bestRank[b] || a - b);
    for (const v of touched) {
      if (!fixedWith[v]) {
        choiceVolunteer.push(v);
        choiceRank.push(bestRank[v]);
      }
      bestRank[v] = 0;
    }
    touched.length = 0;
    for (const v of fixedVolunteers) fixedWith[v] = 0;
    choiceStart[s + 1] = choiceVolunteer.length;
  });

  return {
    rankCount,
    limit,
    volunteerIds,
    volunteerSlotStart: Int32Array.from(volunteerStarts),
    timeClassStart,
    timeClassEnd,
    words,
    slotIds: slots.map((s) => s.id),
    slotVolunteer: Int32Array.from(slots, (s) => volunteerIndex.get(s.volunteerId) ?? -1),
    slotTimeClass: Int32Array.from(slots, (s) => timeClassIndex.get(`${s.startsAt}/${s.endsAt}`) ?? -1),
    slotCapacity: Int32Array.from(slots, (s) => s.capacity),
    studentIds,
    hasPreferences,
    fixedCount,
    blocked,
    choiceHasRoom,
    choiceStart,
    choiceVolunteer: Int32Array.from(choiceVolunteer),
    choiceRank: Int32Array.from(choiceRank),
  };
}

export function isBlocked(model: AllocationModel, s: number, timeClass: number): boolean {
  return (model.blocked[s * model.words + (timeClass >>> 5)] & (1 << (timeClass & 31))) !== 0;
}

export function timeClassesOverlap(model: AllocationModel, a: number, b: number): boolean {
  return model.timeClassStart[a] < model.timeClassEnd[b] && model.timeClassStart[b] < model.timeClassEnd[a];
}
