import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { STAFF_ROLES, type StaffRole } from '../../common/auth/principal';
import { NormalizeEmail, Trim } from '../../common/validation/validators';

export class LoginDto {
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsString()
  @MaxLength(1024)
  password: string;
}

export class MagicLinkRequestDto {
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email: string;
}

/** Either the link's `token`, or the `email` the mail went to with the short `code` typed from it. */
export class MagicLinkVerifyDto {
  /** The token in the e-mailed link. */
  @ValidateIf((dto: MagicLinkVerifyDto) => dto.token !== undefined || (dto.code === undefined && dto.email === undefined))
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'token is not a sign-in token' })
  token?: string;

  /** The address the code was sent to. */
  @ValidateIf((dto: MagicLinkVerifyDto) => dto.token === undefined || dto.email !== undefined)
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  /** The short code from the e-mail, e.g. `AB12-CD34` (any case; spaces and dashes are ignored). */
  @ValidateIf((dto: MagicLinkVerifyDto) => dto.token === undefined || dto.code !== undefined)
  @IsString()
  @MaxLength(32)
  code?: string;
}

export class AccessTokenResponse {
  accessToken: string;
  /** staff, volunteer or student */
  role: string;
  /** Staff only: admin, staff or desk (read again on every request, so a change applies at once). */
  staffRole?: StaffRole;
}

export class CreateStaffDto {
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email: string;

  /** At least 12 characters. */
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  password: string;

  /** admin (everything, staff accounts too), staff (everything else) or desk (check-in and attendance); default staff. */
  @IsOptional()
  @IsIn(STAFF_ROLES)
  role?: StaffRole;
}

/** A change to a staff account: its role, or disabling (true) and enabling (false) it. */
export class UpdateStaffDto {
  @IsOptional()
  @IsIn(STAFF_ROLES)
  role?: StaffRole;

  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class StaffResponse {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  disabled: boolean;
  createdAt: string;
}
