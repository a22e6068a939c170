import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { EventResponse, UpdateEventDto } from '../events/dto/event.dto';
import { EventEditsService } from './event-edits.service';

@ApiTags('events')
@Controller('events')
export class EventEditsController {
  constructor(private readonly edits: EventEditsService) {}

  /**
   * Updates fields. A new start, end, slot length or break cuts volunteers' availability to
   * the event and regenerates their slots in the same transaction; booked slots must stay.
   */
  @Patch(':id')
  @Roles('staff')
  @ApiErrors({
    400: 'VALIDATION_FAILED',
    404: 'NOT_FOUND',
    409:
      'SLOTS_BOOKED: the new slot grid lacks booked slots (details.bookings lists them); BOOKINGS_OVER_LIMIT; BOOKINGS_TOO_CLOSE: ' +
      "a student's interviews are closer than the new minGapMinutes (details.bookings); nothing changed",
  })
  update(@Param('id', UuidParam('Event')) id: string, @Body() dto: UpdateEventDto): Promise<EventResponse> {
    return this.edits.update(id, dto);
  }
}
