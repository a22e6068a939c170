import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsObject, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';

/** Exactly one of organizationId or volunteerId; at least one bound. */
export class AllocationLoadDto {
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @IsOptional()
  @IsUUID()
  volunteerId?: string;

  /** Interviews it needs from the event (bookings included); a run meets it in full or releases it and says so. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  minInterviews?: number;

  /** Interviews it will give at most (bookings included). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  maxInterviews?: number;
}

export class PutAllocationLoadsDto {
  /** Replaces the event's loads. */
  @IsArray()
  @ArrayMaxSize(2000)
  @IsObject({ each: true, message: 'each load must be an object' })
  @ValidateNested({ each: true })
  @Type(() => AllocationLoadDto)
  loads: AllocationLoadDto[];
}

export class AllocationLoadResponse {
  organizationId: string | null;
  volunteerId: string | null;
  minInterviews: number | null;
  maxInterviews: number | null;
}

export class AllocationLoadsResponse {
  eventId: string;
  loads: AllocationLoadResponse[];
}
