import { Body, Controller, Get, Headers, Param, Put, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { FloorPlanResponse, FloorPlanSvgQuery, PutFloorPlanDto } from './dto/floor-plan.dto';
import { etagOf, FloorService, IfMatch } from './floor.service';

@ApiTags('floor plans')
@Controller('events/:eventId')
export class FloorController {
  constructor(private readonly floor: FloorService) {}

  /** The event's floor plan with its `version` (also the ETag); version 0 and no halls before the first PUT. */
  @Get('floor-plan')
  @Roles('staff', 'volunteer', 'student')
  @ApiErrors({ 404: 'NOT_FOUND: no such event, or not published' })
  async get(
    @Param('eventId', UuidParam('Event')) eventId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FloorPlanResponse> {
    const plan = await this.floor.get(eventId, principal);
    res.setHeader('ETag', etagOf(plan.version));
    return plan;
  }

  /**
   * Replaces the whole plan. Send the `version` you loaded (and optionally `If-Match` with its
   * ETag); if someone saved in between, nothing is stored.
   */
  @Put('floor-plan')
  @Roles('staff')
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from GET; a stale one gives 412' })
  @ApiErrors({
    400: 'VALIDATION_FAILED',
    404: 'NOT_FOUND',
    409: 'FLOOR_PLAN_STALE: `version` is not the current one',
    412: 'FLOOR_PLAN_PRECONDITION_FAILED: If-Match is not the current ETag',
    422: 'FLOOR_PLAN_INVALID: details.problems lists each problem: the place label, a code, its params and the reason in English',
  })
  async put(
    @Param('eventId', UuidParam('Event')) eventId: string,
    @Body() dto: PutFloorPlanDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FloorPlanResponse> {
    const plan = await this.floor.put(eventId, dto, parseIfMatch(ifMatch));
    res.setHeader('ETag', etagOf(plan.version));
    return plan;
  }

  /**
   * A printable, phone-friendly map; `highlight` (a label) or `exhibitor` (an id) marks one place,
   * `at` shows who sits at each interview table at that instant.
   */
  @Get('floor-plan.svg')
  @Roles('staff', 'volunteer', 'student')
  @ApiOkResponse({ description: 'The map as SVG', content: { 'image/svg+xml': { schema: { type: 'string' } } } })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND' })
  async svg(
    @Param('eventId', UuidParam('Event')) eventId: string,
    @Query() query: FloorPlanSvgQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const svg = await this.floor.svg(eventId, principal, { label: query.highlight, exhibitorId: query.exhibitor }, query.at);
    // Set here, not with @Header, which would also label JSON error bodies as SVG.
    res.setHeader('Content-Type', 'image/svg+xml; charset=utf-8');
    // Opened directly, an SVG is a document: nothing in it may run or load.
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return svg;
  }
}

function parseIfMatch(header: string | undefined): IfMatch {
  if (header === undefined || header.trim() === '') return undefined;
  if (header.trim() === '*') return '*';
  return header.split(',').map((tag) => tag.trim());
}
