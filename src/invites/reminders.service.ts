import { Injectable } from '@nestjs/common';
import { BookingChangeLog } from '../bookings/booking-change-log';
import { Database } from '../database/database';
import { EventsService } from '../events/events.service';
import { ReminderSettingsResponse } from './dto/reminder-settings.dto';
import { RemindersRepository } from './reminders.repository';

@Injectable()
export class RemindersService {
  constructor(
    private readonly db: Database,
    private readonly reminders: RemindersRepository,
    private readonly bookings: BookingChangeLog,
    private readonly events: EventsService,
  ) {}

  async get(eventId: string): Promise<ReminderSettingsResponse> {
    await this.events.findOrFail(eventId);
    return { eventId, offsetsMinutes: await this.reminders.offsetsOf(eventId) };
  }

  async put(eventId: string, offsets: number[]): Promise<ReminderSettingsResponse> {
    await this.events.findOrFail(eventId);
    const sorted = [...offsets].sort((a, b) => b - a);
    // New offsets apply to the event's booked interviews at once.
    await this.db.transaction(async (tx) => {
      await this.reminders.saveOffsets(tx, eventId, sorted);
      for (const booking of await this.bookings.confirmedOfEvent(tx, eventId)) await this.reminders.reschedule(tx, booking);
    });
    return { eventId, offsetsMinutes: sorted };
  }
}
