import type { SlotResponse } from '../../slots/dto/slot.dto';
import { zonedParts } from '../shared/zoned-input';

export interface TimeGroup {
  startsAt: Date;
  slots: SlotResponse[];
}

export interface DayGroup {
  /** `YYYY-MM-DD` in the event's zone. */
  day: string;
  times: TimeGroup[];
}

export interface VolunteerGroup {
  volunteer: SlotResponse['volunteer'];
  slots: SlotResponse[];
}

/** Slots (already in time order) by day, then by start time: "Tuesday 10 March › 9:30 AM › Ada, Ben". */
export function groupByTime(slots: SlotResponse[], zone: string): DayGroup[] {
  const days: DayGroup[] = [];
  for (const slot of slots) {
    const startsAt = new Date(slot.startsAt);
    const day = zonedParts(startsAt, zone).date;
    let dayGroup = days.at(-1);
    if (dayGroup?.day !== day) days.push((dayGroup = { day, times: [] }));
    let time = dayGroup.times.at(-1);
    if (time?.startsAt.getTime() !== startsAt.getTime()) dayGroup.times.push((time = { startsAt, slots: [] }));
    time.slots.push(slot);
  }
  return days;
}

/** Slots by volunteer, volunteers by name, each one's slots in time order. */
export function groupByVolunteer(slots: SlotResponse[]): VolunteerGroup[] {
  const groups = new Map<string, VolunteerGroup>();
  for (const slot of slots) {
    const group = groups.get(slot.volunteer.id) ?? { volunteer: slot.volunteer, slots: [] };
    group.slots.push(slot);
    groups.set(slot.volunteer.id, group);
  }
  return [...groups.values()].sort((a, b) => a.volunteer.name.localeCompare(b.volunteer.name) || a.volunteer.id.localeCompare(b.volunteer.id));
}
