import { Injectable } from '@nestjs/common';
import { EventsService } from '../events/events.service';
import { ReminderSettingsResponse } from './dto/reminder-settings.dto';
import { RemindersRepository } from './reminders.repository';

@Injectable()
export class RemindersService {
  constructor(
    private readonly reminders: RemindersRepository,
    private readonly events: EventsService,
  ) {}

  async get(eventId: string): Promise<ReminderSettingsResponse> {
    await this.events.findOrFail(eventId);
    return { eventId, offsetsMinutes: await this.reminders.offsetsOf(eventId) };
  }

  async put(eventId: string, offsets: number[]): Promise<ReminderSettingsResponse> {
    await this.events.findOrFail(eventId);
    const sorted = [...offsets].sort((a, b) => b - a);
    await this.reminders.saveOffsets(eventId, sorted);
    return { eventId, offsetsMinutes: sorted };
  }
}
