import { PartialType } from '@nestjs/swagger';
import { IsEmail, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CursorQuery } from '../../common/http/pagination';
import { NormalizeEmail, Trim } from '../../common/validation/validators';

export class CreateStudentDto {
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(64)
  studentNumber?: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  major?: string;

  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(2200)
  graduationYear?: number;
}

/** Issue 13: any of the fields, changed; the others stay. A null name or e-mail is refused (400), not stored. */
export class UpdateStudentDto extends PartialType(CreateStudentDto, { skipNullProperties: false }) {}

export class StudentListQuery extends CursorQuery {
  /** Matches name or e-mail (case-insensitive substring). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class StudentResponse {
  id: string;
  name: string;
  email: string;
  studentNumber: string | null;
  major: string | null;
  graduationYear: number | null;
  createdAt: string;
}

export class StudentPage {
  items: StudentResponse[];
  nextCursor: string | null;
}

export class ImportRowError {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  reason: string;
}

export class StudentImportResult {
  /** Rows in the file. */
  total: number;
  created: number;
  updated: number;
}
