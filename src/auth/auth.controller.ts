import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Redirect, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public, Roles, StaffRoles } from '../common/auth/auth.decorators';
import { UuidParam } from '../common/http/uuid-param';
import { ValidationFailedError } from '../common/errors/domain-error';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { RateLimit } from '../common/rate-limit/rate-limit.decorator';
import { AccessTokenResponse, CreateStaffDto, LoginDto, MagicLinkRequestDto, MagicLinkVerifyDto, StaffResponse, UpdateStaffDto } from './dto/auth.dto';
import { MagicLinkService } from './magic-link.service';
import { StaffService } from './staff.service';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly staff: StaffService,
    private readonly magicLinks: MagicLinkService,
  ) {}

  /** Staff sign-in with e-mail and password. */
  @Public()
  @RateLimit('sign-in')
  @Post('auth/login')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AccessTokenResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 401: 'INVALID_CREDENTIALS' })
  login(@Body() dto: LoginDto): Promise<AccessTokenResponse> {
    return this.staff.login(dto);
  }

  /**
   * Students and volunteers: e-mails a single-use sign-in link valid 15 minutes, if the
   * address belongs to one. Always 202, so the answer does not reveal who has an account.
   */
  @Public()
  @RateLimit('sign-in-mail')
  @Post('auth/magic-link')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: 'Accepted; a message is sent if the address is known' })
  @ApiErrors({ 400: 'VALIDATION_FAILED' })
  async requestMagicLink(@Body() dto: MagicLinkRequestDto, @Req() req: Request & { id?: unknown }): Promise<{ status: string }> {
    await this.magicLinks.request(dto.email, req.id === undefined ? undefined : String(req.id));
    return { status: 'accepted' };
  }

  /**
   * Exchanges the e-mailed link's `token`, or the `email` with the short `code` from the mail,
   * for an access token. Each works once; a code allows 5 wrong tries, an address 10 an hour.
   */
  @Public()
  @RateLimit('sign-in')
  @Post('auth/magic-link/verify')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AccessTokenResponse })
  @ApiErrors({
    400: 'VALIDATION_FAILED',
    401: 'INVALID_SIGN_IN_LINK (token used, expired or unknown) or INVALID_SIGN_IN_CODE',
    429: 'SIGN_IN_CODE_LOCKED: too many wrong codes for this address',
  })
  verifyMagicLink(@Body() dto: MagicLinkVerifyDto): Promise<AccessTokenResponse> {
    if (dto.token !== undefined && (dto.email !== undefined || dto.code !== undefined)) {
      throw new ValidationFailedError([{ field: 'token', message: 'send either token, or email and code, not both' }]);
    }
    return this.magicLinks.verify(dto.token !== undefined ? { token: dto.token } : { email: dto.email!, code: dto.code! });
  }

  /** Links mailed before the sign-in pages existed land on the page that replaced this one. */
  @Public()
  @Get('auth/magic-link/verify')
  @Redirect('/sign-in/link', HttpStatus.SEE_OTHER)
  @ApiProduces('text/html')
  @ApiResponse({ status: HttpStatus.SEE_OTHER, description: 'To /sign-in/link with the same token' })
  signInPage(@Query('token') token: unknown): { url: string } {
    const query = typeof token === 'string' && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? `?token=${token}` : '';
    return { url: `/sign-in/link${query}` };
  }

  /** Adds a staff account (role `staff` unless given). Admins only. */
  @Post('staff')
  @Roles('staff')
  @StaffRoles('admin')
  @RateLimit('expensive')
  @ApiErrors({ 400: 'VALIDATION_FAILED', 409: 'EMAIL_TAKEN' })
  createStaff(@Body() dto: CreateStaffDto): Promise<StaffResponse> {
    return this.staff.create(dto);
  }

  /** Every staff account with its role, enabled ones first. Admins only. */
  @Get('staff')
  @Roles('staff')
  @StaffRoles('admin')
  @ApiOkResponse({ type: [StaffResponse] })
  listStaff(): Promise<StaffResponse[]> {
    return this.staff.list();
  }

  /** Changes an account's role, or disables (`disabled: true`) or enables it. Admins only; one enabled admin always remains. */
  @Patch('staff/:id')
  @Roles('staff')
  @StaffRoles('admin')
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND', 409: 'LAST_ADMIN: no enabled admin would remain' })
  updateStaff(@Param('id', UuidParam('Staff account')) id: string, @Body() dto: UpdateStaffDto): Promise<StaffResponse> {
    return this.staff.update(id, dto);
  }
}
