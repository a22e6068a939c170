import { DateTime } from 'luxon';

/** An instant as ISO 8601 in the given zone, with its offset: 2026-03-08T09:00:00.000-04:00. */
export function toZonedIso(instant: Date, timezone: string): string {
  return DateTime.fromJSDate(instant, { zone: timezone }).toISO() ?? instant.toISOString();
}
