import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { csvRequestText } from '../common/csv/csv-decoding';
import { Consumes } from '../common/http/media-type.guard';
import { RateLimit } from '../common/rate-limit/rate-limit.decorator';
import { CurrentPrincipal, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { VolunteerListQuery, VolunteerPage } from './dto/volunteer-page.dto';
import { CreateVolunteerDto, UpdateVolunteerDto, VolunteerImportResult, VolunteerResponse } from './dto/volunteer.dto';
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

  /**
   * Issue 13: imports a `text/csv` file with the header `name,email` and any of
   * `organization,title,expertise` (tags separated by `;`). All or nothing: adds the new
   * addresses and leaves known ones as they are, or rejects with every bad line and writes nothing.
   */
  @Post('import')
  @Roles('staff')
  @RateLimit('expensive')
  @HttpCode(HttpStatus.OK)
  @Consumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'name,email,organization,title,expertise\nPriya Raman,priya@globex.example,Globex,Engineer,software;backend' } })
  @ApiErrors({ 415: 'UNSUPPORTED_MEDIA_TYPE: send text/csv; CSV_ENCODING_UNKNOWN: not UTF-8, and no charset declared or detectable', 422: 'IMPORT_REJECTED: details.rows lists each bad line' })
  import(@Headers('content-type') contentType: string | undefined, @Body() body: unknown): Promise<VolunteerImportResult> {
    return this.volunteers.importCsv(csvRequestText(contentType, body));
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
