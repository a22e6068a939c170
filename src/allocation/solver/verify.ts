import type { AllocationInput, AllocationResult, AllocationStudent, TimeInterval } from './types';

/**
 * Checks a result against the raw input, independently of the solver's model (no shared code
 * beyond the types): the hard constraints of issue 3 and the consistency of the statistics.
 * Used by the property tests and the benchmark; returns one line per violation.
 */
export function findViolations(input: AllocationInput, result: AllocationResult): string[] {
  const problems: string[] = [];
  const overlaps = (a: TimeInterval, b: TimeInterval) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;
  const slots = new Map(input.slots.map((s) => [s.id, s]));
  const students = new Map(input.students.map((s) => [s.id, s]));
  const rankCount = input.rankCount ?? 5;
  const gap = input.minGapMs ?? 0;
  const orgOf = organizationOf(input);
  const used = new Map<string, number>();
  const byStudent = new Map<string, AllocationResult['assignments']>();
  const newPerVolunteer = new Map<string, number>();

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
    newPerVolunteer.set(a.volunteerId, (newPerVolunteer.get(a.volunteerId) ?? 0) + 1);
    const best = bestRanks(input, student).get(a.volunteerId);
    if (best === undefined) problems.push(`${a.studentId}: ${a.volunteerId} was not chosen`);
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
    const limit = Math.min(input.maxInterviewsPerStudent, student.maxInterviews ?? Infinity);
    if (all.length > limit) problems.push(`${studentId}: ${all.length} interviews > limit ${limit}`);
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        if (overlaps(all[i], all[j])) problems.push(`${studentId}: interviews overlap`);
        else if (gap > 0 && all[i].startsAt < all[j].endsAt + gap && all[j].startsAt < all[i].endsAt + gap) {
          problems.push(`${studentId}: interviews closer than the gap`);
        }
        if (orgOf(all[i].volunteerId) === orgOf(all[j].volunteerId)) problems.push(`${studentId}: same organization twice`);
      }
    }
  }

  // Loads: maxima always hold; a minimum is reported, and "met" exactly when it is.
  const newPerOrg = new Map<string, number>();
  for (const [v, n] of newPerVolunteer) newPerOrg.set(orgOf(v), (newPerOrg.get(orgOf(v)) ?? 0) + n);
  const bounded: Array<{ kind: 'organization' | 'volunteer'; id: string; load: number; b: Bounds }> = [
    ...(input.organizations ?? []).map((o) => ({ kind: 'organization' as const, id: o.id, load: newPerOrg.get(`org:${o.id}`) ?? 0, b: o })),
    ...(input.volunteerLoads ?? []).map((l) => ({ kind: 'volunteer' as const, id: l.volunteerId, load: newPerVolunteer.get(l.volunteerId) ?? 0, b: l })),
  ];
  for (const { kind, id, load, b } of bounded) {
    const interviews = (b.bookedInterviews ?? 0) + load;
    if (b.maxInterviews !== undefined && load > 0 && interviews > b.maxInterviews) problems.push(`${kind} ${id}: ${interviews} > max ${b.maxInterviews}`);
    if (!b.minInterviews) continue;
    const line = result.loads.find((l) => l.kind === kind && l.id === id);
    const status = interviews >= b.minInterviews ? 'met' : 'released';
    if (!line || line.interviews !== interviews || line.status !== status) {
      problems.push(`${kind} ${id}: load report ${JSON.stringify(line)}, expected ${interviews} interviews, ${status}`);
    }
  }
  if (result.loads.length !== bounded.filter((x) => x.b.minInterviews).length) problems.push('load report has extra lines');

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

  const regrets = [...byStudent].map(([id, list]) => ({ studentId: id, regret: regretOf(input, students.get(id)!, list) }));
  const worst = regrets.reduce((m, r) => Math.max(m, r.regret), 0);
  expect('worstRegret', result.stats.worstRegret, worst);
  expect('studentsAtWorstRegret', result.stats.studentsAtWorstRegret, worst === 0 ? regrets.length : regrets.filter((r) => r.regret === worst).length);
  expect(
    'regrets',
    result.regrets,
    regrets.filter((r) => r.regret > 0).sort((a, b) => (a.studentId < b.studentId ? -1 : 1)),
  );
  if (result.stats.regretLowerBound > worst) problems.push(`regretLowerBound ${result.stats.regretLowerBound} > worst ${worst}`);
  if (result.stats.regretProven !== (result.stats.regretLowerBound === worst)) problems.push('regretProven disagrees with the bound');
  return problems;
}

interface Bounds {
  minInterviews?: number;
  maxInterviews?: number;
  bookedInterviews?: number;
}

/** A volunteer's organization id, or a key of its own when it has none. */
export function organizationOf(input: AllocationInput): (volunteerId: string) => string {
  const org = new Map<string, string>();
  for (const o of input.organizations ?? []) for (const v of o.volunteerIds) org.set(v, `org:${o.id}`);
  return (v) => org.get(v) ?? `volunteer:${v}`;
}

/** Each volunteer a student's choices reach, at its best rank. */
export function bestRanks(input: AllocationInput, student: AllocationStudent): Map<string, number> {
  const groups = new Map((input.groups ?? []).map((g) => [g.id, g.volunteerIds]));
  const orgs = new Map((input.organizations ?? []).map((o) => [o.id, o.volunteerIds]));
  const ranks = new Map<string, number>();
  for (const c of student.choices) {
    const volunteers = 'groupId' in c ? (groups.get(c.groupId) ?? []) : 'organizationId' in c ? (orgs.get(c.organizationId) ?? []) : [c.volunteerId];
    for (const v of volunteers) ranks.set(v, Math.min(ranks.get(v) ?? Infinity, c.rank));
  }
  return ranks;
}

/**
 * The regret of types.ts, from the raw input: cost of the new interviews minus the k best
 * per-organization costs over chosen volunteers the student could attend alone (a slot with
 * room outside their unavailable times and bookings, its loads' maxima not already used up,
 * its organization not already booked).
 */
export function regretOf(input: AllocationInput, student: AllocationStudent, got: ReadonlyArray<{ rank: number }>): number {
  const best = bestCosts(input, student);
  const cost = got.reduce((sum, a) => sum + a.rank - 1, 0);
  return cost - best.slice(0, got.length).reduce((a, b) => a + b, 0);
}

/** The per-organization best costs (rank − 1) the regret compares with, ascending. */
export function bestCosts(input: AllocationInput, student: AllocationStudent): number[] {
  const overlaps = (a: TimeInterval, b: TimeInterval) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;
  const orgOf = organizationOf(input);
  const orgInput = new Map((input.organizations ?? []).map((o) => [`org:${o.id}`, o]));
  const loads = new Map((input.volunteerLoads ?? []).map((l) => [l.volunteerId, l]));
  const full = (b: Bounds | undefined) => b?.maxInterviews !== undefined && b.maxInterviews - (b.bookedInterviews ?? 0) <= 0;
  const busy = [...(student.unavailable ?? []), ...(student.fixedBookings ?? [])];
  const bookedOrgs = new Set((student.fixedBookings ?? []).map((b) => orgOf(b.volunteerId)));
  const perOrg = new Map<string, number>();
  for (const [v, rank] of bestRanks(input, student)) {
    const org = orgOf(v);
    if (bookedOrgs.has(org) || full(loads.get(v)) || full(orgInput.get(org))) continue;
    const open = input.slots.some((x) => x.volunteerId === v && x.capacity > 0 && !busy.some((b) => overlaps(b, x)));
    if (open) perOrg.set(org, Math.min(perOrg.get(org) ?? Infinity, rank - 1));
  }
  return [...perOrg.values()].sort((a, b) => a - b);
}

/**
 * The most students without a fixed booking that can each get one interview: a plain Kuhn
 * matching over (student, slot unit) built from the raw input. Level 1 of the leximin rule
 * must reach exactly this number among those students. For small instances only.
 */
export function maxFirstInterviews(input: AllocationInput): number {
  if (input.maxInterviewsPerStudent < 1) return 0;
  const overlaps = (a: TimeInterval, b: TimeInterval) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;
  const units: number[] = [];
  input.slots.forEach((slot, i) => {
    for (let c = 0; c < slot.capacity; c++) units.push(i);
  });
  const edges = input.students
    .filter((s) => (s.fixedBookings ?? []).length === 0 && (s.maxInterviews ?? 1) > 0)
    .map((student) => {
      const chosen = new Set(bestRanks(input, student).keys());
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
