import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { EventReport, ReportQuery, ScheduleQuery } from './dto/report.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@Controller('events/:eventId')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** Turnout and interview figures for the dean: per event, volunteer, expertise, and major and year. */
  @Get('report')
  @Roles('staff')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: EventReport, description: 'JSON, or with ?format=csv one table with a `section` column' })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND' })
  async report(
    @Param('eventId', UuidParam('Event')) eventId: string,
    @Query() query: ReportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EventReport | string> {
    if (query.format !== 'csv') return this.reports.report(eventId);
    const csv = await this.reports.reportCsv(eventId);
    sendCsv(res, `report-${eventId}.csv`);
    return csv;
  }

  /**
   * The interview schedule (time, table, volunteer, student) as CSV for printing. Served here
   * rather than as /bookings?format=csv because it needs table locations from the floor plan.
   */
  @Get('schedule.csv')
  @Roles('staff')
  @ApiOkResponse({ description: 'CSV: startsAt,endsAt,table,volunteer,organization,student,studentNumber', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND' })
  async schedule(
    @Param('eventId', UuidParam('Event')) eventId: string,
    @Query() _query: ScheduleQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const csv = await this.reports.scheduleCsv(eventId);
    sendCsv(res, `schedule-${eventId}.csv`);
    return csv;
  }
}

/** Headers set only on success, so an error still goes out as JSON. */
function sendCsv(res: Response, filename: string): void {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
}
