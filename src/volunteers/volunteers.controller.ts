import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { VolunteerListQuery, VolunteerPage } from './dto/volunteer-page.dto';
import { CreateVolunteerDto, UpdateVolunteerDto, VolunteerResponse } from './dto/volunteer.dto';
import { VolunteersService } from './volunteers.service';

@ApiTags('volunteers')
@Controller('volunteers')
export class VolunteersController {
  constructor(private readonly volunteers: VolunteersService) {}

  @Post()
  @Roles('staff')
  @ApiErrors({ 400: 'VALIDATION_FAILED', 409: 'EMAIL_TAKEN' })
  create(@Body() dto: CreateVolunteerDto): Promise<VolunteerResponse> {
    return this.volunteers.create(dto);
  }

  @Get()
  @Roles('staff')
  list(@Query() query: VolunteerListQuery): Promise<VolunteerPage> {
    return this.volunteers.page(query.limit, query.cursor, query.q);
  }

  /** The signed-in volunteer's own record. */
  @Get('me')
  @Roles('volunteer')
  me(@CurrentPrincipal() principal: Principal): Promise<VolunteerResponse> {
    return this.volunteers.getForPrincipal(principal.id, principal);
  }

  /** Issue 13: changes a volunteer's fields (staff). Deleting is DELETE /volunteers/{id}. */
  @Patch(':id')
  @Roles('staff')
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND: no such volunteer, or deleted', 409: 'EMAIL_TAKEN' })
  update(@Param('id', UuidParam('Volunteer')) id: string, @Body() dto: UpdateVolunteerDto): Promise<VolunteerResponse> {
    return this.volunteers.update(id, dto);
  }

  @Get(':id')
  @Roles('staff', 'volunteer')
  @ApiErrors({ 404: 'NOT_FOUND: no such volunteer, or not you' })
  get(@Param('id', UuidParam('Volunteer')) id: string, @CurrentPrincipal() principal: Principal): Promise<VolunteerResponse> {
    return this.volunteers.getForPrincipal(id, principal);
  }
}
