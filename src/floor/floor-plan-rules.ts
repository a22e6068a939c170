import type { FloorPlanDocument, PlaceDoc } from './floor-plan.types';

/** One reason a plan is refused; `label` names the place (or hall key) it concerns. */
export interface PlanProblem {
  label: string;
  reason: string;
}

export interface PlanReferences {
  /** Exhibitors of the event. */
  exhibitorIds: ReadonlySet<string>;
  /** Volunteers who take part in the event (availability or slots in it). */
  volunteerIds: ReadonlySet<string>;
}

/** The rectangle a place covers on the floor, after rotating it about its centre. */
export interface Footprint {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Geometry in metres compares with this slack so 0.1 + 0.2 touching 0.3 does not overlap. */
const EPSILON = 1e-9;

export function footprint(p: Pick<PlaceDoc, 'x' | 'y' | 'width' | 'height' | 'rotation'>): Footprint {
  const quarterTurn = p.rotation === 90 || p.rotation === 270;
  const cx = p.x + p.width / 2;
  const cy = p.y + p.height / 2;
  const w = quarterTurn ? p.height : p.width;
  const h = quarterTurn ? p.width : p.height;
  return { left: cx - w / 2, top: cy - h / 2, right: cx + w / 2, bottom: cy + h / 2 };
}

/** Sharing an edge is fine (booths in a row); covering any area together is not. */
const overlaps = (a: Footprint, b: Footprint) =>
  a.left < b.right - EPSILON && b.left < a.right - EPSILON && a.top < b.bottom - EPSILON && b.top < a.bottom - EPSILON;

interface Span {
  label: string;
  start: number;
  end: number;
}

const spansOverlap = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const fmt = (ms: number) => new Date(ms).toISOString();

/**
 * Every problem of a plan, or none. Pure: the caller stores nothing unless this is empty.
 * Structural validity (types, ranges, kinds) is the DTO's job; this checks what needs the
 * whole plan: containment, overlaps, uniqueness and references.
 */
export function checkFloorPlan(plan: FloorPlanDocument, refs: PlanReferences): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const hallKeys = new Set<string>();
  for (const hall of plan.halls) {
    if (hallKeys.has(hall.key)) problems.push({ label: hall.key, reason: 'hall key is used by another hall' });
    hallKeys.add(hall.key);
  }

  const firstHallOfLabel = new Map<string, string>();
  const boothOfExhibitor = new Map<string, string>();
  const spansOfVolunteer = new Map<string, Span[]>();

  for (const hall of plan.halls) {
    const placed: { label: string; box: Footprint; order: number }[] = [];
    for (const place of hall.places) {
      const { label } = place;
      const otherHall = firstHallOfLabel.get(label);
      if (otherHall !== undefined) {
        problems.push({ label, reason: `label is used by another place (in hall ${otherHall})` });
      } else firstHallOfLabel.set(label, hall.key);

      const box = footprint(place);
      if (box.left < -EPSILON || box.top < -EPSILON || box.right > hall.width + EPSILON || box.bottom > hall.height + EPSILON) {
        problems.push({ label, reason: `lies outside hall ${hall.key} (${hall.width} × ${hall.height} m)` });
      }
      placed.push({ label, box, order: placed.length });

      if (place.exhibitorId) {
        if (place.kind !== 'booth') problems.push({ label, reason: 'only booths hold an exhibitor' });
        if (!refs.exhibitorIds.has(place.exhibitorId)) {
          problems.push({ label, reason: `exhibitor ${place.exhibitorId} is not an exhibitor of this event` });
        }
        const otherBooth = boothOfExhibitor.get(place.exhibitorId);
        if (otherBooth !== undefined) {
          problems.push({ label, reason: `exhibitor ${place.exhibitorId} already has booth ${otherBooth}` });
        } else boothOfExhibitor.set(place.exhibitorId, label);
      }

      const assignments = place.assignments ?? [];
      if (assignments.length && place.kind !== 'interview_table') {
        problems.push({ label, reason: 'only interview tables hold volunteers' });
      }
      const tableSpans: Span[] = [];
      for (const a of assignments) {
        const span = { label, start: Date.parse(a.startsAt), end: Date.parse(a.endsAt) };
        if (!(span.end > span.start)) {
          problems.push({ label, reason: `volunteer ${a.volunteerId}: endsAt must be after startsAt` });
          continue;
        }
        if (!refs.volunteerIds.has(a.volunteerId)) {
          problems.push({ label, reason: `volunteer ${a.volunteerId} is not a volunteer of this event` });
        }
        const clash = tableSpans.find((s) => spansOverlap(s, span));
        if (clash) problems.push({ label, reason: `hosts two volunteers at once around ${fmt(span.start)}` });
        tableSpans.push(span);
        const spans = spansOfVolunteer.get(a.volunteerId) ?? [];
        spans.push(span);
        spansOfVolunteer.set(a.volunteerId, spans);
      }
    }
    for (const pair of overlappingPairs(placed)) {
      // Blame the place listed later: that is usually the one just added.
      const [a, b] = pair.sort((p, q) => p.order - q.order);
      problems.push({ label: b.label, reason: `overlaps ${a.label}` });
    }
  }

  for (const [volunteerId, spans] of spansOfVolunteer) {
    spans.sort((a, b) => a.start - b.start);
    let latest = spans[0];
    for (const span of spans.slice(1)) {
      if (span.start < latest.end) {
        problems.push({
          label: span.label,
          reason: `volunteer ${volunteerId} is also at ${latest.label} from ${fmt(span.start)} to ${fmt(Math.min(span.end, latest.end))}`,
        });
      }
      if (span.end > latest.end) latest = span;
    }
  }
  return problems;
}

/**
 * Pairs of overlapping rectangles by a sweep over x: sorted by left edge, each rectangle is
 * compared only with those still open, so a row of booths costs O(n log n), not O(n²).
 */
export function overlappingPairs<T extends { box: Footprint }>(items: T[]): [T, T][] {
  const sorted = [...items].sort((a, b) => a.box.left - b.box.left);
  const open: T[] = [];
  const pairs: [T, T][] = [];
  for (const item of sorted) {
    for (let i = open.length - 1; i >= 0; i--) {
      if (open[i].box.right <= item.box.left + EPSILON) open.splice(i, 1);
    }
    for (const other of open) if (overlaps(other.box, item.box)) pairs.push([other, item]);
    open.push(item);
  }
  return pairs;
}
