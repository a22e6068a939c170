import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { AvailabilityResponse, PutAvailabilityDto } from './dto/availability.dto';
import { SlotPage, SlotQuery } from './dto/slot.dto';
import { SlotsService } from './slots.service';

@ApiTags('slots')
@Controller('events/:eventId')
export class SlotsController {
  constructor(private readonly slots: SlotsService) {}

  /** Replaces the volunteer's availability for the event and regenerates the bookable slots. */
  @Put('volunteers/:volunteerId/availability')
  @Roles('staff', 'volunteer')
  @ApiErrors({
    400: 'VALIDATION_FAILED',
    403: 'FORBIDDEN: another volunteer\'s availability',
    404: 'NOT_FOUND: event or volunteer',
    409: 'SLOTS_BOOKED (details.bookings lists them) or VOLUNTEER_BUSY',
    422: 'INVALID_AVAILABILITY: details.windows lists each bad window',
  })
  replace(
    @Param('eventId', UuidParam('Event')) eventId: string,
    @Param('volunteerId', UuidParam('Volunteer')) volunteerId: string,
    @Body() dto: PutAvailabilityDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AvailabilityResponse> {
    return this.slots.replaceAvailability(eventId, volunteerId, dto, principal);
  }

  @Get('volunteers/:volunteerId/availability')
  @Roles('staff', 'volunteer')
  @ApiErrors({ 403: 'FORBIDDEN', 404: 'NOT_FOUND' })
  getAvailability(
    @Param('eventId', UuidParam('Event')) eventId: string,
    @Param('volunteerId', UuidParam('Volunteer')) volunteerId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AvailabilityResponse> {
    return this.slots.getAvailability(eventId, volunteerId, principal);
  }

  /** Slots of the event, in time order, with cursor pagination and filters. */
  @Get('slots')
  @Roles('staff', 'volunteer', 'student')
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND', 422: 'INVALID_CURSOR' })
  list(
    @Param('eventId', UuidParam('Event')) eventId: string,
    @Query() query: SlotQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SlotPage> {
    return this.slots.list(eventId, query, principal);
  }
}
