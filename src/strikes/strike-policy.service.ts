import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/auth/principal';
import { EventsService } from '../events/events.service';
import { EventStrikePolicyDto, EventStrikePolicyResponse, StrikePolicyDto, StrikePolicyResponse } from './dto/strike.dto';
import { StrikeErrors } from './strikes.errors';
import { EventPolicyRow, PolicyRow, StrikesRepository } from './strikes.repository';

/** The office's strike policy and each event's overrides (staff). */
@Injectable()
export class StrikePolicyService {
  constructor(
    private readonly strikes: StrikesRepository,
    private readonly events: EventsService,
  ) {}

  async get(): Promise<StrikePolicyResponse> {
    return policyView(await this.strikes.policy());
  }

  async put(dto: StrikePolicyDto, by: Principal): Promise<StrikePolicyResponse> {
    const period = periodOf(dto);
    if (period.periodDays === null && period.periodStartsAt === null) {
      throw StrikeErrors.invalidPolicy('Give periodDays, or periodStartsAt and periodEndsAt (a term)');
    }
    const row = await this.strikes.putPolicy({ strikeLimit: dto.strikeLimit, lateCancelMinutes: dto.lateCancelMinutes, noShowsCount: dto.noShowsCount, ...period }, by.id);
    return policyView(row);
  }

  async getForEvent(eventId: string): Promise<EventStrikePolicyResponse> {
    await this.events.findOrFail(eventId);
    const [row, office] = await Promise.all([this.strikes.eventPolicy(eventId), this.get()]);
    return eventPolicyView(eventId, row, office);
  }

  async putForEvent(eventId: string, dto: EventStrikePolicyDto, by: Principal): Promise<EventStrikePolicyResponse> {
    await this.events.findOrFail(eventId);
    const row = await this.strikes.putEventPolicy(
      eventId,
      { strikeLimit: dto.strikeLimit ?? null, lateCancelMinutes: dto.lateCancelMinutes ?? null, noShowsCount: dto.noShowsCount ?? null, ...periodOf(dto) },
      by.id,
    );
    return eventPolicyView(eventId, row, await this.get());
  }
}

/** Either a rolling number of days or a term with both ends, never both: INVALID_STRIKE_POLICY otherwise. */
function periodOf(dto: { periodDays?: number | null; periodStartsAt?: Date | null; periodEndsAt?: Date | null }) {
  const periodDays = dto.periodDays ?? null;
  const periodStartsAt = dto.periodStartsAt ?? null;
  const periodEndsAt = dto.periodEndsAt ?? null;
  if ((periodStartsAt === null) !== (periodEndsAt === null)) throw StrikeErrors.invalidPolicy('A term needs both periodStartsAt and periodEndsAt');
  if (periodStartsAt && periodEndsAt && periodEndsAt <= periodStartsAt) throw StrikeErrors.invalidPolicy('periodEndsAt must be after periodStartsAt');
  if (periodDays !== null && periodStartsAt !== null) throw StrikeErrors.invalidPolicy('Give periodDays or a term, not both');
  return { periodDays, periodStartsAt, periodEndsAt };
}

function policyView(row: PolicyRow): StrikePolicyResponse {
  return {
    strikeLimit: row.strike_limit,
    periodDays: row.period_days,
    periodStartsAt: row.period_starts_at?.toISOString() ?? null,
    periodEndsAt: row.period_ends_at?.toISOString() ?? null,
    lateCancelMinutes: row.late_cancel_minutes,
    noShowsCount: row.no_shows_count,
  };
}

function eventPolicyView(eventId: string, row: EventPolicyRow | undefined, office: StrikePolicyResponse): EventStrikePolicyResponse {
  return {
    eventId,
    strikeLimit: row?.strike_limit ?? null,
    periodDays: row?.period_days ?? null,
    periodStartsAt: row?.period_starts_at?.toISOString() ?? null,
    periodEndsAt: row?.period_ends_at?.toISOString() ?? null,
    lateCancelMinutes: row?.late_cancel_minutes ?? null,
    noShowsCount: row?.no_shows_count ?? null,
    office,
  };
}
