/** A half-open interval of absolute time [startsAt, endsAt). */
export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

export interface WindowProblem {
  index: number;
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
    if (w.endsAt <= w.startsAt) problems.push({ index, reason: 'endsAt must be after startsAt' });
    else if (w.startsAt < event.startsAt || w.endsAt > event.endsAt) {
      problems.push({ index, reason: 'the window lies outside the event' });
    } else if (w.endsAt.getTime() - w.startsAt.getTime() < slotMinutes * MINUTE) {
      problems.push({ index, reason: `the window is shorter than one ${slotMinutes}-minute slot` });
    }
  });
  const order = windows.map((w, index) => ({ w, index })).sort((a, b) => a.w.startsAt.getTime() - b.w.startsAt.getTime());
  for (let i = 1; i < order.length; i++) {
    if (order[i].w.startsAt < order[i - 1].w.endsAt) {
      problems.push({ index: order[i].index, reason: `overlaps window ${order[i - 1].index}` });
    }
  }
  return problems.sort((a, b) => a.index - b.index);
}
