import { checkFloorPlan } from '../floor/floor-plan-rules';
import type { FloorPlanDocument } from '../floor/floor-plan.types';
import { demoFloorPlan, demoPreferences, generateDemoFair } from './demo-fair';

const at = (minutes: number) => new Date(Date.UTC(2027, 3, 14, 13) + minutes * 60_000).toISOString();

describe('the demo fair', () => {
  const fair = generateDemoFair({ seed: 7, students: 300 });

  it('is the same fair for the same seed, and another for another seed', () => {
    expect(generateDemoFair({ seed: 7, students: 300 })).toEqual(fair);
    expect(generateDemoFair({ seed: 8, students: 300 }).students[0]).not.toEqual(fair.students[0]);
  });

  it('has 60 exhibitors, 15 of them sending 40 volunteers, 20 tables, and distinct addresses', () => {
    expect(fair.exhibitors).toHaveLength(60);
    expect(new Set(fair.exhibitors.map((e) => e.organization.toLowerCase())).size).toBe(60);
    expect(fair.organizations).toHaveLength(15);
    expect(fair.volunteers).toHaveLength(40);
    expect(new Set(fair.volunteers.map((v) => v.organization)).size).toBe(15);
    expect(new Set(fair.volunteers.map((v) => v.table)).size).toBe(20);
    expect(new Set(fair.students.map((s) => s.email)).size).toBe(300);
    expect(new Set(fair.volunteers.map((v) => v.email)).size).toBe(40);
    for (const v of fair.volunteers) {
      expect(v.window.from).toBeGreaterThanOrEqual(v.shift.from);
      expect(v.window.to).toBeLessThanOrEqual(v.shift.to);
      expect(v.window.to - v.window.from).toBeGreaterThanOrEqual(fair.slotMinutes);
    }
  });

  it('ranks 2 to 5 distinct organizations per student', () => {
    const names = new Set(fair.organizations.map((o) => o.name));
    for (const choices of demoPreferences(fair, 7)) {
      expect(choices.length).toBeGreaterThanOrEqual(2);
      expect(choices.length).toBeLessThanOrEqual(5);
      expect(new Set(choices).size).toBe(choices.length);
      for (const name of choices) expect(names.has(name)).toBe(true);
    }
  });

  it("lays out a floor plan the floor module accepts: two halls, 60 booths, 20 tables", () => {
    const exhibitorIds = fair.exhibitors.map((_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const volunteerIds = fair.volunteers.map((_, i) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`);
    const plan = demoFloorPlan(fair, exhibitorIds, volunteerIds, at) as FloorPlanDocument;
    const places = plan.halls.flatMap((h) => h.places);
    expect(plan.halls).toHaveLength(2);
    expect(places.filter((p) => p.kind === 'booth')).toHaveLength(60);
    expect(places.filter((p) => p.kind === 'interview_table')).toHaveLength(20);
    expect(checkFloorPlan(plan, { exhibitorIds: new Set(exhibitorIds), volunteerIds: new Set(volunteerIds) })).toEqual([]);
  });
});
