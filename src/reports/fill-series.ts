/** Steps a fill-rate series may take, smallest first: the first that fits MAX_POINTS wins. */
const STEP_MINUTES = [15, 60, 180, 360, 720, 1440, 2880, 10080, 20160, 43200] as const;

/** Points a series may have at most (the chart stays readable, the query bounded). */
export const MAX_FILL_POINTS = 60;

export interface FillBuckets {
  stepMinutes: number;
  /** The instants the series is sampled at, oldest first; the last one is `to`. */
  instants: Date[];
}

/**
 * The instants a fill rate over time is sampled at: from `from` (booking opening, or the first
 * booking if earlier) to `to` (now, or the event's end once past) in steps of a quarter hour up
 * to a month, the smallest that keeps the series to MAX_FILL_POINTS. Pure.
 */
export function fillBuckets(from: Date, to: Date): FillBuckets {
  const span = to.getTime() - from.getTime();
  if (!(span > 0)) return { stepMinutes: STEP_MINUTES[0], instants: [] };
  const stepMinutes = STEP_MINUTES.find((m) => Math.ceil(span / (m * 60_000)) + 1 <= MAX_FILL_POINTS) ?? STEP_MINUTES.at(-1)!;
  const step = stepMinutes * 60_000;
  const instants: Date[] = [];
  for (let at = from.getTime(); at < to.getTime() && instants.length < MAX_FILL_POINTS - 1; at += step) instants.push(new Date(at));
  instants.push(new Date(to));
  return { stepMinutes, instants };
}
