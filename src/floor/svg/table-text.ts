import { DateTime } from 'luxon';
import type { TableAssignmentDoc } from '../floor-plan.types';
import { shortenPersonName } from './svg-text';

export interface VolunteerLabel {
  name: string;
  organization: string;
}

/** What the map writes for a place besides its label. */
export interface PlaceText {
  /** The caption under the label, in at most `maxChars` characters. */
  caption(maxChars: number): string;
  /** The whole text, for the tooltip, the description and the highlight note. */
  full: string;
}

/** Hours in the event's zone; the day too when `withDay` (the `at` note of a multi-day fair). */
export const clockTime = (instant: Date, timezone: string, withDay = false) =>
  DateTime.fromJSDate(instant, { zone: timezone }).setLocale('en-GB').toFormat(withDay ? 'ccc d LLL, HH:mm' : 'HH:mm');

/**
 * Who sits at an interview table: at `at`, the volunteer there then (or "Free"); otherwise
 * everyone over the day, by name while the names fit, else as a count. Volunteers the plan
 * names but who no longer exist are left out.
 */
export function tableText(
  assignments: readonly TableAssignmentDoc[],
  volunteers: ReadonlyMap<string, VolunteerLabel>,
  timezone: string,
  at?: Date,
): PlaceText | undefined {
  const shown = [...assignments]
    .filter((a) => volunteers.has(a.volunteerId))
    .filter((a) => !at || (Date.parse(a.startsAt) <= at.getTime() && at.getTime() < Date.parse(a.endsAt)))
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  if (shown.length === 0) {
    return at ? { caption: () => 'Free', full: `Free at ${clockTime(at, timezone)}` } : undefined;
  }
  const full = shown
    .map((a) => {
      const v = volunteers.get(a.volunteerId)!;
      const times = `${clockTime(new Date(a.startsAt), timezone)}–${clockTime(new Date(a.endsAt), timezone)}`;
      return `${v.name}${v.organization ? ` (${v.organization})` : ''} ${times}`;
    })
    .join('; ');
  const names = [...new Set(shown.map((a) => a.volunteerId))].map((id) => volunteers.get(id)!.name.replace(/\s+/g, ' ').trim());
  if (names.length === 1) return { caption: (max) => shortenPersonName(names[0], max), full };
  const count = names.length;
  // Best first; the last fits any table a label fits in.
  const forms = [names.join(', '), `${count} volunteers`, `${count} people`, `×${count}`];
  return { caption: (max) => forms.find((f) => [...f].length <= max) ?? forms.at(-1)!, full };
}
