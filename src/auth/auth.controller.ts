import { Body, Controller, Get, Header, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public, Roles } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { RateLimit } from '../common/rate-limit/rate-limit.decorator';
import { AccessTokenResponse, CreateStaffDto, LoginDto, MagicLinkRequestDto, MagicLinkVerifyDto, StaffResponse } from './dto/auth.dto';
import { MagicLinkService } from './magic-link.service';
import { SIGN_IN_PAGE } from './sign-in-page';
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

  /** Exchanges the e-mailed code for an access token. Works once. */
  @Public()
  @RateLimit('sign-in')
  @Post('auth/magic-link/verify')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AccessTokenResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 401: 'INVALID_SIGN_IN_LINK: used, expired or unknown' })
  verifyMagicLink(@Body() dto: MagicLinkVerifyDto): Promise<AccessTokenResponse> {
    return this.magicLinks.verify(dto.token);
  }

  /** The page the e-mailed link opens; opening it does not use up the token. */
  @Public()
  @Get('auth/magic-link/verify')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Security-Policy', "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'")
  @ApiProduces('text/html')
  signInPage(): string {
    return SIGN_IN_PAGE;
  }

  /** Adds a staff account. */
  @Post('staff')
  @Roles('staff')
  @RateLimit('expensive')
  @ApiErrors({ 400: 'VALIDATION_FAILED', 409: 'EMAIL_TAKEN' })
  createStaff(@Body() dto: CreateStaffDto): Promise<StaffResponse> {
    return this.staff.create(dto);
  }
}
