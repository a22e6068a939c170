import type { FloorPlanDocument } from './floor-plan.types';

/**
 * Where a volunteer sits at an instant, as people say it: "Hall B · Table 12". Null when the
 * plan has them at no table then. Ranges are half-open, like slots: at endsAt they have left.
 */
export function locationInPlan(plan: FloorPlanDocument, volunteerId: string, at: Date): string | null {
  const t = at.getTime();
  for (const hall of plan.halls) {
    for (const place of hall.places) {
      for (const a of place.assignments ?? []) {
        if (a.volunteerId === volunteerId && Date.parse(a.startsAt) <= t && t < Date.parse(a.endsAt)) {
          return `${hall.name} · ${place.label}`;
        }
      }
    }
  }
  return null;
}

/** What LOCATION says: the venue, then the table once the floor plan places the volunteer. */
export function interviewLocation(venue: string, table: string | null): string {
  return [venue, table].filter(Boolean).join(', ');
}
