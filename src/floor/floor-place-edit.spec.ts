import { withoutPlace, withPlace } from './floor-place-edit';
import type { FloorPlanDocument, PlaceDoc } from './floor-plan.types';

const place = (label: string, x = 0): PlaceDoc => ({ label, kind: 'booth', x, y: 0, width: 2, height: 2, rotation: 0 });
const plan: FloorPlanDocument = {
  halls: [
    { key: 'A', name: 'Hall A', width: 20, height: 10, places: [place('A1'), place('A2', 3), place('A3', 6)] },
    { key: 'B', name: 'Hall B', width: 20, height: 10, places: [place('B1')] },
  ],
};
const labels = (p: FloorPlanDocument | string) => (typeof p === 'string' ? p : p.halls.map((h) => h.places.map((x) => x.label)));

describe('single-place edits of a floor plan', () => {
  it('adds a place at the end of its hall', () => {
    expect(labels(withPlace(plan, undefined, 'B', place('B2', 3)))).toEqual([['A1', 'A2', 'A3'], ['B1', 'B2']]);
  });

  it('replaces a place where it was, or moves it to another hall', () => {
    const renamed = withPlace(plan, 'A2', 'A', place('A2b', 3));
    expect(labels(renamed)).toEqual([['A1', 'A2b', 'A3'], ['B1']]);
    expect(labels(withPlace(plan, 'A2', 'B', place('A2', 3)))).toEqual([['A1', 'A3'], ['B1', 'A2']]);
    // The input is left as it was.
    expect(labels(plan)).toEqual([['A1', 'A2', 'A3'], ['B1']]);
  });

  it('says which of the place or the hall is missing', () => {
    expect(withPlace(plan, 'Z9', 'A', place('Z9'))).toBe('place');
    expect(withPlace(plan, undefined, 'C', place('C1'))).toBe('hall');
    expect(withoutPlace(plan, 'Z9')).toBe('place');
  });

  it('removes a place', () => {
    expect(labels(withoutPlace(plan, 'A1'))).toEqual([['A2', 'A3'], ['B1']]);
  });
});
