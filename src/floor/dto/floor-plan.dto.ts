import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsIsoInstant, Trim } from '../../common/validation/validators';
import { PLACE_KINDS, ROTATIONS } from '../floor-plan.types';
import type { PlaceKind, Rotation } from '../floor-plan.types';

export class TableAssignmentDto {
  @IsUUID()
  volunteerId: string;

  @ApiProperty({ example: '2026-03-10T09:00:00-04:00' })
  @IsIsoInstant()
  startsAt: Date;

  @ApiProperty({ example: '2026-03-10T12:00:00-04:00' })
  @IsIsoInstant()
  endsAt: Date;
}

export class PlaceDto {
  /** Unique in the event, e.g. "B12" or "Table 4". */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  label: string;

  @ApiProperty({ enum: PLACE_KINDS })
  @IsIn(PLACE_KINDS)
  kind: PlaceKind;

  /** Metres from the hall's left wall to the place's left edge before rotation. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1000)
  @Max(1000)
  x: number;

  /** Metres from the hall's top wall. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1000)
  @Max(1000)
  y: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.1)
  @Max(1000)
  width: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.1)
  @Max(1000)
  height: number;

  /** Degrees clockwise about the place's centre. */
  @ApiProperty({ enum: ROTATIONS, required: false, default: 0 })
  @IsOptional()
  @IsIn(ROTATIONS)
  rotation?: Rotation;

  /** Booths only: the exhibitor at this booth. */
  @IsOptional()
  @IsUUID()
  exhibitorId?: string;

  /** Interview tables only: who sits here when. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true, message: 'each assignment must be an object with volunteerId, startsAt and endsAt' })
  @ValidateNested({ each: true })
  @Type(() => TableAssignmentDto)
  assignments?: TableAssignmentDto[];
}

export class HallDto {
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'key must be 1-40 letters, digits, dashes or underscores' })
  key: string;

  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  /** Metres. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(1000)
  width: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(1000)
  height: number;

  @IsArray()
  @ArrayMaxSize(2000)
  @IsObject({ each: true, message: 'each place must be an object' })
  @ValidateNested({ each: true })
  @Type(() => PlaceDto)
  places: PlaceDto[];
}

export class PutFloorPlanDto {
  /** The version this edit started from (0 when the event has no plan yet); a stale one gives 409. */
  @IsInt()
  @Min(0)
  version: number;

  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true, message: 'each hall must be an object' })
  @ValidateNested({ each: true })
  @Type(() => HallDto)
  halls: HallDto[];
}

export class TableAssignmentResponse {
  volunteerId: string;
  startsAt: string;
  endsAt: string;
}

export class PlaceResponse {
  label: string;
  @ApiProperty({ enum: PLACE_KINDS })
  kind: PlaceKind;
  x: number;
  y: number;
  width: number;
  height: number;
  @ApiProperty({ enum: ROTATIONS })
  rotation: Rotation;
  exhibitorId?: string | null;
  assignments?: TableAssignmentResponse[];
}

export class HallResponse {
  key: string;
  name: string;
  width: number;
  height: number;
  places: PlaceResponse[];
}

export class FloorPlanResponse {
  eventId: string;
  /** 0 until the first plan is stored; send it back with the next PUT. Also the ETag. */
  version: number;
  halls: HallResponse[];
  updatedAt: string | null;
}

export class FloorPlanSvgQuery {
  /** Label of a place to highlight. */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  highlight?: string;

  /** Highlights this exhibitor's booth. */
  @IsOptional()
  @IsUUID()
  exhibitor?: string;

  /** Labels each interview table with the volunteer there at this instant (else everyone over the day). */
  @IsOptional()
  @IsIsoInstant()
  at?: Date;
}
