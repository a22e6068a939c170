import { Injectable } from '@nestjs/common';
import { Principal } from '../common/auth/principal';
import { forbidden } from '../common/errors/domain-error';
import { toZonedIso } from '../common/time/zoned';
import type { Tx } from '../database/database';
import { Event } from '../events/entities/event.entity';
import { EventsService } from '../events/events.service';
import { StrikesService } from '../strikes/strikes.service';
import { StudentsService } from '../students/students.service';
import { VolunteersService } from '../volunteers/volunteers.service';
import { EligibilityService } from '../eligibility/eligibility.service';
import { AllocationErrors } from './allocation.errors';
import { AllocationSnapshotRepository } from './allocation-snapshot.repository';
import { AllocationSettingsResponse, PutAllocationSettingsDto } from './dto/allocation-settings.dto';
import { PreferencesQuery, PreferencesResponse, PutPreferencesDto } from './dto/preferences.dto';
import { AllocationPreference, StoredChoice } from './entities/allocation-preference.entity';
import { AllocationSettings, PreferenceMode } from './entities/allocation-settings.entity';
import { checkPreferences } from './preference-rules';
import { formatPreflib, PreflibType, toPreflibOrders } from './preflib';
import { PreferencesRepository } from './preferences.repository';

export const DEFAULT_PREFERENCE_CHOICES = 5;

export interface PreferenceOptions {
  volunteers: { id: string; name: string; organization: string; title: string; expertise: string[] }[];
  organizations: { id: string; name: string }[];
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
    private readonly eligibility: EligibilityService,
    private readonly strikes: StrikesService,
  ) {}

  /**
   * For a student's deletion (issue 13), in its transaction: their choices go, so no later run
   * places them, and a completed run that did is refused at publication as stale (its input changed).
   */
  forgetStudent(tx: Tx, studentId: string): Promise<void> {
    return this.preferences.deleteAllOfStudent(tx, studentId);
  }

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
      preferenceMode: dto.preferenceMode ?? current?.preferenceMode ?? 'ranked',
      acceptableRating: dto.acceptableRating !== undefined ? dto.acceptableRating : (current?.acceptableRating ?? null),
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
    // Issue 12: only students eligible for the event rank its volunteers.
    await this.eligibility.assertEligible(eventId, principal.id);
    const settings = await this.preferences.findSettings(eventId);
    const now = new Date();
    if (!settings?.preferencesOpenAt || !settings.preferencesCloseAt) {
      throw AllocationErrors.preferencesClosed('This event does not take preferences');
    }
    if (now < settings.preferencesOpenAt) throw AllocationErrors.preferencesClosed('Preferences have not opened yet');
    if (now >= settings.preferencesCloseAt) throw AllocationErrors.preferencesClosed('Preferences have closed');
    // Issue 12: a student at the strike limit may not ask for interviews themselves either.
    await this.strikes.assertMayBookSelf(principal.id, eventId);

    const volunteers = await this.snapshot.eventVolunteers(eventId);
    const checked = checkPreferences(
      { choices: dto.choices, unavailable: dto.unavailable ?? [] },
      {
        maxChoices: settings.preferenceChoices,
        eventStartsAt: event.startsAt,
        eventEndsAt: event.endsAt,
        volunteers: new Map(volunteers.map((v) => [v.id, v.expertise])),
        organizations: new Set(volunteers.flatMap((v) => (v.organizationId ? [v.organizationId] : []))),
        mode: settings.preferenceMode,
      },
    );
    if (checked.problems.length) throw AllocationErrors.invalidPreferences(checked.problems);
    const saved = await this.preferences.savePreference(eventId, principal.id, checked.choices, checked.unavailable);
    return preferencesResponse(event, principal.id, saved, volunteers);
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
    return preferencesResponse(event, studentId, preference, await this.snapshot.eventVolunteers(eventId));
  }

  /**
   * The event's preferences in PrefLib's format (issue 14): `.soi`, or `.toi` when some student
   * has ties (rated events). Students are merged by identical order and never named;
   * volunteers and organizations get numbers, expertise tags keep their text.
   */
  async exportPreflib(eventId: string): Promise<{ type: PreflibType; text: string }> {
    const event = await this.events.findOrFail(eventId);
    const { preferenceMode } = await this.mode(eventId);
    const rows = await this.preferences.findAllChoices(eventId);
    const keyOf = (c: StoredChoice) => ('volunteerId' in c ? `v:${c.volunteerId}` : 'organizationId' in c ? `o:${c.organizationId}` : `t:${c.expertise}`);
    const students = rows.map((r) => ({
      choices: r.choices.map((c, i) => ({ key: keyOf(c), rank: preferenceMode === 'rated' ? (c.rating ?? 5) : i + 1 })),
    }));
    const counters = { v: 0, o: 0 };
    const label = (key: string) =>
      key.startsWith('v:') ? `volunteer ${++counters.v}` : key.startsWith('o:') ? `organization ${++counters.o}` : `expertise ${key.slice(2)}`;
    const orders = toPreflibOrders(students, label);
    const date = new Date().toISOString().slice(0, 10);
    return { type: orders.type, text: formatPreflib(orders, { title: `Interview preferences, event ${event.id}`, fileName: `${event.id}.${orders.type}`, date }) };
  }

  /** What a student may choose in an event: its volunteers (with names), their organizations and expertise tags. */
  async options(eventId: string, principal: Principal): Promise<PreferenceOptions> {
    await this.events.findVisible(eventId, principal);
    const present = await this.snapshot.eventVolunteers(eventId);
    const found = await this.volunteers.findByIds(present.map((v) => v.id));
    const volunteers = found
      .map((v) => ({ id: v.id, name: v.name, organization: v.organization, title: v.title, expertise: v.expertise }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const organizations = new Map(found.filter((v) => v.organizationId).map((v) => [v.organizationId!, v.organization]));
    return {
      volunteers,
      organizations: [...organizations].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
      expertise: [...new Set(present.flatMap((v) => v.expertise))].sort(),
    };
  }

  /** For runs: how many ranks count (the setting, or its default). */
  async rankCount(eventId: string): Promise<number> {
    return (await this.mode(eventId)).rankCount;
  }

  /** For runs: ranked or rated, the number of ranks, and the rating that counts as acceptable. */
  async mode(eventId: string): Promise<{ rankCount: number; preferenceMode: PreferenceMode; acceptableRating: number | null }> {
    const s = await this.preferences.findSettings(eventId);
    return {
      rankCount: s?.preferenceChoices ?? DEFAULT_PREFERENCE_CHOICES,
      preferenceMode: s?.preferenceMode ?? 'ranked',
      acceptableRating: s?.acceptableRating ?? null,
    };
  }
}

function settingsResponse(event: Event, s: AllocationSettings | null): AllocationSettingsResponse {
  return {
    eventId: event.id,
    preferencesOpenAt: s?.preferencesOpenAt ? toZonedIso(s.preferencesOpenAt, event.timezone) : null,
    preferencesCloseAt: s?.preferencesCloseAt ? toZonedIso(s.preferencesCloseAt, event.timezone) : null,
    preferenceChoices: s?.preferenceChoices ?? DEFAULT_PREFERENCE_CHOICES,
    preferenceMode: s?.preferenceMode ?? 'ranked',
    acceptableRating: s?.acceptableRating ?? null,
    interviewsPerStudent: event.maxBookingsPerStudent,
  };
}

function preferencesResponse(
  event: Event,
  studentId: string,
  p: AllocationPreference | null,
  volunteers: { id: string; organizationId: string | null }[],
): PreferencesResponse {
  const present = new Set(volunteers.flatMap((v) => (v.organizationId ? [v.id, v.organizationId] : [v.id])));
  return {
    eventId: event.id,
    studentId,
    choices: (p?.choices ?? []).map((c, i) => ({
      rank: c.rating ?? i + 1,
      ...c,
      available: 'volunteerId' in c ? present.has(c.volunteerId) : 'organizationId' in c ? present.has(c.organizationId) : true,
    })),
    unavailable: (p?.unavailable ?? []).map((u) => ({
      startsAt: toZonedIso(new Date(u.startsAt), event.timezone),
      endsAt: toZonedIso(new Date(u.endsAt), event.timezone),
    })),
    updatedAt: p ? toZonedIso(p.updatedAt, event.timezone) : null,
  };
}
