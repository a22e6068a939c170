import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isStaff, Principal } from '../common/auth/principal';
import { notFound, ValidationFailedError } from '../common/errors/domain-error';
import { toZonedIso } from '../common/time/zoned';
import { CreateEventDto, EventResponse, UpdateEventDto } from './dto/event.dto';
import { Event } from './entities/event.entity';
import { checkEventTimes } from './event-rules';
import { EventsRepository } from './events.repository';
import { EventErrors } from './events.errors';

/** What a calendar invite shows of its event (name, venue, text, organizer, zone of its times). */
const INVITE_FIELDS = ['name', 'location', 'description', 'organizerName', 'organizerEmail', 'timezone'] as const;

/** What the event's slots are generated from (with the volunteers' windows). */
const SCHEDULE_FIELDS = ['startsAt', 'endsAt', 'slotMinutes', 'breakMinutes'] as const;

/** What the bookings already held must fit. */
const BOOKING_LIMIT_FIELDS = ['maxBookingsPerStudent'] as const;

/** Told, inside the event's update transaction, that an event's invite details changed. */
export type InviteDetailsListener = (tx: EntityManager, eventId: string) => Promise<void>;

/** Told, inside the update transaction, the event as saved; throwing refuses the whole edit. */
export type EventChangeListener = (tx: EntityManager, event: Event) => Promise<void>;

type EventField = keyof Event;

@Injectable()
export class EventsService {
  private readonly listeners: { fields: readonly EventField[]; listener: EventChangeListener }[] = [];

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
   * Bookings depend on events, so events cannot call bookings to log invite updates (and
   * must not write bookings' tables). Instead bookings registers here at start-up; each
   * listener runs in the event's transaction, so the edit and the booking changes it causes
   * commit together or not at all.
   */
  onInviteDetailsChanged(listener: InviteDetailsListener): void {
    this.listeners.push({ fields: INVITE_FIELDS, listener: (tx, event) => listener(tx, event.id) });
  }

  /**
   * The same mechanism for slots (which depend on events): a new start, end, slot length or
   * break reshapes the volunteers' slots in this transaction, or refuses the edit.
   */
  onScheduleChanged(listener: EventChangeListener): void {
    this.listeners.push({ fields: SCHEDULE_FIELDS, listener });
  }

  /**
   * The same for bookings: a new maxBookingsPerStudent must hold for the bookings students
   * already have, or the edit is refused.
   */
  onBookingLimitChanged(listener: EventChangeListener): void {
    this.listeners.push({ fields: BOOKING_LIMIT_FIELDS, listener });
  }

  /** Runs each listener only when one of its fields changed. */
  async update(id: string, dto: UpdateEventDto): Promise<EventResponse> {
    const saved = await this.events.transaction(async (tx) => {
      const event = await this.events.findForUpdate(tx, id);
      if (!event) throw notFound('Event');
      const before = { ...event };
      const next = Object.assign(event, stripUndefined(dto));
      assertTimes(next);
      const saved = await this.events.save(next, tx);
      const changed = (field: EventField) => !sameValue(saved[field], before[field]);
      for (const { fields, listener } of this.listeners) {
        if (fields.some(changed)) await listener(tx, saved);
      }
      return saved;
    });
    return toResponse(saved);
  }

  /**
   * For features whose writes depend on the event's times and slot settings (availability):
   * the event, locked until the caller's transaction ends, so an edit cannot interleave.
   */
  async lockSchedule(tx: EntityManager, id: string): Promise<Event> {
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

  /** For other features: the event if this principal may see it, else NOT_FOUND. */
  async findVisible(id: string, principal: Principal): Promise<Event> {
    const event = await this.events.findById(id);
    if (!event || (!isStaff(principal) && event.status !== 'published')) throw notFound('Event');
    return event;
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
    status: e.status,
    createdAt: at(e.createdAt),
    updatedAt: at(e.updatedAt),
  };
}
