import type { FloorPlanDocument, TableAssignmentDoc } from './floor-plan.types';

/** An interview the volunteer still holds at the event, as [startsAt, endsAt). */
export interface HeldInterview {
  startsAt: Date;
  endsAt: Date;
}

/**
 * The plan without a withdrawn volunteer at their tables: each of their assignments is dropped,
 * or cut to end with the last interview they still hold in it (one that had started when they
 * withdrew), so that interview keeps its table. Null when nothing changes.
 */
export function releaseVolunteer(plan: FloorPlanDocument, volunteerId: string, held: HeldInterview[]): FloorPlanDocument | null {
  let changed = false;
  const release = (a: TableAssignmentDoc): TableAssignmentDoc[] => {
    if (a.volunteerId !== volunteerId) return [a];
    const [from, until] = [Date.parse(a.startsAt), Date.parse(a.endsAt)];
    const inside = held.filter((h) => from <= h.startsAt.getTime() && h.startsAt.getTime() < until);
    const lastEnd = Math.min(until, Math.max(from, ...inside.map((h) => h.endsAt.getTime())));
    if (lastEnd === until) return [a];
    changed = true;
    return lastEnd > from ? [{ ...a, endsAt: new Date(lastEnd).toISOString() }] : [];
  };
  const halls = plan.halls.map((hall) => ({
    ...hall,
    places: hall.places.map((place) => (place.assignments ? { ...place, assignments: place.assignments.flatMap(release) } : place)),
  }));
  return changed ? { ...plan, halls } : null;
}
