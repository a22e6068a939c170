import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';
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

export class MagicLinkVerifyDto {
  /** The code from the sign-in e-mail. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'token is not a sign-in code' })
  token: string;
}

export class AccessTokenResponse {
  accessToken: string;
  /** staff, volunteer or student */
  role: string;
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
}

export class StaffResponse {
  id: string;
  name: string;
  email: string;
  createdAt: string;
}
