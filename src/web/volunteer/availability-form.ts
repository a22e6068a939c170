import type { MessageKey } from '../../common/i18n/catalogue';
import type { Interval, WindowProblem } from '../../slots/slot-generation';
import { zonedInstant, zonedParts } from '../shared/zoned-input';

export interface EventGrid {
  startsAt: Date;
  endsAt: Date;
  slotMinutes: number;
  breakMinutes: number;
  timezone: string;
}

/** One potential slot on the event's grid, as the day grid shows it. */
export interface GridCell {
  day: string;
  from: string;
  to: string;
  startsAt: Date;
  selected: boolean;
  booked: boolean;
}

/** A window as the form shows it: the day and two clock times in the event's zone. */
export interface WindowRow {
  day: string;
  from: string;
  to: string;
  error?: MessageKey;
}

const MINUTE = 60_000;
/** A grid this large would be a week of 5-minute slots; beyond it the form alone is offered. */
export const MAX_GRID_CELLS = 2_000;

/**
 * The slots a volunteer could give, on the event's grid (from its start, one slot plus break
 * apart): the same grid a window starting on a cell produces, so picking cells picks slots.
 */
export function gridCells(event: EventGrid, windows: Interval[], bookedStarts: Set<number>): GridCell[] {
  const cells: GridCell[] = [];
  const slotMs = event.slotMinutes * MINUTE;
  const stepMs = (event.slotMinutes + event.breakMinutes) * MINUTE;
  for (let start = event.startsAt.getTime(); start + slotMs <= event.endsAt.getTime() && cells.length < MAX_GRID_CELLS; start += stepMs) {
    const end = start + slotMs;
    const from = zonedParts(new Date(start), event.timezone);
    cells.push({
      day: from.date,
      from: from.time,
      to: zonedParts(new Date(end), event.timezone).time,
      startsAt: new Date(start),
      selected: windows.some((w) => w.startsAt.getTime() <= start && end <= w.endsAt.getTime()),
      booked: bookedStarts.has(start),
    });
  }
  return cells;
}

export function windowRows(windows: Interval[], timezone: string): WindowRow[] {
  return windows.map((w) => {
    const from = zonedParts(w.startsAt, timezone);
    return { day: from.date, from: from.time, to: zonedParts(w.endsAt, timezone).time };
  });
}

/**
 * The windows the form's rows describe. A row left blank is no window; a half-filled or
 * impossible one is an error on that row, and then no windows are returned at all.
 */
export function parseWindowRows(days: string[], froms: string[], tos: string[], timezone: string): { rows: WindowRow[]; windows?: Interval[] } {
  const rows: WindowRow[] = [];
  const windows: Interval[] = [];
  const count = Math.max(days.length, froms.length, tos.length);
  for (let i = 0; i < count && i < 100; i++) {
    const row: WindowRow = { day: days[i] ?? '', from: froms[i] ?? '', to: tos[i] ?? '' };
    rows.push(row);
    if (!row.from && !row.to) continue;
    const startsAt = zonedInstant(row.day, row.from, timezone);
    const endsAt = zonedInstant(row.day, row.to, timezone);
    if (!startsAt || !endsAt) row.error = 'availability.rowIncomplete';
    else windows.push({ startsAt, endsAt });
  }
  return rows.some((r) => r.error) ? { rows } : { rows: rows.filter((r) => r.from || r.to), windows };
}

/** The message for each problem checkWindows finds, on the row it names. */
export const WINDOW_PROBLEMS: Record<WindowProblem['problem'], MessageKey> = {
  order: 'availability.problem.order',
  outside: 'availability.problem.outside',
  'too-short': 'availability.problem.tooShort',
  overlap: 'availability.problem.overlap',
};
