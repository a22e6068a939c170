import { Injectable, Logger } from '@nestjs/common';
import { toZonedIso } from '../common/time/zoned';
import type { Tx } from '../database/database';
import type { Event } from '../events/entities/event.entity';
import type { AvailabilityWindow } from './entities/availability-window.entity';
import type { Slot } from './entities/slot.entity';
import { clipWindows, diffSlots, generateSlots, Interval, SlotDiff } from './slot-generation';
import { SlotsRepository } from './slots.repository';
import { SlotErrors } from './slots.errors';

interface VolunteerPlan {
  volunteerId: string;
  windows: Interval[];
  windowsChanged: boolean;
  diff: SlotDiff<Slot>;
}

/**
 * Keeps slots in step with their event: when staff change its start, end, slot length or
 * break (an event edit, src/event-edits), every volunteer's windows are cut to the new bounds
 * and their slots regenerated, in the edit's transaction. Booked slots must survive as they are (same start and end),
 * or the whole edit is refused with SLOTS_BOOKED. Windows are clipped without asking: shrinking
 * the day means the volunteers are not needed outside it, and nothing booked is lost; each
 * change is logged. Slots of volunteers with no windows (withdrawn, keeping only interviews
 * that had started) are not regenerated, but may not end up outside the event either.
 */
@Injectable()
export class EventScheduleService {
  private readonly logger = new Logger(EventScheduleService.name);

  constructor(private readonly slots: SlotsRepository) {}

  /** In the edit's transaction, with the event locked and saved; returns how many slots it wrote. */
  async followEvent(tx: Tx, event: Event): Promise<number> {
    // Locked first (the event row already is): a booking racing this edit either committed
    // before, and is seen below, or waits and then finds its slot kept or gone.
    const slotsOf = groupBy(await this.slots.lockEventSlots(tx, event.id));
    const windowsOf = groupBy(await this.slots.findEventWindows(tx, event.id));
    const volunteerIds = new Set([...slotsOf.keys(), ...windowsOf.keys()]);
    const plans = [...volunteerIds].map((id) => plan(id, windowsOf.get(id), slotsOf.get(id) ?? [], event));

    const removed = plans.flatMap((p) => p.diff.removed.map((s) => s.id));
    const booked = await this.slots.findBooked(tx, removed);
    if (booked.length) {
      throw SlotErrors.bookedSlotsOffGrid(booked.map((b) => ({ ...b, startsAt: toZonedIso(b.startsAt, event.timezone) })));
    }

    const changed = plans.filter((p) => p.windowsChanged || p.diff.removed.length || p.diff.added.length);
    for (const p of changed) await this.slots.rewriteSchedule(tx, event.id, p.volunteerId, p.windows, p.diff);
    const added = changed.reduce((n, p) => n + p.diff.added.length, 0);
    if (changed.length) {
      this.logger.log(
        {
          eventId: event.id,
          volunteers: changed.length,
          windowsClipped: changed.filter((p) => p.windowsChanged).map((p) => p.volunteerId),
          slotsRemoved: removed.length,
          slotsAdded: added,
        },
        'Event schedule changed; volunteers\' slots regenerated',
      );
    }
    return removed.length + added;
  }
}

function plan(volunteerId: string, stored: AvailabilityWindow[] | undefined, existing: Slot[], event: Event): VolunteerPlan {
  if (!stored) {
    // No windows to regenerate from (a withdrawal kept the interviews that had started):
    // the slots stay as they are, but none may lie outside the event.
    const outside = existing.filter((s) => s.startsAt < event.startsAt || s.endsAt > event.endsAt);
    return { volunteerId, windows: [], windowsChanged: false, diff: { removed: outside, added: [] } };
  }
  const windows = clipWindows(stored, event, event.slotMinutes);
  const wanted = generateSlots(windows, event.slotMinutes, event.breakMinutes);
  const same = (a: Interval, b: Interval) => a.startsAt.getTime() === b.startsAt.getTime() && a.endsAt.getTime() === b.endsAt.getTime();
  const windowsChanged = windows.length !== stored.length || windows.some((w, i) => !same(w, stored[i]));
  return { volunteerId, windows, windowsChanged, diff: diffSlots(existing, wanted) };
}

function groupBy<T extends { volunteerId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.volunteerId);
    if (group) group.push(row);
    else groups.set(row.volunteerId, [row]);
  }
  return groups;
}
