import { Body, Param } from '@nestjs/common';
import { PutAllocationSettingsDto } from '../../allocation/dto/allocation-settings.dto';
import { PreferencesService } from '../../allocation/preferences.service';
import { Roles } from '../../common/auth/auth.decorators';
import { DomainError, ValidationFailedError } from '../../common/errors/domain-error';
import { UuidParam } from '../../common/http/uuid-param';
import { EventEditsService } from '../../event-edits/event-edits.service';
import { CreateEventDto, UpdateEventDto } from '../../events/dto/event.dto';
import type { Event } from '../../events/entities/event.entity';
import { EventsService } from '../../events/events.service';
import { ReminderSettingsDto } from '../../invites/dto/reminder-settings.dto';
import { RemindersService } from '../../invites/reminders.service';
import { field, FormBody } from '../layout/form';
import { FormErrors, formDto } from '../layout/form-dto';
import type { PageContext } from '../layout/page-context';
import { Ctx, PageController, PageGet, PagePost } from '../layout/page-decorators';
import { PageResult, redirect } from '../layout/page-result';
import { eventFormValues, instantOf, localOf, readEventForm } from './event-form';
import { consoleEventPage, eventFormPage, eventSettingsPage, settingsValues } from './events.page';

/** Staff create and edit events, change their state, and set reminders and preferences. */
@PageController('console/events')
@Roles('staff')
export class EventsPageController {
  constructor(
    private readonly events: EventsService,
    private readonly edits: EventEditsService,
    private readonly reminders: RemindersService,
    private readonly preferences: PreferencesService,
  ) {}

  @PageGet('new')
  newForm(@Ctx() ctx: PageContext): PageResult {
    return eventFormPage(ctx, { timezone: 'America/New_York', slotMinutes: '30', breakMinutes: '0', maxBookingsPerStudent: '1' });
  }

  @PagePost('')
  async create(@Ctx() ctx: PageContext, @Body() body: FormBody): Promise<PageResult> {
    const { values, plain } = readEventForm(body);
    const { dto, errors } = await formDto(CreateEventDto, plain, ctx.t, { timezone: 'console.events.f.timezoneHint' });
    if (errors) return eventFormPage(ctx, values, undefined, errors, undefined, 422);
    try {
      const created = await this.events.create(dto);
      return redirect(`/console/events/${created.id}`, 'event-saved');
    } catch (error) {
      const refused = this.explain(ctx, error);
      return eventFormPage(ctx, values, undefined, refused.errors, refused.conflict, refused.status);
    }
  }

  @PageGet(':id')
  async show(@Param('id', UuidParam('Event')) id: string, @Ctx() ctx: PageContext): Promise<PageResult> {
    return consoleEventPage(ctx, await this.events.findOrFail(id));
  }

  @PageGet(':id/edit')
  async editForm(@Param('id', UuidParam('Event')) id: string, @Ctx() ctx: PageContext): Promise<PageResult> {
    const event = await this.events.findOrFail(id);
    return eventFormPage(ctx, eventFormValues(event), event);
  }

  /** Saves an edit; a refusal (booked slots off the new grid, students over a lower limit) is told in words. */
  @PagePost(':id/edit')
  async edit(@Param('id', UuidParam('Event')) id: string, @Ctx() ctx: PageContext, @Body() body: FormBody): Promise<PageResult> {
    const event = await this.events.findOrFail(id);
    const { values, plain } = readEventForm(body);
    const { dto, errors } = await formDto(UpdateEventDto, plain, ctx.t, { timezone: 'console.events.f.timezoneHint' });
    if (errors) return eventFormPage(ctx, values, event, errors, undefined, 422);
    try {
      await this.edits.update(id, dto);
      return redirect(`/console/events/${id}`, 'event-saved');
    } catch (error) {
      const refused = this.explain(ctx, error);
      return eventFormPage(ctx, values, event, refused.errors, refused.conflict, refused.status);
    }
  }

  /** Publish a draft, close, or reopen a closed event. */
  @PagePost(':id/status')
  async status(@Param('id', UuidParam('Event')) id: string, @Body() body: FormBody): Promise<PageResult> {
    const action = field(body, 'action');
    try {
      if (action === 'publish') await this.events.publish(id);
      else if (action === 'reopen') await this.events.reopen(id);
      else if (action === 'close') await this.edits.update(id, { status: 'closed' });
      else return redirect(`/console/events/${id}`);
    } catch (error) {
      if (error instanceof DomainError && error.status === 409) return redirect(`/console/events/${id}`, 'event-state-refused');
      throw error;
    }
    return redirect(`/console/events/${id}`, 'event-saved');
  }

  @PageGet(':id/settings')
  async settings(@Param('id', UuidParam('Event')) id: string, @Ctx() ctx: PageContext): Promise<PageResult> {
    const event = await this.events.findOrFail(id);
    return eventSettingsPage(ctx, event, await this.currentSettings(event));
  }

  @PagePost(':id/settings')
  async saveSettings(@Param('id', UuidParam('Event')) id: string, @Ctx() ctx: PageContext, @Body() body: FormBody): Promise<PageResult> {
    const event = await this.events.findOrFail(id);
    const values = {
      reminders: field(body, 'reminders'),
      preferencesOpenAt: field(body, 'preferencesOpenAt'),
      preferencesCloseAt: field(body, 'preferencesCloseAt'),
      preferenceChoices: field(body, 'preferenceChoices'),
      preferenceMode: field(body, 'preferenceMode'),
    };
    const offsets = values.reminders === '' ? [] : values.reminders.split(',').map((s) => (/^\s*\d+\s*$/.test(s) ? Number(s) : s.trim()));
    const reminders = await formDto(ReminderSettingsDto, { offsetsMinutes: offsets }, ctx.t, { offsetsMinutes: 'console.settings.remindersHint' });
    const prefs = await formDto(
      PutAllocationSettingsDto,
      {
        preferencesOpenAt: values.preferencesOpenAt ? instantOf(values.preferencesOpenAt, event.timezone) : null,
        preferencesCloseAt: values.preferencesCloseAt ? instantOf(values.preferencesCloseAt, event.timezone) : null,
        preferenceChoices: /^\d+$/.test(values.preferenceChoices) ? Number(values.preferenceChoices) : values.preferenceChoices,
        preferenceMode: values.preferenceMode,
      },
      ctx.t,
    );
    const errors: FormErrors = { ...reminders.errors, ...prefs.errors };
    if (Object.keys(errors).length) return eventSettingsPage(ctx, event, values, errors, 422);
    try {
      await this.reminders.put(id, reminders.dto.offsetsMinutes);
      await this.preferences.putSettings(id, prefs.dto);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500) throw error;
      return eventSettingsPage(ctx, event, values, { preferencesCloseAt: ctx.t('console.settings.refused') }, error.status);
    }
    return redirect(`/console/events/${id}`, 'event-saved');
  }

  private async currentSettings(event: Event) {
    const [reminders, prefs] = await Promise.all([this.reminders.get(event.id), this.preferences.getSettings(event.id)]);
    return settingsValues(event, reminders.offsetsMinutes, prefs, (at) => localOf(at, event.timezone));
  }

  /** A refusal of the events' services in words a person can act on. */
  private explain(ctx: PageContext, error: unknown): { errors: FormErrors; conflict?: { text: string; bookings: { startsAt: string }[] }; status: number } {
    if (error instanceof ValidationFailedError) {
      const errors: FormErrors = {};
      for (const e of error.errors) errors[e.field] = ctx.t(`console.events.problem.${e.field === 'endsAt' ? 'endsAt' : 'bookingClosesAt'}`);
      return { errors, status: 422 };
    }
    if (error instanceof DomainError && error.code === 'SLOTS_BOOKED') {
      const bookings = (error.details?.bookings as { startsAt: string }[] | undefined) ?? [];
      return { errors: {}, conflict: { text: ctx.t('console.events.problem.slotsBooked', { count: bookings.length }), bookings }, status: 409 };
    }
    if (error instanceof DomainError && error.code === 'BOOKINGS_OVER_LIMIT') {
      const bookings = (error.details?.bookings as { startsAt: string }[] | undefined) ?? [];
      return { errors: {}, conflict: { text: ctx.t('console.events.problem.overLimit', { count: bookings.length }), bookings }, status: 409 };
    }
    throw error;
  }
}
