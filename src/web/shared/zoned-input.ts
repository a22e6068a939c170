import { DateTime } from 'luxon';

/** `2026-03-10` and `09:30` read on the clock of `zone`; undefined when either is not a real date or time. */
export function zonedInstant(date: string, time: string, zone: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return undefined;
  const at = DateTime.fromISO(`${date}T${time}`, { zone });
  // A time the clock skips (spring forward) is not a time anyone can mean.
  return at.isValid && at.toFormat('HH:mm') === time ? at.toJSDate() : undefined;
}

/** The date and the time of day of an instant on the clock of `zone`, as form inputs take them. */
export function zonedParts(at: Date, zone: string): { date: string; time: string } {
  const local = DateTime.fromJSDate(at, { zone });
  return { date: local.toFormat('yyyy-MM-dd'), time: local.toFormat('HH:mm') };
}

/** Every calendar day (in `zone`) that the interval touches, as `YYYY-MM-DD`. */
export function daysBetween(from: Date, to: Date, zone: string): string[] {
  const days: string[] = [];
  let day = DateTime.fromJSDate(from, { zone }).startOf('day');
  const last = DateTime.fromJSDate(new Date(to.getTime() - 1), { zone }).startOf('day');
  while (day <= last && days.length < 366) {
    days.push(day.toFormat('yyyy-MM-dd'));
    day = day.plus({ days: 1 });
  }
  return days;
}

/** Noon of a `YYYY-MM-DD` in `zone`: an instant on that day, for naming it. */
export function middayOf(date: string, zone: string): Date {
  return DateTime.fromISO(`${date}T12:00`, { zone }).toJSDate();
}
