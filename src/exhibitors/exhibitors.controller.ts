import { Body, Controller, Delete, Headers, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { RateLimit } from '../common/rate-limit/rate-limit.decorator';
import { Consumes } from '../common/http/media-type.guard';
import { UuidParam } from '../common/http/uuid-param';
import { CreateExhibitorDto, ExhibitorImportResult, ExhibitorResponse, UpdateExhibitorDto } from './dto/exhibitor.dto';
import { ExhibitorsService } from './exhibitors.service';
import { csvRequestText } from '../common/csv/csv-decoding';

/** Staff writes. Reads, which show each exhibitor's booth, are served by the floor module. */
@ApiTags('exhibitors')
@Controller('events/:eventId/exhibitors')
export class ExhibitorsController {
  constructor(private readonly exhibitors: ExhibitorsService) {}

  @Post()
  @Roles('staff')
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND: no such event', 409: 'EXHIBITOR_EXISTS' })
  create(@Param('eventId', UuidParam('Event')) eventId: string, @Body() dto: CreateExhibitorDto): Promise<ExhibitorResponse> {
    return this.exhibitors.create(eventId, dto);
  }

  @Patch(':exhibitorId')
  @Roles('staff')
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND', 409: 'EXHIBITOR_EXISTS' })
  update(
    @Param('eventId', UuidParam('Event')) eventId: string,
    @Param('exhibitorId', UuidParam('Exhibitor')) id: string,
    @Body() dto: UpdateExhibitorDto,
  ): Promise<ExhibitorResponse> {
    return this.exhibitors.update(eventId, id, dto);
  }

  @Delete(':exhibitorId')
  @Roles('staff')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiErrors({ 404: 'NOT_FOUND', 409: 'EXHIBITOR_ON_FLOOR_PLAN' })
  remove(@Param('eventId', UuidParam('Event')) eventId: string, @Param('exhibitorId', UuidParam('Exhibitor')) id: string): Promise<void> {
    return this.exhibitors.remove(eventId, id);
  }

  /**
   * Imports a `text/csv` file: `organization` plus any of `industries,roles,majors,website,
   * contactName,contactEmail,contactPhone`; list cells separate items with `;`.
   * All or nothing: upserts by organization name, or rejects with every bad row.
   */
  @Post('import')
  @Roles('staff')
  @RateLimit('expensive')
  @HttpCode(HttpStatus.OK)
  @Consumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'organization,industries,majors\nAcme,Software;Hardware,Computer Science' } })
  @ApiErrors({ 404: 'NOT_FOUND', 415: 'UNSUPPORTED_MEDIA_TYPE: send text/csv; CSV_ENCODING_UNKNOWN: not UTF-8, and no charset declared or detectable', 422: 'IMPORT_REJECTED: details.rows lists each bad line' })
  import(
    @Param('eventId', UuidParam('Event')) eventId: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): Promise<ExhibitorImportResult> {
    return this.exhibitors.importCsv(eventId, csvRequestText(contentType, body));
  }
}
