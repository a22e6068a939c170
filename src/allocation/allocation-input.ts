import { createHash } from 'node:crypto';
import type { AllocationInput, AllocationStudent, FixedBooking, RankedChoice, TimeInterval } from './solver';
import type { StoredChoice, StoredInterval } from './entities/allocation-preference.entity';

/** The database state a run depends on, as plain rows (see AllocationSnapshotRepository). */
export interface AllocationSnapshot {
  maxInterviewsPerStudent: number;
  rankCount: number;
  /** Free slots of the event that have not started. */
  slots: { id: string; volunteerId: string; startsAt: Date; endsAt: Date }[];
  /** Volunteers with slots in the event and their expertise tags. */
  volunteers: { id: string; expertise: string[] }[];
  preferences: { studentId: string; choices: StoredChoice[]; unavailable: StoredInterval[] }[];
  /** Confirmed bookings of students with preferences: in this event (fixed) or overlapping it. */
  bookings: { studentId: string; volunteerId: string; startsAt: Date; endsAt: Date; inEvent: boolean }[];
}

export const tagGroupId = (tag: string) => `tag:${tag}`;

/**
 * Turns the snapshot into the solver's input. Every list is sorted by id, so the same state
 * gives the same input (and fingerprint) however the rows came back. Choices beyond the event's
 * current number of ranks are dropped (staff may lower it after students ranked more).
 */
export function buildAllocationInput(snapshot: AllocationSnapshot): AllocationInput {
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const slots = snapshot.slots
    .map((s) => ({ id: s.id, volunteerId: s.volunteerId, startsAt: s.startsAt.getTime(), endsAt: s.endsAt.getTime(), capacity: 1 }))
    .sort(byId);

  const usedTags = new Set<string>();
  for (const p of snapshot.preferences) for (const c of p.choices) if ('expertise' in c) usedTags.add(c.expertise);
  const groups = [...usedTags].sort().map((tag) => ({
    id: tagGroupId(tag),
    volunteerIds: snapshot.volunteers
      .filter((v) => v.expertise.includes(tag))
      .map((v) => v.id)
      .sort(),
  }));

  const bookingsOf = new Map<string, AllocationSnapshot['bookings']>();
  for (const b of snapshot.bookings) bookingsOf.set(b.studentId, [...(bookingsOf.get(b.studentId) ?? []), b]);
  const byTime = (a: TimeInterval, b: TimeInterval) => a.startsAt - b.startsAt || a.endsAt - b.endsAt;

  const students: AllocationStudent[] = snapshot.preferences
    .map((p) => {
      const booked = bookingsOf.get(p.studentId) ?? [];
      const choices: RankedChoice[] = p.choices
        .slice(0, snapshot.rankCount)
        .map((c, i) => ('volunteerId' in c ? { rank: i + 1, volunteerId: c.volunteerId } : { rank: i + 1, groupId: tagGroupId(c.expertise) }));
      // Bookings in other events only block their time: the limit is per event.
      const unavailable: TimeInterval[] = [
        ...p.unavailable.map((u) => ({ startsAt: Date.parse(u.startsAt), endsAt: Date.parse(u.endsAt) })),
        ...booked.filter((b) => !b.inEvent).map((b) => ({ startsAt: b.startsAt.getTime(), endsAt: b.endsAt.getTime() })),
      ].sort(byTime);
      const fixedBookings: FixedBooking[] = booked
        .filter((b) => b.inEvent)
        .map((b) => ({ volunteerId: b.volunteerId, startsAt: b.startsAt.getTime(), endsAt: b.endsAt.getTime() }))
        .sort((a, b) => byTime(a, b) || (a.volunteerId < b.volunteerId ? -1 : 1));
      return { id: p.studentId, choices, unavailable, fixedBookings };
    })
    .sort(byId);

  return { slots, groups, students, maxInterviewsPerStudent: snapshot.maxInterviewsPerStudent, rankCount: snapshot.rankCount };
}

/** SHA-256 of the input: publishing refuses a run whose fingerprint no longer matches. */
export function fingerprintInput(input: AllocationInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}
