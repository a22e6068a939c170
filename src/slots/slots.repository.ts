import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AvailabilityWindow } from './entities/availability-window.entity';
import { Slot } from './entities/slot.entity';
import type { Interval, SlotDiff } from './slot-generation';

export type TimeOfDay = 'morning' | 'afternoon' | 'evening';

export interface SlotFilter {
  available?: boolean;
  volunteerId?: string;
  expertise?: string;
  organization?: string;
  /** Slots starting then, by the clock of `timezone` (the event's): before 12, 12-17, from 17. */
  timeOfDay?: TimeOfDay;
  timezone?: string;
  from?: Date;
  to?: Date;
}

/** The hours (in the event's zone) each part of the day covers: [from, to). */
const HOURS: Record<TimeOfDay, [number, number]> = { morning: [0, 12], afternoon: [12, 17], evening: [17, 24] };

export interface SlotFacets {
  organizations: string[];
  expertise: string[];
}

export interface SlotRow {
  id: string;
  event_id: string;
  starts_at: Date;
  ends_at: Date;
  volunteer_id: string;
  volunteer_name: string;
  organization: string;
  title: string;
  expertise: string[];
  booked: boolean;
}

export interface BookedSlot {
  bookingId: string;
  slotId: string;
  startsAt: Date;
}

/** 4 parameters a slot; chunks stay far below PostgreSQL's 65,535 bind parameters. */
const INSERT_CHUNK = 5_000;

@Injectable()
export class SlotsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Locks the volunteer's slots in the event so no booking can take one while they change.
   * In id order, like lockEventSlots, so two lockers of overlapping sets cannot deadlock.
   */
  lockSlots(tx: EntityManager, eventId: string, volunteerId: string): Promise<Slot[]> {
    return tx
      .getRepository(Slot)
      .createQueryBuilder('s')
      .where('s.event_id = :eventId AND s.volunteer_id = :volunteerId', { eventId, volunteerId })
      .orderBy('s.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  /** Locks every slot of the event (an event-wide schedule change), in id order. */
  lockEventSlots(tx: EntityManager, eventId: string): Promise<Slot[]> {
    return tx
      .getRepository(Slot)
      .createQueryBuilder('s')
      .where('s.event_id = :eventId', { eventId })
      .orderBy('s.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  findEventWindows(tx: EntityManager, eventId: string): Promise<AvailabilityWindow[]> {
    return tx.getRepository(AvailabilityWindow).find({ where: { eventId }, order: { startsAt: 'ASC' } });
  }

  /** Writes one volunteer's new schedule: removed slots go, windows are replaced, new slots come. */
  async rewriteSchedule(tx: EntityManager, eventId: string, volunteerId: string, windows: Interval[], diff: SlotDiff<Slot>): Promise<void> {
    await this.deleteSlots(tx, diff.removed.map((s) => s.id));
    await this.replaceWindows(tx, eventId, volunteerId, windows);
    await this.insertSlots(tx, eventId, volunteerId, diff.added);
  }

  /**
   * Confirmed bookings on the given slots. Slots reads the bookings table here (read-only)
   * because whether a slot may be withdrawn depends on it.
   */
  async findBooked(tx: EntityManager, slotIds: string[]): Promise<BookedSlot[]> {
    if (!slotIds.length) return [];
    const rows: { id: string; slot_id: string; starts_at: Date }[] = await tx.query(
      `SELECT id, slot_id, starts_at FROM bookings WHERE slot_id = ANY($1::uuid[]) AND status = 'confirmed' ORDER BY starts_at`,
      [slotIds],
    );
    return rows.map((r) => ({ bookingId: r.id, slotId: r.slot_id, startsAt: r.starts_at }));
  }

  async replaceWindows(tx: EntityManager, eventId: string, volunteerId: string, windows: Interval[]): Promise<void> {
    const repo = tx.getRepository(AvailabilityWindow);
    await repo.delete({ eventId, volunteerId });
    if (windows.length) await repo.insert(windows.map((w) => ({ eventId, volunteerId, ...w })));
  }

  async deleteSlots(tx: EntityManager, ids: string[]): Promise<void> {
    if (ids.length) await tx.query(`DELETE FROM slots WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Deletes the volunteer's slots in the event that no confirmed booking holds; returns how many. */
  async deleteFreeSlots(tx: EntityManager, eventId: string, volunteerId: string): Promise<number> {
    const [, affected]: [unknown, number] = await tx.query(
      `DELETE FROM slots s
        WHERE s.event_id = $1 AND s.volunteer_id = $2
          AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = s.id AND b.status = 'confirmed')`,
      [eventId, volunteerId],
    );
    return affected;
  }

  async insertSlots(tx: EntityManager, eventId: string, volunteerId: string, slots: Interval[]): Promise<void> {
    for (let start = 0; start < slots.length; start += INSERT_CHUNK) {
      await tx.getRepository(Slot).insert(slots.slice(start, start + INSERT_CHUNK).map((s) => ({ eventId, volunteerId, ...s })));
    }
  }

  findWindows(eventId: string, volunteerId: string): Promise<AvailabilityWindow[]> {
    return this.dataSource.getRepository(AvailabilityWindow).find({
      where: { eventId, volunteerId },
      order: { startsAt: 'ASC' },
    });
  }

  findById(id: string): Promise<Slot | null> {
    return this.dataSource.getRepository(Slot).findOneBy({ id });
  }

  /** Keyset page ordered by (starts_at, id). */
  findPage(eventId: string, filter: SlotFilter, limit: number, after?: [string, string]): Promise<SlotRow[]> {
    const params: unknown[] = [eventId];
    const where = ['s.event_id = $1'];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.volunteerId) add((p) => `s.volunteer_id = ${p}`, filter.volunteerId);
    if (filter.expertise) add((p) => `${p} = ANY(v.expertise)`, filter.expertise);
    if (filter.organization) add((p) => `v.organization = ${p}`, filter.organization);
    if (filter.timeOfDay && filter.timezone) {
      const [from, to] = HOURS[filter.timeOfDay];
      add((p) => `extract(hour FROM s.starts_at AT TIME ZONE ${p}) >= ${from}`, filter.timezone);
      where.push(`extract(hour FROM s.starts_at AT TIME ZONE $${params.length}) < ${to}`);
    }
    if (filter.from) add((p) => `s.starts_at >= ${p}`, filter.from);
    if (filter.to) add((p) => `s.starts_at < ${p}`, filter.to);
    if (filter.available !== undefined) where.push(filter.available ? 'b.id IS NULL' : 'b.id IS NOT NULL');
    if (after) {
      params.push(after[0], after[1]);
      where.push(`(s.starts_at, s.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit);
    return this.dataSource.query(
      `SELECT s.id, s.event_id, s.starts_at, s.ends_at, s.volunteer_id, v.name AS volunteer_name,
              v.organization, v.title, v.expertise, (b.id IS NOT NULL) AS booked
         FROM slots s
         JOIN volunteers v ON v.id = s.volunteer_id
         LEFT JOIN bookings b ON b.slot_id = s.id AND b.status = 'confirmed'
        WHERE ${where.join(' AND ')}
        ORDER BY s.starts_at, s.id
        LIMIT $${params.length}`,
      params,
    );
  }

  /** The organizations and expertise tags of the volunteers who have slots in the event, sorted. */
  async facets(eventId: string): Promise<SlotFacets> {
    const [row]: { organizations: string[] | null; expertise: string[] | null }[] = await this.dataSource.query(
      `WITH present AS (SELECT DISTINCT volunteer_id FROM slots WHERE event_id = $1)
       SELECT (SELECT array_agg(DISTINCT v.organization ORDER BY v.organization) FROM volunteers v
                WHERE v.id IN (SELECT volunteer_id FROM present) AND v.organization <> '') AS organizations,
              (SELECT array_agg(DISTINCT tag ORDER BY tag) FROM volunteers v CROSS JOIN unnest(v.expertise) AS tag
                WHERE v.id IN (SELECT volunteer_id FROM present)) AS expertise`,
      [eventId],
    );
    return { organizations: row?.organizations ?? [], expertise: row?.expertise ?? [] };
  }

  /** Of these volunteers, those with availability or slots in the event. */
  async volunteersInEvent(eventId: string, volunteerIds: string[]): Promise<string[]> {
    if (!volunteerIds.length) return [];
    const rows: { volunteer_id: string }[] = await this.dataSource.query(
      `SELECT volunteer_id FROM availability_windows WHERE event_id = $1 AND volunteer_id = ANY($2::uuid[])
       UNION SELECT volunteer_id FROM slots WHERE event_id = $1 AND volunteer_id = ANY($2::uuid[])`,
      [eventId, volunteerIds],
    );
    return rows.map((r) => r.volunteer_id);
  }
}
