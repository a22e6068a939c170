import { AllocationSnapshot, buildAllocationInput, fingerprintInput } from './allocation-input';

const t = (h: number) => new Date(Date.UTC(2026, 2, 10, h));

function snapshot(): AllocationSnapshot {
  return {
    maxInterviewsPerStudent: 2,
    rankCount: 2,
    slots: [
      { id: 's2', volunteerId: 'v2', startsAt: t(10), endsAt: t(11) },
      { id: 's1', volunteerId: 'v1', startsAt: t(9), endsAt: t(10) },
    ],
    volunteers: [
      { id: 'v2', expertise: ['finance'] },
      { id: 'v1', expertise: ['finance', 'law'] },
    ],
    preferences: [
      { studentId: 'b', choices: [{ expertise: 'finance' }, { volunteerId: 'v1' }, { volunteerId: 'v2' }], unavailable: [] },
      { studentId: 'a', choices: [{ volunteerId: 'v2' }], unavailable: [{ startsAt: t(12).toISOString(), endsAt: t(13).toISOString() }] },
    ],
    bookings: [
      { studentId: 'a', volunteerId: 'v9', startsAt: t(14), endsAt: t(15), inEvent: true },
      { studentId: 'a', volunteerId: 'v8', startsAt: t(11), endsAt: t(12), inEvent: false },
    ],
  };
}

describe('buildAllocationInput', () => {
  it('sorts by id, expands tags into groups, keeps ranks within rankCount and splits bookings', () => {
    const input = buildAllocationInput(snapshot());
    expect(input.slots.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(input.groups).toEqual([{ id: 'tag:finance', volunteerIds: ['v1', 'v2'] }]);
    expect(input.students.map((s) => s.id)).toEqual(['a', 'b']);
    expect(input.students[1].choices).toEqual([
      { rank: 1, groupId: 'tag:finance' },
      { rank: 2, volunteerId: 'v1' },
    ]);
    // Another event's booking blocks time only; this event's booking is fixed (counts toward the limit).
    expect(input.students[0].unavailable).toEqual([
      { startsAt: t(11).getTime(), endsAt: t(12).getTime() },
      { startsAt: t(12).getTime(), endsAt: t(13).getTime() },
    ]);
    expect(input.students[0].fixedBookings).toEqual([{ volunteerId: 'v9', startsAt: t(14).getTime(), endsAt: t(15).getTime() }]);
  });

  it('gives the same fingerprint whatever order the rows came in, and another one when anything changes', () => {
    const a = snapshot();
    const b = snapshot();
    b.slots.reverse();
    b.preferences.reverse();
    b.volunteers.reverse();
    expect(fingerprintInput(buildAllocationInput(b))).toBe(fingerprintInput(buildAllocationInput(a)));
    const booked = snapshot();
    booked.slots.pop();
    const moved = snapshot();
    moved.preferences[1].unavailable = [];
    const reranked = snapshot();
    reranked.preferences[0].choices.reverse();
    const fingerprints = [a, booked, moved, reranked].map((s) => fingerprintInput(buildAllocationInput(s)));
    expect(new Set(fingerprints).size).toBe(4);
  });
});
