import { Injectable } from '@nestjs/common';
import { In, Repository } from 'typeorm';
import { Database, Tx } from '../database/database';
import { statement } from '../database/statement';
import { Event, EventStatus } from './entities/event.entity';

/** Every column of an event, named as the entity's properties. */
const EVENT_COLUMNS = `id, name, description, location, organizer_name AS "organizerName", organizer_email AS "organizerEmail",
  timezone, starts_at AS "startsAt", ends_at AS "endsAt", booking_opens_at AS "bookingOpensAt", booking_closes_at AS "bookingClosesAt",
  slot_minutes AS "slotMinutes", break_minutes AS "breakMinutes", max_bookings_per_student AS "maxBookingsPerStudent", status,
  min_gap_minutes AS "minGapMinutes", booking_cutoff_minutes AS "bookingCutoffMinutes",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** On the path of every event page, slot page and booking view: prepared. */
const BY_ID = statement('events.by-id', `SELECT ${EVENT_COLUMNS} FROM events WHERE id = $1`, {
  id: 'uuid',
  name: 'varchar',
  description: 'text',
  location: 'varchar',
  organizerName: 'varchar',
  organizerEmail: 'varchar',
  timezone: 'varchar',
  startsAt: 'timestamptz',
  endsAt: 'timestamptz',
  bookingOpensAt: 'timestamptz',
  bookingClosesAt: 'timestamptz',
  slotMinutes: 'int2',
  breakMinutes: 'int2',
  maxBookingsPerStudent: 'int2',
  status: 'varchar',
  minGapMinutes: 'int2',
  bookingCutoffMinutes: 'int4',
  createdAt: 'timestamptz',
  updatedAt: 'timestamptz',
});

@Injectable()
export class EventsRepository {
  constructor(private readonly db: Database) {}

  private get events(): Repository<Event> {
    return this.db.repository(Event);
  }

  create(fields: Partial<Event>): Promise<Event> {
    return this.events.save(this.events.create(fields));
  }

  async findById(id: string): Promise<Event | null> {
    const [row] = await this.db.run(BY_ID, [id]);
    return row ? (row as Event) : null;
  }

  findByIds(ids: string[]): Promise<Event[]> {
    return ids.length ? this.events.findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  list(statuses?: EventStatus[]): Promise<Event[]> {
    const query = this.events.createQueryBuilder('e').orderBy('e.starts_at', 'ASC').addOrderBy('e.id');
    if (statuses) query.where('e.status IN (:...statuses)', { statuses });
    return query.getMany();
  }


  /**
   * Locks the event against concurrent edits. FOR NO KEY UPDATE, not FOR UPDATE: bookings'
   * foreign-key checks (FOR KEY SHARE) keep going while staff edit the event.
   */
  findForUpdate(tx: Tx, id: string): Promise<Event | null> {
    return tx.getRepository(Event).findOne({ where: { id }, lock: { mode: 'for_no_key_update' } });
  }

  /**
   * FOR UPDATE: also waits for, and then holds off, bookings being inserted (the booking-limit
   * trigger reads the event FOR KEY SHARE). Only an edit of maxBookingsPerStudent needs it.
   */
  findForUpdateHoldingBookings(tx: Tx, id: string): Promise<Event | null> {
    return tx.getRepository(Event).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** FOR SHARE: conflicts with findForUpdate, so an edit waits for the holder's commit, and vice versa. */
  findForShare(tx: Tx, id: string): Promise<Event | null> {
    return tx.getRepository(Event).findOne({ where: { id }, lock: { mode: 'pessimistic_read' } });
  }

  save(event: Event, tx?: Tx): Promise<Event> {
    return (tx?.getRepository(Event) ?? this.events).save(event);
  }

  /** Deletes a draft only; returns false if the event was published meanwhile. */
  async deleteDraft(id: string): Promise<boolean> {
    const result = await this.events.delete({ id, status: 'draft' });
    return (result.affected ?? 0) > 0;
  }

  /** Issue 13: publishes a closed event again; false when it is not closed. */
  async reopenClosed(id: string): Promise<boolean> {
    const result = await this.events.update({ id, status: 'closed' }, { status: 'published' });
    return (result.affected ?? 0) > 0;
  }

  /** Publishes a draft; a no-op returning false for events already published or closed. */
  async publishDraft(id: string): Promise<boolean> {
    const result = await this.events.update({ id, status: 'draft' }, { status: 'published' });
    return (result.affected ?? 0) > 0;
  }
}
