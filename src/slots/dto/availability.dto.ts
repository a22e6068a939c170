import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, ValidateNested } from 'class-validator';
import { IsIsoInstant } from '../../common/validation/validators';

export class AvailabilityWindowDto {
  @ApiProperty({ example: '2026-03-10T09:00:00-04:00' })
  @IsIsoInstant()
  startsAt: Date;

  @ApiProperty({ example: '2026-03-10T12:00:00-04:00' })
  @IsIsoInstant()
  endsAt: Date;
}

export class PutAvailabilityDto {
  /** Replaces all of the volunteer's windows for the event; an empty list withdraws them. */
  @IsArray()
  @ArrayMaxSize(100)
  // ValidateNested lets a nested array through as if it were a window.
  @IsObject({ each: true, message: 'each window must be an object with startsAt and endsAt' })
  @ValidateNested({ each: true })
  @Type(() => AvailabilityWindowDto)
  windows: AvailabilityWindowDto[];
}

export class AvailabilityWindowResponse {
  startsAt: string;
  endsAt: string;
}

export class AvailabilityResponse {
  eventId: string;
  volunteerId: string;
  windows: AvailabilityWindowResponse[];
  /** Bookable slots generated from the windows. */
  slotCount: number;
}
