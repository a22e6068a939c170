import { Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Public, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import type { FeedKey } from './calendar.repository';
import { CalendarService, RenderedFeed, StaffFeedTarget } from './calendar.service';
import { calendarUrlResponse, CalendarUrlResponse } from './dto/calendar.dto';

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
    return calendarUrlResponse(await this.calendar.rotate(ownerOf(principal)));
  }

  @Get('volunteers/me/calendar')
  @Roles('volunteer')
  async volunteerUrl(@CurrentPrincipal() principal: Principal): Promise<CalendarUrlResponse> {
    return calendarUrlResponse(await this.calendar.urlFor(ownerOf(principal)));
  }

  @Get('students/me/calendar')
  @Roles('student')
  async studentUrl(@CurrentPrincipal() principal: Principal): Promise<CalendarUrlResponse> {
    return calendarUrlResponse(await this.calendar.urlFor(ownerOf(principal)));
  }

  /**
   * The subscription URL of an event's feed, for the floor team: every booked interview, with
   * student and interviewer. Anyone holding the URL can read it, so hand it out with care.
   */
  @Get('events/:eventId/calendar')
  @Roles('staff')
  @ApiErrors({ 404: 'NOT_FOUND: no such event' })
  eventFeedUrl(@Param('eventId', UuidParam('Event')) eventId: string): Promise<CalendarUrlResponse> {
    return this.staffUrl({ owner: 'event', id: eventId }, false);
  }

  /** Revokes the event feed's URL and issues a new one. */
  @Post('events/:eventId/calendar/rotate')
  @Roles('staff')
  @HttpCode(HttpStatus.OK)
  @ApiErrors({ 404: 'NOT_FOUND: no such event' })
  rotateEventFeed(@Param('eventId', UuidParam('Event')) eventId: string): Promise<CalendarUrlResponse> {
    return this.staffUrl({ owner: 'event', id: eventId }, true);
  }

  /** Staff's subscription URL of one volunteer's interviews; separate from the volunteer's own URL. */
  @Get('volunteers/:volunteerId/calendar')
  @Roles('staff')
  @ApiErrors({ 404: 'NOT_FOUND: no such volunteer' })
  volunteerFeedUrl(@Param('volunteerId', UuidParam('Volunteer')) volunteerId: string): Promise<CalendarUrlResponse> {
    return this.staffUrl({ owner: 'volunteer', id: volunteerId }, false);
  }

  /** Revokes staff's URL of a volunteer's feed (the volunteer's own URL keeps working). */
  @Post('volunteers/:volunteerId/calendar/rotate')
  @Roles('staff')
  @HttpCode(HttpStatus.OK)
  @ApiErrors({ 404: 'NOT_FOUND: no such volunteer' })
  rotateVolunteerFeed(@Param('volunteerId', UuidParam('Volunteer')) volunteerId: string): Promise<CalendarUrlResponse> {
    return this.staffUrl({ owner: 'volunteer', id: volunteerId }, true);
  }

  /** An event's feed downloaded with a staff sign-in (calendar apps use the URL above). */
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

  /** One volunteer's feed downloaded with a staff sign-in. */
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

  private async staffUrl(target: StaffFeedTarget, rotate: boolean): Promise<CalendarUrlResponse> {
    return calendarUrlResponse(await this.calendar.staffUrl(target, { rotate }));
  }
}

/** The caller's own feed. */
function ownerOf(principal: Principal): FeedKey {
  if (principal.role !== 'student' && principal.role !== 'volunteer') throw new Error('Roles guard lets only students and volunteers here');
  return { owner: principal.role, id: principal.id, audience: 'owner' };
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
