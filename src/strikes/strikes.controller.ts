import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import {
  AddStrikeDto,
  EventStrikePolicyDto,
  EventStrikePolicyResponse,
  StrikePolicyDto,
  StrikePolicyResponse,
  StrikeReasonDto,
  StrikeStandingResponse,
  StudentStrikesResponse,
} from './dto/strike.dto';
import { StrikePolicyService } from './strike-policy.service';
import { StrikesService } from './strikes.service';

@ApiTags('strikes')
@Controller()
export class StrikesController {
  constructor(
    private readonly strikes: StrikesService,
    private readonly policy: StrikePolicyService,
  ) {}

  /** The signed-in student's strikes, why each was given, and whether they may book themselves. */
  @Get('strikes/me')
  @Roles('student')
  mine(@CurrentPrincipal() principal: Principal): Promise<StrikeStandingResponse> {
    return this.strikes.standingOf(principal.id);
  }

  /** A student's standing and the whole append-only ledger (who, when, why). */
  @Get('students/:id/strikes')
  @Roles('staff')
  @ApiErrors({ 404: 'NOT_FOUND' })
  ofStudent(@Param('id', UuidParam('Student')) id: string): Promise<StudentStrikesResponse> {
    return this.strikes.ledgerOf(id);
  }

  /** Adds a strike by hand, with the reason. */
  @Post('students/:id/strikes')
  @Roles('staff')
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND: student or event' })
  add(@Param('id', UuidParam('Student')) id: string, @Body() dto: AddStrikeDto, @CurrentPrincipal() principal: Principal): Promise<StudentStrikesResponse> {
    return this.strikes.add(id, dto, principal);
  }

  /** Excuses one strike (it stays in the ledger, no longer counting). */
  @Post('students/:id/strikes/:strikeId/excuse')
  @Roles('staff')
  @HttpCode(HttpStatus.OK)
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND: student or strike', 409: 'STRIKE_ALREADY_EXCUSED' })
  excuse(
    @Param('id', UuidParam('Student')) id: string,
    @Param('strikeId') strikeId: string,
    @Body() dto: StrikeReasonDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StudentStrikesResponse> {
    return this.strikes.excuse(id, strikeId, dto.reason, principal);
  }

  /** Clears every strike so far: the student may book themselves again. */
  @Post('students/:id/strikes/clear')
  @Roles('staff')
  @HttpCode(HttpStatus.OK)
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND' })
  clear(@Param('id', UuidParam('Student')) id: string, @Body() dto: StrikeReasonDto, @CurrentPrincipal() principal: Principal): Promise<StudentStrikesResponse> {
    return this.strikes.clear(id, dto.reason, principal);
  }

  /** The office's strike policy. */
  @Get('strike-policy')
  @Roles('staff')
  getPolicy(): Promise<StrikePolicyResponse> {
    return this.policy.get();
  }

  @Put('strike-policy')
  @Roles('staff')
  @ApiErrors({ 400: 'VALIDATION_FAILED', 422: 'INVALID_STRIKE_POLICY' })
  putPolicy(@Body() dto: StrikePolicyDto, @CurrentPrincipal() principal: Principal): Promise<StrikePolicyResponse> {
    return this.policy.put(dto, principal);
  }

  /** One event's overrides of the office's policy. */
  @Get('events/:eventId/strike-policy')
  @Roles('staff')
  @ApiErrors({ 404: 'NOT_FOUND' })
  getEventPolicy(@Param('eventId', UuidParam('Event')) eventId: string): Promise<EventStrikePolicyResponse> {
    return this.policy.getForEvent(eventId);
  }

  @Put('events/:eventId/strike-policy')
  @Roles('staff')
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND', 422: 'INVALID_STRIKE_POLICY' })
  putEventPolicy(
    @Param('eventId', UuidParam('Event')) eventId: string,
    @Body() dto: EventStrikePolicyDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EventStrikePolicyResponse> {
    return this.policy.putForEvent(eventId, dto, principal);
  }
}
