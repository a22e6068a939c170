import { Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Public, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { CalendarService, RenderedFeed } from './calendar.service';
import { CalendarUrlResponse } from './dto/calendar.dto';

const ICS = { description: 'An iCalendar (RFC 5545) feed, METHOD:PUBLISH', content: { 'text/calendar': { schema: { type: 'string' } } } };

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /** A personal subscription feed of booked interviews; the token in the URL is the key. */
  @Get('calendar/:token.ics')
  @Public()
  @ApiOkResponse(ICS)
  @ApiErrors({ 404: 'NOT_FOUND: no such calendar (or its URL was rotated)' })
  async feed(
    @Param('token') token: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | undefined> {
    return send(await this.calendar.feedByToken(token), ifNoneMatch, res);
  }

  /** Issues a new feed URL for the caller; the old one stops working. */
  @Post('calendar/token/rotate')
  @Roles('student', 'volunteer')
  @HttpCode(HttpStatus.OK)
  async rotate(@CurrentPrincipal() principal: Principal): Promise<CalendarUrlResponse> {
    return { url: await this.calendar.rotate(ownerOf(principal)) };
  }

  @Get('volunteers/me/calendar')
  @Roles('volunteer')
  async volunteerUrl(@CurrentPrincipal() principal: Principal): Promise<CalendarUrlResponse> {
    return { url: await this.calendar.urlFor(ownerOf(principal)) };
  }

  @Get('students/me/calendar')
  @Roles('student')
  async studentUrl(@CurrentPrincipal() principal: Principal): Promise<CalendarUrlResponse> {
    return { url: await this.calendar.urlFor(ownerOf(principal)) };
  }

  /** Every booked interview of an event, for the floor team. */
  @Get('calendar/events/:eventId.ics')
  @Roles('staff')
  @ApiOkResponse(ICS)
  @ApiErrors({ 404: 'NOT_FOUND' })
  async eventFeed(
    @Param('eventId', UuidParam('Event')) eventId: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | undefined> {
    return send(await this.calendar.eventFeed(eventId), ifNoneMatch, res);
  }

  /** One volunteer's booked interviews across events. */
  @Get('calendar/volunteers/:volunteerId.ics')
  @Roles('staff')
  @ApiOkResponse(ICS)
  @ApiErrors({ 404: 'NOT_FOUND' })
  async volunteerFeed(
    @Param('volunteerId', UuidParam('Volunteer')) volunteerId: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | undefined> {
    return send(await this.calendar.volunteerFeed(volunteerId), ifNoneMatch, res);
  }
}

function ownerOf(principal: Principal): { role: 'student' | 'volunteer'; id: string } {
  if (principal.role !== 'student' && principal.role !== 'volunteer') throw new Error('Roles guard lets only students and volunteers here');
  return { role: principal.role, id: principal.id };
}

/** The feed with its validator, or 304 when the client's copy is current (RFC 9110 §13.1.2). */
function send(feed: RenderedFeed, ifNoneMatch: string | undefined, res: Response): string | undefined {
  res.setHeader('ETag', feed.etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  const tags = (ifNoneMatch ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (tags.includes('*') || tags.includes(feed.etag)) {
    res.status(HttpStatus.NOT_MODIFIED);
    return undefined;
  }
  // Set here, not with @Header, which would also label JSON error bodies as a calendar.
  res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  return feed.body;
}
