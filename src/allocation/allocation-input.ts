import { createHash } from 'node:crypto';
import type {
  AllocationInput,
  AllocationOrganization,
  AllocationStudent,
  FixedBooking,
  RankedChoice,
  TimeInterval,
  VolunteerLoad,
} from './solver';
import type { StoredChoice, StoredInterval } from './entities/allocation-preference.entity';
import type { PreferenceMode } from './entities/allocation-settings.entity';

/** The database state a run depends on, as plain rows (see AllocationSnapshotRepository). */
export interface AllocationSnapshot {
  maxInterviewsPerStudent: number;
  rankCount: number;
  /** ranked (default): rank = position; rated: rank = the student's rating 1..5, ties allowed. */
  preferenceMode?: PreferenceMode;
  /** Rated mode: a student's limit is how many choices they rated this or better (null: the event's). */
  acceptableRating?: number | null;
  /** Free slots of the event that have not started. */
  slots: { id: string; volunteerId: string; startsAt: Date; endsAt: Date }[];
  /** Volunteers with slots in the event, their expertise tags and organization. */
  volunteers: { id: string; expertise: string[]; organizationId?: string | null }[];
  preferences: { studentId: string; choices: StoredChoice[]; unavailable: StoredInterval[] }[];
  /** Confirmed bookings of students with preferences: in this event (fixed) or overlapping it. */
  bookings: { studentId: string; volunteerId: string; startsAt: Date; endsAt: Date; inEvent: boolean }[];
  /** The event's minimums and maxima per organization or volunteer. */
  loads?: { organizationId: string | null; volunteerId: string | null; minInterviews: number | null; maxInterviews: number | null }[];
  /** Issue 12: the event's least gap between one student's interviews, in minutes (0 or left out: none). */
  minGapMinutes?: number;
  /** Confirmed bookings in the event per volunteer (all students): they count toward the loads. */
  bookedPerVolunteer?: { volunteerId: string; count: number }[];
}

export const tagGroupId = (tag: string) => `tag:${tag}`;

export interface BuiltInput {
  input: AllocationInput;
  /**
   * Choices left out because what they name no longer interviews at the event (a withdrawn
   * volunteer, an organization with no one left): counted so the run says so, instead of the
   * choice failing silently. In ranked mode the ranks after it move up.
   */
  droppedChoices: number;
}

/**
 * Turns the snapshot into the solver's input. Every list is sorted by id, so the same state
 * gives the same input (and fingerprint) however the rows came back. Choices beyond the event's
 * current number of ranks are dropped (staff may lower it after students ranked more).
 */
export function buildAllocationInput(snapshot: AllocationSnapshot): AllocationInput {
  return buildAllocationInputWithReport(snapshot).input;
}

export function buildAllocationInputWithReport(snapshot: AllocationSnapshot): BuiltInput {
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const slots = snapshot.slots
    .map((s) => ({ id: s.id, volunteerId: s.volunteerId, startsAt: s.startsAt.getTime(), endsAt: s.endsAt.getTime(), capacity: 1 }))
    .sort(byId);
  const rated = snapshot.preferenceMode === 'rated';
  const rankCount = rated ? 5 : snapshot.rankCount;

  const usedTags = new Set<string>();
  for (const p of snapshot.preferences) for (const c of p.choices) if ('expertise' in c) usedTags.add(c.expertise);
  const groups = [...usedTags].sort().map((tag) => ({
    id: tagGroupId(tag),
    volunteerIds: snapshot.volunteers
      .filter((v) => v.expertise.includes(tag))
      .map((v) => v.id)
      .sort(),
  }));

  const volunteersOfOrg = new Map<string, string[]>();
  for (const v of snapshot.volunteers) {
    if (v.organizationId) volunteersOfOrg.set(v.organizationId, [...(volunteersOfOrg.get(v.organizationId) ?? []), v.id]);
  }
  const booked = new Map((snapshot.bookedPerVolunteer ?? []).map((b) => [b.volunteerId, b.count]));
  const orgLoad = new Map((snapshot.loads ?? []).filter((l) => l.organizationId).map((l) => [l.organizationId!, l]));
  const bounds = (l: { minInterviews: number | null; maxInterviews: number | null } | undefined, bookedInterviews: number) => ({
    ...(l?.minInterviews != null ? { minInterviews: l.minInterviews } : {}),
    ...(l?.maxInterviews != null ? { maxInterviews: l.maxInterviews } : {}),
    ...(l && bookedInterviews > 0 ? { bookedInterviews } : {}),
  });
  const organizations: AllocationOrganization[] = [...volunteersOfOrg]
    .map(([id, volunteerIds]) => ({
      id,
      volunteerIds: volunteerIds.sort(),
      ...bounds(orgLoad.get(id), volunteerIds.reduce((n, v) => n + (booked.get(v) ?? 0), 0)),
    }))
    .sort(byId);
  const eventVolunteers = new Set(snapshot.volunteers.map((v) => v.id));
  const volunteerLoads: VolunteerLoad[] = (snapshot.loads ?? [])
    .filter((l) => l.volunteerId && eventVolunteers.has(l.volunteerId))
    .map((l) => ({ volunteerId: l.volunteerId!, ...bounds(l, booked.get(l.volunteerId!) ?? 0) }))
    .sort((a, b) => (a.volunteerId < b.volunteerId ? -1 : 1));

  const bookingsOf = new Map<string, AllocationSnapshot['bookings']>();
  for (const b of snapshot.bookings) bookingsOf.set(b.studentId, [...(bookingsOf.get(b.studentId) ?? []), b]);
  const byTime = (a: TimeInterval, b: TimeInterval) => a.startsAt - b.startsAt || a.endsAt - b.endsAt;

  let droppedChoices = 0;
  const students: AllocationStudent[] = snapshot.preferences
    .map((p) => {
      const booked = bookingsOf.get(p.studentId) ?? [];
      const listed = p.choices.slice(0, rated ? p.choices.length : snapshot.rankCount);
      const kept = listed.filter((c) =>
        'volunteerId' in c ? eventVolunteers.has(c.volunteerId) : 'organizationId' in c ? volunteersOfOrg.has(c.organizationId) : true,
      );
      droppedChoices += listed.length - kept.length;
      const choices: RankedChoice[] = kept.map((c, i) => {
        const rank = rated ? Math.min(5, Math.max(1, c.rating ?? 5)) : i + 1;
        if ('volunteerId' in c) return { rank, volunteerId: c.volunteerId };
        if ('organizationId' in c) return { rank, organizationId: c.organizationId };
        return { rank, groupId: tagGroupId(c.expertise) };
      });
      // Bookings in other events only block their time: the limit is per event.
      const unavailable: TimeInterval[] = [
        ...p.unavailable.map((u) => ({ startsAt: Date.parse(u.startsAt), endsAt: Date.parse(u.endsAt) })),
        ...booked.filter((b) => !b.inEvent).map((b) => ({ startsAt: b.startsAt.getTime(), endsAt: b.endsAt.getTime() })),
      ].sort(byTime);
      const fixedBookings: FixedBooking[] = booked
        .filter((b) => b.inEvent)
        .map((b) => ({ volunteerId: b.volunteerId, startsAt: b.startsAt.getTime(), endsAt: b.endsAt.getTime() }))
        .sort((a, b) => byTime(a, b) || (a.volunteerId < b.volunteerId ? -1 : 1));
      const student: AllocationStudent = { id: p.studentId, choices, unavailable, fixedBookings };
      if (rated && snapshot.acceptableRating != null) {
        student.maxInterviews = Math.min(snapshot.maxInterviewsPerStudent, choices.filter((c) => c.rank <= snapshot.acceptableRating!).length);
      }
      return student;
    })
    .sort(byId);

  const input: AllocationInput = { slots, groups, students, maxInterviewsPerStudent: snapshot.maxInterviewsPerStudent, rankCount };
  if (organizations.length) input.organizations = organizations;
  if (volunteerLoads.length) input.volunteerLoads = volunteerLoads;
  // Only when set, so the fingerprints of events without a gap stay as they were.
  if (snapshot.minGapMinutes) input.minGapMs = snapshot.minGapMinutes * 60_000;
  return { input, droppedChoices };
}

/** SHA-256 of the input: publishing refuses a run whose fingerprint no longer matches. */
export function fingerprintInput(input: AllocationInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}
