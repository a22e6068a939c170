import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { AllocationLoadsService } from './allocation-loads.service';
import { AllocationLoadsResponse, PutAllocationLoadsDto } from './dto/allocation-loads.dto';
import { AllocationSettingsResponse, PutAllocationSettingsDto } from './dto/allocation-settings.dto';
import { PreferencesQuery, PreferencesResponse, PutPreferencesDto } from './dto/preferences.dto';
import { PreferencesService } from './preferences.service';

@ApiTags('allocation')
@Controller('events/:id')
export class PreferencesController {
  constructor(
    private readonly preferences: PreferencesService,
    private readonly loads: AllocationLoadsService,
  ) {}

  @Get('allocation-settings')
  @Roles('staff')
  @ApiErrors({ 404: 'NOT_FOUND' })
  getSettings(@Param('id', UuidParam('Event')) id: string): Promise<AllocationSettingsResponse> {
    return this.preferences.getSettings(id);
  }

  /** When students may rank their preferences, and how many. */
  @Put('allocation-settings')
  @Roles('staff')
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND', 422: 'INVALID_ALLOCATION_SETTINGS' })
  putSettings(@Param('id', UuidParam('Event')) id: string, @Body() dto: PutAllocationSettingsDto): Promise<AllocationSettingsResponse> {
    return this.preferences.putSettings(id, dto);
  }

  @Get('allocation-loads')
  @Roles('staff')
  @ApiErrors({ 404: 'NOT_FOUND' })
  getLoads(@Param('id', UuidParam('Event')) id: string): Promise<AllocationLoadsResponse> {
    return this.loads.get(id);
  }

  /** Minimum and maximum interviews per organization or volunteer for this event (replaces the list). */
  @Put('allocation-loads')
  @Roles('staff')
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND', 422: 'INVALID_ALLOCATION_LOADS' })
  putLoads(@Param('id', UuidParam('Event')) id: string, @Body() dto: PutAllocationLoadsDto): Promise<AllocationLoadsResponse> {
    return this.loads.put(id, dto);
  }

  /** Every student's preferences, anonymised, in PrefLib's .soi (rankings) or .toi (ties) format. */
  @Get('preferences/preflib')
  @Roles('staff')
  @ApiProduces('application/json', 'text/plain')
  @ApiOkResponse({ description: 'text/plain: PrefLib .soi or .toi; identical orders merged with their count, no student named (errors are JSON)' })
  @ApiErrors({ 404: 'NOT_FOUND' })
  async preflib(@Param('id', UuidParam('Event')) id: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const { type, text } = await this.preferences.exportPreflib(id);
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="preferences-${id}.${type}"`);
    return text;
  }

  /** Replaces the student's ranked choices and unavailable times while preferences are open. */
  @Put('preferences')
  @Roles('student')
  @ApiErrors({
    400: 'VALIDATION_FAILED',
    404: 'NOT_FOUND: no such event, or not published',
    422: 'INVALID_PREFERENCES (details.problems lists each), PREFERENCES_CLOSED or STRIKE_LIMIT',
  })
  put(
    @Param('id', UuidParam('Event')) id: string,
    @Body() dto: PutPreferencesDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PreferencesResponse> {
    return this.preferences.put(id, dto, principal);
  }

  /** A student's preferences: students get their own, staff name the student. */
  @Get('preferences')
  @Roles('student', 'staff')
  @ApiErrors({
    400: 'VALIDATION_FAILED',
    403: 'FORBIDDEN: another student\'s preferences',
    404: 'NOT_FOUND: no such event, or no such student',
    422: 'STUDENT_REQUIRED',
  })
  get(
    @Param('id', UuidParam('Event')) id: string,
    @Query() query: PreferencesQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PreferencesResponse> {
    return this.preferences.get(id, query, principal);
  }
}
