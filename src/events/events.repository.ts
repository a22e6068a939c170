import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Event, EventStatus } from './entities/event.entity';

@Injectable()
export class EventsRepository {
  constructor(@InjectRepository(Event) private readonly events: Repository<Event>) {}

  create(fields: Partial<Event>): Promise<Event> {
    return this.events.save(this.events.create(fields));
  }

  findById(id: string): Promise<Event | null> {
    return this.events.findOneBy({ id });
  }

  findByIds(ids: string[]): Promise<Event[]> {
    return ids.length ? this.events.findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  list(statuses?: EventStatus[]): Promise<Event[]> {
    const query = this.events.createQueryBuilder('e').orderBy('e.starts_at', 'ASC').addOrderBy('e.id');
    if (statuses) query.where('e.status IN (:...statuses)', { statuses });
    return query.getMany();
  }

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.events.manager.transaction(work);
  }

  /**
   * Locks the event against concurrent edits. FOR NO KEY UPDATE, not FOR UPDATE: bookings'
   * foreign-key checks (FOR KEY SHARE) keep going while staff edit the event.
   */
  findForUpdate(tx: EntityManager, id: string): Promise<Event | null> {
    return tx.getRepository(Event).findOne({ where: { id }, lock: { mode: 'for_no_key_update' } });
  }

  /** FOR SHARE: conflicts with findForUpdate, so an edit waits for the holder's commit, and vice versa. */
  findForShare(tx: EntityManager, id: string): Promise<Event | null> {
    return tx.getRepository(Event).findOne({ where: { id }, lock: { mode: 'pessimistic_read' } });
  }

  save(event: Event, tx?: EntityManager): Promise<Event> {
    return (tx?.getRepository(Event) ?? this.events).save(event);
  }

  /** Deletes a draft only; returns false if the event was published meanwhile. */
  async deleteDraft(id: string): Promise<boolean> {
    const result = await this.events.delete({ id, status: 'draft' });
    return (result.affected ?? 0) > 0;
  }

  /** Publishes a draft; a no-op returning false for events already published or closed. */
  async publishDraft(id: string): Promise<boolean> {
    const result = await this.events.update({ id, status: 'draft' }, { status: 'published' });
    return (result.affected ?? 0) > 0;
  }
}
