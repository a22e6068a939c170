import type { AllocationInput, AllocationResult, TimeInterval } from './types';

/**
 * Checks a result against the raw input, independently of the solver's model (no shared code
 * beyond the types): the hard constraints of issue 3 and the consistency of the statistics.
 * Used by the property tests and the benchmark; returns one line per violation.
 */
export function findViolations(input: AllocationInput, result: AllocationResult): string[] {
  const problems: string[] = [];
  const overlaps = (a: TimeInterval, b: TimeInterval) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;
  const slots = new Map(input.slots.map((s) => [s.id, s]));
  const groups = new Map((input.groups ?? []).map((g) => [g.id, g.volunteerIds]));
  const students = new Map(input.students.map((s) => [s.id, s]));
  const rankCount = input.rankCount ?? 5;
  const used = new Map<string, number>();
  const byStudent = new Map<string, AllocationResult['assignments']>();

  for (const a of result.assignments) {
    const slot = slots.get(a.slotId);
    const student = students.get(a.studentId);
    if (!slot || !student) {
      problems.push(`unknown slot or student in ${JSON.stringify(a)}`);
      continue;
    }
    if (slot.volunteerId !== a.volunteerId || slot.startsAt !== a.startsAt || slot.endsAt !== a.endsAt) {
      problems.push(`${a.studentId}: assignment does not match slot ${a.slotId}`);
    }
    used.set(a.slotId, (used.get(a.slotId) ?? 0) + 1);
    let best = Infinity;
    for (const c of student.choices) {
      const hit = 'groupId' in c ? (groups.get(c.groupId) ?? []).includes(a.volunteerId) : c.volunteerId === a.volunteerId;
      if (hit) best = Math.min(best, c.rank);
    }
    if (best === Infinity) problems.push(`${a.studentId}: ${a.volunteerId} was not chosen`);
    else if (best !== a.rank) problems.push(`${a.studentId}: ${a.volunteerId} has rank ${best}, reported ${a.rank}`);
    if ((student.unavailable ?? []).some((u) => overlaps(u, slot))) problems.push(`${a.studentId}: ${a.slotId} is in unavailable time`);
    const list = byStudent.get(a.studentId) ?? [];
    list.push(a);
    byStudent.set(a.studentId, list);
  }
  for (const [slotId, count] of used) {
    const slot = slots.get(slotId);
    if (slot && count > slot.capacity) problems.push(`slot ${slotId}: ${count} > capacity ${slot.capacity}`);
  }
  for (const [studentId, list] of byStudent) {
    const student = students.get(studentId);
    if (!student) continue;
    const all: Array<TimeInterval & { volunteerId: string }> = [...(student.fixedBookings ?? []), ...list];
    if (all.length > input.maxInterviewsPerStudent) problems.push(`${studentId}: ${all.length} interviews > limit`);
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        if (overlaps(all[i], all[j])) problems.push(`${studentId}: interviews overlap`);
        if (all[i].volunteerId === all[j].volunteerId) problems.push(`${studentId}: same volunteer twice`);
      }
    }
  }

  const withPreferences = input.students.filter((s) => s.choices.length > 0);
  const histogram = new Array<number>(rankCount).fill(0);
  result.assignments.forEach((a) => histogram[a.rank - 1]++);
  const objective = result.assignments.reduce((sum, a) => sum + rankCount + 1 - a.rank, 0);
  const expect = (name: string, actual: unknown, wanted: unknown) => {
    if (JSON.stringify(actual) !== JSON.stringify(wanted)) problems.push(`stats.${name} is ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`);
  };
  expect('studentsWithPreferences', result.stats.studentsWithPreferences, withPreferences.length);
  expect('studentsPlaced', result.stats.studentsPlaced, byStudent.size);
  expect('interviewsPlaced', result.stats.interviewsPlaced, result.assignments.length);
  expect('choiceHistogram', result.stats.choiceHistogram, histogram);
  expect('objective', result.stats.objective, objective);
  expect(
    'unplaced',
    result.unplaced.map((u) => u.studentId),
    withPreferences
      .map((s) => s.id)
      .filter((id) => !byStudent.has(id))
      .sort(),
  );
  if (result.stats.objective > result.stats.upperBound) problems.push(`objective ${result.stats.objective} > upperBound ${result.stats.upperBound}`);
  return problems;
}

/**
 * The most students without a fixed booking that can each get one interview: a plain Kuhn
 * matching over (student, slot unit) built from the raw input. Level 1 of the leximin rule
 * must reach exactly this number among those students. For small instances only.
 */
export function maxFirstInterviews(input: AllocationInput): number {
  if (input.maxInterviewsPerStudent < 1) return 0;
  const overlaps = (a: TimeInterval, b: TimeInterval) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;
  const groups = new Map((input.groups ?? []).map((g) => [g.id, g.volunteerIds]));
  const units: number[] = [];
  input.slots.forEach((slot, i) => {
    for (let c = 0; c < slot.capacity; c++) units.push(i);
  });
  const edges = input.students
    .filter((s) => (s.fixedBookings ?? []).length === 0)
    .map((student) => {
      const chosen = new Set<string>();
      for (const c of student.choices) {
        if ('groupId' in c) (groups.get(c.groupId) ?? []).forEach((v) => chosen.add(v));
        else chosen.add(c.volunteerId);
      }
      const out: number[] = [];
      units.forEach((slotIndex, u) => {
        const slot = input.slots[slotIndex];
        if (chosen.has(slot.volunteerId) && !(student.unavailable ?? []).some((b) => overlaps(b, slot))) out.push(u);
      });
      return out;
    });
  const owner = new Array<number>(units.length).fill(-1);
  let matched = 0;
  for (let s = 0; s < edges.length; s++) {
    const seen = new Set<number>();
    const tryStudent = (t: number): boolean => {
      for (const u of edges[t]) {
        if (seen.has(u)) continue;
        seen.add(u);
        if (owner[u] < 0 || tryStudent(owner[u])) {
          owner[u] = t;
          return true;
        }
      }
      return false;
    };
    if (tryStudent(s)) matched++;
  }
  return matched;
}
