import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CursorQuery } from '../../common/http/pagination';
import { VolunteerResponse } from './volunteer.dto';

export class VolunteerListQuery extends CursorQuery {
  /** Matches name, e-mail or organization (case-insensitive substring). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class VolunteerPage {
  items: VolunteerResponse[];
  nextCursor: string | null;
}
