import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { AllocationPreference, StoredChoice, StoredInterval } from './entities/allocation-preference.entity';
import { AllocationSettings } from './entities/allocation-settings.entity';
import { Database, Tx } from '../database/database';

export type SettingsFields = Pick<AllocationSettings, 'preferencesOpenAt' | 'preferencesCloseAt' | 'preferenceChoices' | 'preferenceMode' | 'acceptableRating'>;

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

  /** Every student's choices for the event, by student id (for the anonymised export). */
  findAllChoices(eventId: string): Promise<Pick<AllocationPreference, 'studentId' | 'choices'>[]> {
    return this.preferences.find({ select: { studentId: true, choices: true }, where: { eventId }, order: { studentId: 'ASC' } });
  }

  async savePreference(eventId: string, studentId: string, choices: StoredChoice[], unavailable: StoredInterval[]): Promise<AllocationPreference> {
    await this.preferences.upsert({ eventId, studentId, choices, unavailable }, ['eventId', 'studentId']);
    return (await this.findPreference(eventId, studentId))!;
  }

  /** In the caller's transaction: every event's choices of one student. */
  async deleteAllOfStudent(tx: Tx, studentId: string): Promise<void> {
    await tx.getRepository(AllocationPreference).delete({ studentId });
  }
}
