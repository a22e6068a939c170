import type { FloorPlanDocument } from './floor-plan.types';
import { releaseVolunteer } from './release-volunteer';

const GONE = '00000000-0000-4000-8000-0000000000a1';
const STAYS = '00000000-0000-4000-8000-0000000000a2';
const at = (hour: number) => new Date(Date.UTC(2026, 2, 10, hour)).toISOString();
const plan = (assignments: { volunteerId: string; startsAt: string; endsAt: string }[]): FloorPlanDocument => ({
  halls: [
    {
      key: 'A',
      name: 'Hall A',
      width: 20,
      height: 10,
      places: [
        { label: 'T1', kind: 'interview_table', x: 1, y: 1, width: 2, height: 1, rotation: 0, assignments },
        { label: 'B1', kind: 'booth', x: 5, y: 1, width: 3, height: 3, rotation: 0 },
      ],
    },
  ],
});
const assignmentsOf = (doc: FloorPlanDocument | null) => doc?.halls[0].places[0].assignments;

describe('releaseVolunteer', () => {
  it("drops the volunteer's assignments and keeps everyone else's", () => {
    const before = plan([
      { volunteerId: GONE, startsAt: at(9), endsAt: at(12) },
      { volunteerId: STAYS, startsAt: at(12), endsAt: at(17) },
    ]);
    expect(assignmentsOf(releaseVolunteer(before, GONE, []))).toEqual([{ volunteerId: STAYS, startsAt: at(12), endsAt: at(17) }]);
    // The input is not changed.
    expect(assignmentsOf(before)).toHaveLength(2);
  });

  it('cuts an assignment to the end of the last interview still held in it', () => {
    const before = plan([{ volunteerId: GONE, startsAt: at(9), endsAt: at(17) }]);
    const held = [
      { startsAt: new Date(at(9)), endsAt: new Date(at(10)) },
      { startsAt: new Date(at(10)), endsAt: new Date(at(11)) },
      // Another table's or another day's interview does not keep this one.
      { startsAt: new Date(at(18)), endsAt: new Date(at(19)) },
    ];
    expect(assignmentsOf(releaseVolunteer(before, GONE, held))).toEqual([{ volunteerId: GONE, startsAt: at(9), endsAt: at(11) }]);
  });

  it('is null when the volunteer has no assignment, or keeps all of it', () => {
    expect(releaseVolunteer(plan([{ volunteerId: STAYS, startsAt: at(9), endsAt: at(12) }]), GONE, [])).toBeNull();
    const full = [{ startsAt: new Date(at(11)), endsAt: new Date(at(12)) }];
    expect(releaseVolunteer(plan([{ volunteerId: GONE, startsAt: at(9), endsAt: at(12) }]), GONE, full)).toBeNull();
  });
});
