import { Injectable } from '@nestjs/common';
import { isStaff, Principal } from '../common/auth/principal';
import { notFound, ValidationFailedError } from '../common/errors/domain-error';
import { toZonedIso } from '../common/time/zoned';
import { CreateEventDto, EventResponse, UpdateEventDto } from './dto/event.dto';
import { Event } from './entities/event.entity';
import { checkEventTimes } from './event-rules';
import { EventsRepository } from './events.repository';
import { EventErrors } from './events.errors';

@Injectable()
export class EventsService {
  constructor(private readonly events: EventsRepository) {}

  async create(dto: CreateEventDto): Promise<EventResponse> {
    assertTimes(dto);
    return toResponse(await this.events.create({ ...dto, status: 'draft' }));
  }

  /** Staff see every event; students and volunteers see published ones. */
  async list(principal: Principal): Promise<EventResponse[]> {
    const events = await this.events.list(isStaff(principal) ? undefined : ['published']);
    return events.map(toResponse);
  }

  async get(id: string, principal: Principal): Promise<EventResponse> {
    return toResponse(await this.findVisible(id, principal));
  }

  async update(id: string, dto: UpdateEventDto): Promise<EventResponse> {
    const event = await this.findOrFail(id);
    const next = Object.assign(event, stripUndefined(dto));
    assertTimes(next);
    return toResponse(await this.events.save(next));
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
