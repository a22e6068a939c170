import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsObject, IsOptional, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsIsoInstant } from '../../common/validation/validators';

/** Exactly one of volunteerId, expertise or organizationId (checked with the other rules, as a 422). */
export class PreferenceChoiceDto {
  @IsOptional()
  @IsUUID()
  volunteerId?: string;

  /** Any volunteer of the event with this expertise tag. */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,39}$/, { message: 'expertise must be a tag such as finance' })
  expertise?: string;

  /** Any volunteer of this organization at the event (one interview per organization at most). */
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  /** Rated events: 1 (very interested) to 5 (not interested); ties allowed. Required there, refused in ranked events. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  rating?: number;
}

export class UnavailableTimeDto {
  @ApiProperty({ example: '2026-03-10T10:00:00-04:00' })
  @IsIsoInstant()
  startsAt: Date;

  @ApiProperty({ example: '2026-03-10T11:30:00-04:00' })
  @IsIsoInstant()
  endsAt: Date;
}

export class PutPreferencesDto {
  /** Ranked choices, best first; replaces earlier ones. */
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: 'each choice must be an object with volunteerId or expertise' })
  @ValidateNested({ each: true })
  @Type(() => PreferenceChoiceDto)
  choices: PreferenceChoiceDto[];

  /** Times the student cannot attend (e.g. classes); no interview is placed in them. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true, message: 'each unavailable time must be an object with startsAt and endsAt' })
  @ValidateNested({ each: true })
  @Type(() => UnavailableTimeDto)
  unavailable?: UnavailableTimeDto[];
}

export class PreferencesQuery {
  /** Staff: whose preferences. Students always get their own. */
  @IsOptional()
  @IsUUID()
  studentId?: string;
}

export class PreferenceChoiceResponse {
  /** Ranked events: the position; rated events: the rating. */
  rank: number;
  volunteerId?: string;
  expertise?: string;
  organizationId?: string;
  rating?: number;
  /** False when what the choice names no longer interviews at the event (a withdrawn volunteer): runs leave it out. */
  available: boolean;
}

export class UnavailableTimeResponse {
  startsAt: string;
  endsAt: string;
}

export class PreferencesResponse {
  eventId: string;
  studentId: string;
  choices: PreferenceChoiceResponse[];
  unavailable: UnavailableTimeResponse[];
  /** null when the student has not submitted any. */
  updatedAt: string | null;
}
