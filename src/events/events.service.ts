import { Injectable } from '@nestjs/common';
import { isStaff, Principal } from '../common/auth/principal';
import { notFound, ValidationFailedError } from '../common/errors/domain-error';
import { toZonedIso } from '../common/time/zoned';
import type { Tx } from '../database/database';
import { CreateEventDto, EventResponse, UpdateEventDto } from './dto/event.dto';
import { Event } from './entities/event.entity';
import { checkEventTimes } from './event-rules';
import { EventsRepository } from './events.repository';
import { EventErrors } from './events.errors';

export type EventField = keyof Event;

/** An edit as applied: the event before and as saved, and which of its fields changed. */
export interface AppliedEdit {
  saved: Event;
  changed: (field: EventField) => boolean;
}

@Injectable()
export class EventsService {
  constructor(private readonly events: EventsRepository) {}

  async create(dto: CreateEventDto): Promise<EventResponse> {
    assertTimes(dto);
    return toResponse(await this.events.create({ ...dto, status: 'draft' }));
  }

  /** Staff see every event; students and volunteers see published ones. */
  async list(principal: Principal): Promise<EventResponse[]> {
    return (await this.findAllVisible(principal)).map(toResponse);
  }

  /** For pages: the events this principal may see, as entities, in start order. */
  findAllVisible(principal: Principal): Promise<Event[]> {
    return this.events.list(isStaff(principal) ? undefined : ['published']);
  }

  async get(id: string, principal: Principal): Promise<EventResponse> {
    return toResponse(await this.findVisible(id, principal));
  }

  /**
   * Applies staff's edit in the caller's transaction (an event edit, src/event-edits, which
   * then brings slots and bookings in line): locks the event, checks the times, saves.
   * A new booking limit or gap also holds off bookings until the edit commits, so the caller can bring
   * the event's bookings within it and none slips in meanwhile.
   */
  async applyUpdate(tx: Tx, id: string, dto: UpdateEventDto): Promise<AppliedEdit> {
    const event =
      dto.maxBookingsPerStudent === undefined && dto.minGapMinutes === undefined
        ? await this.events.findForUpdate(tx, id)
        : await this.events.findForUpdateHoldingBookings(tx, id);
    if (!event) throw notFound('Event');
    const before = { ...event };
    const next = Object.assign(event, stripUndefined(dto));
    assertTimes(next);
    const saved = await this.events.save(next, tx);
    return { saved, changed: (field) => !sameValue(saved[field], before[field]) };
  }

  view(event: Event): EventResponse {
    return toResponse(event);
  }

  /**
   * For features whose writes depend on the event's times and slot settings (availability):
   * the event, locked until the caller's transaction ends, so an edit cannot interleave.
   */
  async lockSchedule(tx: Tx, id: string): Promise<Event> {
    const event = await this.events.findForShare(tx, id);
    if (!event) throw notFound('Event');
    return event;
  }

  async remove(id: string): Promise<void> {
    await this.findOrFail(id);
    if (!(await this.events.deleteDraft(id))) throw EventErrors.notDraft();
  }

  async publish(id: string): Promise<EventResponse> {
    const event = await this.findOrFail(id);
    if (event.status === 'published') return toResponse(event);
    if (!(await this.events.publishDraft(id))) throw EventErrors.notDraft();
    return toResponse(await this.findOrFail(id));
  }

  /**
   * Issue 13: a closed event is published again (bookings follow its booking window as before);
   * reopening a published one is a no-op; a draft is published, not reopened.
   */
  async reopen(id: string): Promise<EventResponse> {
    const event = await this.findOrFail(id);
    if (event.status === 'published') return toResponse(event);
    if (!(await this.events.reopenClosed(id))) throw EventErrors.notClosed();
    return toResponse(await this.findOrFail(id));
  }

  /** For other features: the event if this principal may see it, else NOT_FOUND. */
  async findVisible(id: string, principal: Principal): Promise<Event> {
    const event = await this.events.findById(id);
    if (!event || !this.isVisible(event, principal)) throw notFound('Event');
    return event;
  }

  /** Staff see every event; students and volunteers published ones. For features that read an event's status themselves. */
  isVisible(event: { status: string }, principal: Principal): boolean {
    return isStaff(principal) || event.status === 'published';
  }

  findByIds(ids: string[]): Promise<Event[]> {
    return this.events.findByIds(ids);
  }

  async findOrFail(id: string): Promise<Event> {
    const event = await this.events.findById(id);
    if (!event) throw notFound('Event');
    return event;
  }
}

function assertTimes(e: Parameters<typeof checkEventTimes>[0]): void {
  const errors = checkEventTimes(e);
  if (errors.length) throw new ValidationFailedError(errors);
}

function sameValue(a: unknown, b: unknown): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}

function stripUndefined<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function toResponse(e: Event): EventResponse {
  const at = (d: Date) => toZonedIso(d, e.timezone);
  return {
    id: e.id,
    name: e.name,
    description: e.description,
    location: e.location,
    organizerName: e.organizerName,
    organizerEmail: e.organizerEmail,
    timezone: e.timezone,
    startsAt: at(e.startsAt),
    endsAt: at(e.endsAt),
    bookingOpensAt: at(e.bookingOpensAt),
    bookingClosesAt: at(e.bookingClosesAt),
    slotMinutes: e.slotMinutes,
    breakMinutes: e.breakMinutes,
    maxBookingsPerStudent: e.maxBookingsPerStudent,
    minGapMinutes: e.minGapMinutes,
    bookingCutoffMinutes: e.bookingCutoffMinutes,
    status: e.status,
    createdAt: at(e.createdAt),
    updatedAt: at(e.updatedAt),
  };
}
