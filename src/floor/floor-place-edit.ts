import type { FloorPlanDocument, PlaceDoc } from './floor-plan.types';

/** Why a single-place edit cannot be applied to the plan it names. */
export type PlaceEditMiss = 'place' | 'hall';

/**
 * The plan with one place added (no `original`) or replaced (`original` is its label; labels
 * are unique in an event), in hall `hallKey`. A replaced place keeps its position in the list
 * when it stays in its hall. Pure: the whole result is checked by the plan's rules before it is stored.
 */
export function withPlace(plan: FloorPlanDocument, original: string | undefined, hallKey: string, place: PlaceDoc): FloorPlanDocument | PlaceEditMiss {
  if (!plan.halls.some((h) => h.key === hallKey)) return 'hall';
  if (original !== undefined && !plan.halls.some((h) => h.places.some((p) => p.label === original))) return 'place';
  return {
    halls: plan.halls.map((hall) => {
      const at = original === undefined ? -1 : hall.places.findIndex((p) => p.label === original);
      const places = hall.places.filter((_, i) => i !== at);
      if (hall.key === hallKey) places.splice(at >= 0 ? at : places.length, 0, place);
      return { ...hall, places };
    }),
  };
}

/** The plan without the place labelled `label`, or 'place' when it has none. Pure. */
export function withoutPlace(plan: FloorPlanDocument, label: string): FloorPlanDocument | PlaceEditMiss {
  if (!plan.halls.some((h) => h.places.some((p) => p.label === label))) return 'place';
  return { halls: plan.halls.map((hall) => ({ ...hall, places: hall.places.filter((p) => p.label !== label) })) };
}
