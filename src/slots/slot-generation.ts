/** A half-open interval of absolute time [startsAt, endsAt). */
export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

export interface WindowProblem {
  index: number;
  /** For programs and translations; `reason` says the same in English. */
  problem: 'order' | 'outside' | 'too-short' | 'overlap';
  reason: string;
}

const MINUTE = 60_000;

/**
 * Cuts availability windows into slots of `slotMinutes` with `breakMinutes` between them.
 * Steps through absolute time, not wall-clock time, so a slot lasts exactly `slotMinutes`
 * even when a DST change falls inside a window (the repeated or skipped local hour is
 * handled by the instants themselves). Leftover time shorter than a slot is not offered.
 */
export function generateSlots(windows: Interval[], slotMinutes: number, breakMinutes: number): Interval[] {
  const slotMs = slotMinutes * MINUTE;
  const stepMs = (slotMinutes + breakMinutes) * MINUTE;
  const slots: Interval[] = [];
  for (const window of [...windows].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
    const end = window.endsAt.getTime();
    for (let start = window.startsAt.getTime(); start + slotMs <= end; start += stepMs) {
      slots.push({ startsAt: new Date(start), endsAt: new Date(start + slotMs) });
    }
  }
  return slots;
}

/** Every problem with a set of windows for an event: order, bounds, overlaps, too short. */
export function checkWindows(windows: Interval[], event: Interval, slotMinutes: number): WindowProblem[] {
  const problems: WindowProblem[] = [];
  windows.forEach((w, index) => {
    if (w.endsAt <= w.startsAt) problems.push({ index, problem: 'order', reason: 'endsAt must be after startsAt' });
    else if (w.startsAt < event.startsAt || w.endsAt > event.endsAt) {
      problems.push({ index, problem: 'outside', reason: 'the window lies outside the event' });
    } else if (w.endsAt.getTime() - w.startsAt.getTime() < slotMinutes * MINUTE) {
      problems.push({ index, problem: 'too-short', reason: `the window is shorter than one ${slotMinutes}-minute slot` });
    }
  });
  const order = windows.map((w, index) => ({ w, index })).sort((a, b) => a.w.startsAt.getTime() - b.w.startsAt.getTime());
  for (let i = 1; i < order.length; i++) {
    if (order[i].w.startsAt < order[i - 1].w.endsAt) {
      problems.push({ index: order[i].index, problem: 'overlap', reason: `overlaps window ${order[i - 1].index}` });
    }
  }
  return problems.sort((a, b) => a.index - b.index);
}

/**
 * Windows cut to an event's (new) bounds. A window left empty, or too short for one slot, is
 * dropped: checkWindows would refuse it, so no stored window may be one.
 */
export function clipWindows(windows: Interval[], bounds: Interval, slotMinutes: number): Interval[] {
  const clipped: Interval[] = [];
  for (const w of windows) {
    const startsAt = new Date(Math.max(w.startsAt.getTime(), bounds.startsAt.getTime()));
    const endsAt = new Date(Math.min(w.endsAt.getTime(), bounds.endsAt.getTime()));
    if (endsAt.getTime() - startsAt.getTime() >= slotMinutes * MINUTE) clipped.push({ startsAt, endsAt });
  }
  return clipped;
}

export interface SlotDiff<S extends Interval> {
  /** Existing slots the new grid lacks (same start and end, or it is gone). */
  removed: S[];
  /** New grid slots no existing slot already covers. */
  added: Interval[];
}

/**
 * Compares existing slots with a wanted grid by exact start and end: a slot in both keeps its
 * row (its id, and so its booking); any other change is a removal plus an addition.
 */
export function diffSlots<S extends Interval>(existing: S[], wanted: Interval[]): SlotDiff<S> {
  const key = (s: Interval) => `${s.startsAt.getTime()}-${s.endsAt.getTime()}`;
  const wantedKeys = new Set(wanted.map(key));
  const existingKeys = new Set(existing.map(key));
  return {
    removed: existing.filter((s) => !wantedKeys.has(key(s))),
    added: wanted.filter((s) => !existingKeys.has(key(s))),
  };
}
