import { DateTime } from 'luxon';

/** Instants formatted per zone; capped so a long-running process never grows it without bound. */
const CACHE_LIMIT = 20_000;
const cache = new Map<string, Map<number, string>>();

/**
 * An instant as ISO 8601 in the given zone, with its offset: 2026-03-08T09:00:00.000-04:00.
 *
 * Memoized per zone and instant: Luxon finds a zone's offset through Intl for every instant it
 * formats, which was most of the slot page's time, while a page repeats the same few start and
 * end times across volunteers. Exact for any zone and instant, unlike caching offsets by hour.
 */
export function toZonedIso(instant: Date, timezone: string): string {
  const ms = instant.getTime();
  let zone = cache.get(timezone);
  if (!zone) cache.set(timezone, (zone = new Map()));
  let iso = zone.get(ms);
  if (iso === undefined) {
    iso = DateTime.fromMillis(ms, { zone: timezone }).toISO() ?? instant.toISOString();
    if (zone.size >= CACHE_LIMIT) zone.clear();
    zone.set(ms, iso);
  }
  return iso;
}
