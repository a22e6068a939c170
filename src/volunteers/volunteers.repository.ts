import { Injectable } from '@nestjs/common';
import { Raw, Repository } from 'typeorm';
import { escapeLike } from '../common/database/sql';
import { Volunteer } from './entities/volunteer.entity';
import { Database } from '../database/database';

@Injectable()
export class VolunteersRepository {
  constructor(private readonly db: Database) {}
  private get volunteers(): Repository<Volunteer> {
    return this.db.repository(Volunteer);
  }

  create(fields: Partial<Volunteer>): Promise<Volunteer> {
    return this.volunteers.save(this.volunteers.create(fields));
  }

  findById(id: string): Promise<Volunteer | null> {
    return this.volunteers.findOneBy({ id });
  }

  /** One array parameter, so any number of ids stays below PostgreSQL's 65,535 bind parameters. */
  findByIds(ids: string[]): Promise<Volunteer[]> {
    return ids.length ? this.volunteers.findBy({ id: Raw((column) => `${column} = ANY(:ids::uuid[])`, { ids }) }) : Promise.resolve([]);
  }

  findByEmail(email: string): Promise<Volunteer | null> {
    return this.volunteers.findOneBy({ email });
  }

  /** Keyset page ordered by (name, id); optional search in name, e-mail and organization. */
  page(limit: number, after?: [string, string], search?: string): Promise<Volunteer[]> {
    const query = this.volunteers.createQueryBuilder('v').orderBy('v.name').addOrderBy('v.id').limit(limit);
    if (after) query.andWhere('(v.name, v.id) > (:name, :id)', { name: after[0], id: after[1] });
    if (search) {
      query.andWhere('(v.name ILIKE :q OR v.email ILIKE :q OR v.organization ILIKE :q)', { q: `%${escapeLike(search)}%` });
    }
    return query.getMany();
  }
}
