import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { EntryStatus } from '../entities/waitlist-entry.entity';
import type { OfferState } from '../entities/waitlist-offer.entity';

/** At most one narrowing; none: any slot of the event. */
export class JoinWaitlistDto {
  @IsOptional()
  @IsUUID()
  volunteerId?: string;

  @IsOptional()
  @IsUUID()
  organizationId?: string;

  /** An expertise tag, as the slot page's facets list them. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  expertise?: string;
}

export class WaitlistSettingsDto {
  /** How long an offer holds its slot (default 7200, two hours); never past the booking close or the slot's start. */
  @IsInt()
  @Min(1)
  @Max(604800)
  offerHoldSeconds: number;
}

export class WaitlistSettingsResponse {
  eventId: string;
  offerHoldSeconds: number;
}

export class NamedRef {
  id: string;
  name: string;
}

export class WaitlistNarrowing {
  volunteer?: NamedRef;
  organization?: NamedRef;
  expertise?: string;
}

export class OfferVolunteer {
  id: string;
  name: string;
  organization: string;
  title: string;
}

export class OfferResponse {
  id: string;
  eventId: string;
  eventName: string;
  /** The event's zone; every time here is in it. */
  timezone: string;
  /** Null once the slot is gone (the offer is then withdrawn). */
  slotId: string | null;
  startsAt: string;
  endsAt: string;
  volunteer: OfferVolunteer | null;
  state: OfferState;
  offeredAt: string;
  /** Until when it can be accepted. */
  expiresAt: string;
  /** When it was answered, expired or withdrawn. */
  endedAt: string | null;
  /** The booking an accepted offer made. */
  bookingId: string | null;
}

export class WaitlistEntryResponse {
  id: string;
  eventId: string;
  eventName: string;
  status: EntryStatus;
  /** 1 is next in the event's line; null once the entry has ended. */
  position: number | null;
  narrowing: WaitlistNarrowing | null;
  joinedAt: string;
  endedAt: string | null;
  /** The offer out to this entry now, if any. */
  offer: OfferResponse | null;
}
