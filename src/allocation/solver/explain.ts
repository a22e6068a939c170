import type { AllocationInput, AllocationResult, ChoiceExplanation, StudentExplanation, TimeInterval } from './types';
import { bestRanks, organizationOf } from './verify';

/**
 * Why each student with preferences got what they got (issue 14), read from the raw input and
 * the result alone, so it explains any result the same way. Other students appear only as
 * counts, never by id. `studentIds` limits the work to some students (all when left out).
 */
export function explainAllocation(input: AllocationInput, result: AllocationResult, studentIds?: readonly string[]): StudentExplanation[] {
  const overlaps = (a: TimeInterval, b: TimeInterval) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;
  // Issue 12: one student's interviews (fixed bookings included) keep the event's gap.
  const gap = input.minGapMs ?? 0;
  const near = (a: TimeInterval, b: TimeInterval) => a.startsAt < b.endsAt + gap && b.startsAt < a.endsAt + gap;
  const orgOf = organizationOf(input);
  const groups = new Map((input.groups ?? []).map((g) => [g.id, g.volunteerIds]));
  const orgMembers = new Map((input.organizations ?? []).map((o) => [o.id, o.volunteerIds]));
  const slotsOf = new Map<string, AllocationInput['slots'][number][]>();
  for (const slot of input.slots) if (slot.capacity > 0) slotsOf.set(slot.volunteerId, [...(slotsOf.get(slot.volunteerId) ?? []), slot]);
  const occupants = new Map<string, string[]>();
  const assignedTo = new Map<string, AllocationResult['assignments']>();
  const perVolunteer = new Map<string, number>();
  for (const a of result.assignments) {
    occupants.set(a.slotId, [...(occupants.get(a.slotId) ?? []), a.studentId]);
    assignedTo.set(a.studentId, [...(assignedTo.get(a.studentId) ?? []), a]);
    perVolunteer.set(a.volunteerId, (perVolunteer.get(a.volunteerId) ?? 0) + 1);
  }
  const perOrg = new Map<string, number>();
  for (const [v, n] of perVolunteer) perOrg.set(orgOf(v), (perOrg.get(orgOf(v)) ?? 0) + n);
  const volunteerMax = new Map((input.volunteerLoads ?? []).map((l) => [l.volunteerId, l]));
  const orgMax = new Map((input.organizations ?? []).map((o) => [`org:${o.id}`, o]));
  const atMax = (b: { maxInterviews?: number; bookedInterviews?: number } | undefined, load: number) =>
    b?.maxInterviews !== undefined && (b.bookedInterviews ?? 0) + load >= b.maxInterviews;
  const fullBefore = (v: string) => atMax(volunteerMax.get(v), 0) || atMax(orgMax.get(orgOf(v)), 0);
  const fullNow = (v: string) => atMax(volunteerMax.get(v), perVolunteer.get(v) ?? 0) || atMax(orgMax.get(orgOf(v)), perOrg.get(orgOf(v)) ?? 0);
  const regret = new Map(result.regrets.map((r) => [r.studentId, r.regret]));
  const students = new Map(input.students.map((s) => [s.id, s]));
  const ranksCache = new Map<string, Map<string, number>>();
  const ranksOf = (id: string) => {
    let r = ranksCache.get(id);
    if (!r) ranksCache.set(id, (r = bestRanks(input, students.get(id)!)));
    return r;
  };

  const wanted = studentIds ? studentIds.map((id) => students.get(id)).filter((s) => s !== undefined) : input.students;
  return wanted
    .filter((s) => s.choices.length > 0)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((student) => {
      const mine = assignedTo.get(student.id) ?? [];
      const fixed = student.fixedBookings ?? [];
      const limit = Math.min(input.maxInterviewsPerStudent, student.maxInterviews ?? Infinity);
      const full = fixed.length + mine.length >= limit;
      const worstGot = mine.reduce((m, a) => Math.max(m, a.rank), 0);
      const heldOrgs = new Set([...fixed, ...mine].map((b) => orgOf(b.volunteerId)));
      const unavailable = student.unavailable ?? [];
      const myRanks = ranksOf(student.id);
      const choices = student.choices.map((choice): ChoiceExplanation => {
        const named =
          'groupId' in choice ? { groupId: choice.groupId } : 'organizationId' in choice ? { organizationId: choice.organizationId } : { volunteerId: choice.volunteerId };
        const line = (outcome: ChoiceExplanation['outcome'], extra: Partial<ChoiceExplanation> = {}): ChoiceExplanation => ({
          rank: choice.rank,
          ...named,
          outcome,
          ...extra,
        });
        const volunteers =
          'groupId' in choice ? (groups.get(choice.groupId) ?? []) : 'organizationId' in choice ? (orgMembers.get(choice.organizationId) ?? []) : [choice.volunteerId];
        if (mine.some((a) => volunteers.includes(a.volunteerId))) return line('assigned');
        const open = volunteers.filter((v) => !heldOrgs.has(orgOf(v)));
        if (volunteers.length > 0 && open.length === 0) return line('same-organization');
        if (full && choice.rank >= worstGot) return line('not-needed');
        const withRoom = open.filter((v) => !fullBefore(v)).flatMap((v) => slotsOf.get(v) ?? []);
        if (withRoom.length === 0) return line('no-room');
        const attendable = withRoom.filter((x) => !unavailable.some((b) => overlaps(b, x)) && !fixed.some((b) => near(b, x)));
        if (attendable.length === 0) return line('unavailable');
        const fits = attendable.filter((x) => !mine.some((a) => near(a, x)));
        if (fits.length === 0) return line('clashes-with-interview');
        if (full) return line('not-needed');
        const free = fits.filter((x) => (occupants.get(x.id)?.length ?? 0) < x.capacity);
        if (free.length > 0) return line(free.every((x) => fullNow(x.volunteerId)) ? 'load-limit' : 'kept-free');
        let higher = 0;
        let fairness = 0;
        for (const x of fits) {
          for (const other of occupants.get(x.id) ?? []) {
            const theirs = ranksOf(other).get(x.volunteerId) ?? Infinity;
            if (theirs <= (myRanks.get(x.volunteerId) ?? choice.rank)) higher++;
            else fairness++;
          }
        }
        return line('taken', { heldAtHigherPriority: higher, heldByFairness: fairness, slotsConsidered: fits.length });
      });
      return {
        studentId: student.id,
        interviews: mine.length,
        limit,
        fixedBookings: fixed.length,
        regret: regret.get(student.id) ?? 0,
        choices,
      };
    });
}
