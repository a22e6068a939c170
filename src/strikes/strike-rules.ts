import { toZonedIso } from '../common/time/zoned';
import type { StrikeStatus, StrikeView } from './dto/strike.dto';
import type { StrikeCause } from './entities/strike-entry.entity';
import type { EntryRow } from './strikes.repository';

export type AttendanceMark = 'attended' | 'no_show';

export const zoneOf = (eventId: string | null, zones: Map<string, string>) => (eventId && zones.get(eventId)) || 'UTC';

/**
 * Each strike of a ledger (oldest first in, newest first out) with its status: excused (an
 * excuse names it), cleared (a clear came after it), expired (outside the period), or active.
 */
export function strikeViews(
  entries: EntryRow[],
  period: { from: Date | null; to: Date | null },
  zones: Map<string, string>,
  names: Map<string, string>,
): StrikeView[] {
  const excuses = new Map(entries.filter((e) => e.kind === 'excuse').map((e) => [e.strike_id!, e]));
  const clears = entries.filter((e) => e.kind === 'clear');
  const inPeriod = (at: Date) => (!period.from || at >= period.from) && (!period.to || at < period.to);
  return entries
    .filter((e) => e.kind === 'strike')
    .map((strike) => {
      const excuse = excuses.get(strike.id);
      const clear = clears.find((c) => BigInt(c.id) > BigInt(strike.id));
      const lifted = excuse ?? clear;
      const status: StrikeStatus = excuse ? 'excused' : clear ? 'cleared' : inPeriod(strike.occurred_at) ? 'active' : 'expired';
      const zone = zoneOf(strike.event_id, zones);
      return {
        id: strike.id,
        cause: strike.cause as StrikeCause,
        status,
        reason: strike.reason,
        occurredAt: toZonedIso(strike.occurred_at, zone),
        recordedAt: toZonedIso(strike.recorded_at, zone),
        recordedBy: { id: strike.recorded_by, role: strike.recorded_by_role },
        eventId: strike.event_id,
        eventName: strike.event_id ? (names.get(strike.event_id) ?? null) : null,
        bookingId: strike.booking_id,
        liftedReason: lifted?.reason ?? null,
        liftedAt: lifted ? toZonedIso(lifted.recorded_at, zone) : null,
      };
    })
    .reverse();
}
