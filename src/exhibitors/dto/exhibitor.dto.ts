import { applyDecorators } from '@nestjs/common';
import { PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsOptional, IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import { IsOptionalNotNull, NormalizeEmail, Trim } from '../../common/validation/validators';

/** An optional list of short labels (1-100 characters each), trimmed; `[]` empties it, null is refused (NOT NULL). */
const LabelList = (maxItems: number) =>
  applyDecorators(
    IsOptionalNotNull(),
    Transform(({ value }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value)),
    IsArray(),
    ArrayMaxSize(maxItems),
    IsString({ each: true }),
    MinLength(1, { each: true }),
    MaxLength(100, { each: true }),
  );

export class CreateExhibitorDto {
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  organization: string;

  /** e.g. ["Software", "Finance"]; matched case-insensitively by `?industry=`. */
  @LabelList(30)
  industries?: string[];

  /** Roles hiring for, e.g. ["internship", "full-time"]. */
  @LabelList(30)
  roles?: string[];

  /** Majors sought; matched case-insensitively by `?major=`. */
  @LabelList(50)
  majors?: string[];

  @IsOptional()
  @Trim()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  website?: string;

  /** Contact details are shown to staff only. */
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  contactName?: string;

  @IsOptional()
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(50)
  contactPhone?: string;
}

/** Any field may be left out; only the contact fields and the website may be null (cleared). */
export class UpdateExhibitorDto extends PartialType(CreateExhibitorDto, { skipNullProperties: false }) {}

export class ExhibitorQuery {
  /** An industry the exhibitor lists (case-insensitive). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  industry?: string;

  /** A major the exhibitor seeks (case-insensitive). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  major?: string;

  /** Substring of the organization name (case-insensitive). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class ExhibitorContact {
  name: string | null;
  email: string | null;
  phone: string | null;
}

export class BoothRef {
  label: string;
  hall: string;
}

export class ExhibitorResponse {
  id: string;
  eventId: string;
  organization: string;
  industries: string[];
  roles: string[];
  majors: string[];
  website: string | null;
  /** Staff only; absent for students and volunteers. */
  contact?: ExhibitorContact;
  /** The booth on the event's floor plan, when it has one. */
  booth?: BoothRef | null;
}

export class ExhibitorImportResult {
  /** Rows in the file. */
  total: number;
  created: number;
  updated: number;
}
