import type { SlotResponse } from '../../slots/dto/slot.dto';
import { groupByTime, groupByVolunteer } from './slot-groups';

const volunteer = (id: string, name: string) => ({ id, name, organization: 'Acme', title: '', expertise: [] });
const slot = (id: string, startsAt: string, v = volunteer('v1', 'Ada')): SlotResponse => ({
  id,
  eventId: 'e',
  startsAt,
  endsAt: startsAt,
  volunteer: v,
  available: true,
});

describe('slot groups', () => {
  it('groups by day in the event zone, then by start time', () => {
    const ben = volunteer('v2', 'Ben');
    const days = groupByTime(
      [
        slot('a', '2026-03-10T13:30:00Z'),
        slot('b', '2026-03-10T13:30:00Z', ben),
        slot('c', '2026-03-10T14:00:00Z'),
        // 23:30 in New York is still the 10th there, though the 11th in UTC.
        slot('d', '2026-03-11T03:30:00Z'),
        slot('e', '2026-03-11T13:30:00Z'),
      ],
      'America/New_York',
    );
    expect(days.map((d) => d.day)).toEqual(['2026-03-10', '2026-03-11']);
    expect(days[0].times.map((t) => t.slots.map((s) => s.id))).toEqual([['a', 'b'], ['c'], ['d']]);
    expect(days[1].times.map((t) => t.slots.map((s) => s.id))).toEqual([['e']]);
  });

  it('groups by volunteer, by name', () => {
    const groups = groupByVolunteer([slot('a', '2026-03-10T13:30:00Z', volunteer('z', 'Zoe')), slot('b', '2026-03-10T14:00:00Z'), slot('c', '2026-03-10T15:00:00Z', volunteer('z', 'Zoe'))]);
    expect(groups.map((g) => [g.volunteer.name, g.slots.map((s) => s.id)])).toEqual([
      ['Ada', ['b']],
      ['Zoe', ['a', 'c']],
    ]);
  });
});
