import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CursorQuery } from '../../common/http/pagination';
import { IsIsoInstant } from '../../common/validation/validators';

export class SlotQuery extends CursorQuery {
  /** true: only free slots; false: only booked ones. */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  available?: boolean;

  @IsOptional()
  @IsUUID()
  volunteerId?: string;

  /** Slots of volunteers with this expertise tag. */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,39}$/, { message: 'expertise must be a tag such as resume-review' })
  expertise?: string;

  /** Slots of volunteers from this organization (exact name). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organization?: string;

  /** Slots starting in the morning (before 12:00), afternoon (12:00-17:00) or evening, in the event's zone. */
  @IsOptional()
  @IsIn(['morning', 'afternoon', 'evening'])
  timeOfDay?: 'morning' | 'afternoon' | 'evening';

  /** Slots starting at or after this instant. */
  @IsOptional()
  @IsIsoInstant()
  from?: Date;

  /** Slots starting before this instant. */
  @IsOptional()
  @IsIsoInstant()
  to?: Date;
}

export class SlotVolunteer {
  id: string;
  name: string;
  organization: string;
  title: string;
  expertise: string[];
}

export class SlotResponse {
  id: string;
  eventId: string;
  startsAt: string;
  endsAt: string;
  volunteer: SlotVolunteer;
  available: boolean;
}

export class SlotPage {
  items: SlotResponse[];
  nextCursor: string | null;
}
