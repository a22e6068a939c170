import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { CreateEventDto, EventResponse } from './dto/event.dto';
import { EventsService } from './events.service';

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  /** Creates a draft event. */
  @Post()
  @Roles('staff')
  @ApiErrors({ 400: 'VALIDATION_FAILED: a field is missing, malformed, or times out of order' })
  create(@Body() dto: CreateEventDto): Promise<EventResponse> {
    return this.events.create(dto);
  }

  /** Lists events: all for staff, published ones for students and volunteers. */
  @Get()
  @Roles('staff', 'volunteer', 'student')
  list(@CurrentPrincipal() principal: Principal): Promise<EventResponse[]> {
    return this.events.list(principal);
  }

  @Get(':id')
  @Roles('staff', 'volunteer', 'student')
  @ApiErrors({ 404: 'NOT_FOUND: no such event, or not published' })
  get(@Param('id', UuidParam('Event')) id: string, @CurrentPrincipal() principal: Principal): Promise<EventResponse> {
    return this.events.get(id, principal);
  }

  /** Deletes a draft event. Published events are closed, not deleted. */
  @Delete(':id')
  @Roles('staff')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiErrors({ 404: 'NOT_FOUND', 409: 'EVENT_NOT_DRAFT' })
  remove(@Param('id', UuidParam('Event')) id: string): Promise<void> {
    return this.events.remove(id);
  }

  /** Makes a draft visible to students and volunteers; publishing twice is a no-op. */
  @Post(':id/publish')
  @Roles('staff')
  @HttpCode(HttpStatus.OK)
  @ApiErrors({ 404: 'NOT_FOUND', 409: 'EVENT_NOT_DRAFT: the event is closed' })
  publish(@Param('id', UuidParam('Event')) id: string): Promise<EventResponse> {
    return this.events.publish(id);
  }

  /** Issue 13: publishes a closed event again; reopening a published one is a no-op. */
  @Post(':id/reopen')
  @Roles('staff')
  @HttpCode(HttpStatus.OK)
  @ApiErrors({ 404: 'NOT_FOUND', 409: 'EVENT_NOT_CLOSED: the event is a draft (publish it instead)' })
  reopen(@Param('id', UuidParam('Event')) id: string): Promise<EventResponse> {
    return this.events.reopen(id);
  }
}
