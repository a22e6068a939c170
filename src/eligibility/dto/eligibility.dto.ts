import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { INELIGIBLE_RULES, IneligibleRule } from '../eligibility.sql';

const trimmedList = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim() : v)) : value;
const lowerList = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase().replace(/^@/, '') : v)) : value;

/**
 * Who may book the event. Every rule given must hold; a rule left out or null is no rule.
 * An empty body opens the event to every student again.
 */
export class EligibilityDto {
  @ApiProperty({ required: false, nullable: true, example: ['Computer Science', 'Economics'] })
  @IsOptional()
  @Transform(trimmedList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  majors?: string[] | null;

  @ApiProperty({ required: false, nullable: true, example: [2026, 2027] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  @Min(1900, { each: true })
  @Max(2200, { each: true })
  graduationYears?: number[] | null;

  /** A student's address qualifies at the domain or any subdomain of it (cs.example.edu under example.edu). */
  @ApiProperty({ required: false, nullable: true, example: ['example.edu'] })
  @IsOptional()
  @Transform(lowerList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(253, { each: true })
  @Matches(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, { each: true, message: 'each emailDomain must be a domain such as example.edu' })
  emailDomains?: string[] | null;

  /** Only these students qualify (their ids). */
  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  studentIds?: string[] | null;
}

export class EligibilityResponse {
  eventId: string;
  majors: string[] | null;
  graduationYears: number[] | null;
  emailDomains: string[] | null;
  /** null: no list; else only these students qualify. */
  studentIds: string[] | null;
}

/** Whether the calling student may book the event, and if not, the rule they fail. */
export class MyEligibilityResponse {
  eligible: boolean;
  @ApiProperty({ enum: INELIGIBLE_RULES, nullable: true })
  rule: IneligibleRule | null;
  /** Why not, readable; null when eligible. */
  message: string | null;
}
