import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { BookingResponse } from '../bookings/dto/booking.dto';
import { BookingsService } from '../bookings/bookings.service';
import { EventBookingsQuery, EventReport, ReportQuery } from './dto/report.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@Controller('events/:eventId')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly bookingsService: BookingsService,
  ) {}

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
   * The event's bookings for staff: JSON, or with `?format=csv` the interview schedule (time,
   * table, volunteer, student) for printing. Served here, beside the reports, because the
   * schedule needs each table from the floor plan, which itself depends on bookings.
   */
  @Get('bookings')
  @Roles('staff')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: [BookingResponse],
    description: 'JSON; with ?format=csv: startsAt,endsAt,table,volunteer,organization,student,studentNumber',
  })
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND' })
  async bookings(
    @Param('eventId', UuidParam('Event')) eventId: string,
    @Query() query: EventBookingsQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BookingResponse[] | string> {
    if (query.format !== 'csv') return this.bookingsService.forEvent(eventId, query.status);
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
