import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsEmail, IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { IsIanaTimezone, IsIsoInstant, IsOptionalNotNull, NormalizeEmail, Trim } from '../../common/validation/validators';
import { EVENT_STATUSES, EventStatus } from '../entities/event.entity';

export class CreateEventDto {
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsOptionalNotNull()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  /** Venue shown in invites, e.g. "Student Union, Ballroom B". */
  @IsOptionalNotNull()
  @Trim()
  @IsString()
  @MaxLength(300)
  location?: string;

  /**
   * Who organizes the event, named as ORGANIZER in its calendar invites (replies go there).
   * Empty or left out: the configured sender.
   */
  @ApiProperty({ required: false, example: 'Engineering Career Services' })
  @IsOptionalNotNull()
  @Trim()
  @IsString()
  @MaxLength(200)
  organizerName?: string;

  @ApiProperty({ required: false, example: 'careers@example.edu' })
  @IsOptionalNotNull()
  @NormalizeEmail()
  @ValidateIf((dto: CreateEventDto) => dto.organizerEmail !== '')
  @IsEmail()
  @MaxLength(254)
  organizerEmail?: string;

  /** IANA time zone of the venue; slots are generated in it. */
  @ApiProperty({ example: 'America/New_York' })
  @IsIanaTimezone()
  timezone: string;

  @ApiProperty({ example: '2026-03-10T09:00:00-04:00' })
  @IsIsoInstant()
  startsAt: Date;

  @ApiProperty({ example: '2026-03-10T17:00:00-04:00' })
  @IsIsoInstant()
  endsAt: Date;

  @ApiProperty({ example: '2026-02-20T12:00:00-05:00' })
  @IsIsoInstant()
  bookingOpensAt: Date;

  @ApiProperty({ example: '2026-03-09T23:59:00-04:00' })
  @IsIsoInstant()
  bookingClosesAt: Date;

  // Defaults live in the database, not here: PartialType would copy an initializer into
  // UpdateEventDto and a PATCH of one field would reset these.
  /** Length of one interview slot in minutes (5-480). */
  @ApiProperty({ required: false, default: 30 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(5)
  @Max(480)
  slotMinutes?: number;

  /** Gap between two slots of one volunteer, in minutes (0-240). */
  @ApiProperty({ required: false, default: 0 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(240)
  breakMinutes?: number;

  /** How many interviews one student may hold in this event (1-50). */
  @ApiProperty({ required: false, default: 1 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(50)
  maxBookingsPerStudent?: number;

  /**
   * Least time between two interviews of one student in this event, in minutes (0-240; 0: back
   * to back is fine). Holds for every way a booking is made, staff's included.
   */
  @ApiProperty({ required: false, default: 0 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(240)
  minGapMinutes?: number;

  /**
   * Students can neither book nor cancel a slot less than this many minutes before it starts
   * (0-10080, a week; 0: until it starts). Staff may.
   */
  @ApiProperty({ required: false, default: 0 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(10080)
  bookingCutoffMinutes?: number;
}

/** Fields may be left out but not set to null: every column is required. */
export class UpdateEventDto extends PartialType(CreateEventDto, { skipNullProperties: false }) {
  /** Only `closed` may be set here; publish with `POST /events/:id/publish`. */
  @IsOptionalNotNull()
  @IsIn(['closed'])
  status?: 'closed';
}

export class EventResponse {
  id: string;
  name: string;
  description: string;
  location: string;
  /** Empty when the event uses the configured sender. */
  organizerName: string;
  organizerEmail: string;
  timezone: string;
  @ApiProperty({ example: '2026-03-10T09:00:00.000-04:00' })
  startsAt: string;
  endsAt: string;
  bookingOpensAt: string;
  bookingClosesAt: string;
  slotMinutes: number;
  breakMinutes: number;
  maxBookingsPerStudent: number;
  minGapMinutes: number;
  bookingCutoffMinutes: number;
  @ApiProperty({ enum: EVENT_STATUSES })
  status: EventStatus;
  createdAt: string;
  updatedAt: string;
}
