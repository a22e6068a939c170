import type { FloorPlanDocument, PlaceDoc } from './floor-plan.types';

/**
 * Why a plan is refused: the English reason of the API by code, from the code's parameters
 * (times as ISO 8601). Pages say the same in the reader's words: the catalogue's
 * `console.floor.problem.<code>`, with the same parameters.
 */
const REASONS = {
  hallKeyTaken: () => 'hall key is used by another hall',
  labelTaken: (p) => `label is used by another place (in hall ${p.hall})`,
  outsideHall: (p) => `lies outside hall ${p.hall} (${p.width} × ${p.height} m)`,
  exhibitorNotAtBooth: () => 'only booths hold an exhibitor',
  exhibitorUnknown: (p) => `exhibitor ${p.exhibitor} is not an exhibitor of this event`,
  exhibitorHasBooth: (p) => `exhibitor ${p.exhibitor} already has booth ${p.booth}`,
  volunteersNotAtTable: () => 'only interview tables hold volunteers',
  assignmentEndsFirst: (p) => `volunteer ${p.volunteer}: endsAt must be after startsAt`,
  volunteerUnknown: (p) => `volunteer ${p.volunteer} is not a volunteer of this event`,
  tableTwiceAtOnce: (p) => `hosts two volunteers at once around ${p.at}`,
  overlaps: (p) => `overlaps ${p.other}`,
  volunteerElsewhere: (p) => `volunteer ${p.volunteer} is also at ${p.other} from ${p.from} to ${p.to}`,
  noSuchHall: () => 'there is no such hall in the plan',
  changedMeanwhile: () => 'the event changed while the plan was saved; try again',
} satisfies Record<string, (params: Record<string, string | number>) => string>;

export type PlanProblemCode = keyof typeof REASONS;

/** One reason a plan is refused; `label` names the place (or hall key) it concerns. */
export interface PlanProblem {
  label: string;
  code: PlanProblemCode;
  params: Record<string, string | number>;
  reason: string;
}

export function planProblem(label: string, code: PlanProblemCode, params: Record<string, string | number> = {}): PlanProblem {
  return { label, code, params, reason: REASONS[code](params) };
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
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Every problem of a plan, or none. Pure: the caller stores nothing unless this is empty.
 * Structural validity (types, ranges, kinds) is the DTO's job; this checks what needs the
 * whole plan: containment, overlaps, uniqueness and references.
 */
export function checkFloorPlan(plan: FloorPlanDocument, refs: PlanReferences): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const hallKeys = new Set<string>();
  for (const hall of plan.halls) {
    if (hallKeys.has(hall.key)) problems.push(planProblem(hall.key, 'hallKeyTaken'));
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
        problems.push(planProblem(label, 'labelTaken', { hall: otherHall }));
      } else firstHallOfLabel.set(label, hall.key);

      const box = footprint(place);
      if (box.left < -EPSILON || box.top < -EPSILON || box.right > hall.width + EPSILON || box.bottom > hall.height + EPSILON) {
        problems.push(planProblem(label, 'outsideHall', { hall: hall.key, width: hall.width, height: hall.height }));
      }
      placed.push({ label, box, order: placed.length });

      if (place.exhibitorId) {
        if (place.kind !== 'booth') problems.push(planProblem(label, 'exhibitorNotAtBooth'));
        if (!refs.exhibitorIds.has(place.exhibitorId)) {
          problems.push(planProblem(label, 'exhibitorUnknown', { exhibitor: place.exhibitorId }));
        }
        const otherBooth = boothOfExhibitor.get(place.exhibitorId);
        if (otherBooth !== undefined) {
          problems.push(planProblem(label, 'exhibitorHasBooth', { exhibitor: place.exhibitorId, booth: otherBooth }));
        } else boothOfExhibitor.set(place.exhibitorId, label);
      }

      const assignments = place.assignments ?? [];
      if (assignments.length && place.kind !== 'interview_table') {
        problems.push(planProblem(label, 'volunteersNotAtTable'));
      }
      const tableSpans: Span[] = [];
      for (const a of assignments) {
        const span = { label, start: Date.parse(a.startsAt), end: Date.parse(a.endsAt) };
        if (!(span.end > span.start)) {
          problems.push(planProblem(label, 'assignmentEndsFirst', { volunteer: a.volunteerId }));
          continue;
        }
        if (!refs.volunteerIds.has(a.volunteerId)) {
          problems.push(planProblem(label, 'volunteerUnknown', { volunteer: a.volunteerId }));
        }
        const clash = tableSpans.find((s) => spansOverlap(s, span));
        if (clash) problems.push(planProblem(label, 'tableTwiceAtOnce', { at: iso(span.start) }));
        tableSpans.push(span);
        const spans = spansOfVolunteer.get(a.volunteerId) ?? [];
        spans.push(span);
        spansOfVolunteer.set(a.volunteerId, spans);
      }
    }
    for (const pair of overlappingPairs(placed)) {
      // Blame the place listed later: that is usually the one just added.
      const [a, b] = pair.sort((p, q) => p.order - q.order);
      problems.push(planProblem(b.label, 'overlaps', { other: a.label }));
    }
  }

  for (const [volunteerId, spans] of spansOfVolunteer) {
    spans.sort((a, b) => a.start - b.start);
    let latest = spans[0];
    for (const span of spans.slice(1)) {
      if (span.start < latest.end) {
        problems.push(
          planProblem(span.label, 'volunteerElsewhere', { volunteer: volunteerId, other: latest.label, from: iso(span.start), to: iso(Math.min(span.end, latest.end)) }),
        );
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
