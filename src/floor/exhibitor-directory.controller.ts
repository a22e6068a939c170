import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { ExhibitorQuery, ExhibitorResponse } from '../exhibitors/dto/exhibitor.dto';
import { ExhibitorsService } from '../exhibitors/exhibitors.service';
import { FloorService } from './floor.service';

/**
 * Exhibitor reads live here, not in the exhibitors module, because they show each booth and
 * the floor plan depends on exhibitors (never the other way round).
 */
@ApiTags('exhibitors')
@Controller('events/:eventId/exhibitors')
export class ExhibitorDirectoryController {
  constructor(
    private readonly exhibitors: ExhibitorsService,
    private readonly floor: FloorService,
  ) {}

  /** Finds exhibitors by industry, major sought and name, each with its booth; contact details for staff only. */
  @Get()
  @Roles('staff', 'volunteer', 'student')
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND: no such event, or not published' })
  async search(
    @Param('eventId', UuidParam('Event')) eventId: string,
    @Query() query: ExhibitorQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ExhibitorResponse[]> {
    const [list, booths] = await Promise.all([this.exhibitors.search(eventId, query, principal), this.floor.boothsOf(eventId)]);
    return list.map((e) => ({ ...e, booth: boothRef(booths.get(e.id)) }));
  }

  @Get(':exhibitorId')
  @Roles('staff', 'volunteer', 'student')
  @ApiErrors({ 404: 'NOT_FOUND' })
  async get(
    @Param('eventId', UuidParam('Event')) eventId: string,
    @Param('exhibitorId', UuidParam('Exhibitor')) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ExhibitorResponse> {
    const exhibitor = await this.exhibitors.get(eventId, id, principal);
    return { ...exhibitor, booth: boothRef((await this.floor.boothsOf(eventId)).get(id)) };
  }
}

const boothRef = (b: { label: string; hall: string } | undefined) => (b ? { label: b.label, hall: b.hall } : null);
