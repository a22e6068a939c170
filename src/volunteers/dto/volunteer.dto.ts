import { ApiProperty, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { IsOptionalNotNull, NormalizeEmail, Trim } from '../../common/validation/validators';

export class CreateVolunteerDto {
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsOptionalNotNull()
  @Trim()
  @IsString()
  @MaxLength(200)
  organization?: string;

  @IsOptionalNotNull()
  @Trim()
  @IsString()
  @MaxLength(200)
  title?: string;

  /** Lower-case tags such as `software`, `finance`, `resume-review`. */
  @ApiProperty({ example: ['software', 'resume-review'] })
  @IsOptionalNotNull()
  @Transform(({ value }) =>
    Array.isArray(value) ? [...new Set(value.map((t) => (typeof t === 'string' ? t.trim().toLowerCase() : t)))] : value,
  )
  @IsArray()
  @ArrayMaxSize(30)
  @Matches(/^[a-z0-9][a-z0-9-]{0,39}$/, {
    each: true,
    message: 'each expertise tag must be 1-40 lower-case letters, digits or dashes',
  })
  expertise?: string[];
}

/** Issue 13: any of the fields, changed; the others stay. A null name or e-mail is refused (400), not stored. */
export class UpdateVolunteerDto extends PartialType(CreateVolunteerDto, { skipNullProperties: false }) {}

export class VolunteerResponse {
  id: string;
  name: string;
  email: string;
  /** The organization's name ('' for none), as its record spells it. */
  organization: string;
  /** The organization record (issue 14), shared by every volunteer who names it in any case. */
  organizationId: string | null;
  title: string;
  expertise: string[];
  createdAt: string;
}

/** Issue 13: what `POST /volunteers/import` did. Known addresses are left as they are. */
export class VolunteerImportResult {
  /** Rows in the file. */
  total: number;
  created: number;
  /** Rows whose e-mail address already had a volunteer (deleted ones included): not changed. */
  skipped: number;
}
