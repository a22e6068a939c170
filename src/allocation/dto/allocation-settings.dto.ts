import { IsIn, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { IsIsoInstant } from '../../common/validation/validators';

export class PutAllocationSettingsDto {
  /** When students may start submitting preferences; null (or left out) keeps them closed. */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIsoInstant()
  preferencesOpenAt?: Date | null;

  /** When submissions close; must be after preferencesOpenAt. */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIsoInstant()
  preferencesCloseAt?: Date | null;

  /** How many choices a student may rank, 1-20. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  preferenceChoices?: number;

  /** ranked: choices in order of preference; rated: each choice rated 1 (very interested) to 5 (not interested), ties allowed. */
  @IsOptional()
  @IsIn(['ranked', 'rated'], { message: 'preferenceMode must be ranked or rated' })
  preferenceMode?: 'ranked' | 'rated';

  /** Rated mode: a student gets at most as many interviews as choices rated this or better (1-5); null for no cap. */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(5)
  acceptableRating?: number | null;
}

export class AllocationSettingsResponse {
  eventId: string;
  preferencesOpenAt: string | null;
  preferencesCloseAt: string | null;
  preferenceChoices: number;
  preferenceMode: 'ranked' | 'rated';
  acceptableRating: number | null;
  /** The event's maxBookingsPerStudent: interviews per student an allocation may give. */
  interviewsPerStudent: number;
}
