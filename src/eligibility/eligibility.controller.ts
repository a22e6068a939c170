import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { EligibilityDto, EligibilityResponse, MyEligibilityResponse } from './dto/eligibility.dto';
import { EligibilityService } from './eligibility.service';

@ApiTags('events')
@Controller('events/:id/eligibility')
export class EligibilityController {
  constructor(private readonly eligibility: EligibilityService) {}

  /** Who may book the event (null: no rule of that kind). */
  @Get()
  @Roles('staff')
  @ApiErrors({ 404: 'NOT_FOUND' })
  get(@Param('id', UuidParam('Event')) id: string): Promise<EligibilityResponse> {
    return this.eligibility.get(id);
  }

  /**
   * Replaces who may book the event: majors, graduation years, e-mail domains and/or an explicit
   * list of students; every rule given must hold. `{}` opens the event to all. Applies to
   * students booking, ranking preferences and joining waitlists; bookings already made stay.
   */
  @Put()
  @Roles('staff')
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND', 422: 'UNKNOWN_STUDENTS: a listed id is not a student' })
  replace(@Param('id', UuidParam('Event')) id: string, @Body() dto: EligibilityDto): Promise<EligibilityResponse> {
    return this.eligibility.replace(id, dto);
  }

  /** Whether the calling student may book the event, and if not, the rule that excludes them. */
  @Get('me')
  @Roles('student')
  @ApiErrors({ 404: 'NOT_FOUND: no such event, or not published' })
  mine(@Param('id', UuidParam('Event')) id: string, @CurrentPrincipal() principal: Principal): Promise<MyEligibilityResponse> {
    return this.eligibility.mine(id, principal);
  }
}
