import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/auth.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { UuidParam } from '../common/http/uuid-param';
import { ReminderSettingsDto, ReminderSettingsResponse } from './dto/reminder-settings.dto';
import { RemindersService } from './reminders.service';

@ApiTags('invites')
@Controller('events/:eventId/reminder-settings')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  /** When reminder e-mails go out, in minutes before each interview (default 1440 and 60). */
  @Get()
  @Roles('staff')
  @ApiErrors({ 404: 'NOT_FOUND' })
  get(@Param('eventId', UuidParam('Event')) eventId: string): Promise<ReminderSettingsResponse> {
    return this.reminders.get(eventId);
  }

  /** Replaces the offsets; booked interviews follow at once. */
  @Put()
  @Roles('staff')
  @ApiErrors({ 400: 'VALIDATION_FAILED', 404: 'NOT_FOUND' })
  put(@Param('eventId', UuidParam('Event')) eventId: string, @Body() dto: ReminderSettingsDto): Promise<ReminderSettingsResponse> {
    return this.reminders.put(eventId, dto.offsetsMinutes);
  }
}
