import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf } from 'class-validator';
import { IsIsoInstant, Trim } from '../../common/validation/validators';
import { STRIKE_CAUSES, STRIKE_ENTRY_KINDS } from '../entities/strike-entry.entity';
import type { StrikeCause, StrikeEntryKind } from '../entities/strike-entry.entity';

/** Why staff add, excuse or clear: recorded in the ledger with who and when. */
export class StrikeReasonDto {
  @Trim()
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class AddStrikeDto extends StrikeReasonDto {
  /** The event it is about, if any. */
  @IsOptional()
  @IsUUID()
  eventId?: string;

  /** When it happened (default now); it counts in the period that holds this instant. */
  @IsOptional()
  @IsIsoInstant()
  occurredAt?: Date;
}

export class StrikePolicyDto {
  /** Strikes within the period at which a student may no longer book themselves (0: never). */
  @IsInt()
  @Min(0)
  @Max(100)
  strikeLimit: number;

  /** A rolling period of this many days; or give periodStartsAt and periodEndsAt (a term). */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(3660)
  periodDays?: number | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIsoInstant()
  periodStartsAt?: Date | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIsoInstant()
  periodEndsAt?: Date | null;

  /** A student's own cancellation this many minutes or less before the start is a strike (0: never). */
  @IsInt()
  @Min(0)
  @Max(20160)
  lateCancelMinutes: number;

  /** Whether a no-show is a strike. */
  @IsBoolean()
  noShowsCount: boolean;
}

/** One event's overrides; null or left out follows the office's policy. A period given here replaces the office's. */
export class EventStrikePolicyDto {
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(100)
  strikeLimit?: number | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(3660)
  periodDays?: number | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIsoInstant()
  periodStartsAt?: Date | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIsoInstant()
  periodEndsAt?: Date | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(20160)
  lateCancelMinutes?: number | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsBoolean()
  noShowsCount?: boolean | null;
}

export class StrikePolicyResponse {
  strikeLimit: number;
  periodDays: number | null;
  periodStartsAt: string | null;
  periodEndsAt: string | null;
  lateCancelMinutes: number;
  noShowsCount: boolean;
}

export class EventStrikePolicyResponse {
  eventId: string;
  /** The event's overrides (null: the office's value). */
  strikeLimit: number | null;
  periodDays: number | null;
  periodStartsAt: string | null;
  periodEndsAt: string | null;
  lateCancelMinutes: number | null;
  noShowsCount: boolean | null;
  /** The office's policy, which the nulls follow. */
  office: StrikePolicyResponse;
}

export class StrikeRecorder {
  id: string | null;
  @ApiProperty({ enum: ['staff', 'volunteer', 'student'] })
  role: string;
}

export const STRIKE_STATUSES = ['active', 'excused', 'cleared', 'expired'] as const;
export type StrikeStatus = (typeof STRIKE_STATUSES)[number];

export class StrikeView {
  id: string;
  @ApiProperty({ enum: STRIKE_CAUSES })
  cause: StrikeCause;
  /** active: counts now; excused or cleared by staff (or a corrected attendance); expired: outside the period. */
  @ApiProperty({ enum: STRIKE_STATUSES })
  status: StrikeStatus;
  reason: string;
  occurredAt: string;
  recordedAt: string;
  recordedBy: StrikeRecorder;
  eventId: string | null;
  eventName: string | null;
  bookingId: string | null;
  /** Why it no longer counts, when excused or cleared. */
  liftedReason: string | null;
  liftedAt: string | null;
}

export class StrikeStandingResponse {
  studentId: string;
  /** Strikes that count now (the office's period). */
  activeStrikes: number;
  /** The office's limit (0: no limit). */
  limit: number;
  /** Strikes from this instant on count (the office's period). */
  periodFrom: string;
  /** Until this instant (a term), or null (a rolling period). */
  periodTo: string | null;
  /** At or over the office's limit: the student cannot book themselves (an event may set its own policy). */
  blocked: boolean;
  /** Every strike, newest first. */
  strikes: StrikeView[];
}

export class StrikeLedgerEntry {
  id: string;
  @ApiProperty({ enum: STRIKE_ENTRY_KINDS })
  kind: StrikeEntryKind;
  @ApiProperty({ enum: STRIKE_CAUSES, nullable: true })
  cause: StrikeCause | null;
  /** excuse: the strike it excuses. */
  strikeId: string | null;
  eventId: string | null;
  bookingId: string | null;
  occurredAt: string;
  reason: string;
  recordedBy: StrikeRecorder;
  recordedAt: string;
}

export class StudentStrikesResponse extends StrikeStandingResponse {
  /** The append-only ledger, oldest first: every strike, excuse and clear with who, when and why. */
  ledger: StrikeLedgerEntry[];
}
