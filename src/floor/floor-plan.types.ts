/** The stored shape of a floor plan. Lengths are metres; (x, y) is a place's top-left corner in its hall. */
export const PLACE_KINDS = ['booth', 'interview_table', 'check_in', 'entrance', 'exit', 'restroom'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
export const ROTATIONS = [0, 90, 180, 270] as const;
export type Rotation = (typeof ROTATIONS)[number];

export interface TableAssignmentDoc {
  volunteerId: string;
  /** ISO 8601 instants. */
  startsAt: string;
  endsAt: string;
}

export interface PlaceDoc {
  label: string;
  kind: PlaceKind;
  x: number;
  y: number;
  width: number;
  height: number;
  rotation: Rotation;
  exhibitorId?: string | null;
  assignments?: TableAssignmentDoc[];
}

export interface HallDoc {
  key: string;
  name: string;
  width: number;
  height: number;
  places: PlaceDoc[];
}

export interface FloorPlanDocument {
  halls: HallDoc[];
}
