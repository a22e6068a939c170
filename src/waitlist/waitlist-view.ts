import { toZonedIso } from '../common/time/zoned';
import type { EntryStatus } from './entities/waitlist-entry.entity';
import type { OfferState } from './entities/waitlist-offer.entity';
import type { OfferResponse, WaitlistEntryResponse } from './dto/waitlist.dto';
import type { EntryRow, OfferRow } from './waitlist.repository';

/** Entries and offers as responses, times in the event's zone. Pure: the reads are the repository's. */
export const WaitlistView = {
  offer(r: OfferRow): OfferResponse {
    const at = (d: Date) => toZonedIso(d, r.timezone);
    return {
      id: r.id,
      eventId: r.event_id,
      eventName: r.event_name,
      timezone: r.timezone,
      slotId: r.slot_id,
      startsAt: at(r.starts_at),
      endsAt: at(r.ends_at),
      volunteer: r.volunteer_id ? { id: r.volunteer_id, name: r.volunteer_name ?? '', organization: r.organization ?? '', title: r.title ?? '' } : null,
      state: r.state as OfferState,
      offeredAt: at(r.offered_at),
      expiresAt: at(r.expires_at),
      endedAt: r.ended_at ? at(r.ended_at) : null,
      bookingId: r.booking_id,
    };
  },

  entry(r: EntryRow, offer: OfferRow | undefined): WaitlistEntryResponse {
    const at = (d: Date) => toZonedIso(d, r.timezone);
    const narrowing = r.volunteer_id
      ? { volunteer: { id: r.volunteer_id, name: r.volunteer_name ?? '' } }
      : r.organization_id
        ? { organization: { id: r.organization_id, name: r.organization_name ?? '' } }
        : r.expertise
          ? { expertise: r.expertise }
          : null;
    return {
      id: r.id,
      eventId: r.event_id,
      eventName: r.event_name,
      status: r.status as EntryStatus,
      position: r.position,
      narrowing,
      joinedAt: at(r.joined_at),
      endedAt: r.ended_at ? at(r.ended_at) : null,
      offer: offer ? WaitlistView.offer(offer) : null,
    };
  },
};
