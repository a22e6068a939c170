import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { JoinWaitlistDto, WaitlistEntryResponse, WaitlistSettingsDto, WaitlistSettingsResponse } from './dto/waitlist.dto';
import { WaitlistService } from './waitlist.service';

@ApiTags('waitlist')
@Controller()
export class WaitlistController {
  constructor(private readonly waitlist: WaitlistService) {}

  /**
   * Joins the event's waitlist, optionally narrowed to one volunteer, organization or expertise
   * tag. First come, first served: when a fitting slot frees up it is held for the first student
   * in line who can book it, who is e-mailed an offer.
   */
  @Post('events/:eventId/waitlist')
  @Roles('student')
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: WaitlistEntryResponse })
  @ApiErrors({
    400: 'VALIDATION_FAILED (e.g. more than one narrowing)',
    404: 'NOT_FOUND: event, volunteer or organization',
    409: 'WAITLIST_ALREADY_JOINED (waiting with the same narrowing)',
    422: 'WAITLIST_CLOSED (booking has closed) or NOT_ELIGIBLE (details.rule)',
  })
  join(@Param('eventId', UuidParam('Event')) eventId: string, @Body() dto: JoinWaitlistDto, @CurrentPrincipal() principal: Principal): Promise<WaitlistEntryResponse> {
    return this.waitlist.join(eventId, dto, principal);
  }

  /** The caller's waitlist entries: waiting ones first, with their place in line and any offer out to them. */
  @Get('waitlist/me')
  @Roles('student')
  mine(@CurrentPrincipal() principal: Principal): Promise<WaitlistEntryResponse[]> {
    return this.waitlist.mine(principal);
  }

  /** Leaves the waitlist; an offer out to this entry is withdrawn. Leaving twice is a no-op. */
  @Delete('waitlist/:id')
  @Roles('student')
  @ApiErrors({ 404: 'NOT_FOUND: no such entry, or not yours' })
  leave(@Param('id', UuidParam('Waitlist entry')) id: string, @CurrentPrincipal() principal: Principal): Promise<WaitlistEntryResponse> {
    return this.waitlist.leave(id, principal);
  }

  @Get('events/:eventId/waitlist-settings')
  @Roles('staff')
  @ApiErrors({ 404: 'NOT_FOUND' })
  settings(@Param('eventId', UuidParam('Event')) eventId: string): Promise<WaitlistSettingsResponse> {
    return this.waitlist.settings(eventId);
  }

  /** How long an offer holds its slot (default two hours; never past the booking close or the slot's start). */
  @Put('events/:eventId/waitlist-settings')
  @Roles('staff')
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND' })
  saveSettings(@Param('eventId', UuidParam('Event')) eventId: string, @Body() dto: WaitlistSettingsDto): Promise<WaitlistSettingsResponse> {
    return this.waitlist.saveSettings(eventId, dto.offerHoldSeconds);
  }
}
