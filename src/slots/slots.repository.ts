import { Injectable } from '@nestjs/common';
import { Database, Tx } from '../database/database';
import { dynamicStatement, RowOf, statement } from '../database/statement';
import { AvailabilityWindow } from './entities/availability-window.entity';
import { Slot } from './entities/slot.entity';
import type { Interval, SlotDiff } from './slot-generation';

export type TimeOfDay = 'morning' | 'afternoon' | 'evening';

export interface SlotFilter {
  available?: boolean;
  volunteerId?: string;
  expertise?: string;
  organization?: string;
  /** Slots starting then, by the clock of the event's zone: before 12, 12-17, from 17. */
  timeOfDay?: TimeOfDay;
  from?: Date;
  to?: Date;
}

/** The hours (in the event's zone) each part of the day covers: [from, to). */
const HOURS: Record<TimeOfDay, [number, number]> = { morning: [0, 12], afternoon: [12, 17], evening: [17, 24] };

export interface SlotFacets {
  organizations: string[];
  expertise: string[];
}

/** A row of the slot page: the slot, its volunteer and whether a confirmed booking holds it. */
const PAGE_COLUMNS = {
  id: 'uuid',
  event_id: 'uuid',
  starts_at: 'timestamptz',
  ends_at: 'timestamptz',
  volunteer_id: 'uuid',
  volunteer_name: 'varchar',
  organization: 'varchar',
  title: 'varchar',
  expertise: 'text[]',
  booked: 'bool',
} as const;
export type SlotRow = RowOf<typeof PAGE_COLUMNS>;

/** The page's columns may all be NULL when the event has no slot on the page. */
const PAGE_OF_EVENT_COLUMNS = {
  event_timezone: 'varchar',
  event_status: 'varchar',
  id: 'uuid?',
  event_id: 'uuid?',
  starts_at: 'timestamptz?',
  ends_at: 'timestamptz?',
  volunteer_id: 'uuid?',
  volunteer_name: 'varchar?',
  organization: 'varchar?',
  title: 'varchar?',
  expertise: 'text[]?',
  booked: 'bool?',
} as const;

/** What the slot page needs of its event. */
export interface EventOfPage {
  timezone: string;
  status: string;
}

/**
 * The SQL of a keyset page of an event's slots ($1 is the event), ordered by (starts_at, id),
 * and its parameters after $1. Filters become fixed SQL with parameters, so each combination is
 * one prepared statement. `eventZone` is SQL for the event's zone (time-of-day filter).
 */
function pageSql(filter: SlotFilter, limit: number, after?: [string, string], eventZone = '(SELECT e.timezone FROM events e WHERE e.id = $1)'): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const where = ['s.event_id = $1'];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length + 1}`));
  };
  if (filter.volunteerId) add((p) => `s.volunteer_id = ${p}`, filter.volunteerId);
  if (filter.expertise) add((p) => `${p} = ANY(v.expertise)`, filter.expertise);
  if (filter.organization) add((p) => `v.organization = ${p}`, filter.organization);
  if (filter.timeOfDay) {
    const [from, to] = HOURS[filter.timeOfDay];
    where.push(`extract(hour FROM s.starts_at AT TIME ZONE ${eventZone}) >= ${from}`, `extract(hour FROM s.starts_at AT TIME ZONE ${eventZone}) < ${to}`);
  }
  if (filter.from) add((p) => `s.starts_at >= ${p}`, filter.from);
  if (filter.to) add((p) => `s.starts_at < ${p}`, filter.to);
  if (filter.available !== undefined) where.push(filter.available ? 'bk.booked IS NULL' : 'bk.booked');
  if (after) {
    params.push(after[0], after[1]);
    where.push(`(s.starts_at, s.id) > ($${params.length}::timestamptz, $${params.length + 1}::uuid)`);
  }
  params.push(limit);
  const sql = `SELECT s.id, s.event_id, s.starts_at, s.ends_at, s.volunteer_id, v.name AS volunteer_name,
              v.organization, v.title, v.expertise, (bk.booked IS NOT NULL) AS booked
         FROM slots s
         JOIN volunteers v ON v.id = s.volunteer_id
         ${BOOKED_JOIN}
        WHERE ${where.join(' AND ')}
        ORDER BY s.starts_at, s.id
        LIMIT $${params.length + 1}`;
  return { sql, params };
}

export interface BookedSlot {
  bookingId: string;
  slotId: string;
  startsAt: Date;
}

/**
 * Whether a confirmed booking holds slot `s`: one probe of the unique index per slot shown
 * (`bk.booked` is then true, else NULL). A LATERAL with LIMIT 1 because the planner can turn
 * neither into a join nor into a hashed subplan that reads every confirmed booking of every
 * event per page (what a plain join or EXISTS became, analyzed or not: while booking is open
 * the bookings table grows faster than its statistics).
 */
/** The organizations and expertise tags of the volunteers who have slots in the event (a read model over volunteers). */
const FACETS = statement(
  'slots.facets',
  `WITH present AS (SELECT DISTINCT volunteer_id FROM slots WHERE event_id = $1)
   SELECT (SELECT array_agg(DISTINCT v.organization ORDER BY v.organization) FROM volunteers v
            WHERE v.id IN (SELECT volunteer_id FROM present) AND v.organization <> '') AS organizations,
          (SELECT array_agg(DISTINCT tag ORDER BY tag) FROM volunteers v CROSS JOIN unnest(v.expertise) AS tag
            WHERE v.id IN (SELECT volunteer_id FROM present)) AS expertise`,
  { organizations: 'varchar[]?', expertise: 'text[]?' },
);
// Issue 12: a slot held by a live waitlist offer is not free either (booking it is refused, SLOT_HELD).
const BOOKED_JOIN = `LEFT JOIN LATERAL (SELECT true AS booked FROM bookings b WHERE b.slot_id = s.id AND b.status = 'confirmed'
                                         UNION ALL SELECT true FROM waitlist_offers o WHERE o.slot_id = s.id AND o.state = 'offered'
                                         LIMIT 1) bk ON true`;

const FIND_BOOKED = statement(
  'slots.find-booked',
  `SELECT id, slot_id, starts_at FROM bookings WHERE slot_id = ANY($1::uuid[]) AND status = 'confirmed' ORDER BY starts_at`,
  { id: 'uuid', slot_id: 'uuid', starts_at: 'timestamptz' },
);
const DELETE_SLOTS = statement('slots.delete', `DELETE FROM slots WHERE id = ANY($1::uuid[])`, {});
const DELETE_FREE_SLOTS = statement(
  'slots.delete-free',
  `DELETE FROM slots s
    WHERE s.event_id = $1 AND s.volunteer_id = $2
      AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = s.id AND b.status = 'confirmed')`,
  {},
);
const VOLUNTEERS_IN_EVENT = statement(
  'slots.volunteers-in-event',
  `SELECT volunteer_id FROM availability_windows WHERE event_id = $1 AND volunteer_id = ANY($2::uuid[])
   UNION SELECT volunteer_id FROM slots WHERE event_id = $1 AND volunteer_id = ANY($2::uuid[])`,
  { volunteer_id: 'uuid' },
);

/** Issue 13: every volunteer taking part in the event (availability or slots), for the floor plan's form. */
const VOLUNTEERS_OF_EVENT = statement(
  'slots.volunteers-of-event',
  `SELECT volunteer_id FROM availability_windows WHERE event_id = $1
   UNION SELECT volunteer_id FROM slots WHERE event_id = $1`,
  { volunteer_id: 'uuid' },
);

/** 4 parameters a slot; chunks stay far below PostgreSQL's 65,535 bind parameters. */
const INSERT_CHUNK = 5_000;

@Injectable()
export class SlotsRepository {
  constructor(private readonly db: Database) {}


  /**
   * Locks the volunteer's slots in the event so no booking can take one while they change.
   * In id order, like lockEventSlots, so two lockers of overlapping sets cannot deadlock.
   */
  lockSlots(tx: Tx, eventId: string, volunteerId: string): Promise<Slot[]> {
    return tx
      .getRepository(Slot)
      .createQueryBuilder('s')
      .where('s.event_id = :eventId AND s.volunteer_id = :volunteerId', { eventId, volunteerId })
      .orderBy('s.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  /** Locks every slot of the event (an event-wide schedule change), in id order. */
  lockEventSlots(tx: Tx, eventId: string): Promise<Slot[]> {
    return tx
      .getRepository(Slot)
      .createQueryBuilder('s')
      .where('s.event_id = :eventId', { eventId })
      .orderBy('s.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  findEventWindows(tx: Tx, eventId: string): Promise<AvailabilityWindow[]> {
    return tx.getRepository(AvailabilityWindow).find({ where: { eventId }, order: { startsAt: 'ASC' } });
  }

  /** Writes one volunteer's new schedule: removed slots go, windows are replaced, new slots come. */
  async rewriteSchedule(tx: Tx, eventId: string, volunteerId: string, windows: Interval[], diff: SlotDiff<Slot>): Promise<void> {
    await this.deleteSlots(tx, diff.removed.map((s) => s.id));
    await this.replaceWindows(tx, eventId, volunteerId, windows);
    await this.insertSlots(tx, eventId, volunteerId, diff.added);
  }

  /**
   * Confirmed bookings on the given slots. Slots reads the bookings table here (read-only)
   * because whether a slot may be withdrawn depends on it.
   */
  async findBooked(tx: Tx, slotIds: string[]): Promise<BookedSlot[]> {
    if (!slotIds.length) return [];
    const rows = await this.db.run(FIND_BOOKED, [slotIds], tx);
    return rows.map((r) => ({ bookingId: r.id, slotId: r.slot_id, startsAt: r.starts_at }));
  }

  async replaceWindows(tx: Tx, eventId: string, volunteerId: string, windows: Interval[]): Promise<void> {
    const repo = tx.getRepository(AvailabilityWindow);
    await repo.delete({ eventId, volunteerId });
    if (windows.length) await repo.insert(windows.map((w) => ({ eventId, volunteerId, ...w })));
  }

  async deleteSlots(tx: Tx, ids: string[]): Promise<void> {
    if (ids.length) await this.db.run(DELETE_SLOTS, [ids], tx);
  }

  /** Issue 13: every event the volunteer has availability or slots in. */
  async eventsOfVolunteer(volunteerId: string): Promise<string[]> {
    const rows: { event_id: string }[] = await this.db.query(
      `SELECT event_id FROM availability_windows WHERE volunteer_id = $1 UNION SELECT event_id FROM slots WHERE volunteer_id = $1`,
      [volunteerId],
    );
    return rows.map((r) => r.event_id);
  }

  /** Deletes the volunteer's slots in the event that no confirmed booking holds; returns how many. */
  async deleteFreeSlots(tx: Tx, eventId: string, volunteerId: string): Promise<number> {
    return this.db.count(DELETE_FREE_SLOTS, [eventId, volunteerId], tx);
  }

  async insertSlots(tx: Tx, eventId: string, volunteerId: string, slots: Interval[]): Promise<void> {
    for (let start = 0; start < slots.length; start += INSERT_CHUNK) {
      await tx.getRepository(Slot).insert(slots.slice(start, start + INSERT_CHUNK).map((s) => ({ eventId, volunteerId, ...s })));
    }
  }

  findWindows(eventId: string, volunteerId: string): Promise<AvailabilityWindow[]> {
    return this.db.repository(AvailabilityWindow).find({
      where: { eventId, volunteerId },
      order: { startsAt: 'ASC' },
    });
  }

  findById(id: string): Promise<Slot | null> {
    return this.db.repository(Slot).findOneBy({ id });
  }

  /** Keyset page ordered by (starts_at, id). */
  findPage(eventId: string, filter: SlotFilter, limit: number, after?: [string, string]): Promise<SlotRow[]> {
    const { sql, params } = pageSql(filter, limit, after);
    // Prepared per combination of filters: each variant's text is fixed, its values are parameters.
    return this.db.run(dynamicStatement('slots.page', `${sql}`, PAGE_COLUMNS), [eventId, ...params]);
  }

  /**
   * The slot page and its event's zone and status in one round trip (the page students refresh
   * while booking is open): no row when there is no such event, one row of NULL slot columns
   * when the page is empty. The event table is read for these two columns only (a declared
   * read, test/architecture/boundaries.ts); whether the caller may see the event stays events'
   * rule (EventsService.isVisible).
   */
  async pageOfEvent(eventId: string, filter: SlotFilter, limit: number, after?: [string, string]): Promise<{ event?: EventOfPage; rows: SlotRow[] }> {
    const { sql, params } = pageSql(filter, limit, after, 'e.timezone');
    const statement = dynamicStatement(
      'slots.page-of-event',
      `SELECT e.timezone AS event_timezone, e.status AS event_status, p.*
         FROM events e
         LEFT JOIN LATERAL (${sql}) p ON true
        WHERE e.id = $1
        ORDER BY p.starts_at, p.id`,
      PAGE_OF_EVENT_COLUMNS,
    );
    const rows = await this.db.run(statement, [eventId, ...params]);
    if (!rows.length) return { rows: [] };
    const event = { timezone: rows[0].event_timezone, status: rows[0].event_status };
    return { event, rows: rows.filter((r) => r.id !== null) as SlotRow[] };
  }

  /** The organizations and expertise tags of the volunteers who have slots in the event, sorted. */
  async facets(eventId: string): Promise<SlotFacets> {
    const [row] = await this.db.run(FACETS, [eventId]);
    return { organizations: row?.organizations ?? [], expertise: row?.expertise ?? [] };
  }

  /** Of these volunteers, those with availability or slots in the event. */
  async volunteersOfEvent(eventId: string): Promise<string[]> {
    return (await this.db.run(VOLUNTEERS_OF_EVENT, [eventId])).map((r) => r.volunteer_id);
  }

  async volunteersInEvent(eventId: string, volunteerIds: string[]): Promise<string[]> {
    if (!volunteerIds.length) return [];
    const rows = await this.db.run(VOLUNTEERS_IN_EVENT, [eventId, volunteerIds]);
    return rows.map((r) => r.volunteer_id);
  }
}
