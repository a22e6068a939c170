import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { AllocationPreference, StoredChoice, StoredInterval } from './entities/allocation-preference.entity';
import { AllocationSettings } from './entities/allocation-settings.entity';
import { Database } from '../database/database';

export type SettingsFields = Pick<AllocationSettings, 'preferencesOpenAt' | 'preferencesCloseAt' | 'preferenceChoices'>;

@Injectable()
export class PreferencesRepository {
  constructor(private readonly db: Database) {}
  private get settings(): Repository<AllocationSettings> {
    return this.db.repository(AllocationSettings);
  }

  private get preferences(): Repository<AllocationPreference> {
    return this.db.repository(AllocationPreference);
  }

  findSettings(eventId: string): Promise<AllocationSettings | null> {
    return this.settings.findOneBy({ eventId });
  }

  async saveSettings(eventId: string, fields: SettingsFields): Promise<AllocationSettings> {
    await this.settings.upsert({ eventId, ...fields }, ['eventId']);
    return (await this.findSettings(eventId))!;
  }

  findPreference(eventId: string, studentId: string): Promise<AllocationPreference | null> {
    return this.preferences.findOneBy({ eventId, studentId });
  }

  async savePreference(eventId: string, studentId: string, choices: StoredChoice[], unavailable: StoredInterval[]): Promise<AllocationPreference> {
    await this.preferences.upsert({ eventId, studentId, choices, unavailable }, ['eventId', 'studentId']);
    return (await this.findPreference(eventId, studentId))!;
  }
}
