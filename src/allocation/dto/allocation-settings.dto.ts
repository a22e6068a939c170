import { IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
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
}

export class AllocationSettingsResponse {
  eventId: string;
  preferencesOpenAt: string | null;
  preferencesCloseAt: string | null;
  preferenceChoices: number;
  /** The event's maxBookingsPerStudent: interviews per student an allocation may give. */
  interviewsPerStudent: number;
}
