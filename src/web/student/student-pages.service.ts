import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AllocationRunsService } from '../../allocation/allocation-runs.service';
import type { StudentExplanationResponse } from '../../allocation/dto/allocation-run.dto';
import { PreferencesService } from '../../allocation/preferences.service';
import { BookingsService } from '../../bookings/bookings.service';
import type { BookingResponse } from '../../bookings/dto/booking.dto';
import type { Principal } from '../../common/auth/principal';
import type { Event } from '../../events/entities/event.entity';
import { EventsService } from '../../events/events.service';
import { SlotsService } from '../../slots/slots.service';
import type { StrikeStandingResponse } from '../../strikes/dto/strike.dto';
import { StrikesService } from '../../strikes/strikes.service';
import { StudentsService } from '../../students/students.service';
import { EligibilityService, IneligibleRule } from '../../eligibility/eligibility.service';
import { DomainError } from '../../common/errors/domain-error';
import type { Translate } from '../../common/i18n/catalogue';
import type { StudentEventData, SlotFilterValues } from './event.page';
import { choiceKey, choiceOf, PreferenceState } from './preference-state';
import type { PreferencesData } from './preferences.page';
import type { StudentHomeEvent } from './home.page';
import { WaitlistService } from '../../waitlist/waitlist.service';

/** How many free slots one page lists; later ones are a link away (keyset cursor). */
const SLOTS_PER_PAGE = 500;

/** Gathers what the student pages show, from the features' own services (and their rules). */
@Injectable()
export class StudentPagesService {
  constructor(
    private readonly events: EventsService,
    private readonly slots: SlotsService,
    private readonly bookings: BookingsService,
    private readonly preferences: PreferencesService,
    private readonly runs: AllocationRunsService,
    private readonly students: StudentsService,
    private readonly eligibility: EligibilityService,
    private readonly waitlist: WaitlistService,
    private readonly strikes: StrikesService,
  ) {}

  async home(principal: Principal, now: Date): Promise<{ name: string; events: StudentHomeEvent[]; strikes: StrikeStandingResponse }> {
    const [student, events, held, waitlist, strikes] = await Promise.all([
      this.students.findOrFail(principal.id),
      this.events.findAllVisible(principal),
      this.heldByEvent(principal),
      this.waitlist.mine(principal),
      this.strikes.standingOf(principal.id),
    ]);
    const upcoming = events.filter((e) => e.endsAt > now);
    const [withPreferences, ineligible] = await Promise.all([
      Promise.all(upcoming.map((e) => this.preferencesOpen(e, now))),
      this.eligibility.rulesForEvents(principal.id, upcoming.map((e) => e.id)),
    ]);
    return {
      name: student.name,
      strikes,
      events: upcoming.map((event, i) => ({
        event,
        held: held.get(event.id) ?? [],
        preferencesOpen: withPreferences[i],
        ineligible: ineligible.get(event.id) ?? null,
        waitlist: waitlist.filter((w) => w.eventId === event.id),
      })),
    };
  }

  async event(eventId: string, principal: Principal, filters: SlotFilterValues, now: Date): Promise<StudentEventData> {
    const event = await this.events.findVisible(eventId, principal);
    const [page, facets, held, takesPreferences, ineligible, waitlist] = await Promise.all([
      this.slots.list(
        eventId,
        { available: true, limit: SLOTS_PER_PAGE, expertise: filters.expertise, organization: filters.organization, timeOfDay: filters.timeOfDay, cursor: filters.cursor },
        principal,
      ),
      this.slots.facets(eventId, principal),
      this.heldByEvent(principal),
      this.preferencesOpen(event, now),
      this.eligibility.check(eventId, principal.id),
      this.waitlist.mine(principal),
    ]);
    const mine = held.get(eventId) ?? [];
    // The slot list may be a moment old (shared by students, SLOT_PAGE_CACHE_MS): never offer one's own slot back.
    const slots = page.items.filter((slot) => !mine.some((b) => b.slotId === slot.id));
    const waiting = waitlist.filter((w) => w.eventId === eventId);
    return { event, slots, nextCursor: page.nextCursor, facets, held: mine, filters, attempt: randomUUID(), takesPreferences, ineligible, waitlist: waiting };
  }

  async preferencePage(eventId: string, principal: Principal, now: Date, override: Partial<PreferencesData> = {}): Promise<PreferencesData> {
    const event = await this.events.findVisible(eventId, principal);
    const [settings, stored, options, held, explanation] = await Promise.all([
      this.preferences.getSettings(eventId),
      this.preferences.get(eventId, {}, principal),
      this.preferences.options(eventId, principal),
      this.heldByEvent(principal),
      this.explanation(eventId, principal),
    ]);
    const opensAt = settings.preferencesOpenAt ? new Date(settings.preferencesOpenAt) : null;
    const closesAt = settings.preferencesCloseAt ? new Date(settings.preferencesCloseAt) : null;
    const rated = settings.preferenceMode === 'rated';
    return {
      event,
      state: {
        choices: stored.choices.map(choiceKey),
        ...(rated ? { ratings: stored.choices.map((c) => c.rating ?? 3) } : {}),
        unavailable: stored.unavailable.map((u) => ({ startsAt: new Date(u.startsAt), endsAt: new Date(u.endsAt) })),
      },
      options,
      mode: rated ? 'rated' : 'ranked',
      gone: new Set(stored.choices.filter((c) => !c.available).map(choiceKey)),
      explanation,
      maxChoices: settings.preferenceChoices,
      window: { opensAt, closesAt },
      open: Boolean(opensAt && closesAt && opensAt <= now && now < closesAt),
      held: held.get(eventId) ?? [],
      ...override,
    };
  }

  /** Saves a ranking through the allocation feature's rules; a refusal comes back as messages for the page. */
  async savePreferences(eventId: string, principal: Principal, state: PreferenceState, t: Translate): Promise<string[] | undefined> {
    const choices = state.choices.map((c, i) => choiceOf(c, state.ratings?.[i]));
    try {
      await this.preferences.put(eventId, { choices, unavailable: state.unavailable }, principal);
      return undefined;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'PREFERENCES_CLOSED') return [t('preferences.problem.closed')];
      // Issue 12: the event is not open to this student; the reason, as the event page gives it.
      if (error.code === 'NOT_ELIGIBLE') return [`${t('rules.notEligible')} ${t(`rules.reason.${error.details?.rule as IneligibleRule}`)}`];
      if (error.code !== 'INVALID_PREFERENCES') throw error;
      return ((error.details?.problems ?? []) as { field: string }[]).map(({ field }) => {
        const index = /\[(\d+)\]/.exec(field)?.[1];
        if (field.startsWith('unavailable')) return t('preferences.problem.time', { n: Number(index ?? 0) + 1 });
        if (index !== undefined) return t('preferences.problem.choice', { n: Number(index) + 1 });
        return t('preferences.problem.tooMany');
      });
    }
  }

  /** The student's own explanation from the event's published allocation; none before one is published. */
  private async explanation(eventId: string, principal: Principal): Promise<StudentExplanationResponse | undefined> {
    try {
      return await this.runs.ownExplanation(eventId, principal);
    } catch (error) {
      if (error instanceof DomainError && error.status < 500) return undefined;
      throw error;
    }
  }

  /** Confirmed interviews that have not ended, by event. */
  private async heldByEvent(principal: Principal): Promise<Map<string, BookingResponse[]>> {
    const now = Date.now();
    const byEvent = new Map<string, BookingResponse[]>();
    for (const b of await this.bookings.mine(principal)) {
      if (b.status !== 'confirmed' || new Date(b.endsAt).getTime() <= now) continue;
      byEvent.set(b.eventId, [...(byEvent.get(b.eventId) ?? []), b]);
    }
    return byEvent;
  }

  private async preferencesOpen(event: Event, now: Date): Promise<boolean> {
    const settings = await this.preferences.getSettings(event.id);
    return Boolean(settings.preferencesOpenAt && settings.preferencesCloseAt && new Date(settings.preferencesOpenAt) <= now && now < new Date(settings.preferencesCloseAt));
  }
}
