import { checkFloorPlan, footprint, overlappingPairs } from './floor-plan-rules';
import { locationInPlan } from './floor-location';
import type { FloorPlanDocument, PlaceDoc } from './floor-plan.types';

const EX1 = '00000000-0000-4000-8000-000000000001';
const EX2 = '00000000-0000-4000-8000-000000000002';
const VOL1 = '00000000-0000-4000-8000-0000000000a1';
const VOL2 = '00000000-0000-4000-8000-0000000000a2';
const refs = { exhibitorIds: new Set([EX1, EX2]), volunteerIds: new Set([VOL1, VOL2]) };

const place = (label: string, x: number, y: number, extra: Partial<PlaceDoc> = {}): PlaceDoc => ({
  label,
  kind: 'booth',
  x,
  y,
  width: 3,
  height: 2,
  rotation: 0,
  ...extra,
});
const plan = (...places: PlaceDoc[]): FloorPlanDocument => ({ halls: [{ key: 'A', name: 'Hall A', width: 20, height: 10, places }] });
const at = (h: number, m = 0) => `2026-03-10T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`;

describe('checkFloorPlan', () => {
  it('accepts a good plan, including booths that share an edge', () => {
    const good = plan(
      place('B1', 0, 0, { exhibitorId: EX1 }),
      place('B2', 3, 0, { exhibitorId: EX2 }),
      place('T1', 0, 5, { kind: 'interview_table', assignments: [{ volunteerId: VOL1, startsAt: at(9), endsAt: at(12) }, { volunteerId: VOL2, startsAt: at(12), endsAt: at(15) }] }),
      place('T2', 4, 5, { kind: 'interview_table', assignments: [{ volunteerId: VOL1, startsAt: at(12), endsAt: at(15) }] }),
      place('Entrance', 9, 9, { kind: 'entrance', width: 2, height: 1 }),
    );
    expect(checkFloorPlan(good, refs)).toEqual([]);
  });

  it('reports every problem at once, each with its label', () => {
    const bad: FloorPlanDocument = {
      halls: [
        {
          key: 'A',
          name: 'Hall A',
          width: 20,
          height: 10,
          places: [
            place('Out', 18.5, 0),
            place('B1', 0, 0, { exhibitorId: EX1 }),
            place('B2', 2, 1, { exhibitorId: EX1 }),
            place('B3', 10, 0, { exhibitorId: '00000000-0000-4000-8000-00000000ffff' }),
            place('T1', 0, 5, { kind: 'interview_table', assignments: [{ volunteerId: VOL1, startsAt: at(9), endsAt: at(12) }] }),
            place('T2', 5, 5, { kind: 'interview_table', assignments: [{ volunteerId: VOL1, startsAt: at(11), endsAt: at(13) }] }),
            place('T3', 10, 5, { kind: 'interview_table', assignments: [{ volunteerId: '00000000-0000-4000-8000-00000000eeee', startsAt: at(9), endsAt: at(10) }] }),
          ],
        },
        { key: 'B', name: 'Hall B', width: 10, height: 10, places: [place('B1', 0, 0)] },
      ],
    };
    const problems = checkFloorPlan(bad, refs);
    const byLabel = (label: string) => problems.filter((p) => p.label === label).map((p) => p.reason);
    expect(byLabel('Out')).toEqual([expect.stringContaining('outside hall A')]);
    expect(byLabel('B2')).toEqual(expect.arrayContaining([expect.stringContaining('already has booth B1'), 'overlaps B1']));
    expect(byLabel('B3')).toEqual([expect.stringContaining('not an exhibitor of this event')]);
    expect(byLabel('T2')).toEqual([expect.stringContaining(`volunteer ${VOL1} is also at T1`)]);
    expect(byLabel('T3')).toEqual([expect.stringContaining('not a volunteer of this event')]);
    expect(byLabel('B1')).toEqual([expect.stringContaining('label is used by another place (in hall A)')]);
    expect(problems).toHaveLength(7);
    // Pages word the same problem from its code and parameters; times are ISO 8601 there.
    expect(problems.find((p) => p.label === 'T2')).toMatchObject({
      code: 'volunteerElsewhere',
      params: { volunteer: VOL1, other: 'T1', from: new Date(at(11)).toISOString(), to: new Date(at(12)).toISOString() },
    });
  });

  it('turns a place about its centre: a long booth fits across once rotated', () => {
    // 6 × 1 at (0, 3) rotated 90° covers x 2.5..3.5, y 0.5..6.5.
    const long = place('L', 0, 3, { width: 6, height: 1, rotation: 90 });
    expect(footprint(long)).toEqual({ left: 2.5, top: 0.5, right: 3.5, bottom: 6.5 });
    expect(checkFloorPlan(plan(long, place('Beside', 3.5, 0)), refs)).toEqual([]);
    expect(checkFloorPlan(plan(long, place('Under', 0, 0, { width: 3 })), refs)).toEqual([
      { label: 'Under', code: 'overlaps', params: { other: 'L' }, reason: 'overlaps L' },
    ]);
    // Unrotated, the same booth would stick out of a 5 m wide hall; rotated it does not.
    const narrow: FloorPlanDocument = { halls: [{ key: 'N', name: 'N', width: 5, height: 8, places: [long] }] };
    expect(checkFloorPlan(narrow, refs)).toEqual([]);
    expect(checkFloorPlan({ halls: [{ ...narrow.halls[0], places: [{ ...long, rotation: 0 }] }] }, refs)).toHaveLength(1);
  });

  it('refuses exhibitors off booths, volunteers off tables, two volunteers at a table, duplicate halls', () => {
    const problems = checkFloorPlan(
      {
        halls: [
          {
            key: 'A',
            name: 'A',
            width: 30,
            height: 10,
            places: [
              place('Desk', 0, 0, { kind: 'check_in', exhibitorId: EX1, assignments: [{ volunteerId: VOL1, startsAt: at(9), endsAt: at(10) }] }),
              place('T', 10, 0, {
                kind: 'interview_table',
                assignments: [
                  { volunteerId: VOL1, startsAt: at(11), endsAt: at(12) },
                  { volunteerId: VOL2, startsAt: at(11, 30), endsAt: at(13) },
                  { volunteerId: VOL2, startsAt: at(14), endsAt: at(14) },
                ],
              }),
            ],
          },
          { key: 'A', name: 'Again', width: 5, height: 5, places: [] },
        ],
      },
      refs,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ label: 'A', code: 'hallKeyTaken', reason: 'hall key is used by another hall' }),
        expect.objectContaining({ label: 'Desk', code: 'exhibitorNotAtBooth', reason: 'only booths hold an exhibitor' }),
        expect.objectContaining({ label: 'Desk', code: 'volunteersNotAtTable', reason: 'only interview tables hold volunteers' }),
        expect.objectContaining({ label: 'T', code: 'tableTwiceAtOnce', reason: expect.stringContaining('hosts two volunteers at once') }),
        expect.objectContaining({ label: 'T', code: 'assignmentEndsFirst', reason: expect.stringContaining('endsAt must be after startsAt') }),
      ]),
    );
    expect(problems).toHaveLength(5);
  });
});

describe('overlappingPairs', () => {
  it('finds the same pairs as comparing every pair', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const items = Array.from({ length: 300 }, (_, i) => {
      const left = Math.floor(rand() * 100);
      const top = Math.floor(rand() * 100);
      return { id: i, box: { left, top, right: left + 1 + Math.floor(rand() * 5), bottom: top + 1 + Math.floor(rand() * 5) } };
    });
    const key = ([a, b]: [{ id: number }, { id: number }]) => [Math.min(a.id, b.id), Math.max(a.id, b.id)].join('-');
    const brute: string[] = [];
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const [a, b] = [items[i].box, items[j].box];
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) brute.push(key([items[i], items[j]]));
      }
    }
    expect(overlappingPairs(items).map(key).sort()).toEqual(brute.sort());
    expect(brute.length).toBeGreaterThan(10);
  });
});

describe('locationInPlan', () => {
  it('names hall and table for the time, half-open', () => {
    const p: FloorPlanDocument = {
      halls: [{ key: 'B', name: 'Hall B', width: 20, height: 10, places: [place('Table 12', 0, 0, { kind: 'interview_table', assignments: [{ volunteerId: VOL1, startsAt: at(9), endsAt: at(12) }] })] }],
    };
    expect(locationInPlan(p, VOL1, new Date(at(9)))).toBe('Hall B · Table 12');
    expect(locationInPlan(p, VOL1, new Date(at(12)))).toBeNull();
    expect(locationInPlan(p, VOL2, new Date(at(10)))).toBeNull();
  });
});
