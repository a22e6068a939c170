import { Injectable } from '@nestjs/common';
import { Principal } from '../common/auth/principal';
import { forbidden } from '../common/errors/domain-error';
import { toZonedIso } from '../common/time/zoned';
import { Event } from '../events/entities/event.entity';
import { EventsService } from '../events/events.service';
import { StudentsService } from '../students/students.service';
import { VolunteersService } from '../volunteers/volunteers.service';
import { AllocationErrors } from './allocation.errors';
import { AllocationSnapshotRepository } from './allocation-snapshot.repository';
import { AllocationSettingsResponse, PutAllocationSettingsDto } from './dto/allocation-settings.dto';
import { PreferencesQuery, PreferencesResponse, PutPreferencesDto } from './dto/preferences.dto';
import { AllocationPreference } from './entities/allocation-preference.entity';
import { AllocationSettings } from './entities/allocation-settings.entity';
import { checkPreferences } from './preference-rules';
import { PreferencesRepository } from './preferences.repository';

export const DEFAULT_PREFERENCE_CHOICES = 5;

export interface PreferenceOptions {
  volunteers: { id: string; name: string; organization: string; title: string; expertise: string[] }[];
  expertise: string[];
}

@Injectable()
export class PreferencesService {
  constructor(
    private readonly preferences: PreferencesRepository,
    private readonly snapshot: AllocationSnapshotRepository,
    private readonly events: EventsService,
    private readonly students: StudentsService,
    private readonly volunteers: VolunteersService,
  ) {}

  async getSettings(eventId: string): Promise<AllocationSettingsResponse> {
    const event = await this.events.findOrFail(eventId);
    return settingsResponse(event, await this.preferences.findSettings(eventId));
  }

  /** Fields left out keep their value; null closes the preference window. */
  async putSettings(eventId: string, dto: PutAllocationSettingsDto): Promise<AllocationSettingsResponse> {
    const event = await this.events.findOrFail(eventId);
    const current = await this.preferences.findSettings(eventId);
    const next = {
      preferencesOpenAt: dto.preferencesOpenAt !== undefined ? dto.preferencesOpenAt : (current?.preferencesOpenAt ?? null),
      preferencesCloseAt: dto.preferencesCloseAt !== undefined ? dto.preferencesCloseAt : (current?.preferencesCloseAt ?? null),
      preferenceChoices: dto.preferenceChoices ?? current?.preferenceChoices ?? DEFAULT_PREFERENCE_CHOICES,
    };
    if ((next.preferencesOpenAt === null) !== (next.preferencesCloseAt === null)) {
      throw AllocationErrors.invalidSettings('Set both preferencesOpenAt and preferencesCloseAt, or neither');
    }
    if (next.preferencesOpenAt && next.preferencesCloseAt && next.preferencesCloseAt <= next.preferencesOpenAt) {
      throw AllocationErrors.invalidSettings('preferencesCloseAt must be after preferencesOpenAt');
    }
    return settingsResponse(event, await this.preferences.saveSettings(eventId, next));
  }

  /** Students replace their own preferences while the window is open. */
  async put(eventId: string, dto: PutPreferencesDto, principal: Principal): Promise<PreferencesResponse> {
    if (principal.role !== 'student') throw forbidden('Students submit their own preferences');
    const event = await this.events.findVisible(eventId, principal);
    const settings = await this.preferences.findSettings(eventId);
    const now = new Date();
    if (!settings?.preferencesOpenAt || !settings.preferencesCloseAt) {
      throw AllocationErrors.preferencesClosed('This event does not take preferences');
    }
    if (now < settings.preferencesOpenAt) throw AllocationErrors.preferencesClosed('Preferences have not opened yet');
    if (now >= settings.preferencesCloseAt) throw AllocationErrors.preferencesClosed('Preferences have closed');

    const volunteers = await this.snapshot.eventVolunteers(eventId);
    const checked = checkPreferences(
      { choices: dto.choices, unavailable: dto.unavailable ?? [] },
      {
        maxChoices: settings.preferenceChoices,
        eventStartsAt: event.startsAt,
        eventEndsAt: event.endsAt,
        volunteers: new Map(volunteers.map((v) => [v.id, v.expertise])),
      },
    );
    if (checked.problems.length) throw AllocationErrors.invalidPreferences(checked.problems);
    const saved = await this.preferences.savePreference(eventId, principal.id, checked.choices, checked.unavailable);
    return preferencesResponse(event, principal.id, saved);
  }

  async get(eventId: string, query: PreferencesQuery, principal: Principal): Promise<PreferencesResponse> {
    let studentId: string;
    if (principal.role === 'student') {
      if (query.studentId && query.studentId !== principal.id) throw forbidden('Students see their own preferences only');
      studentId = principal.id;
    } else {
      if (!query.studentId) throw AllocationErrors.studentRequired();
      studentId = query.studentId;
    }
    const event = await this.events.findVisible(eventId, principal);
    const preference = await this.preferences.findPreference(eventId, studentId);
    // A stored preference proves the student exists (foreign key); without one, an unknown id must
    // not look like a student who simply ranked nothing.
    if (!preference && principal.role !== 'student') await this.students.findOrFail(studentId);
    return preferencesResponse(event, studentId, preference);
  }

  /** What a student may rank in an event: its volunteers (with names) and their expertise tags. */
  async options(eventId: string, principal: Principal): Promise<PreferenceOptions> {
    await this.events.findVisible(eventId, principal);
    const present = await this.snapshot.eventVolunteers(eventId);
    const volunteers = (await this.volunteers.findByIds(present.map((v) => v.id)))
      .map((v) => ({ id: v.id, name: v.name, organization: v.organization, title: v.title, expertise: v.expertise }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { volunteers, expertise: [...new Set(present.flatMap((v) => v.expertise))].sort() };
  }

  /** For runs: how many ranks count (the setting, or its default). */
  async rankCount(eventId: string): Promise<number> {
    return (await this.preferences.findSettings(eventId))?.preferenceChoices ?? DEFAULT_PREFERENCE_CHOICES;
  }
}

function settingsResponse(event: Event, s: AllocationSettings | null): AllocationSettingsResponse {
  return {
    eventId: event.id,
    preferencesOpenAt: s?.preferencesOpenAt ? toZonedIso(s.preferencesOpenAt, event.timezone) : null,
    preferencesCloseAt: s?.preferencesCloseAt ? toZonedIso(s.preferencesCloseAt, event.timezone) : null,
    preferenceChoices: s?.preferenceChoices ?? DEFAULT_PREFERENCE_CHOICES,
    interviewsPerStudent: event.maxBookingsPerStudent,
  };
}

function preferencesResponse(event: Event, studentId: string, p: AllocationPreference | null): PreferencesResponse {
  return {
    eventId: event.id,
    studentId,
    choices: (p?.choices ?? []).map((c, i) => ({ rank: i + 1, ...c })),
    unavailable: (p?.unavailable ?? []).map((u) => ({
      startsAt: toZonedIso(new Date(u.startsAt), event.timezone),
      endsAt: toZonedIso(new Date(u.endsAt), event.timezone),
    })),
    updatedAt: p ? toZonedIso(p.updatedAt, event.timezone) : null,
  };
}
