import { DateTime } from 'luxon';
import type { Event } from '../../events/entities/event.entity';
import { field, FormBody } from '../layout/form';

/** The event form's fields; times are `datetime-local` values read on the clock of the event's zone. */
export const EVENT_TEXT_FIELDS = ['name', 'location', 'description', 'timezone'] as const;
export const EVENT_TIME_FIELDS = ['startsAt', 'endsAt', 'bookingOpensAt', 'bookingClosesAt'] as const;
export const EVENT_NUMBER_FIELDS = ['slotMinutes', 'breakMinutes', 'maxBookingsPerStudent'] as const;
export type EventFormValues = Record<(typeof EVENT_TEXT_FIELDS)[number] | (typeof EVENT_TIME_FIELDS)[number] | (typeof EVENT_NUMBER_FIELDS)[number], string>;

/** A local date-time (`2026-03-10T09:30`) on the clock of `zone` as an ISO instant, or the text as typed (the DTO refuses it). */
export function instantOf(local: string, zone: string): string {
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? DateTime.fromISO(local, { zone }) : undefined;
  return at?.isValid ? at.toISO()! : local;
}

export function localOf(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

export function eventFormValues(event: Event): EventFormValues {
  return {
    name: event.name,
    location: event.location,
    description: event.description,
    timezone: event.timezone,
    startsAt: localOf(event.startsAt, event.timezone),
    endsAt: localOf(event.endsAt, event.timezone),
    bookingOpensAt: localOf(event.bookingOpensAt, event.timezone),
    bookingClosesAt: localOf(event.bookingClosesAt, event.timezone),
    slotMinutes: String(event.slotMinutes),
    breakMinutes: String(event.breakMinutes),
    maxBookingsPerStudent: String(event.maxBookingsPerStudent),
  };
}

/** The posted form as typed, and as the plain object the event DTOs validate. */
export function readEventForm(body: FormBody): { values: EventFormValues; plain: Record<string, unknown> } {
  const values = Object.fromEntries([...EVENT_TEXT_FIELDS, ...EVENT_TIME_FIELDS, ...EVENT_NUMBER_FIELDS].map((f) => [f, field(body, f)])) as EventFormValues;
  const zone = values.timezone;
  const plain: Record<string, unknown> = { name: values.name, location: values.location, description: values.description, timezone: zone };
  for (const f of EVENT_TIME_FIELDS) plain[f] = instantOf(values[f], zone);
  for (const f of EVENT_NUMBER_FIELDS) if (values[f] !== '') plain[f] = /^\d+$/.test(values[f]) ? Number(values[f]) : values[f];
  return { values, plain };
}
